"""Fitting the pair scorer and measuring it by cross-validation grouped by connected component.

Labelled pairs share articles, so pairs are grouped by the connected component of the pair graph:
no article of a test fold is seen in training (this is also how the held-out part of
tgcontest_pairs was split). Vetoed pairs (fact conflicts, ``storyline.events.vetoes``) are
"different event" whatever the model says; the rules are fixed, not learned, so the same mask
applies in every fold. The model decides only the pairs the vetoes leave, so it is fit on those
(the vetoed training pairs, nearly all easy "different" ones, would pull its boundary away from
the hard pairs). Within each training fold the decision threshold is the one that maximises F1 on
that fold's (non-vetoed) training pairs; the test fold is scored with it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.linear_model import LogisticRegression

C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
FOLDS = 5
REPEATS = 20  # shuffled fold assignments; the figures are means over them
CONSTANT_LOGIT = 30.0  # bias of a model fit on one class only


@dataclass(frozen=True, slots=True)
class LinearFit:
    weights: np.ndarray  # on raw features
    bias: float
    threshold: float  # on the probability


def components(first: Sequence[int], second: Sequence[int], n_nodes: int) -> np.ndarray:
    """Connected component of each pair in the graph whose edges are the pairs."""
    graph = sparse.coo_matrix((np.ones(len(first)), (first, second)), shape=(n_nodes, n_nodes))
    _, label = connected_components(graph, directed=False)
    return np.asarray(label[np.asarray(first)])


def prf(truth: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    tp = float(np.sum(truth & predicted))
    p = tp / max(float(predicted.sum()), 1.0)
    r = tp / max(float(truth.sum()), 1.0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """The score threshold with the best F1 (midway to the next lower score)."""
    values = np.unique(scores)[::-1]
    best, best_f1 = float(values[-1]), -1.0
    for k, t in enumerate(values):
        f1 = prf(truth, scores >= t)["f1"]
        if f1 > best_f1:
            lower = values[k + 1] if k + 1 < len(values) else t
            best, best_f1 = float((t + lower) / 2), f1
    return best


def fit(x: np.ndarray, y: np.ndarray, c: float) -> LinearFit:
    """Logistic regression with the best-F1 threshold; training pairs of one class only (a small
    labelled set, a fold of it) give the constant model that answers that class."""
    if len(np.unique(y)) < 2:
        answer = bool(y[0]) if len(y) else False
        return LinearFit(np.zeros(x.shape[1]), CONSTANT_LOGIT if answer else -CONSTANT_LOGIT, 0.5)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    model = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
    weights = model.coef_[0] / scale
    bias = float(model.intercept_[0] - weights @ mean)
    prob = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    return LinearFit(weights, bias, best_threshold(prob, y))


def fold_ids(groups: np.ndarray, seed: int) -> np.ndarray:
    """Each group to one of FOLDS folds, shuffled by ``seed``, balanced by pair count."""
    rng = np.random.default_rng(seed)
    unique = rng.permutation(np.unique(groups))
    sizes = {g: int(np.sum(groups == g)) for g in unique}
    load = np.zeros(FOLDS)
    fold_of: dict[int, int] = {}
    for g in sorted(unique, key=lambda g: -sizes[g]):
        k = int(np.argmin(load))
        fold_of[int(g)] = k
        load[k] += sizes[g]
    return np.array([fold_of[int(g)] for g in groups])


Decide = Callable[[LinearFit], np.ndarray]  # a fold's model -> same-event decision for every pair


def cross_validate(
    x: np.ndarray,
    y: np.ndarray,
    groups: np.ndarray,
    c: float,
    veto: np.ndarray | None = None,
    decide: Decide | None = None,
) -> np.ndarray:
    """Out-of-fold same-event decisions, (REPEATS, pairs); ``veto`` pairs are never the same event
    and are left out of training. ``decide``: how a fold's model decides the pairs (default: each
    pair's own probability against the threshold, vetoed pairs "different"; the events evaluation
    groups the articles with it, and its decisions are taken as they are)."""
    out = np.zeros((REPEATS, len(y)), dtype=bool)
    kept = np.ones(len(y), dtype=bool) if veto is None else ~veto
    for r in range(REPEATS):
        folds = fold_ids(groups, r)
        for k in range(FOLDS):
            test = folds == k
            train = ~test & kept
            model = fit(x[train], y[train], c)
            if decide is not None:
                out[r, test] = decide(model)[test]
                continue
            prob = 1.0 / (1.0 + np.exp(-(x[test] @ model.weights + model.bias)))
            out[r, test] = prob >= model.threshold
    if veto is None or decide is not None:  # a grouping decides vetoed pairs itself (cannot-link)
        return out
    return np.asarray(out & ~veto)


def cv_metrics(decisions: np.ndarray, y: np.ndarray, mask: np.ndarray | None = None) -> dict[str, float]:
    """Mean precision / recall / F1 over the repeats (optionally on a subset of pairs)."""
    keep = np.ones(len(y), dtype=bool) if mask is None else mask
    runs = [prf(y[keep], d[keep]) for d in decisions]
    return {k: float(np.mean([r[k] for r in runs])) for k in ("precision", "recall", "f1")}


def f1_spread(decisions: np.ndarray, y: np.ndarray, mask: np.ndarray | None = None) -> float:
    """Standard deviation of F1 over the repeats (fold assignments), optionally on a subset of pairs."""
    keep = np.ones(len(y), dtype=bool) if mask is None else mask
    return float(np.std([prf(y[keep], d[keep])["f1"] for d in decisions]))


def choose_c(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray, veto: np.ndarray | None = None
) -> tuple[float, dict[float, float]]:
    """Regularisation with the best cross-validated F1."""
    scores = {c: cv_metrics(cross_validate(x, y, groups, c, veto), y)["f1"] for c in C_GRID}
    return max(scores, key=lambda c: scores[c]), scores
