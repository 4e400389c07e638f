"""Adding articles on Ray: the serial ``storyline.add`` as a Ray Data pipeline, with the same results.

1. **Shards** (``storyline.distributed.shards``): files, runs of small files and byte ranges of large JSONL
   files, read by parallel tasks.
2. **Context pass**, a distributed step of its own before cleaning: each batch of documents emits a 64-bit
   key per (outlet, line) of its new and changed documents (with the count the store keeps for that line,
   when the store already holds articles) and a key per article id; a hash aggregation sums them, and only
   the keys seen more than once come back: the lines an outlet repeats (the cleaning context) and the ids
   the input repeats. The context travels to the workers as two sorted numpy arrays in the object store
   (shared, not copied, by the workers of a node). Each document is cleaned with the counts of its own
   lines, which is all the cleaner asks of the outlet-wide context, so it cleans exactly as in the serial
   engine.
3. **Prepare**: ``map_batches`` over an actor pool; each actor holds a ``Preparer`` (clean → annotate →
   embed → sign) whose models it builds once. Unchanged articles (same content hash as stored) are passed
   over.
4. **Store**: results stream back in input order, ``ingest.batch_size`` per ``put_articles`` transaction, so
   arrival numbers follow the input as in the serial engine; the driver holds one batch at a time.

An id the input repeats (rare) is known from the context pass, as in the serial reader: within one input
argument (a file or a directory) the first copy is kept and each later one reported and skipped (its lines
are taken off the context again, with a second read of the input, only when there are such copies); across
input arguments, and among records, each copy is stored in input order, the later replacing the earlier
and keeping its arrival number, and each repeat is reported.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import pickle
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from storyline.add import IngestReport, Source, Status
from storyline.clean import OutletContext, content_hash
from storyline.clean.outlet import counts_context, doc_lines, outlet_key
from storyline.components import Preparer
from storyline.config import Config, IngestConfig
from storyline.errors import InputProblem
from storyline.ingest.files import duplicate_problem
from storyline.model import Prepared, RawDoc
from storyline.store import open_store
from storyline.store.base import Store

from .shards import Shard, plan_shards, read_shard, read_shard_sources

log = logging.getLogger(__name__)

LINE, ID, SCOPE = 0, 1, 2  # what a context key counts (SCOPE: an id within one input argument)
DOC, PROBLEM, UNCHANGED, PREPARED = "doc", "problem", "unchanged", "prepared"
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


# ---------------------------------------------------------------- keys
def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser over uint64 values (a bijection that spreads bits)."""
    with np.errstate(over="ignore"):
        x = x.astype(np.uint64)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        out: np.ndarray = x ^ (x >> np.uint64(31))
        return out


def _text_key(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest())


def line_keys(outlet: str, lines: Sequence[int]) -> np.ndarray:
    """One signed 64-bit key per (outlet, line hash)."""
    base = np.uint64(_text_key(outlet))
    mixed = _mix(np.asarray(lines, dtype=np.uint64) ^ _mix(np.array([base]))[0])
    return mixed.view(np.int64)


def id_key(article_id: str) -> int:
    return int(np.array([_text_key("id\x00" + article_id)], dtype=np.uint64).view(np.int64)[0])


def scope_key(source: int, article_id: str) -> int:
    """An id within one input argument (the serial reader keeps the first copy of an id it repeats); 0
    for records, which have no such rule."""
    if source < 0:
        return 0
    key = _text_key(f"scope\x00{source}\x00{article_id}")
    return int(np.array([key], dtype=np.uint64).view(np.int64)[0]) or 1


@functools.cache
def _worker_store(url: str) -> Store:
    """One store connection per worker process (reads only: hashes and stored line counts)."""
    return open_store(url)


# ---------------------------------------------------------------- reading
def shard_rows(row: Mapping[str, Any], config: IngestConfig) -> list[dict[str, Any]]:
    """The documents and problems of one shard, in input order."""
    shard: Shard = pickle.loads(row["shard"])
    return [
        {
            "kind": DOC if isinstance(item, RawDoc) else PROBLEM,
            "blob": pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL),
            "scope": scope_key(source, item.id) if isinstance(item, RawDoc) else 0,
            "pos": (shard.number << 32) | ordinal,  # input order
        }
        for ordinal, (source, item) in enumerate(read_shard_sources(shard, config))
    ]


def _column(batch: Mapping[str, np.ndarray], name: str) -> np.ndarray:
    """An int64 column of the batch (zeros when the batch lacks it: rows made outside the pipeline)."""
    if name in batch:
        return np.asarray(batch[name], dtype=np.int64)
    return np.zeros(len(batch["kind"]), np.int64)


def _docs(batch: Mapping[str, np.ndarray]) -> list[tuple[int, RawDoc]]:
    rows = zip(batch["kind"], batch["blob"], strict=True)
    return [(i, pickle.loads(blob)) for i, (kind, blob) in enumerate(rows) if kind == DOC]


# ---------------------------------------------------------------- the context pass
def context_counts(batch: Mapping[str, np.ndarray], store_url: str | None) -> dict[str, np.ndarray]:
    """Keys of one batch: (outlet, line) of its new and changed documents, with the stored count of the
    line, and article ids."""
    indexed = _docs(batch)
    docs = [d for _, d in indexed]
    ids = np.array([id_key(d.id) for d in docs], dtype=np.int64)
    scope, pos = _column(batch, "scope"), _column(batch, "pos")
    scoped = [i for i, _ in indexed if scope[i]]
    store = _worker_store(store_url) if store_url else None
    keys, wanted = _counted_lines(docs, store)
    unique, counts = np.unique(keys, return_counts=True)
    stored = np.zeros(len(unique), np.int64)
    if store is not None and wanted and len(unique):
        found = store.outlet_line_counts(wanted)
        for outlet, line_docs in found.items():
            k = line_keys(outlet, list(line_docs))
            at = np.minimum(np.searchsorted(unique, k), len(unique) - 1)
            ok = unique[at] == k
            stored[at[ok]] = np.array(list(line_docs.values()), dtype=np.int64)[ok]
    n_lines, n_ids, n_scoped = len(unique), len(ids), len(scoped)
    return {
        "what": np.concatenate(
            [np.full(n_lines, LINE, np.int8), np.full(n_ids, ID, np.int8), np.full(n_scoped, SCOPE, np.int8)]
        ),
        "key": np.concatenate([unique, ids, scope[scoped]]),
        "n": np.concatenate([counts.astype(np.int64), np.ones(n_ids + n_scoped, np.int64)]),
        "stored": np.concatenate([stored, np.zeros(n_ids + n_scoped, np.int64)]),
        "first": np.concatenate([np.zeros(n_lines + n_ids, np.int64), pos[scoped]]),
    }


def _counted_lines(docs: Sequence[RawDoc], store: Store | None) -> tuple[np.ndarray, dict[str, set[int]]]:
    """The (outlet, line) keys the context counts for ``docs`` (their new and changed ones), one per
    document and line, and the lines wanted from the store per outlet."""
    counted = list(docs)
    if store is not None:
        known = store.article_hashes([d.id for d in docs])
        counted = [d for d in docs if known.get(d.id) != content_hash(d)]
    keys_list = []
    wanted: dict[str, set[int]] = {}
    for d in counted:
        if not counts_context(d):
            continue
        lines = doc_lines(d)
        keys_list.append(line_keys(outlet_key(d), lines))
        if store is not None:
            wanted.setdefault(outlet_key(d), set()).update(lines)
    return (np.concatenate(keys_list) if keys_list else np.zeros(0, np.int64)), wanted


def repeated(batch: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Keys seen more than once: lines an outlet repeats (input and store together), repeated ids, ids
    repeated within one input argument (with the input position of the first copy)."""
    total = batch["sum(n)"] + batch["max(stored)"]
    keep = total > 1
    first = batch["min(first)"] if "min(first)" in batch else np.zeros(len(total), np.int64)
    return {"what": batch["what"][keep], "key": batch["key"][keep], "n": total[keep], "first": first[keep]}


def later_copies(batch: Mapping[str, np.ndarray], first: Mapping[int, int]) -> list[int]:
    """Rows of the batch that repeat an id of their input argument after its first copy: the serial
    reader skips them."""
    scope, pos = _column(batch, "scope"), _column(batch, "pos")
    return [i for i, _ in _docs(batch) if scope[i] in first and first[int(scope[i])] != pos[i]]


def later_lines(
    batch: Mapping[str, np.ndarray], first: Mapping[int, int], store_url: str | None
) -> dict[str, np.ndarray]:
    """The (outlet, line) keys the context pass counted for the later copies of the batch (to be taken
    off again: the serial context never sees them)."""
    rows = set(later_copies(batch, first))
    docs = [d for i, d in _docs(batch) if i in rows]
    keys, _ = _counted_lines(docs, _worker_store(store_url) if store_url else None)
    return {"key": keys}


def without_later_copies(
    keys: np.ndarray, totals: np.ndarray, later: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The context (sorted line keys, article counts) less the lines of the skipped later copies, and
    only the lines still repeated."""
    if not len(later):
        return keys, totals
    order = np.argsort(keys, kind="stable")
    keys, totals = keys[order], totals[order].copy()
    gone, n = np.unique(later, return_counts=True)
    at = np.minimum(np.searchsorted(keys, gone), max(0, len(keys) - 1))
    hit = keys[at] == gone if len(keys) else np.zeros(len(gone), bool)
    np.subtract.at(totals, at[hit], n[hit])
    keep = totals > 1
    return keys[keep], totals[keep]


class Context:
    """The cleaning context of a run: sorted (outlet, line) keys with their article counts."""

    def __init__(self, keys: np.ndarray, counts: np.ndarray) -> None:
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.counts = counts[order]

    def for_doc(self, doc: RawDoc) -> OutletContext:
        """The counts of the document's own lines: what ``clean`` asks the outlet's context."""
        lines = doc_lines(doc)
        if not lines or not len(self.keys):
            return OutletContext({})
        k = line_keys(outlet_key(doc), lines)
        at = np.minimum(np.searchsorted(self.keys, k), len(self.keys) - 1)
        hit = self.keys[at] == k
        found = zip(lines, self.counts[at], hit, strict=True)
        return OutletContext({line: int(n) for line, n, h in found if h})


# ---------------------------------------------------------------- preparing
class PrepareActor:
    """Holds a ``Preparer`` (its models are built once, on the first batch) and the shared context."""

    def __init__(self, preparer: Preparer, shared: tuple[Any, ...], store_url: str | None) -> None:
        import ray

        self.preparer = preparer
        self.context = Context(*ray.get(shared[0]))
        self.store_url = store_url

    def __call__(self, batch: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        kinds = list(batch["kind"])
        blobs = list(batch["blob"])
        docs = _docs(batch)
        if self.store_url and docs:
            known = _worker_store(self.store_url).article_hashes([d.id for _, d in docs])
            for i, d in docs:
                if known.get(d.id) == content_hash(d):
                    kinds[i] = UNCHANGED
            docs = [(i, d) for i, d in docs if kinds[i] == DOC]
        if docs:
            prepared = self.preparer([(d, self.context.for_doc(d)) for _, d in docs])
            for (i, _), p in zip(docs, prepared, strict=True):
                kinds[i] = PREPARED
                blobs[i] = pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)
        return {
            "kind": np.array(kinds, dtype=object),
            "blob": np.array(blobs, dtype=object),
            "scope": _column(batch, "scope"),
            "pos": _column(batch, "pos"),
        }


# ---------------------------------------------------------------- the run
def ray_add(
    ray: Any,
    sources: Sequence[Source],
    store: Store,
    config: Config,
    preparer: Preparer,
    actors: int,
    progress: Callable[[int], None] | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    on_article: Callable[[str, Status, str], None] | None = None,
    seconds: dict[str, float] | None = None,
) -> IngestReport:
    """Read, clean, annotate and store every new or changed article with a Ray Data pipeline.
    ``seconds``, when given, receives the wall time of each step ("context", "prepare_and_store")."""
    from ray.data.aggregate import Max, Min, Sum

    seconds = {} if seconds is None else seconds
    started = time.perf_counter()

    report = IngestReport()
    shards = list(plan_shards(sources, config.ingest))
    if not shards:
        return report
    check = store.url if store.count("articles") else None
    if check == ":memory:":
        raise ValueError("the Ray engine's workers cannot read a ':memory:' database that holds articles")
    read_cpus = 0.25  # readers and counters are light; an actor leaves a quarter of a CPU to them
    items = [{"shard": pickle.dumps(s, protocol=pickle.HIGHEST_PROTOCOL)} for s in shards]

    def read() -> Any:
        return ray.data.from_items(items, override_num_blocks=len(items)).flat_map(
            shard_rows, fn_kwargs={"config": config.ingest}, num_cpus=read_cpus
        )

    # the context pass
    counts = read().map_batches(
        context_counts,
        fn_kwargs={"store_url": check},
        batch_size=config.ingest.batch_size,
        batch_format="numpy",
        num_cpus=read_cpus,
    )
    found = (
        counts.groupby(["what", "key"], num_partitions=max(2, actors))
        .aggregate(Sum("n"), Max("stored"), Min("first"))
        .map_batches(repeated, batch_format="numpy", num_cpus=read_cpus)
    )
    parts = list(found.iter_batches(batch_format="numpy", batch_size=100_000))
    what = np.concatenate([p["what"] for p in parts]) if parts else np.zeros(0, np.int8)
    keys = np.concatenate([p["key"] for p in parts]) if parts else np.zeros(0, np.int64)
    totals = np.concatenate([p["n"] for p in parts]) if parts else np.zeros(0, np.int64)
    firsts = np.concatenate([p["first"] for p in parts]) if parts else np.zeros(0, np.int64)
    context = (keys[what == LINE], totals[what == LINE])
    repeats = np.sort(keys[what == ID])
    first = {int(k): int(f) for k, f in zip(keys[what == SCOPE], firsts[what == SCOPE], strict=True)}
    if first:  # ids repeated within one input argument: their later copies do not count (a second read)
        later = read().map_batches(
            later_lines,
            fn_kwargs={"first": first, "store_url": check},
            batch_size=config.ingest.batch_size,
            batch_format="numpy",
            num_cpus=read_cpus,
        )
        taken = [b["key"] for b in later.iter_batches(batch_format="numpy", batch_size=100_000)]
        context = without_later_copies(*context, np.concatenate(taken) if taken else np.zeros(0, np.int64))
    log.info(
        "context pass: %d repeated outlet lines, %d repeated ids (%d within one input argument)",
        len(context[0]),
        len(repeats),
        len(first),
    )
    shared = (ray.put(context),)
    seconds["context"] = time.perf_counter() - started
    started = time.perf_counter()

    # prepare and store, in input order
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    prepared = read().map_batches(
        PrepareActor,
        fn_constructor_kwargs={"preparer": preparer, "shared": shared, "store_url": check},
        compute=ray.data.ActorPoolStrategy(size=actors),
        batch_size=config.annotate.chunk_size,
        batch_format="numpy",
        num_cpus=1 - read_cpus,
    )
    seen: dict[str, str] = {}  # repeated id -> origin of its last copy
    repeats_ = Repeats(set(repeats.tolist()), first)
    for batch in prepared.iter_batches(batch_size=config.ingest.batch_size, batch_format="numpy"):
        _store_batch(batch, store, report, repeats_, seen, progress, on_problem, on_article)
    seconds["prepare_and_store"] = time.perf_counter() - started
    return report


class Repeats:
    """Ids the input repeats: across the input (``ids``: the later copy replaces the earlier), and within
    one input argument (``first``: scope key -> position of the first copy, which is kept)."""

    def __init__(self, ids: set[int], first: Mapping[int, int]) -> None:
        self.ids = ids
        self.first = first
        self.origin: dict[int, str] = {}  # scope key -> origin of the first copy


def _store_batch(
    batch: Mapping[str, np.ndarray],
    store: Store,
    report: IngestReport,
    repeats: Repeats,
    seen: dict[str, str],
    progress: Callable[[int], None] | None,
    on_problem: Callable[[InputProblem], None] | None,
    on_article: Callable[[str, Status, str], None] | None,
) -> None:
    """Store one batch of results, in input order; a repeated id splits the transaction, so that its later
    copy replaces the earlier one."""
    items: list[Prepared] = []
    done = 0
    scopes, positions = _column(batch, "scope"), _column(batch, "pos")
    for kind, blob, scope, pos in zip(batch["kind"], batch["blob"], scopes, positions, strict=True):
        if kind == PROBLEM:
            _problem(report, pickle.loads(blob), on_problem)
            continue
        item: RawDoc | Prepared = pickle.loads(blob)
        doc = item if isinstance(item, RawDoc) else item.raw
        if int(scope) in repeats.first:
            if repeats.first[int(scope)] == pos:
                repeats.origin[int(scope)] = doc.origin
            else:
                _problem(report, duplicate_problem(doc, repeats.origin[int(scope)]), on_problem)
                continue
        report.read += 1
        if repeats.ids and id_key(doc.id) in repeats.ids:
            if doc.id in seen:
                message = f"article id {doc.id!r} again (first at {seen[doc.id]}); this later copy is kept"
                _problem(report, InputProblem(doc.origin, message, skipped=False), on_problem)
                if any(p.article.id == doc.id for p in items):
                    _put(store, items, report, on_article)
                    items = []
            seen[doc.id] = doc.origin
        if isinstance(item, Prepared):
            items.append(item)
            continue
        report.unchanged += 1
        done += 1
        if on_article:
            on_article(doc.id, "unchanged", doc.origin)
    _put(store, items, report, on_article)
    if progress:
        progress(done + len(items))


def _put(
    store: Store,
    items: list[Prepared],
    report: IngestReport,
    on_article: Callable[[str, Status, str], None] | None,
) -> None:
    if not items:
        return
    known = store.article_hashes([p.article.id for p in items])
    store.put_articles(items)
    for p in items:
        status: Status = "changed" if p.article.id in known else "added"
        if known.get(p.article.id) == p.article.content_hash:
            status = "unchanged"  # stored before: an earlier attempt, or an identical earlier copy
        setattr(report, status, getattr(report, status) + 1)
        if on_article:
            on_article(p.article.id, status, p.raw.origin)


def _problem(
    report: IngestReport, problem: InputProblem, on_problem: Callable[[InputProblem], None] | None
) -> None:
    report.problems.append(problem)
    if on_problem:
        on_problem(problem)


def iter_docs(sources: Sequence[Source], config: IngestConfig) -> Iterator[RawDoc | InputProblem]:
    """The documents of the input as the Ray readers see them, one shard after another (tests)."""
    for shard in plan_shards(sources, config):
        yield from read_shard(shard, config)
