"""The views a reader comes for: an event's headline and summary; a story's headline, cited timeline,
summary, outlet table, conflicts, quotes and score. Pure functions over the articles."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from storyline.annotate.coref import unify_story_ids
from storyline.config import ViewConfig
from storyline.model import Article, Event, Story
from storyline.store.sqlite import SQLiteStore
from storyline.stories import EventDoc
from storyline.views.compare import conflicts, outlet_facts, story_quotes
from storyline.views.rank import story_score
from storyline.views.summary import event_summary, headline, story_summary
from storyline.views.timeline import story_timeline
from storyline.views.units import outlet_of

log = logging.getLogger(__name__)


def event_view(doc: EventDoc, config: ViewConfig) -> Event:
    articles = doc.articles
    return Event(
        id=doc.id,
        article_ids=tuple(a.id for a in articles),
        date=doc.date,
        title=headline(articles, config),
        summary=event_summary(articles, config),
    )


def spread_over_events(events: Sequence[Event], limit: int) -> set[str]:
    """At most ``limit`` article ids taken in rounds: each event's first article (latest events first),
    then each event's second, and so on — every event is read before any event's tenth copy."""
    chosen: set[str] = set()
    order = sorted(events, key=lambda e: (e.date or "", e.id), reverse=True)
    depth = max((len(e.article_ids) for e in events), default=0)
    for r in range(depth):
        for e in order:
            if len(chosen) >= limit:
                return chosen
            if r < len(e.article_ids):
                chosen.add(e.article_ids[r])
    return chosen


def story_view(
    story_id: str,
    events: Sequence[Event],
    articles: Sequence[Article],
    config: ViewConfig,
    morph: Any = None,
) -> Story:
    """``morph`` (pymorphy3 analyser, optional) lets the timeline drop Russian plans ("проведет") and
    names the sides of a conflict in the nominative. A story of more than ``story_view_articles``
    articles is read through a selection spread over its events (``spread_over_events``), so that
    refreshing a long story costs a bounded time; its membership, outlets and score count them all."""
    articles = sorted(articles, key=lambda a: (a.published or "", a.id))
    outlets = sorted({outlet_of(a.source, a.id) for a in articles if a.source})
    dates = sorted(e.date for e in events if e.date)
    read = articles
    if len(articles) > config.story_view_articles:
        chosen = spread_over_events(events, config.story_view_articles)
        read = [a for a in articles if a.id in chosen]
        log.info("story %s: views read %d of its %d articles", story_id, len(read), len(articles))
    read = unify_story_ids(read)
    return Story(
        id=story_id,
        event_ids=tuple(e.id for e in events),
        article_ids=tuple(a.id for a in articles),
        title=headline(read, config),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        timeline=story_timeline(read, config, morph),
        summary=story_summary(read, config),
        conflicts=conflicts(read, config, morph),
        quotes=story_quotes(read, config),
        outlets=tuple(outlets),
        score=story_score([a.day for a in articles], len(outlets), config),
        outlet_facts=outlet_facts(read, config),
    )


def stored_story_view(
    store: SQLiteStore, story_id: str, event_ids: Sequence[str], config: ViewConfig, morph: Any = None
) -> Story:
    events = store.events(event_ids)
    articles = store.articles([aid for e in events for aid in e.article_ids])
    return story_view(story_id, events, articles, config, morph)
