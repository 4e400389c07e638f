"""Candidate pairs for the event scorer: time-window blocking plus nearest neighbours.

Rows are bucketed by publication day. A dated query looks only at the buckets of its time window
(``window`` days either side) and at the undated rows; an undated query looks at everything. Within
a bucket the ``k`` nearest document vectors are found exactly (one matrix product) when the bucket
is small, and with a FAISS HNSW index (inner product) when it is large. The cost per query is
bounded by the window's size, so a stream grows linearly with its length.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)

UNDATED = -1


@dataclass(frozen=True, slots=True)
class SearchConfig:
    window: int  # days either side
    k: int  # neighbours per query (over its whole time window)
    min_cosine: float  # document-vector cosine below which a neighbour is not a candidate
    exact_limit: int  # buckets up to this size are searched exactly
    hnsw_m: int
    ef_search: int


class Bucket:
    """Rows of one day (or the undated rows) with a lazily built HNSW index when large."""

    def __init__(self, rows: np.ndarray, vectors: np.ndarray, config: SearchConfig) -> None:
        self.rows = rows
        self.vectors = np.ascontiguousarray(vectors[rows], dtype=np.float32)
        self.config = config
        self._index: object | None = None

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, rows), both (len(queries), k'); padded rows are -1."""
        k = min(k, len(self.rows))
        if len(self.rows) <= self.config.exact_limit:
            sims = queries @ self.vectors.T
            top = (
                np.argpartition(-sims, k - 1, axis=1)[:, :k]
                if k < len(self.rows)
                else (np.tile(np.arange(len(self.rows)), (len(queries), 1)))
            )
            return np.take_along_axis(sims, top, axis=1), self.rows[top]
        index = self._hnsw()
        sims, found = index.search(np.ascontiguousarray(queries, dtype=np.float32), k)  # type: ignore[attr-defined]
        rows = np.where(found >= 0, self.rows[np.maximum(found, 0)], -1)
        return sims, rows

    def _hnsw(self) -> object:
        if self._index is None:
            import faiss

            index = faiss.IndexHNSWFlat(self.vectors.shape[1], self.config.hnsw_m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efSearch = self.config.ef_search
            index.add(self.vectors)
            self._index = index
        return self._index


def _buckets(days: np.ndarray, vectors: np.ndarray, config: SearchConfig) -> dict[int, Bucket]:
    by_day: dict[int, list[int]] = defaultdict(list)
    for row, day in enumerate(days.tolist()):
        by_day[day].append(row)
    return {day: Bucket(np.array(rows, dtype=np.int64), vectors, config) for day, rows in by_day.items()}


def _targets(day: int, buckets: dict[int, Bucket], window: int) -> Iterator[Bucket]:
    if day == UNDATED:
        yield from buckets.values()
        return
    for d in range(day - window, day + window + 1):
        if d in buckets:
            yield buckets[d]
    if day != UNDATED and UNDATED in buckets:
        yield buckets[UNDATED]


def candidate_pairs(
    vectors: np.ndarray, days: np.ndarray, queries: np.ndarray, config: SearchConfig
) -> tuple[np.ndarray, np.ndarray]:
    """Unique unordered pairs (a < b): each query row with its ``k`` nearest rows of its time window
    whose document-vector cosine is at least ``min_cosine``."""
    buckets = _buckets(days, vectors, config)
    first: list[np.ndarray] = []
    second: list[np.ndarray] = []
    query_days: dict[int, list[int]] = defaultdict(list)
    for row in queries.tolist():
        query_days[int(days[row])].append(row)
    for day, rows in query_days.items():
        q_rows = np.array(rows, dtype=np.int64)
        q_vecs = np.ascontiguousarray(vectors[q_rows], dtype=np.float32)
        found = [bucket.search(q_vecs, config.k + 1) for bucket in _targets(day, buckets, config.window)]
        sims = np.hstack([f[0] for f in found])
        rows_found = np.hstack([f[1] for f in found])
        sims = np.where((rows_found == q_rows[:, None]) | (rows_found < 0), -np.inf, sims)
        k = min(config.k, sims.shape[1])
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < sims.shape[1] else np.argsort(-sims, axis=1)
        best_sims = np.take_along_axis(sims, top, axis=1)
        best_rows = np.take_along_axis(rows_found, top, axis=1)
        keep = best_sims >= config.min_cosine
        first.append(np.repeat(q_rows, best_rows.shape[1])[keep.ravel()])
        second.append(best_rows[keep])
    if not first:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    a, b = np.concatenate(first), np.concatenate(second)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    pairs = np.unique(lo * len(days) + hi)
    return pairs // len(days), pairs % len(days)
