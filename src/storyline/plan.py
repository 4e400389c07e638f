"""An update as a pure function: snapshot → plan.

``storyline.update`` reads a ``Snapshot`` (the articles waiting to be grouped and the part of the stored
graph their time window needs), ``plan_graph`` decides near-duplicate links, event assignments and merges,
event views and the story of every new event; ``storyline.update`` then reads a ``ViewWindow`` (what the
touched stories' pages need) and ``plan_views`` computes the story views. The resulting ``Plan`` is
written by ``Store.apply`` in one transaction. Nothing here reads or writes the store: the same functions
serve the CLI, the web service and each partition of a distributed run.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from storyline.config import Config
from storyline.dedup import Duplicates, MemoryIndex, find_duplicates
from storyline.events.assign import EventModels, assign_events
from storyline.model import Article, Event, Signature, Story
from storyline.stories import EPOCH, EventDoc, is_dated, link_events
from storyline.views import event_view, story_view

log = logging.getLogger(__name__)

EntityMap = Mapping[str, tuple[str, str]]  # story-wide entity ids: old id -> (new id, normal form)


@dataclass(frozen=True, slots=True)
class PlanModels:
    """What planning needs besides the data; built once (``storyline.update.load_plan_models``)."""

    events: EventModels
    morph: Any  # pymorphy3 analyser: Russian plans in timelines, conflict sides in the nominative


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything one update writes, as values; ``Store.apply`` writes it in one transaction."""

    generation: int  # the store generation the snapshot was read at
    grouped: Mapping[str, tuple[str, str]]  # article id -> (content hash planned for, event id)
    duplicate_of: Mapping[str, str | None]  # changed near-duplicate links (None: canonical)
    event_merges: tuple[tuple[str, str], ...]  # (old event, surviving event)
    story_merges: tuple[tuple[str, str], ...]  # (old story, surviving story)
    events: tuple[tuple[Event, str | None], ...]  # event views to write, with their story
    stories: tuple[tuple[Story, EntityMap], ...]  # story views to write, with their entity id map
    deleted_events: tuple[str, ...] = ()
    deleted_stories: tuple[str, ...] = ()

    @property
    def story_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s, _ in self.stories)


@dataclass(frozen=True, slots=True, eq=False)
class Snapshot:
    """What an update of ``new`` reads from the store before planning."""

    generation: int
    new: tuple[Article, ...]  # waiting to be grouped, in (published, arrival) order
    previous_event: Mapping[str, str]  # a changed article waiting again -> the event it was in
    articles: Mapping[str, Article]  # every article the plan reads
    vectors: Mapping[str, Mapping[str, np.ndarray]]  # named vectors of those articles
    neighbours: tuple[str, ...]  # grouped articles the new ones are compared with
    event_of: Mapping[str, str]  # grouped article -> its event
    event_members: Mapping[str, tuple[str, ...]]  # event -> its grouped articles (every event read)
    spans: Mapping[str, tuple[str | None, str | None]]  # event -> first and last day of its articles
    event_story: Mapping[str, str | None]  # event -> its story (every event read)
    event_date: Mapping[str, str | None]  # event -> its stored date (every event read)
    signatures: Mapping[str, Signature]  # new articles and grouped near-duplicate candidates
    duplicate_of: Mapping[str, str | None]  # of the candidates and their groups
    order: Mapping[str, tuple[str, int]]  # (published or "~", arrival) of every article involved


@dataclass(frozen=True, slots=True, eq=False)
class GraphPlan:
    """The event and story graph after an update, and the event views (``plan_graph``)."""

    generation: int
    grouped: Mapping[str, tuple[str, str]]
    duplicate_of: Mapping[str, str | None]
    event_merges: tuple[tuple[str, str], ...]
    story_merges: tuple[tuple[str, str], ...]
    event_views: Mapping[str, Event]  # touched events (after the plan)
    story_of: Mapping[str, str]  # touched event -> its story
    deleted_events: tuple[str, ...]
    touched_stories: frozenset[str]  # surviving stories whose views are refreshed
    articles: Mapping[str, Article] = field(default_factory=dict)  # what the snapshot read


@dataclass(frozen=True, slots=True, eq=False)
class ViewWindow:
    """What the views of the touched stories need (read after ``plan_graph``)."""

    story_events: Mapping[str, tuple[Event, ...]]  # surviving touched story -> its events after the plan
    meta: Mapping[str, tuple[str | None, str | None]]  # article -> (published, source), all story articles
    articles: Mapping[str, Article]  # the articles each story view reads (a bounded selection)


def window(days: Sequence[str], pad: int) -> tuple[str, str]:
    """[first day - pad, last day + pad] as ISO days."""
    lo = date.fromisoformat(min(days)[:10]) - timedelta(days=pad)
    hi = date.fromisoformat(max(days)[:10]) + timedelta(days=pad)
    return lo.isoformat(), hi.isoformat()


def _sort_key(order: Mapping[str, tuple[str, int]]) -> Any:
    return lambda aid: (order.get(aid, ("~", 0)), aid)


def _event_doc(event_id: str, member_ids: Sequence[str], snap: Snapshot) -> EventDoc:
    arts = tuple(snap.articles[a] for a in member_ids if a in snap.articles)
    days = sorted(a.day for a in arts if a.day)
    rows = [snap.vectors[a.id]["doc"] for a in arts if "doc" in snap.vectors.get(a.id, {})]
    return EventDoc(event_id, days[0] if days else None, arts, np.vstack(rows) if rows else None)


@dataclass(frozen=True, slots=True, eq=False)
class EventPlan:
    """The event half of a ``GraphPlan`` (``plan_events``): near-duplicate links, assignments and merges,
    and the touched events after the plan with their views."""

    generation: int
    grouped: Mapping[str, tuple[str, str]]
    duplicate_of: Mapping[str, str | None]
    event_merges: tuple[tuple[str, str], ...]
    touched: frozenset[str]  # events the plan changes (merge survivors, previous events of changed ones)
    docs: Mapping[str, EventDoc]  # touched events that keep articles, with their articles in order
    event_views: Mapping[str, Event]
    deleted_events: tuple[str, ...]  # touched events left without articles


def plan_graph(snap: Snapshot, models: PlanModels, config: Config) -> GraphPlan:
    """Near-duplicates, events and the stories of new events, from the snapshot alone."""
    return plan_stories(snap, plan_events(snap, models, config), config)


def plan_duplicates(snap: Snapshot, config: Config) -> Duplicates:
    """Near-duplicates: a copy is linked to the article it copies (subject to the cannot-link check)."""
    new_ids = {a.id for a in snap.new}
    candidates = [s for aid, s in snap.signatures.items() if aid not in new_ids]
    return find_duplicates(
        [snap.signatures[a.id] for a in snap.new if a.id in snap.signatures],
        MemoryIndex(candidates, config.dedup),
        snap.duplicate_of,
        snap.order,
        config.dedup,
    )


def plan_events(snap: Snapshot, models: PlanModels, config: Config) -> EventPlan:
    """Near-duplicate links and event assignments of the new articles; the touched events' views."""
    dups = plan_duplicates(snap, config)
    neighbours = [(snap.articles[i], snap.event_of[i]) for i in snap.neighbours]
    grouping = assign_events(
        snap.new,
        neighbours,
        config.cluster,
        snap.vectors,
        models.events,
        snap.spans,
        forced=sorted(dups.follows.items()),
    )
    merged_into = dict(grouping.merges)

    # events after the plan
    members: dict[str, list[str]] = {e: list(m) for e, m in snap.event_members.items()}
    for old, survivor in grouping.merges:
        members.setdefault(survivor, []).extend(members.pop(old, []))
    event_of_new = {a.article_id: a.event_id for a in grouping.assignments}
    for aid, event in event_of_new.items():
        members.setdefault(event, []).append(aid)
    touched = set(event_of_new.values()) | set(merged_into.values())
    for previous in snap.previous_event.values():
        touched.add(merged_into.get(previous, previous))
    key = _sort_key(snap.order)
    docs = {e: _event_doc(e, sorted(members.get(e, []), key=key), snap) for e in sorted(touched)}
    deleted = tuple(sorted(e for e, d in docs.items() if not d.articles))
    docs = {e: d for e, d in docs.items() if d.articles}
    return EventPlan(
        generation=snap.generation,
        grouped={a.id: (a.content_hash, event_of_new[a.id]) for a in snap.new},
        duplicate_of=dups.duplicate_of,
        event_merges=tuple(grouping.merges),
        touched=frozenset(touched),
        docs=docs,
        event_views={e: event_view(d, config.views) for e, d in docs.items()},
        deleted_events=deleted,
    )


def plan_stories(snap: Snapshot, events: EventPlan, config: Config) -> GraphPlan:
    """The story of every touched event: events that already belong to a story keep it (stable ids); the
    others are linked (``link_events``) with the stored events of the story window."""
    merged_into = dict(events.event_merges)
    docs = events.docs
    stale = {s for e in [*merged_into, *sorted(events.touched)] if (s := snap.event_story.get(e))}
    fresh = [d for e, d in docs.items() if not snap.event_story.get(e)]
    dated = [d.date for d in fresh if d.date and is_dated(d.date)]
    lo, hi = window(dated, config.stories.window_days) if dated else (EPOCH, EPOCH)
    gone = set(merged_into) | set(events.deleted_events)
    neighbour_events: list[tuple[EventDoc, str]] = []
    for e, story in sorted(snap.event_story.items()):
        if not story or e in gone or not snap.event_story.get(e) or e in {d.id for d in fresh}:
            continue
        day = docs[e].date if e in docs else snap.event_date.get(e)
        if day and is_dated(day) and not (lo <= day[:10] <= hi):
            continue
        doc = docs.get(e) or _event_doc(e, snap.event_members.get(e, ()), snap)
        neighbour_events.append((doc, story))
    neighbour_events.sort(key=lambda ds: (ds[0].date or "", ds[0].id))
    links = link_events(fresh, neighbour_events, config.stories)
    story_merged = dict(links.merges)

    def final(story: str) -> str:
        while story in story_merged:
            story = story_merged[story]
        return story

    story_of: dict[str, str] = {}
    for e in docs:
        story = links.story_of.get(e) or snap.event_story.get(e)
        if story:
            story_of[e] = final(story)
    touched_stories = {final(s) for s in stale | set(story_of.values())}
    return GraphPlan(
        generation=snap.generation,
        grouped=events.grouped,
        duplicate_of=events.duplicate_of,
        event_merges=events.event_merges,
        story_merges=tuple((old, final(keep)) for old, keep in links.merges),
        event_views=events.event_views,
        story_of=story_of,
        deleted_events=events.deleted_events,
        touched_stories=frozenset(touched_stories),
        articles=snap.articles,
    )


def story_membership(
    graph: GraphPlan, stored: Mapping[str, Sequence[str]], gone: set[str]
) -> dict[str, list[str]]:
    """Surviving touched story -> its event ids after the plan, from the stored memberships of the touched
    stories and of the stories merged into them."""
    merged = {old: keep for old, keep in graph.story_merges}
    out: dict[str, set[str]] = {s: set() for s in graph.touched_stories}
    for story, events in stored.items():
        target = merged.get(story, story)
        for e in events:
            if e in gone or e in graph.story_of:
                continue
            if target in out:
                out[target].add(e)
    for e, story in graph.story_of.items():
        if story in out:
            out[story].add(e)
    return {s: sorted(es) for s, es in out.items()}


def plan_views(graph: GraphPlan, view: ViewWindow, models: PlanModels, config: Config) -> Plan:
    """Story views of the touched stories; with ``graph``, the whole plan."""
    stories: list[tuple[Story, EntityMap]] = []
    deleted_stories = []
    for story_id in sorted(graph.touched_stories):
        events = view.story_events.get(story_id, ())
        if not events:
            deleted_stories.append(story_id)
            continue
        ids = [a for e in events for a in e.article_ids]
        read = [view.articles[a] for a in ids if a in view.articles]
        meta = {a: view.meta.get(a, (None, None)) for a in ids}
        stories.append(story_view(story_id, events, meta, read, config.views, models.morph))
    return Plan(
        generation=graph.generation,
        grouped=graph.grouped,
        duplicate_of=graph.duplicate_of,
        event_merges=graph.event_merges,
        story_merges=graph.story_merges,
        events=tuple((ev, graph.story_of.get(e)) for e, ev in sorted(graph.event_views.items())),
        stories=tuple(stories),
        deleted_events=graph.deleted_events,
        deleted_stories=tuple(deleted_stories),
    )
