"""Facade over the pipeline and the store: what the CLI (and any caller) uses."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from storyline import pipeline
from storyline.config import Config
from storyline.errors import InputProblem
from storyline.export import render_html, render_markdown
from storyline.export.payload import build_payload
from storyline.model import Story
from storyline.store.sqlite import SQLiteStore

log = logging.getLogger(__name__)


class Engine:
    """Open a database; ingest inputs; update events and stories; read and export results."""

    def __init__(self, db: str | Path, config: Config | None = None) -> None:
        self.config = config or Config()
        self.store = SQLiteStore(db)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(
        self,
        paths: Sequence[str | Path],
        progress: Callable[[int], None] | None = None,
        on_problem: Callable[[InputProblem], None] | None = None,
    ) -> pipeline.IngestReport:
        return pipeline.ingest(paths, self.store, self.config, progress, on_problem)

    def update(self) -> pipeline.UpdateReport:
        return pipeline.update(self.store, self.config)

    def run(
        self,
        paths: Sequence[str | Path],
        progress: Callable[[int], None] | None = None,
        on_problem: Callable[[InputProblem], None] | None = None,
    ) -> tuple[pipeline.IngestReport, pipeline.UpdateReport]:
        report = self.ingest(paths, progress, on_problem)
        return report, self.update()

    def stories(self) -> list[Story]:
        return self.store.stories()

    def story(self, story_id: str) -> Story:
        return self.store.story(story_id)

    def payload(self, story_ids: list[str] | None = None) -> dict[str, Any]:
        return build_payload(self.store, story_ids)

    def export(self, out_dir: str | Path, payload: dict[str, Any] | None = None) -> list[Path]:
        """Write stories.json, stories.md and report.html into ``out_dir``."""
        data = payload if payload is not None else self.payload()
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        files = {
            "stories.json": json.dumps(data, ensure_ascii=False, indent=1),
            "stories.md": render_markdown(data),
            "report.html": render_html(data),
        }
        written = []
        for name, content in files.items():
            path = out / name
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_text(content, encoding="utf-8")
            tmp.replace(path)
            written.append(path)
        return written
