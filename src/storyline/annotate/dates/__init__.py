"""Temporal expressions resolved against the publication date (rule-based grammars of ru, uk, bg, pl, cs, sk,
sl, hr, en, es, fr and it).

``extract_dates`` finds every expression with the rules of the article's language, keeps the longest
non-overlapping matches, drops dates alone on a line (person cards, bylines; see ``context``), and
resolves each one in text order so that anchored expressions ("на следующий день") see the date before
them. Resolution rules are documented in ``calendar`` and ``resolvers``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from storyline.annotate.dates import bg, cs, en, es, fr, hr, it, pl, ru, sk, sl, uk
from storyline.annotate.dates.calendar import Resolved, parse_day
from storyline.annotate.dates.chronology import Item, chronology_years
from storyline.annotate.dates.context import (
    background_reason,
    event_dates,
    on_card_line,
    quoted_name,
    sentence_bounds,
    tense,
)
from storyline.annotate.dates.grammar import Grammar, Rule
from storyline.annotate.dates.resolvers import Context, resolve
from storyline.model import DateMention

__all__ = ["GRAMMARS", "background_reason", "event_dates", "extract_dates", "grammars_for"]

GRAMMARS: dict[str, Grammar] = {
    g.language: g
    for g in (
        ru.GRAMMAR,
        en.GRAMMAR,
        es.GRAMMAR,
        fr.GRAMMAR,
        it.GRAMMAR,
        pl.GRAMMAR,
        cs.GRAMMAR,
        sk.GRAMMAR,
        sl.GRAMMAR,
        hr.GRAMMAR,
        uk.GRAMMAR,
        bg.GRAMMAR,
    )
}
LATIN = (es.GRAMMAR, fr.GRAMMAR, it.GRAMMAR, en.GRAMMAR)
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN_LETTER = re.compile(r"[a-z]", re.IGNORECASE)
WORD = re.compile(r"\w+")
LOOKBACK_WORDS = 4  # "в первой половине 2025 года": a rule may start up to four words before its trigger
LOOKBACK_CHARS = 60
# a stand-in publication day used only to check that an expression is well formed before resolving it
_PROBE_DAY = dt.date(2000, 6, 15)


@dataclasses.dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    stop: int
    order: int
    rule: Rule
    match: re.Match[str]
    grammar: Grammar


def grammars_for(language: str | None, text: str) -> tuple[Grammar, ...]:
    """The grammars to run: the article's language, or (unknown language) by script."""
    if language:
        grammar = GRAMMARS.get(language.lower()[:2])
        return (grammar,) if grammar else ()
    sample = text[:2000]
    if len(CYRILLIC.findall(sample)) >= len(LATIN_LETTER.findall(sample)):
        return (ru.GRAMMAR,)
    return LATIN


def lower(text: str) -> str:
    """``text`` lower-cased character by character (same length, so offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _starts(low: str, grammar: Grammar) -> list[int]:
    """Positions where a rule may start: each trigger word and the starts of the words before it."""
    starts: set[int] = set()
    for hit in grammar.trigger.finditer(low):
        starts.add(hit.start())
        left = max(0, hit.start() - LOOKBACK_CHARS)
        words = [w.start() for w in WORD.finditer(low, left, hit.start())]
        starts.update(words[-LOOKBACK_WORDS:])
    return sorted(starts)


def _candidates(text: str, low: str, grammars: tuple[Grammar, ...]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for grammar in grammars:
        subject = low if grammar.lowercase_input else text
        for pos in _starts(subject if grammar.lowercase_input else low, grammar):
            for order, rule in enumerate(grammar.rules):
                match = rule.pattern.match(subject, pos)
                if match is not None and match.end() > match.start():
                    out.append(_Candidate(match.start(), match.end(), order, rule, match, grammar))
    return out


def _context(
    text: str, low: str, c: _Candidate, ref: dt.date | None, anchor: tuple[Resolved, int] | None
) -> Context:
    left, right = sentence_bounds(text, c.start, c.stop)
    return Context(
        text=text,
        low=low,
        ref=ref,
        anchor=anchor[0] if anchor else None,
        anchor_in_sentence=anchor is not None and anchor[1] >= left,
        mode=tense(low[left:right], c.grammar),
        grammar=c.grammar,
    )


def _select(text: str, low: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest well-formed matches first (a match that resolves to nothing is not one unless its rule
    ``claims_words``); a match overlapping a chosen one is dropped."""
    chosen: list[_Candidate] = []
    taken = bytearray(len(text))
    for c in sorted(candidates, key=lambda c: (c.start - c.stop, c.order, c.start)):
        if any(taken[c.start : c.stop]):
            continue
        if (
            not c.rule.claims_words
            and resolve(c.rule, c.match, _context(text, low, c, _PROBE_DAY, None)) is None
        ):
            continue
        chosen.append(c)
        taken[c.start : c.stop] = b"\x01" * (c.stop - c.start)
    return sorted(chosen, key=lambda c: c.start)


def day_heading(c: _Candidate) -> bool:
    """ "Martes, 25 de enero" alone on a line heads the paragraph below it (a chronology), unlike the
    bare "7 октября 1952 года" of a person card: a weekday, a day and a month."""
    return c.rule.kind == "date" and bool(c.match.groupdict().get("wd"))


def has_year(c: _Candidate) -> bool:
    return c.rule.kind == "numeric" or any(
        c.match.groupdict().get(g) for g in ("year", "nyear", "yy", "yrel")
    )


def extract_dates(text: str, published: str | None, language: str | None = "ru") -> tuple[DateMention, ...]:
    """Temporal expressions of ``text`` resolved against the ``published`` day (ISO date or datetime).

    Without a publication date only expressions that carry their own year are resolved.
    """
    grammars = grammars_for(language, text)
    if not grammars or not text:
        return ()
    ref = parse_day(published)
    low = lower(text)
    items: list[Item] = []
    anchor: tuple[Resolved, int] | None = None
    for c in _select(text, low, _candidates(text, low, grammars)):
        if (on_card_line(text, c.start, c.stop) and not day_heading(c)) or quoted_name(text, c.start, c.stop):
            continue
        resolved = resolve(c.rule, c.match, _context(text, low, c, ref, anchor))
        if resolved is None:
            continue
        items.append(Item(c.start, c.stop, resolved, has_year(c)))
        if resolved.is_point:
            anchor = (resolved, c.start)
    return tuple(
        DateMention(text[i.start : i.stop], r.value, r.granularity, i.start, i.stop)
        for i, r in zip(items, chronology_years(text, items, ref), strict=True)
    )
