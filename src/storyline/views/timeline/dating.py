"""Dated mentions: every sentence of a story's articles that dates a happening.

A sentence with a resolved date mention is an *explicit* mention of a happening at that date; the
lead of an article (its title and first ``lead_sentences`` statements without a date) is an
*implicit* mention dated by the publication day. Mentions pass a list of small named rules that keep
out what is not a happening: background dates (birth dates and card lines, ``event_dates`` of the
dates annotator), "since"/"until" boundaries, long periods, plans after the publication day,
publication notes ("pubblicato il 25 gennaio 2012") and, for Russian, clauses in the future tense.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline.annotate.dates import background_reason, event_dates
from storyline.config import ViewConfig
from storyline.model import Article, DateMention, Granularity
from storyline.views.summary import clickbait
from storyline.views.units import Unit, article_units, is_statement


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

    @property
    def is_day(self) -> bool:
        return self.granularity == "day" and self.lo == self.hi


# ---------------------------------------------------------------- mention rules
# Each rule returns True when the mention is NOT a dated happening.
BOUNDARY = re.compile(
    r"(?:^|\s)(?:с|со|до|начиная\s+с|since|until|from|desde|hasta|depuis|jusqu'(?:au|en|à)|"
    r"dal|dall'|dalla|fino\s+al|fino\s+a|a\s+partire\s+d[a-z']*)\s*$",
    re.IGNORECASE,
)
BOUNDARY_IN_TEXT = re.compile(r"^(?:с|со|до|since|until|desde|hasta|depuis|dal|fino)\s", re.IGNORECASE)
PUBLICATION_NOTE = re.compile(
    r"\b(?:опубликован\w*|обновлен\w*|published|updated|posted|publicad[oa]s?|actualizad[oa]s?|"
    r"publié\w*|mis\s+à\s+jour|pubblicat[oaie]|aggiornat[oaie])\b",
    re.IGNORECASE,
)


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


def publication_note(m: Mention, d: DateMention) -> bool:
    """ "Questo articolo è stato pubblicato il 25 gennaio 2012": when the page appeared, not a happening."""
    if m.date_start < 0:
        return False
    return bool(PUBLICATION_NOTE.search(m.unit.text[max(0, m.date_start - 40) : m.date_start]))


MENTION_RULES: tuple[Callable[[Mention, DateMention], bool], ...] = (
    boundary,
    long_period,
    after_publication,
    publication_note,
)


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


def day_heading(article: Article, u: Unit) -> DateMention | None:
    """The day heading of a chronology that ``u`` is ("Martes, 25 de enero" alone on its line)."""
    found = [d for d in u.dates if background_reason(article.text, d) == "heading"]
    return found[-1] if found else None


def mentions(articles: Sequence[Article], config: ViewConfig, morph: Any = None) -> list[Mention]:
    """Every dated statement in the articles that passes the mention rules; a statement without a
    date of its own under a day heading is dated by the heading."""
    out: list[Mention] = []
    for article in articles:
        position = 0  # statements seen so far: the first lead_sentences are the lead
        heading: DateMention | None = None
        for u in article_units(article, config.max_article_chars):
            heading = day_heading(article, u) or heading
            if not is_statement(u):
                continue
            if heading is not None and not u.dates:
                r = date_range(heading.value)
                if r is not None:
                    out.append(Mention(u, heading.value, heading.granularity, r[0], r[1], True, 0))
                    continue
            in_lead = u.index < 0 or position < config.lead_sentences
            position += u.index >= 0
            plan = morph is not None and u.language == "ru"
            if plan and not u.dates and future_tense(u.text, morph, 0):
                continue
            if u.index < 0 and clickbait(u.text):
                continue
            dated = False
            for d in _finest(event_dates(article.text, u.dates)):
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
