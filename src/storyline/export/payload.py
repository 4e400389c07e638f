"""The JSON payload (articles, events, stories). Markdown and HTML are rendered from it."""

from __future__ import annotations

import dataclasses
from typing import Any

from storyline.annotate.coref import unify_story_ids
from storyline.model import Article, Story
from storyline.store.codec import date_dict, entity_dict, quote_dict
from storyline.store.sqlite import SQLiteStore


def article_dict(a: Article, event_id: str | None, duplicate_of: str | None) -> dict[str, Any]:
    return {
        "id": a.id,
        "published": a.published,
        "title": a.title,
        "source": a.source,
        "url": a.url,
        "language": a.language,
        "lead": a.lead,
        "text": a.text,
        "event_id": event_id,
        "duplicate_of": duplicate_of,
        "entities": [entity_dict(e) for e in a.entities],
        "dates": [date_dict(d) for d in a.dates],
        "quotes": [quote_dict(q) for q in a.quotes],
    }


def _story_unified(articles: list[Article], stories: list[Story]) -> list[Article]:
    """Entity ids shared across the articles of each story (a surname alone takes the full name's id)."""
    by_id = {a.id: a for a in articles}
    for story in stories:
        members = [by_id[i] for i in story.article_ids if i in by_id]
        for unified in unify_story_ids(members):
            by_id[unified.id] = unified
    return [by_id[a.id] for a in articles]


def build_payload(store: SQLiteStore, story_ids: list[str] | None = None) -> dict[str, Any]:
    """Everything (or the given stories with their events and articles) as one JSON-able dict."""
    stories = store.stories()
    if story_ids is not None:
        wanted = {store.resolve(s) for s in story_ids}
        stories = [s for s in stories if s.id in wanted]
    events_with_story = store.events_with_story()
    if story_ids is not None:
        keep = {e for s in stories for e in s.event_ids}
        events_with_story = [(e, s) for e, s in events_with_story if e.id in keep]
        article_ids: list[str] | None = [a for s in stories for a in s.article_ids]
    else:
        article_ids = None
    membership = store.memberships()
    articles = _story_unified(store.articles(article_ids), stories)
    return {
        "articles": [article_dict(a, *membership.get(a.id, (None, None))) for a in articles],
        "events": [{**dataclasses.asdict(e), "story_id": s} for e, s in events_with_story],
        "stories": [dataclasses.asdict(s) for s in stories],
        "redirects": [{"old_id": o, "new_id": n, "kind": k} for o, n, k in store.redirects()],
    }
