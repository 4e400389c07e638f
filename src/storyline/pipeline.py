"""The only place that knows the order of the stages.

ingest:  read -> (skip unchanged) -> clean -> annotate -> store, in batches, one transaction each
update:  pending articles -> events (online) -> stories (online) -> views (titles, summaries, timeline)
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from storyline.annotate import annotate, load_models
from storyline.annotate.vectors import article_vectors, load_encoder
from storyline.clean import OutletContext, build_template_context, clean, content_hash, outlet_key, to_article
from storyline.config import Config
from storyline.dedup import find_duplicates
from storyline.errors import InputProblem
from storyline.events.assign import Vectors, assign_events, load_event_models
from storyline.ingest import iter_inputs
from storyline.model import Article, RawDoc
from storyline.store.sqlite import SQLiteStore
from storyline.stories import EPOCH, EventDoc, is_dated, link_events
from storyline.views.story import event_view, stored_story_view

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


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


@dataclass(frozen=True, slots=True)
class UpdateReport:
    grouped: int
    events_touched: int
    stories_touched: int
    event_merges: int
    story_merges: int


# ------------------------------------------------------------------ clean + annotate
def prepare(doc: RawDoc, context: OutletContext | None, config: Config) -> Article:
    """Clean and annotate one raw document (runs in worker processes)."""
    cleaned = clean(doc, config.clean, context)
    return annotate(to_article(doc, cleaned), load_models(), config.annotate)


def _prepare_chunk(args: tuple[list[tuple[RawDoc, OutletContext | None]], Config]) -> list[Article]:
    chunk, config = args
    return [prepare(doc, ctx, config) for doc, ctx in chunk]


def _worker_init() -> None:
    load_models()


def _workers(config: Config) -> int:
    return config.annotate.workers or max(1, os.cpu_count() or 1)


def prepare_many(
    items: Sequence[tuple[RawDoc, OutletContext | None]],
    config: Config,
    pool: multiprocessing.pool.Pool | None,
) -> Iterator[Article]:
    if pool is None or len(items) < config.annotate.min_parallel:
        for doc, ctx in items:
            yield prepare(doc, ctx, config)
        return
    size = config.annotate.chunk_size
    chunks = [(list(items[i : i + size]), config) for i in range(0, len(items), size)]
    for result in pool.imap(_prepare_chunk, chunks):
        yield from result


def _batches(items: Iterable[RawDoc | InputProblem], size: int) -> Iterator[list[RawDoc | InputProblem]]:
    batch: list[RawDoc | InputProblem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Sequence[str | Path],
    store: SQLiteStore,
    config: Config,
    progress: Progress | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
) -> IngestReport:
    """Read, clean, annotate and store every new or changed article; report every input problem."""
    report = IngestReport()
    pool: multiprocessing.pool.Pool | None = None
    try:
        for batch in _batches(iter_inputs(paths, config.ingest), config.ingest.batch_size):
            docs: dict[str, RawDoc] = {}
            read_before = report.read
            for item in batch:
                if isinstance(item, InputProblem):
                    report.problems.append(item)
                    if on_problem:
                        on_problem(item)
                else:
                    report.read += 1
                    docs[item.id] = item  # the same id twice in one batch: the later copy wins
            known = store.article_hashes(list(docs))
            todo = [d for d in docs.values() if known.get(d.id) != content_hash(d)]
            report.unchanged += report.read - read_before - len(todo)  # same id twice counts as unchanged
            contexts = build_template_context(docs.values())
            items = [(d, contexts.get(outlet_key(d))) for d in todo]
            if pool is None and len(items) >= config.annotate.min_parallel and _workers(config) > 1:
                pool = multiprocessing.get_context("fork").Pool(_workers(config), initializer=_worker_init)
            by_id = {d.id: d for d in todo}
            with store.transaction():
                for article in prepare_many(items, config, pool):
                    if article.id in known:
                        report.changed += 1
                    else:
                        report.added += 1
                    store.put_article(article, by_id[article.id])
                    if progress:
                        progress(1)
            if progress:
                progress(report.read - read_before - len(todo))
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    return report


# ------------------------------------------------------------------ update: events, stories, views
def _window(days: Sequence[str], pad: int) -> tuple[str, str]:
    lo = date.fromisoformat(min(days)) - timedelta(days=pad)
    hi = date.fromisoformat(max(days)) + timedelta(days=pad)
    return lo.isoformat(), hi.isoformat()


def _article_vectors(store: SQLiteStore, articles: Sequence[Article]) -> Vectors:
    """Stored sentence vectors; the missing ones are computed once and stored."""
    found = store.vectors(a.id for a in articles)
    missing = [a for a in articles if a.id not in found]
    if missing:
        doc, title = article_vectors(missing, load_encoder())
        with store.transaction():
            for k, a in enumerate(missing):
                store.put_vectors(a.id, a.content_hash, doc[k], title[k])
                found[a.id] = (doc[k], title[k])
    return found


def update(store: SQLiteStore, config: Config) -> UpdateReport:
    """Group the articles not yet in an event; refresh the events and stories they touch."""
    pending_ids = store.pending_article_ids()
    if not pending_ids:
        return UpdateReport(0, 0, 0, 0, 0)
    new = store.articles(pending_ids)
    days = [a.day for a in new if a.day]
    neighbour_ids = store.undated_grouped_article_ids(config.cluster.undated_neighbours)
    if days:
        lo, hi = _window(days, config.cluster.event_window_days)
        neighbour_ids = store.article_ids_between(lo, hi) + neighbour_ids
    membership = store.memberships(neighbour_ids)
    neighbours = [(a, membership[a.id][0] or "") for a in store.articles(neighbour_ids)]
    vectors = _article_vectors(store, [a for a, _ in neighbours] + new)
    models = load_event_models(load_models().morph)
    spans = store.event_day_spans(e for _, e in neighbours)
    with store.transaction():  # near-duplicates: a copy joins the event of the article it copies
        dups = find_duplicates(new, store, store.duplicate_links(), store.article_order, config.dedup)
    membership.update(store.memberships(set(dups.follows.values()) - set(membership)))
    originals = [a for a in new if a.id not in dups.follows]
    grouping = assign_events(originals, neighbours, config.cluster, vectors, models, spans)

    with store.transaction():
        touched_events: set[str] = set()
        stale_stories: set[str] = set()
        for old, survivor in grouping.merges:
            for aid in store.event_article_ids(old):
                store.assign(aid, survivor)
            story = store.event_story(old)
            if story:
                stale_stories.add(story)
            store.delete_event(old)
            store.redirect(old, survivor, "event")
            touched_events.add(survivor)
        for a in grouping.assignments:
            store.assign(a.article_id, a.event_id)
            touched_events.add(a.event_id)
        event_of = {a.article_id: a.event_id for a in grouping.assignments}
        for aid in dups.follows:
            followed = _followed_event(aid, dups.follows, event_of, membership)
            if followed:
                followed = store.resolve(followed)
                store.assign(aid, followed)
                event_of[aid] = followed
                touched_events.add(followed)
        for aid, canonical in dups.duplicate_of.items():
            store.set_duplicate_of(aid, canonical)
        touched_events = {store.resolve(e) for e in touched_events}

        event_docs = _event_docs(store, sorted(touched_events))
        for doc in event_docs:
            previous = store.event_story(doc.id)
            if previous:
                stale_stories.add(previous)
            store.put_event(event_view(doc, config.views), previous)

        # events that already belong to a story keep it (stable ids); the others are linked
        fresh = [d for d in event_docs if not store.event_story(d.id)]
        dated = [d.date for d in fresh if d.date and is_dated(d.date)]
        neighbour_events: list[tuple[EventDoc, str]] = []
        if fresh:
            # stored events in the story window of the fresh ones (and undated ones), by the indexed date
            lo, hi = _window(dated, config.stories.window_days) if dated else (EPOCH, EPOCH)
            fresh_ids = {d.id for d in fresh}
            stored = [(e, s) for e, s in store.event_stories_between(lo, hi, EPOCH) if e not in fresh_ids]
            docs = _event_docs(store, [e for e, _ in stored])
            neighbour_events = [(doc, story) for doc, (_, story) in zip(docs, stored, strict=True)]
        links = link_events(fresh, neighbour_events, config.stories)
        for old, survivor in links.merges:
            for eid in store.story_event_ids(old):
                store.set_event_story(eid, survivor)
            store.delete_story(old)
            store.redirect(old, survivor, "story")
        touched_stories: set[str] = set()
        for event_id, story_id in links.story_of.items():
            store.set_event_story(event_id, story_id)
            touched_stories.add(story_id)
        morph = load_models().morph if stale_stories | touched_stories else None
        for story_id in stale_stories | touched_stories:
            story_id = store.resolve(story_id)
            event_ids = store.story_event_ids(story_id)
            if event_ids:
                store.put_story(stored_story_view(store, story_id, event_ids, config.views, morph))
            else:
                store.delete_story(story_id)
    return UpdateReport(
        len(new),
        len(touched_events),
        len(stale_stories | touched_stories),
        len(grouping.merges),
        len(links.merges),
    )


def _followed_event(
    article_id: str,
    follows: Mapping[str, str],
    event_of: Mapping[str, str],
    membership: Mapping[str, tuple[str | None, str | None]],
) -> str | None:
    """The event of the article a duplicate copies (following chains of copies of new articles)."""
    seen = {article_id}
    target = follows[article_id]
    while target not in event_of and target in follows and target not in seen:
        seen.add(target)
        target = follows[target]
    return event_of.get(target) or membership.get(target, (None, None))[0]


def _event_docs(store: SQLiteStore, event_ids: Sequence[str]) -> list[EventDoc]:
    """The events with their articles and stored document vectors, read in a few batched queries."""
    members = store.article_ids_by_event(event_ids)
    wanted = [aid for e in event_ids for aid in members.get(e, [])]
    articles = {a.id: a for a in store.articles(wanted)}
    found = store.vectors(wanted)
    docs = []
    for e in event_ids:
        arts = tuple(articles[aid] for aid in members.get(e, []) if aid in articles)
        days = sorted(a.day for a in arts if a.day)
        rows = [found[a.id][0] for a in arts if a.id in found]
        docs.append(EventDoc(e, days[0] if days else None, arts, np.vstack(rows) if rows else None))
    return docs
