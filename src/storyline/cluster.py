"""Articles into events: online assignment of new articles to the events of their time window.

Baseline (foundation issue): lemma TF-IDF cosine, best-linkage to an event's articles, within
``event_window_days``. When a new article is close to several events they are merged into the
oldest and the others are recorded as redirects.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from storyline.config import ClusterConfig
from storyline.model import Article
from storyline.represent import cosine_rows, tfidf_matrix

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Assignment:
    article_id: str
    event_id: str


@dataclass(frozen=True, slots=True)
class Grouping:
    assignments: tuple[Assignment, ...]
    merges: tuple[tuple[str, str], ...]  # (old event id, surviving event id)


def new_event_id(article_id: str) -> str:
    return "ev-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


def days_apart(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 0  # undated articles are compared with everything
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)


def assign_events(
    new: Sequence[Article], neighbours: Sequence[tuple[Article, str]], config: ClusterConfig
) -> Grouping:
    """Assign each new article (in publication order) to an existing or a new event."""
    order = sorted(new, key=lambda a: (a.published or "", a.id))
    pool: list[Article] = [a for a, _ in neighbours] + list(order)
    event_of: list[str] = [e for _, e in neighbours]
    matrix = tfidf_matrix(pool)
    # event creation order: earlier-created events survive merges
    rank: dict[str, int] = {}
    for e in event_of:
        rank.setdefault(e, len(rank))
    alias: dict[str, str] = {}

    def final(e: str) -> str:
        while e in alias:
            e = alias[e]
        return e

    merges: list[tuple[str, str]] = []
    for offset, article in enumerate(order):
        i = len(neighbours) + offset
        candidates = [
            j
            for j in range(i)
            if days_apart(pool[j].published, article.published) <= config.event_window_days
        ]
        sims = cosine_rows(matrix, i, candidates)
        best: dict[str, float] = {}
        for j, s in zip(candidates, sims, strict=True):
            e = final(event_of[j])
            best[e] = max(best.get(e, 0.0), float(s))
        matched = sorted((e for e, s in best.items() if s >= config.event_threshold), key=lambda e: rank[e])
        if not matched:
            event = new_event_id(article.id)
            rank.setdefault(event, len(rank))
        else:
            event = matched[0]
            for other in matched[1:]:
                alias[other] = event
                merges.append((other, event))
                log.info("article %s bridges events %s and %s: merged", article.id, other, event)
        event_of.append(event)
    assignments = tuple(Assignment(a.id, final(event_of[len(neighbours) + k])) for k, a in enumerate(order))
    resolved = tuple((old, final(new_id)) for old, new_id in merges)
    return Grouping(assignments, resolved)
