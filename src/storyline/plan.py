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
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import numpy as np

from storyline.config import Config, ViewConfig
from storyline.dedup import Duplicates, MemoryIndex, find_duplicates
from storyline.events.assign import EventModels, assign_events
from storyline.executors import Executor
from storyline.model import Article, Event, Signature, Story, Topic
from storyline.stories import EventDoc, StoryState, TopicState, is_dated, link
from storyline.views import event_view, story_view
from storyline.views.rank import Activity, rank
from storyline.views.topic import StorySummary, topic_view

log = logging.getLogger(__name__)

EntityMap = Mapping[str, tuple[str, str]]  # story-wide entity ids: old id -> (new id, normal form)


@dataclass(frozen=True, slots=True)
class PlanModels:
    """What planning needs besides the data; built once (``storyline.update.load_plan_models``)."""

    events: EventModels
    morph: Any  # pymorphy3 analyser: Russian plans in timelines, conflict sides in the nominative


@dataclass(frozen=True, slots=True, eq=False)
class StoryRow:
    """A story as the store keeps it: its view, story-wide entity ids, activity and linking state."""

    story: Story
    entity_map: EntityMap
    activity: Activity
    centroid: np.ndarray


@dataclass(frozen=True, slots=True, eq=False)
class TopicRow:
    topic: Topic
    centroid: np.ndarray


@dataclass(frozen=True, slots=True, eq=False)
class Plan:
    """Everything one update writes, as values; ``Store.apply`` writes it in one transaction."""

    generation: int  # the store generation the snapshot was read at
    grouped: Mapping[str, tuple[str, str]]  # article id -> (content hash planned for, event id)
    duplicate_of: Mapping[str, str | None]  # changed near-duplicate links (None: canonical)
    event_merges: tuple[tuple[str, str], ...]  # (old event, surviving event)
    events: tuple[tuple[Event, str | None], ...]  # event views to write, with their story
    stories: tuple[StoryRow, ...]  # story views to write
    deleted_events: tuple[str, ...] = ()
    deleted_stories: tuple[str, ...] = ()
    topics: tuple[TopicRow, ...] = ()  # topic views to write
    topic_merges: tuple[tuple[str, str], ...] = ()  # (old topic, surviving topic)
    deleted_topics: tuple[str, ...] = ()
    rescored: Mapping[str, tuple[float, str]] = field(default_factory=dict)  # story -> (score, reason)
    latest_day: str | None = None  # the collection's latest day after this plan

    @property
    def story_ids(self) -> tuple[str, ...]:
        return tuple(r.story.id for r in self.stories)


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
    stories: Mapping[str, StoryState] = field(default_factory=dict)  # stored state of the stories read
    story_events: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # their events (all)
    topics: Mapping[str, TopicState] = field(default_factory=dict)  # candidate topics (stored state)
    latest_day: str | None = None  # the collection's latest day before this update


@dataclass(frozen=True, slots=True, eq=False)
class GraphPlan:
    """The event, story and topic graph after an update, and the event views (``plan_graph``)."""

    generation: int
    grouped: Mapping[str, tuple[str, str]]
    duplicate_of: Mapping[str, str | None]
    event_merges: tuple[tuple[str, str], ...]
    event_views: Mapping[str, Event]  # touched events (after the plan)
    story_of: Mapping[str, str]  # touched event -> its story
    deleted_events: tuple[str, ...]
    stories: Mapping[str, StoryState]  # changed stories after linking (with their topic)
    emptied_stories: tuple[str, ...]
    topics: Mapping[str, TopicState]  # changed topics after linking
    topic_merges: tuple[tuple[str, str], ...]
    latest_day: str | None
    articles: Mapping[str, Article] = field(default_factory=dict)  # what the snapshot read

    @property
    def touched_stories(self) -> frozenset[str]:
        return frozenset(self.stories)


@dataclass(frozen=True, slots=True, eq=False)
class ViewWindow:
    """What the views of the touched stories and topics need (read after ``plan_graph``)."""

    story_events: Mapping[str, tuple[Event, ...]]  # touched story -> its events after the plan
    meta: Mapping[str, tuple[str | None, str | None]]  # article -> (published, source), all story articles
    articles: Mapping[str, Article]  # the articles each story view reads (a bounded selection)
    topic_stories: Mapping[str, tuple[StorySummary, ...]] = field(default_factory=dict)  # stored members
    rescore: Mapping[str, tuple[Activity, str | None]] = field(default_factory=dict)  # story -> (act, topic)


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
    """The story and topic of every touched event: events that already belong to a story keep it (stable
    ids); the others are linked (``stories.link``) with the stored events of the snapshot."""
    merged_into = dict(events.event_merges)
    docs = events.docs
    gone = set(merged_into) | set(events.deleted_events)
    pool = dict(docs)
    for e, story in snap.event_story.items():
        if story and e not in gone and e not in pool and e in snap.event_members:
            pool[e] = _event_doc(e, snap.event_members[e], snap)
    kept_story = {e: s for e, s in snap.event_story.items() if s and e in pool}
    fresh = [e for e in docs if not snap.event_story.get(e)]
    left = {s for e in gone if (s := snap.event_story.get(e))}
    emptied = [s for s in left if all(e in gone for e in snap.story_events.get(s, ()))]
    changed = {s for e in docs if (s := snap.event_story.get(e))} | (left - set(emptied))
    ordered = sorted(pool.values(), key=lambda d: (d.date or "", d.id))
    linking = link(ordered, kept_story, snap.stories, snap.topics, fresh, sorted(changed), sorted(emptied),
                   config.stories)  # fmt: skip
    new_days = [a.day for a in snap.new if a.day and is_dated(a.day)]
    latest = max([d for d in (snap.latest_day, *new_days) if d], default=None)
    return GraphPlan(
        generation=snap.generation,
        grouped=events.grouped,
        duplicate_of=events.duplicate_of,
        event_merges=events.event_merges,
        event_views=events.event_views,
        story_of={e: linking.story_of[e] for e in docs},
        deleted_events=events.deleted_events,
        stories=linking.stories,
        emptied_stories=linking.emptied,
        topics=linking.topics,
        topic_merges=linking.topic_merges,
        latest_day=latest,
        articles=snap.articles,
    )


def story_membership(
    graph: GraphPlan, stored: Mapping[str, Sequence[str]], gone: set[str]
) -> dict[str, list[str]]:
    """Touched story -> its event ids after the plan, from the stored memberships of the touched stories."""
    out: dict[str, set[str]] = {s: set() for s in graph.stories}
    for story, events in stored.items():
        for e in events:
            if e in gone or e in graph.story_of:
                continue
            if story in out:
                out[story].add(e)
    for e, story in graph.story_of.items():
        if story in out:
            out[story].add(e)
    return {s: sorted(es) for s, es in out.items()}


StoryInput = tuple[
    str, tuple[Event, ...], dict[str, tuple[str | None, str | None]], list[Article], str | None
]


class StoryViewer:
    """Story views over a batch of inputs (story id, events, article meta, articles read, latest day):
    picklable, so that an executor can spread a large update's views over the cores; the Russian
    morphology is built once per process on first use."""

    def __init__(self, config: ViewConfig, morph: Any = None) -> None:
        self.config = config
        self.morph = morph

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.config, self.morph = state["config"], None

    def __call__(
        self, items: Sequence[StoryInput]
    ) -> list[tuple[Story, dict[str, tuple[str, str]], Activity]]:
        if self.morph is None:
            from storyline.annotate import load_models

            self.morph = load_models().morph
        return [
            story_view(s, evs, meta, read, self.config, self.morph, latest)
            for s, evs, meta, read, latest in items
        ]


def plan_views(
    graph: GraphPlan,
    view: ViewWindow,
    models: PlanModels,
    config: Config,
    executor: Executor | None = None,
) -> Plan:
    """Story and topic views of what changed, scores of the stories the moved latest day changes; with
    ``graph``, the whole plan. ``executor``: runs the story views (the bulk of a large update's planning)
    in parallel; their results do not depend on it."""
    rows: list[StoryRow] = []
    summaries: dict[str, StorySummary] = {}
    deleted_stories = list(graph.emptied_stories)
    inputs: list[StoryInput] = []
    for story_id in sorted(graph.stories):
        events = view.story_events.get(story_id, ())
        if not events:
            deleted_stories.append(story_id)
            continue
        ids = [a for e in events for a in e.article_ids]
        read = [view.articles[a] for a in ids if a in view.articles]
        meta = {a: view.meta.get(a, (None, None)) for a in ids}
        inputs.append((story_id, events, meta, read, graph.latest_day))
    viewer = StoryViewer(config.views, models.morph)
    size = max(1, config.annotate.chunk_size // 4)
    batches = [inputs[i : i + size] for i in range(0, len(inputs), size)]
    results = executor.map(viewer, batches) if executor is not None else map(viewer, batches)
    for story, entity_map, act in (r for batch in results for r in batch):
        state = graph.stories[story.id]
        story = replace(story, topic_id=state.topic)
        rows.append(StoryRow(story, entity_map, act, state.centroid))
        summaries[story.id] = _summary(story)
    rescored: dict[str, tuple[float, str]] = {}
    topics_to_view = set(graph.topics)
    for story_id, (act, topic) in view.rescore.items():
        if story_id not in summaries:
            rescored[story_id] = rank(act, graph.latest_day)
            if topic:
                topics_to_view.add(topic)
    merged_away = {old for old, _ in graph.topic_merges}
    topics: list[TopicRow] = []
    deleted_topics = sorted(merged_away)
    for topic_id in sorted(topics_to_view - merged_away):
        members: dict[str, StorySummary] = {}
        for s in view.topic_stories.get(topic_id, ()):
            if s.id in rescored:
                s = replace(s, score=rescored[s.id][0], rank_reason=rescored[s.id][1])
            members[s.id] = s
        for story_id, state in graph.stories.items():
            if state.topic == topic_id and story_id in summaries:
                members[story_id] = summaries[story_id]
            elif story_id in members and state.topic != topic_id:
                members.pop(story_id)
        for story_id in deleted_stories:
            members.pop(story_id, None)
        if not members:
            deleted_topics.append(topic_id)
            continue
        topic_state = graph.topics.get(topic_id)
        centroid = topic_state.centroid if topic_state is not None else np.zeros(0, np.float32)
        topics.append(TopicRow(topic_view(topic_id, list(members.values())), centroid))
    return Plan(
        generation=graph.generation,
        grouped=graph.grouped,
        duplicate_of=graph.duplicate_of,
        event_merges=graph.event_merges,
        events=tuple((ev, graph.story_of.get(e)) for e, ev in sorted(graph.event_views.items())),
        stories=tuple(rows),
        deleted_events=graph.deleted_events,
        deleted_stories=tuple(sorted(set(deleted_stories))),
        topics=tuple(topics),
        topic_merges=graph.topic_merges,
        deleted_topics=tuple(sorted(set(deleted_topics))),
        rescored=rescored,
        latest_day=graph.latest_day,
    )


def _summary(story: Story) -> StorySummary:
    return StorySummary(
        story.id,
        story.title,
        story.first_date,
        story.last_date,
        len(story.article_ids),
        story.outlets,
        story.score,
        story.rank_reason,
    )
