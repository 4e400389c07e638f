"""JSONL: one article per line with ``id``, ``text`` and optional metadata fields."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from storyline.errors import InputProblem
from storyline.ingest.dates import normalize_published
from storyline.model import RawDoc

OPTIONAL = ("title", "source", "url", "language")
ALIASES = {"language": "lang"}  # field names other datasets use


def parse_record(record: Any, origin: str) -> tuple[RawDoc | None, list[InputProblem]]:
    if not isinstance(record, dict):
        return None, [InputProblem(origin, "a line must be a JSON object")]
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        return None, [InputProblem(origin, "missing or empty 'id'")]
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return None, [InputProblem(origin, f"article {doc_id!r}: missing or empty 'text'")]
    problems: list[InputProblem] = []
    published = None
    raw_date = record.get("published", record.get("date"))
    if raw_date not in (None, ""):
        published = normalize_published(raw_date)
        if published is None:
            problems.append(
                InputProblem(origin, f"article {doc_id!r}: cannot read date {raw_date!r}; ignored", False)
            )
    meta: dict[str, str | None] = {}
    for key in OPTIONAL:
        value = record.get(key, record.get(ALIASES.get(key, "")))
        meta[key] = str(value).strip() or None if value is not None else None
    doc = RawDoc(
        id=doc_id.strip(),
        text=text,
        origin=origin,
        format="jsonl",
        published=published,
        title=meta["title"],
        source=meta["source"],
        url=meta["url"],
        language=meta["language"],
    )
    return doc, problems


def iter_jsonl(
    stream: IO[bytes], path: str, max_line_bytes: int, fallbacks: tuple[str, ...]
) -> Iterator[RawDoc | InputProblem]:
    """Stream a JSONL file; every bad line is reported with its line number and skipped."""
    from storyline.ingest.decode import BinaryFileError, decode

    for number, raw in enumerate(stream, start=1):
        origin = f"{path}:{number}"
        if len(raw) > max_line_bytes:
            yield InputProblem(
                origin, f"line is {len(raw) / 2**20:.1f} MB, over the limit (ingest.max_line_mb)"
            )
            # the rest of an over-long line has already been consumed by the line iterator
            continue
        if not raw.strip():
            continue
        try:
            line, encoding = decode(raw, fallbacks)
        except BinaryFileError as exc:
            yield InputProblem(origin, str(exc))
            continue
        if encoding != "utf-8":
            yield InputProblem(origin, f"decoded as {encoding}", skipped=False)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(origin, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        doc, problems = parse_record(record, origin)
        yield from problems
        if doc is not None:
            yield doc
