"""The SQL both backends share. Queries are written once with ``?`` placeholders in the subset of SQL that
SQLite and PostgreSQL both speak (``ON CONFLICT … DO UPDATE``, ``substr``, ``RETURNING``); a backend
supplies the connection, its transactions, the arrival numbers and the few type names that differ.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import types
import typing
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar, cast

import numpy as np

from storyline.errors import NotFoundError, StalePlanError
from storyline.model import Article, Event, Prepared, Signature, Story, StoryBrief, Topic, TopicBrief
from storyline.plan import Plan, StoryRow, TopicRow
from storyline.store.base import ArticleMeta, Membership, chunks
from storyline.store.codec import annotations_from_json, annotations_to_json
from storyline.store.index import IndexQueries
from storyline.stories import StoryState, TopicState, day_number
from storyline.views.rank import Activity
from storyline.views.topic import StorySummary

log = logging.getLogger(__name__)

SCHEMA_VERSION = "3"
IN_CHUNK = 500  # ids per "IN (...)" statement (SQLite limits the number of parameters)

# {blob}: the binary type; {bigint}: a 64-bit integer; {real}: a double
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
    state INTEGER NOT NULL DEFAULT 0,      -- 0: waiting to be grouped into an event, 1: grouped
    event_id TEXT,                         -- kept while a changed article waits to be grouped again
    duplicate_of TEXT,
    seq {bigint} NOT NULL,                 -- arrival order
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_state ON articles(state);
CREATE INDEX IF NOT EXISTS articles_event ON articles(event_id);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_duplicate ON articles(duplicate_of);
CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
CREATE TABLE IF NOT EXISTS vectors (       -- named sentence vectors of an article version (float32)
    article_id TEXT NOT NULL,
    name TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    data {blob} NOT NULL,
    PRIMARY KEY (article_id, name)
);
CREATE TABLE IF NOT EXISTS minhash (       -- near-duplicate signatures (storyline.dedup)
    article_id TEXT PRIMARY KEY,
    size INTEGER NOT NULL,                 -- distinct shingles
    hashes {blob} NOT NULL                 -- uint64 MinHash values
);
CREATE TABLE IF NOT EXISTS minhash_bands (
    band INTEGER NOT NULL,
    bucket {bigint} NOT NULL,
    article_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS minhash_bands_key ON minhash_bands(band, bucket);
CREATE INDEX IF NOT EXISTS minhash_bands_article ON minhash_bands(article_id);
CREATE TABLE IF NOT EXISTS outlet_lines (  -- cleaning context: articles of an outlet having a line
    outlet TEXT NOT NULL,
    line {bigint} NOT NULL,
    docs INTEGER NOT NULL,
    PRIMARY KEY (outlet, line)
);
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
    topic_id TEXT,
    score {real} NOT NULL DEFAULT 0,
    rank_reason TEXT NOT NULL DEFAULT '',
    title TEXT,
    title_key TEXT,                        -- case-folded title, for searching the list
    first_date TEXT,
    last_date TEXT,
    n_events INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_outlets INTEGER NOT NULL,
    outlets TEXT NOT NULL,                 -- JSON list of outlet names
    activity TEXT NOT NULL,                -- JSON [[day, articles, [outlets]]]: what the score counts
    centroid {blob},                       -- float32 sum of its events' profile rows (story linking)
    payload TEXT NOT NULL,
    entity_map TEXT NOT NULL,              -- story-wide entity ids: {old id: [new id, normal form]}
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_score ON stories(score);
CREATE INDEX IF NOT EXISTS stories_last ON stories(last_date);
CREATE INDEX IF NOT EXISTS stories_topic ON stories(topic_id);
CREATE TABLE IF NOT EXISTS topics (
    id TEXT PRIMARY KEY,
    score {real} NOT NULL DEFAULT 0,
    rank_reason TEXT NOT NULL DEFAULT '',
    title TEXT,
    title_key TEXT,
    first_date TEXT,
    last_date TEXT,
    n_stories INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_outlets INTEGER NOT NULL,
    centroid {blob},                       -- float32 sum of its stories' centroids
    payload TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS topics_score ON topics(score);
CREATE INDEX IF NOT EXISTS topics_last ON topics(last_date);
CREATE TABLE IF NOT EXISTS redirects (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL,
    kind TEXT NOT NULL,                    -- 'event' | 'story' | 'topic'
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS redirects_new ON redirects(new_id);
-- indexes of the service (storyline.store.index), the full-text table differs per backend
CREATE TABLE IF NOT EXISTS article_entities (  -- the entities an article names (its own ids)
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    type TEXT NOT NULL,
    normal TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX IF NOT EXISTS article_entities_entity ON article_entities(entity_id);
CREATE TABLE IF NOT EXISTS article_quotes (
    article_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    speaker_entity_id TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, n)
);
CREATE INDEX IF NOT EXISTS article_quotes_speaker ON article_quotes(speaker_entity_id);
CREATE TABLE IF NOT EXISTS story_entities (    -- entities of a story under its story-wide ids
    story_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    type TEXT NOT NULL,
    normal TEXT NOT NULL,
    normal_key TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (story_id, entity_id)
);
CREATE INDEX IF NOT EXISTS story_entities_entity ON story_entities(entity_id);
CREATE INDEX IF NOT EXISTS story_entities_key ON story_entities(normal_key);
CREATE TABLE IF NOT EXISTS story_entity_ids (  -- a story's entity id map: article id -> story-wide id
    story_id TEXT NOT NULL,
    old_id TEXT NOT NULL,
    new_id TEXT NOT NULL,
    PRIMARY KEY (story_id, old_id)
);
CREATE INDEX IF NOT EXISTS story_entity_ids_new ON story_entity_ids(new_id);
CREATE TABLE IF NOT EXISTS story_facets (      -- kind 'outlet' or 'lang'
    story_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (story_id, kind, value)
);
CREATE INDEX IF NOT EXISTS story_facets_value ON story_facets(kind, value);
CREATE TABLE IF NOT EXISTS story_log (         -- what each applied plan did to stories
    generation {bigint} NOT NULL,
    story_id TEXT NOT NULL,
    kind TEXT NOT NULL,                    -- created | changed | merged | deleted
    new_id TEXT,
    PRIMARY KEY (generation, story_id)
);
CREATE INDEX IF NOT EXISTS story_log_story ON story_log(story_id);
"""

ARTICLE_COLS = "id, text, origin, content_hash, published, title, lead, source, url, language, annotations"

T = TypeVar("T")


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_after(day: str) -> str:
    """The ISO day after ``day``: "published < day after" is "published on or before day", index-friendly
    for both dates and date-times."""
    return (date.fromisoformat(day[:10]) + timedelta(days=1)).isoformat()


# ---------------------------------------------------------------- dataclasses to and from JSON
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


def to_json(value: Any) -> str:
    return json.dumps(dataclasses.asdict(value), ensure_ascii=False)


def line_key(h: int) -> int:
    """A line hash as a signed 64-bit integer (what both databases store)."""
    return h - (1 << 64) if h >= 1 << 63 else h


# ---------------------------------------------------------------- the shared store
class SQLStore(IndexQueries):
    """All queries of the store; subclasses provide ``_execute``, transactions and arrival numbers."""

    url: str
    BLOB = "BLOB"
    BIGINT = "INTEGER"
    REAL = "REAL"

    # ---- what a backend provides
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        """All-or-nothing writes (nested calls join the outer transaction)."""
        raise NotImplementedError

    def reading(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _next_seqs(self, n: int) -> list[int]:
        """``n`` fresh arrival numbers, safe with concurrent writers (inside a write transaction)."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- helpers
    def _schema(self) -> list[str]:
        text = SCHEMA.replace("{blob}", self.BLOB).replace("{bigint}", self.BIGINT)
        text = text.replace("{real}", self.REAL)
        return [s.strip() for s in text.split(";") if s.strip()] + self._index_schema()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self._execute(sql, params).fetchall())

    def _rows_in(self, query: str, ids: Iterable[str], params: Sequence[Any] = ()) -> Iterator[Any]:
        """Rows of ``query`` whose ``IN ({ids})`` is filled with ``ids``, a bounded number per statement;
        ``params`` follow the ids."""
        for chunk in chunks(sorted(set(ids)), IN_CHUNK):
            sql = query.replace("{ids}", ",".join("?" * len(chunk)))
            yield from self._execute(sql, [*chunk, *params]).fetchall()

    def _check_schema(self) -> str | None:
        row = self._execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return str(row[0]) if row else None

    def _init_meta(self) -> None:
        self._execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING",
            (SCHEMA_VERSION,),
        )
        self._execute("INSERT INTO meta (key, value) VALUES ('generation', '0') ON CONFLICT (key) DO NOTHING")

    # ---------------------------------------------------------------- articles
    def article_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        return dict(self._rows_in("SELECT id, content_hash FROM articles WHERE id IN ({ids})", ids))

    def put_articles(self, items: Sequence[Prepared]) -> None:
        if not items:
            return
        with self.transaction():
            ids = [p.article.id for p in items]
            known = self.article_hashes(ids)
            fresh = [p for p in items if p.article.id not in known]
            changed = [
                p for p in items if p.article.id in known and known[p.article.id] != p.article.content_hash
            ]
            seqs = dict(zip([p.article.id for p in fresh], self._next_seqs(len(fresh)), strict=True))
            written = sorted(fresh + changed, key=_by_id)  # one order for every writer: no deadlocks
            stamp = now()
            self._executemany(
                """INSERT INTO articles (id, content_hash, origin, format, raw_text, published, title, lead,
                   source, url, language, text, annotations, state, event_id, duplicate_of, seq, updated_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,0,NULL,NULL,?,?)
                   ON CONFLICT (id) DO UPDATE SET content_hash=excluded.content_hash, origin=excluded.origin,
                   format=excluded.format, raw_text=excluded.raw_text, published=excluded.published,
                   title=excluded.title, lead=excluded.lead, source=excluded.source, url=excluded.url,
                   language=excluded.language, text=excluded.text, annotations=excluded.annotations,
                   state=0, duplicate_of=NULL, updated_at=excluded.updated_at
                   WHERE articles.content_hash <> excluded.content_hash""",
                [_article_row(p, seqs.get(p.article.id, 0), stamp) for p in written],
            )
            self._put_features(written)
            self._index_articles(written)
            self._count_outlet_lines([p for p in fresh if p.outlet is not None])

    def _put_features(self, items: Sequence[Prepared]) -> None:
        ids = [p.article.id for p in items]
        for chunk in chunks(ids, IN_CHUNK):
            marks = ",".join("?" * len(chunk))
            self._execute(f"DELETE FROM vectors WHERE article_id IN ({marks})", list(chunk))
            self._execute(f"DELETE FROM minhash_bands WHERE article_id IN ({marks})", list(chunk))
        self._executemany(
            "INSERT INTO vectors (article_id, name, content_hash, data) VALUES (?,?,?,?)"
            " ON CONFLICT (article_id, name) DO UPDATE SET content_hash=excluded.content_hash,"
            " data=excluded.data",
            [
                (p.article.id, name, p.article.content_hash, np.asarray(v, dtype=np.float32).tobytes())
                for p in items
                for name, v in p.vectors.items()
            ],
        )
        signed = [p for p in items if p.signature is not None]
        self._executemany(
            "INSERT INTO minhash (article_id, size, hashes) VALUES (?,?,?)"
            " ON CONFLICT (article_id) DO UPDATE SET size=excluded.size, hashes=excluded.hashes",
            [
                (p.article.id, p.signature.size, p.signature.hashes.astype(np.uint64).tobytes())
                for p in signed
                if p.signature is not None
            ],
        )
        self._executemany(
            "INSERT INTO minhash_bands (band, bucket, article_id) VALUES (?,?,?)",
            [(b, k, p.article.id) for p in signed for b, k in p.bands],
        )

    def _count_outlet_lines(self, items: Sequence[Prepared]) -> None:
        counts: dict[tuple[str, int], int] = {}
        for p in items:
            for h in p.lines:
                key = (p.outlet or "", line_key(h))
                counts[key] = counts.get(key, 0) + 1
        self._executemany(
            "INSERT INTO outlet_lines (outlet, line, docs) VALUES (?,?,?)"
            " ON CONFLICT (outlet, line) DO UPDATE SET docs = outlet_lines.docs + excluded.docs",
            [(o, h, n) for (o, h), n in sorted(counts.items())],
        )

    def outlet_line_counts(self, wanted: Mapping[str, Collection[int]]) -> dict[str, dict[int, int]]:
        out: dict[str, dict[int, int]] = {}
        for outlet, lines in wanted.items():
            keys = {line_key(h): h for h in lines}
            found: dict[int, int] = {}
            ordered = sorted(keys)
            for i in range(0, len(ordered), IN_CHUNK):
                chunk = ordered[i : i + IN_CHUNK]
                marks = ",".join("?" * len(chunk))
                sql = f"SELECT line, docs FROM outlet_lines WHERE outlet=? AND line IN ({marks})"
                for line, docs in self._execute(sql, [outlet, *chunk]).fetchall():
                    found[keys[int(line)]] = int(docs)
            if found:
                out[outlet] = found
        return out

    def _article(self, row: Sequence[Any]) -> Article:
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

    def articles(self, ids: Iterable[str]) -> list[Article]:
        wanted = list(ids)
        q = f"SELECT {ARTICLE_COLS} FROM articles WHERE id IN ({{ids}})"
        found = {row[0]: self._article(row) for row in self._rows_in(q, wanted)}
        return [found[i] for i in wanted if i in found]

    def all_article_ids(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT id FROM articles ORDER BY seq")]

    def article_meta(self, ids: Iterable[str]) -> dict[str, ArticleMeta]:
        q = "SELECT id, published, source FROM articles WHERE id IN ({ids})"
        return {a: (p, s) for a, p, s in self._rows_in(q, ids)}

    def pending_article_ids(self, limit: int | None = None) -> list[str]:
        q = "SELECT id FROM articles WHERE state=0 ORDER BY (published IS NULL), published, seq"
        rows = self._rows(q + " LIMIT ?", (limit,)) if limit else self._rows(q)
        return [r[0] for r in rows]

    def pending_days(self) -> list[tuple[str | None, int]]:
        q = "SELECT substr(published, 1, 10), COUNT(*) FROM articles WHERE state=0 GROUP BY 1"
        rows = [(d, int(n)) for d, n in self._rows(q)]
        return sorted(rows, key=lambda r: (r[0] is None, r[0] or ""))

    def pending_article_ids_between(self, first_day: str, last_day: str) -> list[str]:
        rows = self._rows(
            "SELECT id FROM articles WHERE state=0 AND published >= ? AND published < ?"
            " ORDER BY published, seq",
            (first_day, day_after(last_day)),
        )
        return [r[0] for r in rows]

    def count(self, table: str) -> int:
        if table not in {"articles", "events", "stories", "topics", "redirects"}:
            raise ValueError(table)
        return int(self._execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    # ---------------------------------------------------------------- the window of an update
    def generation(self) -> int:
        row = self._execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def grouped_article_ids_between(self, first_day: str, last_day: str) -> list[str]:
        rows = self._rows(
            "SELECT id FROM articles WHERE +state=1 AND published >= ? AND published < ? ORDER BY seq",
            (first_day, day_after(last_day)),
        )
        return [r[0] for r in rows]

    def undated_grouped_article_ids(self, latest: int | None = None) -> list[str]:
        q = "SELECT id FROM articles WHERE +state=1 AND published IS NULL ORDER BY seq DESC"
        rows = self._rows(q + " LIMIT ?", (latest,)) if latest is not None else self._rows(q)
        return [r[0] for r in rows][::-1]

    def memberships(self, ids: Iterable[str]) -> dict[str, Membership]:
        q = "SELECT id, event_id, duplicate_of, state FROM articles WHERE id IN ({ids})"
        return {a: Membership(e, d, bool(s)) for a, e, d, s in self._rows_in(q, ids)}

    def article_order(self, ids: Iterable[str]) -> dict[str, tuple[str, int]]:
        q = "SELECT id, published, seq FROM articles WHERE id IN ({ids})"
        return {aid: (published or "~", int(seq)) for aid, published, seq in self._rows_in(q, ids)}

    def article_ids_by_event(self, event_ids: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        q = (
            "SELECT event_id, id FROM articles WHERE +state=1 AND event_id IN ({ids})"
            " ORDER BY event_id, (published IS NULL), published, seq"
        )
        for event_id, aid in self._rows_in(q, event_ids):
            out.setdefault(event_id, []).append(aid)
        return out

    def event_day_spans(self, event_ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        q = (
            "SELECT event_id, MIN(substr(published,1,10)), MAX(substr(published,1,10)) FROM articles"
            " WHERE +state=1 AND event_id IN ({ids}) GROUP BY event_id"
        )
        return {e: (lo, hi) for e, lo, hi in self._rows_in(q, event_ids)}

    def vectors(self, ids: Iterable[str]) -> dict[str, dict[str, np.ndarray]]:
        q = (
            "SELECT v.article_id, v.name, v.data FROM vectors v JOIN articles a"
            " ON a.id = v.article_id AND a.content_hash = v.content_hash WHERE v.article_id IN ({ids})"
        )
        out: dict[str, dict[str, np.ndarray]] = {}
        for aid, name, data in self._rows_in(q, ids):
            out.setdefault(aid, {})[name] = np.frombuffer(bytes(data), dtype=np.float32)
        return out

    def signatures(self, ids: Iterable[str]) -> dict[str, Signature]:
        q = "SELECT article_id, size, hashes FROM minhash WHERE article_id IN ({ids})"
        return {
            aid: Signature(aid, int(size), np.frombuffer(bytes(hashes), dtype=np.uint64))
            for aid, size, hashes in self._rows_in(q, ids)
        }

    def minhash_candidates(self, bands: Sequence[tuple[int, int]]) -> set[str]:
        out: set[str] = set()
        for b, k in bands:
            rows = self._rows("SELECT article_id FROM minhash_bands WHERE band=? AND bucket=?", (b, k))
            out.update(r[0] for r in rows)
        return out

    def copies_of(self, canonicals: Iterable[str]) -> dict[str, str]:
        q = "SELECT id, duplicate_of FROM articles WHERE duplicate_of IN ({ids})"
        return dict(self._rows_in(q, canonicals))

    def event_stories_between(self, first_day: str, last_day: str, undated: str) -> list[tuple[str, str]]:
        rows = self._rows(
            "SELECT id, story_id FROM events WHERE story_id IS NOT NULL AND"
            " ((date >= ? AND date < ?) OR date IS NULL OR date = '' OR substr(date, 1, 10) = ?)"
            " ORDER BY date, id",
            (first_day, day_after(last_day), undated),
        )
        return [(e, s) for e, s in rows]

    def story_event_ids(self, story_ids: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        q = "SELECT story_id, id FROM events WHERE story_id IN ({ids}) ORDER BY story_id, date, id"
        for story, event in self._rows_in(q, story_ids):
            out.setdefault(story, []).append(event)
        return out

    def resolve(self, some_id: str) -> str:
        row = self._execute("SELECT new_id FROM redirects WHERE old_id=?", (some_id,)).fetchone()
        return str(row[0]) if row else some_id

    def redirects(self, to: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
        if to is None:
            rows = self._rows("SELECT old_id, new_id, kind, at FROM redirects")
        else:
            rows = list(
                self._rows_in("SELECT old_id, new_id, kind, at FROM redirects WHERE new_id IN ({ids})", to)
            )
        return [(str(o), str(n), str(k)) for o, n, k, _ in sorted(rows, key=lambda r: (r[3], r[0]))]

    def story_ids(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT id FROM stories ORDER BY score DESC, id")]

    def story_states(self, ids: Iterable[str]) -> dict[str, StoryState]:
        cols = "id, first_date, last_date, n_articles, centroid, topic_id"
        q = f"SELECT {cols} FROM stories WHERE id IN ({{ids}})"
        out = {}
        for sid, first, last, n, centroid, topic in self._rows_in(q, ids):
            vec = np.frombuffer(bytes(centroid), dtype=np.float32).astype(np.float64) if centroid else None
            if vec is not None:
                out[sid] = StoryState(sid, day_number(first), day_number(last), int(n), vec, topic)
        return out

    def topic_states(
        self, since: str | None = None, ids: Iterable[str] | None = None
    ) -> dict[str, TopicState]:
        """Topics active on or after ``since`` (all when None), or the given ones."""
        cols = "id, first_date, last_date, n_articles, centroid"
        if ids is not None:
            rows = list(self._rows_in(f"SELECT {cols} FROM topics WHERE id IN ({{ids}})", ids))
        elif since:
            rows = self._rows(
                f"SELECT {cols} FROM topics WHERE last_date IS NULL OR last_date >= ?", (since,)
            )
        else:
            rows = self._rows(f"SELECT {cols} FROM topics")
        out = {}
        for tid, first, last, n, centroid in rows:
            if centroid:
                vec = np.frombuffer(bytes(centroid), dtype=np.float32).astype(np.float64)
                out[tid] = TopicState(tid, day_number(first), day_number(last), int(n), vec)
        return out

    def latest_day(self) -> str | None:
        row = self._execute("SELECT value FROM meta WHERE key='latest_day'").fetchone()
        return str(row[0]) if row else None

    def story_activity(self, since: str) -> dict[str, tuple[Activity, str | None]]:
        """story -> (activity, topic) of the stories whose last day is on or after ``since``."""
        rows = self._rows("SELECT id, activity, topic_id FROM stories WHERE last_date >= ?", (since,))
        return {
            s: (tuple((d, int(n), tuple(o)) for d, n, o in json.loads(act)), topic) for s, act, topic in rows
        }

    def topic_story_summaries(self, topic_ids: Iterable[str]) -> dict[str, tuple[StorySummary, ...]]:
        q = (
            "SELECT topic_id, id, title, first_date, last_date, n_articles, outlets, score, rank_reason"
            " FROM stories WHERE topic_id IN ({ids})"
        )
        out: dict[str, list[StorySummary]] = {}
        for t, s, title, first, last, n, outlets, score, reason in self._rows_in(q, topic_ids):
            out.setdefault(t, []).append(
                StorySummary(s, title, first, last, int(n), tuple(json.loads(outlets)), float(score), reason)
            )
        return {t: tuple(sorted(v, key=lambda x: x.id)) for t, v in out.items()}

    # ---------------------------------------------------------------- applying a plan
    def apply(self, plan: Plan) -> None:
        with self.transaction():
            current = self._locked_generation()
            if current != plan.generation:
                raise StalePlanError(f"planned at generation {plan.generation}, the store is at {current}")
            stamp = now()
            for old, new in plan.event_merges:
                self._execute("UPDATE articles SET event_id=? WHERE event_id=?", (new, old))
                self._execute("DELETE FROM events WHERE id=?", (old,))
                self._redirect(old, new, "event", stamp)
            self._executemany(
                "UPDATE articles SET state=1, event_id=? WHERE id=? AND content_hash=?",
                [(event, aid, chash) for aid, (chash, event) in sorted(plan.grouped.items())],
            )
            self._executemany(
                "UPDATE articles SET duplicate_of=? WHERE id=?",
                [(c, aid) for aid, c in sorted(plan.duplicate_of.items())],
            )
            for old, new in plan.topic_merges:
                self._execute("UPDATE stories SET topic_id=? WHERE topic_id=?", (new, old))
                self._execute("DELETE FROM topics WHERE id=?", (old,))
                self._redirect(old, new, "topic", stamp)
            for event_id in plan.deleted_events:
                self._execute("DELETE FROM events WHERE id=?", (event_id,))
            for story_id in plan.deleted_stories:
                self._execute("DELETE FROM stories WHERE id=?", (story_id,))
            for topic_id in plan.deleted_topics:
                self._execute("DELETE FROM topics WHERE id=?", (topic_id,))
            self._executemany(
                "INSERT INTO events (id, story_id, date, payload, updated_at) VALUES (?,?,?,?,?)"
                " ON CONFLICT (id) DO UPDATE SET story_id=excluded.story_id, date=excluded.date,"
                " payload=excluded.payload, updated_at=excluded.updated_at",
                [(e.id, s, e.date, to_json(e), stamp) for e, s in plan.events],
            )
            self._executemany(
                """INSERT INTO stories (id, topic_id, score, rank_reason, title, title_key, first_date,
                   last_date, n_events, n_articles, n_outlets, outlets, activity, centroid, payload,
                   entity_map, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                   ON CONFLICT (id) DO UPDATE SET topic_id=excluded.topic_id, score=excluded.score,
                   rank_reason=excluded.rank_reason, title=excluded.title, title_key=excluded.title_key,
                   first_date=excluded.first_date, last_date=excluded.last_date, n_events=excluded.n_events,
                   n_articles=excluded.n_articles, n_outlets=excluded.n_outlets, outlets=excluded.outlets,
                   activity=excluded.activity, centroid=excluded.centroid, payload=excluded.payload,
                   entity_map=excluded.entity_map, updated_at=excluded.updated_at""",
                [_story_row(r, stamp) for r in plan.stories],
            )
            self._executemany(
                "UPDATE stories SET score=?, rank_reason=? WHERE id=?",
                [(score, reason, s) for s, (score, reason) in sorted(plan.rescored.items())],
            )
            self._executemany(
                """INSERT INTO topics (id, score, rank_reason, title, title_key, first_date, last_date,
                   n_stories, n_articles, n_outlets, centroid, payload, updated_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                   ON CONFLICT (id) DO UPDATE SET score=excluded.score, rank_reason=excluded.rank_reason,
                   title=excluded.title, title_key=excluded.title_key, first_date=excluded.first_date,
                   last_date=excluded.last_date, n_stories=excluded.n_stories, n_articles=excluded.n_articles,
                   n_outlets=excluded.n_outlets, centroid=COALESCE(excluded.centroid, topics.centroid),
                   payload=excluded.payload, updated_at=excluded.updated_at""",
                [_topic_row(r, stamp) for r in plan.topics],
            )
            if plan.latest_day:
                self._execute(
                    "INSERT INTO meta (key, value) VALUES ('latest_day', ?)"
                    " ON CONFLICT (key) DO UPDATE SET value=excluded.value",
                    (plan.latest_day,),
                )
            self._index_stories(plan)
            self._execute("UPDATE meta SET value=? WHERE key='generation'", (str(plan.generation + 1),))

    def _locked_generation(self) -> int:
        """The generation, read so that no other writer can change it before this transaction ends."""
        return self.generation()

    def _redirect(self, old_id: str, new_id: str, kind: str, stamp: str) -> None:
        self._execute(
            "INSERT INTO redirects (old_id, new_id, kind, at) VALUES (?,?,?,?) ON CONFLICT (old_id)"
            " DO UPDATE SET new_id=excluded.new_id, kind=excluded.kind, at=excluded.at",
            (old_id, new_id, kind, stamp),
        )
        # earlier redirects to old_id now point to new_id
        self._execute("UPDATE redirects SET new_id=? WHERE new_id=?", (new_id, old_id))

    # ---------------------------------------------------------------- stored views
    def events(self, ids: Iterable[str]) -> list[tuple[Event, str | None]]:
        q = "SELECT payload, story_id FROM events WHERE id IN ({ids})"
        rows = sorted(self._rows_in(q, ids), key=lambda r: r[0])
        out = [(from_dict(Event, json.loads(p)), s) for p, s in rows]
        return sorted(out, key=lambda es: (es[0].date or "", es[0].id))

    def story(self, story_id: str) -> tuple[Story, dict[str, tuple[str, str]]]:
        resolved = self.resolve(story_id)
        row = self._execute(
            "SELECT payload, entity_map, score, rank_reason, topic_id FROM stories WHERE id=?", (resolved,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no story {story_id!r} (see 'storyline stories')")
        entity_map = {k: (v[0], v[1]) for k, v in json.loads(row[1]).items()}
        story = from_dict(Story, json.loads(row[0]))
        # the rank moves with the collection's latest day: the columns are current, the payload may not be
        return dataclasses.replace(
            story, score=float(row[2]), rank_reason=row[3], topic_id=row[4]
        ), entity_map

    def topic(self, topic_id: str) -> Topic:
        resolved = self.resolve(topic_id)
        row = self._execute("SELECT payload FROM topics WHERE id=?", (resolved,)).fetchone()
        if row is None:
            raise NotFoundError(f"no topic {topic_id!r} (see 'storyline topics')")
        return from_dict(Topic, json.loads(row[0]))

    def topic_briefs(self, limit: int = 20, offset: int = 0, query: str | None = None) -> list[TopicBrief]:
        where, params = ["1=1"], []
        if query:
            where.append("title_key LIKE ?")
            params.append("%" + query.casefold().replace("%", "").replace("_", "") + "%")
        rows = self._rows(
            "SELECT id, title, first_date, last_date, n_stories, n_articles, n_outlets, score, rank_reason"
            f" FROM topics WHERE {' AND '.join(where)} ORDER BY score DESC, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [
            TopicBrief(r[0], r[1], r[2], r[3], int(r[4]), int(r[5]), int(r[6]), float(r[7]), r[8])
            for r in rows
        ]

    def story_briefs(
        self,
        limit: int = 20,
        offset: int = 0,
        since: str | None = None,
        until: str | None = None,
        query: str | None = None,
        topic: str | None = None,
    ) -> list[StoryBrief]:
        where, params = ["1=1"], []
        if topic:
            where.append("topic_id = ?")
            params.append(self.resolve(topic))
        if since:
            where.append("(last_date IS NULL OR last_date >= ?)")
            params.append(since)
        if until:
            where.append("(first_date IS NULL OR first_date < ?)")
            params.append(day_after(until))
        if query:
            where.append("title_key LIKE ?")
            params.append("%" + query.casefold().replace("%", "").replace("_", "") + "%")
        rows = self._rows(
            "SELECT id, title, first_date, last_date, n_events, n_articles, n_outlets, score, rank_reason,"
            f" topic_id FROM stories WHERE {' AND '.join(where)} ORDER BY score DESC, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [
            StoryBrief(r[0], r[1], r[2], r[3], int(r[4]), int(r[5]), int(r[6]), float(r[7]), r[8], r[9])
            for r in rows
        ]


def _by_id(p: Prepared) -> str:
    return p.article.id


def _article_row(p: Prepared, seq: int, stamp: str) -> tuple[Any, ...]:
    a = p.article
    return (
        a.id,
        a.content_hash,
        a.origin,
        p.raw.format,
        p.raw.text,
        a.published,
        a.title,
        a.lead,
        a.source,
        a.url,
        a.language,
        a.text,
        annotations_to_json(a),
        seq,
        stamp,
    )


def _blob(v: np.ndarray | None) -> bytes | None:
    return None if v is None or not len(v) else np.asarray(v, dtype=np.float32).tobytes()


def _story_row(r: StoryRow, stamp: str) -> tuple[Any, ...]:
    s = r.story
    return (
        s.id,
        s.topic_id,
        s.score,
        s.rank_reason,
        s.title,
        (s.title or "").casefold(),
        s.first_date,
        s.last_date,
        len(s.event_ids),
        len(s.article_ids),
        len(s.outlets),
        json.dumps(list(s.outlets), ensure_ascii=False),
        json.dumps([[d, n, list(o)] for d, n, o in r.activity], ensure_ascii=False),
        _blob(r.centroid),
        to_json(s),
        json.dumps({k: list(v) for k, v in sorted(r.entity_map.items())}, ensure_ascii=False),
        stamp,
    )


def _topic_row(r: TopicRow, stamp: str) -> tuple[Any, ...]:
    t = r.topic
    return (
        t.id,
        t.score,
        t.rank_reason,
        t.title,
        (t.title or "").casefold(),
        t.first_date,
        t.last_date,
        len(t.story_ids),
        t.articles,
        len(t.outlets),
        _blob(r.centroid),
        to_json(t),
        stamp,
    )
