"""Near-duplicate articles: copies and light rewrites of one text form a group with a canonical article.

Each article gets a MinHash signature of its shingles (word 3-grams; character 5-grams for texts
under ``short_words`` words) when it is annotated. Signatures are cut into LSH bands; articles sharing a
band bucket are candidates (an index lookup, not all pairs), and a candidate is a duplicate when the
estimated Jaccard reaches ``jaccard``, or when most of the shorter text is inside the longer one
(estimated containment ≥ ``containment``, a cut or extended copy). The canonical article of a group is
the earliest published one, then the earliest ingested.

``find_duplicates`` is pure: it matches new signatures against a ``MemoryIndex`` seeded with the stored
candidates (read by the update's snapshot) and against the new articles before them.
"""

from __future__ import annotations

import functools
import re
import struct
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from storyline.config import DedupConfig
from storyline.model import Article, Signature

WORD = re.compile(r"\w+")
SPACE = re.compile(r"\s+")
SEED = 1

Bands = Sequence[tuple[int, int]]


class MemoryIndex:
    """LSH buckets and signatures in memory."""

    def __init__(self, signatures: Iterable[Signature] = (), config: DedupConfig | None = None) -> None:
        self.buckets: dict[tuple[int, int], set[str]] = {}
        self.signatures: dict[str, Signature] = {}
        for sig in signatures:
            self.add(sig, bands(sig, config or DedupConfig()))

    def candidates(self, keys: Bands) -> set[str]:
        out: set[str] = set()
        for band in keys:
            out |= self.buckets.get(band, set())
        return out

    def add(self, sig: Signature, keys: Bands) -> None:
        self.signatures[sig.article_id] = sig
        for band in keys:
            self.buckets.setdefault(band, set()).add(sig.article_id)


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


def find_duplicates(
    new: Sequence[Signature],
    index: MemoryIndex,
    known: Mapping[str, str | None],
    order: Mapping[str, tuple[str, int]],
    config: DedupConfig,
) -> Duplicates:
    """Match each new signature (in canonical order) against the index and the new ones before it.

    ``index`` holds the signatures of stored candidates; ``known``: duplicate_of of stored articles (None
    or absent: canonical or alone); ``order``: sort keys (published or "~", arrival number) of every
    article involved, to choose the canonical one.
    """
    canonical: dict[str, str | None] = dict(known)
    members: dict[str, set[str]] = {}
    for aid, c in known.items():
        if c:
            members.setdefault(c, set()).add(aid)
    changed: dict[str, str | None] = {}
    follows: dict[str, str] = {}
    for sig in sorted(new, key=lambda s: order.get(s.article_id, ("~", 0))):
        keys = bands(sig, config)
        best: tuple[float, str] | None = None
        for cid in sorted(index.candidates(keys) - {sig.article_id}):
            other = index.signatures[cid]
            if is_duplicate(sig, other, config):
                j = estimate(sig, other)[0]
                if best is None or j > best[0]:
                    best = (j, cid)
        index.add(sig, keys)
        if best is None:
            continue
        match = best[1]
        follows[sig.article_id] = match
        head = canonical.get(match) or match
        group = {head} | members.pop(head, set())
        new_head = min(group | {sig.article_id}, key=lambda i: order.get(i, ("~", 0)))
        for aid in group | {sig.article_id}:
            value = None if aid == new_head else new_head
            if canonical.get(aid) != value or aid == sig.article_id:
                changed[aid] = value
            canonical[aid] = value
        members[new_head] = (group | {sig.article_id}) - {new_head}
    return Duplicates(changed, follows)
