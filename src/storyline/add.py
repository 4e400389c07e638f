"""Adding articles: read → outlet context → clean, annotate, embed, sign → store.

Inputs are paths (files, directories) and article records (dicts in the JSONL record format), in any mix.
Two passes over them: the first counts the lines each outlet repeats (the cleaning context, keyed by
outlet over the whole input and the articles stored before, so an article cleans the same way whatever
arrives with it); the second prepares the new and changed articles with an executor and stores them,
``ingest.batch_size`` per transaction. Every problem is reported and never stops the run.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from storyline.clean import OutletContext, content_hash
from storyline.clean.outlet import ContextCounter
from storyline.components import Preparer, contexts_for
from storyline.config import Config
from storyline.errors import InputProblem
from storyline.executors import Executor, make_executor
from storyline.ingest import iter_inputs, iter_records
from storyline.ingest.files import duplicate_problem
from storyline.model import Prepared, RawDoc
from storyline.store.base import Store

log = logging.getLogger(__name__)

Source = str | Path | Mapping[str, Any]
Status = Literal["added", "changed", "unchanged"]


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.skipped)


def iter_sources(
    sources: Sequence[Source], config: Config, html: bool = True
) -> Iterator[RawDoc | InputProblem]:
    """Documents of paths and records, in the given order (runs of records read as one stream)."""
    run: list[Mapping[str, Any]] = []
    offset = 0
    for source in sources:
        if isinstance(source, Mapping):
            run.append(source)
            continue
        if run:
            yield from _records(run, offset, config)
            offset += len(run)
            run = []
        yield from iter_inputs([source], config.ingest, html=html)
    if run:
        yield from _records(run, offset, config)


def _records(run: list[Mapping[str, Any]], offset: int, config: Config) -> Iterator[RawDoc | InputProblem]:
    for item in iter_records(run, config.ingest):
        if offset and isinstance(item, InputProblem):
            name, _, number = item.origin.rpartition(":")
            item = InputProblem(f"{name}:{int(number) + offset}", item.message, item.skipped)
        elif offset and isinstance(item, RawDoc):
            name, _, number = item.origin.rpartition(":")
            item = _with_origin(item, f"{name}:{int(number) + offset}")
        yield item


def _with_origin(doc: RawDoc, origin: str) -> RawDoc:
    return dataclasses.replace(doc, origin=origin)


def _batches(items: Iterable[RawDoc | InputProblem], size: int) -> Iterator[list[RawDoc | InputProblem]]:
    batch: list[RawDoc | InputProblem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def prepare_docs(docs: Sequence[RawDoc], config: Config, preparer: Preparer) -> list[Prepared]:
    """Prepare documents outside any store (evaluations): the context of these documents alone, worker
    processes when there are enough of them."""
    counter = ContextCounter()
    for d in docs:
        counter.add(d)
    contexts = counter.contexts()
    size = config.annotate.chunk_size
    chunks = [contexts_for(docs[i : i + size], contexts) for i in range(0, len(docs), size)]
    executor = make_executor(config.annotate, len(docs))
    try:
        return [p for result in executor.map(preparer, chunks) for p in result]
    finally:
        executor.close()


def outlet_contexts(sources: Sequence[Source], store: Store, config: Config) -> dict[str, OutletContext]:
    """The context pass: lines per outlet over the new and changed documents of the input, plus the counts
    of the articles stored before."""
    counter = ContextCounter()
    for batch in _batches(iter_sources(sources, config, html=False), config.ingest.batch_size):
        docs = {d.id: d for d in batch if isinstance(d, RawDoc)}
        known = store.article_hashes(list(docs))
        for d in docs.values():
            if known.get(d.id) != content_hash(d):
                counter.add(d)
    return counter.contexts(store.outlet_line_counts(counter.wanted()))


def add_sources(
    sources: Sequence[Source],
    store: Store,
    config: Config,
    preparer: Preparer,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    on_article: Callable[[str, Status, str], None] | None = None,
) -> IngestReport:
    """Read, clean, annotate and store every new or changed article; report every input problem.
    ``on_article(id, status, origin)`` hears of every article read."""
    report = IngestReport()
    contexts = outlet_contexts(sources, store, config)
    own = executor is None
    seen: dict[str, str] = {}  # id -> origin of its first copy, over the whole input
    done: set[str] = set()  # ids stored (or found unchanged) by this run
    try:
        for batch in _batches(iter_sources(sources, config), config.ingest.batch_size):
            docs: dict[str, RawDoc] = {}
            for item in batch:
                if isinstance(item, InputProblem):
                    _problem(report, item, on_problem)
                    continue
                report.read += 1
                first = seen.setdefault(item.id, item.origin)
                if first != item.origin:  # another file or record: the first copy is kept
                    _problem(report, duplicate_problem(item, first), on_problem)
                    continue
                if item.id in docs or item.id in done:  # the same file named twice in one run
                    report.unchanged += 1
                    continue
                docs[item.id] = item
            done.update(docs)
            known = store.article_hashes(list(docs))
            todo = [d for d in docs.values() if known.get(d.id) != content_hash(d)]
            for d in docs.values():
                if known.get(d.id) == content_hash(d):
                    report.unchanged += 1
                    if on_article:
                        on_article(d.id, "unchanged", d.origin)
            if todo:
                parallel = len(todo) >= config.annotate.min_parallel
                if parallel and executor is None:
                    executor = make_executor(config.annotate)
                prepared = []
                size = config.annotate.chunk_size
                chunks = [contexts_for(todo[i : i + size], contexts) for i in range(0, len(todo), size)]
                results = executor.map(preparer, chunks) if parallel and executor else map(preparer, chunks)
                for result in results:
                    prepared.extend(result)
                    if progress:
                        progress(len(result))
                store.put_articles(prepared)
                for p in prepared:
                    status: Status = "changed" if p.article.id in known else "added"
                    if status == "changed":
                        report.changed += 1
                    else:
                        report.added += 1
                    if on_article:
                        on_article(p.article.id, status, p.raw.origin)
            if progress:
                progress(len(docs) - len(todo))
    finally:
        if own and executor is not None:
            executor.close()
    return report


def _problem(
    report: IngestReport, problem: InputProblem, on_problem: Callable[[InputProblem], None] | None
) -> None:
    report.problems.append(problem)
    if on_problem:
        on_problem(problem)
