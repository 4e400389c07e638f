"""Story importance a reader can trust: distinct outlets and articles in recent windows, relative to the
collection's latest day (not the wall clock), and why.

``score = Σ_w weight_w · (2·log(1 + outlets_w) + log(1 + articles_w))`` over the windows of the last 7,
30 and 90 days before the latest day and over the whole story. More outlets and articles never lower the
score, so a one-article story never outranks a story with many more outlets of the same recency; a story
of last week outranks an equally large one of last quarter; and over an archive whose latest day is long
past, the large stories rank first. The reason names the nearest window with articles: "42 outlets, 120
articles in the last 7 days".

Scores depend on the latest day: when it moves, ``storyline.update`` scores again the stories active in
the longest window.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

from storyline.wording import counted

Activity = tuple[tuple[str, int, tuple[str, ...]], ...]  # (day, articles, outlets) per publication day

WINDOWS: tuple[tuple[int | None, float, str], ...] = (
    (7, 1.0, "in the last 7 days"),
    (30, 0.5, "in the last 30 days"),
    (90, 0.25, "in the last 90 days"),
    (None, 0.125, "in all"),
)
LONGEST_WINDOW = 90  # days: stories quieter than this keep their score when the latest day moves


def activity(meta: Mapping[str, tuple[str | None, str | None]], outlet: Mapping[str, str]) -> Activity:
    """Articles and distinct outlets per publication day of a story (undated articles under "")."""
    days: dict[str, tuple[int, set[str]]] = {}
    for aid, (published, _) in meta.items():
        day = (published or "")[:10]
        n, outlets = days.get(day, (0, set()))
        if aid in outlet:
            outlets.add(outlet[aid])
        days[day] = (n + 1, outlets)
    return tuple((d, n, tuple(sorted(o))) for d, (n, o) in sorted(days.items()))


def _counts(act: Activity, since: date | None) -> tuple[int, int]:
    outlets: set[str] = set()
    articles = 0
    for day, n, names in act:
        if since is not None:
            try:
                if not day or date.fromisoformat(day) <= since:
                    continue
            except ValueError:
                continue
        articles += n
        outlets.update(names)
    return len(outlets), articles


def rank(act: Activity, latest: str | None) -> tuple[float, str]:
    """(score, reason) of a story's activity relative to the collection's latest day."""
    last = date.fromisoformat(latest[:10]) if latest else None
    score = 0.0
    reason = ""
    for days, weight, words in WINDOWS:
        since = None if days is None or last is None else date.fromordinal(last.toordinal() - days)
        if days is not None and last is None:
            continue
        outlets, articles = _counts(act, since)
        score += weight * (2.0 * math.log1p(outlets) + math.log1p(articles))
        if not reason and articles:
            # articles of no known outlet (no source, no address) are counted, not called "0 outlets"
            named = f"{counted(outlets, 'outlet')}, " if outlets else ""
            reason = f"{named}{counted(articles, 'article')} {words}"
    if reason.endswith("in all"):
        known = [d for d, _, _ in act if d]
        reason = reason[: -len(" in all")] + (f", the last on {known[-1]}" if known else "")
    return round(score, 4), reason


def latest_day(days: Sequence[str | None]) -> str | None:
    known = [d[:10] for d in days if d]
    return max(known) if known else None
