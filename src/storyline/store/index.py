"""Indexes for the service's reads, kept beside the core tables and written in the same transactions:

- full-text search over articles: Snowball stems of the title and text words plus the stems of the
  annotation's lemmas, so a search for «Алиев» finds «Алиевым» (SQLite FTS5; PostgreSQL ``tsvector`` with
  the ``simple`` configuration over the same stems, so both backends match the same articles);
- entities: which articles name an entity and which quotes it said (written with the article), and which
  stories it appears in with the story-wide ids (written when a plan is applied);
- story facets (outlets, languages) for filtering the story list;
- a log of the stories each applied plan created, changed, merged or deleted (what the live updates
  follow, whichever process wrote them).

``put_articles`` calls ``_index_articles`` and ``apply`` calls ``_index_stories``; an older database gets
the indexes of what it holds from ``index_backlog``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from storyline.model import Article, Citation, Prepared, Story, StoryBrief
from storyline.plan import Plan
from storyline.views.units import SNOWBALL, stem

PIECE = re.compile(r"[^\W_]+")
MAX_INDEX_CHARS = 100_000  # text indexed per article
MAX_QUERY_WORDS = 12
LOG_KEEP_GENERATIONS = 1000  # 'changed' rows of the story log older than this are dropped

SEARCH_SCHEMA = {
    "sqlite": [
        "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5(terms,"
        " tokenize='unicode61 remove_diacritics 0')"
    ],
    "postgres": [
        "CREATE TABLE IF NOT EXISTS article_fts (rowid BIGINT PRIMARY KEY, tsv TSVECTOR NOT NULL)",
        "CREATE INDEX IF NOT EXISTS article_fts_tsv ON article_fts USING GIN (tsv)",
    ],
}


# ---------------------------------------------------------------- terms
def _fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


def index_terms(article: Article) -> str:
    """The searchable terms of an article: stems of its title and text words and of its lemmas."""
    lang = article.language or "ru"
    text = f"{article.title or ''}\n{article.text[:MAX_INDEX_CHARS]}"
    terms = [stem(_fold(w), lang) for w in PIECE.findall(text)]
    terms += [stem(_fold(p), lang) for lemma in article.lemmas for p in PIECE.findall(lemma)]
    return " ".join(p for t in terms for p in PIECE.findall(t))


@functools.cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def query_terms(query: str) -> list[set[str]]:
    """For each query word, the stems it may be indexed under: its stem in every language storyline
    stems, and for a Russian word the stem of its lemma too («людей» also as «человек»)."""
    out: list[set[str]] = []
    for word in PIECE.findall(query)[:MAX_QUERY_WORDS]:
        w = _fold(word)
        alternatives = {w} | {stem(w, lang) for lang in SNOWBALL}
        if re.search("[а-я]", w):
            lemma = _fold(_morph().parse(w)[0].normal_form)
            alternatives |= {lemma, stem(lemma, "ru")}
        out.append({p for a in alternatives for p in PIECE.findall(a)})
    return [s for s in out if s]


def fts5_query(groups: list[set[str]]) -> str:
    return " AND ".join("(" + " OR ".join(f'"{t}"' for t in sorted(g)) + ")" for g in groups)


def tsquery(groups: list[set[str]]) -> str:
    return " & ".join("(" + " | ".join(f"'{t}'" for t in sorted(g)) + ")" for g in groups)


# ---------------------------------------------------------------- values
@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    rank: float


@dataclass(frozen=True, slots=True)
class EntityBrief:
    id: str
    normal: str
    type: str
    stories: int
    articles: int


@dataclass(frozen=True, slots=True)
class EntityQuote:
    article_id: str
    text: str
    published: str | None
    event_id: str | None


@dataclass(frozen=True, slots=True)
class StoryChange:
    generation: int
    story_id: str
    kind: str  # created | changed | merged | deleted
    new_id: str | None  # the surviving story of a merge


Cursor = tuple[float, str]  # (score, id) of the last story of the previous page


class IndexQueries:
    """The index queries, mixed into ``SQLStore`` (which provides the connection helpers below)."""

    DIALECT = "sqlite"

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _rows_in(self, query: str, ids: Iterable[str], params: Sequence[Any] = ()) -> Iterator[Any]:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def articles(self, ids: Iterable[str]) -> list[Article]:
        raise NotImplementedError

    def generation(self) -> int:
        raise NotImplementedError

    def _index_schema(self) -> list[str]:
        return SEARCH_SCHEMA[self.DIALECT]

    def _delete_in(self, table: str, column: str, ids: Iterable[str]) -> None:
        for chunk in _chunks(sorted(set(ids))):
            self._execute(f"DELETE FROM {table} WHERE {column} IN ({','.join('?' * len(chunk))})", chunk)

    # ---------------------------------------------------------------- articles (inside put_articles)
    def _index_articles(self, items: Sequence[Prepared]) -> None:
        self._index_article_values([p.article for p in items])

    def _index_article_values(self, articles: Sequence[Article]) -> None:
        if not articles:
            return
        ids = [a.id for a in articles]
        seqs = dict(self._rows_in("SELECT id, seq FROM articles WHERE id IN ({ids})", ids))
        for chunk in _chunks(sorted(int(s) for s in seqs.values())):
            marks = ",".join("?" * len(chunk))
            self._execute(f"DELETE FROM article_fts WHERE rowid IN ({marks})", chunk)
        self._delete_in("article_entities", "article_id", ids)
        self._delete_in("article_quotes", "article_id", ids)
        put = (
            "INSERT INTO article_fts (rowid, terms) VALUES (?, ?)"
            if self.DIALECT == "sqlite"
            else "INSERT INTO article_fts (rowid, tsv) VALUES (?, to_tsvector('simple', ?))"
        )
        self._executemany(put, [(int(seqs[a.id]), index_terms(a)) for a in articles if a.id in seqs])
        entities: dict[tuple[str, str], tuple[str, str]] = {}
        for a in articles:
            for e in a.entities:
                entities.setdefault((a.id, e.entity_id), (e.type, e.normal))
        self._executemany(
            "INSERT INTO article_entities (article_id, entity_id, type, normal) VALUES (?,?,?,?)",
            [(aid, eid, t, n) for (aid, eid), (t, n) in sorted(entities.items())],
        )
        self._executemany(
            "INSERT INTO article_quotes (article_id, n, speaker_entity_id, text) VALUES (?,?,?,?)",
            [(a.id, n, q.speaker_entity_id, q.text) for a in articles for n, q in enumerate(a.quotes)],
        )

    # ---------------------------------------------------------------- stories (inside apply)
    def _index_stories(self, plan: Plan) -> None:
        generation = plan.generation + 1
        touched = [r.story.id for r in plan.stories]
        known = {
            r[0]
            for r in self._rows_in(
                "SELECT DISTINCT story_id FROM story_log WHERE story_id IN ({ids})", touched
            )
        }
        log: list[tuple[int, str, str, str | None]] = [
            (generation, s, "changed" if s in known else "created", None) for s in touched
        ]
        log += [(generation, s, "deleted", None) for s in plan.deleted_stories]
        self._executemany(
            "INSERT INTO story_log (generation, story_id, kind, new_id) VALUES (?,?,?,?)"
            " ON CONFLICT (generation, story_id) DO NOTHING",
            log,
        )
        self._execute(
            "DELETE FROM story_log WHERE kind='changed' AND generation < ?",
            (generation - LOG_KEEP_GENERATIONS,),
        )
        stories = [(r.story, dict(r.entity_map)) for r in plan.stories]
        self._write_story_index(stories, list(plan.deleted_stories))

    def _write_story_index(
        self, stories: Sequence[tuple[Story, Mapping[str, tuple[str, str]]]], gone: Sequence[str]
    ) -> None:
        ids = [s.id for s, _ in stories]
        for table in ("story_entities", "story_entity_ids", "story_facets"):
            self._delete_in(table, "story_id", [*ids, *gone])
        maps = {s.id: m for s, m in stories}
        self._executemany(
            "INSERT INTO story_entity_ids (story_id, old_id, new_id) VALUES (?,?,?)",
            [(sid, old, new) for sid, m in sorted(maps.items()) for old, (new, _) in sorted(m.items())],
        )
        facets = {(s.id, "outlet", o) for s, _ in stories for o in s.outlets}
        facets |= {(s.id, "teaser", s.summary[0].text) for s, _ in stories if s.summary}
        q = (
            "SELECT DISTINCT e.story_id, a.language FROM articles a JOIN events e ON e.id = a.event_id"
            " WHERE +a.state = 1 AND a.language IS NOT NULL AND e.story_id IN ({ids})"
        )
        facets |= {(sid, "lang", lang) for sid, lang in self._rows_in(q, ids)}
        self._executemany("INSERT INTO story_facets (story_id, kind, value) VALUES (?,?,?)", sorted(facets))
        q = (
            "SELECT e.story_id, ae.entity_id, MAX(ae.type), MAX(ae.normal), COUNT(*) FROM article_entities ae"
            " JOIN articles a ON a.id = ae.article_id JOIN events e ON e.id = a.event_id"
            " WHERE +a.state = 1 AND e.story_id IN ({ids}) GROUP BY e.story_id, ae.entity_id"
        )
        rows: dict[tuple[str, str], list[Any]] = {}
        for sid, eid, type_, normal, count in self._rows_in(q, ids):
            new_id, new_normal = maps.get(sid, {}).get(eid, (eid, normal))
            row = rows.setdefault((sid, new_id), [type_, new_normal, 0])
            if new_id == eid and eid not in maps.get(sid, {}):
                row[1] = normal if len(normal) > len(row[1]) else row[1]
            row[2] += int(count)
        self._executemany(
            "INSERT INTO story_entities (story_id, entity_id, type, normal, normal_key, articles)"
            " VALUES (?,?,?,?,?,?)",
            [(sid, eid, t, n, _fold(n), c) for (sid, eid), (t, n, c) in sorted(rows.items())],
        )

    # ---------------------------------------------------------------- an older database
    def index_backlog(self, batch: int = 500) -> int:
        """Index the articles and stories stored before the indexes existed; the number of articles
        indexed. Cheap when nothing is missing."""
        fts_key = "rowid"
        done = 0
        while True:
            rows = self._rows(
                f"SELECT id FROM articles WHERE seq NOT IN (SELECT {fts_key} FROM article_fts) LIMIT ?",
                (batch,),
            )
            if not rows:
                break
            with self.transaction():
                self._index_article_values(self.articles([r[0] for r in rows]))
            done += len(rows)
        missing = [
            r[0]
            for r in self._rows("SELECT id FROM stories WHERE id NOT IN (SELECT story_id FROM story_log)")
        ]
        for chunk in _chunks(missing, batch):
            q = "SELECT id, payload, entity_map FROM stories WHERE id IN ({ids})"
            stories = []
            for sid, payload, entity_map in self._rows_in(q, chunk):
                data = json.loads(payload)
                summary = tuple(Citation(c["text"], ()) for c in data.get("summary", ())[:1])
                story = Story(sid, (), (), outlets=tuple(data.get("outlets", ())), summary=summary)
                stories.append((story, {k: (v[0], v[1]) for k, v in json.loads(entity_map).items()}))
            with self.transaction():
                self._write_story_index(stories, [])
                self._executemany(
                    "INSERT INTO story_log (generation, story_id, kind, new_id) VALUES (?,?,?,?)"
                    " ON CONFLICT (generation, story_id) DO NOTHING",
                    [(self.generation(), s.id, "created", None) for s, _ in stories],
                )
        return done

    # ---------------------------------------------------------------- reads
    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Articles matching every word of ``query`` (any of its forms), best first."""
        groups = query_terms(query)
        if not groups:
            return []
        if self.DIALECT == "sqlite":
            sql = (
                "SELECT a.id, bm25(article_fts) FROM article_fts JOIN articles a ON a.seq = article_fts.rowid"
                " WHERE article_fts MATCH ? ORDER BY bm25(article_fts), a.published DESC, a.id"
                " LIMIT ? OFFSET ?"
            )
            rows = self._rows(sql, (fts5_query(groups), limit, offset))
            return [SearchHit(aid, -float(rank)) for aid, rank in rows]
        sql = (
            "SELECT a.id, ts_rank(f.tsv, q) AS r FROM article_fts f, to_tsquery('simple', ?) q, articles a"
            " WHERE a.seq = f.rowid AND f.tsv @@ q ORDER BY r DESC, a.published DESC, a.id LIMIT ? OFFSET ?"
        )
        return [SearchHit(aid, float(r)) for aid, r in self._rows(sql, (tsquery(groups), limit, offset))]

    def event_story_ids(self, event_ids: Iterable[str]) -> dict[str, str | None]:
        return dict(self._rows_in("SELECT id, story_id FROM events WHERE id IN ({ids})", event_ids))

    def story_page(
        self,
        limit: int = 20,
        after: Cursor | None = None,
        since: str | None = None,
        until: str | None = None,
        query: str | None = None,
        entity: str | None = None,
        lang: str | None = None,
        outlet: str | None = None,
    ) -> list[StoryBrief]:
        """A page of the ranked story list after ``after`` (keyset pagination: a page stays right while
        stories are added), filtered like ``story_briefs`` and by entity id, language and outlet."""
        from storyline.store.sql import day_after

        where, params = ["1=1"], []
        if after is not None:
            where.append("(score < ? OR (score = ? AND id > ?))")
            params += [after[0], after[0], after[1]]
        if since:
            where.append("(last_date IS NULL OR last_date >= ?)")
            params.append(since)
        if until:
            where.append("(first_date IS NULL OR first_date < ?)")
            params.append(day_after(until))
        if query:
            where.append("title_key LIKE ?")
            params.append("%" + query.casefold().replace("%", "").replace("_", "") + "%")
        for kind, value in (("outlet", outlet), ("lang", lang)):
            if value:
                where.append(
                    "EXISTS (SELECT 1 FROM story_facets f WHERE f.story_id = stories.id"
                    " AND f.kind = ? AND f.value = ?)"
                )
                params += [kind, value]
        if entity:
            where.append(
                "EXISTS (SELECT 1 FROM story_entities se WHERE se.story_id = stories.id AND se.entity_id = ?)"
            )
            params.append(entity)
        rows = self._rows(
            "SELECT id, title, first_date, last_date, n_events, n_articles, n_outlets, score, rank_reason,"
            f" topic_id FROM stories WHERE {' AND '.join(where)} ORDER BY score DESC, id LIMIT ?",
            [*params, limit],
        )
        return [
            StoryBrief(r[0], r[1], r[2], r[3], int(r[4]), int(r[5]), int(r[6]), float(r[7]), r[8], r[9])
            for r in rows
        ]

    def story_summaries(self, story_ids: Iterable[str]) -> dict[str, str]:
        """The first sentence of each story's summary (for one-line teasers)."""
        q = "SELECT story_id, value FROM story_facets WHERE kind = 'teaser' AND story_id IN ({ids})"
        return {sid: str(text) for sid, text in self._rows_in(q, story_ids)}

    def story_json(self, story_id: str) -> tuple[str, str] | None:
        """The stored story view (the object of stories.json) and its entity id map, as JSON text."""
        row = self._execute("SELECT payload, entity_map FROM stories WHERE id = ?", (story_id,)).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def article_heads(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id, title, source, published and url of articles (no text: what a list of them shows)."""
        q = "SELECT id, title, source, published, url FROM articles WHERE id IN ({ids})"
        return {
            r[0]: {"id": r[0], "title": r[1], "source": r[2], "published": r[3], "url": r[4]}
            for r in self._rows_in(q, ids)
        }

    def story_involved(self, story_id: str) -> list[tuple[str, str, str, int]]:
        """(entity id, type, normal form, articles naming it) of a story's entities."""
        rows = self._rows(
            "SELECT entity_id, type, normal, articles FROM story_entities WHERE story_id = ?", (story_id,)
        )
        return [(str(e), str(t), str(n), int(c)) for e, t, n, c in rows]

    def entity(self, entity_id: str) -> EntityBrief | None:
        row = self._execute(
            "SELECT MAX(type), MAX(normal), COUNT(*), SUM(articles) FROM story_entities WHERE entity_id = ?",
            (entity_id,),
        ).fetchone()
        if row is not None and row[0] is not None:
            return EntityBrief(entity_id, str(row[1]), str(row[0]), int(row[2]), int(row[3]))
        row = self._execute(
            "SELECT MAX(type), MAX(normal), COUNT(*) FROM article_entities WHERE entity_id = ?", (entity_id,)
        ).fetchone()
        if row is not None and row[0] is not None:
            return EntityBrief(entity_id, str(row[1]), str(row[0]), 0, int(row[2]))
        return None

    def entity_stories(self, entity_id: str, limit: int = 50) -> list[tuple[StoryBrief, int]]:
        """The stories an entity appears in, most important first, with its number of articles in each."""
        rows = self._rows(
            "SELECT s.id, s.title, s.first_date, s.last_date, s.n_events, s.n_articles, s.n_outlets, s.score,"
            " s.rank_reason, s.topic_id, se.articles"
            " FROM story_entities se JOIN stories s ON s.id = se.story_id"
            " WHERE se.entity_id = ? ORDER BY s.score DESC, s.id LIMIT ?",
            (entity_id, limit),
        )
        return [
            (
                StoryBrief(r[0], r[1], r[2], r[3], int(r[4]), int(r[5]), int(r[6]), float(r[7]), r[8], r[9]),
                int(r[10]),
            )
            for r in rows
        ]

    def entity_quotes(self, entity_id: str, limit: int = 50) -> list[EntityQuote]:
        """Quotes whose speaker is the entity (under its own id or a story's shorter form of it)."""
        ids = [entity_id] + [
            r[0]
            for r in self._rows("SELECT DISTINCT old_id FROM story_entity_ids WHERE new_id = ?", (entity_id,))
        ]
        q = (
            "SELECT q.article_id, q.text, a.published, a.event_id FROM article_quotes q"
            " JOIN articles a ON a.id = q.article_id WHERE q.speaker_entity_id IN ({ids})"
        )
        rows = sorted(self._rows_in(q, ids), key=lambda r: (r[2] or "", r[0]), reverse=True)
        return [EntityQuote(r[0], r[1], r[2], r[3]) for r in rows[:limit]]

    def find_entities(self, query: str, limit: int = 20) -> list[EntityBrief]:
        """Entities whose normal form contains ``query`` (case-insensitive), the most mentioned first (by
        articles, then stories): a search for "алиев" opens with "Ильхам Алиев" of five articles, not a
        bare "Алиев" of two one-article stories."""
        key = "%" + _fold(query).replace("%", "").replace("_", "") + "%"
        rows = self._rows(
            "SELECT entity_id, MAX(type), MAX(normal), COUNT(*), SUM(articles) FROM story_entities"
            " WHERE normal_key LIKE ? GROUP BY entity_id"
            " ORDER BY SUM(articles) DESC, COUNT(*) DESC, entity_id LIMIT ?",
            (key, limit),
        )
        return [EntityBrief(r[0], str(r[2]), str(r[1]), int(r[3]), int(r[4])) for r in rows]

    def story_changes(self, since: int, limit: int = 1000) -> list[StoryChange]:
        """What the plans applied after generation ``since`` did to stories, oldest first."""
        rows = self._rows(
            "SELECT generation, story_id, kind, new_id FROM story_log WHERE generation > ?"
            " ORDER BY generation, story_id LIMIT ?",
            (since, limit),
        )
        return [StoryChange(int(g), s, k, n) for g, s, k, n in rows]


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])
