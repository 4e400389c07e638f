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
from pathlib import Path
from typing import Any

from storyline.add import Source
from storyline.config import IngestConfig
from storyline.errors import InputProblem
from storyline.ingest import iter_records
from storyline.ingest.files import JSONL_SUFFIXES, iter_files, read_file
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
    records: list[Mapping[str, Any]] = []
    offset = 0

    def flush_files() -> Iterator[Shard]:
        nonlocal number
        if files:
            yield Shard(number, files=tuple(files))
            number += 1
            files.clear()

    def flush_records() -> Iterator[Shard]:
        nonlocal number, offset
        if records:
            yield Shard(number, records=tuple(records), record_offset=offset)
            number += 1
            offset += len(records)
            records.clear()

    for source in sources:
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
                    yield Shard(number, path=str(item), start=start, stop=stop, first_line=line)
                    number += 1
                continue
            files.append(str(item))
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


def read_shard(shard: Shard, config: IngestConfig, html: bool = True) -> Iterator[RawDoc | InputProblem]:
    """What the serial reader yields for this part of the input."""
    if shard.problem is not None:
        yield shard.problem
    for name in shard.files:
        yield from read_file(Path(name), config, html)
    if shard.path is not None:
        with open(shard.path, "rb") as f:
            f.seek(shard.start)
            data = f.read(shard.stop - shard.start)
        stream = io.BytesIO(data)
        for item in iter_jsonl(
            stream, shard.path, int(config.max_line_mb * 2**20), config.fallback_encodings
        ):
            yield _shift(item, shard.first_line - 1) if shard.first_line > 1 else item
    if shard.records:
        for item in iter_records(list(shard.records)):
            yield _shift(item, shard.record_offset) if shard.record_offset else item
