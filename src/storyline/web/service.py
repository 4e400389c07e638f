"""What the web app runs on: per-thread readers, one writer thread, and the feed of story changes.

- Reads run in the server's thread pool; each thread opens its own engine over the database (SQLite
  connections must not cross threads), so reads never wait for each other or for the writer.
- Writes run on one writer thread: articles POSTed while an ingest runs are queued, and the requests
  waiting are taken together into the next ``add`` + ``update`` (group commit), so many small POSTs cost
  about one update each round, not one each. Worker processes annotate big batches, started once.
- Story changes come from the store's story log (``Store.story_changes``), read whenever the generation
  moves, whichever process wrote: the live pages follow ``storyline watch`` and ``storyline feeds`` too.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from storyline.config import Config
from storyline.engine import Engine
from storyline.errors import InputProblem
from storyline.executors import Executor, make_executor
from storyline.store.index import StoryChange
from storyline.web.metrics import Metrics

log = logging.getLogger(__name__)

MAX_GROUP_RECORDS = 2000  # records of queued requests taken into one ingest


@dataclass(slots=True)
class ArticleResult:
    line: int
    id: str | None
    status: str  # added | changed | unchanged | rejected
    reason: str | None = None
    event_id: str | None = None
    story_id: str | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "id": self.id,
            "status": self.status,
            "reason": self.reason,
            "event_id": self.event_id,
            "story_id": self.story_id,
            "notes": list(self.notes),
        }


class BadLine(dict[str, Any]):
    """A line of a request that is no article record (not JSON, not an object): stands in its place so that
    the others keep their line numbers, and is rejected with ``message``."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


@dataclass(slots=True)
class _Job:
    records: list[Any]  # what the request held, one item per line (non-dicts are rejected)
    done: Future[list[ArticleResult]]


def _line(origin: str) -> int | None:
    name, _, number = origin.rpartition(":")
    return int(number) if name == "record" and number.isdigit() else None


class Writer:
    """The one thread that ingests and updates."""

    def __init__(
        self, db: str, config: Config, metrics: Metrics, on_applied: Callable[[], None] | None = None
    ) -> None:
        self.db = db
        self.config = config
        self.metrics = metrics
        self.on_applied = on_applied
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="storyline-writer", daemon=True)
        self._executor: Executor | None = None
        self.ready = threading.Event()
        self.error: BaseException | None = None

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._jobs.put(None)
        self._thread.join(timeout)

    def submit(self, records: list[Any]) -> Future[list[ArticleResult]]:
        job = _Job(records, Future())
        self._jobs.put(job)
        return job.done

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    # ---------------------------------------------------------------- the thread
    def _run(self) -> None:
        try:
            engine = Engine(self.db, self.config)
        except BaseException as exc:  # the database cannot be opened: every write fails with why
            self.error = exc
            self.ready.set()
            self._fail_all(exc)
            return
        try:
            backlog = engine.store.index_backlog()
            if backlog:
                log.info("indexed %d articles stored before the search index existed", backlog)
        except Exception:  # an index it cannot build is no reason to refuse writes
            log.exception("indexing the stored articles failed")
        self.ready.set()
        try:
            while True:
                first = self._jobs.get()
                if first is None:
                    return
                jobs = [first]
                total = len(first.records)
                while total < MAX_GROUP_RECORDS:
                    try:
                        more = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    if more is None:
                        self._jobs.put(None)
                        break
                    jobs.append(more)
                    total += len(more.records)
                self._ingest(engine, jobs)
        finally:
            if self._executor is not None:
                self._executor.close()
            engine.close()

    def _fail_all(self, exc: BaseException) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            job.done.set_exception(exc)

    def _ingest(self, engine: Engine, jobs: Sequence[_Job]) -> None:
        records: list[Any] = [r for job in jobs for r in job.records]
        results = [ArticleResult(n + 1, _record_id(r), "rejected") for n, r in enumerate(records)]
        for r, record in zip(results, records, strict=True):
            if isinstance(record, BadLine):
                r.reason = record.message
        seen_status: set[int] = set()

        def on_problem(problem: InputProblem) -> None:
            n = _line(problem.origin)
            if n is None or not 1 <= n <= len(results):
                return
            if problem.skipped:
                if not isinstance(records[n - 1], BadLine):
                    results[n - 1].reason = problem.message
            else:
                results[n - 1].notes.append(problem.message)

        def on_article(article_id: str, status: str, origin: str) -> None:
            n = _line(origin)
            if n is not None and 1 <= n <= len(results):
                results[n - 1].status = status
                results[n - 1].id = article_id
                seen_status.add(n)

        started = time.perf_counter()
        try:
            if self._executor is None and len(records) >= self.config.annotate.min_parallel:
                self._executor = make_executor(self.config.annotate)
            engine.executor = self._executor
            engine.add(records, on_problem=on_problem, on_article=on_article)
            t = time.perf_counter()
            engine.update()
            self.metrics.observe("storyline_update_seconds", time.perf_counter() - t)
            for n, r in enumerate(results, start=1):
                if n not in seen_status and r.reason is None:
                    r.status, r.reason = "unchanged", "a later copy with the same id in this batch was kept"
            stored = [r.id for r in results if r.status != "rejected" and r.id]
            state = engine.store.memberships(stored)
            stories = engine.store.event_story_ids({m.event_id for m in state.values() if m.event_id})
            for r in results:
                m = state.get(r.id or "")
                if r.status != "rejected" and m is not None:
                    r.event_id = m.event_id
                    r.story_id = stories.get(m.event_id) if m.event_id else None
            for r in results:
                if r.status == "rejected" and r.reason is None:
                    r.reason = "not an article record"
                self.metrics.inc("storyline_articles_ingested_total", {"status": r.status})
        except BaseException as exc:
            log.exception("ingest failed")
            for job in jobs:
                job.done.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        finally:
            self.metrics.observe("storyline_ingest_seconds", time.perf_counter() - started)
        offset = 0
        for job in jobs:
            mine = results[offset : offset + len(job.records)]
            for k, r in enumerate(mine, start=1):
                r.line = k
            offset += len(job.records)
            job.done.set_result(mine)
        if self.on_applied:
            self.on_applied()


def _record_id(record: Any) -> str | None:
    if isinstance(record, Mapping):
        value = record.get("id")
        if isinstance(value, str | int) and not isinstance(value, bool):
            return str(value).strip() or None
    return None


class Broker:
    """Fans story changes out to the open streams (asyncio queues, one per client)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._queues: set[asyncio.Queue[StoryChange | None]] = set()

    def subscribe(self) -> asyncio.Queue[StoryChange | None]:
        q: asyncio.Queue[StoryChange | None] = asyncio.Queue(self.size)
        self._queues.add(q)
        return q

    def unsubscribe(self, q: asyncio.Queue[StoryChange | None]) -> None:
        self._queues.discard(q)

    def publish(self, change: StoryChange) -> None:
        for q in list(self._queues):
            try:
                q.put_nowait(change)
            except asyncio.QueueFull:  # a client that does not read: it will catch up from the log
                log.info("a stream client fell behind; dropping a change for it")

    def close(self) -> None:
        for q in list(self._queues):
            with contextlib.suppress(asyncio.QueueFull):
                q.put_nowait(None)

    @property
    def clients(self) -> int:
        return len(self._queues)


class Service:
    """The state of one server process."""

    def __init__(self, db: str, config: Config, token: str | None) -> None:
        self.db = db
        self.config = config
        self.token = token or None
        self.metrics = Metrics()
        self.broker = Broker()
        self._local = threading.local()
        self._engines: list[Engine] = []
        self._lock = threading.Lock()
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.generation = 0
        self.writer = Writer(db, config, self.metrics, self._applied)

    # ---------------------------------------------------------------- readers
    def reader(self) -> Engine:
        """This thread's engine (its own database connection)."""
        engine: Engine | None = getattr(self._local, "engine", None)
        if engine is None:
            engine = Engine(self.db, self.config)
            self._local.engine = engine
            with self._lock:
                self._engines.append(engine)
        return engine

    # ---------------------------------------------------------------- life cycle
    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._wake = asyncio.Event()
        self.writer.start()

    def stop(self) -> None:
        self.broker.close()
        self.writer.stop()
        with self._lock:
            for engine in self._engines:
                try:
                    engine.close()
                except Exception:  # closing from another thread: SQLite may refuse; the process ends
                    log.debug("closing a reader failed", exc_info=True)
            self._engines.clear()

    def _applied(self) -> None:
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    def _changes(self, since: int) -> list[StoryChange]:
        return self.reader().store.story_changes(since, 10_000)

    async def follow_changes(self, read: Callable[[Callable[[], Any]], Any]) -> None:
        """Publish the story log as it grows (``read`` runs a blocking call in a worker thread)."""
        assert self._wake is not None
        self.generation = await read(lambda: self.reader().store.generation())
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.config.web.poll_seconds)
            self._wake.clear()
            try:
                generation = await read(lambda: self.reader().store.generation())
                if generation == self.generation:
                    continue
                changes = await read(functools.partial(self._changes, self.generation))
            except Exception:
                log.exception("reading the story log failed")
                continue
            for change in changes:
                self.broker.publish(change)
            self.generation = max([generation, *(c.generation for c in changes)])
