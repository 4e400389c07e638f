"""Persistence. SQLite is the default (embedded, one file)."""

from storyline.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore"]
