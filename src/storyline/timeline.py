"""Dated timeline of a story (baseline: one entry per event, on its publication day)."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Event, TimelineEntry


def story_timeline(events: Sequence[Event]) -> tuple[TimelineEntry, ...]:
    entries = [TimelineEntry(e.date, "day", e.title or "", e.article_ids) for e in events if e.date]
    return tuple(sorted(entries, key=lambda t: t.date))
