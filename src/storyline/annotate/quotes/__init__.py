"""Direct and indirect speech with the speaker resolved to an entity, in ru, uk, bg, pl, cs, sk, sl, hr, en,
es, fr and it (each language's words and quotation marks in ``lexicon`` and ``languages``).

``extract_quotes`` runs the rules of ``rules`` (direct speech needs an attribution next to it), keeps
non-overlapping quotations (direct ones first, then by rule order and length) and resolves each speaker
phrase in text order with ``speakers.SpeakerResolver`` (pronouns to their antecedent, roles to the
previous speaker, organisation units as phrases). ``speaker`` is the most complete normal form of the
speaker entity, or the speaker phrase when no entity names it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.annotate.quotes.languages import LEXICONS
from storyline.annotate.quotes.rules import RULES, Candidate, Doc
from storyline.annotate.quotes.speakers import SpeakerResolver
from storyline.annotate.quotes.text import Layout
from storyline.model import Entity, Quote

__all__ = ["extract_quotes"]


def _select(candidates: Sequence[Candidate]) -> list[Candidate]:
    order = {rule.__name__: i for i, rule in enumerate(RULES)}
    ranked = sorted(
        candidates,
        key=lambda c: (c.kind != "direct", order.get(c.rule.split("_")[0], 0), c.start - c.stop, c.start),
    )
    chosen: list[Candidate] = []
    for c in ranked:
        if all(c.stop <= o.start or o.stop <= c.start for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def extract_quotes(
    text: str, entities: tuple[Entity, ...], morph: Any = None, language: str | None = "ru"
) -> tuple[Quote, ...]:
    """Quotations of ``text`` with speakers resolved against ``entities`` (``morph``: pymorphy3, optional,
    puts unnamed Russian speaker phrases in the nominative case). A language without a lexicon gives none."""
    lex = LEXICONS.get((language or "ru").lower()[:2])
    if lex is None or not text.strip():
        return ()
    layout = Layout.of(text, lex.marks)
    doc = Doc(text, text.lower(), layout, tuple(sorted(entities, key=lambda e: e.start)), lex)
    candidates = [c for rule in RULES for c in rule(doc)]
    resolver = SpeakerResolver(text, entities, layout, morph if lex.language == "ru" else None, lex)
    out: list[Quote] = []
    for c in _select(candidates):
        speaker = resolver.resolve(
            c.speaker_start,
            c.speaker_stop,
            c.start,
            c.stop,
            c.speaker_before_verb,
            c.gender,
            c.speaker_may_precede,
        )
        out.append(Quote(text[c.start : c.stop], speaker.name, speaker.entity_id, c.start, c.stop, c.kind))
    return tuple(out)
