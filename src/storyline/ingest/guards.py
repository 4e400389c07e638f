"""Rules every document passes after its reader and before the expensive stages.

Each rule takes a ``RawDoc`` and returns it (changed or not, or None to skip it) with the problems
it found; every problem names the file (and line). In order:

- ``safe_strings``: lone surrogates become U+FFFD and control characters (NUL included: PostgreSQL
  text cannot hold it) are removed from every field, so every string encodes as UTF-8 and fits
  SQLite and PostgreSQL;
- ``split_long_lines``: lines longer than ``ingest.max_line_chars`` are split at sentence or word
  boundaries (a 10 MB file without a line break is one line);
- ``limit_text``: text longer than ``ingest.max_text_chars`` is cut at a paragraph, sentence or
  word boundary (one runaway article must not take unbounded time and memory downstream);
- ``limit_fields``: title, source, url and language are cut to ``ingest.max_field_chars``, an id
  longer than that is refused;
- ``plausible_date``: a publication date before ``ingest.min_year`` or after the day of ingest
  (epoch zero, 1970-01-01, included) is a placeholder, not a date: the article becomes undated.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date, timedelta

from storyline.config import IngestConfig
from storyline.errors import InputProblem
from storyline.model import RawDoc

Rule = Callable[[RawDoc, IngestConfig, date], tuple[RawDoc | None, list[InputProblem]]]

# origin too: a file name that is not UTF-8 holds lone surrogates (os.fsdecode's surrogateescape)
FIELDS = ("id", "text", "origin", "title", "source", "url", "language")
METADATA = ("title", "source", "url", "language")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# C0 controls other than tab and line breaks, DEL and the C1 controls
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]")  # line breaks in one-line fields become spaces
_SENTENCE_END = re.compile(r"[.!?…][»\"”')\]]*\s")
# a publication date up to a day later than the day of ingest is still plausible (time zones)
DATE_SLACK = timedelta(days=1)


def _clean_string(value: str) -> tuple[str, int, int]:
    """``value`` with lone surrogates replaced by U+FFFD and control characters removed; the two counts."""
    value, surrogates = _SURROGATE.subn("\ufffd", value)
    value, controls = _CONTROL.subn("", value)
    return value, surrogates, controls


def safe_strings(doc: RawDoc, config: IngestConfig, today: date) -> tuple[RawDoc | None, list[InputProblem]]:
    changes: dict[str, str | None] = {}
    surrogates = controls = 0
    for name in FIELDS:
        value = getattr(doc, name)
        if not isinstance(value, str):
            continue
        cleaned, s, c = _clean_string(value)
        surrogates += s
        controls += c
        if name not in ("text", "origin"):  # one-line fields: line breaks become spaces
            cleaned = _BREAKS.sub(" ", cleaned).strip()
        if cleaned != value:
            changes[name] = cleaned if name in ("id", "text", "origin") else (cleaned or None)
    if not changes:
        return doc, []
    if not str(changes.get("id", doc.id)).strip():
        return None, [InputProblem(doc.origin, "the id is empty without its control characters")]
    if not str(changes.get("text", doc.text)).strip():
        return None, [InputProblem(doc.origin, "the text is empty without its control characters")]
    done = []
    if surrogates:
        done.append(f"replaced {surrogates} lone surrogate(s) with U+FFFD")
    if controls:
        done.append(f"removed {controls} NUL or control character(s)")
    problems = [InputProblem(doc.origin, "; ".join(done), skipped=False)] if done else []
    return dataclasses.replace(doc, **changes), problems  # type: ignore[arg-type]


def cut_point(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` characters: after the last paragraph break, else
    sentence end, else space in the second half of the window; else at ``limit`` itself."""
    if len(text) <= limit:
        return len(text)
    window = text[:limit]
    floor = limit // 2
    cut = window.rfind("\n")
    if cut > floor:
        return cut + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(window, floor)]
    if ends:
        return ends[-1]
    cut = max(window.rfind(" "), window.rfind("\t"))
    if cut > floor:
        return cut + 1
    return limit


def limit_text(doc: RawDoc, config: IngestConfig, today: date) -> tuple[RawDoc | None, list[InputProblem]]:
    limit = config.max_text_chars
    if len(doc.text) <= limit:
        return doc, []
    cut = cut_point(doc.text, limit)
    note = InputProblem(
        doc.origin,
        f"text is {len(doc.text):,} characters, cut to the first {cut:,} (ingest.max_text_chars)",
        skipped=False,
    )
    return dataclasses.replace(doc, text=doc.text[:cut].rstrip()), [note]


def split_line(line: str, limit: int) -> list[str]:
    """``line`` in pieces of at most ``limit`` characters, cut at sentence ends or spaces (linear
    time: a 20 MB line is never copied piece by piece)."""
    pieces = []
    start = 0
    while len(line) - start > limit:
        cut = cut_point(line[start : start + limit + 1], limit)
        pieces.append(line[start : start + cut].rstrip())
        start += cut
        while start < len(line) and line[start] in " \t":
            start += 1
    pieces.append(line[start:])
    return pieces


def split_long_lines(
    doc: RawDoc, config: IngestConfig, today: date
) -> tuple[RawDoc | None, list[InputProblem]]:
    limit = config.max_line_chars
    lines = doc.text.split("\n")
    long = sum(1 for line in lines if len(line) > limit)
    if not long:
        return doc, []
    text = "\n".join(piece for line in lines for piece in split_line(line, limit))
    note = InputProblem(
        doc.origin,
        f"{long} line(s) over {limit:,} characters split at sentence or word boundaries "
        "(ingest.max_line_chars)",
        skipped=False,
    )
    return dataclasses.replace(doc, text=text), [note]


def limit_fields(doc: RawDoc, config: IngestConfig, today: date) -> tuple[RawDoc | None, list[InputProblem]]:
    limit = config.max_field_chars
    if len(doc.id) > limit:
        return None, [InputProblem(doc.origin, f"the id is {len(doc.id):,} characters, over {limit:,}")]
    changes = {
        name: value[:limit].rstrip()
        for name in METADATA
        if isinstance(value := getattr(doc, name), str) and len(value) > limit
    }
    if not changes:
        return doc, []
    note = InputProblem(
        doc.origin,
        f"{', '.join(changes)} cut to {limit:,} characters (ingest.max_field_chars)",
        skipped=False,
    )
    return dataclasses.replace(doc, **changes), [note]  # type: ignore[arg-type]


def plausible_date(
    doc: RawDoc, config: IngestConfig, today: date
) -> tuple[RawDoc | None, list[InputProblem]]:
    if not doc.published:
        return doc, []
    try:
        day = date.fromisoformat(doc.published[:10])
    except ValueError:
        reason = "is not a date"
    else:
        if day.year < config.min_year:
            reason = f"is before {config.min_year}"
        elif day > today + DATE_SLACK:
            reason = f"is after the day of ingest ({today.isoformat()})"
        else:
            return doc, []
    note = InputProblem(
        doc.origin, f"publication date {doc.published} {reason}; publication date unknown", skipped=False
    )
    return dataclasses.replace(doc, published=None), [note]


RULES: tuple[Rule, ...] = (safe_strings, split_long_lines, limit_text, limit_fields, plausible_date)


def guard(doc: RawDoc, config: IngestConfig, today: date) -> tuple[RawDoc | None, list[InputProblem]]:
    """``doc`` after every rule (None when a rule refused it) and the problems found on the way."""
    problems: list[InputProblem] = []
    current: RawDoc | None = doc
    for rule in RULES:
        assert current is not None
        current, found = rule(current, config, today)
        problems += found
        if current is None:
            break
    return current, problems
