"""Named entities (PER / ORG / LOC) with normal forms and entity ids (natasha/slovnet NER)."""

from __future__ import annotations

import hashlib
from typing import Any

from storyline.annotate.models import Models
from storyline.model import Entity, EntityType

TYPES: dict[str, EntityType] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}


def entity_id(type_: str, normal: str) -> str:
    key = f"{type_}:{normal.casefold()}"
    return f"{type_.lower()}-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def _normal(morph: Any, words: list[str], type_: str) -> str:
    out = []
    for word in words:
        parse = morph.parse(word)[0]
        form = parse.inflect({"nomn"}) if type_ == "PER" else None
        out.append((form.word if form else word) if type_ == "PER" else word)
    return " ".join(w[:1].upper() + w[1:] if type_ == "PER" else w for w in out)


def extract_entities(text: str, models: Models) -> tuple[Entity, ...]:
    if not text.strip():
        return ()
    markup = models.ner(text)
    out: list[Entity] = []
    for span in markup.spans:
        type_ = TYPES.get(span.type)
        if type_ is None:
            continue
        surface = text[span.start : span.stop]
        normal = _normal(models.morph, surface.split(), type_)
        out.append(Entity(surface, normal, type_, span.start, span.stop, entity_id(type_, normal)))
    return tuple(out)
