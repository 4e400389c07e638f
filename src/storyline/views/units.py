"""Sentences of a story's articles as comparable units: stemmed terms, date mentions, statement test.

Shared by the timeline, the summaries and the outlet comparison. Terms are lower-cased word tokens
without stop words, reduced by the Snowball stemmer of the article's language (Russian, Spanish,
French, Italian, English, ...), so "встретились" and "встретятся" or "manifestantes" and
"manifestante" compare equal without any model.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.clean.notices import notice
from storyline.model import Article, DateMention

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,]\d+)?")
SNOWBALL = {
    "ru": "russian",
    "uk": "russian",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "de": "german",
    "pt": "portuguese",
    "pl": "polish",
}
END_PUNCT = ".!?…»\"”)'"


@functools.cache
def _stemmer(language: str) -> Callable[[str], str]:
    import snowballstemmer

    name = SNOWBALL.get(language)
    if name is None:
        return lambda w: w[:6]
    stem: Callable[[str], str] = snowballstemmer.stemmer(name).stemWord
    return stem


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    from stop_words import LANGUAGE_MAPPING, get_stop_words

    if language not in LANGUAGE_MAPPING:
        return frozenset()
    return frozenset(w.lower() for w in get_stop_words(language))


@functools.lru_cache(maxsize=300_000)
def _term(word: str, language: str) -> str:
    return _stemmer(language)(word)


def stem(word: str, language: str | None) -> str:
    return _term(word.lower(), language or "ru")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def terms(text: str, language: str | None) -> tuple[str, ...]:
    """Stemmed content words of ``text`` (numbers kept as they are)."""
    lang = language or "ru"
    stops = stop_words(lang)
    out = []
    for w in WORD.findall(text.lower()):
        if w[0].isdigit():
            out.append(w)
        elif len(w) > 1 and w not in stops:
            out.append(_term(w, lang))
    return tuple(out)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence (or the title) of one article."""

    article_id: str
    index: int  # sentence number in the article; -1 for the title
    start: int
    stop: int
    text: str
    terms: tuple[str, ...]
    dates: tuple[DateMention, ...]
    published: str | None
    source: str | None
    language: str | None

    @property
    def bag(self) -> Counter[str]:
        return Counter(self.terms)


# ---------------------------------------------------------------- statement rules
# Each rule returns True when a sentence is NOT a statement a reader could be shown on its own.
def too_short(u: Unit, min_words: int = 5) -> bool:
    return len(words(u.text)) < min_words


def unfinished(u: Unit) -> bool:
    """Headings, captions, menus and tag lines end without sentence punctuation (titles excepted)."""
    return u.index >= 0 and not u.text.rstrip().endswith(tuple(END_PUNCT))


def mostly_date(u: Unit) -> bool:
    """A line that is mostly a date ("7 октября 1952 года" in a person card)."""
    covered = sum(d.stop - d.start for d in u.dates)
    return covered > 0.4 * len(u.text.strip())


def caption(u: Unit) -> bool:
    return bool(re.match(r"^\W*(фото|photo|foto|видео|video|источник|source|fuente)\b", u.text, re.I))


def notice_sentence(u: Unit) -> bool:
    """A notice of the outlet about itself, not news (``clean.notices``): "Este post es parte de
    nuestra cobertura especial Protestas en Yemen 2011.", "Encontrará más información en nuestras
    Políticas de privacidad.", "Подписывайтесь на наш канал в Telegram". Articles cleaned before the
    clean stage dropped such lines still hold them; the views skip them."""
    return notice(u.text) is not None


STATEMENT_RULES: tuple[Callable[[Unit], bool], ...] = (
    too_short,
    unfinished,
    mostly_date,
    caption,
    notice_sentence,
)


def is_statement(u: Unit) -> bool:
    return not any(rule(u) for rule in STATEMENT_RULES)


# ---------------------------------------------------------------- building units
def _sentence_spans(article: Article) -> list[tuple[int, int]]:
    if article.sentences:
        return [(s.start, s.stop) for s in article.sentences]
    spans = []
    for m in re.finditer(r"[^\n]+", article.text):
        spans.append((m.start(), m.end()))
    return spans


def article_units(article: Article, max_chars: int = 100_000) -> list[Unit]:
    """The title (index -1) and every sentence of the article, with the date mentions inside it."""
    lang = article.language
    out: list[Unit] = []
    if article.title:
        out.append(
            Unit(
                article.id,
                -1,
                -1,
                -1,
                article.title.strip(),
                terms(article.title, lang),
                (),
                article.published,
                article.source,
                lang,
            )
        )
    dates = sorted(article.dates, key=lambda d: d.start)
    k = 0
    for i, (start, stop) in enumerate(_sentence_spans(article)):
        if start >= max_chars:
            break
        text = article.text[start:stop]
        while k < len(dates) and dates[k].start < start:
            k += 1
        inside = []
        j = k
        while j < len(dates) and dates[j].start < stop:
            if dates[j].stop <= stop:
                inside.append(dates[j])
            j += 1
        out.append(
            Unit(
                article.id,
                i,
                start,
                stop,
                text.strip(),
                terms(text, lang),
                tuple(inside),
                article.published,
                article.source,
                lang,
            )
        )
    return out


def document_frequency(units: Iterable[Unit]) -> Counter[str]:
    """In how many articles each term occurs."""
    seen: dict[str, set[str]] = {}
    for u in units:
        for t in set(u.terms):
            seen.setdefault(t, set()).add(u.article_id)
    return Counter({t: len(a) for t, a in seen.items()})


def weighted(bag: Mapping[str, int], df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """Term counts weighted by a smoothed inverse document frequency (a term in every article of the
    set weighs little, so names shared by the whole story do not make two sentences alike)."""
    return {t: c * math.log((1 + n_docs) / (0.5 + min(df.get(t, 0), n_docs))) for t, c in bag.items()}


def outlet_of(source: str | None, article_id: str) -> str:
    return source or f"article {article_id}"


def centroid(vectors: Sequence[Mapping[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for v in vectors:
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        for t, x in v.items():
            out[t] = out.get(t, 0.0) + x / norm
    return out


def unit_matrix(vectors: Sequence[Mapping[str, float]]) -> Any:
    """Rows of L2-normalised term weights as a sparse matrix (row products are cosines)."""
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, v in enumerate(vectors):
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        for t, x in v.items():
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
            vals.append(x / norm)
    return csr_matrix((vals, (rows, cols)), shape=(len(vectors), max(1, len(vocab))))
