"""PostgreSQL store (the ``postgres`` extra: psycopg 3), for a ``postgresql://`` URL.

The same queries as SQLite (``storyline.store.sql``). Arrival numbers come from a sequence; a plan is
applied under a row lock on the store's generation, so concurrent writers serialise their plans and a
stale one is refused; rows are written in id order, and a write that PostgreSQL aborts for a deadlock or a
serialisation conflict is retried.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from storyline.errors import MissingExtraError, StoreError
from storyline.model import Prepared
from storyline.plan import Plan
from storyline.store.sql import SCHEMA_VERSION, SQLStore

log = logging.getLogger(__name__)

T = TypeVar("T")
SCHEMA_LOCK = 7_316_482_001  # advisory lock key: one process creates the schema at a time
RETRIES = 8


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingExtraError("psycopg", "postgres") from exc
    return psycopg


class PostgresStore(SQLStore):
    DIALECT = "postgres"
    BLOB = "BYTEA"
    BIGINT = "BIGINT"
    REAL = "DOUBLE PRECISION"

    def __init__(self, url: str) -> None:
        psycopg = _psycopg()
        self.url = url
        self._errors = psycopg.errors
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"{_safe(url)}: cannot connect to PostgreSQL ({_first_line(exc)})") from exc
        self._depth = 0
        self._sql: dict[str, str] = {}
        with self.transaction():
            self._execute("SELECT pg_advisory_xact_lock(?)", (SCHEMA_LOCK,))
            for statement in self._schema():
                self._execute(statement)
            self._execute("CREATE SEQUENCE IF NOT EXISTS article_arrival")
            version = self._check_schema()
            if version is None:
                self._init_meta()
        if version not in (None, SCHEMA_VERSION):
            self.conn.close()
            raise StoreError(
                f"{_safe(url)}: database schema {version}, this storyline reads {SCHEMA_VERSION}"
                " (run the input again into a new database)"
            )

    def close(self) -> None:
        self.conn.close()

    def _translate(self, sql: str) -> str:
        out = self._sql.get(sql)
        if out is None:
            out = self._sql[sql] = sql.replace("?", "%s")
        return out

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._translate(sql), list(params))

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(self._translate(sql), [list(r) for r in rows])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN")
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
        if self._depth:
            yield
            return
        self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            self.conn.execute("COMMIT")

    def _next_seqs(self, n: int) -> list[int]:
        if n == 0:
            return []
        rows = self._rows("SELECT nextval('article_arrival') FROM generate_series(1, ?)", (n,))
        return [int(r[0]) for r in rows]

    def _locked_generation(self) -> int:
        row = self._execute("SELECT value FROM meta WHERE key='generation' FOR UPDATE").fetchone()
        return int(row[0]) if row else 0

    def _retry(self, fn: Callable[[], T]) -> T:
        retryable = (self._errors.DeadlockDetected, self._errors.SerializationFailure)
        for attempt in range(RETRIES):
            try:
                return fn()
            except retryable as exc:
                if attempt == RETRIES - 1:
                    raise StoreError(f"PostgreSQL kept aborting a write ({_first_line(exc)})") from exc
                log.info("write aborted (%s); retrying", _first_line(exc))
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def put_articles(self, items: Sequence[Prepared]) -> None:
        ordered = sorted(items, key=lambda p: p.article.id)
        self._retry(lambda: SQLStore.put_articles(self, ordered))

    def apply(self, plan: Plan) -> None:
        self._retry(lambda: SQLStore.apply(self, plan))


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().split("\n")[0]


def _safe(url: str) -> str:
    """The URL without its password."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"
