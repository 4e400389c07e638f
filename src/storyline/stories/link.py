"""Events into stories, online: join the story of the nearest events, then merge stories alike.

1. *Join.* Events are taken in date order. Each new event looks up its ``join_neighbours`` nearest
   earlier events (a nearest-neighbour index over profile rows, so the cost grows with n log n, not
   n²) and joins the story whose neighbours above ``join_threshold`` weigh most; with none, it
   starts a new story (id from its event id).
2. *Merge.* Near neighbours are mostly in the same language, so one storyline told in several
   languages starts as several stories. A story's profile is the normalised sum of its events'
   rows; every story touched by this update is compared with its ``merge_neighbours`` nearest
   story profiles and merged when the cosine reaches ``merge_threshold`` (both stories having at
   least ``merge_min_events`` events). The older story keeps its id; the other is returned as a
   merge for the store to redirect.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from storyline.config import StoryConfig
from storyline.stories.profile import EventDoc, profile_rows

log = logging.getLogger(__name__)

FLAT_INDEX_MAX = 20_000  # exact search below this many rows, HNSW above


@dataclass(frozen=True, slots=True)
class StoryLinks:
    story_of: dict[str, str]  # event id -> story id (for the new / changed events)
    merges: tuple[tuple[str, str], ...]  # (old story id, surviving story id)


def new_story_id(event_id: str) -> str:
    return "st-" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:12]


EPOCH = "1970-01-01"  # unix time 0: how a missing date often reaches a feed


def is_dated(value: str | None) -> bool:
    """False for a missing date and for the unix epoch placeholder."""
    return bool(value) and not str(value).startswith(EPOCH)


def _day(value: str | None) -> int | None:
    """Day number of an ISO date; None for undated events."""
    if not value or not is_dated(value):
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _apart(a: int | None, b: int | None) -> int:
    return 0 if a is None or b is None else abs(a - b)


def _gap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    """Days between two date spans (0 when they overlap or one is undated)."""
    if a is None or b is None:
        return 0
    return max(0, b[0] - a[1], a[0] - b[1])


def _index(dim: int, expected: int) -> Any:
    import faiss

    if expected <= FLAT_INDEX_MAX:
        return faiss.IndexFlatIP(dim)
    index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efSearch = 64
    return index


class _Stories:
    """Union-find over story ids; the story created first survives a merge."""

    def __init__(self) -> None:
        self.rank: dict[str, int] = {}
        self.parent: dict[str, str] = {}
        self.merges: list[tuple[str, str]] = []

    def add(self, story: str) -> None:
        self.rank.setdefault(story, len(self.rank))

    def find(self, story: str) -> str:
        while story in self.parent:
            story = self.parent[story]
        return story

    def union(self, a: str, b: str) -> str:
        a, b = self.find(a), self.find(b)
        if a == b:
            return a
        old, keep = (a, b) if self.rank[a] > self.rank[b] else (b, a)
        self.parent[old] = keep
        self.merges.append((old, keep))
        return keep


def link_events(
    changed: Sequence[EventDoc], neighbours: Sequence[tuple[EventDoc, str]], config: StoryConfig
) -> StoryLinks:
    """Assign each changed event to a story; neighbours are the stored events of the window."""
    order = sorted(changed, key=lambda e: (e.date or "", e.id))
    pool = [e for e, _ in neighbours] + order
    if not order:
        return StoryLinks({}, ())
    rows = profile_rows(pool, config)
    stories = _Stories()
    story_of: list[str] = [s for _, s in neighbours]
    for s in story_of:
        stories.add(s)
    index = _index(rows.shape[1], len(pool))
    if neighbours:
        index.add(rows[: len(neighbours)])
    days = [_day(e.date) for e in pool]
    k = config.join_neighbours
    for offset, event in enumerate(order):
        i = len(neighbours) + offset
        votes: dict[str, float] = {}
        if index.ntotal:
            sims, ids = index.search(rows[i : i + 1], min(k, index.ntotal))
            for sim, j in zip(sims[0], ids[0], strict=True):
                if j >= 0 and sim >= config.join_threshold and _apart(days[i], days[j]) <= config.window_days:
                    s = stories.find(story_of[j])
                    votes[s] = votes.get(s, 0.0) + float(sim)
        if votes:
            story = max(votes, key=lambda s: (votes[s], -stories.rank[s]))
        else:
            story = new_story_id(event.id)
            stories.add(story)
        story_of.append(story)
        index.add(rows[i : i + 1])
    touched = {stories.find(s) for s in story_of[len(neighbours) :]}
    _merge(rows, days, story_of, touched, stories, config)
    result = {e.id: stories.find(story_of[len(neighbours) + n]) for n, e in enumerate(order)}
    merges = tuple((old, stories.find(keep)) for old, keep in stories.merges)
    return StoryLinks(result, merges)


def _span(days: list[int | None]) -> tuple[int, int] | None:
    dated = [d for d in days if d is not None]
    return (min(dated), max(dated)) if dated else None


def _merge(
    rows: np.ndarray,
    days: list[int | None],
    story_of: list[str],
    touched: set[str],
    stories: _Stories,
    config: StoryConfig,
) -> None:
    """Merge touched stories into stories whose profiles are alike, until nothing changes."""
    for _ in range(config.merge_rounds):
        members: dict[str, list[int]] = {}
        for i, s in enumerate(story_of):
            members.setdefault(stories.find(s), []).append(i)
        names = sorted(members, key=lambda s: stories.rank[s])
        sizes = np.array([len(members[s]) for s in names])
        spans = [_span([days[i] for i in members[s]]) for s in names]
        profiles = np.vstack([rows[members[s]].sum(axis=0) for s in names]).astype(np.float32)
        norms = np.linalg.norm(profiles, axis=1, keepdims=True)
        profiles /= np.where(norms > 0, norms, 1.0)
        index = _index(profiles.shape[1], len(names))
        index.add(profiles)
        queries = [n for n, s in enumerate(names) if stories.find(s) in touched]
        if not queries:
            return
        k = min(config.merge_neighbours + 1, len(names))
        sims, ids = index.search(profiles[queries], k)
        pairs = []
        for q, row_sims, row_ids in zip(queries, sims, ids, strict=True):
            small = sizes[q] < config.merge_min_events
            for sim, j in zip(row_sims, row_ids, strict=True):
                if j < 0 or j == q or _gap(spans[q], spans[j]) > config.window_days:
                    continue
                if small:
                    # a small story joins its single best partner that is at least as large
                    if sizes[j] >= sizes[q] and sim >= config.attach_threshold:
                        pairs.append((float(sim), names[q], names[int(j)]))
                        break
                elif sizes[j] >= config.merge_min_events and sim >= config.merge_threshold:
                    pairs.append((float(sim), names[q], names[int(j)]))
        merged = False
        for sim, a, b in sorted(pairs, reverse=True):
            if stories.find(a) != stories.find(b):
                keep = stories.union(a, b)
                touched.add(keep)
                merged = True
                log.info("stories %s and %s are alike (%.2f): merged", a, b, sim)
        if not merged:
            return
