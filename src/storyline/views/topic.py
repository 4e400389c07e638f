"""A topic's view: its stories, most important first, and what the topic adds up to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Topic


@dataclass(frozen=True, slots=True)
class StorySummary:
    """What a topic's view needs of each of its stories."""

    id: str
    title: str | None
    first_date: str | None
    last_date: str | None
    articles: int
    outlets: tuple[str, ...]
    score: float
    rank_reason: str


def topic_view(topic_id: str, stories: Sequence[StorySummary]) -> Topic:
    """Its stories ranked; the title of its largest story; its span, articles and outlets; the score and
    reason of its best story."""
    ranked = sorted(stories, key=lambda s: (-s.score, s.id))
    largest = max(stories, key=lambda s: (s.articles, s.score, s.id)) if stories else None
    firsts = sorted(s.first_date for s in stories if s.first_date)
    lasts = sorted(s.last_date for s in stories if s.last_date)
    best = ranked[0] if ranked else None
    reason = ""
    if best is not None:
        reason = best.rank_reason + (f"; {len(stories)} stories" if len(stories) > 1 else "")
    return Topic(
        id=topic_id,
        story_ids=tuple(s.id for s in ranked),
        title=largest.title if largest else None,
        first_date=firsts[0] if firsts else None,
        last_date=lasts[-1] if lasts else None,
        articles=sum(s.articles for s in stories),
        outlets=tuple(sorted({o for s in stories for o in s.outlets})),
        score=best.score if best else 0.0,
        rank_reason=reason,
    )
