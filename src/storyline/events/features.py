"""Pair features: topical closeness and whether the facts of two articles agree.

Every feature is symmetric and computed for many pairs at once from ``Matrices`` rows. The
"coverage" features follow the annotators' test for one event — each headline should fit the
other article: how much of headline A (its words, its names, its numbers) article B contains,
taken in the worse direction. A feature named like a named vector of the articles ("e5_0") is the
cosine of the two vectors; "<name>_centred" the cosine after the mean vector of unlabelled news is
taken away from both (``background_means``). ``sign`` gives each feature's direction (a similarity
or a conflict), which the fitted weights keep.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources

import numpy as np
from scipy import sparse

from storyline.events.matrices import Matrices

CHUNK = 200_000
E5_MEAN_RESOURCE = "e5_mean.npz"
CENTRED = "_centred"


@functools.cache
def background_means() -> dict[str, np.ndarray]:
    """Mean vector of unlabelled news per named vector (``scripts/build_e5_mean.py``)."""
    source = resources.files("storyline") / "resources" / E5_MEAN_RESOURCE
    if not source.is_file():
        return {}
    with source.open("rb") as f, np.load(f) as data:
        return {k: np.asarray(data[k], dtype=np.float32) for k in data.files}


def centred_cos(v: np.ndarray, mean: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Cosine of (v[i] - mean) and (v[j] - mean) for unit rows v, without building the centred matrix."""
    proj = v @ mean
    norm = np.sqrt(np.maximum(1.0 - 2.0 * proj + float(mean @ mean), 1e-12))
    raw = dense_cos(v, i, j)
    return np.asarray((raw - proj[i] - proj[j] + float(mean @ mean)) / (norm[i] * norm[j]))


def rowdot(a: sparse.csr_matrix, b: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """``a[i[k]] . b[j[k]]`` for every k."""
    out = np.empty(len(i), dtype=np.float64)
    for s in range(0, len(i), CHUNK):
        ii, jj = i[s : s + CHUNK], j[s : s + CHUNK]
        out[s : s + CHUNK] = np.asarray(a[ii].multiply(b[jj]).sum(axis=1)).ravel()
    return out


def rowsum(a: sparse.csr_matrix) -> np.ndarray:
    return np.asarray(a.sum(axis=1)).ravel()


def _ratio(num: np.ndarray, den: np.ndarray, empty: float) -> np.ndarray:
    out = np.full(len(num), empty, dtype=np.float64)
    ok = den > 0
    out[ok] = num[ok] / den[ok]
    return out


def coverage(
    part: sparse.csr_matrix, whole: sparse.csr_matrix, i: np.ndarray, j: np.ndarray, empty: float
) -> np.ndarray:
    """min over directions of |part(x) ∩ whole(y)| / |part(x)| (``empty`` when a part is empty)."""
    sizes = rowsum(part)
    ab = _ratio(rowdot(part, whole, i, j), sizes[i], empty)
    ba = _ratio(rowdot(part, whole, j, i), sizes[j], empty)
    return np.asarray(np.minimum(ab, ba))


def jaccard(a: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    sizes = rowsum(a)
    inter = rowdot(a, a, i, j)
    return _ratio(inter, sizes[i] + sizes[j] - inter, 0.0)


def conflict(a: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """1 when both rows are non-empty and share nothing."""
    sizes = rowsum(a)
    both = (sizes[i] > 0) & (sizes[j] > 0)
    return np.asarray(both & (rowdot(a, a, i, j) == 0), dtype=np.float64)


def cosine(a: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    sq = np.asarray(a.multiply(a).sum(axis=1)).ravel()
    return _ratio(rowdot(a, a, i, j), np.sqrt(sq[i] * sq[j]), 0.0)


def dense_cos(v: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    out = np.empty(len(i), dtype=np.float64)
    for s in range(0, len(i), CHUNK):
        out[s : s + CHUNK] = np.einsum("ij,ij->i", v[i[s : s + CHUNK]], v[j[s : s + CHUNK]])
    return out


def cross_cos(m: Matrices, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Headline of i against title and lead of j."""
    out = np.empty(len(i), dtype=np.float64)
    for s in range(0, len(i), CHUNK):
        a, b = m.title_vectors[i[s : s + CHUNK]], m.doc_vectors[j[s : s + CHUNK]]
        out[s : s + CHUNK] = np.einsum("ij,ij->i", a, b)
    return out


Feature = Callable[[Matrices, np.ndarray, np.ndarray], np.ndarray]

FEATURES: dict[str, Feature] = {
    "tfidf": lambda m, i, j: rowdot(m.tfidf, m.tfidf, i, j),
    "doc_vector": lambda m, i, j: dense_cos(m.doc_vectors, i, j),
    "title_vector": lambda m, i, j: dense_cos(m.title_vectors, i, j),
    "title_overlap": lambda m, i, j: cosine(m.title, i, j),
    "title_to_doc": lambda m, i, j: np.minimum(cross_cos(m, i, j), cross_cos(m, j, i)),
    "entities": lambda m, i, j: jaccard(m.entities, i, j),
    "lead_entities": lambda m, i, j: jaccard(m.lead_entities, i, j),
    "people_conflict": lambda m, i, j: conflict(m.lead_people, i, j),
    "places_conflict": lambda m, i, j: conflict(m.lead_places, i, j),
    "title_in_body": lambda m, i, j: coverage(m.title, m.body, i, j, 0.0),
    "names_in_body": lambda m, i, j: coverage(m.names, m.stems, i, j, 1.0),
    "names_conflict": lambda m, i, j: conflict(m.names, i, j),
    "numbers_in_lead": lambda m, i, j: coverage(m.title_numbers, m.numbers, i, j, 1.0),
    "numbers_conflict": lambda m, i, j: conflict(m.title_numbers, i, j),
    # each headline names someone or something that the other article never mentions
    "names_unmatched": lambda m, i, j: unmatched(m.names, m.stems, i, j),
    # both headlines carry numbers, and neither article mentions any of the other's
    "numbers_distinct": lambda m, i, j: distinct(m.title_numbers, m.text_numbers, i, j),
    # names of each headline found in the other article by stem or, across scripts, by sound key
    "names_known": lambda m, i, j: np.maximum(
        coverage(m.names, m.stems, i, j, 1.0), coverage(m.name_keys, m.cap_keys, i, j, 1.0)
    ),
    # the names veto with names matched by sound key too ("Гугл" / "Google")
    "names_unknown": lambda m, i, j: (
        unmatched(m.names, m.stems, i, j) * unmatched(m.name_keys, m.cap_keys, i, j)
    ),
    # one headline reports what someone said and the other does not (a reaction vs the happening)
    "speech_one_side": lambda m, i, j: one_sided(m.title_speech, i, j),
}


def one_sided(a: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """1 when exactly one of the two rows is non-empty."""
    sizes = rowsum(a)
    return np.asarray((sizes[i] > 0) != (sizes[j] > 0), dtype=np.float64)


def distinct(part: sparse.csr_matrix, whole: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """1 when both parts are non-empty and neither article contains anything of the other's part."""
    sizes = rowsum(part)
    both = (sizes[i] > 0) & (sizes[j] > 0)
    return np.asarray(both & (rowdot(part, whole, i, j) == 0) & (rowdot(part, whole, j, i) == 0), np.float64)


def unmatched(part: sparse.csr_matrix, whole: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """1 when each article's part has something that the other article does not contain."""
    sizes = rowsum(part)
    ab = rowdot(part, whole, i, j) < sizes[i]
    ba = rowdot(part, whole, j, i) < sizes[j]
    return np.asarray(ab & ba, np.float64)


def pair_features(m: Matrices, i: np.ndarray, j: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
    """(len(i), len(names)) feature matrix for the pairs (i[k], j[k]); each feature computed once."""
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    if len(i) == 0:
        return np.zeros((0, len(names)))
    cache: dict[str, np.ndarray] = {}

    def column(name: str) -> np.ndarray:
        if name not in cache:
            if name in m.named:  # a named vector ("e5_0"): its cosine
                cache[name] = dense_cos(m.named[name], i, j)
            elif name.endswith(CENTRED) and name.removesuffix(CENTRED) in m.named:
                base = name.removesuffix(CENTRED)
                cache[name] = centred_cos(m.named[base], background_means()[base], i, j)
            else:
                cache[name] = FEATURES[name](m, i, j)
        return cache[name]

    return np.column_stack([column(n) for n in names])


# direction of each feature's evidence: +1 the larger, the likelier one event; -1 a conflict
CONFLICTS = frozenset(
    {"people_conflict", "places_conflict", "names_conflict", "numbers_conflict", "speech_one_side"}
)


def sign(name: str) -> int:
    """+1 for a similarity or coverage (a named-vector cosine too), -1 for a conflict."""
    return -1 if name in CONFLICTS else 1
