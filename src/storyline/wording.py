"""Counts in words, shared by the views and the renderers: "1 outlet", "3 events, 5 articles, 1 outlet"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def counted(count: int, word: str) -> str:
    """ "1 outlet", "3 outlets"."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def story_counts(story: Mapping[str, Any], sep: str) -> str:
    """ "3 events, 5 articles, 1 outlet" of a story of the JSON payload."""
    parts = (("event", "event_ids"), ("article", "article_ids"), ("outlet", "outlets"))
    return sep.join(counted(len(story.get(key) or ()), word) for word, key in parts)
