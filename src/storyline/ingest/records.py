"""Articles given as Python dicts (the JSONL record format), e.g. by the Python API or an HTTP POST."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from storyline.config import IngestConfig
from storyline.errors import InputProblem
from storyline.ingest.guards import guard
from storyline.ingest.jsonl import parse_record
from storyline.model import RawDoc


def iter_records(
    records: Iterable[Mapping[str, Any]],
    config: IngestConfig,
    origin: str = "record",
    today: date | None = None,
) -> Iterator[RawDoc | InputProblem]:
    """Each record as a ``RawDoc`` through the guards (``storyline.ingest.guards``), or as the problems
    that keep it out (origin ``record:N``, N from 1)."""
    day = today or date.today()
    for number, record in enumerate(records, start=1):
        value = dict(record) if isinstance(record, Mapping) else record
        doc, problems = parse_record(value, f"{origin}:{number}")
        yield from problems
        if doc is not None:
            doc, guarded = guard(doc, config, day)
            yield from guarded
            if doc is not None:
                yield doc
