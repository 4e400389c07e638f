"""The fault suite's corpus and its uninterrupted reference run.

800 real articles of ../shared/data/bsnlp (every fourth document in (topic, language, id) order), run
with small ingest transactions (50 articles) and small update plans (100 articles), so that a kill can
fall between many commits of both phases.

Every run of the suite shares one prepare cache (``annotate.cache_dir``): the reference run prepares
each article once (models, vectors), every later run reads the prepared article back. The runs under
test still read, store, group and export everything, through the same transactions; what the cache
saves is the model time that made a dozen reruns of 800 articles take most of CI's budget. The reference
run prepares the articles in worker processes (and fills the cache); the runs under test use the serial
executor, which for prepared articles is the faster one (no pool to start), and must give the same
events and stories.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ARTICLES = 800
ENV = {
    "STORYLINE_INGEST__BATCH_SIZE": "50",
    "STORYLINE_CLUSTER__UPDATE_BATCH": "100",
    "STORYLINE_ANNOTATE__WORKERS": "2",
    "STORYLINE_ANNOTATE__EXECUTOR": "serial",
}


@dataclass(frozen=True)
class Partition:
    """Events and stories as sets of article sets (ids of events and stories aside)."""

    events: frozenset[frozenset[str]]
    stories: frozenset[frozenset[str]]
    articles: int


def partition(db: str) -> Partition:
    from storyline.store import open_store

    with open_store(db) as store, store.reading():
        ids = store.all_article_ids()
        members = store.memberships(ids)
        events: dict[str, set[str]] = {}
        for a, m in members.items():
            if m.event_id:
                events.setdefault(m.event_id, set()).add(a)
        stories = []
        for s in store.story_ids():
            story, _ = store.story(s)
            stories.append(frozenset(story.article_ids))
    return Partition(frozenset(frozenset(v) for v in events.values()), frozenset(stories), len(ids))


def run_cli(
    corpus: Path, db: str, out: Path, extra_env: Mapping[str, str] | None = None
) -> subprocess.Popen[str]:
    cmd = [
        sys.executable,
        "-m",
        "storyline.cli",
        "run",
        str(corpus),
        "--db",
        db,
        "--out",
        str(out),
        "--quiet",
    ]
    env = {**os.environ, **ENV, **(extra_env or {})}
    return subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def finish(proc: subprocess.Popen[str], timeout: float = 600) -> None:
    _, err = proc.communicate(timeout=timeout)
    assert proc.returncode in (0, 3), err[-3000:]


def kill_group(proc: subprocess.Popen[str]) -> None:
    """kill -9 the run and its worker processes."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def grouped_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles WHERE state=1").fetchone()[0])
    except sqlite3.Error:
        return 0


def wait_for(predicate: object, proc: subprocess.Popen[str], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="session", autouse=True)
def prepare_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("prepared")
    ENV["STORYLINE_ANNOTATE__CACHE_DIR"] = str(path)
    return path


@pytest.fixture(scope="session")
def corpus(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = [json.loads(line) for line in (shared_data / "bsnlp" / "documents.jsonl").open(encoding="utf-8")]
    rows.sort(key=lambda r: (str(r["topic"]), str(r["lang"]), str(r["id"])))
    keys = ("id", "text", "title", "date", "lang", "url")
    picked = [{k: r[k] for k in keys if r.get(k)} for r in rows[::4] if str(r.get("text") or "").strip()]
    path = tmp_path_factory.mktemp("faults") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for r in picked[:ARTICLES]:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="session")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Partition, float]:
    """The uninterrupted run: its partition and how long it took."""
    work = tmp_path_factory.mktemp("reference")
    started = time.monotonic()
    finish(run_cli(corpus, str(work / "ref.db"), work / "out", {"STORYLINE_ANNOTATE__EXECUTOR": "process"}))
    return partition(str(work / "ref.db")), time.monotonic() - started


@pytest.fixture(scope="session")
def ingested(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the corpus, stored but not yet grouped."""
    from storyline.config import load
    from storyline.engine import Engine

    db = tmp_path_factory.mktemp("ingested") / "ingested.db"
    with Engine(db, load(environ=ENV)) as engine:
        engine.add([corpus])
    return db
