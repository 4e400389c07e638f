"""Title-pair paraphrase model: do two headlines report the same happening?

A logistic model over the two headlines' e5 vectors u, v (named vector ``VECTOR``: their element-wise
product u*v and distance |u-v|) and a few agreement features (their e5 and multilingual USE cosines,
headline word overlap, name and number conflicts), trained on the ParaPhraser headline pairs
(``scripts/train_paraphrase.py``; weights in ``resources/paraphrase.npz``). Inference is numpy
only and costs about three dot products per pair, so it runs on every candidate pair at scale.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from storyline.events.features import CHUNK, pair_features
from storyline.events.matrices import Matrices

RESOURCE = "paraphrase.npz"
FINAL_PUNCT = re.compile(r"[\s.!?…;:]+$")
VECTOR = "e5_0"  # e5 of the headline alone
SCALARS = (VECTOR, "title_vector", "title_overlap", "names_conflict", "numbers_conflict")


def normalise_headline(headline: str) -> str:
    """Without final punctuation: ParaPhraser's train headlines mostly end with a period, its test
    headlines almost never do, and a model must not learn that cue."""
    return FINAL_PUNCT.sub("", headline.strip())


@dataclass(frozen=True, slots=True)
class ParaphraseModel:
    product: np.ndarray  # (d,) weights of u*v (standardisation folded in)
    distance: np.ndarray  # (d,) weights of |u-v|
    scalars: np.ndarray  # (len(SCALARS),)
    bias: float

    def logit(self, m: Matrices, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        i = np.asarray(i, dtype=np.int64)
        j = np.asarray(j, dtype=np.int64)
        out = pair_features(m, i, j, SCALARS) @ self.scalars + self.bias
        step = CHUNK // 10
        for s in range(0, len(i), step):
            u, v = m.named[VECTOR][i[s : s + step]], m.named[VECTOR][j[s : s + step]]
            out[s : s + step] += (u * v) @ self.product + np.abs(u - v) @ self.distance
        return np.asarray(out)

    def probability(self, m: Matrices, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-self.logit(m, i, j))))

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            product=self.product.astype(np.float32),
            distance=self.distance.astype(np.float32),
            scalars=self.scalars.astype(np.float32),
            bias=np.float32(self.bias),
            names=np.array(SCALARS),
        )


def paraphrase_inputs(m: Matrices, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The full input matrix (for training): [u*v, |u-v|, scalars]."""
    u, v = m.named[VECTOR][i], m.named[VECTOR][j]
    return np.hstack([u * v, np.abs(u - v), pair_features(m, i, j, SCALARS)])


def from_linear(coef: np.ndarray, intercept: float, mean: np.ndarray, scale: np.ndarray) -> ParaphraseModel:
    """Fold a standardisation (x - mean) / scale into the weights of a linear model on those inputs."""
    w = coef / scale
    d = (len(w) - len(SCALARS)) // 2
    return ParaphraseModel(w[:d], w[d : 2 * d], w[2 * d :], float(intercept - w @ mean))


@functools.cache
def load_paraphrase_model(path: str | None = None) -> ParaphraseModel:
    source = Path(path) if path else resources.files("storyline") / "resources" / RESOURCE
    with source.open("rb") as f, np.load(f) as data:
        if tuple(str(n) for n in data["names"]) != SCALARS:
            raise ValueError(f"{RESOURCE}: trained on other features; run scripts/train_paraphrase.py")
        return ParaphraseModel(data["product"], data["distance"], data["scalars"], float(data["bias"]))
