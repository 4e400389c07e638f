"""The same-event pair scorer: a logistic model over a few pair features (named in the shipped
file), overruled by the fact-conflict vetoes it was chosen with (``storyline.events.vetoes``).

Features, vetoes, weights and the decision threshold are chosen and learned by
``scripts/train_pair_scorer.py`` (every choice inside grouped cross-validation folds; see
``storyline.events.training``) and shipped in ``resources/pair_scorer.npz``; inference is numpy only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from storyline.annotate.vectors import NAMED_VECTORS
from storyline.events.features import CENTRED, pair_features
from storyline.events.matrices import Matrices
from storyline.events.paraphrase import VECTOR as PARAPHRASE_VECTOR
from storyline.events.paraphrase import ParaphraseModel, load_paraphrase_model
from storyline.events.vetoes import RowVetoes, vetoed

RESOURCE = "pair_scorer.npz"
PARAPHRASE = "title_paraphrase"


def scorer_features(
    m: Matrices, i: np.ndarray, j: np.ndarray, paraphrase: ParaphraseModel, names: tuple[str, ...]
) -> np.ndarray:
    """(pairs, features) in the order of ``names``."""
    plain = tuple(n for n in names if n != PARAPHRASE)
    base = pair_features(m, i, j, plain)
    columns = {n: base[:, k] for k, n in enumerate(plain)}
    if PARAPHRASE in names:
        columns[PARAPHRASE] = paraphrase.probability(m, i, j)
    if len(i) == 0:
        return np.zeros((0, len(names)))
    return np.column_stack([columns[n] for n in names])


@dataclass(frozen=True, slots=True)
class PairScorer:
    names: tuple[str, ...]
    weights: np.ndarray  # on raw features (standardisation folded in)
    bias: float
    threshold: float  # probability at or above which a pair is one event
    paraphrase: ParaphraseModel
    report: dict[str, float]  # how it was trained (C, cross-validated figures)
    vetoes: tuple[str, ...] = ()  # rules of storyline.events.vetoes that set a pair's probability to 0

    @property
    def vector_names(self) -> tuple[str, ...]:
        """Named article vectors (``storyline.annotate.vectors.NAMED_VECTORS``) the features read."""
        bases = (n.removesuffix(CENTRED) for n in self.names)
        wanted = list(dict.fromkeys(n for n in bases if n in NAMED_VECTORS))
        if PARAPHRASE in self.names and PARAPHRASE_VECTOR not in wanted:
            wanted.append(PARAPHRASE_VECTOR)
        return tuple(wanted)

    def features(self, m: Matrices, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return scorer_features(m, i, j, self.paraphrase, self.names)

    def probability(self, m: Matrices, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        if len(i) == 0:
            return np.zeros(0)
        i, j = np.asarray(i, np.int64), np.asarray(j, np.int64)
        z = self.features(m, i, j) @ self.weights + self.bias
        prob = 1.0 / (1.0 + np.exp(-z))
        return np.asarray(np.where(vetoed(m, i, j, self.vetoes), 0.0, prob))

    def conflicts(self, m: Matrices) -> Callable[[np.ndarray, np.ndarray], np.ndarray] | None:
        """Pairs of rows of ``m`` that can never be one event (the vetoes), for grouping."""
        if not self.vetoes:
            return None
        return RowVetoes(m, self.vetoes)

    def save(self, path: Path) -> None:
        np.savez(
            path,
            names=np.array(self.names),
            weights=self.weights.astype(np.float64),
            bias=np.float64(self.bias),
            threshold=np.float64(self.threshold),
            vetoes=np.array(self.vetoes, dtype=str),
            report_keys=np.array(list(self.report)),
            report_values=np.array(list(self.report.values()), dtype=np.float64),
        )


@functools.cache
def load_pair_scorer(path: str | None = None) -> PairScorer:
    source = Path(path) if path else resources.files("storyline") / "resources" / RESOURCE
    with source.open("rb") as f, np.load(f) as data:
        return PairScorer(
            names=tuple(str(n) for n in data["names"]),
            weights=np.array(data["weights"]),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            paraphrase=load_paraphrase_model(),
            report=dict(
                zip((str(k) for k in data["report_keys"]), map(float, data["report_values"]), strict=True)
            ),
            vetoes=tuple(str(r) for r in data["vetoes"]) if "vetoes" in data else (),
        )
