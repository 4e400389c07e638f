"""Online grouping of rows (articles) into events: candidates, pair scores, linked components.

New rows are scored against their candidates (existing rows of their time window and other new
rows). A pair at or above the scorer's threshold links its two rows; an existing event keeps all its
rows; events are the connected components. A new row linked to two existing events bridges them:
the caller merges them and records a redirect. Existing rows are never re-scored against each other,
so an update costs what its new rows cost, not what the whole history costs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from storyline.events.candidates import UNDATED, SearchConfig, candidate_pairs
from storyline.events.matrices import Matrices
from storyline.events.scorer import PairScorer

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Links:
    first: np.ndarray
    second: np.ndarray
    probability: np.ndarray
    candidates: int  # pairs scored
    # links not decided by the scorer (a near-duplicate copy and its original): the cannot-link check
    # applies to them even between two single rows; None: every link was scored
    unscored: np.ndarray | None = None

    def plus_forced(self, first: np.ndarray, second: np.ndarray) -> Links:
        """These links and ``first[k]``–``second[k]`` links that were not scored (probability 1)."""
        n = len(self.first)
        unscored = np.zeros(n + len(first), dtype=bool)
        unscored[n:] = True
        if self.unscored is not None:
            unscored[:n] = self.unscored
        return Links(
            np.concatenate([self.first, first]).astype(np.int64),
            np.concatenate([self.second, second]).astype(np.int64),
            np.concatenate([self.probability, np.ones(len(first))]),
            self.candidates,
            unscored,
        )


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


Conflicts = Callable[[np.ndarray, np.ndarray], np.ndarray]  # rows i, j -> bool per pair: never one event


def components(
    existing: np.ndarray,
    links: Links,
    days: np.ndarray,
    window: int,
    spans: np.ndarray | None = None,
    conflicts: Conflicts | None = None,
) -> np.ndarray:
    """Component label per row. Rows of one existing event (same label >= 0) stay together; links are
    taken strongest first and join two groups only while the joined group spans at most ``window``
    days (undated rows do not count), so a topic that runs for weeks does not chain into one event.
    ``spans[label]`` = (first day, last day) of each existing event over all its articles, including
    those outside the rows given (UNDATED when unknown). ``conflicts``: a link that would put two
    conflicting rows into one group is skipped (rows of one existing event are not checked against
    each other)."""
    n = len(existing)
    parent = list(range(n))
    members: dict[int, list[int]] = {x: [x] for x in range(n)}
    inf = 1 << 40
    lo = [int(d) if d != UNDATED else inf for d in days.tolist()]
    hi = [int(d) if d != UNDATED else -inf for d in days.tolist()]
    if spans is not None:
        for row, label in enumerate(existing.tolist()):
            if label >= 0 and spans[label, 0] != UNDATED:
                lo[row] = min(lo[row], int(spans[label, 0]))
                hi[row] = max(hi[row], int(spans[label, 1]))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            ra, rb = min(ra, rb), max(ra, rb)
            parent[rb] = ra
            lo[ra], hi[ra] = min(lo[ra], lo[rb]), max(hi[ra], hi[rb])
            members[ra].extend(members.pop(rb))

    clashing: set[tuple[int, int]] = set()  # roots found in conflict (groups only grow: it stays so)

    def clash(ra: int, rb: int, scored: bool) -> bool:
        if conflicts is None:
            return False
        a, b = members[ra], members[rb]
        if scored and len(a) == 1 and len(b) == 1:
            return False  # the link itself was scored, and the scorer gives vetoed pairs probability 0
        key = (min(ra, rb), max(ra, rb))
        if key in clashing:
            return True
        i = np.repeat(np.asarray(a, dtype=np.int64), len(b))
        j = np.tile(np.asarray(b, dtype=np.int64), len(a))
        if np.any(conflicts(i, j)):
            clashing.add(key)
            return True
        return False

    first_row: dict[int, int] = {}
    for row, label in enumerate(existing.tolist()):
        if label >= 0:
            join(first_row.setdefault(label, row), row)
    order = np.argsort(-links.probability, kind="stable")
    first, second = links.first.tolist(), links.second.tolist()
    unscored = links.unscored.tolist() if links.unscored is not None else [False] * len(first)
    for k in order.tolist():
        ra, rb = root(first[k]), root(second[k])
        if ra == rb:
            continue
        low, high = min(lo[ra], lo[rb]), max(hi[ra], hi[rb])
        if high < inf and low < inf and high - low > window:
            continue
        if clash(ra, rb, not unscored[k]):
            continue
        join(ra, rb)
    return np.array([root(x) for x in range(n)], dtype=np.int64)
