"""The seed text format: first line `` date YYYY-MM-DD`` (the first text line may follow on it)."""

from __future__ import annotations

import re
from datetime import date

from storyline.errors import InputProblem
from storyline.model import RawDoc

HEADER = re.compile(r"^\ufeff?\s*date\s+(\S+)[ \t]*(.*)$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_seed(text: str, doc_id: str, origin: str) -> tuple[RawDoc | None, list[InputProblem]]:
    """Split the date header from the text. A missing header is reported, not fatal."""
    problems: list[InputProblem] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [InputProblem(origin, "empty file")]
    first, _, rest = text.partition("\n")
    match = HEADER.match(first)
    published: str | None = None
    if match:
        value, first_line = match.group(1), match.group(2)
        if ISO_DAY.match(value) and _valid_day(value):
            published = value
        else:
            problems.append(
                InputProblem(origin, f"bad date {value!r} in the header; publication date unknown", False)
            )
        body = f"{first_line}\n{rest}" if first_line.strip() else rest
    else:
        problems.append(
            InputProblem(origin, "no ' date YYYY-MM-DD' header line; publication date unknown", False)
        )
        body = text
    if not body.strip():
        return None, [*problems, InputProblem(origin, "no text after the date header")]
    return RawDoc(id=doc_id, text=body, origin=origin, format="seed", published=published), problems


def _valid_day(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
