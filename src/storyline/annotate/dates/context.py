"""Where a date stands: its sentence (for tense), card lines, and background dates.

* **Card lines** (dropped by ``extract_dates``): a date that is alone on its line — nothing but
  punctuation beside it — is metadata, not a statement: the birth date under "политик, президент
  России" in a person card, a byline or a photo date. Dates in prose are kept.
* **Day headings** (kept): "Martes, 25 de enero" alone on a line heads the paragraph below it;
  ``background_reason`` calls it "heading" (it dates the statements under it, not itself).
* **Background dates** (kept, flagged by ``background_reason`` for downstream stages such as the
  timeline): birth dates in prose ("родился 20 октября 1964 года", "1999 г. р.", "born", "né", "nato").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyline.annotate.dates.calendar import Mode
from storyline.annotate.dates.grammar import Grammar
from storyline.model import DateMention

BREAKS = ".!?\n"
BIRTH_BEFORE = re.compile(
    # whole words only: "condamné", "emprisonné" (fr) and "assassinato", "tornato", "NATO" (it) are not births
    r"(?<![^\W\d_])(?:родил(?:ся|ась|ись)|родивш\w+|рожд[её]н\w*|дата\s+рождения|born|nacid[oa]s?|naci[óo]|"
    r"née?|naquit|nat[oaie]|nacque)\b[^.!?\n]{0,25}$",
    re.IGNORECASE,
)
BIRTH_AFTER = re.compile(r"\.?\s*(?:г\.\s*)?(?:р\.|рождения)|\s*года\s+рождения", re.IGNORECASE)


def sentence_bounds(text: str, start: int, stop: int) -> tuple[int, int]:
    """Start and end of the sentence around ``start:stop`` (breaks at . ! ? and newlines)."""
    left = max(text.rfind(ch, 0, start) for ch in BREAKS) + 1
    ends = [i for i in (text.find(ch, stop) for ch in BREAKS) if i >= 0]
    return left, min(ends) if ends else len(text)


def tense(sentence: str, grammar: Grammar) -> Mode:
    """ "future" or "past" when only one kind of tense cue occurs in the sentence, else "default"."""
    future = grammar.future_cue.search(sentence) is not None
    past = grammar.past_cue.search(sentence) is not None
    if future and not past:
        return "future"
    if past and not future:
        return "past"
    return "default"


def on_card_line(text: str, start: int, stop: int) -> bool:
    """True when the date is alone on its line (only punctuation and spaces beside it)."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", stop)
    right = len(text) if right < 0 else right
    rest = text[left:start] + text[stop:right]
    return not any(ch.isalnum() for ch in rest)


def quoted_name(text: str, start: int, stop: int) -> bool:
    """True for an expression that is the whole of a quoted name: the newspaper «Сегодня», «Завтра»."""
    return start > 0 and stop < len(text) and text[start - 1] in '«"“„' and text[stop] in '»"”“'


def background_reason(text: str, mention: DateMention) -> str | None:
    """Why a date is background rather than a happening of the story ("birth"), or None."""
    before = text[max(0, mention.start - 60) : mention.start]
    if BIRTH_BEFORE.search(before) or BIRTH_AFTER.match(text, mention.stop):
        return "birth"
    if on_card_line(text, mention.start, mention.stop):
        # kept by ``extract_dates`` only when it is a day heading ("Martes, 25 de enero" above a paragraph)
        return "heading" if mention.granularity == "day" and mention.text[:1].isalpha() else "card_line"
    return None


def event_dates(text: str, dates: Iterable[DateMention]) -> tuple[DateMention, ...]:
    """The dates that can stand for happenings: ``dates`` without background ones."""
    return tuple(d for d in dates if background_reason(text, d) is None)
