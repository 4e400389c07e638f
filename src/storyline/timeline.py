"""Dated happenings of a story, from all its articles, merged and cited.

Every sentence that carries a resolved date mention (and the lead of every article, dated by its
publication day) is a *mention* of a happening. Mentions pass a list of small named rules that keep
out what is not a happening (person cards, "since"/"until" boundaries, long periods, plans announced
for later). Mentions of one day that say the same thing (stemmed-term cosine) merge into one
happening; a month or season mention merges into the day happening inside it that it resembles.
Each happening becomes one entry: the date at its granularity, a short statement taken from its most
central sentence, and every article that mentions it.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storyline.config import ViewConfig
from storyline.model import Article, DateMention, Granularity, TimelineEntry
from storyline.summarize import clickbait
from storyline.units import (
    Unit,
    article_units,
    centroid,
    cosine,
    is_statement,
)

GRANULARITY_RANK = {"day": 0, "month": 1, "year": 2}


# ---------------------------------------------------------------- resolved dates
def _bound(part: str, upper: bool) -> date | None:
    try:
        bits = [int(x) for x in part.split("-")]
    except ValueError:
        return None
    try:
        if len(bits) == 3:
            return date(bits[0], bits[1], bits[2])
        if len(bits) == 2:
            day = calendar.monthrange(bits[0], bits[1])[1] if upper else 1
            return date(bits[0], bits[1], day)
        if len(bits) == 1:
            return date(bits[0], 12, 31) if upper else date(bits[0], 1, 1)
    except ValueError:
        return None
    return None


def date_range(value: str) -> tuple[date, date] | None:
    """First and last day covered by an ISO value ("2025-10-24", "2024-12", "2025", "2025-06/2025-08")."""
    first, _, last = value.partition("/")
    lo = _bound(first, False)
    hi = _bound(last or first, True)
    if lo is None or hi is None or hi < lo:
        return None
    return lo, hi


@dataclass(frozen=True, slots=True)
class Mention:
    unit: Unit
    value: str
    granularity: Granularity
    lo: date
    hi: date
    explicit: bool  # a date in the text (False: the lead, dated by publication day)
    date_start: int  # offset of the date inside the unit text (-1 for publication-day mentions)


# ---------------------------------------------------------------- mention rules
# Each rule returns True when the mention is NOT a dated happening.
BOUNDARY = re.compile(
    r"(?:^|\s)(?:с|со|до|начиная\s+с|since|until|from|desde|hasta|depuis|jusqu'(?:au|en|à)|"
    r"dal|dall'|dalla|fino\s+al|fino\s+a|a\s+partire\s+d[a-z']*)\s*$",
    re.IGNORECASE,
)
BOUNDARY_IN_TEXT = re.compile(r"^(?:с|со|до|since|until|desde|hasta|depuis|dal|fino)\s", re.IGNORECASE)


def boundary(m: Mention, d: DateMention) -> bool:
    """ "не встречались с октября 2024 года": the start or end of a duration, not a happening."""
    before = m.unit.text[max(0, m.date_start - 14) : m.date_start] if m.date_start >= 0 else ""
    return bool(BOUNDARY.search(before) or BOUNDARY_IN_TEXT.match(d.text))


def long_period(m: Mention, d: DateMention, max_days: int = 100) -> bool:
    """ "в 2001–2011 годах": a period longer than a season is background, not one happening."""
    if d.granularity == "year" and "/" not in m.value:
        return False
    return (m.hi - m.lo).days > max_days


def after_publication(m: Mention, d: DateMention) -> bool:
    """A date after the article appeared is a plan or a schedule, not something that happened."""
    if not m.unit.published:
        return False
    try:
        return m.lo > date.fromisoformat(m.unit.published[:10])
    except ValueError:
        return False


MENTION_RULES: tuple[Callable[[Mention, DateMention], bool], ...] = (boundary, long_period, after_publication)


def _tenses(text: str, morph: Any) -> set[str]:
    out = set()
    for w in re.findall(r"[А-Яа-яЁё]+", text):
        tag = morph.parse(w.lower())[0].tag
        if tag.POS == "VERB" and tag.tense:
            out.add(str(tag.tense))
    return out


def date_clause(text: str, at: int) -> str:
    """The clause holding the date: between the punctuation marks around position ``at``."""
    marks = [m.end() for m in re.finditer(r"[,;:—–]\s", text[:at])]
    after = re.search(r"[,;:—–]\s|[.!?]$", text[at:])
    return text[(marks[-1] if marks else 0) : at + (after.start() if after else len(text) - at)]


def future_tense(text: str, morph: Any, at: int = -1) -> bool:
    """A Russian clause whose verbs are all in the future tense announces a plan ("лидер 24 октября
    проведет совещание"); the clause around the date decides, else the whole sentence."""
    tenses = _tenses(date_clause(text, at), morph) if at >= 0 else set()
    if not tenses:
        tenses = _tenses(text, morph)
    return tenses == {"futr"}


def _finest(dates: Sequence[DateMention]) -> list[DateMention]:
    """Within one sentence, drop a mention whose range contains a finer one ("в 2025 году … 7 октября")."""
    ranged = [(d, date_range(d.value)) for d in dates]
    out: list[DateMention] = []
    for d, r in ranged:
        if r is None:
            continue
        covered = any(
            o is not d and q is not None and r[0] <= q[0] and q[1] <= r[1] and (q[1] - q[0]) < (r[1] - r[0])
            for o, q in ranged
        )
        if not covered and all(d.value != x.value for x in out):
            out.append(d)
    return out


def mentions(articles: Sequence[Article], config: ViewConfig, morph: Any = None) -> list[Mention]:
    """Every dated statement in the articles that passes the mention rules."""
    out: list[Mention] = []
    for article in articles:
        position = 0  # statements seen so far: the first lead_sentences are the lead
        for u in article_units(article, config.max_article_chars):
            if not is_statement(u):
                continue
            in_lead = u.index < 0 or position < config.lead_sentences
            position += u.index >= 0
            plan = morph is not None and u.language == "ru"
            if plan and not u.dates and future_tense(u.text, morph, 0):
                continue
            if u.index < 0 and clickbait(u.text):
                continue
            dated = False
            for d in _finest(u.dates):
                r = date_range(d.value)
                if r is None:
                    continue
                m = Mention(u, d.value, d.granularity, r[0], r[1], True, d.start - u.start)
                if plan and future_tense(u.text, morph, m.date_start):
                    continue
                if not any(rule(m, d) for rule in MENTION_RULES):
                    out.append(m)
                    dated = True
            if not dated and not u.dates and article.day and in_lead:
                day = date.fromisoformat(article.day)
                out.append(Mention(u, article.day, "day", day, day, False, -1))
    return out


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


def happenings(articles: Sequence[Article], config: ViewConfig, morph: Any = None) -> list[Happening]:
    ms = mentions(articles, config, morph)
    hs = [h for h in group(ms, config) if not current_period(h)]
    if not hs:
        return []
    story = centroid([h.vector for h in hs])
    return [h for h in hs if relevance(h, story) >= config.min_relevance]


def rank_dates(hs: Sequence[Happening]) -> list[tuple[date, float]]:
    """Days ordered by the support of their happenings (the date-selection step of a timeline)."""
    score: dict[date, float] = {}
    for h in hs:
        if h.granularity == "day" and h.lo == h.hi:
            score[h.lo] = score.get(h.lo, 0.0) + h.support
    return sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))


def to_entry(h: Happening, config: ViewConfig) -> TimelineEntry:
    rep = representative(h)
    return TimelineEntry(h.value, h.granularity, short_statement(rep, config.entry_chars), h.article_ids)


def story_timeline(
    articles: Sequence[Article], config: ViewConfig, morph: Any = None
) -> tuple[TimelineEntry, ...]:
    """The story's timeline: its best-supported happenings, at most ``config.per_date`` a date."""
    hs = happenings(articles, config, morph)
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


def _ranked_members(h: Happening) -> list[Mention]:
    rep = representative(h)
    rest = sorted(
        (m for m in h.members if m is not rep),
        key=lambda m: (-cosine(dict(m.unit.bag), h.vector), not m.explicit, len(m.unit.text)),
    )
    return [rep, *rest]


def day_summaries(
    hs: Sequence[Happening], n_dates: int, per_date: int, redundancy: float
) -> dict[date, list[str]]:
    """A fixed-size timeline (the standard TLS setting): the ``n_dates`` best days, ``per_date``
    sentences each, taken from the day's happenings in order of support, no two alike."""
    days = [d for d, _ in rank_dates(hs)[:n_dates]]
    by_day: dict[date, list[Happening]] = {}
    for h in hs:
        if h.granularity == "day" and h.lo == h.hi:
            by_day.setdefault(h.lo, []).append(h)
    out: dict[date, list[str]] = {}
    for d in days:
        ranked = sorted(by_day[d], key=lambda h: -h.support)
        candidates = [ms[0] for ms in map(_ranked_members, ranked)]
        candidates += [m for h in ranked for m in _ranked_members(h)[1:]]
        chosen: list[Mention] = []
        for m in candidates:
            if len(chosen) >= per_date:
                break
            bag = dict(m.unit.bag)
            if all(cosine(bag, dict(c.unit.bag)) < redundancy for c in chosen):
                chosen.append(m)
        out[d] = [m.unit.text for m in chosen]
    return out
