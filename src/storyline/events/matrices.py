"""Articles as rows of hashed sparse matrices, so that pair features are vectorised row products.

Tokens are hashed (CRC-32, stable across processes) into ``BUCKETS`` columns. Term weights use a
fixed document-frequency table built from unlabelled news (``scripts/build_idf.py``), so an
article's vector does not depend on which other articles arrive with it: incremental runs and
one-shot runs see the same numbers.
"""

from __future__ import annotations

import functools
import logging
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from storyline.events.terms import Terms

log = logging.getLogger(__name__)

BUCKETS = 1 << 20
IDF_RESOURCE = "idf.npz"


def bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) & (BUCKETS - 1)


@dataclass(frozen=True, slots=True)
class Idf:
    """Inverse document frequency per hash bucket (unseen buckets get the largest value)."""

    values: np.ndarray  # float32, shape (BUCKETS,)

    @classmethod
    def from_counts(cls, df: np.ndarray, n_docs: int) -> Idf:
        values = np.log((n_docs + 1.0) / (df.astype(np.float64) + 1.0)) + 1.0
        return cls(values.astype(np.float32))


def count_df(documents: Iterable[Iterable[str]]) -> tuple[np.ndarray, int]:
    """Document frequency per bucket over token sequences."""
    df = np.zeros(BUCKETS, dtype=np.uint32)
    n = 0
    for tokens in documents:
        cols = np.fromiter({bucket(t) for t in tokens}, dtype=np.int64)
        df[cols] += 1
        n += 1
    return df, n


def sparse_df(df: np.ndarray) -> dict[str, Any]:
    """The non-zero buckets of a document-frequency table, as saved (``buckets``, ``df``)."""
    nz = np.flatnonzero(df)
    return {"buckets": nz.astype(np.int32), "df": df[nz].astype(np.uint32)}


def dense_df(data: Any) -> np.ndarray:
    """The full table back from the saved ``buckets`` and ``df`` arrays."""
    df = np.zeros(BUCKETS, dtype=np.uint32)
    df[data["buckets"]] = data["df"]
    return df


def save_idf(path: Path, df: np.ndarray, n_docs: int) -> None:
    np.savez_compressed(path, **sparse_df(df), n_docs=n_docs)


@functools.cache
def load_idf(path: str | None = None) -> Idf:
    """The packaged table (or the one at ``path``)."""
    source = Path(path) if path else resources.files("storyline") / "resources" / IDF_RESOURCE
    with source.open("rb") as f, np.load(f) as data:
        return Idf.from_counts(dense_df(data), int(data["n_docs"]))


def _csr(rows: Sequence[dict[int, float]]) -> sparse.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in sorted(r)), dtype=np.int32, count=int(indptr[-1]))
    data = np.fromiter((r[c] for r in rows for c in sorted(r)), dtype=np.float32, count=int(indptr[-1]))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), BUCKETS))


def binary_rows(sets: Iterable[Iterable[str]], prefix: str = "") -> sparse.csr_matrix:
    return _csr([dict.fromkeys({bucket(prefix + t) for t in s}, 1.0) for s in sets])


def tfidf_rows(docs: Iterable[Sequence[str]], idf: Idf) -> sparse.csr_matrix:
    """Sublinear TF x IDF, L2-normalised rows."""
    rows = []
    for tokens in docs:
        counts = Counter(bucket(t) for t in tokens)
        row = {c: (1.0 + np.log(k)) * float(idf.values[c]) for c, k in counts.items()}
        norm = float(np.sqrt(sum(v * v for v in row.values()))) or 1.0
        rows.append({c: v / norm for c, v in row.items()})
    return _csr(rows)


def weighted_rows(sets: Iterable[Iterable[str]], idf: Idf) -> sparse.csr_matrix:
    """Each distinct term weighted by its IDF (for IDF-weighted coverage)."""
    rows = []
    for tokens in sets:
        cols = {bucket(t) for t in tokens}
        rows.append({c: float(idf.values[c]) for c in cols})
    return _csr(rows)


@dataclass(frozen=True, slots=True)
class Matrices:
    """Everything the pair features read, one row per article (same order as the input)."""

    tfidf: sparse.csr_matrix  # body lemmas, TF-IDF
    title: sparse.csr_matrix  # title lemmas weighted by IDF
    body: sparse.csr_matrix  # body lemmas, binary
    names: sparse.csr_matrix  # title name stems, binary
    stems: sparse.csr_matrix  # stems of all words, binary
    title_numbers: sparse.csr_matrix
    numbers: sparse.csr_matrix
    text_numbers: sparse.csr_matrix
    entities: sparse.csr_matrix
    lead_people: sparse.csr_matrix
    lead_places: sparse.csr_matrix
    lead_entities: sparse.csr_matrix
    name_keys: sparse.csr_matrix  # sound keys of the title names, binary
    cap_keys: sparse.csr_matrix  # sound keys of the capitalised words, binary
    title_speech: sparse.csr_matrix  # one column when the headline reports what someone said
    doc_vectors: np.ndarray  # (n, d) float32, L2-normalised (sentence encoder on title + lead)
    title_vectors: np.ndarray  # (n, d) float32, L2-normalised (sentence encoder on the title)
    # other named per-article vectors (storyline.annotate.vectors), e.g. "e5": (n, 384), L2-normalised
    named: Mapping[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.tfidf.shape[0])


def build_matrices(
    terms: Sequence[Terms],
    doc_vectors: np.ndarray,
    title_vectors: np.ndarray,
    idf: Idf,
    named: Mapping[str, np.ndarray] | None = None,
) -> Matrices:
    return Matrices(
        tfidf=tfidf_rows((t.body for t in terms), idf),
        title=weighted_rows((t.title for t in terms), idf),
        body=binary_rows(t.body for t in terms),
        names=binary_rows((t.names for t in terms), "s:"),
        stems=binary_rows((t.stems for t in terms), "s:"),
        title_numbers=binary_rows((t.title_numbers for t in terms), "#"),
        numbers=binary_rows((t.numbers for t in terms), "#"),
        text_numbers=binary_rows((t.text_numbers for t in terms), "#"),
        entities=binary_rows((t.entities for t in terms), "e:"),
        lead_people=binary_rows((t.lead_people for t in terms), "i:"),
        lead_places=binary_rows((t.lead_places for t in terms), "i:"),
        lead_entities=binary_rows((t.lead_entities for t in terms), "i:"),
        name_keys=binary_rows((t.name_keys for t in terms), "k:"),
        cap_keys=binary_rows((t.cap_keys for t in terms), "k:"),
        title_speech=binary_rows((t.title_speech for t in terms), "v:"),
        doc_vectors=np.ascontiguousarray(doc_vectors, dtype=np.float32),
        title_vectors=np.ascontiguousarray(title_vectors, dtype=np.float32),
        named={k: np.ascontiguousarray(v, dtype=np.float32) for k, v in (named or {}).items()},
    )
