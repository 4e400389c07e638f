"""Calendar arithmetic for date resolution: pure functions over ``datetime.date``.

Resolution rules (each one a function here, named in the docstrings of ``resolvers``):

* **Year of a day or month named without a year** ("24 октября", "в феврале"): the occurrence inside a
  12-month window around the publication date. The window leans to the past: by default it runs from
  9 months before to 2 months after publication ("в феврале" in an October 2025 article is 2025-02,
  "в декабре" is 2025-12). A past-tense sentence shifts it to [-11, 0] months ("в декабре погибли" in
  October is the previous December); a future-tense sentence to [0, +11].
* **Weekdays** ("в среду"): the most recent such day on or before publication; with a future-tense cue
  the next one on or after it; "прошлый"/"last" strictly before; "этот"/"este"/"ce" the day of the
  publication week (Monday-Sunday); "следующий"/"next" strictly after.
* **Seasons** ("летом"): the most recent season that has started by publication (the previous year's
  when this year's has not started), or with a future cue the next one that has not ended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from storyline.model import Granularity

Mode = Literal["default", "past", "future"]

# month windows (relative to the publication month) for a month named without a year
MONTH_WINDOWS: dict[Mode, tuple[int, int]] = {"default": (-9, 2), "past": (-11, 0), "future": (0, 11)}
# day windows (days relative to publication) for a day and month named without a year
DAY_WINDOWS: dict[Mode, tuple[int, int]] = {"default": (-303, 62), "past": (-361, 3), "future": (-3, 361)}
SEASON_MONTHS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


@dataclass(frozen=True, slots=True)
class Resolved:
    """A resolved expression: ``first`` (and ``last`` for ranges) at ``granularity``."""

    first: dt.date
    granularity: Granularity
    last: dt.date | None = None

    @property
    def value(self) -> str:
        low = iso(self.first, self.granularity)
        if self.last is None:
            return low
        high = iso(self.last, self.granularity)
        return low if high == low else f"{low}/{high}"

    @property
    def is_point(self) -> bool:
        return self.last is None


def iso(day: dt.date, granularity: Granularity) -> str:
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def parse_day(published: str | None) -> dt.date | None:
    """The publication day from an ISO date or datetime string (None when absent or unreadable)."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def make_date(year: int, month: int = 1, day: int = 1) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date:
    """First day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """``day`` moved by ``amount`` days / weeks / months / years (months and years keep the day if valid)."""
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit == "week":
        return day + dt.timedelta(weeks=amount)
    months = amount * (12 if unit == "year" else 1)
    first = add_months(day, months)
    return make_date(first.year, first.month, day.day) or first


def unit_granularity(unit: str) -> Granularity:
    return "year" if unit == "year" else "month" if unit == "month" else "day"


def coarser(a: Granularity, b: Granularity) -> Granularity:
    order: dict[Granularity, int] = {"day": 0, "month": 1, "year": 2}
    return a if order[a] >= order[b] else b


def year_for_month(month: int, ref: dt.date, mode: Mode) -> int:
    """Year of ``month`` named without a year (see the module docstring)."""
    low, high = MONTH_WINDOWS[mode]
    for year in (ref.year - 1, ref.year, ref.year + 1):
        if low <= (year - ref.year) * 12 + month - ref.month <= high:
            return year
    return ref.year


def date_for_day(month: int, day: int, ref: dt.date, mode: Mode) -> dt.date | None:
    """Date of a day and month named without a year (see the module docstring)."""
    low, high = DAY_WINDOWS[mode]
    for year in (ref.year - 1, ref.year, ref.year + 1):
        candidate = make_date(year, month, day)
        if candidate is not None and low <= (candidate - ref).days <= high:
            return candidate
    return make_date(ref.year, month, day)


def date_for_month_day(day: int, ref: dt.date, forward: bool) -> dt.date | None:
    """ "el pasado día 21": day ``day`` of the publication month or the month before it (the latest
    on or before publication); ``forward`` ("el próximo día 3"): of this month or the next, after it."""
    for months in (0, 1) if forward else (0, -1):
        first = add_months(ref.replace(day=1), months)
        candidate = make_date(first.year, first.month, day)
        if candidate is not None and (candidate > ref if forward else candidate <= ref):
            return candidate
    return None


def date_for_weekday_day(weekday: int, day: int, ref: dt.date) -> dt.date | None:
    """ "el sábado 28": the date with that day of month and weekday nearest to publication, past first."""
    best: dt.date | None = None
    for months in (0, -1, 1, -2):
        first = add_months(ref, months)
        candidate = make_date(first.year, first.month, day)
        if candidate is None or candidate.weekday() != weekday:
            continue
        if best is None or _past_first(candidate, ref) < _past_first(best, ref):
            best = candidate
    return best


def _past_first(day: dt.date, ref: dt.date) -> int:
    delta = (day - ref).days
    return -delta if delta <= 0 else 3 * delta


def weekday_date(weekday: int, ref: dt.date, relation: int | None, mode: Mode) -> dt.date:
    """``relation``: -1 last, 0 this week, +1 next, None plain (tense decides)."""
    today = ref.weekday()
    if relation == 0:
        return ref + dt.timedelta(days=weekday - today)
    if relation == -1:
        return ref - dt.timedelta(days=(today - weekday) % 7 or 7)
    if relation == 1:
        return ref + dt.timedelta(days=(weekday - today) % 7 or 7)
    if mode == "future":
        return ref + dt.timedelta(days=(weekday - today) % 7)
    return ref - dt.timedelta(days=(today - weekday) % 7)


def season_range(season: str, year: int) -> tuple[dt.date, dt.date]:
    """Months of ``season`` of ``year`` (winter of Y runs from December of Y-1 to February of Y)."""
    start = SEASON_MONTHS[season]
    first = dt.date(year - 1, 12, 1) if season == "winter" else dt.date(year, start, 1)
    return first, add_months(first, 2)


def season_year(season: str, ref: dt.date, relation: int | None, mode: Mode) -> int:
    """Which year's ``season`` is meant (the year its last month falls in)."""
    started = [y for y in (ref.year + 1, ref.year, ref.year - 1) if season_range(season, y)[0] <= ref]
    latest = started[0] if started else ref.year - 1
    if relation == -1:
        return latest - 1 if season_range(season, latest)[1] >= dt.date(ref.year, ref.month, 1) else latest
    if relation == 1 or (relation is None and mode == "future"):
        return latest if season_range(season, latest)[1] >= dt.date(ref.year, ref.month, 1) else latest + 1
    return latest


def week_range(ref: dt.date, offset: int) -> tuple[dt.date, dt.date]:
    monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=offset)
    return monday, monday + dt.timedelta(days=6)
