"""Document representations: lemma TF-IDF vectors and entity sets."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from storyline.model import Article


def tfidf_matrix(articles: Sequence[Article]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows over content lemmas (title counted twice)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [list(a.lemmas) for a in articles]
    if not any(docs):
        return sparse.csr_matrix((len(articles), 1))
    vectorizer = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, min_df=1)
    return vectorizer.fit_transform(docs).tocsr()


def cosine_rows(matrix: sparse.csr_matrix, i: int, others: Sequence[int]) -> np.ndarray:
    if not others:
        return np.zeros(0)
    row = matrix[i]
    return np.asarray((matrix[list(others)] @ row.T).todense()).ravel()


def entity_keys(article: Article) -> set[str]:
    return {e.entity_id for e in article.entities}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
