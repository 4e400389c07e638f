"""Events into stories: an event joins the story whose events share its people, places and words.

Baseline (foundation issue): similarity of two events = mean of lemma TF-IDF cosine (event
centroids) and Jaccard of their most frequent entities, within ``story_window_days``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyline.cluster import days_apart
from storyline.config import ClusterConfig
from storyline.model import Article
from storyline.represent import jaccard, tfidf_matrix


@dataclass(frozen=True, slots=True)
class EventDoc:
    """An event with its articles, as the story linker sees it."""

    id: str
    date: str | None
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class StoryLinks:
    story_of: dict[str, str]  # event id -> story id (for the new / changed events)
    merges: tuple[tuple[str, str], ...]  # (old story id, surviving story id)


def new_story_id(event_id: str) -> str:
    return "st-" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:12]


def top_entities(articles: Sequence[Article], k: int = 8) -> set[str]:
    counts = Counter(e.entity_id for a in articles for e in a.entities)
    return {e for e, _ in counts.most_common(k)}


def link_events(
    changed: Sequence[EventDoc], neighbours: Sequence[tuple[EventDoc, str]], config: ClusterConfig
) -> StoryLinks:
    order = sorted(changed, key=lambda e: (e.date or "", e.id))
    pool = [e for e, _ in neighbours] + order
    story_of_pool: list[str] = [s for _, s in neighbours]
    all_articles = [a for e in pool for a in e.articles]
    matrix = tfidf_matrix(all_articles)
    centroids = []
    start = 0
    for e in pool:
        n = len(e.articles)
        centroid = np.asarray(matrix[start : start + n].mean(axis=0)).ravel()
        norm = np.linalg.norm(centroid)
        centroids.append(centroid / norm if norm else centroid)
        start += n
    ents = [top_entities(e.articles) for e in pool]
    rank: dict[str, int] = {}
    for s in story_of_pool:
        rank.setdefault(s, len(rank))
    alias: dict[str, str] = {}

    def final(s: str) -> str:
        while s in alias:
            s = alias[s]
        return s

    merges: list[tuple[str, str]] = []
    for offset, event in enumerate(order):
        i = len(neighbours) + offset
        best: dict[str, float] = {}
        for j in range(i):
            if days_apart(pool[j].date, event.date) > config.story_window_days:
                continue
            sim = 0.5 * float(centroids[i] @ centroids[j]) + 0.5 * jaccard(ents[i], ents[j])
            s = final(story_of_pool[j])
            best[s] = max(best.get(s, 0.0), sim)
        matched = sorted((s for s, v in best.items() if v >= config.story_threshold), key=lambda s: rank[s])
        if matched:
            story = matched[0]
            for other in matched[1:]:
                alias[other] = story
                merges.append((other, story))
        else:
            story = new_story_id(event.id)
            rank.setdefault(story, len(rank))
        story_of_pool.append(story)
    story_of = {e.id: final(story_of_pool[len(neighbours) + k]) for k, e in enumerate(order)}
    return StoryLinks(story_of, tuple((o, final(n)) for o, n in merges))
