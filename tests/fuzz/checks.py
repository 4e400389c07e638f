"""What every reader's output must satisfy, whatever the input."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from storyline.config import IngestConfig
from storyline.errors import InputProblem
from storyline.model import RawDoc

LINE_BREAKS = set("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def check_problem(problem: InputProblem, origin_prefix: str) -> None:
    """One clear line that names the file (and line)."""
    assert problem.origin.startswith(origin_prefix), problem
    line = str(problem)
    assert not (set(line) & LINE_BREAKS), repr(line)
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in line), repr(line)
    assert problem.message.strip()


def check_doc(doc: RawDoc, config: IngestConfig) -> None:
    """Every string encodes as UTF-8 and fits SQLite and PostgreSQL; the limits hold."""
    for name in ("id", "text", "origin", "title", "source", "url", "language", "published"):
        value = getattr(doc, name)
        if value is None:
            continue
        assert isinstance(value, str), (name, value)
        value.encode("utf-8")  # no lone surrogates
        if name != "origin":
            assert "\x00" not in value, name
    assert doc.id.strip() and doc.text.strip()
    assert len(doc.text) <= config.max_text_chars
    assert max(len(line) for line in doc.text.split("\n")) <= config.max_line_chars
    for name in ("title", "source", "url", "language"):
        value = getattr(doc, name)
        assert value is None or (len(value) <= config.max_field_chars and "\n" not in value)
    if doc.published is not None:
        day = date.fromisoformat(doc.published[:10])
        assert day.year >= config.min_year and day <= date.today() + timedelta(days=1)


def check_items(
    items: Iterable[RawDoc | InputProblem], origin_prefix: str, config: IngestConfig
) -> list[RawDoc]:
    docs = []
    for item in items:
        if isinstance(item, InputProblem):
            check_problem(item, origin_prefix)
        else:
            assert isinstance(item, RawDoc)
            check_doc(item, config)
            docs.append(item)
    return docs
