"""storyline: raw news articles in; events, stories, timelines and cited summaries out.

import storyline

with storyline.Engine.open("news.db") as engine:       # or ":memory:", or "postgresql://…"
    engine.add("examples/seeds")                        # paths, or dicts in the JSONL record format
    engine.update()                                     # events and stories
    for brief in engine.stories(limit=10):
        page = engine.story(brief.id)                   # summary, timeline, events, articles
"""

from storyline.add import IngestReport
from storyline.config import Config
from storyline.engine import Engine
from storyline.errors import ConfigError, InputProblem, NotFoundError, StoreError, StorylineError
from storyline.model import (
    Article,
    ArticleEntry,
    Citation,
    Claim,
    Conflict,
    DateMention,
    Entity,
    Event,
    EventPage,
    OutletFact,
    Quote,
    RawDoc,
    Span,
    Story,
    StoryBrief,
    StoryPage,
    StoryQuote,
    TimelineEntry,
)
from storyline.update import UpdateReport

__version__ = "0.2.0"

__all__ = [
    "Article",
    "ArticleEntry",
    "Citation",
    "Claim",
    "Config",
    "ConfigError",
    "Conflict",
    "DateMention",
    "Engine",
    "Entity",
    "Event",
    "EventPage",
    "IngestReport",
    "InputProblem",
    "NotFoundError",
    "OutletFact",
    "Quote",
    "RawDoc",
    "Span",
    "StoreError",
    "Story",
    "StoryBrief",
    "StoryPage",
    "StoryQuote",
    "StorylineError",
    "TimelineEntry",
    "UpdateReport",
    "__version__",
]
