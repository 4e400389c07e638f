"""The input cut into shards that Ray tasks read in parallel, in an order equal to the serial reader's.

A shard is a run of small files, one byte range of a large JSONL file (cut at line ends, with the number
of its first line, so problems name the same ``file:line`` as the serial reader), or a run of records
(dicts). ``plan_shards`` walks the input once (file names and sizes; a large JSONL file is scanned for
line ends, a few hundred MB/s, without parsing); ``read_shard`` yields what ``storyline.add.iter_sources``
yields for that part of the input. A document's position is (shard number, ordinal in the shard): sorting
by it gives the serial input order, which decides which copy of a repeated id is kept.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storyline.add import Source
from storyline.config import IngestConfig
from storyline.errors import InputProblem
from storyline.ingest import iter_records
from storyline.ingest.files import JSONL_SUFFIXES, iter_files, read_file
from storyline.ingest.guards import guard
from storyline.ingest.jsonl import iter_jsonl
from storyline.model import RawDoc

SHARD_BYTES = 32 * 2**20  # a JSONL file larger than this is read as several byte ranges
SHARD_FILES = 64  # small files per shard
SHARD_RECORDS = 1000  # records per shard
_SCAN = 4 * 2**20


@dataclass(frozen=True, slots=True)
class Shard:
    number: int
    files: tuple[str, ...] = ()  # whole files
    file_sources: tuple[int, ...] = ()  # the input argument each file came from (an index of the sources)
    source: int = -1  # the input argument of a byte range (-1: records, which have no duplicate rule)
    path: str | None = None  # a byte range [start, stop) of this JSONL file
    start: int = 0
    stop: int = 0
    first_line: int = 1
    records: tuple[Mapping[str, Any], ...] = ()
    record_offset: int = 0  # records of the input before these (their origins count from there)
    problem: InputProblem | None = None


def _jsonl_ranges(path: Path, size: int, shard_bytes: int) -> list[tuple[int, int, int]]:
    """(start, stop, first line) of ranges of about ``shard_bytes``, each cut after a line end."""
    bounds = [0]
    with path.open("rb") as f:
        target = shard_bytes
        while target < size:
            f.seek(target)
            stop = target + len(f.readline())  # to the end of the line the target falls in
            if stop >= size:
                break
            bounds.append(stop)
            target = stop + shard_bytes
        bounds.append(size)
        ranges, line = [], 1
        for start, stop in itertools.pairwise(bounds):
            ranges.append((start, stop, line))
            f.seek(start)
            left = stop - start
            while left > 0:
                block = f.read(min(_SCAN, left))
                if not block:
                    break
                line += block.count(b"\n")
                left -= len(block)
    return ranges


def plan_shards(
    sources: Sequence[Source], config: IngestConfig, shard_bytes: int = SHARD_BYTES
) -> Iterator[Shard]:
    """Shards of the input, in input order."""
    number = 0
    files: list[str] = []
    file_sources: list[int] = []
    records: list[Mapping[str, Any]] = []
    offset = 0

    def flush_files() -> Iterator[Shard]:
        nonlocal number
        if files:
            yield Shard(number, files=tuple(files), file_sources=tuple(file_sources))
            number += 1
            files.clear()
            file_sources.clear()

    def flush_records() -> Iterator[Shard]:
        nonlocal number, offset
        if records:
            yield Shard(number, records=tuple(records), record_offset=offset)
            number += 1
            offset += len(records)
            records.clear()

    for index, source in enumerate(sources):
        if isinstance(source, Mapping):
            yield from flush_files()
            records.append(source)
            if len(records) >= SHARD_RECORDS:
                yield from flush_records()
            continue
        yield from flush_records()
        for item in iter_files([source]):
            if isinstance(item, InputProblem):
                yield from flush_files()
                yield Shard(number, problem=item)
                number += 1
                continue
            try:
                size = item.stat().st_size
            except OSError:
                size = 0
            if item.suffix.lower() in JSONL_SUFFIXES and size > shard_bytes:
                yield from flush_files()
                for start, stop, line in _jsonl_ranges(item, size, shard_bytes):
                    yield Shard(number, path=str(item), start=start, stop=stop, first_line=line, source=index)
                    number += 1
                continue
            files.append(str(item))
            file_sources.append(index)
            if len(files) >= SHARD_FILES:
                yield from flush_files()
    yield from flush_files()
    yield from flush_records()


def _shift(item: RawDoc | InputProblem, by: int) -> RawDoc | InputProblem:
    """The item with the line number of its origin moved by ``by``."""
    name, _, number = item.origin.rpartition(":")
    origin = f"{name}:{int(number) + by}"
    if isinstance(item, InputProblem):
        return InputProblem(origin, item.message, item.skipped)
    return dataclasses.replace(item, origin=origin)


def read_shard(
    shard: Shard, config: IngestConfig, html: bool = True, today: date | None = None
) -> Iterator[RawDoc | InputProblem]:
    """What the serial reader yields for this part of the input, repeated ids included (``today``: the
    day of ingest, for the guards' implausible publication dates)."""
    for _, item in read_shard_sources(shard, config, html, today):
        yield item


def read_shard_sources(
    shard: Shard, config: IngestConfig, html: bool = True, today: date | None = None
) -> Iterator[tuple[int, RawDoc | InputProblem]]:
    """``read_shard`` with the input argument each item came from (-1: records). The serial reader keeps
    the first copy of an id repeated within one input argument (``storyline.ingest.iter_inputs``); the
    pipeline applies that rule across shards (``storyline.distributed.pipeline``)."""
    day = today or date.today()
    if shard.problem is not None:
        yield -1, shard.problem
    for name, source in zip(shard.files, shard.file_sources, strict=True):
        for item in read_file(Path(name), config, day, html):
            yield source, item
    if shard.path is not None:
        with open(shard.path, "rb") as f:
            f.seek(shard.start)
            data = f.read(shard.stop - shard.start)
        stream = io.BytesIO(data)
        for item in iter_jsonl(
            stream, shard.path, int(config.max_line_mb * 2**20), config.fallback_encodings
        ):
            item = _shift(item, shard.first_line - 1) if shard.first_line > 1 else item
            if isinstance(item, InputProblem):
                yield shard.source, item
                continue
            doc, problems = guard(item, config, day)
            for problem in problems:
                yield shard.source, problem
            if doc is not None:
                yield shard.source, doc
    if shard.records:
        for item in iter_records(list(shard.records), config, today=day):
            yield -1, _shift(item, shard.record_offset) if shard.record_offset else item
