"""Happenings of a story: dated mentions merged across articles, one cited entry each.

Mentions (``storyline.views.timeline.dating``) of one day that say the same thing (term cosine) merge
into one happening; a month or season mention merges into the day happening inside it that it
resembles. Each happening becomes one entry: the date at its granularity, a short statement taken
from its most central sentence, and every article that mentions it. This is the product timeline of
a story page (``story_timeline``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storyline.config import ViewConfig
from storyline.model import Article, Granularity, TimelineEntry
from storyline.stories.link import day_number
from storyline.views.timeline.dating import Mention, mentions
from storyline.views.units import centroid, cosine

GRANULARITY_RANK = {"day": 0, "month": 1, "year": 2}


# ---------------------------------------------------------------- happenings
@dataclass(slots=True)
class Happening:
    value: str
    granularity: Granularity
    lo: date
    hi: date
    members: list[Mention] = field(default_factory=list)
    vector: dict[str, float] = field(default_factory=dict)

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.unit.article_id for m in self.members))

    @property
    def support(self) -> float:
        """Distinct articles, those that date it in the text counting fully, lead-only ones half."""
        explicit = {m.unit.article_id for m in self.members if m.explicit}
        implicit = {m.unit.article_id for m in self.members} - explicit
        return len(explicit) + 0.5 * len(implicit)

    def add(self, m: Mention, vec: dict[str, float]) -> None:
        self.members.append(m)
        for t, x in vec.items():
            self.vector[t] = self.vector.get(t, 0.0) + x


def group(ms: Sequence[Mention], config: ViewConfig) -> list[Happening]:
    """Merge the mentions of one happening: same day and similar wording; coarser dates into finer."""
    # plain term overlap: words the whole story shares ("крушение", "самолет") matter here
    vecs = [{t: 1.0 for t in m.unit.terms} for m in ms]
    order = sorted(
        range(len(ms)),
        key=lambda i: (GRANULARITY_RANK[ms[i].granularity], (ms[i].hi - ms[i].lo).days, not ms[i].explicit),
    )
    by_day: dict[date, list[Happening]] = {}
    coarse: list[Happening] = []
    for i in order:
        m, vec = ms[i], vecs[i]
        if m.granularity == "day" and m.lo == m.hi:
            pool = by_day.setdefault(m.lo, [])
        else:
            pool = [h for h in coarse if h.value == m.value]
            inside = [h for d, hs in by_day.items() if m.lo <= d <= m.hi for h in hs]
            inside += [h for h in coarse if h.value != m.value and m.lo <= h.lo and h.hi <= m.hi]
            best = max(inside, key=lambda h: cosine(vec, h.vector), default=None)
            if best is not None and cosine(vec, best.vector) >= config.merge_threshold:
                best.add(m, vec)
                continue
        best = max(pool, key=lambda h: cosine(vec, h.vector), default=None)
        if best is not None and cosine(vec, best.vector) >= config.merge_threshold:
            best.add(m, vec)
            continue
        h = Happening(m.value, m.granularity, m.lo, m.hi)
        h.add(m, vec)
        pool.append(h)
        if not (m.granularity == "day" and m.lo == m.hi):
            coarse.append(h)
    return [h for hs in by_day.values() for h in hs] + coarse


# ---------------------------------------------------------------- entry text
CLAUSE = re.compile(r";\s+|,\s+(?=(?:а|но|однако|while|but|mientras|pero|mais|tandis|ma|mentre)\s)")


LEADING_CONJUNCTION = re.compile(r"^(?:а|и|но|однако|and|but|while|y|pero|et|mais|e|ma)\s+", re.IGNORECASE)


def short_statement(m: Mention, max_chars: int) -> str:
    """The sentence, or when it is long the clause that holds the date, cut at a word boundary."""
    text = m.unit.text
    several = len({d.value for d in m.unit.dates}) > 1
    if len(text) <= max_chars and not several:
        return text
    if m.date_start >= 0:
        pos = 0
        for part in CLAUSE.split(text):
            at = text.find(part, pos)
            if at <= m.date_start < at + len(part) + 1 and len(part) >= 40:
                text = part.strip()
                break
            pos = at + len(part)
    lead = LEADING_CONJUNCTION.match(text)
    if lead and text is not m.unit.text:
        text = text[lead.end() :]
        text = text[:1].upper() + text[1:]
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—– ") + "…"


def representative(h: Happening) -> Mention:
    """The member most like the others; dated in the text beats the lead; shorter breaks ties."""
    bags = [dict(m.unit.bag) for m in h.members]

    def key(i: int) -> tuple[float, bool, int]:
        sim = sum(cosine(bags[i], bags[j]) for j in range(len(bags)) if j != i)
        return (round(sim, 3), h.members[i].explicit, -len(h.members[i].unit.text))

    return h.members[max(range(len(h.members)), key=key)]


def relevance(h: Happening, story: dict[str, float]) -> float:
    return cosine(h.vector, story)


def current_period(h: Happening) -> bool:
    """ "в этом году", "ранее в октябре" said in October: a month or year that holds the day every
    mention was published is the present, not a dated happening (unless merged into a finer one)."""
    if h.granularity == "day" and h.lo == h.hi:
        return False
    days = {m.unit.published[:10] for m in h.members if m.unit.published}
    return bool(days) and all(h.lo.isoformat() <= d <= h.hi.isoformat() for d in days)


def names_in(articles: Sequence[Article], ms: Sequence[Mention]) -> dict[int, frozenset[str]]:
    """id(mention) -> ids of the people and organisations named in its sentence."""
    by_id = {a.id: a for a in articles}
    out: dict[int, frozenset[str]] = {}
    for m in ms:
        article = by_id.get(m.unit.article_id)
        entities = article.entities if article is not None else ()
        out[id(m)] = frozenset(
            e.entity_id
            for e in entities
            if e.type in ("PER", "ORG") and m.unit.start <= e.start and e.stop <= m.unit.stop
        )
    return out


def join_same_date(
    hs: list[Happening], names: dict[int, frozenset[str]], config: ViewConfig
) -> list[Happening]:
    """Join the happenings of one date (day, month or year) that are one, best supported first.
    ``names`` maps id(mention) to the people and organisations in its sentence. A happening joins a
    better supported one of the same date when
    - they name the same people or organisations and share some words ("9 октября Путин и Алиев
      встретились в Душанбе" / "В беседе с Путиным Алиев выразил уверенность"), or
    - their wording is now close enough (``merge_threshold``, the grown happening compared), or
    - it is only lead statements dated by publication day, from articles already cited by the other
      one, which some article dates in its text: a lead reports its day's main happening."""
    out: list[Happening] = []

    def named(h: Happening) -> frozenset[str]:
        return frozenset().union(*(names[id(m)] for m in h.members))

    def same(h: Happening, o: Happening) -> bool:
        if (o.lo, o.hi, o.granularity) != (h.lo, h.hi, h.granularity):
            return False
        similarity = cosine(h.vector, o.vector)
        if similarity >= config.merge_threshold:
            return True
        if len(named(h) & named(o)) >= config.same_day_names and similarity >= config.same_day_cosine:
            return True
        lead_only = not any(m.explicit for m in h.members)
        return lead_only and any(m.explicit for m in o.members) and set(h.article_ids) <= set(o.article_ids)

    for h in sorted(hs, key=lambda h: -h.support):
        target = next((o for o in out if same(h, o)), None)
        if target is None:
            out.append(h)
        else:
            for m in h.members:
                target.add(m, {t: 1.0 for t in m.unit.terms})
    return out


def happenings(articles: Sequence[Article], config: ViewConfig, morph: Any = None) -> list[Happening]:
    ms = mentions(articles, config, morph)
    hs = [
        h for h in join_same_date(group(ms, config), names_in(articles, ms), config) if not current_period(h)
    ]
    if not hs:
        return []
    story = centroid([h.vector for h in hs])
    return [h for h in hs if relevance(h, story) >= config.min_relevance]


def to_entry(h: Happening, config: ViewConfig) -> TimelineEntry:
    rep = representative(h)
    return TimelineEntry(h.value, h.granularity, short_statement(rep, config.entry_chars), h.article_ids)


def unsupported_background(h: Happening, articles: Sequence[Article], config: ViewConfig) -> bool:
    """A happening long before the story's first article (``background_days``) that fewer than
    ``background_articles`` articles date: background one article mentions, not a milestone of the story."""
    published = [d for a in articles if (d := day_number(a.published)) is not None]
    if not published:
        return False
    far = h.hi.toordinal() < min(published) - config.background_days
    return far and len(h.article_ids) < config.background_articles


def story_timeline(
    articles: Sequence[Article], config: ViewConfig, morph: Any = None
) -> tuple[TimelineEntry, ...]:
    """The story's timeline: its best-supported happenings, at most ``config.per_date`` a date."""
    hs = [h for h in happenings(articles, config, morph) if not unsupported_background(h, articles, config)]
    hs.sort(key=lambda h: (-h.support, h.lo))
    kept: list[Happening] = []
    per_date: Counter[str] = Counter()
    for h in hs:
        if len(kept) >= config.max_entries:
            break
        if per_date[h.value] >= config.per_date:
            continue
        per_date[h.value] += 1
        kept.append(h)
    kept.sort(key=lambda h: (h.lo, GRANULARITY_RANK[h.granularity], -h.support))
    return tuple(to_entry(h, config) for h in kept)
