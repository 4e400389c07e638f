"""JSONL: one article per line with ``id``, ``text`` and optional metadata fields."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Callable, Iterator
from typing import IO, Any, AnyStr

from storyline.errors import InputProblem
from storyline.ingest.dates import normalize_published
from storyline.model import RawDoc

OPTIONAL = ("title", "source", "url", "language")
ALIASES = {"language": "lang"}  # field names other datasets use


def scalar_text(value: Any) -> str | None:
    """A metadata value as text: strings as they are, numbers written out; None for anything else
    (objects, arrays, booleans: a title is never ``{'a': 1}``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


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
            shown = repr(raw_date) if isinstance(raw_date, str | int | float) else type(raw_date).__name__
            problems.append(
                InputProblem(origin, f"article {doc_id!r}: cannot read date {shown[:80]}; ignored", False)
            )
    meta: dict[str, str | None] = {}
    for key in OPTIONAL:
        value = record.get(key, record.get(ALIASES.get(key, "")))
        text_value = scalar_text(value)
        if value is not None and text_value is None:
            problems.append(
                InputProblem(
                    origin,
                    f"article {doc_id!r}: '{key}' is a JSON {_json_type(value)}, not text; ignored",
                    skipped=False,
                )
            )
        meta[key] = text_value.strip() or None if text_value is not None else None
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


def _json_type(value: Any) -> str:
    return {dict: "object", list: "array", bool: "boolean"}.get(type(value), type(value).__name__)


def _bounded(readline: Callable[[int], AnyStr], limit: int) -> Iterator[tuple[AnyStr | None, int]]:
    """``(line, size)`` for every line; a line over ``limit`` is read in pieces, never held whole,
    and comes as ``(None, size)``."""
    while True:
        line = readline(limit + 1)
        if not line:
            return
        if len(line) <= limit:
            yield line, len(line)
            continue
        size = len(line)
        while line[-1:] not in ("\n", b"\n"):
            line = readline(2**20)
            if not line:
                break
            size += len(line)
        yield None, size


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[bytes | None, int]]:
    """The lines of ``stream`` as bytes (None for a line over ``limit`` bytes) with their size. A
    UTF-16 file (by its byte-order mark) is read as text and each line re-encoded as UTF-8, so the
    reader below sees one format."""
    peek = getattr(stream, "peek", None)
    head = peek(2)[:2] if peek is not None else b""
    if head not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        yield from _bounded(stream.readline, limit)
        return
    text = io.TextIOWrapper(stream, encoding="utf-16", errors="replace")
    try:
        for line, size in _bounded(text.readline, limit // 2):
            yield (None if line is None else line.encode("utf-8", "surrogatepass")), 2 * size
    finally:
        text.detach()


def iter_jsonl(
    stream: IO[bytes], path: str, max_line_bytes: int, fallbacks: tuple[str, ...]
) -> Iterator[RawDoc | InputProblem]:
    """Stream a JSONL file; every bad line is reported with its line number and skipped."""
    from storyline.ingest.decode import BinaryFileError, decode

    for number, (raw, size) in enumerate(_lines(stream, max_line_bytes), start=1):
        origin = f"{path}:{number}"
        if raw is None:
            yield InputProblem(origin, f"line is {size / 2**20:.1f} MB, over the limit (ingest.max_line_mb)")
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
        except RecursionError:
            yield InputProblem(origin, "invalid JSON (nested too deeply)")
            continue
        except ValueError as exc:  # e.g. an integer of more than 4,300 digits
            yield InputProblem(origin, f"invalid JSON ({str(exc)[:120]})")
            continue
        doc, problems = parse_record(record, origin)
        yield from problems
        if doc is not None:
            yield doc
