"""The JSON shapes of the API, for its OpenAPI schema (the same objects as ``stories.json``, README
"Output"). Handlers build plain dicts; the schema fuzz tests check that every answer matches these."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Error(BaseModel):
    detail: str = Field(description="what went wrong and what to do")


class ArticleIn(BaseModel):
    """An article in the JSONL record format (README "Input"); other keys are ignored."""

    model_config = ConfigDict(extra="allow")
    id: str | int
    text: str
    title: str | None = None
    published: str | float | None = Field(None, description="ISO date or datetime, or unix time")
    date: str | float | None = Field(None, description="the same as published")
    source: str | None = None
    url: str | None = None
    language: str | None = None
    lang: str | None = None


class ArticleResult(BaseModel):
    line: int = Field(description="the record's number in the request, from 1")
    id: str | None
    status: str = Field(description="added, changed, unchanged or rejected")
    reason: str | None = Field(description="why it was rejected (or left unchanged)")
    event_id: str | None
    story_id: str | None
    notes: list[str] = Field(description="what was noted while reading it (a date that was ignored, ...)")


class IngestResult(BaseModel):
    articles: list[ArticleResult]
    added: int
    changed: int
    unchanged: int
    rejected: int


class StoryBrief(BaseModel):
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


class StoryList(BaseModel):
    stories: list[StoryBrief]
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page; null on the last")


class CitationOut(BaseModel):
    text: str
    article_ids: list[str]


class TimelineEntryOut(BaseModel):
    date: str
    granularity: str
    text: str
    article_ids: list[str]


class ClaimOut(BaseModel):
    text: str
    by: str
    article_ids: list[str]


class ConflictOut(BaseModel):
    about: str
    claims: list[ClaimOut]


class StoryQuoteOut(BaseModel):
    text: str
    speaker: str | None
    date: str | None
    article_ids: list[str]
    outlets: list[str]


class OutletFactOut(BaseModel):
    text: str
    outlets: list[str]
    article_ids: list[str]
    only: str | None


class StoryOut(BaseModel):
    id: str
    event_ids: list[str]
    article_ids: list[str]
    title: str | None
    first_date: str | None
    last_date: str | None
    timeline: list[TimelineEntryOut]
    summary: list[CitationOut]
    conflicts: list[ConflictOut]
    quotes: list[StoryQuoteOut]
    outlets: list[str]
    score: float
    outlet_facts: list[OutletFactOut]


class EventOut(BaseModel):
    id: str
    article_ids: list[str]
    date: str | None
    title: str | None
    summary: list[CitationOut]
    story_id: str | None


class EntityOut(BaseModel):
    text: str
    normal: str
    type: str
    start: int
    stop: int
    entity_id: str


class DateOut(BaseModel):
    text: str
    value: str
    granularity: str
    start: int
    stop: int


class QuoteOut(BaseModel):
    text: str
    speaker: str | None
    speaker_entity_id: str | None
    start: int
    stop: int
    kind: str


class ArticleOut(BaseModel):
    id: str
    published: str | None
    title: str | None
    source: str | None
    url: str | None
    language: str | None
    lead: str | None
    text: str
    event_id: str | None
    duplicate_of: str | None
    story_id: str | None
    entities: list[EntityOut]
    dates: list[DateOut]
    quotes: list[QuoteOut]


class EntityBrief(BaseModel):
    id: str
    normal: str
    type: str
    stories: int
    articles: int


class EntityList(BaseModel):
    entities: list[EntityBrief]


class EntityStory(StoryBrief):
    entity_articles: int = Field(description="articles of the story that name the entity")


class EntityQuoteOut(BaseModel):
    text: str
    article_id: str
    published: str | None
    event_id: str | None


class EntityPage(EntityBrief):
    story_list: list[EntityStory]
    quotes: list[EntityQuoteOut]


class SearchHit(BaseModel):
    article_id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    event_id: str | None
    story_id: str | None
    snippet: str
    rank: float


class SearchResult(BaseModel):
    query: str
    results: list[SearchHit]


class Change(BaseModel):
    generation: int
    story_id: str
    kind: str = Field(description="created, changed, merged (into new_id) or deleted")
    new_id: str | None


class Changes(BaseModel):
    generation: int
    changes: list[Change]


class Health(BaseModel):
    status: str
    generation: int
    writer: str


def ingest_body_schema() -> dict[str, Any]:
    """The request body of POST /articles: one record, an array, or JSONL."""
    record = {"$ref": "#/components/schemas/ArticleIn"}
    return {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"anyOf": [record, {"type": "array", "items": record, "minItems": 1}]}
            },
            "application/x-ndjson": {"schema": {"type": "string", "description": "one JSON record per line"}},
        },
    }
