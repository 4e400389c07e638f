"""Chronology lists: the year of entries written without one ("- 24 mai : …" under "- 10 mai 2011 : …").

An *entry* is a day date at the start of a line, after a bullet or a number ("- 7 marzo: …",
"8 ) 12 febbraio Muore …") or followed by a colon ("1 enero: Comienzan …"). An article with
``MIN_ENTRIES`` entries or more is a chronology: its entries run in time order, so

* an entry without a year takes the year of the entry before it, the next year when its day of the
  year comes more than a month earlier ("- 18 août 2011 : …" then "- 3 février : …" is February
  2012);
* entries before the first one with a year count back from it the same way; in a list without any
  year the last entry is the latest day on or before publication and the others count back from it
  (a review published 2012-12-29 ends in 2012, its "14 febbraio" is 2012-02-14, not 2013).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from storyline.annotate.dates.calendar import Resolved, make_date

MIN_ENTRIES = 3
# lists grouped by country or theme step back a little ("- 9 nov: …", "- 8 nov: …"): only a step back
# of more than a month starts a new year
DISORDER_DAYS = 31
BULLET = re.compile(r"[ \t]*(?:[-–—•*·]|\d{1,3}[ \t]*[).])[ \t]*\Z")
BLANK = re.compile(r"[ \t]*\Z")
COLON = re.compile(r"[ \t]*:")


@dataclasses.dataclass(frozen=True, slots=True)
class Item:
    """A resolved day date of the text: where it stands and whether it carries its own year."""

    start: int
    stop: int
    resolved: Resolved
    has_year: bool


def is_entry(text: str, start: int, stop: int) -> bool:
    """A date that opens a line after a bullet or number, or opens a line and is followed by a colon."""
    prefix = text[text.rfind("\n", 0, start) + 1 : start]
    return bool(BULLET.match(prefix) or (BLANK.match(prefix) and COLON.match(text, stop)))


def _in_year(day: dt.date, year: int) -> dt.date:
    return make_date(year, day.month, day.day) or day


def _moved(r: Resolved, first: dt.date) -> Resolved:
    years = first.year - r.first.year
    last = _in_year(r.last, r.last.year + years) if r.last is not None else None
    return Resolved(first, r.granularity, last)


def _after(prev: dt.date, day: dt.date) -> dt.date:
    """``day`` in ``prev``'s year, or the next year when it comes more than ``DISORDER_DAYS`` earlier."""
    same = _in_year(day, prev.year)
    return same if (prev - same).days <= DISORDER_DAYS else _in_year(day, prev.year + 1)


def _before(nxt: dt.date, day: dt.date) -> dt.date:
    same = _in_year(day, nxt.year)
    return same if (same - nxt).days <= DISORDER_DAYS else _in_year(day, nxt.year - 1)


def chronology_years(text: str, items: Sequence[Item], ref: dt.date | None) -> list[Resolved]:
    """The resolved dates of ``items``, entries of a chronology list re-dated (module docstring)."""
    out = [i.resolved for i in items]
    entries = [
        k for k, i in enumerate(items) if i.resolved.granularity == "day" and is_entry(text, i.start, i.stop)
    ]
    if len(entries) < MIN_ENTRIES:
        return out
    with_year = [k for k in entries if items[k].has_year]
    prev: dt.date | None = None
    for k in entries:
        if items[k].has_year:
            prev = out[k].first
        elif prev is not None:
            out[k] = _moved(out[k], _after(prev, out[k].first))
            prev = out[k].first
    head = entries[: entries.index(with_year[0])] if with_year else entries
    if not head:
        return out
    if with_year:
        nxt = out[with_year[0]].first
    else:
        last = head.pop()
        if ref is not None and out[last].first > ref:
            out[last] = _moved(out[last], _in_year(out[last].first, out[last].first.year - 1))
        nxt = out[last].first
    for k in reversed(head):
        out[k] = _moved(out[k], _before(nxt, out[k].first))
        nxt = out[k].first
    return out
