"""Event profiles: one dense row per event that compares across languages.

A row joins three unit blocks, weighted so that the inner product of two rows is a weighted sum of
three cosines:

- the mean multilingual sentence vector of the event's articles, *centred per language* (the mean
  vector of news in the event's language is subtracted, which removes most of the "same language" part
  of the similarity and leaves the topic);
- name keys and word keys (``storyline.stories.keys``), TF-IDF weighted, hashed with a stable hash
  into fixed dimensions.

The language means and the document frequencies are **reference statistics** of unlabelled news
(``ProfileStats``, shipped in ``resources/story_profile.npz``, built by
``scripts/build_story_profile.py``), not of the events being compared: an event's row depends on the
event alone, so a story's stored centroid (a sum of rows) stays comparable with rows computed in a later
update, and a collection added in two halves links like one added at once.
"""

from __future__ import annotations

import functools
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from storyline.config import StoryConfig
from storyline.events.matrices import BUCKETS, count_df, dense_df, sparse_df
from storyline.model import Article
from storyline.stories.keys import text_keys

HASH_DIM = 1024
PROFILE_RESOURCE = "story_profile.npz"
ALL_LANGUAGES = ""  # the mean over every language: for a language the reference does not hold


@dataclass(frozen=True, slots=True, eq=False)
class ProfileStats:
    """Reference statistics of unlabelled news: how many documents hold each key (per hash bucket), and
    per language the sum and count of the documents' vectors (``ALL_LANGUAGES``: over all of them)."""

    documents: int
    df: np.ndarray  # uint32 (events.matrices.BUCKETS,): documents per hash bucket of a key
    sums: Mapping[str, np.ndarray]  # language -> sum of unit document vectors
    counts: Mapping[str, int]  # language -> documents

    def idf(self, key: str) -> float:
        """log((N + 1) / (df + 1)): a key in every document weighs 0, an unseen key the most."""
        return self.idf_of_hash(zlib.crc32(key.encode("utf-8")))

    def idf_of_hash(self, crc: int) -> float:
        """``idf`` of a key given its CRC-32 (``events.matrices.bucket`` of the key)."""
        return math.log((self.documents + 1.0) / (float(self.df[crc & (BUCKETS - 1)]) + 1.0))

    def mean(self, language: str | None, prior: float = 0.0) -> np.ndarray | None:
        """The mean vector of a language's documents, counting ``prior`` documents' worth of the mean of
        all languages (so a language of few reference documents is not centred on their subjects); the
        mean of all languages for a language the reference does not hold."""
        total = self.sums.get(ALL_LANGUAGES)
        if total is None:
            return None
        overall = total / max(1, self.counts[ALL_LANGUAGES])
        lang = language or ALL_LANGUAGES
        if lang not in self.sums:
            return overall
        return (self.sums[lang] + prior * overall) / (self.counts[lang] + prior)

    @classmethod
    def count(
        cls, keys: Iterable[Iterable[str]], vectors: Iterable[tuple[str | None, np.ndarray]]
    ) -> ProfileStats:
        """Statistics of documents given as their key sets and (language, document vector) pairs."""
        df, n = count_df(keys)
        sums: dict[str, np.ndarray] = {}
        counts: Counter[str] = Counter()
        for language, v in vectors:
            for lang in {language or ALL_LANGUAGES, ALL_LANGUAGES}:
                sums[lang] = sums.get(lang, 0.0) + np.asarray(v, dtype=np.float64)
                counts[lang] += 1
        return cls(n, df, sums, dict(counts))

    def save(self, path: Path) -> None:
        langs = sorted(self.sums)
        np.savez_compressed(
            path,
            documents=np.int64(self.documents),
            **sparse_df(self.df),
            languages=np.array(langs, dtype=str),
            sums=np.stack([self.sums[k] for k in langs]).astype(np.float64),
            counts=np.array([self.counts[k] for k in langs], dtype=np.int64),
        )


@functools.cache
def load_profile_stats(path: str | None = None) -> ProfileStats:
    """The packaged reference statistics (or the file at ``path``)."""
    source = Path(path) if path else resources.files("storyline") / "resources" / PROFILE_RESOURCE
    with source.open("rb") as f, np.load(f) as data:
        langs = [str(k) for k in data["languages"]]
        sums = {k: np.asarray(v, np.float64) for k, v in zip(langs, data["sums"], strict=True)}
        counts = {k: int(c) for k, c in zip(langs, data["counts"], strict=True)}
        return ProfileStats(int(data["documents"]), dense_df(data), sums, counts)


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


def centred_vectors(events: Sequence[EventDoc], stats: ProfileStats, prior: float) -> np.ndarray | None:
    """Mean vectors minus the reference mean of their language (``ProfileStats.mean``), unit length."""
    means = [mean_vector(e) for e in events]
    dims = {m.shape[0] for m in means if m is not None}
    if not dims:
        return None
    out = np.zeros((len(events), dims.pop()), dtype=np.float32)
    for i, (event, m) in enumerate(zip(events, means, strict=True)):
        if m is None:
            continue
        centre = stats.mean(event.language, prior)
        v = m - centre.astype(np.float32) if centre is not None and centre.shape == m.shape else m
        n = float(np.linalg.norm(v))
        out[i] = v / n if n > 0 else 0.0
    return out


def hashed_keys(keys: Sequence[Counter[str]], prefix: str, stats: ProfileStats) -> np.ndarray:
    """TF-IDF over the keys starting with ``prefix`` (IDF of the reference statistics), hashed, unit rows."""
    out = np.zeros((len(keys), HASH_DIM), dtype=np.float32)
    for i, k in enumerate(keys):
        for key, tf in k.items():
            if not key.startswith(prefix):
                continue
            h = zlib.crc32(key.encode("utf-8"))  # its column and sign here, its IDF bucket in the stats
            sign = 1.0 if (h >> 31) & 1 else -1.0
            out[i, h % HASH_DIM] += sign * (1.0 + math.log(tf)) * stats.idf_of_hash(h)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.where(norms > 0, out / np.where(norms > 0, norms, 1.0), 0.0).astype(np.float32)


def profile_rows(
    events: Sequence[EventDoc], config: StoryConfig, stats: ProfileStats | None = None
) -> np.ndarray:
    """One row per event: [w_vec * centred vector, w_names * name keys, w_words * word keys]; a row
    depends on its event and the reference statistics only."""
    stats = stats or load_profile_stats()
    keys = [event_keys(e, config) for e in events]
    weights = np.array([config.vector_weight, config.name_weight, config.word_weight], dtype=np.float64)
    weights = np.sqrt(weights / weights.sum())
    blocks = []
    vectors = centred_vectors(events, stats, config.language_prior)
    if vectors is not None:
        blocks.append(weights[0] * vectors)
    blocks.append(weights[1] * hashed_keys(keys, "n:", stats))
    blocks.append(weights[2] * hashed_keys(keys, "w:", stats))
    return np.hstack(blocks).astype(np.float32)
