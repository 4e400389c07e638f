"""The JSON payload (articles, events, stories, redirects) of story pages. Markdown and HTML are rendered
from it."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from storyline.model import ArticleEntry, StoryPage, Topic
from storyline.store.codec import date_dict, entity_dict, quote_dict


def article_dict(entry: ArticleEntry) -> dict[str, Any]:
    a = entry.article
    return {
        "id": a.id,
        "published": a.published,
        "title": a.title,
        "source": a.source,
        "url": a.url,
        "language": a.language,
        "lead": a.lead,
        "text": a.text,
        "event_id": entry.event_id,
        "duplicate_of": entry.duplicate_of,
        "entities": [entity_dict(e) for e in a.entities],
        "dates": [date_dict(d) for d in a.dates],
        "quotes": [quote_dict(q) for q in a.quotes],
    }


def build_payload(
    pages: Sequence[StoryPage], redirects: Sequence[tuple[str, str, str]], topics: Sequence[Topic] = ()
) -> dict[str, Any]:
    """Story pages (with their events and articles), their topics and the redirects to them as one JSON-able
    dict; articles and events in (date, id) order, stories and topics in the order given."""
    articles = sorted(
        {e.article.id: e for p in pages for e in p.articles}.values(),
        key=lambda e: (e.article.published or "", e.article.id),
    )
    events = sorted(
        {e.id: (e, p.story.id) for p in pages for e in p.events}.values(),
        key=lambda es: (es[0].date or "", es[0].id),
    )
    return {
        "articles": [article_dict(a) for a in articles],
        "events": [{**dataclasses.asdict(e), "story_id": s} for e, s in events],
        "stories": [dataclasses.asdict(p.story) for p in pages],
        "topics": [dataclasses.asdict(t) for t in topics],
        "redirects": [{"old_id": o, "new_id": n, "kind": k} for o, n, k in redirects],
    }
