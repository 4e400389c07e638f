"""Online grouping of rows (articles) into events: candidates, pair scores, linked components.

New rows are scored against their candidates (existing rows of their time window and other new
rows). A pair at or above the scorer's threshold links its two rows; an existing event keeps all its
rows; events are the connected components. A new row linked to two existing events bridges them:
the caller merges them and records a redirect. Existing rows are never re-scored against each other,
so an update costs what its new rows cost, not what the whole history costs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from storyline.events.candidates import UNDATED, SearchConfig, candidate_pairs
from storyline.similarity.matrices import Matrices
from storyline.similarity.scorer import PairScorer

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Links:
    first: np.ndarray
    second: np.ndarray
    probability: np.ndarray
    candidates: int  # pairs scored


def link_rows(
    m: Matrices,
    days: np.ndarray,
    new_rows: np.ndarray,
    scorer: PairScorer,
    threshold: float,
    search: SearchConfig,
) -> Links:
    """Scored candidate pairs of the new rows that reach ``threshold``."""
    a, b = candidate_pairs(m.doc_vectors, days, new_rows, search)
    if len(a):
        both_dated = (days[a] != UNDATED) & (days[b] != UNDATED)
        near = ~both_dated | (np.abs(days[a] - days[b]) <= search.window)
        a, b = a[near], b[near]
    prob = scorer.probability(m, a, b)
    keep = prob >= threshold
    log.debug("%d candidate pairs scored, %d linked", len(a), int(keep.sum()))
    return Links(a[keep], b[keep], prob[keep], len(a))


def components(existing: np.ndarray, links: Links) -> np.ndarray:
    """Component label per row: rows of one existing event (same label >= 0) stay together."""
    n = len(existing)
    rows = np.arange(n)
    labelled = existing >= 0
    # tie every row of an existing event to that event's first row
    first_row: dict[int, int] = {}
    for row, label in zip(rows[labelled].tolist(), existing[labelled].tolist(), strict=True):
        first_row.setdefault(label, row)
    tie_a = rows[labelled]
    tie_b = np.array([first_row[label] for label in existing[labelled].tolist()], dtype=np.int64)
    a = np.concatenate([links.first, tie_a])
    b = np.concatenate([links.second, tie_b])
    graph = sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    return np.asarray(label)
