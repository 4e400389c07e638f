"""The fault suite: kill -9 at random points of ingest and of update, concurrent writers on SQLite and
PostgreSQL, a reader during writes. Nothing may be lost or stored twice, every article must end grouped,
and a run completed after a crash must give the same events and stories as an uninterrupted one.

Each test adds its rows to ``RESULTS``; with ``STORYLINE_RECORD_FAULTS=1`` the table is written to
docs/reliability.md (the README's Reliability section is that table).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from faults.conftest import (
    ARTICLES,
    ENV,
    Partition,
    finish,
    grouped_count,
    kill_group,
    partition,
    run_cli,
    stored_count,
    wait_for,
)
from storyline.store import open_store
from storyline.store.check import inconsistencies

pytestmark = [pytest.mark.faults, pytest.mark.data]

TRIALS = 5  # at least this many kills land per kind (seeded; one more is tried)
RESULTS: dict[str, dict[str, object]] = {}
REPORT = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"


def _record(name: str, **row: object) -> None:
    RESULTS[name] = row
    if os.environ.get("STORYLINE_RECORD_FAULTS"):
        lines = [
            "| what was done | trials | completed by a rerun | articles lost | stored twice | inconsistent |",
            "|---|---|---|---|---|---|",
        ]
        for key, r in RESULTS.items():
            lines.append(
                f"| {key} | {r['trials']} | {r['completed']} | {r['lost']} | {r['duplicated']} | "
                f"{r['inconsistent']} |"
            )
        REPORT.write_text(
            "# Reliability (written by the fault suite: `STORYLINE_RECORD_FAULTS=1 pytest -m faults`)\n\n"
            + "\n".join(lines)
            + "\n",
            encoding="utf-8",
        )


def _check_against(db: str, reference: Partition) -> tuple[int, int, int, bool]:
    """(lost, stored twice, inconsistencies, equal to the reference)"""
    got = partition(db)
    with open_store(db) as store:
        problems = inconsistencies(store)
    lost = max(0, reference.articles - got.articles)
    grouped = sum(len(e) for e in got.events)
    twice = got.articles - len({a for e in got.events for a in e}) + max(0, grouped - got.articles)
    return lost, twice, len(problems), got == reference


def test_kill_during_ingest_then_rerun(
    corpus: Path, reference: tuple[Partition, float], tmp_path: Path
) -> None:
    ref, _ = reference
    rng = random.Random(13)
    lost = twice = bad = completed = kills = 0
    for trial in range(TRIALS + 1):
        db = tmp_path / f"ingest-{trial}.db"
        target = rng.randint(60, ARTICLES - 150)
        proc = run_cli(corpus, str(db), tmp_path / "out")
        reached = wait_for(lambda db=db, target=target: stored_count(db) >= target, proc, 600)
        assert reached, "the run ended or stalled before the kill point"
        kill_group(proc)
        if stored_count(db) >= ARTICLES:
            continue  # every article was stored before the kill landed: not an ingest trial
        kills += 1
        finish(run_cli(corpus, str(db), tmp_path / "out"))
        n_lost, n_twice, n_bad, equal = _check_against(str(db), ref)
        lost, twice, bad = lost + n_lost, twice + n_twice, bad + n_bad
        completed += equal
        assert equal, f"trial {trial}: the rerun's events and stories differ from the uninterrupted run"
    assert kills >= TRIALS, "most kills should land while articles are stored"
    _record(
        f"kill -9 during ingest of {ARTICLES} real articles, then rerun",
        trials=kills, completed=completed, lost=lost, duplicated=twice, inconsistent=bad,
    )  # fmt: skip
    assert (lost, twice, bad) == (0, 0, 0)


def test_kill_during_update_then_rerun(
    corpus: Path, ingested: Path, reference: tuple[Partition, float], tmp_path: Path
) -> None:
    ref, _ = reference
    rng = random.Random(17)
    lost = twice = bad = completed = kills = 0
    partial_plans = 0
    for trial in range(TRIALS + 1):
        db = tmp_path / f"update-{trial}.db"
        shutil.copy(ingested, db)
        # the kill point: once a random number of articles is grouped (0: while the first plan is
        # computed), then a random part of a second, so kills fall inside plans and between them
        target = rng.choice([0, rng.randint(1, ARTICLES - 200)])
        pause = rng.uniform(0.0, 1.5)
        proc = run_cli(corpus, str(db), tmp_path / "out")
        wait_for(lambda db=db, target=target: grouped_count(db) >= target, proc, 600)
        time.sleep(pause)
        if proc.poll() is not None:
            continue  # finished before the kill: not a trial
        kill_group(proc)
        kills += 1
        with open_store(str(db)) as store:
            waiting = len(store.pending_article_ids())
        partial_plans += 0 < waiting < ARTICLES
        finish(run_cli(corpus, str(db), tmp_path / "out"))
        n_lost, n_twice, n_bad, equal = _check_against(str(db), ref)
        lost, twice, bad = lost + n_lost, twice + n_twice, bad + n_bad
        completed += equal
        assert equal, f"trial {trial}: the rerun's events and stories differ from the uninterrupted run"
    assert kills >= TRIALS, "most kills should land while the update runs"
    assert partial_plans >= 1, "some kills should land between two applied plans"
    _record(
        f"kill -9 during update (grouping) of {ARTICLES} stored articles, then rerun",
        trials=kills, completed=completed, lost=lost, duplicated=twice, inconsistent=bad,
    )  # fmt: skip
    assert (lost, twice, bad) == (0, 0, 0)


def _slices(corpus: Path, writers: int, tmp_path: Path, size: int = 240) -> tuple[list[Path], set[str]]:
    rows = [json.loads(line) for line in corpus.open(encoding="utf-8")][:size]
    width = size // 2
    step = (size - width) // max(1, writers - 1)
    files, ids = [], set()
    for w in range(writers):
        part = rows[w * step : w * step + width]
        path = tmp_path / f"writer-{writers}-{w}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part), encoding="utf-8")
        files.append(path)
        ids |= {str(r["id"]) for r in part}
    return files, ids


READER = """
import json, sys, time
from storyline.store import open_store
from storyline.store.check import inconsistencies
from pathlib import Path
db, stop, deadline = sys.argv[1], Path(sys.argv[2]), time.monotonic() + 900
reads, bad = 0, []
while time.monotonic() < deadline and not stop.exists():
    try:
        with open_store(db) as store:
            found = inconsistencies(store, pending_allowed=True)
    except Exception as exc:  # a database still being created
        if reads == 0:
            time.sleep(0.2)
            continue
        raise
    reads += 1
    bad += found
    time.sleep(0.1)
print(json.dumps({"reads": reads, "bad": bad[:5], "n_bad": len(bad)}))
"""


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_store_once_and_group_everything(
    corpus: Path, tmp_path: Path, writers: int, backend: str, request: pytest.FixtureRequest
) -> None:
    db = str(tmp_path / "w.db") if backend == "sqlite" else str(request.getfixturevalue("postgres_url"))
    files, ids = _slices(corpus, writers, tmp_path)
    with open_store(db):
        pass  # create the schema once, before the writers race
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, db, str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **ENV},
    )
    procs = [
        run_cli(f, db, tmp_path / f"out-{k}", {"STORYLINE_ANNOTATE__WORKERS": "1"})
        for k, f in enumerate(files)
    ]
    for p in procs:
        finish(p, timeout=900)
    stop.touch()
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err[-3000:]
    with open_store(db) as store:
        stored = store.all_article_ids()
        problems = inconsistencies(store)
    lost = len(ids - set(stored))
    twice = len(stored) - len(set(stored))
    _record(
        f"{writers} `storyline run` at once on one {backend} database, overlapping inputs",
        trials=1,
        completed=int(not problems and not lost),
        lost=lost,
        duplicated=twice,
        inconsistent=len(problems),
    )
    assert set(stored) == ids and not twice
    assert problems == []
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["reads"] > 0 and seen["n_bad"] == 0, seen["bad"]
