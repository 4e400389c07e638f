"""The Ray runtime: connect to a cluster, or start a local one with the machine's cores.

``ray_runtime(address)`` is a context manager. Without an address it starts a local runtime bound to
127.0.0.1 (no dashboard) and stops it on exit; with ``auto`` or ``HOST:PORT`` it connects to a running
cluster (``ray start --head`` …) and leaves it running. Ray is imported only here and only when asked for:
without the ``distributed`` extra the error names it.

A local runtime must not listen on other interfaces. Ray binds its servers to the node's IP address and,
on Linux, takes that address from the default route even when asked for 127.0.0.1; with
``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0`` (read when ``ray`` is imported) it uses the loopback address, as
it does on a laptop. So the variable is set before the first import of ``ray`` for a local runtime. (It
also makes ``ray start`` refuse a second node: a cluster of several nodes, even on one machine, runs on
the machine's address, with Ray's token authentication; see docs/distributed.md.)
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from storyline.errors import MissingExtraError, StorylineError

log = logging.getLogger(__name__)

LOOPBACK_ONLY = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"


def import_ray(local: bool = False) -> Any:
    """The ``ray`` module (``local``: this process uses 127.0.0.1 as its node address)."""
    if local:
        os.environ.setdefault(LOOPBACK_ONLY, "0")
    # hints about block counts and deprecations are for Ray's users, not for storyline's
    warnings.filterwarnings("ignore", category=UserWarning, module=r"ray\.")
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"ray\.")
    try:
        import ray
        import ray.data  # the pipeline needs Ray Data (ray[data])
    except ImportError as exc:
        raise MissingExtraError("ray[data]", "distributed") from exc
    return ray


def quiet_data(ray: Any) -> None:
    """No progress bars from Ray Data (the CLI draws its own); keep its logs below warnings."""
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)


@contextmanager
def ray_runtime(address: str | None = None, num_cpus: int | None = None) -> Iterator[Any]:
    """Yield the ``ray`` module with a runtime attached.

    ``address`` None: a local runtime with ``num_cpus`` (default: the machine's cores), stopped on exit.
    ``address`` "auto" or "HOST:PORT": a running cluster (left running). A runtime this process already
    has (tests start one per session) is used as it is."""
    ray = import_ray(local=address is None)
    if ray.is_initialized():
        quiet_data(ray)
        yield ray
        return
    started = False
    try:
        if address is None:
            ray.init(
                num_cpus=num_cpus or os.cpu_count() or 1,
                include_dashboard=False,
                log_to_driver=False,
                logging_level=logging.ERROR,
            )
        else:
            ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
        started = True
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = "a local Ray runtime" if address is None else f"the Ray cluster at {address}"
        raise StorylineError(f"cannot start or reach {where}: {str(exc).strip().splitlines()[0]}") from exc
    quiet_data(ray)
    resources = ray.cluster_resources()
    log.info(
        "Ray runtime: %d nodes, %g CPUs",
        len([n for n in ray.nodes() if n.get("Alive")]),
        resources.get("CPU", 0),
    )
    try:
        yield ray
    finally:
        if started:
            ray.shutdown()


def cluster_cpus(ray: Any) -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))
