"""Readers: files and directories in, ``RawDoc`` values (and ``InputProblem`` reports) out."""

from storyline.ingest.files import iter_inputs, read_paths

__all__ = ["iter_inputs", "read_paths"]
