"""The public facade: open a database, add articles, update events and stories, read pages, export.

    >>> import storyline
    >>> engine = storyline.Engine.open(":memory:")
    >>> report = engine.add({"id": "a1", "text": "...", "published": "2025-10-24"})

The CLI, the web service and the distributed engine are thin shells over this class.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from storyline.add import IngestReport, Source, Status, add_sources
from storyline.annotate.coref import apply_entity_map
from storyline.components import Preparer
from storyline.config import Config
from storyline.errors import InputProblem, NotFoundError
from storyline.executors import Executor
from storyline.export import render_markdown, render_report
from storyline.export.payload import build_payload
from storyline.model import ArticleEntry, EventPage, StoryBrief, StoryPage, TopicBrief, TopicPage
from storyline.plan import PlanModels
from storyline.store import open_store
from storyline.update import UpdateReport, load_plan_models, run_update

log = logging.getLogger(__name__)

DEFAULT_DB = "storyline.db"


class Engine:
    """One database (a SQLite path, ``:memory:``, or a ``postgresql://`` URL) and what runs over it."""

    def __init__(
        self,
        db: str | Path = DEFAULT_DB,
        config: Config | None = None,
        *,
        preparer: Preparer | None = None,
        executor: Executor | None = None,
        plan_models: PlanModels | None = None,
    ) -> None:
        self.config = config or Config()
        self.store = open_store(db)
        self.preparer = preparer or Preparer.from_config(self.config)
        self.executor = executor  # None: chosen per run (worker processes when there is enough work)
        self._plan_models = plan_models

    @classmethod
    def open(cls, url: str | Path = DEFAULT_DB, config: Config | None = None) -> Engine:
        return cls(url, config)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- writing
    def add(
        self,
        sources: Source | Iterable[Source],
        progress: Callable[[int], None] | None = None,
        on_problem: Callable[[InputProblem], None] | None = None,
        on_article: Callable[[str, Status, str], None] | None = None,
    ) -> IngestReport:
        """Store articles: paths of files and directories, or dicts in the JSONL record format (one, or an
        iterable of them). New and changed articles are cleaned and annotated; nothing is grouped until
        ``update``."""
        items: list[Source] = [sources] if isinstance(sources, str | Path | dict) else list(sources)
        return add_sources(
            items, self.store, self.config, self.preparer, self.executor, progress, on_problem, on_article
        )

    def update(self, progress: Callable[[int], None] | None = None) -> UpdateReport:
        """Group the articles waiting into events and stories; refresh the views they touch."""
        if self._plan_models is None and self.store.pending_article_ids(1):
            self._plan_models = load_plan_models()
        return run_update(self.store, self.config, self._plan_models, progress)

    def run(
        self,
        sources: Source | Iterable[Source],
        progress: Callable[[int], None] | None = None,
        on_problem: Callable[[InputProblem], None] | None = None,
    ) -> tuple[IngestReport, UpdateReport]:
        report = self.add(sources, progress, on_problem)
        return report, self.update()

    # ---------------------------------------------------------------- reading
    def stories(
        self,
        limit: int = 20,
        offset: int = 0,
        since: str | None = None,
        until: str | None = None,
        query: str | None = None,
        topic: str | None = None,
    ) -> list[StoryBrief]:
        """A page of the ranked story list (of one topic when ``topic`` is given)."""
        return self.store.story_briefs(limit, offset, since, until, query, topic)

    def topics(self, limit: int = 20, offset: int = 0, query: str | None = None) -> list[TopicBrief]:
        """A page of the ranked topic list (long-running subjects that hold stories)."""
        return self.store.topic_briefs(limit, offset, query)

    def topic(self, topic_id: str, limit: int = 50) -> TopicPage:
        """One topic and its stories, most important first (a merged id gives the surviving topic)."""
        with self.store.reading():
            topic = self.store.topic(topic_id)
            stories = self.store.story_briefs(limit=limit, topic=topic.id)
        return TopicPage(topic, tuple(stories))

    def story(self, story_id: str) -> StoryPage:
        """One story with its events and articles (a merged id gives the surviving story)."""
        with self.store.reading():
            story, entity_map = self.store.story(story_id)
            events = tuple(e for e, _ in self.store.events(story.event_ids))
            articles = self._entries(story.article_ids)
        unified = tuple(
            ArticleEntry(apply_entity_map(e.article, entity_map), e.event_id, e.duplicate_of)
            for e in articles
        )
        return StoryPage(story, events, unified)

    def event(self, event_id: str) -> EventPage:
        with self.store.reading():
            resolved = self.store.resolve(event_id)
            found = self.store.events([resolved])
            if not found:
                raise NotFoundError(f"no event {event_id!r}")
            event, story_id = found[0]
            articles = self._entries(event.article_ids)
        return EventPage(event, story_id, articles)

    def _entries(self, ids: Sequence[str]) -> tuple[ArticleEntry, ...]:
        state = self.store.memberships(ids)
        return tuple(
            ArticleEntry(a, state[a.id].event_id, state[a.id].duplicate_of)
            for a in self.store.articles(ids)
            if a.id in state
        )

    def payload(self, story_ids: Iterable[str] | None = None) -> dict[str, Any]:
        """The JSON payload of the given stories (merged ids resolved), or of every story."""
        with self.store.reading():  # one consistent state, even while another process writes
            if story_ids is None:
                ids = self.store.story_ids()
            else:
                ids = list(dict.fromkeys(self.store.resolve(s) for s in story_ids))
            pages = [self.story(s) for s in ids]
            topic_ids = sorted({p.story.topic_id for p in pages if p.story.topic_id})
            topics = [self.store.topic(t) for t in topic_ids]
            targets = {p.story.id for p in pages} | {e.id for p in pages for e in p.events} | set(topic_ids)
            redirects = self.store.redirects() if story_ids is None else self.store.redirects(targets)
        return build_payload(pages, redirects, topics)

    def export(self, out_dir: str | Path, payload: dict[str, Any] | None = None) -> list[Path]:
        """Write stories.json, stories.md, report.html (an index by topic) and stories/<id>.html (a page
        per story) into ``out_dir``; returns the files and the stories folder."""
        data = payload if payload is not None else self.payload()
        out = Path(out_dir)
        files = {
            "stories.json": json.dumps(data, ensure_ascii=False, indent=1),
            "stories.md": render_markdown(data),
            **render_report(data),
        }
        written: list[Path] = []
        for name, content in files.items():
            path = out / name
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_text(content, encoding="utf-8")
            tmp.replace(path)
            if path.parent == out:
                written.append(path)
        if any(name.startswith("stories/") for name in files):
            written.append(out / "stories")
        return written
