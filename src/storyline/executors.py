"""Executors run a picklable function over batches, in order: in this process, or in a pool of worker
processes. ``make_executor`` is the one place that chooses; stages never know which runs them."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from storyline.config import AnnotateConfig

log = logging.getLogger(__name__)

T = TypeVar("T")
U = TypeVar("U")


class Executor(Protocol):
    workers: int

    def map(self, fn: Callable[[T], U], items: Iterable[T]) -> Iterator[U]:
        """``fn`` over ``items``, results in the order of the items."""

    def close(self) -> None: ...


class SerialExecutor:
    workers = 1

    def map(self, fn: Callable[[T], U], items: Iterable[T]) -> Iterator[U]:
        for item in items:
            yield fn(item)

    def close(self) -> None:
        return None


class ProcessExecutor:
    """A pool of worker processes (``start_method``: "forkserver" by default: workers do not inherit the
    parent's threads or loaded models, and build their own models once)."""

    def __init__(self, workers: int, start_method: str = "forkserver") -> None:
        self.workers = workers
        self._pool: Any = multiprocessing.get_context(start_method).Pool(workers)

    def map(self, fn: Callable[[T], U], items: Iterable[T]) -> Iterator[U]:
        yield from self._pool.imap(fn, items)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def workers(config: AnnotateConfig) -> int:
    return config.workers or max(1, os.cpu_count() or 1)


def make_executor(config: AnnotateConfig, items: int | None = None) -> Executor:
    """Worker processes when there is enough work for them (``items`` unknown counts as enough)."""
    n = workers(config)
    if config.executor == "serial" or n <= 1 or (items is not None and items < config.min_parallel):
        return SerialExecutor()
    log.info("annotating with %d worker processes", n)
    return ProcessExecutor(n, config.start_method)
