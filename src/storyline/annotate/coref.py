"""Entity ids: one id per real-world entity within an article and across the articles of a story."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from storyline.annotate.ner_rules import Mention
from storyline.model import Entity


def entity_id(type_: str, normal: str) -> str:
    """Deterministic id from the type and the normal form of the canonical mention."""
    key = f"{type_}:{normal.casefold().replace('ё', 'е')}"
    return f"{type_.lower()}-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def resolve(text: str, mentions: Sequence[Mention], normals: Sequence[str], morph: Any) -> tuple[Entity, ...]:
    out = []
    for m, normal in zip(mentions, normals, strict=True):
        out.append(Entity(text[m.start : m.stop], normal, m.type, m.start, m.stop, entity_id(m.type, normal)))
    return tuple(out)
