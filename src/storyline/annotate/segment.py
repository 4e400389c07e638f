"""Sentences, tokens and lemmas (razdel + pymorphy3)."""

from __future__ import annotations

import functools
import re
from typing import Any

from razdel import sentenize, tokenize

from storyline.model import Span

WORDLIKE = re.compile(r"^[^\W\d_][^\W_]*(?:-[^\W_]+)*$")
# parts of speech that carry no topic: prepositions, conjunctions, particles, pronouns, interjections
FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED"})


def sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans; paragraph breaks always end a sentence."""
    out: list[Span] = []
    offset = 0
    for paragraph in text.split("\n"):
        for s in sentenize(paragraph):
            out.append(Span(offset + s.start, offset + s.stop))
        offset += len(paragraph) + 1
    return tuple(out)


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.stop, t.text) for t in tokenize(text)]


@functools.lru_cache(maxsize=200_000)
def _lemma(morph: Any, word: str) -> tuple[str, bool]:
    parse = morph.parse(word)[0]
    return parse.normal_form, parse.tag.POS in FUNCTION_POS


def lemma(morph: Any, word: str) -> str:
    return _lemma(morph, word.lower())[0]


def content_lemmas(text: str, morph: Any) -> tuple[str, ...]:
    """Lemmas of the content words (letters, not function words) in text order."""
    out: list[str] = []
    for t in tokenize(text):
        word = t.text
        if not WORDLIKE.match(word) or len(word) < 2:
            continue
        norm, is_function = _lemma(morph, word.lower())
        if not is_function:
            out.append(norm)
    return tuple(out)
