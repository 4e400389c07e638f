"""SQLite store: articles (raw and cleaned, with annotations), events, stories, id redirects.

All writes happen inside ``transaction()``; an interrupted run leaves the last committed state and
the next run completes the work (articles not yet grouped keep ``state = 0``).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import sqlite3
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np

from storyline.errors import NotFoundError, StoreError
from storyline.model import Article, Event, RawDoc, Story
from storyline.store.codec import annotations_from_json, annotations_to_json

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
IN_CHUNK = 500  # ids per "IN (...)" statement (SQLite limits the number of parameters)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    origin TEXT NOT NULL,
    format TEXT NOT NULL,
    raw_text TEXT NOT NULL,
    published TEXT,
    title TEXT,
    lead TEXT,
    source TEXT,
    url TEXT,
    language TEXT,
    text TEXT NOT NULL,
    annotations TEXT,
    state INTEGER NOT NULL DEFAULT 0,      -- 0: not yet grouped into an event, 1: grouped
    event_id TEXT,
    duplicate_of TEXT,
    seq INTEGER NOT NULL,                  -- arrival order
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_state ON articles(state);
CREATE INDEX IF NOT EXISTS articles_event ON articles(event_id);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_duplicate ON articles(duplicate_of);
CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    story_id TEXT,
    date TEXT,
    payload TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_story ON events(story_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    score REAL NOT NULL DEFAULT 0,
    payload TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS redirects (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL,
    kind TEXT NOT NULL,                    -- 'event' | 'story'
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS minhash (       -- near-duplicate signatures (storyline.dedup)
    article_id TEXT PRIMARY KEY,
    size INTEGER NOT NULL,                 -- distinct shingles
    hashes BLOB NOT NULL                   -- uint64 MinHash values
);
CREATE TABLE IF NOT EXISTS minhash_bands (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    article_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS minhash_bands_key ON minhash_bands(band, bucket);
CREATE INDEX IF NOT EXISTS minhash_bands_article ON minhash_bands(article_id);
CREATE TABLE IF NOT EXISTS vectors (       -- sentence vectors of an article (float32 blobs)
    article_id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,            -- of the article version they were computed from
    doc BLOB NOT NULL,
    title BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS named_vectors (  -- other named vectors of an article, e.g. "e5" (float32 blobs)
    article_id TEXT NOT NULL,
    name TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (article_id, name)
);
"""

T = TypeVar("T")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _jsonable(value: Any) -> Any:
    return dataclasses.asdict(value)


@functools.cache
def _field_hints(cls: Any) -> tuple[tuple[str, Any], ...]:
    """(field name, resolved type) of a dataclass; resolving hints is slow, so once per class."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a (nested) frozen dataclass from ``dataclasses.asdict`` output."""
    hints: tuple[tuple[str, Any], ...] = _field_hints(cast(Any, cls))
    kwargs = {name: _convert(hint, data[name]) for name, hint in hints if name in data}
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if value is None:
        return None
    if origin is tuple:
        (inner, *_rest) = typing.get_args(hint)
        return tuple(_convert(inner, v) for v in value)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            if arg is not type(None):
                return _convert(arg, value)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_dict(hint, value)
    return value


class SQLiteStore:
    """One SQLite file. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(self.path), isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.executescript(SCHEMA)
            version = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open database ({exc})") from exc
        if version is None:
            self.conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        elif version[0] != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: database schema {version[0]}, this storyline reads {SCHEMA_VERSION}"
            )
        self._in_tx = False

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing: an exception (or Ctrl-C) inside rolls everything back."""
        if self._in_tx:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._in_tx = False

    def _rows_in(self, query: str, ids: Iterable[str]) -> Iterator[Any]:
        """Rows of ``query`` whose ``IN ({ids})`` is filled with ``ids``, a bounded number per statement."""
        for chunk in _chunks(list(ids), IN_CHUNK):
            yield from self.conn.execute(query.replace("{ids}", ",".join("?" * len(chunk))), chunk)

    # ---------------------------------------------------------------- articles
    def article_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        return dict(self._rows_in("SELECT id, content_hash FROM articles WHERE id IN ({ids})", ids))

    def put_article(self, article: Article, raw: RawDoc) -> None:
        """Insert or replace (a changed article keeps its id and is grouped again)."""
        seq_row = self.conn.execute("SELECT seq FROM articles WHERE id=?", (article.id,)).fetchone()
        seq = seq_row[0] if seq_row else self._next_seq()
        self.conn.execute(
            """INSERT OR REPLACE INTO articles (id, content_hash, origin, format, raw_text, published, title,
               lead, source, url, language, text, annotations, state, event_id, duplicate_of, seq, updated_at)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,0,NULL,NULL,?,?)""",
            (
                article.id,
                article.content_hash,
                article.origin,
                raw.format,
                raw.text,
                article.published,
                article.title,
                article.lead,
                article.source,
                article.url,
                article.language,
                article.text,
                annotations_to_json(article),
                seq,
                _now(),
            ),
        )

    def _next_seq(self) -> int:
        row = self.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()
        return int(row[0])

    _ARTICLE_COLS = (
        "id, text, origin, content_hash, published, title, lead, source, url, language, annotations"
    )

    def _article(self, row: tuple[Any, ...]) -> Article:
        (aid, text, origin, chash, published, title, lead, source, url, language, ann) = row
        return Article(
            id=aid,
            text=text,
            origin=origin,
            content_hash=chash,
            published=published,
            title=title,
            lead=lead,
            source=source,
            url=url,
            language=language,
            **annotations_from_json(ann),
        )

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        if ids is None:
            rows = self.conn.execute(f"SELECT {self._ARTICLE_COLS} FROM articles ORDER BY seq").fetchall()
            return [self._article(r) for r in rows]
        wanted = list(ids)
        q = f"SELECT {self._ARTICLE_COLS} FROM articles WHERE id IN ({{ids}})"
        found = {row[0]: self._article(row) for row in self._rows_in(q, wanted)}
        return [found[i] for i in wanted if i in found]

    def pending_article_ids(self) -> list[str]:
        rows = self.conn.execute("SELECT id FROM articles WHERE state=0 ORDER BY published, seq")
        return [r[0] for r in rows]

    def article_ids_between(self, first_day: str, last_day: str) -> list[str]:
        """Grouped articles published within [first_day, last_day] (inclusive, by day)."""
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE state=1 AND published >= ? AND published < ? ORDER BY seq",
            (first_day, _day_after(last_day)),
        )
        return [r[0] for r in rows]

    def undated_grouped_article_ids(self, latest: int | None = None) -> list[str]:
        """Grouped articles without a publication date (the ``latest`` arrivals of them when given)."""
        q = "SELECT id FROM articles WHERE state=1 AND published IS NULL ORDER BY seq DESC"
        rows = self.conn.execute(
            q + (" LIMIT ?" if latest is not None else ""), (() if latest is None else (latest,))
        )
        return [r[0] for r in rows][::-1]

    def memberships(self, ids: Iterable[str] | None = None) -> dict[str, tuple[str | None, str | None]]:
        """article id -> (event id, duplicate_of), of every article or of ``ids``."""
        if ids is None:
            rows = self.conn.execute("SELECT id, event_id, duplicate_of FROM articles")
            return {a: (e, d) for a, e, d in rows}
        q = "SELECT id, event_id, duplicate_of FROM articles WHERE id IN ({ids})"
        return {a: (e, d) for a, e, d in self._rows_in(q, ids)}

    def duplicate_links(self) -> dict[str, str]:
        """copy id -> canonical id, for the articles that are near-duplicate copies (indexed)."""
        rows = self.conn.execute("SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL")
        return dict(rows.fetchall())

    def assign(self, article_id: str, event_id: str, duplicate_of: str | None = None) -> None:
        """Put an article in an event; ``duplicate_of`` is changed only when given."""
        if duplicate_of is None:
            self.conn.execute("UPDATE articles SET state=1, event_id=? WHERE id=?", (event_id, article_id))
        else:
            self.conn.execute(
                "UPDATE articles SET state=1, event_id=?, duplicate_of=? WHERE id=?",
                (event_id, duplicate_of, article_id),
            )

    def set_duplicate_of(self, article_id: str, canonical: str | None) -> None:
        self.conn.execute("UPDATE articles SET duplicate_of=? WHERE id=?", (canonical, article_id))

    def article_order(self, ids: Iterable[str]) -> dict[str, tuple[str, int]]:
        """Canonical order of articles: (published or "~" when undated, arrival number)."""
        q = "SELECT id, published, seq FROM articles WHERE id IN ({ids})"
        return {aid: (published or "~", int(seq)) for aid, published, seq in self._rows_in(q, ids)}

    def event_article_ids(self, event_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE event_id=? ORDER BY published, seq", (event_id,)
        )
        return [r[0] for r in rows]

    def article_ids_by_event(self, event_ids: Iterable[str]) -> dict[str, list[str]]:
        """event id -> its article ids in (published, arrival) order, for many events in few queries."""
        out: dict[str, list[str]] = {}
        q = "SELECT event_id, id FROM articles WHERE event_id IN ({ids}) ORDER BY published, seq"
        for event_id, aid in self._rows_in(q, sorted(set(event_ids))):
            out.setdefault(event_id, []).append(aid)
        return out

    def count(self, table: str) -> int:
        if table not in {"articles", "events", "stories", "redirects"}:
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    # ---------------------------------------------------------------- events and stories
    def put_event(self, event: Event, story_id: str | None) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO events (id, story_id, date, payload, updated_at) VALUES (?,?,?,?,?)",
            (event.id, story_id, event.date, json.dumps(_jsonable(event), ensure_ascii=False), _now()),
        )

    def set_event_story(self, event_id: str, story_id: str) -> None:
        self.conn.execute("UPDATE events SET story_id=? WHERE id=?", (story_id, event_id))

    def delete_event(self, event_id: str) -> None:
        self.conn.execute("DELETE FROM events WHERE id=?", (event_id,))

    def events(self, ids: Iterable[str] | None = None) -> list[Event]:
        return [e for e, _ in self.events_with_story(ids)]

    def events_with_story(self, ids: Iterable[str] | None = None) -> list[tuple[Event, str | None]]:
        if ids is None:
            rows = self.conn.execute("SELECT payload, story_id FROM events ORDER BY date, id").fetchall()
        else:
            q = "SELECT payload, story_id FROM events WHERE id IN ({ids}) ORDER BY date, id"
            rows = list(self._rows_in(q, ids))
        return [(from_dict(Event, json.loads(p)), s) for p, s in rows]

    def event_stories_between(self, first_day: str, last_day: str, undated: str) -> list[tuple[str, str]]:
        """(event id, story id) of the events in a story dated within [first_day, last_day] (by day)
        and of the undated ones (no date, or dated ``undated``, the placeholder day of a missing date);
        read from the indexed columns, payloads untouched."""
        rows = self.conn.execute(
            "SELECT id, story_id FROM events WHERE story_id IS NOT NULL AND"
            " ((date >= ? AND date < ?) OR date IS NULL OR date = '' OR substr(date, 1, 10) = ?)"
            " ORDER BY date, id",
            (first_day, _day_after(last_day), undated),
        )
        return [(e, s) for e, s in rows]

    def event_story(self, event_id: str) -> str | None:
        row = self.conn.execute("SELECT story_id FROM events WHERE id=?", (event_id,)).fetchone()
        return row[0] if row else None

    def story_event_ids(self, story_id: str) -> list[str]:
        rows = self.conn.execute("SELECT id FROM events WHERE story_id=? ORDER BY date, id", (story_id,))
        return [r[0] for r in rows]

    def put_story(self, story: Story) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO stories (id, score, payload, updated_at) VALUES (?,?,?,?)",
            (story.id, story.score, json.dumps(_jsonable(story), ensure_ascii=False), _now()),
        )

    def delete_story(self, story_id: str) -> None:
        self.conn.execute("DELETE FROM stories WHERE id=?", (story_id,))

    def stories(self) -> list[Story]:
        rows = self.conn.execute("SELECT payload FROM stories ORDER BY score DESC, id").fetchall()
        return [from_dict(Story, json.loads(p)) for (p,) in rows]

    def story(self, story_id: str) -> Story:
        resolved = self.resolve(story_id)
        row = self.conn.execute("SELECT payload FROM stories WHERE id=?", (resolved,)).fetchone()
        if row is None:
            raise NotFoundError(f"no story {story_id!r} (see 'storyline stories')")
        return from_dict(Story, json.loads(row[0]))

    # ---------------------------------------------------------------- redirects (merged ids)
    def redirect(self, old_id: str, new_id: str, kind: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO redirects (old_id, new_id, kind, at) VALUES (?,?,?,?)",
            (old_id, new_id, kind, _now()),
        )
        # earlier redirects to old_id now point to new_id
        self.conn.execute("UPDATE redirects SET new_id=? WHERE new_id=?", (new_id, old_id))

    def resolve(self, some_id: str) -> str:
        row = self.conn.execute("SELECT new_id FROM redirects WHERE old_id=?", (some_id,)).fetchone()
        return str(row[0]) if row else some_id

    def redirects(self) -> list[tuple[str, str, str]]:
        return [tuple(r) for r in self.conn.execute("SELECT old_id, new_id, kind FROM redirects ORDER BY at")]

    def event_day_spans(self, event_ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """event id -> (first, last) publication day of its articles."""
        q = (
            "SELECT event_id, MIN(substr(published,1,10)), MAX(substr(published,1,10)) FROM articles"
            " WHERE event_id IN ({ids}) GROUP BY event_id"
        )
        return {e: (lo, hi) for e, lo, hi in self._rows_in(q, sorted(set(event_ids)))}

    # ---------------------------------------------------------------- near-duplicate signatures
    def put_minhash(
        self, article_id: str, size: int, hashes: np.ndarray, bands: Sequence[tuple[int, int]]
    ) -> None:
        self.conn.execute("DELETE FROM minhash_bands WHERE article_id=?", (article_id,))
        self.conn.execute(
            "INSERT OR REPLACE INTO minhash (article_id, size, hashes) VALUES (?,?,?)",
            (article_id, size, hashes.astype(np.uint64).tobytes()),
        )
        self.conn.executemany(
            "INSERT INTO minhash_bands (band, bucket, article_id) VALUES (?,?,?)",
            [(b, k, article_id) for b, k in bands],
        )

    def minhash_candidates(self, bands: Sequence[tuple[int, int]]) -> set[str]:
        """Articles sharing at least one LSH band bucket."""
        out: set[str] = set()
        for b, k in bands:
            rows = self.conn.execute("SELECT article_id FROM minhash_bands WHERE band=? AND bucket=?", (b, k))
            out.update(r[0] for r in rows)
        return out

    def minhashes(self, ids: Iterable[str]) -> dict[str, tuple[int, np.ndarray]]:
        q = "SELECT article_id, size, hashes FROM minhash WHERE article_id IN ({ids})"
        rows = self._rows_in(q, ids)
        return {aid: (int(size), np.frombuffer(hashes, dtype=np.uint64)) for aid, size, hashes in rows}

    # ---------------------------------------------------------------- article vectors
    def put_vectors(self, article_id: str, content_hash: str, doc: np.ndarray, title: np.ndarray) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO vectors (article_id, content_hash, doc, title) VALUES (?,?,?,?)",
            (article_id, content_hash, doc.astype(np.float32).tobytes(), title.astype(np.float32).tobytes()),
        )

    def vectors(self, ids: Iterable[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Stored (document, title) vectors of the current version of each article that has them."""
        q = (
            "SELECT v.article_id, v.doc, v.title FROM vectors v JOIN articles a"
            " ON a.id = v.article_id AND a.content_hash = v.content_hash WHERE v.article_id IN ({ids})"
        )
        return {
            aid: (np.frombuffer(doc, dtype=np.float32), np.frombuffer(title, dtype=np.float32))
            for aid, doc, title in self._rows_in(q, ids)
        }

    def put_named_vector(self, article_id: str, content_hash: str, name: str, vector: np.ndarray) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO named_vectors (article_id, name, content_hash, vector) VALUES (?,?,?,?)",
            (article_id, name, content_hash, vector.astype(np.float32).tobytes()),
        )

    def named_vectors(self, ids: Iterable[str], name: str) -> dict[str, np.ndarray]:
        """Stored vectors called ``name`` of the current version of each article that has one."""
        if not name.isidentifier():
            raise ValueError(f"vector name {name!r}: letters, digits and _ only")
        q = (
            "SELECT v.article_id, v.vector FROM named_vectors v JOIN articles a"
            " ON a.id = v.article_id AND a.content_hash = v.content_hash"
            f" WHERE v.name = '{name}' AND v.article_id IN ({{ids}})"
        )
        return {aid: np.frombuffer(blob, dtype=np.float32) for aid, blob in self._rows_in(q, ids)}


def _day_after(day: str) -> str:
    """The ISO day after ``day``: "published < day after" is "published on or before day", index-friendly
    for both dates and date-times."""
    return (date.fromisoformat(day[:10]) + timedelta(days=1)).isoformat()


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
