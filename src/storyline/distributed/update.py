"""Events and stories on Ray, with the serial engine's planning functions and its store protocol.

The waiting articles are cut by publication day (``storyline.distributed.partition``): slices, planned in
parallel, and partitions of at most ``cluster.update_batch`` articles (the serial engine's unit), written
one after the other. For each partition, in time order:

1. every slice of it is planned by a Ray task: ``read_snapshot`` of its waiting articles (its core and a
   margin of two event windows on either side, within the partition) and ``plan_events``, the event half
   of the serial ``plan_graph`` (near-duplicate links, event assignment, event views);
2. the driver reconciles the slices' plans at their cuts (``reconcile``): each slice keeps the events it
   owns; articles the neighbours planned differently are held back;
3. one task links the partition's events into stories (``plan_stories``, with the events already written
   as the story window, as the serial engine does for its next batch), computes the story views in
   parallel (``plan_views`` over groups of stories) and writes the partition with one ``Store.apply``;
4. a task groups the held articles with the serial engine (``plan_and_apply``), against what is written.

The slices of a partition are planned after the partition before it is written: at a partition border the
Ray engine follows the serial engine's batch semantics (new articles join or merge written events).
Undated articles come last, grouped by the serial engine among themselves and the stored undated articles
(a batch of undated articles never sees dated ones there either): see ``docs/distributed.md``.

Faults: every task is retried by Ray when its worker dies. Planning tasks only read. A partition is written
in one transaction; a retried story step that finds its articles already grouped returns what was written,
and the serial steps plan only what still waits. Another writer changing the store during a run is noticed
by the store's generation: the rest is then grouped by the serial engine.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from storyline.config import Config
from storyline.errors import StalePlanError, StoreError
from storyline.plan import (
    EventPlan,
    GraphPlan,
    Plan,
    ViewWindow,
    plan_duplicates,
    plan_events,
    plan_stories,
    plan_views,
)
from storyline.store import open_store
from storyline.store.base import Store
from storyline.update import (
    UpdateReport,
    load_plan_models,
    plan_and_apply,
    read_snapshot,
    read_view_window,
    run_update,
)

from .partition import Partition, ReconcileError, Slice, SliceEvents, cut, reconcile

log = logging.getLogger(__name__)

T = TypeVar("T")
U = TypeVar("U")


class Interference(StoreError):
    """Another writer changed the event graph during a distributed update."""


@dataclass(frozen=True, slots=True)
class StepResult:
    generation: int  # the store's generation after the step
    grouped: int = 0
    events: int = 0
    stories: int = 0
    event_merges: int = 0
    topics: int = 0
    topic_merges: int = 0
    story_ids: tuple[str, ...] = ()
    already: bool = False  # a retried step found its plan written
    seconds: tuple[tuple[str, float], ...] = ()  # wall time of the step's parts

    @classmethod
    def of(cls, plans: Sequence[Plan], generation: int) -> StepResult:
        return cls(
            generation,
            sum(len(p.grouped) for p in plans),
            sum(len(p.events) for p in plans),
            sum(len(p.stories) for p in plans),
            sum(len(p.event_merges) for p in plans),
            sum(len(p.topics) for p in plans),
            sum(len(p.topic_merges) for p in plans),
            tuple(sorted({s for p in plans for s in p.story_ids})),
        )


@dataclass(slots=True)
class RayUpdateReport(UpdateReport):
    slices: int = 0
    partitions: int = 0
    disputed: int = 0  # articles two neighbouring slices planned differently
    crossing: int = 0  # events crossing a cut between two slices (planned alike by both)
    held: int = 0  # articles grouped by the serial engine after their partition
    undated: int = 0  # articles grouped by the serial engine at the end (undated, and any left)
    fallback: str = ""  # why the rest was grouped by the serial engine, when it was
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per step, summed over partitions

    def timed(self, step: str, since: float) -> float:
        now = time.perf_counter()
        self.seconds[step] = self.seconds.get(step, 0.0) + now - since
        return now

    def step(self, result: StepResult) -> None:
        self.grouped += result.grouped
        self.events_touched += result.events
        self.stories_touched += result.stories
        self.event_merges += result.event_merges
        self.topics_touched += result.topics
        self.topic_merges += result.topic_merges
        self.story_ids.update(result.story_ids)


@functools.cache
def _store(url: str) -> Store:
    """One store connection per worker process."""
    return open_store(url)


# ---------------------------------------------------------------- tasks
def plan_slice(url: str, config: Config, s: Slice) -> tuple[SliceEvents, EventPlan]:
    """The event plan of a slice's waiting articles (with its margins), and its brief for the driver."""
    store = _store(url)
    ids = store.pending_article_ids_between(s.lo, s.hi)
    snap = read_snapshot(store, ids, config)
    events = plan_events(snap, load_plan_models(), config)
    event = {a: e for a, (_, e) in events.grouped.items()}
    stored = set(snap.event_members) | set(snap.event_of.values())
    # what the serial engine decides: changed articles (their old event changes too) and the articles of
    # stored events this plan merges
    merged = {e for pair in events.event_merges for e in pair}
    hold = {a for a in snap.previous_event} | {a for a, e in event.items() if e in merged}
    brief = SliceEvents(
        s.number,
        {a.id: a.day or "" for a in snap.new},
        event,
        frozenset(e for e in event.values() if e in stored),
        frozenset(hold),
    )
    return brief, events


def _restrict(events: EventPlan, owned: set[str]) -> EventPlan:
    """The part of a slice's plan about the events it owns (no merges: those are left to the serial
    engine; near-duplicate links are decided for the whole partition)."""
    return EventPlan(
        generation=events.generation,
        grouped={a: g for a, g in events.grouped.items() if g[1] in owned},
        duplicate_of={},  # decided for the whole partition (``story_step``)
        event_merges=(),
        touched=frozenset(owned),
        docs={e: d for e, d in events.docs.items() if e in owned},
        event_views={e: v for e, v in events.event_views.items() if e in owned},
        deleted_events=(),
    )


def _combine(parts: Sequence[EventPlan]) -> EventPlan:
    grouped: dict[str, tuple[str, str]] = {}
    docs: dict[str, Any] = {}
    views: dict[str, Any] = {}
    touched: set[str] = set()
    for p in parts:
        grouped.update(p.grouped)
        docs.update(p.docs)
        views.update(p.event_views)
        touched |= p.touched
    return EventPlan(0, grouped, {}, (), frozenset(touched), docs, views, ())


def story_step(
    url: str, config: Config, owned: Sequence[set[str]], expected: int, tasks: int, *plans: EventPlan
) -> StepResult:
    """Link a partition's events into stories, compute the story views and write it in one ``apply``.
    ``plans``: the slices' event plans (top-level arguments, so that Ray hands over the values)."""
    store = _store(url)
    events = _combine([_restrict(p, o) for p, o in zip(plans, owned, strict=True)])
    ids = sorted(events.grouped)
    if not ids:
        return StepResult(store.generation())
    state = store.memberships(ids)
    if all(state[a].grouped and state[a].event_id == events.grouped[a][1] for a in ids if a in state):
        log.info("partition already written (a retried step)")
        return StepResult(store.generation(), already=True)
    clock = [time.perf_counter()]
    parts: list[tuple[str, float]] = []

    def lap(name: str) -> None:
        now = time.perf_counter()
        parts.append((name, now - clock[0]))
        clock[0] = now

    snapshot = read_snapshot(store, ids, config)
    if snapshot.generation != expected:
        raise Interference(f"the store moved from generation {expected} to {snapshot.generation}")
    lap("story_snapshot")
    # a copy may follow its original by more than a slice's margin: near-duplicate links are decided over
    # the whole partition, as the serial engine does over its batch (the slices' links within the event
    # window, which may join events, were the same links)
    events = dataclasses.replace(events, duplicate_of=plan_duplicates(snapshot, config).duplicate_of)
    lap("near_duplicates")
    graph = plan_stories(snapshot, events, config)
    lap("story_linking")
    plan = _views(graph, read_view_window(store, graph, config), config, tasks)
    lap("story_views")
    try:
        store.apply(plan)
    except StalePlanError as exc:
        raise Interference(str(exc)) from exc
    lap("apply")
    return dataclasses.replace(StepResult.of([plan], expected + 1), seconds=tuple(parts))


def serial_step(url: str, config: Config, ids: list[str] | None) -> StepResult:
    """The serial engine: the articles of ``ids`` that still wait (held articles), or every waiting one."""
    store = _store(url)
    models = load_plan_models()
    if ids is None:
        report = run_update(store, config, models)
        return StepResult(
            store.generation(),
            report.grouped,
            report.events_touched,
            report.stories_touched,
            report.event_merges,
            report.topics_touched,
            report.topic_merges,
            tuple(sorted(report.story_ids)),
        )
    plans = []
    serial = UpdateReport()
    for start in range(0, len(ids), config.cluster.update_batch):
        chunk = ids[start : start + config.cluster.update_batch]
        while (plan := plan_and_apply(store, config, models, serial, chunk)) is not None:
            plans.append(plan)
    return StepResult.of(plans, store.generation())


class RayExecutor:
    """An ``Executor`` whose batches are Ray tasks (on any node of the cluster), results in order."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def map(self, fn: Callable[[T], U], items: Iterable[T]) -> Iterator[U]:
        import ray

        task: Any = ray.remote(_call)
        refs = [task.remote(fn, item) for item in items]
        for ref in refs:
            yield ray.get(ref)

    def close(self) -> None:
        return None


def _call(fn: Callable[[T], U], item: T) -> U:
    return fn(item)


def _views(graph: GraphPlan, view: ViewWindow, config: Config, tasks: int) -> Plan:
    """``plan_views``, the story views spread over Ray tasks when there are many stories (the same
    threshold as the serial engine's worker processes: ``annotate.min_parallel``)."""
    models = load_plan_models()
    if tasks <= 1 or len(graph.stories) < config.annotate.min_parallel:
        return plan_views(graph, view, models, config)
    return plan_views(graph, view, models, config, RayExecutor(tasks))


# ---------------------------------------------------------------- the driver
def ray_update(
    ray: Any, store: Store, config: Config, progress: Callable[[int], None] | None = None
) -> RayUpdateReport:
    """Group every waiting article into events and stories on the Ray runtime ``ray``."""
    report = RayUpdateReport()
    if store.url == ":memory:":
        raise StoreError("the Ray engine's workers cannot reach a ':memory:' database; give a file or a URL")
    dist = config.distributed
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    tasks = dist.view_tasks or cpus
    dated = [(d, n) for d, n in store.pending_days() if d is not None]
    window = config.cluster.event_window_days
    slices, partitions = cut(dated, dist.slice_articles, config.cluster.update_batch, window)
    report.slices, report.partitions = len(slices), len(partitions)
    plan_task = ray.remote(plan_slice).options(num_returns=2)
    step_task = ray.remote(story_step)
    serial_task = ray.remote(serial_step)
    expected = store.generation()
    try:
        for p in partitions:
            expected = _partition(
                ray, p, slices, store.url, config, expected, tasks, report, plan_task, step_task, serial_task
            )
            if progress:
                progress(p.articles)
    except (Interference, ReconcileError) as exc:
        report.fallback = str(exc)
        log.warning("distributed update stopped (%s); the serial engine groups the rest", exc)
    started = time.perf_counter()
    rest = ray.get(serial_task.remote(store.url, config, None))
    report.timed("undated_and_rest", started)
    report.undated = rest.grouped
    report.step(rest)
    return report


def _partition(
    ray: Any,
    p: Partition,
    slices: Sequence[Slice],
    url: str,
    config: Config,
    expected: int,
    tasks: int,
    report: RayUpdateReport,
    plan_task: Any,
    step_task: Any,
    serial_task: Any,
) -> int:
    """Plan, reconcile and write one partition; then group what it held back. The store's generation after."""
    first, last = slices[p.slices[0]].first, slices[p.slices[-1]].last
    mine = [
        dataclasses.replace(s, lo=max(s.lo, first), hi=min(s.hi, last)) for s in (slices[n] for n in p.slices)
    ]
    started = time.perf_counter()
    refs = [plan_task.remote(url, config, s) for s in mine]
    briefs: list[SliceEvents] = ray.get([r[0] for r in refs])
    started = report.timed("plan_slices", started)
    decision = reconcile(mine, {b.number: b for b in briefs})
    owned = [decision.owned[s.number] for s in mine]
    started = report.timed("reconcile", started)
    result: StepResult = ray.get(step_task.remote(url, config, owned, expected, tasks, *[r[1] for r in refs]))
    started = report.timed("story_step", started)
    report.step(result)
    for name, spent in result.seconds:
        report.seconds[name] = report.seconds.get(name, 0.0) + spent
    report.disputed += decision.disputed
    report.crossing += decision.crossing
    if decision.held:
        days = {a: d for b in briefs for a, d in b.day.items()}
        held = sorted(decision.held, key=lambda a: (days.get(a, ""), a))
        fixed: StepResult = ray.get(serial_task.remote(url, config, held))
        report.timed("held", started)
        report.held += fixed.grouped
        report.step(fixed)
        return fixed.generation
    return result.generation
