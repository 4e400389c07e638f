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

An id the input repeats is rare: its copies are set aside and the serial rule is applied in input order at
the end (the later copy is kept, each repeat is reported).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from storyline.add import IngestReport, Source, Status
from storyline.clean import OutletContext, content_hash
from storyline.clean.outlet import counts_context, doc_lines, outlet_key
from storyline.components import Preparer
from storyline.config import Config, IngestConfig
from storyline.errors import InputProblem
from storyline.model import Prepared, RawDoc
from storyline.store import open_store
from storyline.store.base import Store

from .shards import Shard, plan_shards, read_shard

log = logging.getLogger(__name__)

LINE, ID = 0, 1  # what a context key counts
DOC, PROBLEM, UNCHANGED, REPEAT, PREPARED = "doc", "problem", "unchanged", "repeat", "prepared"
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


@functools.cache
def _worker_store(url: str) -> Store:
    """One store connection per worker process (reads only: hashes and stored line counts)."""
    return open_store(url)


# ---------------------------------------------------------------- reading
def shard_rows(row: Mapping[str, Any], config: IngestConfig) -> list[dict[str, Any]]:
    """The documents and problems of one shard, with their position in the input."""
    shard: Shard = pickle.loads(row["shard"])
    out = []
    for n, item in enumerate(read_shard(shard, config)):
        doc = isinstance(item, RawDoc)
        out.append(
            {
                "shard": shard.number,
                "ord": n,
                "kind": DOC if doc else PROBLEM,
                "blob": pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL),
            }
        )
    return out


def _docs(batch: Mapping[str, np.ndarray]) -> list[tuple[int, RawDoc]]:
    rows = zip(batch["kind"], batch["blob"], strict=True)
    return [(i, pickle.loads(blob)) for i, (kind, blob) in enumerate(rows) if kind == DOC]


# ---------------------------------------------------------------- the context pass
def context_counts(batch: Mapping[str, np.ndarray], store_url: str | None) -> dict[str, np.ndarray]:
    """Keys of one batch: (outlet, line) of its new and changed documents, with the stored count of the
    line, and article ids."""
    docs = [d for _, d in _docs(batch)]
    ids = np.array([id_key(d.id) for d in docs], dtype=np.int64)
    counted = docs
    store = _worker_store(store_url) if store_url else None
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
    keys = np.concatenate(keys_list) if keys_list else np.zeros(0, np.int64)
    unique, counts = np.unique(keys, return_counts=True)
    stored = np.zeros(len(unique), np.int64)
    if store is not None and wanted and len(unique):
        found = store.outlet_line_counts(wanted)
        for outlet, line_docs in found.items():
            k = line_keys(outlet, list(line_docs))
            at = np.minimum(np.searchsorted(unique, k), len(unique) - 1)
            ok = unique[at] == k
            stored[at[ok]] = np.array(list(line_docs.values()), dtype=np.int64)[ok]
    return {
        "what": np.concatenate([np.full(len(unique), LINE, np.int8), np.full(len(ids), ID, np.int8)]),
        "key": np.concatenate([unique, ids]),
        "n": np.concatenate([counts.astype(np.int64), np.ones(len(ids), np.int64)]),
        "stored": np.concatenate([stored, np.zeros(len(ids), np.int64)]),
    }


def repeated(batch: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Keys seen more than once: lines an outlet repeats (input and store together), repeated ids."""
    total = batch["sum(n)"] + batch["max(stored)"]
    keep = total > 1
    return {"what": batch["what"][keep], "key": batch["key"][keep], "n": total[keep]}


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

        context, repeats = ray.get(list(shared))
        self.preparer = preparer
        self.context = Context(*context)
        self.repeats = repeats
        self.store_url = store_url

    def __call__(self, batch: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        kinds = list(batch["kind"])
        blobs = list(batch["blob"])
        ids = [""] * len(kinds)
        docs = _docs(batch)
        for i, d in docs:
            ids[i] = d.id
        if len(self.repeats):
            keys = np.array([id_key(d.id) for _, d in docs], dtype=np.int64)
            again = np.isin(keys, self.repeats)
            for (i, _), r in zip(docs, again, strict=True):
                if r:
                    kinds[i] = REPEAT
            docs = [(i, d) for (i, d), r in zip(docs, again, strict=True) if not r]
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
            "shard": batch["shard"],
            "ord": batch["ord"],
            "kind": np.array(kinds, dtype=object),
            "id": np.array(ids, dtype=object),
            "blob": np.array(blobs, dtype=object),
        }


def prepare_docs_remote(preparer: Preparer, items: list[tuple[RawDoc, OutletContext]]) -> list[Prepared]:
    return preparer(items)


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
) -> IngestReport:
    """Read, clean, annotate and store every new or changed article with a Ray Data pipeline."""
    from ray.data.aggregate import Max, Sum

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
        .aggregate(Sum("n"), Max("stored"))
        .map_batches(repeated, batch_format="numpy", num_cpus=read_cpus)
    )
    parts = list(found.iter_batches(batch_format="numpy", batch_size=100_000))
    what = np.concatenate([p["what"] for p in parts]) if parts else np.zeros(0, np.int8)
    keys = np.concatenate([p["key"] for p in parts]) if parts else np.zeros(0, np.int64)
    totals = np.concatenate([p["n"] for p in parts]) if parts else np.zeros(0, np.int64)
    context = (keys[what == LINE], totals[what == LINE])
    repeats = np.sort(keys[what == ID])
    log.info("context pass: %d repeated outlet lines, %d repeated ids", len(context[0]), len(repeats))
    shared = (ray.put(context), ray.put(repeats))

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
    held: list[tuple[int, int, RawDoc]] = []
    for batch in prepared.iter_batches(batch_size=config.ingest.batch_size, batch_format="numpy"):
        _store_batch(batch, store, report, held, progress, on_problem, on_article)
    if held:
        _repeats(ray, held, store, config, preparer, Context(*context), report, on_problem, on_article)
    return report


def _store_batch(
    batch: Mapping[str, np.ndarray],
    store: Store,
    report: IngestReport,
    held: list[tuple[int, int, RawDoc]],
    progress: Callable[[int], None] | None,
    on_problem: Callable[[InputProblem], None] | None,
    on_article: Callable[[str, Status, str], None] | None,
) -> None:
    items: list[Prepared] = []
    done = 0
    rows = zip(batch["shard"], batch["ord"], batch["kind"], batch["blob"], strict=True)
    for shard, ord_, kind, blob in rows:
        if kind == PROBLEM:
            _problem(report, pickle.loads(blob), on_problem)
            continue
        report.read += 1
        if kind == REPEAT:
            held.append((int(shard), int(ord_), pickle.loads(blob)))
        elif kind == UNCHANGED:
            doc: RawDoc = pickle.loads(blob)
            report.unchanged += 1
            done += 1
            if on_article:
                on_article(doc.id, "unchanged", doc.origin)
        else:
            items.append(pickle.loads(blob))
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
            status = "unchanged"  # stored by an earlier attempt of this batch
        setattr(report, status, getattr(report, status) + 1)
        if on_article:
            on_article(p.article.id, status, p.raw.origin)


def _repeats(
    ray: Any,
    held: list[tuple[int, int, RawDoc]],
    store: Store,
    config: Config,
    preparer: Preparer,
    context: Context,
    report: IngestReport,
    on_problem: Callable[[InputProblem], None] | None,
    on_article: Callable[[str, Status, str], None] | None,
) -> None:
    """The serial rule for ids the input repeats: in input order, each repeat is reported and the later
    copy is kept."""
    held.sort(key=lambda t: (t[0], t[1]))
    seen: dict[str, str] = {}
    kept: dict[str, RawDoc] = {}
    for _, _, doc in held:
        if doc.id in seen:
            message = f"article id {doc.id!r} again (first at {seen[doc.id]}); this later copy is kept"
            _problem(report, InputProblem(doc.origin, message, skipped=False), on_problem)
            report.unchanged += 1  # the earlier copy is never stored
        seen[doc.id] = doc.origin
        kept[doc.id] = doc
    known = store.article_hashes(list(kept))
    todo = []
    for doc in kept.values():
        if known.get(doc.id) == content_hash(doc):
            report.unchanged += 1
            if on_article:
                on_article(doc.id, "unchanged", doc.origin)
        else:
            todo.append((doc, context.for_doc(doc)))
    if todo:
        task = ray.remote(prepare_docs_remote)
        size = config.ingest.batch_size
        for i in range(0, len(todo), size):
            _put(store, ray.get(task.remote(preparer, todo[i : i + size])), report, on_article)


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
