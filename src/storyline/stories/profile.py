"""Event profiles: one dense row per event that compares across languages.

A row joins three unit blocks, weighted so that the inner product of two rows is a weighted sum of
three cosines:

- the mean multilingual sentence vector of the event's articles, *centred per language* (the mean
  vector of the event's language is subtracted, which removes most of the "same language" part of
  the similarity and leaves the topic);
- name keys and word keys (``storyline.stories.keys``), TF-IDF weighted with document
  frequencies over the events being compared, hashed with a stable hash into fixed dimensions.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyline.config import StoryConfig
from storyline.model import Article
from storyline.stories.keys import text_keys

HASH_DIM = 1024


@dataclass(frozen=True, slots=True)
class EventDoc:
    """An event with its articles (and their sentence vectors), as the story linker sees it."""

    id: str
    date: str | None
    articles: tuple[Article, ...]
    vectors: np.ndarray | None = None  # (len(articles), dim) document vectors, None when unknown

    @property
    def language(self) -> str | None:
        langs = Counter(a.language for a in self.articles if a.language)
        return langs.most_common(1)[0][0] if langs else None


def event_keys(event: EventDoc, config: StoryConfig) -> Counter[str]:
    keys: Counter[str] = Counter()
    for a in event.articles:
        keys.update(text_keys(a.title, a.text, config.key_chars))
    return keys


def mean_vector(event: EventDoc) -> np.ndarray | None:
    if event.vectors is None or len(event.vectors) == 0:
        return None
    v = np.asarray(event.vectors, dtype=np.float32).mean(axis=0)
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else None


def centred_vectors(events: Sequence[EventDoc], shrink: float) -> np.ndarray | None:
    """Mean vectors minus the (shrunk) mean vector of their language, unit length."""
    means = [mean_vector(e) for e in events]
    dims = {m.shape[0] for m in means if m is not None}
    if not dims:
        return None
    dim = dims.pop()
    raw = np.zeros((len(events), dim), dtype=np.float32)
    has = np.zeros(len(events), dtype=bool)
    for i, m in enumerate(means):
        if m is not None:
            raw[i], has[i] = m, True
    langs = [e.language or "" for e in events]
    out = raw.copy()
    for lang in set(langs):
        rows = np.array([i for i, la in enumerate(langs) if la == lang and has[i]], dtype=np.int64)
        if len(rows):
            # shrunk towards zero: a handful of events of one language is barely centred
            out[rows] -= raw[rows].sum(axis=0) / (len(rows) + shrink)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    out = np.where(norms > 0, out / np.where(norms > 0, norms, 1.0), 0.0).astype(np.float32)
    out[~has] = 0.0
    return out


def _bucket(key: str) -> tuple[int, float]:
    h = zlib.crc32(key.encode("utf-8"))
    return h % HASH_DIM, 1.0 if (h >> 31) & 1 else -1.0


def hashed_keys(keys: Sequence[Counter[str]], prefix: str, min_df: int, prior: float) -> np.ndarray:
    """TF-IDF over the keys starting with ``prefix``, hashed, unit rows.

    Document frequencies are counted over ``keys``; ``prior`` extra documents without the key keep
    the weights of shared keys positive when only a few events are compared.
    """
    df: Counter[str] = Counter()
    for k in keys:
        df.update(key for key in k if key.startswith(prefix))
    n = len(keys)
    out = np.zeros((n, HASH_DIM), dtype=np.float32)
    for i, k in enumerate(keys):
        for key, tf in k.items():
            if not key.startswith(prefix) or df[key] < min_df:
                continue
            col, sign = _bucket(key)
            out[i, col] += sign * (1.0 + math.log(tf)) * math.log((n + prior) / (df[key] + 1))
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.where(norms > 0, out / np.where(norms > 0, norms, 1.0), 0.0).astype(np.float32)


def profile_rows(events: Sequence[EventDoc], config: StoryConfig) -> np.ndarray:
    """One row per event: [w_vec * centred vector, w_names * name keys, w_words * word keys]."""
    keys = [event_keys(e, config) for e in events]
    weights = np.array([config.vector_weight, config.name_weight, config.word_weight], dtype=np.float64)
    weights = np.sqrt(weights / weights.sum())
    blocks = []
    vectors = centred_vectors(events, config.language_shrink)
    if vectors is not None:
        blocks.append(weights[0] * vectors)
    blocks.append(weights[1] * hashed_keys(keys, "n:", config.min_key_events, config.idf_prior))
    blocks.append(weights[2] * hashed_keys(keys, "w:", config.min_key_events, config.idf_prior))
    return np.hstack(blocks).astype(np.float32)
