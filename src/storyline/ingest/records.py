"""Articles given as Python dicts (the JSONL record format), e.g. by the Python API or an HTTP POST."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from storyline.errors import InputProblem
from storyline.ingest.jsonl import parse_record
from storyline.model import RawDoc


def iter_records(
    records: Iterable[Mapping[str, Any]], origin: str = "record"
) -> Iterator[RawDoc | InputProblem]:
    """Each record as a ``RawDoc``, or as the problems that keep it out (origin ``record:N``, N from 1)."""
    for number, record in enumerate(records, start=1):
        doc, problems = parse_record(
            dict(record) if isinstance(record, Mapping) else record, f"{origin}:{number}"
        )
        yield from problems
        if doc is not None:
            yield doc
