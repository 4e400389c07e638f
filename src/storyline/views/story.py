"""The views a reader comes for: an event's headline and summary; a story's headline, cited timeline,
summary, outlet table, conflicts, quotes and score. Pure functions over the articles."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.annotate.coref import apply_entity_map, story_entity_map
from storyline.config import ViewConfig
from storyline.model import Article, Event, Story
from storyline.stories import EventDoc
from storyline.views.compare import conflicts, outlet_facts, story_quotes
from storyline.views.rank import Activity, activity, latest_day, rank
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


def view_selection(events: Sequence[Event], limit: int) -> set[str]:
    """The articles a story's views read: all of them, or ``limit`` spread over its events."""
    ids = {a for e in events for a in e.article_ids}
    return ids if len(ids) <= limit else spread_over_events(events, limit)


def story_view(
    story_id: str,
    events: Sequence[Event],
    meta: Mapping[str, tuple[str | None, str | None]],
    read: Sequence[Article],
    config: ViewConfig,
    morph: Any = None,
    latest: str | None = None,
) -> tuple[Story, dict[str, tuple[str, str]], Activity]:
    """A story's view and its story-wide entity id map (old id -> (id, normal form) shared across the
    story's articles). ``meta``: (published, source) of every article of the story; ``read``: the articles
    the views read — all of them, or for a long story a selection spread over its events
    (``spread_over_events``), so that refreshing a long story costs a bounded time; membership, outlets
    and score count every article. ``morph`` (pymorphy3 analyser, optional) lets the timeline drop Russian
    plans ("проведет") and names the sides of a conflict in the nominative. ``latest``: the collection's
    latest day, which the rank is relative to (``storyline.views.rank``). Also returns the story's
    activity (articles and outlets per day) that the rank was computed from."""
    ids = sorted(meta, key=lambda a: (meta[a][0] or "", a))
    outlet = {a: outlet_of(source, a) for a, (_, source) in meta.items() if source}
    outlets = sorted(set(outlet.values()))
    act = activity(meta, outlet)
    score, reason = rank(act, latest or latest_day([p for p, _ in meta.values()]))
    dates = sorted(e.date for e in events if e.date)
    entity_map = story_entity_map(read)
    unified = [apply_entity_map(a, entity_map) for a in sorted(read, key=lambda a: (a.published or "", a.id))]
    if len(unified) < len(ids):
        log.info("story %s: views read %d of its %d articles", story_id, len(unified), len(ids))
    story = Story(
        id=story_id,
        event_ids=tuple(e.id for e in events),
        article_ids=tuple(ids),
        title=headline(unified, config),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        timeline=story_timeline(unified, config, morph),
        summary=story_summary(unified, config),
        conflicts=conflicts(unified, config, morph),
        quotes=story_quotes(unified, config),
        outlets=tuple(outlets),
        score=score,
        outlet_facts=outlet_facts(unified, config),
        rank_reason=reason,
    )
    return story, entity_map, act
