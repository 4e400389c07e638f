"""Fixed-size timelines (the standard timeline-summarization setting): the n best days, k sentences each.

**Days.** Every day is scored from distinct articles, in the spirit of DATEWISE (Ghalandari & Ifrim
2020) and Tran et al. (2013): articles that date the day in their text (``mentions``: explicit,
day-granular; month and year mentions never count as days), those of them published later (the day
is looked back on), articles published that day and articles published the next day (news of the
day appears a day late). Score = sum of ``weight * log(1 + articles)``. A mention in a sentence
unlike the story (tf-idf cosine to the story centroid under ``day_min_relevance``) is off-topic and
does not count.

**Sentences.** The candidates of a day are the sentences that date it in the text, and the leads of
the articles published that day or the next: their title and standfirst lines ("heads") and their
first statements without a date of their own. Each candidate is scored by its tf-idf cosine to the
centroid of the day's candidates (what the day's sources agree on) plus ``topic_weight`` times its
cosine to the story centroid, plus a bonus by kind (heads are short, self-contained statements of the
news; dated sentences name the day). The best ``per_date`` whole sentences are kept, skipping one too
like a sentence already kept; a sentence is used for one day only.

**Filling.** When the days with candidates run out before ``n_dates`` (few articles, long gold
timelines), the days up to ``fill_window`` days before a publication are added (``fill_days``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from storyline.config import ViewConfig
from storyline.model import Article
from storyline.views.timeline.dating import Mention, mentions
from storyline.views.units import (
    Unit,
    article_units,
    caption,
    centroid,
    cosine,
    document_frequency,
    is_statement,
    notice_sentence,
    too_short,
    weighted,
    words,
)

Kind = Literal["head", "dated", "lead"]
Span = tuple[date, date]


# ---------------------------------------------------------------- the story's sentences
@dataclass(frozen=True, slots=True)
class Pool:
    """The story's sentences per article, with the tf-idf weights that compare them."""

    statements: Mapping[str, tuple[Unit, ...]]  # body statements per article, in text order
    heads: Mapping[str, tuple[Unit, ...]]  # title and standfirst lines per article
    published: Mapping[str, date]
    df: Mapping[str, int]
    n_docs: int
    story: Mapping[str, float]  # centroid of all statements
    boilerplate: frozenset[str]  # lines repeated across articles (``repeated_lines``)

    def vector(self, u: Unit) -> dict[str, float]:
        return weighted(u.bag, self.df, self.n_docs)


def _heads(units: Sequence[Unit], lines: int) -> tuple[Unit, ...]:
    """The title and the undated lines among the first ``lines`` that are not sentences (standfirsts)."""
    out = [u for u in units if u.index < 0 and not (too_short(u) or notice_sentence(u))]
    out += [
        u
        for u in units
        if 0 <= u.index < lines
        and not u.dates
        and not (too_short(u) or caption(u) or notice_sentence(u) or is_statement(u))
    ]
    return tuple(out)


def _key(u: Unit) -> str:
    return " ".join(words(u.text.lower()))


def repeated_lines(units: Mapping[str, Sequence[Unit]], min_articles: int) -> set[str]:
    """Lines that occur word for word in ``min_articles`` or more articles: the outlet's boilerplate
    ("Ce billet fait partie du dossier de Global Voices sur …"), not news of the story."""
    seen: dict[str, set[str]] = {}
    for aid, us in units.items():
        for u in us:
            seen.setdefault(_key(u), set()).add(aid)
    return {k for k, ids in seen.items() if len(ids) >= min_articles}


def sentence_pool(articles: Sequence[Article], config: ViewConfig) -> Pool:
    units: dict[str, list[Unit]] = {}
    published: dict[str, date] = {}
    for a in articles:
        if a.day:
            units[a.id] = article_units(a, config.max_article_chars)
            published[a.id] = date.fromisoformat(a.day)
    boilerplate = repeated_lines(units, config.boilerplate_articles)
    statements: dict[str, tuple[Unit, ...]] = {}
    heads: dict[str, tuple[Unit, ...]] = {}
    for aid, us in units.items():
        kept = [u for u in us if _key(u) not in boilerplate]
        statements[aid] = tuple(u for u in kept if u.index >= 0 and is_statement(u))
        heads[aid] = _heads(kept, config.candidate_heads)
    every = [u for us in statements.values() for u in us]
    df = document_frequency(every)
    story = centroid([weighted(u.bag, df, len(statements)) for u in every])
    return Pool(statements, heads, published, df, len(statements), story, frozenset(boilerplate))


# ---------------------------------------------------------------- days
@dataclass(frozen=True, slots=True)
class DayEvidence:
    dated: frozenset[str] = frozenset()  # articles that date the day in their text
    later: frozenset[str] = frozenset()  # of those, published after the day
    published: frozenset[str] = frozenset()  # articles published that day
    next_day: frozenset[str] = frozenset()  # articles published the next day


def day_mentions(ms: Sequence[Mention], pool: Pool, config: ViewConfig) -> dict[date, list[Mention]]:
    """Explicit day-granular mentions by day, without off-topic sentences."""
    out: dict[date, list[Mention]] = {}
    for m in ms:
        if not (m.explicit and m.is_day) or m.unit.article_id not in pool.published:
            continue
        if cosine(pool.vector(m.unit), pool.story) < config.day_min_relevance:
            continue
        out.setdefault(m.lo, []).append(m)
    return out


def day_evidence(by_day: Mapping[date, Sequence[Mention]], pool: Pool) -> dict[date, DayEvidence]:
    sets: dict[date, dict[str, set[str]]] = {}

    def slot(d: date) -> dict[str, set[str]]:
        return sets.setdefault(d, {"dated": set(), "later": set(), "published": set(), "next_day": set()})

    for d, ms in by_day.items():
        for m in ms:
            aid = m.unit.article_id
            slot(d)["dated"].add(aid)
            if pool.published[aid] > d:
                slot(d)["later"].add(aid)
    for aid, day in pool.published.items():
        slot(day)["published"].add(aid)
        slot(day - timedelta(days=1))["next_day"].add(aid)
    return {d: DayEvidence(**{k: frozenset(v) for k, v in s.items()}) for d, s in sets.items()}


def day_score(e: DayEvidence, config: ViewConfig) -> float:
    return (
        config.day_text_weight * math.log1p(len(e.dated))
        + config.day_later_weight * math.log1p(len(e.later))
        + config.day_published_weight * math.log1p(len(e.published))
        + config.day_next_weight * math.log1p(len(e.next_day))
    )


def rank_days(
    evidence: Mapping[date, DayEvidence], config: ViewConfig, span: Span | None = None
) -> list[tuple[date, float]]:
    """Days (inside ``span`` when given) by score, best first; earlier day first on ties."""
    inside = (d for d in evidence if span is None or span[0] <= d <= span[1])
    scored = [(d, day_score(evidence[d], config)) for d in inside]
    return sorted(scored, key=lambda x: (-x[1], x[0]))


# ---------------------------------------------------------------- sentences of a day
@dataclass(frozen=True, slots=True)
class Candidate:
    unit: Unit
    kind: Kind


def candidates(
    d: date, by_day: Mapping[date, Sequence[Mention]], pool: Pool, config: ViewConfig
) -> list[Candidate]:
    """Sentences dating ``d`` and the leads (heads, first undated statements) of articles published
    on ``d`` or the next day; one candidate per sentence, the strongest kind kept."""
    found: dict[tuple[str, int], Candidate] = {}
    for m in by_day.get(d, ()):
        if _key(m.unit) not in pool.boilerplate:
            found[(m.unit.article_id, m.unit.index)] = Candidate(m.unit, "dated")
    for aid, day in pool.published.items():
        if day != d and day - timedelta(days=1) != d:
            continue
        for u in pool.heads[aid]:
            found[(aid, u.index)] = Candidate(u, "head")
        for u in [u for u in pool.statements[aid] if not u.dates][: config.candidate_leads]:
            found.setdefault((aid, u.index), Candidate(u, "lead"))
    return [c for c in found.values() if fits(c, config)]


def fits(c: Candidate, config: ViewConfig) -> bool:
    """A whole sentence of reasonable length: not a caption or fragment, not run-on crawl text."""
    return config.min_sentence_words <= len(words(c.unit.text)) <= config.max_sentence_words


def rank_candidates(
    cs: Sequence[Candidate], pool: Pool, config: ViewConfig
) -> list[tuple[Candidate, dict[str, float]]]:
    """Candidates with their vectors, best first (day consensus + story relevance + kind bonus)."""
    vectors = [pool.vector(c.unit) for c in cs]
    day = centroid(vectors)
    bonus = {"head": config.head_bonus, "dated": config.dated_bonus, "lead": 0.0}

    def score(i: int) -> float:
        v = vectors[i]
        return cosine(v, day) + config.topic_weight * cosine(v, pool.story) + bonus[cs[i].kind]

    order = sorted(range(len(cs)), key=lambda i: (-score(i), cs[i].unit.article_id, cs[i].unit.index))
    return [(cs[i], vectors[i]) for i in order]


def day_summaries(
    ranked: Sequence[tuple[date, float]],
    by_day: Mapping[date, Sequence[Mention]],
    pool: Pool,
    n_dates: int,
    per_date: int,
    config: ViewConfig,
) -> dict[date, list[str]]:
    """The first ``n_dates`` ranked days that have candidates, ``per_date`` sentences each, none reused."""
    out: dict[date, list[str]] = {}
    used: set[str] = set()
    for d, _ in ranked:
        if len(out) >= n_dates:
            break
        chosen = pick(candidates(d, by_day, pool, config), pool, per_date, used, config)
        if chosen:
            out[d] = chosen
    return out


def pick(cs: Sequence[Candidate], pool: Pool, per_date: int, used: set[str], config: ViewConfig) -> list[str]:
    """The best ``per_date`` candidates of one day: none in ``used`` (a sentence serves one day; ``used``
    grows with the ones taken), none too like one already taken for the day."""
    chosen: list[tuple[str, dict[str, float]]] = []
    for c, v in rank_candidates(cs, pool, config):
        if len(chosen) >= per_date:
            break
        if c.unit.text in used or any(cosine(v, w) >= config.sentence_redundancy for _, w in chosen):
            continue
        chosen.append((c.unit.text, v))
        used.add(c.unit.text)
    return [text for text, _ in chosen]


def fill_days(
    found: Mapping[date, list[str]],
    pool: Pool,
    n_dates: int,
    per_date: int,
    config: ViewConfig,
    span: Span | None,
) -> dict[date, list[str]]:
    """``found`` and, when its dated days run out before ``n_dates``, the days just before publications:
    a day gets the heads and statements of the articles published within ``fill_window`` days after
    it (news of a day appears in the days after it), days with more and closer articles first."""
    out = dict(found)
    if len(out) >= n_dates or config.fill_window <= 0 or not pool.published:
        return out
    first, last = span or (min(pool.published.values()), max(pool.published.values()))
    sources: dict[date, list[str]] = {}
    for aid, day in pool.published.items():
        for back in range(config.fill_window + 1):
            d = day - timedelta(days=back)
            if first <= d <= last and d not in out:
                sources.setdefault(d, []).append(aid)

    def closeness(d: date) -> float:
        return sum(1 / ((pool.published[a] - d).days + 1) for a in sources[d])

    used = {s for texts in out.values() for s in texts}
    for d in sorted(sources, key=lambda d: (-closeness(d), d)):
        if len(out) >= n_dates:
            break
        cs = [Candidate(u, "head") for a in sources[d] for u in pool.heads[a]]
        cs += [Candidate(u, "lead") for a in sources[d] for u in pool.statements[a] if not u.dates]
        chosen = pick([c for c in cs if fits(c, config)], pool, per_date, used, config)
        if chosen:
            out[d] = chosen
    return out


def fixed_timeline(
    articles: Sequence[Article],
    n_dates: int,
    per_date: int,
    config: ViewConfig,
    span: Span | None = None,
    morph: Any = None,
) -> dict[date, list[str]]:
    """A timeline of ``n_dates`` days (inside ``span`` when given) with ``per_date`` sentences each."""
    pool = sentence_pool(articles, config)
    return timeline_from(pool, mentions(articles, config, morph), n_dates, per_date, config, span)


def timeline_from(
    pool: Pool,
    ms: Sequence[Mention],
    n_dates: int,
    per_date: int,
    config: ViewConfig,
    span: Span | None = None,
) -> dict[date, list[str]]:
    """``fixed_timeline`` from a prepared pool and mentions (a parameter search reuses them)."""
    by_day = day_mentions(ms, pool, config)
    ranked = rank_days(day_evidence(by_day, pool), config, span)
    out = fill_days(
        day_summaries(ranked, by_day, pool, n_dates, per_date, config), pool, n_dates, per_date, config, span
    )
    return dict(sorted(out.items()))
