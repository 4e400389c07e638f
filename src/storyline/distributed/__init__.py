"""The Ray engine: ``storyline run PATH... --engine ray [--ray-address auto|HOST:PORT]`` (the ``distributed``
extra).

The same answers as the serial engine, from the same stage functions, on a Ray cluster or a local Ray
runtime: articles are added by a Ray Data pipeline (``pipeline``: parallel readers, the outlet context as a
distributed step, an actor pool of preparers, results streamed into the store), and grouped into events
and stories by time slices planned in parallel and written partition by partition (``update``, with the
pure cutting and reconciling in ``partition``). ``runtime`` connects to a cluster or starts a local one.
How it scales, and where it differs from the serial engine: ``docs/distributed.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.add import IngestReport, Source
from storyline.errors import InputProblem

if TYPE_CHECKING:
    from storyline.distributed.update import RayUpdateReport
    from storyline.engine import Engine

__all__ = ["ray_run"]


def ray_run(
    engine: Engine,
    sources: Source | Iterable[Source],
    address: str | None = None,
    num_cpus: int | None = None,
    progress: Callable[[int], None] | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    on_stage: Callable[[str, int | None], None] | None = None,
) -> tuple[IngestReport, RayUpdateReport]:
    """Add ``sources`` to the engine's store and group everything waiting, on Ray: the cluster at
    ``address`` ("auto" or "HOST:PORT"), else a local runtime with ``num_cpus`` (default: every core).
    ``on_stage(name, total)`` hears when the grouping starts."""
    from storyline.distributed.pipeline import ray_add
    from storyline.distributed.runtime import cluster_cpus, ray_runtime
    from storyline.distributed.update import ray_update

    items: list[Source] = [sources] if isinstance(sources, str | Path | dict) else list(sources)
    config = engine.config
    with ray_runtime(address, num_cpus) as ray:
        actors = config.distributed.actors or cluster_cpus(ray)
        ingest = ray_add(ray, items, engine.store, config, engine.preparer, actors, progress, on_problem)
        if on_stage:
            on_stage("grouping", sum(n for _, n in engine.store.pending_days()))
        update = ray_update(ray, engine.store, config, progress)
    return ingest, update
