"""Cutting the waiting articles by publication time, and reconciling what the pieces planned. Pure.

**Slices and partitions.** Dated waiting articles are cut, at day boundaries, into *slices* of about
``distributed.slice_articles`` articles (at least ``4 × event_window_days + 1`` days wide). Each slice is
planned (``storyline.plan.plan_events``) with a margin of ``2 × event_window_days`` days of the waiting
articles on either side, so that the events crossing a border are planned whole by both neighbours.
Consecutive slices form a *partition* of at most ``cluster.update_batch`` articles (the serial engine's
unit of planning): a partition's events are linked into stories in one step and written by one
``apply``.

**Reconcile.** An event never spans more than the event window (dated articles), so an event with
articles on both sides of a cut lies within a window of the cut, and both neighbouring slices planned it.
Each article takes its event from the slice whose core holds it. For every event that crosses a cut in
either neighbour's plan, both plans must give each of its articles the same event (the same id and the
same articles); an article where they differ is *disputed*. The disputed articles, and every article of
an event (in either plan) holding one of them, repeatedly, are left waiting: the serial engine groups
them at the end, against the events already written. A stored event that both neighbours change in
different ways (different new articles, or a merge, or a changed article leaving it) is disputed the
same way. An event that crosses a cut belongs to the slice below it. With slices at least four event
windows wide, what is disputed at one cut never reaches the next one (checked).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class Slice:
    number: int
    first: str  # first day of the core (the days this slice decides)
    last: str  # last day of the core
    lo: str  # first day planned (with the margin)
    hi: str  # last day planned
    articles: int  # waiting articles in the core


@dataclass(frozen=True, slots=True)
class Partition:
    number: int
    slices: tuple[int, ...]
    articles: int


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _apart(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def cut(
    days: Sequence[tuple[str, int]],
    slice_articles: int,
    partition_articles: int,
    window: int,
) -> tuple[list[Slice], list[Partition]]:
    """Slices and partitions of dated waiting articles, given (day, articles) in day order.

    A slice closes once it has ``slice_articles`` articles and spans at least ``4 × window + 1`` days;
    a last slice narrower than that joins the one before. A partition closes before it would exceed
    ``partition_articles`` (a single slice larger than that is a partition of its own)."""
    width = 4 * window + 1
    margin = 2 * window
    cores: list[tuple[str, str, int]] = []
    start: str | None = None
    count = 0
    for day, n in days:
        if start is None:
            start = day
        count += n
        if count >= slice_articles and _apart(start, day) + 1 >= width:
            cores.append((start, day, count))
            start, count = None, 0
    if start is not None:
        last_day = days[-1][0]
        if cores and _apart(start, last_day) + 1 < width:
            first, _, n = cores.pop()
            cores.append((first, last_day, n + count))
        else:
            cores.append((start, last_day, count))
    slices = [
        Slice(k, first, last, _shift(first, -margin), _shift(last, margin), n)
        for k, (first, last, n) in enumerate(cores)
    ]
    partitions: list[Partition] = []
    members: list[int] = []
    total = 0
    for s in slices:
        if members and total + s.articles > partition_articles:
            partitions.append(Partition(len(partitions), tuple(members), total))
            members, total = [], 0
        members.append(s.number)
        total += s.articles
    if members:
        partitions.append(Partition(len(partitions), tuple(members), total))
    return slices, partitions


@dataclass(frozen=True, slots=True)
class SliceEvents:
    """What one slice's plan decided, in brief (all its waiting articles, margins included)."""

    number: int
    day: Mapping[str, str]  # waiting article -> publication day
    event: Mapping[str, str]  # waiting article -> its event in this plan
    stored: frozenset[str]  # events of the plan that were stored before it
    hold: frozenset[str]  # articles left to the serial engine whatever the neighbours plan (see ``hold``)

    def members(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for a, e in self.event.items():
            out.setdefault(e, set()).add(a)
        return out


@dataclass(slots=True)
class Decision:
    """The events each slice writes (owned), and the articles left to the serial engine."""

    owned: dict[int, set[str]] = field(default_factory=dict)  # slice -> events it writes
    held: set[str] = field(default_factory=set)  # articles left waiting (grouped serially at the end)
    disputed: int = 0  # articles the two neighbours of a cut planned differently
    crossing: int = 0  # events crossing a cut (in the lower neighbour's plan)


class ReconcileError(ValueError):
    """What is left waiting reaches the edge of the slices given: decide with more slices."""


def reconcile(slices: Sequence[Slice], plans: Mapping[int, SliceEvents]) -> Decision:
    """Decide the events of ``plans`` (consecutive slices of the run ``slices``). Given a window of a run's
    slices, the decisions of the window's two outer slices are incomplete (their outer neighbours are not
    seen): use them from the window in which they are inner; ``ReconcileError`` when what is left waiting
    may reach beyond the window."""
    core = {s.number: s for s in slices}
    numbers = sorted(plans)
    decision = Decision()
    held: set[str] = set()
    for n in numbers:
        held |= plans[n].hold
    for lower, upper in itertools.pairwise(numbers):
        if upper != lower + 1:
            raise ValueError(f"slices {lower} and {upper} are not neighbours")
        found, crossing = _disputed_at(plans[lower], plans[upper], core[upper].first)
        decision.disputed += len(found)
        decision.crossing += crossing
        held |= found
    members = {n: plans[n].members() for n in numbers}
    _close(held, [(plans[n], members[n]) for n in numbers])
    _check_window(held, plans, core, numbers)
    for n in numbers:
        first, last = core[n].first, core[n].last
        owned = set()
        for e, arts in members[n].items():
            days = [plans[n].day[a] for a in arts]
            if arts & held or min(days) < first:
                continue  # left waiting, or it belongs to the slice before (an event crossing the cut)
            if min(days) <= last:
                owned.add(e)
        decision.owned[n] = owned
    decision.held = held
    return decision


def _disputed_at(low: SliceEvents, high: SliceEvents, border: str) -> tuple[set[str], int]:
    """Articles of the events crossing the cut before ``border`` (the first day of ``high``'s core) that the
    two neighbours planned differently, and the new articles of a stored event they planned differently;
    and the number of events crossing the cut in the lower plan."""
    low_members, high_members = low.members(), high.members()

    def crossing(members: Mapping[str, set[str]], plan: SliceEvents) -> list[set[str]]:
        return [
            m
            for m in members.values()
            if any(plan.day[a] < border for a in m) and any(plan.day[a] >= border for a in m)
        ]

    across = crossing(low_members, low)
    involved = {a for m in [*across, *crossing(high_members, high)] for a in m}
    disputed = set()
    for a in involved:
        el, eh = low.event.get(a), high.event.get(a)
        if el is None or eh is None or el != eh or low_members[el] != high_members[eh]:
            disputed.add(a)
    for e in low.stored & high.stored:
        if low_members.get(e) != high_members.get(e):
            disputed |= low_members.get(e, set()) | high_members.get(e, set())
    return disputed, len(across)


def _close(held: set[str], plans: Sequence[tuple[SliceEvents, Mapping[str, set[str]]]]) -> None:
    """Add every article of an event (in any plan) that holds an article left waiting, repeatedly."""
    frontier = list(held)
    while frontier:
        a = frontier.pop()
        for plan, members in plans:
            e = plan.event.get(a)
            if e is None:
                continue
            for b in members[e] - held:
                held.add(b)
                frontier.append(b)


def _check_window(
    held: set[str], plans: Mapping[int, SliceEvents], core: Mapping[int, Slice], numbers: Sequence[int]
) -> None:
    """Articles left waiting in an outer slice of the window must lie near the cut into the window: from
    further inside that slice, what is left waiting could have come from the slice beyond, unseen."""
    if not held or len(numbers) < 2:
        return
    first, last = numbers[0], numbers[-1]
    margin = _apart(core[first].lo, core[first].first)
    if first - 1 in core:
        days = [d for a, d in plans[first].day.items() if a in held and d <= core[first].last]
        if days and min(days) < _shift(core[first].last, -margin):
            raise ReconcileError(f"articles left waiting reach back to {min(days)}")
    if last + 1 in core:
        days = [d for a, d in plans[last].day.items() if a in held and d >= core[last].first]
        if days and max(days) > _shift(core[last].first, margin):
            raise ReconcileError(f"articles left waiting reach forward to {max(days)}")
