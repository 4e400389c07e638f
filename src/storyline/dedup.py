"""Near-duplicate articles: copies and light rewrites of one text form a group with a canonical article.

Each article gets a MinHash signature of its shingles (word 3-grams; character 5-grams for texts
under ``short_words`` words). Signatures are cut into LSH bands; articles sharing a band bucket are
candidates (an index lookup, not all pairs), and a candidate is a duplicate when the estimated
Jaccard reaches ``jaccard``, or when most of the shorter text is inside the longer one (estimated
containment ≥ ``containment``, a cut or extended copy). The canonical article of a group is the
earliest published one, then the earliest ingested.

The index is anything with the ``SignatureIndex`` methods: the SQLite store (persistent,
incremental) or ``MemoryIndex`` (evaluation, tests).
"""

from __future__ import annotations

import functools
import re
import struct
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from storyline.config import DedupConfig
from storyline.model import Article

WORD = re.compile(r"\w+")
SPACE = re.compile(r"\s+")
SEED = 1


@dataclass(frozen=True, slots=True)
class Signature:
    article_id: str
    size: int  # number of distinct shingles
    hashes: np.ndarray  # uint64, (num_perm,)


class SignatureIndex(Protocol):
    def minhash_candidates(self, bands: Sequence[tuple[int, int]]) -> set[str]: ...

    def minhashes(self, ids: Iterable[str]) -> dict[str, tuple[int, np.ndarray]]: ...

    def put_minhash(
        self, article_id: str, size: int, hashes: np.ndarray, bands: Sequence[tuple[int, int]]
    ) -> None: ...


class MemoryIndex:
    """In-memory ``SignatureIndex``."""

    def __init__(self) -> None:
        self.buckets: dict[tuple[int, int], set[str]] = {}
        self.signatures: dict[str, tuple[int, np.ndarray]] = {}

    def minhash_candidates(self, bands: Sequence[tuple[int, int]]) -> set[str]:
        out: set[str] = set()
        for band in bands:
            out |= self.buckets.get(band, set())
        return out

    def minhashes(self, ids: Iterable[str]) -> dict[str, tuple[int, np.ndarray]]:
        return {i: self.signatures[i] for i in ids if i in self.signatures}

    def put_minhash(
        self, article_id: str, size: int, hashes: np.ndarray, bands: Sequence[tuple[int, int]]
    ) -> None:
        self.signatures[article_id] = (size, hashes)
        for band in bands:
            self.buckets.setdefault(band, set()).add(article_id)


# ---------------------------------------------------------------- signatures
def shingles(text: str, config: DedupConfig) -> set[str]:
    """Word n-grams of the lower-cased text; character n-grams when the text is short."""
    words = WORD.findall(text[: config.max_chars].lower())
    n = config.shingle_words
    if len(words) >= config.short_words:
        return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
    flat = " ".join(words)
    k = config.shingle_chars
    return {flat[i : i + k] for i in range(max(1, len(flat) - k + 1))} if flat else set()


@functools.cache
def _template(num_perm: int) -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=SEED)


def signature(article: Article, config: DedupConfig) -> Signature:
    from datasketch import MinHash

    grams = shingles(article.text, config)
    template = _template(config.num_perm)
    m = MinHash(
        num_perm=config.num_perm, seed=SEED, permutations=template.permutations, scheme=template.scheme
    )
    m.update_batch([g.encode("utf-8") for g in grams])
    return Signature(article.id, len(grams), np.asarray(m.hashvalues, dtype=np.uint64))


def bands(sig: Signature, config: DedupConfig) -> list[tuple[int, int]]:
    """(band number, bucket) per LSH band; the bucket is a stable 32-bit hash of the band's rows."""
    r = config.band_rows
    out = []
    for b in range(config.num_perm // r):
        rows = sig.hashes[b * r : (b + 1) * r]
        out.append((b, zlib.crc32(struct.pack(f"<{r}Q", *rows.tolist()))))
    return out


def estimate(a: Signature, b: Signature) -> tuple[float, float]:
    """(estimated Jaccard, estimated share of the smaller shingle set inside the larger)."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    j = float(np.mean(a.hashes == b.hashes))
    inter = j * (a.size + b.size) / (1.0 + j)
    return j, min(1.0, inter / min(a.size, b.size))


def is_duplicate(a: Signature, b: Signature, config: DedupConfig) -> bool:
    j, c = estimate(a, b)
    return j >= config.jaccard or (c >= config.containment and j >= config.min_containment_jaccard)


# ---------------------------------------------------------------- groups
@dataclass(frozen=True, slots=True)
class Duplicates:
    """What the dedup stage decided for one batch of new articles."""

    duplicate_of: dict[str, str | None]  # article id -> canonical id (None: canonical), changed ones only
    follows: dict[str, str]  # new duplicate id -> the article whose event it joins


Order = Callable[[Iterable[str]], Mapping[str, tuple[str, int]]]


def find_duplicates(
    new: Sequence[Article],
    index: SignatureIndex,
    known: Mapping[str, str | None],
    order_of: Order,
    config: DedupConfig,
) -> Duplicates:
    """Match each new article against the index (and the new articles before it); add it to the index.

    ``known``: duplicate_of of stored articles (None or absent: canonical or alone). ``order_of``:
    sort keys (published or "~", arrival number) of articles, to choose the canonical one.
    """
    order = dict(order_of([a.id for a in new]))
    canonical: dict[str, str | None] = dict(known)
    members: dict[str, set[str]] = {}
    for aid, c in known.items():
        if c:
            members.setdefault(c, set()).add(aid)
    changed: dict[str, str | None] = {}
    follows: dict[str, str] = {}
    for article in sorted(new, key=lambda a: order.get(a.id, ("~", 0))):
        sig = signature(article, config)
        keys = bands(sig, config)
        candidates = index.minhash_candidates(keys) - {article.id}
        stored = index.minhashes(candidates)
        best: tuple[float, str] | None = None
        for cid, (size, hashes) in stored.items():
            other = Signature(cid, size, hashes)
            if is_duplicate(sig, other, config):
                j = estimate(sig, other)[0]
                if best is None or j > best[0]:
                    best = (j, cid)
        index.put_minhash(article.id, sig.size, sig.hashes, keys)
        if best is None:
            continue
        match = best[1]
        follows[article.id] = match
        head = canonical.get(match) or match
        group = {head} | members.pop(head, set())
        order.update(order_of([i for i in group if i not in order]))
        new_head = min(group | {article.id}, key=lambda i: order.get(i, ("~", 0)))
        for aid in group | {article.id}:
            value = None if aid == new_head else new_head
            if canonical.get(aid) != value or aid == article.id:
                changed[aid] = value
            canonical[aid] = value
        members[new_head] = (group | {article.id}) - {new_head}
    return Duplicates(changed, follows)
