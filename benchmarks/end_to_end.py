"""End-to-end throughput of ``storyline run`` on a real collection (default: the 3,797 documents of
../shared/data/bsnlp), and where the time goes.

    python benchmarks/end_to_end.py --record          # writes benchmarks/results/end_to_end.json

Runs the engine in this process on a fresh SQLite database: ``add`` (read, outlet context, clean,
annotate, embed, sign in worker processes, store) then ``update`` (snapshot, plan — story views in worker
processes — and apply), each timed. Reports articles per second end to end, the CPU the run used (this
process and its workers) as cores busy on average, and the load average before and after (other
processes on the two cores lower every figure). ``--profile`` adds the top functions of the update
phase in this process (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import tempfile
import time
from pathlib import Path

from storyline.config import Config
from storyline.engine import Engine
from storyline.evaluate.data import data_root

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "end_to_end.json"


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path", nargs="?", type=Path, help="JSONL file or folder (default: bsnlp)")
    parser.add_argument("--profile", action="store_true", help="profile the update phase")
    parser.add_argument("--record", action="store_true", help=f"write {RESULTS.relative_to(REPO)}")
    args = parser.parse_args(argv)
    path = args.path or data_root() / "bsnlp" / "documents.jsonl"
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp, Engine(Path(tmp) / "run.db", Config()) as engine:
        cpu0, t0 = _cpu(), time.perf_counter()
        report = engine.add([path])
        cpu1, t1 = _cpu(), time.perf_counter()
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        update = engine.update()
        if profiler:
            profiler.disable()
        cpu2, t2 = _cpu(), time.perf_counter()
        stories, topics = engine.store.count("stories"), engine.store.count("topics")
    cores = os.cpu_count() or 1
    articles = report.added + report.changed
    result: dict[str, object] = {
        "machine": f"{platform.machine()}, {cores} cores, Python {platform.python_version()}",
        "input": str(path.name),
        "articles": articles,
        "events_touched": update.events_touched,
        "stories": stories,
        "topics": topics,
        "seconds": {"add": round(t1 - t0, 1), "update": round(t2 - t1, 1), "total": round(t2 - t0, 1)},
        "articles_per_s": round(articles / (t2 - t0), 1),
        "cores_busy": {
            "add": round((cpu1 - cpu0) / max(t1 - t0, 1e-9), 2),
            "update": round((cpu2 - cpu1) / max(t2 - t1, 1e-9), 2),
            "total": round((cpu2 - cpu0) / max(t2 - t0, 1e-9), 2),
        },
        "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
    }
    print(json.dumps(result, indent=1))
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
        print(out.getvalue())
        result["update_profile_top"] = out.getvalue().splitlines()[:60]
    if args.record:
        RESULTS.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
