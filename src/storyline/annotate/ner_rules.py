"""Fix-up rules over slovnet's NER spans. Each rule is a small named function
``(text, mentions, morph) -> mentions`` that can be tested on one line of real text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.model import EntityType


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    stop: int
    type: EntityType


Rule = Callable[[str, list[Mention], Any], list[Mention]]

RULES: tuple[tuple[str, Rule], ...] = ()


def apply_rules(text: str, mentions: Sequence[Mention], morph: Any) -> tuple[Mention, ...]:
    out = list(mentions)
    for _, rule in RULES:
        out = rule(text, out, morph)
    return tuple(sorted(out, key=lambda m: (m.start, m.stop)))
