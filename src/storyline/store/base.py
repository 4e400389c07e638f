"""What the stages need from storage, as narrow protocols. ``SQLiteStore`` and ``PostgresStore`` implement
all of them (``Store``); the conformance tests in ``tests/test_store.py`` run against both.

- ``ArticleStore``: articles in (with their vectors, signature and outlet lines), articles out.
- ``GraphStore``: the reads an update needs (the time window of the new articles, near-duplicate
  candidates, the event/story graph with its redirects) and ``apply``, which writes a whole plan in one
  transaction, or refuses it when another writer changed the graph since the plan's snapshot.
- ``ViewStore``: the stored views a page reads, each read costing what it returns.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from storyline.model import Article, Event, Prepared, Signature, Story, StoryBrief, Topic, TopicBrief
from storyline.plan import Plan
from storyline.store.index import Cursor, EntityBrief, EntityQuote, SearchHit, StoryChange
from storyline.stories import StoryState, TopicState
from storyline.views.rank import Activity
from storyline.views.topic import StorySummary

ArticleMeta = tuple[str | None, str | None]  # (published, source)


@dataclass(frozen=True, slots=True)
class Membership:
    event_id: str | None
    duplicate_of: str | None
    grouped: bool  # False: waiting for the next update (new, or changed since it was grouped)


class ArticleStore(Protocol):
    def article_hashes(self, ids: Sequence[str]) -> dict[str, str]: ...

    def put_articles(self, items: Sequence[Prepared]) -> None:
        """Insert new articles and replace changed ones (same id, other content: it keeps its id and
        arrival number and waits to be grouped again); one transaction."""

    def articles(self, ids: Iterable[str]) -> list[Article]: ...

    def all_article_ids(self) -> list[str]:
        """Every article, in arrival order."""

    def article_meta(self, ids: Iterable[str]) -> dict[str, ArticleMeta]: ...

    def pending_article_ids(self, limit: int | None = None) -> list[str]:
        """Articles not yet grouped, in (published, arrival) order, undated last."""

    def pending_days(self) -> list[tuple[str | None, int]]:
        """(publication day or None, articles waiting to be grouped), days in order, undated last."""

    def pending_article_ids_between(self, first_day: str, last_day: str) -> list[str]:
        """Articles waiting to be grouped published on the days given (inclusive), in (published, arrival)
        order."""

    def outlet_line_counts(self, wanted: Mapping[str, Collection[int]]) -> dict[str, dict[int, int]]:
        """outlet key -> {line hash: articles of the outlet with that line}, for the wanted lines."""

    def count(self, table: str) -> int: ...


class GraphStore(Protocol):
    def generation(self) -> int:
        """A number that every applied plan increases: a plan made from an older snapshot is stale."""

    def grouped_article_ids_between(self, first_day: str, last_day: str) -> list[str]: ...

    def undated_grouped_article_ids(self, latest: int | None = None) -> list[str]: ...

    def memberships(self, ids: Iterable[str]) -> dict[str, Membership]: ...

    def article_order(self, ids: Iterable[str]) -> dict[str, tuple[str, int]]:
        """(published or "~" when undated, arrival number): the canonical order of articles."""

    def article_ids_by_event(self, event_ids: Iterable[str]) -> dict[str, list[str]]:
        """event -> its grouped articles in (published, arrival) order."""

    def event_day_spans(self, event_ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]: ...

    def vectors(self, ids: Iterable[str]) -> dict[str, dict[str, np.ndarray]]:
        """Named vectors of the current version of each article."""

    def signatures(self, ids: Iterable[str]) -> dict[str, Signature]: ...

    def minhash_candidates(self, bands: Sequence[tuple[int, int]]) -> set[str]: ...

    def copies_of(self, canonicals: Iterable[str]) -> dict[str, str]:
        """copy id -> canonical id, for the copies of the given canonical articles."""

    def event_stories_between(self, first_day: str, last_day: str, undated: str) -> list[tuple[str, str]]:
        """(event, story) of the events in a story dated within the days, and of the undated ones."""

    def story_event_ids(self, story_ids: Iterable[str]) -> dict[str, list[str]]: ...

    def story_states(self, ids: Iterable[str]) -> dict[str, StoryState]:
        """What story linking keeps of each story (days, size, centroid, topic)."""

    def topic_states(
        self, since: str | None = None, ids: Iterable[str] | None = None
    ) -> dict[str, TopicState]:
        """Topics active on or after ``since`` (every topic when None), or the given ones."""

    def latest_day(self) -> str | None:
        """The collection's latest publication day, as of the last applied plan."""

    def story_activity(self, since: str) -> dict[str, tuple[Activity, str | None]]:
        """story -> (activity, topic), of the stories whose last day is on or after ``since``."""

    def topic_story_summaries(self, topic_ids: Iterable[str]) -> dict[str, tuple[StorySummary, ...]]: ...

    def resolve(self, some_id: str) -> str:
        """The surviving id of a merged event or story (the id itself when it was not merged)."""

    def redirects(self, to: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
        """(old id, new id, kind) of every redirect, or of those to the given ids."""

    def apply(self, plan: Plan) -> None:
        """Write the plan in one transaction; ``StalePlanError`` when the generation moved on."""


class ViewStore(Protocol):
    def story_ids(self) -> list[str]:
        """Every story, most important first."""

    def events(self, ids: Iterable[str]) -> list[tuple[Event, str | None]]:
        """Stored event views with their story id."""

    def story(self, story_id: str) -> tuple[Story, dict[str, tuple[str, str]]]:
        """A stored story view (merged ids resolved) and its story-wide entity id map."""

    def story_briefs(
        self,
        limit: int = 20,
        offset: int = 0,
        since: str | None = None,
        until: str | None = None,
        query: str | None = None,
        topic: str | None = None,
    ) -> list[StoryBrief]:
        """A page of the ranked story list (stories whose span meets [since, until], title containing
        ``query``, case-insensitive; of one topic)."""

    def topic(self, topic_id: str) -> Topic:
        """A stored topic view (merged ids resolved)."""

    def topic_briefs(self, limit: int = 20, offset: int = 0, query: str | None = None) -> list[TopicBrief]:
        """A page of the ranked topic list."""


class SearchStore(Protocol):
    """The service's reads (``storyline.store.index``): full-text search, entities, facets, the story log."""

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]: ...

    def event_story_ids(self, event_ids: Iterable[str]) -> dict[str, str | None]: ...

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
    ) -> list[StoryBrief]: ...

    def story_summaries(self, story_ids: Iterable[str]) -> dict[str, str]: ...

    def story_json(self, story_id: str) -> tuple[str, str] | None: ...

    def article_heads(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]: ...

    def story_involved(self, story_id: str) -> list[tuple[str, str, str, int]]: ...

    def entity(self, entity_id: str) -> EntityBrief | None: ...

    def entity_stories(self, entity_id: str, limit: int = 50) -> list[tuple[StoryBrief, int]]: ...

    def entity_quotes(self, entity_id: str, limit: int = 50) -> list[EntityQuote]: ...

    def find_entities(self, query: str, limit: int = 20) -> list[EntityBrief]: ...

    def story_changes(self, since: int, limit: int = 1000) -> list[StoryChange]: ...

    def index_backlog(self, batch: int = 500) -> int: ...


class Store(ArticleStore, GraphStore, ViewStore, SearchStore, Protocol):
    url: str

    def close(self) -> None: ...

    def reading(self) -> AbstractContextManager[None]:
        """Several reads that see one consistent state (a read transaction)."""

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


def chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
