"""SQLite store (the default): one file, WAL journal, embedded.

Writers take the database's write lock for the length of one transaction (``BEGIN IMMEDIATE``) and wait
up to ``BUSY_SECONDS`` for another writer; readers are never blocked and see the last committed state.
``:memory:`` gives a private in-memory database.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storyline.errors import StoreError
from storyline.store.sql import SCHEMA_VERSION, SQLStore

log = logging.getLogger(__name__)

BUSY_SECONDS = 120.0


class SQLiteStore(SQLStore):
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.url = self.path
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_SECONDS)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._depth = 0
            with self.transaction():
                for statement in self._schema():
                    self.conn.execute(statement)
                version = self._check_schema()
                if version is None:
                    self._init_meta()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open database ({exc})") from exc
        if version not in (None, SCHEMA_VERSION):
            self.conn.close()
            raise StoreError(
                f"{self.path}: database schema {version}, this storyline reads {SCHEMA_VERSION}"
                " (run the input again into a new database)"
            )

    def close(self) -> None:
        self.conn.close()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.conn.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing: an exception (or Ctrl-C) inside rolls everything back."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        """A read transaction: every read inside sees the same committed state (WAL snapshot)."""
        if self._depth:
            yield
            return
        self.conn.execute("BEGIN")
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            self.conn.execute("COMMIT")

    def _next_seqs(self, n: int) -> list[int]:
        if n == 0:
            return []
        # inside BEGIN IMMEDIATE no other writer runs, so the largest number is this writer's to extend
        (last,) = self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()
        return list(range(int(last) + 1, int(last) + 1 + n))
