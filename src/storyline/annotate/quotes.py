"""Direct and indirect speech with the speaker resolved to an entity."""

from __future__ import annotations

from storyline.model import Entity, Quote


def extract_quotes(text: str, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    return ()
