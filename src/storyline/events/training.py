"""Fitting the pair scorer and measuring the whole training procedure by nested cross-validation.

Labelled pairs share articles, so pairs are grouped by the connected component of the pair graph:
no article of a test fold is seen in training (this is also how the held-out part of
tgcontest_pairs was split). Every choice — the configuration (features, vetoes, C) and the decision
threshold — is made inside the training folds (``choose``: an inner grouped cross-validation over
candidate configurations; the threshold is the best-F1 one on the inner out-of-fold probabilities,
not on the pairs the model was fit on). The model decides only the pairs its vetoes leave, so it is
fit on those. Weights can be held to their feature's direction (``signed_logistic``): a conflict never
raises the same-event probability.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

FOLDS = 5
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


def signed_logistic(
    z: np.ndarray, y: np.ndarray, c: float, signs: np.ndarray, weight: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression (sklearn's objective: C * weighted log-loss + |w|^2 / 2) whose
    weight k keeps the sign ``signs[k]`` (+1: a similarity, -1: a conflict, 0: free), by L-BFGS-B."""
    from scipy.optimize import minimize

    t = np.where(y, 1.0, -1.0)
    sample = np.ones(len(y)) if weight is None else weight

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        margin = t * (z @ w + b)
        value = c * float(np.sum(sample * np.logaddexp(0.0, -margin))) + 0.5 * float(w @ w)
        g = -c * sample * t / (1.0 + np.exp(margin))
        return value, np.concatenate([z.T @ g + w, [g.sum()]])

    bounds = [(0.0, None) if s > 0 else (None, 0.0) if s < 0 else (None, None) for s in signs] + [
        (None, None)
    ]
    theta = minimize(loss, np.zeros(z.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds).x
    return np.asarray(theta[:-1]), float(theta[-1])


def fit(
    x: np.ndarray, y: np.ndarray, c: float, signs: np.ndarray | None = None, weight: np.ndarray | None = None
) -> LinearFit:
    """Logistic regression with the best-F1 threshold (on the pairs it was fit on; ``choose`` replaces
    it by an out-of-fold one); ``signs``: each weight keeps its feature's direction. Training pairs of
    one class only (a small labelled set, a fold of it) give the constant model that answers that
    class."""
    if len(np.unique(y)) < 2:
        answer = bool(y[0]) if len(y) else False
        return LinearFit(np.zeros(x.shape[1]), CONSTANT_LOGIT if answer else -CONSTANT_LOGIT, 0.5)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    if signs is None:
        model = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y, sample_weight=weight)
        coef, intercept = model.coef_[0], float(model.intercept_[0])
    else:
        coef, intercept = signed_logistic((x - mean) / scale, y, c, signs, weight)
    weights = coef / scale
    bias = float(intercept - weights @ mean)
    prob = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    return LinearFit(weights, bias, best_threshold(prob, y))


def fold_ids(groups: np.ndarray, seed: int, folds: int = FOLDS) -> np.ndarray:
    """Each group to one of ``folds`` folds, shuffled by ``seed``, balanced by pair count."""
    rng = np.random.default_rng(seed)
    unique = rng.permutation(np.unique(groups))
    sizes = {g: int(np.sum(groups == g)) for g in unique}
    load = np.zeros(folds)
    fold_of: dict[int, int] = {}
    for g in sorted(unique, key=lambda g: -sizes[g]):
        k = int(np.argmin(load))
        fold_of[int(g)] = k
        load[k] += sizes[g]
    return np.array([fold_of[int(g)] for g in groups])


def cv_metrics(decisions: np.ndarray, y: np.ndarray, mask: np.ndarray | None = None) -> dict[str, float]:
    """Mean precision / recall / F1 over the repeats (optionally on a subset of pairs)."""
    keep = np.ones(len(y), dtype=bool) if mask is None else mask
    runs = [prf(y[keep], d[keep]) for d in decisions]
    return {k: float(np.mean([r[k] for r in runs])) for k in ("precision", "recall", "f1")}


def f1_spread(decisions: np.ndarray, y: np.ndarray, mask: np.ndarray | None = None) -> float:
    """Standard deviation of F1 over the repeats (fold assignments), optionally on a subset of pairs."""
    keep = np.ones(len(y), dtype=bool) if mask is None else mask
    return float(np.std([prf(y[keep], d[keep])["f1"] for d in decisions]))


# ----------------------------------------------------------------------------- nested cross-validation
@dataclass(frozen=True, slots=True)
class Candidate:
    """One configuration the inner loop may choose: features (their columns in ``x``), vetoes (their
    mask), regularisation."""

    name: str
    x: np.ndarray  # (pairs, features)
    veto: np.ndarray  # (pairs,) bool: the configuration's vetoes fire
    c: float
    signs: np.ndarray | None = None  # direction each weight must keep (None: free)
    # training rows from elsewhere (other datasets, self-supervision), added to every fit with a weight
    extra_x: np.ndarray | None = None
    extra_y: np.ndarray | None = None
    extra_weight: float = 0.0

    def fit(self, x: np.ndarray, y: np.ndarray) -> LinearFit:
        if self.extra_x is None or self.extra_y is None or not self.extra_weight or not len(self.extra_y):
            return fit(x, y, self.c, self.signs)
        weight = np.concatenate([np.ones(len(y)), np.full(len(self.extra_y), self.extra_weight)])
        return fit(
            np.vstack([x, self.extra_x]), np.concatenate([y, self.extra_y]), self.c, self.signs, weight
        )


@dataclass(frozen=True, slots=True)
class Chosen:
    candidate: Candidate
    fit: LinearFit
    inner_f1: float


INNER_FOLDS = 5


def _probability(fit_: LinearFit, x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-(x @ fit_.weights + fit_.bias))))


def inner_oof(cand: Candidate, y: np.ndarray, groups: np.ndarray, train: np.ndarray, seed: int) -> np.ndarray:
    """Out-of-fold probabilities on the ``train`` pairs (inner grouped CV); vetoed pairs get 0 and are
    left out of fitting."""
    idx = np.flatnonzero(train)
    folds = fold_ids(groups[idx], seed, INNER_FOLDS)
    prob = np.zeros(len(idx))
    for k in range(INNER_FOLDS):
        test = folds == k
        fit_rows = idx[~test & ~cand.veto[idx]]
        model = cand.fit(cand.x[fit_rows], y[fit_rows])
        prob[test] = _probability(model, cand.x[idx[test]])
    prob[cand.veto[idx]] = 0.0
    return prob


def choose(
    candidates: Sequence[Candidate], y: np.ndarray, groups: np.ndarray, train: np.ndarray, seed: int
) -> Chosen:
    """The candidate with the best F1 of its inner out-of-fold probabilities (at their best threshold),
    refit on all ``train`` pairs it does not veto; its decision threshold is that inner out-of-fold
    one, not the best one on the pairs it was fit on."""
    best: tuple[float, Candidate, float] | None = None
    truth = y[train]
    for cand in candidates:
        prob = inner_oof(cand, y, groups, train, seed)
        t = best_threshold(prob, truth)
        f1 = prf(truth, prob >= t)["f1"]
        if best is None or f1 > best[0] + 1e-9:
            best = (f1, cand, t)
    assert best is not None
    f1, cand, t = best
    rows = np.flatnonzero(train & ~cand.veto)
    model = cand.fit(cand.x[rows], y[rows])
    return Chosen(cand, LinearFit(model.weights, model.bias, t), f1)


NestedDecide = Callable[[Chosen, np.ndarray], np.ndarray]  # chosen model, test mask -> decisions (all pairs)


def nested_cross_validate(
    candidates: Sequence[Candidate],
    y: np.ndarray,
    groups: np.ndarray,
    repeats: int,
    decides: dict[str, NestedDecide | None] | None = None,
) -> tuple[dict[str, np.ndarray], list[Chosen]]:
    """Out-of-fold decisions (repeats, pairs) of the whole procedure: in every outer fold the inner
    loop chooses among ``candidates`` on the training pairs only (``choose``), and each of ``decides``
    decides the test pairs with the chosen model (None: each pair by its own probability, vetoed pairs
    "different"; the default is that alone, as "pairwise")."""
    ways: dict[str, NestedDecide | None] = dict(decides) if decides is not None else {"pairwise": None}
    out = {name: np.zeros((repeats, len(y)), dtype=bool) for name in ways}
    chosen: list[Chosen] = []
    with threadpool_limits(1):  # thousands of small fits: BLAS threads only contend (10x slower)
        _nested(candidates, y, groups, repeats, ways, out, chosen)
    return out, chosen


def _nested(
    candidates: Sequence[Candidate],
    y: np.ndarray,
    groups: np.ndarray,
    repeats: int,
    ways: dict[str, NestedDecide | None],
    out: dict[str, np.ndarray],
    chosen: list[Chosen],
) -> None:
    for r in range(repeats):
        folds = fold_ids(groups, r)
        for k in range(FOLDS):
            test = folds == k
            pick = choose(candidates, y, groups, ~test, 1000 + r)
            chosen.append(pick)
            for name, decide in ways.items():
                if decide is not None:
                    out[name][r, test] = decide(pick, test)[test]
                    continue
                cand = pick.candidate
                prob = _probability(pick.fit, cand.x[test])
                out[name][r, test] = (prob >= pick.fit.threshold) & ~cand.veto[test]


def bootstrap_interval(
    decisions: np.ndarray,
    y: np.ndarray,
    groups: np.ndarray,
    mask: np.ndarray | None = None,
    samples: int = 1000,
    seed: int = 0,
) -> dict[str, list[float]]:
    """95 % intervals of precision, recall and F1 (mean over the repeats), resampling whole connected
    components with replacement (pairs that share articles are not independent)."""
    keep = np.ones(len(y), dtype=bool) if mask is None else mask
    comp = groups[keep]
    d, t = decisions[:, keep], y[keep]
    unique = np.unique(comp)
    members = [np.flatnonzero(comp == g) for g in unique]
    rng = np.random.default_rng(seed)
    stats: dict[str, list[float]] = {"precision": [], "recall": [], "f1": []}
    for _ in range(samples):
        rows = np.concatenate([members[g] for g in rng.integers(0, len(unique), len(unique))])
        runs = [prf(t[rows], dr[rows]) for dr in d]
        for key in stats:
            stats[key].append(float(np.mean([run[key] for run in runs])))
    return {
        k: [round(float(np.percentile(v, 2.5)), 4), round(float(np.percentile(v, 97.5)), 4)]
        for k, v in stats.items()
    }
