"""Temporal expressions resolved against the publication date."""

from __future__ import annotations

from storyline.model import DateMention


def extract_dates(text: str, published: str | None, language: str | None = "ru") -> tuple[DateMention, ...]:
    return ()
