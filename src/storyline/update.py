"""One update, as three steps: read what the waiting articles need (``read_snapshot``, then
``read_view_window``), plan (``storyline.plan``: pure), apply (``Store.apply``: one transaction).

The articles waiting to be grouped are taken in (published, arrival) order, ``cluster.update_batch`` at a
time. Writers are not locked out while a plan is made: ``apply`` refuses a plan whose snapshot is older
than the store's last applied plan (``StalePlanError``), and the batch is read and planned again. So two
processes updating one database lose nothing and group every article once; an interrupted update leaves
the last applied plan, and the next update groups what is still waiting.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from storyline.config import Config
from storyline.dedup import bands
from storyline.errors import StalePlanError, StoreError
from storyline.events.assign import load_event_models
from storyline.executors import Executor, make_executor
from storyline.model import Article, Event
from storyline.plan import (
    GraphPlan,
    Plan,
    PlanModels,
    Snapshot,
    ViewWindow,
    plan_graph,
    plan_views,
    story_membership,
    window,
)
from storyline.store.base import Store
from storyline.stories import EPOCH, EventDoc
from storyline.views.rank import LONGEST_WINDOW, Activity
from storyline.views.story import view_selection

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 50  # plans refused as stale before an update gives up


@dataclass(slots=True)
class UpdateReport:
    grouped: int = 0
    events_touched: int = 0
    stories_touched: int = 0
    event_merges: int = 0
    topics_touched: int = 0
    topic_merges: int = 0
    story_ids: set[str] = field(default_factory=set)  # stories written (resolve merged ids when reading)
    retries: int = 0  # plans made again because another writer applied one first

    def add(self, plan: Plan) -> None:
        self.grouped += len(plan.grouped)
        self.events_touched += len(plan.events)
        self.stories_touched += len(plan.stories)
        self.event_merges += len(plan.event_merges)
        self.topics_touched += len(plan.topics)
        self.topic_merges += len(plan.topic_merges)
        self.story_ids.update(plan.story_ids)


@functools.cache
def load_plan_models() -> PlanModels:
    """The models planning needs (pair scorer, idf table, Russian morphology), loaded once per process."""
    from storyline.annotate import load_models

    morph = load_models().morph
    return PlanModels(load_event_models(morph), morph)


def models_vector_names() -> tuple[str, ...]:
    """The named vectors the event stage compares (the shipped pair scorer's and the candidate search's)."""
    from storyline.events.scorer import load_pair_scorer

    return ("doc", "title", *load_pair_scorer().vector_names)


# ---------------------------------------------------------------- reading
def read_snapshot(store: Store, pending: list[str], config: Config) -> Snapshot:
    """The waiting articles ``pending`` and the stored part of the graph their window needs."""
    generation = store.generation()  # first: any plan applied after this makes the snapshot stale
    new = store.articles(pending)
    state = store.memberships(pending)
    new = [a for a in new if not state[a.id].grouped]
    previous = {a.id: e for a in new if (e := state[a.id].event_id)}
    days = [a.day for a in new if a.day]
    neighbour_ids = store.undated_grouped_article_ids(config.cluster.undated_neighbours)
    if days:
        lo, hi = window(days, config.cluster.event_window_days)
        neighbour_ids = store.grouped_article_ids_between(lo, hi) + neighbour_ids
    # near-duplicate candidates: grouped articles sharing an LSH bucket with a new one, and their groups
    signatures = store.signatures([a.id for a in new])
    buckets = {band for sig in signatures.values() for band in bands(sig, config.dedup)}
    candidate_ids = sorted(store.minhash_candidates(sorted(buckets)) - {a.id for a in new})
    candidate_state = store.memberships(candidate_ids)
    candidate_ids = [c for c in candidate_ids if candidate_state[c].grouped]
    heads = {candidate_state[c].duplicate_of or c for c in candidate_ids}
    copies = store.copies_of(heads)
    group_state = store.memberships(set(copies) | heads)
    duplicate_of = {aid: m.duplicate_of for aid, m in group_state.items() if m.grouped}
    signatures.update(store.signatures(candidate_ids))
    neighbour_ids = list(dict.fromkeys([*neighbour_ids, *candidate_ids]))
    neighbour_state = store.memberships(neighbour_ids)
    neighbours = [i for i in neighbour_ids if neighbour_state[i].grouped and neighbour_state[i].event_id]
    event_of = {i: str(neighbour_state[i].event_id) for i in neighbours}
    # events of the window (with all their articles), the events changed articles leave, and the
    # stored events of the story window
    events = set(event_of.values()) | set(previous.values())
    if days:
        lo, hi = window(days, config.stories.window_days)
    else:
        lo = hi = EPOCH
    story_window = store.event_stories_between(lo, hi, EPOCH)
    events |= {e for e, _ in story_window}
    members = store.article_ids_by_event(sorted(events))
    stored_events = {ev.id: (ev, story) for ev, story in store.events(sorted(events))}
    wanted = {a for m in members.values() for a in m} | set(neighbours)
    articles = {a.id: a for a in new}
    articles.update({a.id: a for a in store.articles(sorted(wanted - set(articles)))})
    vectors = store.vectors(sorted(articles))
    needed = set(models_vector_names())
    missing = sorted(a for a in articles if not needed <= set(vectors.get(a, {})))
    if missing:
        raise StoreError(
            f"{len(missing)} stored articles lack the vectors this storyline compares"
            f" ({', '.join(sorted(needed))}; first: {missing[0]!r}): they were stored by another version;"
            " run the input again into a new database"
        )
    involved = set(articles) | set(signatures) | set(duplicate_of)
    # the stored state of the stories of these events, and the candidate topics
    story_ids = sorted({s for _, s in stored_events.values() if s})
    stories = store.story_states(story_ids)
    topic_since = None
    if days:
        first = date.fromisoformat(min(days)[:10]) - timedelta(days=config.stories.topic_gap_days)
        topic_since = first.isoformat()
    topics = store.topic_states(since=topic_since)
    topics.update(store.topic_states(ids=sorted({st.topic for st in stories.values() if st.topic})))
    return Snapshot(
        generation=generation,
        new=tuple(new),
        previous_event=previous,
        articles=articles,
        vectors=vectors,
        neighbours=tuple(neighbours),
        event_of=event_of,
        event_members={e: tuple(m) for e, m in members.items()},
        spans=store.event_day_spans(sorted(set(event_of.values()))),
        event_story={e: s for e, (_, s) in stored_events.items()},
        event_date={e: ev.date for e, (ev, _) in stored_events.items()},
        signatures=signatures,
        duplicate_of=duplicate_of,
        order=store.article_order(sorted(involved)),
        stories=stories,
        story_events={k: tuple(v) for k, v in store.story_event_ids(story_ids).items()},
        topics=topics,
        latest_day=store.latest_day(),
    )


def read_view_window(store: Store, graph: GraphPlan, config: Config) -> ViewWindow:
    """What the views of the touched stories and topics need: the stories' events after the plan, the
    (published, source) of all their articles, the articles each view reads (at most
    ``views.story_view_articles``), the stored members of the touched topics, and the activity of the
    stories whose score the moved latest day changes."""
    stored = store.story_event_ids(sorted(graph.stories))
    gone = {old for old, _ in graph.event_merges} | set(graph.deleted_events)
    membership = story_membership(graph, stored, gone)
    untouched = sorted({e for es in membership.values() for e in es} - set(graph.event_views))
    events: dict[str, Event] = dict(graph.event_views)
    events.update({e.id: e for e, _ in store.events(untouched)})
    story_events = {
        s: tuple(sorted((events[e] for e in es if e in events), key=lambda ev: (ev.date or "", ev.id)))
        for s, es in membership.items()
    }
    meta: dict[str, tuple[str | None, str | None]] = {}
    chosen: set[str] = set()
    for evs in story_events.values():
        chosen |= view_selection(evs, config.views.story_view_articles)
        meta.update(store.article_meta([a for e in evs for a in e.article_ids]))
    articles: dict[str, Article] = {a: graph.articles[a] for a in chosen if a in graph.articles}
    articles.update({a.id: a for a in store.articles(sorted(chosen - set(articles)))})
    rescore: dict[str, tuple[Activity, str | None]] = {}
    before = store.latest_day()
    if graph.latest_day and graph.latest_day != before:
        since = (date.fromisoformat(graph.latest_day) - timedelta(days=LONGEST_WINDOW)).isoformat()
        rescore = store.story_activity(since=min(since, before or since))
    topics = set(graph.topics) | {t for _, t in rescore.values() if t}
    return ViewWindow(story_events, meta, articles, store.topic_story_summaries(sorted(topics)), rescore)


def stored_event_docs(store: Store, event_ids: Sequence[str]) -> list[EventDoc]:
    """Stored events with their articles and document vectors, as the story linker sees them."""
    members = store.article_ids_by_event(event_ids)
    ids = sorted({a for m in members.values() for a in m})
    articles = {a.id: a for a in store.articles(ids)}
    vectors = store.vectors(ids)
    docs = []
    for e in event_ids:
        arts = tuple(articles[a] for a in members.get(e, []) if a in articles)
        days = sorted(a.day for a in arts if a.day)
        rows = [vectors[a.id]["doc"] for a in arts if a.id in vectors]
        docs.append(EventDoc(e, days[0] if days else None, arts, np.vstack(rows) if rows else None))
    return docs


# ---------------------------------------------------------------- the loop
def run_update(
    store: Store,
    config: Config,
    models: PlanModels | None = None,
    progress: Callable[[int], None] | None = None,
) -> UpdateReport:
    """Group every waiting article; refresh the events and stories it touches."""
    report = UpdateReport()
    stuck = 0
    while True:
        plan = plan_and_apply(store, config, models, report)
        if plan is None:
            return report
        report.add(plan)
        if progress:
            progress(len(plan.grouped))
        stuck = stuck + 1 if not plan.grouped else 0
        if stuck > 3:
            raise StoreError("articles wait to be grouped but no plan groups them")


@contextmanager
def _executor(config: Config, parallel: bool) -> Iterator[Executor | None]:
    if not parallel:
        yield None
        return
    executor = make_executor(config.annotate)
    try:
        yield executor
    finally:
        executor.close()


def plan_and_apply(
    store: Store,
    config: Config,
    models: PlanModels | None,
    report: UpdateReport,
    ids: list[str] | None = None,
) -> Plan | None:
    """Plan and apply one batch: the next ``cluster.update_batch`` waiting articles, or those of ``ids``
    that still wait (the distributed engine's serial steps); None when none waits."""
    for attempt in range(MAX_ATTEMPTS):
        if ids is None:
            pending = store.pending_article_ids(config.cluster.update_batch)
        else:
            state = store.memberships(ids)
            pending = [a for a in ids if a in state and not state[a].grouped]
        if not pending:
            return None
        models = models or load_plan_models()
        snapshot = read_snapshot(store, pending, config)
        graph = plan_graph(snapshot, models, config)
        window_ = read_view_window(store, graph, config)
        parallel = len(graph.stories) >= config.annotate.min_parallel
        with _executor(config, parallel) as executor:
            plan = plan_views(graph, window_, models, config, executor)
        try:
            store.apply(plan)
        except StalePlanError as exc:
            report.retries += 1
            log.info("plan refused (%s); planning again (attempt %d)", exc, attempt + 2)
            time.sleep(random.uniform(0.0, min(2.0, 0.05 * 2**attempt)))
            continue
        return plan
    raise StoreError(f"another writer kept changing the database; gave up after {MAX_ATTEMPTS} plans")
