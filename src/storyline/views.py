"""The views a reader comes for: an event's headline and summary; a story's headline, cited timeline,
summary, outlet table, conflicts, quotes and score. Pure functions over the articles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.annotate.coref import unify_story_ids
from storyline.compare import conflicts, outlet_facts, story_quotes
from storyline.config import ViewConfig
from storyline.model import Article, Event, Story
from storyline.rank import story_score
from storyline.store.sqlite import SQLiteStore
from storyline.storyline import EventDoc
from storyline.summarize import event_summary, headline, story_summary
from storyline.timeline import story_timeline
from storyline.units import outlet_of


def event_view(doc: EventDoc, config: ViewConfig) -> Event:
    articles = doc.articles
    return Event(
        id=doc.id,
        article_ids=tuple(a.id for a in articles),
        date=doc.date,
        title=headline(articles, config),
        summary=event_summary(articles, config),
    )


def story_view(
    story_id: str,
    events: Sequence[Event],
    articles: Sequence[Article],
    config: ViewConfig,
    morph: Any = None,
) -> Story:
    """``morph`` (pymorphy3 analyser, optional) lets the timeline drop Russian plans ("проведет") and
    names the sides of a conflict in the nominative."""
    articles = unify_story_ids(sorted(articles, key=lambda a: (a.published or "", a.id)))
    outlets = sorted({outlet_of(a.source, a.id) for a in articles if a.source})
    dates = sorted(e.date for e in events if e.date)
    return Story(
        id=story_id,
        event_ids=tuple(e.id for e in events),
        article_ids=tuple(a.id for a in articles),
        title=headline(articles, config),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        timeline=story_timeline(articles, config, morph),
        summary=story_summary(articles, config),
        conflicts=conflicts(articles, config, morph),
        quotes=story_quotes(articles, config),
        outlets=tuple(outlets),
        score=story_score([a.day for a in articles], len(outlets), config),
        outlet_facts=outlet_facts(articles, config),
    )


def stored_story_view(
    store: SQLiteStore, story_id: str, event_ids: Sequence[str], config: ViewConfig, morph: Any = None
) -> Story:
    events = store.events(event_ids)
    articles = store.articles([aid for e in events for aid in e.article_ids])
    return story_view(story_id, events, articles, config, morph)
