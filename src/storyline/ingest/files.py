"""Walk files and directories and dispatch each file to its reader.

Every problem (unreadable, binary, empty, too large, bad line) becomes an ``InputProblem`` naming
the file (and line); the walk goes on with the rest of the input. Every document then passes the
guards (``storyline.ingest.guards``), and an id seen twice in one input is kept once: the first copy.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from storyline.config import IngestConfig
from storyline.errors import InputProblem
from storyline.export.escape import quote_name
from storyline.ingest.decode import BinaryFileError, decode
from storyline.ingest.guards import guard
from storyline.ingest.html import looks_like_html, parse_html
from storyline.ingest.jsonl import iter_jsonl
from storyline.ingest.seed import parse_seed
from storyline.model import RawDoc

log = logging.getLogger(__name__)

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | InputProblem]:
    """Files named directly, and files below directories (sorted; hidden entries skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield InputProblem(str(path), "no such file or directory")


def read_file(
    path: Path, config: IngestConfig, today: date | None = None, html: bool = True
) -> Iterator[RawDoc | InputProblem]:
    """All documents of one file (one for text and HTML, many for JSONL), each through the guards
    (``today``: the day of ingest, for implausible publication dates); ``html=False`` passes over HTML
    pages (a pass that only needs raw text, such as counting an outlet's lines, need not parse them)."""
    day = today or date.today()
    for item in _read_file(path, config, html):
        if isinstance(item, InputProblem):
            yield item
            continue
        doc, problems = guard(item, config, day)
        yield from problems
        if doc is not None:
            yield doc


def _read_file(path: Path, config: IngestConfig, html: bool) -> Iterator[RawDoc | InputProblem]:
    origin = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputProblem(origin, f"cannot read ({exc.strerror})")
        return
    if size == 0:
        yield InputProblem(origin, "empty file")
        return
    suffix = path.suffix.lower()
    if not html and suffix in HTML_SUFFIXES:
        return
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from iter_jsonl(
                    stream, origin, int(config.max_line_mb * 2**20), config.fallback_encodings
                )
            return
        limit = config.max_file_mb * 2**20
        if size > limit:
            yield InputProblem(
                origin,
                f"file is {size / 2**20:.1f} MB, over the {config.max_file_mb:g} MB limit "
                "(raise ingest.max_file_mb, or split it into JSONL)",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(origin, f"cannot read ({exc.strerror or exc})")
        return
    try:
        text, encoding = decode(data, config.fallback_encodings)
    except BinaryFileError as exc:
        yield InputProblem(origin, str(exc))
        return
    if encoding != "utf-8":
        yield InputProblem(origin, f"decoded as {encoding}", skipped=False)
    doc_id = path.stem
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        if not html:
            return
        doc, problems = parse_html(text, doc_id, origin)
    else:
        doc, problems = parse_seed(text, doc_id, origin)
    yield from problems
    if doc is not None:
        yield doc


def iter_inputs(
    paths: Iterable[str | Path], config: IngestConfig, today: date | None = None, html: bool = True
) -> Iterator[RawDoc | InputProblem]:
    """Every document and problem of ``paths``. An id seen twice (in one JSONL file, or two files of
    one stem) is reported naming both places; the first copy is kept, so which one is stored does
    not depend on batch boundaries. A file named twice (``dir`` and ``dir/a.txt``) is read twice."""
    day = today or date.today()
    seen: dict[str, str] = {}
    for item in iter_files(paths):
        if isinstance(item, InputProblem):
            yield item
            continue
        for found in read_file(item, config, day, html):
            if isinstance(found, RawDoc):
                first = seen.setdefault(found.id, found.origin)
                if first != found.origin:  # the same file named twice is no conflict
                    yield duplicate_problem(found, first)
                    continue
            yield found


def duplicate_problem(doc: RawDoc, first: str) -> InputProblem:
    return InputProblem(
        doc.origin,
        f"duplicate id {doc.id!r}, first seen at {quote_name(first)}: that copy is kept, this one skipped",
    )


def read_paths(paths: Iterable[str | Path], config: IngestConfig) -> tuple[list[RawDoc], list[InputProblem]]:
    """Read everything at once (small inputs, tests)."""
    docs: list[RawDoc] = []
    problems: list[InputProblem] = []
    for item in iter_inputs(paths, config):
        (problems if isinstance(item, InputProblem) else docs).append(item)  # type: ignore[arg-type]
    return docs, problems
