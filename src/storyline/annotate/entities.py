"""Named entities (PER / ORG / LOC) with normal forms and entity ids.

recognize:  slovnet NER spans, then the fix-up rules of ``ner_rules`` (rubric words, abbreviations,
            plural surnames, span edges)
normalize:  ``normalize.normal_person`` / ``normal_name`` (pymorphy3, no syntax model)
resolve:    ``coref.resolve``: a surname alone, the full name and a role phrase get one entity id
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.annotate.coref import resolve
from storyline.annotate.models import Models
from storyline.annotate.ner_rules import KIN_BEFORE, Mention, apply_rules
from storyline.annotate.normalize import normal_name, normal_person
from storyline.annotate.segment import Token, tokenize
from storyline.annotate.tagger import tag_entities
from storyline.model import Entity, EntityType

TYPES: dict[str, EntityType] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}


def recognize(text: str, models: Models, tokens: Sequence[Token] | None = None) -> tuple[Mention, ...]:
    """Name mentions found by slovnet and corrected by the rules, in text order."""
    if not text.strip():
        return ()
    with models.blas.limit(limits=1, user_api="blas"):
        spans = tag_entities(tokenize(text) if tokens is None else tokens, models.ner)
    found = [Mention(start, stop, TYPES[type_]) for start, stop, type_ in spans if type_ in TYPES]
    return apply_rules(text, found, models.morph)


def normal_form(surface: str, type_: str, morph: Any, plural: bool = False, alone: bool = False) -> str:
    words = tuple(surface.split())
    if type_ == "PER":
        return normal_person(morph, words, plural, alone)
    return normal_name(morph, words)


def _plural_cue(text: str, start: int) -> bool:
    """A plural kinship word right before the name: "братьев Сафаровых" is the family, plural."""
    return KIN_BEFORE.search(text, max(0, start - 14), start) is not None


def _alone_on_line(text: str, start: int, stop: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_stop = text.find("\n", stop)
    line = text[line_start : len(text) if line_stop < 0 else line_stop]
    return line.strip(" \t.,;:—-") == text[start:stop]


def extract_entities(text: str, models: Models, tokens: Sequence[Token] | None = None) -> tuple[Entity, ...]:
    mentions = recognize(text, models, tokens)
    normals = [
        normal_form(
            text[m.start : m.stop],
            m.type,
            models.morph,
            plural=_plural_cue(text, m.start),
            alone=_alone_on_line(text, m.start, m.stop),
        )
        for m in mentions
    ]
    return resolve(text, mentions, normals, models.morph, keys=models.multi.keys)
