"""Article and view values to and from JSON-able dicts (one place for the field mapping)."""

from __future__ import annotations

import json
from typing import Any

from storyline.model import Article, DateMention, Entity, Quote, Span


def annotations_to_json(article: Article) -> str:
    return json.dumps(
        {
            "sentences": [[s.start, s.stop] for s in article.sentences],
            "lemmas": list(article.lemmas),
            "entities": [entity_dict(e) for e in article.entities],
            "dates": [date_dict(d) for d in article.dates],
            "quotes": [quote_dict(q) for q in article.quotes],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def annotations_from_json(data: str | None) -> dict[str, Any]:
    if not data:
        return {}
    raw = json.loads(data)
    return {
        "sentences": tuple(Span(a, b) for a, b in raw.get("sentences", ())),
        "lemmas": tuple(raw.get("lemmas", ())),
        "entities": tuple(Entity(**e) for e in raw.get("entities", ())),
        "dates": tuple(DateMention(**d) for d in raw.get("dates", ())),
        "quotes": tuple(Quote(**q) for q in raw.get("quotes", ())),
    }


def entity_dict(e: Entity) -> dict[str, Any]:
    return {
        "text": e.text,
        "normal": e.normal,
        "type": e.type,
        "start": e.start,
        "stop": e.stop,
        "entity_id": e.entity_id,
    }


def date_dict(d: DateMention) -> dict[str, Any]:
    return {"text": d.text, "value": d.value, "granularity": d.granularity, "start": d.start, "stop": d.stop}


def quote_dict(q: Quote) -> dict[str, Any]:
    return {
        "text": q.text,
        "speaker": q.speaker,
        "speaker_entity_id": q.speaker_entity_id,
        "start": q.start,
        "stop": q.stop,
        "kind": q.kind,
    }
