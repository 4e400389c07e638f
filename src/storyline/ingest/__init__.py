"""Readers: files, directories and records in, ``RawDoc`` values (and ``InputProblem`` reports) out."""

from storyline.ingest.files import iter_inputs, read_paths
from storyline.ingest.records import iter_records

__all__ = ["iter_inputs", "iter_records", "read_paths"]
