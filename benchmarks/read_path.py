"""What a reader's request costs as the database grows: ``storyline story ID`` (one story page: its row,
its events, its articles; rendered for the terminal) and a page of ``storyline stories`` (20 rows of the
ranked list), on a database of the real bsnlp collection (3,797 documents) and on that database grown
SYNTHETICALLY to ~100k articles (its rows copied under new ids, shifted back in time; see
benchmarks/incremental_update.py ``grow``).

    python benchmarks/read_path.py --record        # writes benchmarks/results/read_path.json

Reported per size: median and 95th percentile milliseconds over ``--reps`` calls of each read, in one
process (``Engine.story`` + payload + terminal rendering; ``Engine.stories``), and the wall time of the
``storyline story ID`` command as a user runs it (Python start-up included).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from incremental_update import grow
from storyline.config import Config
from storyline.engine import Engine
from storyline.evaluate.data import data_root
from storyline.export.terminal import render_story

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "read_path.json"


def timed(fn: object, reps: int) -> dict[str, float]:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(1000 * (time.perf_counter() - t))
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (reps - 1))], 2),
    }


def measure(db: Path, reps: int) -> dict[str, object]:
    with Engine(db, Config()) as engine:
        articles = engine.store.count("articles")
        top = engine.stories(limit=1)[0]
        mid = engine.stories(limit=1, offset=engine.store.count("stories") // 2)[0]

        def story_page(story_id: str) -> None:
            payload = engine.payload([story_id])
            render_story(payload, payload["stories"][0]["id"])

        row: dict[str, object] = {
            "articles": articles,
            "stories": engine.store.count("stories"),
            "largest_story_articles": top.articles,
            "story_page_largest": timed(lambda: story_page(top.id), reps),
            "story_page_median_story": timed(lambda: story_page(mid.id), reps),
            "story_list_page_of_20": timed(lambda: engine.stories(limit=20), reps),
            "story_list_page_20_at_offset_1000": timed(lambda: engine.stories(limit=20, offset=1000), reps),
        }
    cli = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "storyline.cli", "story", mid.id, "--db", str(db)],
            check=True,
            capture_output=True,
        )
        cli.append(time.perf_counter() - t)
    row["cli_story_command_s"] = round(min(cli), 2)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=Path, default=None, help="bsnlp documents.jsonl")
    parser.add_argument("--base-db", type=Path, help="reuse this database of the documents (made if missing)")
    parser.add_argument("--copies", type=int, nargs="+", default=[0, 25])
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--record", action="store_true", help=f"write {RESULTS.relative_to(REPO)}")
    args = parser.parse_args(argv)
    documents = args.documents or data_root() / "bsnlp" / "documents.jsonl"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = args.base_db or work / "base.db"
        if not base.exists():
            with Engine(base, Config()) as engine:
                engine.run([documents])
        for copies in args.copies:
            db = work / f"grown-{copies}.db"
            shutil.copy(base, db)
            if copies:
                grow(db, copies, Config().stories.window_days + 1)
            row = {"copies": copies, **measure(db, args.reps)}
            print(json.dumps(row), flush=True)
            rows.append(row)
            db.unlink()
    if args.record:
        machine = f"{platform.processor() or platform.machine()}, Python {platform.python_version()}"
        RESULTS.write_text(json.dumps({"machine": machine, "rows": rows}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
