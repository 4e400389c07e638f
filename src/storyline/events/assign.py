"""Articles into events: online assignment of new articles to the events of their time window.

For the new articles and the already grouped articles of their time window (``event_window_days``
either side; undated articles are compared with everything): nearest neighbours by document vector
per day (``storyline.events.candidates``), a trained same-event pair scorer on those candidates
(``storyline.events``), and linked components (``storyline.events.online``). Existing events
keep their ids; a new event takes the id of its first article; a new article that links two
existing events merges them into the older one and the other id is returned as a merge (the
pipeline records it as a redirect).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from storyline.annotate.vectors import VECTOR_DIM
from storyline.config import ClusterConfig
from storyline.events.candidates import UNDATED, SearchConfig
from storyline.events.matrices import Idf, Matrices, build_matrices, load_idf
from storyline.events.online import components, link_rows
from storyline.events.scorer import PairScorer, load_pair_scorer
from storyline.events.terms import article_terms
from storyline.model import Article

log = logging.getLogger(__name__)

# article id -> named vectors: "doc" (title + lead) and "title" (multilingual USE), and any other the
# scorer reads (e.g. "e5"); see storyline.annotate.vectors
Vectors = Mapping[str, Mapping[str, np.ndarray]]


@dataclass(frozen=True, slots=True)
class Assignment:
    article_id: str
    event_id: str


@dataclass(frozen=True, slots=True)
class Grouping:
    assignments: tuple[Assignment, ...]
    merges: tuple[tuple[str, str], ...]  # (old event id, surviving event id)


@dataclass(frozen=True, slots=True)
class EventModels:
    """What the event stage needs besides the articles; build once with ``load_event_models``."""

    morph: Any  # pymorphy3 analyser (from the annotate models)
    idf: Idf
    scorer: PairScorer


def load_event_models(morph: Any) -> EventModels:
    return EventModels(morph, load_idf(), load_pair_scorer())


def new_event_id(article_id: str) -> str:
    return "ev-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


def _ordinal(day: str | None) -> int:
    return date.fromisoformat(day[:10]).toordinal() if day else UNDATED


def day_number(article: Article) -> int:
    return _ordinal(article.day)


def search_config(config: ClusterConfig) -> SearchConfig:
    return SearchConfig(
        window=config.event_window_days,
        k=config.event_candidates,
        min_cosine=config.event_min_cosine,
        exact_limit=config.event_exact_limit,
        hnsw_m=config.event_hnsw_m,
        ef_search=config.event_ef_search,
    )


def article_matrices(articles: Sequence[Article], vectors: Vectors, morph: Any, idf: Idf) -> Matrices:
    terms = [article_terms(a, morph) for a in articles]
    empty = np.zeros((0, VECTOR_DIM), np.float32)
    doc = np.stack([vectors[a.id]["doc"] for a in articles]) if articles else empty
    title = np.stack([vectors[a.id]["title"] for a in articles]) if articles else empty
    others = (
        set.intersection(*(set(vectors[a.id]) for a in articles)) - {"doc", "title"} if articles else set()
    )
    named = {n: np.stack([vectors[a.id][n] for a in articles]) for n in sorted(others)}
    return build_matrices(terms, doc, title, idf, named)


def _order_key(article: Article) -> tuple[str, str]:
    return (article.published or "", article.id)


def assign_events(
    new: Sequence[Article],
    neighbours: Sequence[tuple[Article, str]],
    config: ClusterConfig,
    vectors: Vectors,
    models: EventModels,
    spans: Mapping[str, tuple[str | None, str | None]] | None = None,
    forced: Sequence[tuple[str, str]] = (),
) -> Grouping:
    """Assign each new article to an existing or a new event; report merged (bridged) events.

    ``spans``: first and last publication day of each existing event over all its articles (the
    neighbours are only those of the time window); an event never grows past ``event_window_days``.
    ``forced``: (new article, other article) links that hold without a score (a near-duplicate copy and
    the article it copies); like scored links they never break the time window or the cannot-link check.
    """
    if not new:
        return Grouping((), ())
    order = sorted(new, key=_order_key)
    pool = [a for a, _ in neighbours] + order
    event_names = sorted({e for _, e in neighbours})
    code = {e: k for k, e in enumerate(event_names)}
    existing = np.array([code[e] for _, e in neighbours] + [-1] * len(order), dtype=np.int64)
    days = np.array([day_number(a) for a in pool], dtype=np.int64)
    matrices = article_matrices(pool, vectors, models.morph, models.idf)
    threshold = config.event_probability or models.scorer.threshold
    new_rows = np.arange(len(neighbours), len(pool), dtype=np.int64)
    links = link_rows(matrices, days, new_rows, models.scorer, threshold, search_config(config))
    row_of = {a.id: r for r, a in enumerate(pool)}
    pairs = [(row_of[a], row_of[b]) for a, b in forced if a in row_of and b in row_of]
    if pairs:
        first, second = (np.array(side, dtype=np.int64) for side in zip(*pairs, strict=True))
        links = links.plus_forced(first, second)
    known = spans or {}
    span_rows = np.array(
        [
            [_ordinal(known.get(e, (None, None))[0]), _ordinal(known.get(e, (None, None))[1])]
            for e in event_names
        ],
        dtype=np.int64,
    ).reshape(-1, 2)
    label = components(
        existing, links, days, config.event_window_days, span_rows, models.scorer.conflicts(matrices)
    )

    first_seen: dict[str, tuple[str, str]] = {}  # existing event -> its earliest article
    for article, event in neighbours:
        key = _order_key(article)
        if event not in first_seen or key < first_seen[event]:
            first_seen[event] = key
    members: dict[int, list[int]] = {}
    for row, comp in enumerate(label.tolist()):
        members.setdefault(comp, []).append(row)
    event_of_row: dict[int, str] = {}
    merges: list[tuple[str, str]] = []
    for rows in members.values():
        if not any(r >= len(neighbours) for r in rows):
            continue
        olds = sorted(
            {neighbours[r][1] for r in rows if r < len(neighbours)}, key=lambda e: (first_seen[e], e)
        )
        if olds:
            event = olds[0]
            for other in olds[1:]:
                merges.append((other, event))
                log.info("new articles bridge events %s and %s: merged into %s", other, event, event)
        else:
            event = new_event_id(min((pool[r] for r in rows), key=_order_key).id)
        for r in rows:
            event_of_row[r] = event
    assignments = tuple(Assignment(a.id, event_of_row[len(neighbours) + k]) for k, a in enumerate(order))
    return Grouping(assignments, tuple(merges))
