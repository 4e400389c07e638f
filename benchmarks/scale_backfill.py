"""End-to-end backfill with the Ray engine into PostgreSQL: SYNTHETIC articles made from real ones.

What is synthetic, exactly: every article is a real article of ../shared/data (bsnlp, tgcontest_pairs,
tgcontest_categories, nerel, factRuEval-2016: titles and texts as published) perturbed. A synthetic event
is one base article on one day with Geometric(0.3) copies (mean 3.3, at most 10), 70% that day and 30%
the next; each copy keeps each sentence of the base with probability 0.85 (at least one) and gets an
outlet drawn from 1,000 synthetic outlets. A base is not used again within ten days. ``--rate`` articles
a day. Every id starts with ``syn-``, every outlet is ``syn-NNN.example`` and every record carries
``"synthetic": true``.

The run: a throwaway PostgreSQL server on 127.0.0.1 and a local Ray runtime with every core; the input is
one JSONL file; ``ray_add`` then ``ray_update`` (what ``storyline run --engine ray`` does). Recorded: wall
time of each step, peak resident memory of the driver, of each Ray worker and of all Ray processes
together (sampled every 0.5 s from /proc), what was stored and grouped, and the load average.

    python benchmarks/scale_backfill.py --n 2000                 # a quick look
    python benchmarks/scale_backfill.py --n 100000 --record      # the README figure
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from storyline.evaluate.data import data_root, read_jsonl

RESULTS = Path(__file__).resolve().parent / "results" / "scale_backfill.json"
SOURCES = {
    "bsnlp/documents.jsonl": "lang",
    "tgcontest_pairs/articles.jsonl": "lang",
    "tgcontest_categories/articles.jsonl": "lang",
    "nerel/documents.jsonl": None,
    "factruEval2016/documents.jsonl": None,
}
KEEP_SENTENCE = 0.85
OUTLETS = 1000
REUSE_DAYS = 10
SENTENCE = re.compile(r"(?<=[.!?…])\s+")


def bases(root: Path) -> list[dict[str, Any]]:
    """Real articles with text, title and language (distinct texts)."""
    seen: set[str] = set()
    out = []
    for relative, lang_key in SOURCES.items():
        path = root / relative
        if not path.exists():
            continue
        for r in read_jsonl(path):
            text = str(r.get("text") or "").strip()
            if len(text) < 200 or text in seen:
                continue
            seen.add(text)
            lang = r.get(lang_key) if lang_key else "ru"
            out.append({"text": text, "title": r.get("title"), "lang": lang})
    return out


def perturb(text: str, rng: np.random.Generator) -> str:
    """Each sentence of each paragraph kept with probability KEEP_SENTENCE (at least one sentence)."""
    paragraphs = []
    for para in text.split("\n"):
        sentences = [s for s in SENTENCE.split(para) if s.strip()]
        kept = [s for s in sentences if rng.random() < KEEP_SENTENCE]
        if kept:
            paragraphs.append(" ".join(kept))
    return "\n".join(paragraphs) or text.split("\n")[0]


def synthesize(n: int, rate: int, pool: list[dict[str, Any]], path: Path, seed: int = 7) -> dict[str, Any]:
    """Write ``n`` synthetic articles to ``path`` (JSONL); their generator's truth in brief."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01")
    last_used = np.full(len(pool), -(10**9))
    written = events = 0
    with path.open("w", encoding="utf-8") as out:
        while written < n:
            day = written // rate
            b = int(rng.integers(len(pool)))
            while day - last_used[b] < REUSE_DAYS:
                b = int(rng.integers(len(pool)))
            last_used[b] = day
            copies = min(10, int(rng.geometric(0.3)))
            events += 1
            for _ in range(copies):
                if written >= n:
                    break
                base = pool[b]
                when = start + np.timedelta64(day + (1 if rng.random() < 0.3 else 0), "D")
                record = {
                    "id": f"syn-{written:07d}",
                    "text": perturb(base["text"], rng),
                    "title": base["title"],
                    "date": str(when),
                    "lang": base["lang"],
                    "source": f"syn-{int(rng.integers(OUTLETS)):03d}.example",
                    "synthetic": True,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
    return {"articles": written, "synthetic_events": events, "days": int(np.ceil(n / rate)) + 1}


class MemorySampler(threading.Thread):
    """Peak resident memory of this process and of every Ray process (``ray::`` workers, raylet, GCS)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.peak_workers: dict[str, int] = {}  # pid -> peak kB
        self.titles: dict[str, set[str]] = {}  # pid -> what it ran
        self.peak_ray_total = 0
        self.peak_driver = 0

    @staticmethod
    def _rss(pid: str) -> int:
        try:
            with open(f"/proc/{pid}/status", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def run(self) -> None:
        me = str(os.getpid())
        while not self.stop.is_set():
            total = 0
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    with open(f"/proc/{pid}/cmdline", "rb") as f:
                        cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
                except OSError:
                    continue
                if pid == me:
                    self.peak_driver = max(self.peak_driver, self._rss(pid))
                elif cmd.startswith("ray::") or "/ray/core/src/ray/" in cmd:
                    rss = self._rss(pid)
                    total += rss
                    self.peak_workers[pid] = max(self.peak_workers.get(pid, 0), rss)
                    title = cmd.split(" ")[0].split("/")[-1].removesuffix(".submit")
                    if title != "ray::IDLE":
                        self.titles.setdefault(pid, set()).add(title)
            self.peak_ray_total = max(self.peak_ray_total, total)
            self.stop.wait(0.5)

    def summary(self) -> dict[str, Any]:
        workers = sorted(self.peak_workers.items(), key=lambda kv: -kv[1])
        return {
            "driver_peak_mb": round(max(self.peak_driver, _self_peak_kb()) / 1024),
            "ray_processes_peak_total_mb": round(self.peak_ray_total / 1024),
            "ray_process_peak_mb": {
                f"{pid} ({', '.join(sorted(self.titles.get(pid, {'idle'})))})": round(kb / 1024)
                for pid, kb in workers[:12]
            },
        }


def _self_peak_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--n", type=int, default=100_000, help="synthetic articles (default: %(default)s)")
    parser.add_argument("--rate", type=int, default=1000, help="articles a day (default: %(default)s)")
    parser.add_argument("--db", help="a postgresql:// URL (default: a throwaway server on 127.0.0.1)")
    parser.add_argument("--record", action="store_true", help=f"write {RESULTS.name}")
    args = parser.parse_args(argv)

    from storyline.config import Config
    from storyline.distributed.pipeline import ray_add
    from storyline.distributed.runtime import ray_runtime
    from storyline.distributed.update import ray_update
    from storyline.engine import Engine
    from storyline.store.check import inconsistencies
    from storyline.store.throwaway import ThrowawayPostgres

    result: dict[str, Any] = {"load_average_before": [round(x, 2) for x in os.getloadavg()]}
    server = None
    url = args.db
    if not url:
        server = ThrowawayPostgres()
        url = server.start()
    sampler = MemorySampler()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "synthetic.jsonl"
            t0 = time.perf_counter()
            pool = bases(data_root())
            result["input"] = synthesize(args.n, args.rate, pool, path)
            result["input"].update(base_articles=len(pool), jsonl_mb=round(path.stat().st_size / 2**20, 1))
            result["seconds"] = {"synthesize": round(time.perf_counter() - t0, 1)}
            config = Config()
            sampler.start()
            started = time.perf_counter()
            with ray_runtime(None) as ray, Engine(url, config) as engine:
                result["seconds"]["ray_start"] = round(time.perf_counter() - started, 1)
                cpus = int(ray.cluster_resources().get("CPU", 1))
                steps: dict[str, float] = {}
                t0 = time.perf_counter()
                ingest = ray_add(ray, [path], engine.store, config, engine.preparer, cpus, seconds=steps)
                result["seconds"]["add"] = round(time.perf_counter() - t0, 1)
                result["seconds"]["add_steps"] = {k: round(v, 1) for k, v in steps.items()}
                result["load_average_after_add"] = [round(x, 2) for x in os.getloadavg()]
                t0 = time.perf_counter()
                update = ray_update(ray, engine.store, config)
                result["seconds"]["update"] = round(time.perf_counter() - t0, 1)
                result["seconds"]["update_steps"] = {k: round(v, 1) for k, v in update.seconds.items()}
                result["stored"] = {
                    "articles": engine.store.count("articles"),
                    "events": engine.store.count("events"),
                    "stories": engine.store.count("stories"),
                    "added": ingest.added,
                    "problems": len(ingest.problems),
                }
                result["update"] = {
                    "slices": update.slices,
                    "partitions": update.partitions,
                    "crossing_events": update.crossing,
                    "disputed": update.disputed,
                    "held": update.held,
                    "grouped_serially_at_the_end": update.undated,
                    "fallback": update.fallback,
                }
                result["inconsistencies"] = len(inconsistencies(engine.store))
            result["seconds"]["total"] = round(time.perf_counter() - started, 1)
    finally:
        sampler.stop.set()
        if server is not None:
            server.stop()
    result["memory"] = sampler.summary()
    result["cpu_count"] = os.cpu_count()
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    total = result["seconds"]["total"]
    shares = {"ray_start": result["seconds"]["ray_start"], **result["seconds"]["add_steps"]}
    shares.update(result["seconds"]["update_steps"])
    result["share_of_time"] = {k: round(v / total, 3) for k, v in shares.items() if k != "story_step"}
    result["articles_per_s"] = round(args.n / total, 1)
    print(json.dumps(result, indent=2))
    if args.record:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
