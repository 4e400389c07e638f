"""Persistence behind one interface (``storyline.store.base.Store``): SQLite by default (one file, or
``:memory:``), PostgreSQL for a ``postgresql://`` URL (the ``postgres`` extra)."""

from __future__ import annotations

from pathlib import Path

from storyline.store.base import Store
from storyline.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "is_postgres_url", "open_store"]


def is_postgres_url(url: str | Path) -> bool:
    return str(url).startswith(("postgresql://", "postgres://"))


def open_store(url: str | Path) -> Store:
    """A SQLite file path (``:memory:`` for a private in-memory database) or a ``postgresql://`` URL."""
    if is_postgres_url(url):
        from storyline.store.postgres import PostgresStore

        store: Store = PostgresStore(str(url))
        return store
    return SQLiteStore(url)
