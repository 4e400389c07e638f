"""Headlines and cited extractive summaries of events and stories.

Headline: the existing title closest to what all the articles say (stemmed-term cosine to every
title and lead), minus a penalty for each clickbait rule it trips. Summary: sentences chosen greedily
by centrality and by how many articles report them, skipping any sentence too like one already
chosen; every sentence cites each article that has a sentence saying the same thing.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.config import ViewConfig
from storyline.model import Article, Citation
from storyline.views.units import (
    Unit,
    article_units,
    caption,
    centroid,
    cosine,
    document_frequency,
    is_statement,
    mostly_date,
    notice_sentence,
    unfinished,
    unit_matrix,
    weighted,
    words,
)

# ---------------------------------------------------------------- clickbait rules (True = bait)
TEASER_START = re.compile(
    r"^(?:как|что|почему|зачем|кто|где|когда|сколько|чем|какие|каким|какой|вот|how|what|why|who|"
    r"cómo|qué|por qué|quién|comment|pourquoi|qui|quoi|come|perché|chi|cosa)\b",
    re.IGNORECASE,
)
TEASER_WORDS = re.compile(
    r"\b(?:раскрыл[аи]?|стало известно|вот что|шок\w*|неожиданн\w*|оценил[аи]?,? (?:приведет|ли)|"
    r"рассказал[аи]?,? (?:что|как|почему)|назван[аы]? причин\w*|you won't|revealed|this is why|"
    r"lo que|ce que|ecco)\b",
    re.IGNORECASE,
)


def question(title: str) -> bool:
    return title.rstrip().endswith("?")


def exclamation(title: str) -> bool:
    return "!" in title


def teaser_start(title: str) -> bool:
    return bool(TEASER_START.match(title.strip()))


def teaser_words(title: str) -> bool:
    return bool(TEASER_WORDS.search(title))


def too_short(title: str) -> bool:
    return len(words(title)) < 4


def too_long(title: str) -> bool:
    return len(words(title)) > 22


CLICKBAIT_RULES: tuple[Callable[[str], bool], ...] = (
    question,
    exclamation,
    teaser_start,
    teaser_words,
    too_short,
    too_long,
)


def clickbait(title: str) -> list[str]:
    return [rule.__name__ for rule in CLICKBAIT_RULES if rule(title)]


LIST_MARKER = re.compile(r"^\s*(?:[-–—•*·]\s|\d{1,3}[.)]\s)")
OPENING_QUOTES = '«"“„'


def list_item(text: str) -> bool:
    """ "- 15 marzo: Primeras protestas bajo el lema …": an item of a list, not a headline."""
    return bool(LIST_MARKER.match(text))


def quote_fragment(text: str) -> bool:
    """'"Queremos ver un régimen fundamentalmente diferente.': a quotation cut by the sentence splitter
    (it opens a quote it never closes)."""
    t = text.strip()
    if not t or t[0] not in OPENING_QUOTES:
        return False
    opened = sum(t.count(q) for q in "«“„") + t.count('"') // 2 + t.count('"') % 2
    closed = sum(t.count(q) for q in "»”") + t.count('"') // 2
    return opened > closed


def not_a_headline(text: str) -> list[str]:
    """Why a sentence of an untitled article would make a poor headline (clickbait rules too)."""
    return clickbait(text) + [r.__name__ for r in (list_item, quote_fragment) if r(text)]


def first_line_headline(units: Sequence[Unit]) -> Unit | None:
    """An untitled article whose text opens with a headline-like line ("Alemania sopesa apoyar bombardeos
    sobre Siria": no end punctuation, 4–22 words, not a caption, date or notice) has that line for a
    title (index -1)."""
    first = next((u for u in units if u.index >= 0 and u.text.strip()), None)
    if first is None or not unfinished(first) or too_short(first.text) or too_long(first.text):
        return None
    if caption(first) or mostly_date(first) or notice_sentence(first) or list_item(first.text):
        return None
    return dataclasses.replace(first, index=-1)


def _lead_units(articles: Sequence[Article], config: ViewConfig) -> list[Unit]:
    out = []
    for a in articles:
        units = article_units(a, config.max_article_chars)
        titles = [u for u in units if u.index < 0 and not notice_sentence(u)]
        if not a.title and (found := first_line_headline(units)) is not None:
            titles = [found]
        out += titles + [u for u in units if u.index >= 0 and is_statement(u)][:2]
    return out


def headline(articles: Sequence[Article], config: ViewConfig | None = None) -> str | None:
    """The title most outlets' wording is closest to, unless it is clickbait; else the best lead."""
    if not articles:
        return None
    config = config or ViewConfig()
    leads = _lead_units(articles, config)
    if not leads:
        return articles[0].text[:160] or None
    df = document_frequency(leads)
    vecs = [weighted(u.bag, df, len(articles)) for u in leads]
    center = centroid(vecs)
    titled = [(u, v) for u, v in zip(leads, vecs, strict=True) if u.index < 0]
    options = titled or [(u, v) for u, v in zip(leads, vecs, strict=True) if len(u.text) <= 200]
    if not options:
        return leads[0].text[:160]

    def score(item: tuple[Unit, dict[str, float]]) -> tuple[float, int]:
        u, v = item
        faults = clickbait(u.text) if u.index < 0 else not_a_headline(u.text)
        return (cosine(v, center) - 0.5 * len(faults), -len(u.text))

    return max(options, key=score)[0].text


# ---------------------------------------------------------------- extractive summaries
@dataclass(frozen=True, slots=True)
class Scored:
    unit: Unit
    vector: dict[str, float]
    centrality: float
    cited: tuple[str, ...]  # articles with a sentence saying the same thing

    @property
    def score(self) -> float:
        lead = 0.15 if 0 <= self.unit.index <= 2 else 0.0
        return self.centrality * (1 + 0.5 * math.log(len(self.cited))) + lead


def candidates(articles: Sequence[Article], config: ViewConfig) -> list[Scored]:
    everything = [u for a in articles for u in article_units(a, config.max_article_chars)]
    units = [u for u in everything if u.index >= 0 and is_statement(u) and 8 <= len(words(u.text)) <= 45]
    if not units:
        return []
    titles = [u for u in everything if u.index < 0]  # a title that says the same also cites its article
    df = document_frequency(units + titles)
    vecs = [weighted(u.bag, df, len(articles)) for u in units]
    m = unit_matrix(vecs + [weighted(u.bag, df, len(articles)) for u in titles])
    center = np.asarray(m[: len(units)].sum(axis=0)).ravel()
    center /= np.linalg.norm(center) or 1.0
    central = m[: len(units)] @ center
    top = np.argsort(-central)[: config.summary_pool]
    sims = (m[top] @ m.T).toarray()
    ids = [u.article_id for u in units + titles]
    out = []
    for row, i in enumerate(top):
        cited = [ids[i]]
        for j in np.nonzero(sims[row] >= config.cite_threshold)[0]:
            if ids[j] not in cited:
                cited.append(ids[j])
        out.append(Scored(units[i], vecs[i], float(central[i]), tuple(cited)))
    return out


def pick(
    pool: Sequence[Scored], chosen: list[Scored], n: int, redundancy: float, keep_order: bool = False
) -> list[Scored]:
    """Up to ``n`` of ``pool`` (best score first, or in the given order), none too like another."""
    picked: list[Scored] = []
    for s in pool if keep_order else sorted(pool, key=lambda s: -s.score):
        if len(picked) >= n:
            break
        if all(cosine(s.vector, c.vector) < redundancy for c in chosen + picked):
            picked.append(s)
    return picked


def _cite(s: Scored, order: dict[str, int]) -> Citation:
    return Citation(s.unit.text, tuple(sorted(s.cited, key=lambda a: order.get(a, 0))))


def event_summary(articles: Sequence[Article], config: ViewConfig | None = None) -> tuple[Citation, ...]:
    """3–6 sentences (fewer only when the articles have fewer), most reported and central first."""
    config = config or ViewConfig()
    pool = candidates(articles, config)
    picked = pick(pool, [], max(3, min(6, config.summary_sentences)), config.redundancy)
    order = {a.id: k for k, a in enumerate(articles)}
    picked.sort(key=lambda s: (order.get(s.unit.article_id, 0), s.unit.index))
    return tuple(_cite(s, order) for s in picked)


def story_summary(articles: Sequence[Article], config: ViewConfig | None = None) -> tuple[Citation, ...]:
    """What the story is (its most central, most reported sentence), the main developments, and where
    it stands now (the most central sentences of its latest day's articles), in that order."""
    config = config or ViewConfig()
    pool = candidates(articles, config)
    if not pool:
        return ()
    n = max(3, min(6, config.summary_sentences))
    days = sorted({a.day for a in articles if a.day})
    latest = days[-1] if days else None
    what = pick(pool, [], 1, config.redundancy)
    now_pool = [s for s in pool if latest and s.unit.published and s.unit.published[:10] == latest]
    now = pick(now_pool, what, 2 if len(days) > 1 else 1, config.redundancy)
    middle = pick(pool, what + now, n - len(what) - len(now), config.redundancy)
    order = {a.id: k for k, a in enumerate(articles)}
    middle.sort(key=lambda s: ((s.unit.published or ""), order.get(s.unit.article_id, 0), s.unit.index))
    return tuple(_cite(s, order) for s in what + middle + now)
