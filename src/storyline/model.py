"""Typed, immutable values that flow between stages.

Every offset (``start``, ``stop``) is a character offset into the cleaned ``Article.text``
(``stop`` exclusive). Stages never mutate these objects; they return new ones
(``dataclasses.replace``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

EntityType = Literal["PER", "ORG", "LOC"]
Granularity = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One input document exactly as a reader found it (before cleaning)."""

    id: str
    text: str
    origin: str  # "path" or "path:line" for JSONL
    format: Literal["seed", "jsonl", "html", "text"]
    published: str | None = None  # ISO date or datetime
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    # True when the text is already clean body text (JSONL with a separate title, HTML via
    # trafilatura); the cleaner then only normalises whitespace instead of removing lines.
    prepared: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    stop: int


@dataclass(frozen=True, slots=True)
class Entity:
    text: str  # surface form as in the text
    normal: str  # normal (nominative, canonical) form: "Ильхамом Алиевым" -> "Ильхам Алиев"
    type: EntityType
    start: int
    stop: int
    entity_id: str  # the same real-world entity has the same id within an article / story


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    value: str  # ISO at granularity: "2025-10-24", "2024-12", "2025"; ranges "2025-06/2025-08"
    granularity: Granularity
    start: int
    stop: int


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    speaker: str | None  # normal form of the speaker entity (or the speaker phrase when unresolved)
    speaker_entity_id: str | None
    start: int
    stop: int
    kind: Literal["direct", "indirect"] = "direct"


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned (and, after the annotate stage, annotated) article."""

    id: str
    text: str
    origin: str
    content_hash: str  # hash of the raw input: the same input is stored once
    published: str | None = None
    title: str | None = None
    lead: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    sentences: tuple[Span, ...] = ()
    lemmas: tuple[str, ...] = ()  # content-word lemmas in text order
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quotes: tuple[Quote, ...] = ()

    @property
    def day(self) -> str | None:
        """Publication day (YYYY-MM-DD) or None."""
        return self.published[:10] if self.published else None


@dataclass(frozen=True, slots=True)
class Citation:
    """A sentence of a summary with the articles that report it."""

    text: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str  # ISO at granularity (see DateMention.value)
    granularity: Granularity
    text: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    text: str
    by: str  # who claims it (outlet, person or party)
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    about: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class OutletFact:
    """A fact of a story and the outlets that report it (``only``: the one outlet that has it)."""

    text: str
    outlets: tuple[str, ...]
    article_ids: tuple[str, ...]
    only: str | None = None


@dataclass(frozen=True, slots=True)
class StoryQuote:
    text: str
    speaker: str | None
    date: str | None
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """One happening, reported by one or more articles."""

    id: str
    article_ids: tuple[str, ...]
    date: str | None = None
    title: str | None = None
    summary: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """A storyline: events that belong together over time."""

    id: str
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    title: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    timeline: tuple[TimelineEntry, ...] = ()
    summary: tuple[Citation, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    quotes: tuple[StoryQuote, ...] = ()
    outlets: tuple[str, ...] = ()
    score: float = 0.0
    outlet_facts: tuple[OutletFact, ...] = ()
    topic_id: str | None = None
    rank_reason: str = ""  # why it ranks where it does: "42 outlets, 120 articles in the last 7 days"


@dataclass(frozen=True, slots=True)
class Topic:
    """A long-running subject: the stories about it, most important first."""

    id: str
    story_ids: tuple[str, ...]
    title: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    articles: int = 0
    outlets: tuple[str, ...] = ()
    score: float = 0.0
    rank_reason: str = ""


# ---------------------------------------------------------------- what a reader asks for (pages)
@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """An article as a page shows it: its place in the event graph, entity ids shared story-wide."""

    article: Article
    event_id: str | None = None
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class StoryBrief:
    """One row of the story list: what it takes to rank and show a story without reading its page."""

    id: str
    title: str | None
    first_date: str | None
    last_date: str | None
    events: int
    articles: int
    outlets: int
    score: float
    rank_reason: str = ""
    topic_id: str | None = None


@dataclass(frozen=True, slots=True)
class TopicBrief:
    id: str
    title: str | None
    first_date: str | None
    last_date: str | None
    stories: int
    articles: int
    outlets: int
    score: float
    rank_reason: str = ""


@dataclass(frozen=True, slots=True)
class TopicPage:
    topic: Topic
    stories: tuple[StoryBrief, ...]


@dataclass(frozen=True, slots=True)
class EventPage:
    event: Event
    story_id: str | None
    articles: tuple[ArticleEntry, ...]


@dataclass(frozen=True, slots=True)
class StoryPage:
    story: Story
    events: tuple[Event, ...]
    articles: tuple[ArticleEntry, ...]


# ---------------------------------------------------------------- what annotation computes once per article
@dataclass(frozen=True, slots=True, eq=False)
class Signature:
    """MinHash signature of an article's shingles (``storyline.dedup``)."""

    article_id: str
    size: int  # number of distinct shingles
    hashes: np.ndarray  # uint64, (num_perm,)


@dataclass(frozen=True, slots=True, eq=False)
class Prepared:
    """An annotated article with what is computed once per article version and stored beside it: the raw
    input, named sentence vectors ("doc", "title", ...), the MinHash signature, and the outlet lines it adds
    to the cleaning context (``storyline.clean.outlet``)."""

    article: Article
    raw: RawDoc
    vectors: Mapping[str, np.ndarray] = field(default_factory=dict)
    signature: Signature | None = None
    bands: tuple[tuple[int, int], ...] = ()  # LSH (band, bucket) keys of the signature
    outlet: str | None = None  # outlet key (``clean.outlet.outlet_key``); None: not counted
    lines: tuple[int, ...] = ()  # hashes of the distinct normalised lines of the raw text
