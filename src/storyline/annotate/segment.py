"""Sentences (razdel), tokens (one regex pass) and lemmas (pymorphy3).

Russian text gets the lemmas of its content words. Other languages have no lemmatiser here, so they
get their lower-cased words of at least ``MIN_TERM_CHARS`` letters (which drops most function words)
and TF-IDF still has terms to work with. The same tokens feed the NER tagger (``annotate.tagger``),
so an article is tokenised once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from razdel import sentenize

from storyline.model import Span

# words (letters and digits, inner hyphens and apostrophes: "Нью-Йорк", "д'Артаньян") or one symbol
TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]|_")
WORDLIKE = re.compile(r"^[^\W\d_][^\W_]*(?:-[^\W_]+)*$")
# parts of speech that carry no topic: prepositions, conjunctions, particles, pronouns, interjections
FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED"})
MIN_TERM_CHARS = 3
LEMMATISED = frozenset({"ru"})


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    stop: int
    text: str


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0)) for m in TOKEN.finditer(text)]


def sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans; paragraph breaks always end a sentence."""
    out: list[Span] = []
    offset = 0
    for paragraph in text.split("\n"):
        for s in sentenize(paragraph):
            out.append(Span(offset + s.start, offset + s.stop))
        offset += len(paragraph) + 1
    return tuple(out)


@functools.lru_cache(maxsize=200_000)
def _lemma(morph: Any, word: str) -> tuple[str, bool]:
    parse = morph.parse(word)[0]
    return parse.normal_form, parse.tag.POS in FUNCTION_POS


def lemma(morph: Any, word: str) -> str:
    return _lemma(morph, word.lower())[0]


def lemmas_of(tokens: Sequence[Token], morph: Any) -> tuple[str, ...]:
    """Lemmas of the content words (letters, not function words) among ``tokens``, in order."""
    out: list[str] = []
    for t in tokens:
        word = t.text
        if len(word) < 2 or not WORDLIKE.match(word):
            continue
        norm, is_function = _lemma(morph, word.lower())
        if not is_function:
            out.append(norm)
    return tuple(out)


def content_lemmas(text: str, morph: Any) -> tuple[str, ...]:
    """Lemmas of the content words (letters, not function words) in text order."""
    return lemmas_of(tokenize(text), morph)


def word_terms(tokens: Sequence[Token]) -> tuple[str, ...]:
    """Lower-cased words (letters, at least ``MIN_TERM_CHARS`` long) in text order, for any language."""
    return tuple(t.text.lower() for t in tokens if len(t.text) >= MIN_TERM_CHARS and WORDLIKE.match(t.text))


def terms(tokens: Sequence[Token], language: str | None, morph: Any) -> tuple[str, ...]:
    """Content-word lemmas for Russian (and text of unknown language), lower-cased words otherwise."""
    if language is None or language in LEMMATISED:
        return lemmas_of(tokens, morph)
    return word_terms(tokens)
