"""Load on ``storyline serve``: reads of story pages and the story list at 16 concurrent clients, without and
during an ingest of 1,000 articles through the API, on a database of ≥ 100k articles; and the ingest's
throughput through the API against ``storyline run`` on the same articles.

The database: the real bsnlp collection (3,797 documents) through ``Engine.run``, then grown
SYNTHETICALLY to ~100k articles by copying its rows under new ids, shifted back in time
(``benchmarks/incremental_update.py::grow``, as ``read_path.py`` does; the service's index rows are copied
the same way). The ingested articles: 1,000 real es/fr/it articles of ml_crisis_tls (not in the database).

Everything talks to 127.0.0.1 only, and every loop is bounded: each phase stops after ``--requests``
requests or ``--seconds`` seconds, whichever comes first; the ingest posts a fixed number of batches.

    python benchmarks/load_service.py --record     # writes benchmarks/results/load_service.json

Phases (each on the same server process, a fresh copy of the grown database per ingest):
  reads        16 clients: story page HTML (/stories/ID), story JSON (/api/v1/stories/ID),
               the story list (/api/v1/stories?limit=20) and the front page (/), in turn, random stories
  ingest       one client POSTs the 1,000 articles in batches of --batch (no reads)
  reads+ingest the 16 readers while the ingest runs on another copy
  run          ``storyline run`` of the same 1,000 articles (JSONL) into another copy (CLI, start-up
               included)
Reported: p50/p95/p99 ms and requests/s per phase and per kind, errors, articles/s of each ingest, and the
load average before each phase (the machine is shared).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from incremental_update import grow
from storyline.config import Config
from storyline.engine import Engine
from storyline.evaluate.data import data_root, read_jsonl

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "load_service.json"
TOKEN = "load-benchmark-token"
CLIENTS = 16  # concurrent readers (--clients)
PHASES = ("run", "reads", "ingest", "reads_during_ingest")


# ---------------------------------------------------------------- the database
def grow_indexes(db: Path, copies: int) -> None:
    """Copy the service's index rows of the base the way ``grow`` copied the articles and stories."""
    conn = sqlite3.connect(db)
    with conn:
        top = conn.execute("SELECT MAX(seq) FROM articles WHERE instr(id, '~') = 0").fetchone()[0]
        generation = int(conn.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0])
        conn.execute(  # one-line teasers (a base made before they were indexed)
            "INSERT OR IGNORE INTO story_facets SELECT id, 'teaser', json_extract(payload, :first)"
            " FROM stories WHERE instr(id, '~') = 0 AND json_extract(payload, :first) IS NOT NULL",
            {"first": "$.summary[0].text"},
        )
        for c in range(1, copies + 1):
            args = {"s": f"~{c}", "top": top, "c": c, "g": generation}
            conn.execute(
                "INSERT INTO article_fts (rowid, terms) SELECT rowid - :top * :c, terms FROM article_fts"
                " WHERE rowid > 0",
                args,
            )
            conn.execute(
                "INSERT INTO article_entities SELECT article_id || :s, entity_id, type, normal"
                " FROM article_entities WHERE instr(article_id, '~') = 0",
                args,
            )
            conn.execute(
                "INSERT INTO article_quotes SELECT article_id || :s, n, speaker_entity_id, text"
                " FROM article_quotes WHERE instr(article_id, '~') = 0",
                args,
            )
            for table, cols in (
                ("story_entities", "entity_id, type, normal, normal_key, articles"),
                ("story_entity_ids", "old_id, new_id"),
                ("story_facets", "kind, value"),
            ):
                conn.execute(
                    f"INSERT INTO {table} SELECT story_id || :s, {cols} FROM {table}"
                    " WHERE instr(story_id, '~') = 0",
                    args,
                )
            conn.execute(
                "INSERT INTO story_log SELECT :g, id, 'created', NULL FROM stories WHERE id LIKE '%' || :s",
                args,
            )
    conn.close()


def build(work: Path, base_db: Path | None, copies: int) -> Path:
    base = base_db or work / "base.db"
    if not base.exists():
        started = time.perf_counter()
        with Engine(base, Config()) as engine:
            engine.run([data_root() / "bsnlp" / "documents.jsonl"])
        print(json.dumps({"base_built_s": round(time.perf_counter() - started, 1)}), flush=True)
    grown = work / "grown.db"
    shutil.copy(base, grown)
    grow(grown, copies, Config().stories.window_days + 1)
    grow_indexes(grown, copies)
    with sqlite3.connect(grown) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return grown


def ingest_articles(n: int) -> list[dict[str, Any]]:
    rows = [r for r in read_jsonl(data_root() / "ml_crisis_tls" / "articles.jsonl") if r.get("text")]
    rows.sort(key=lambda r: str(r["id"]))
    return [
        {"id": f"load-{r['id']}", "text": r["text"], "published": r.get("date"), "language": r.get("lang")}
        for r in rows[:n]
    ]


# ---------------------------------------------------------------- the server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, db: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "STORYLINE_API_TOKEN": TOKEN}
        cmd = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db), "--port", str(self.port)]
        self.log = log.open("w")
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait(self, timeout: float = 120.0) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the server exited; see its log")
            try:
                if httpx.get(self.url + "/healthz", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError("the server did not answer /healthz")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(30)
        self.log.close()


# ---------------------------------------------------------------- the clients
def summary(times: list[float], seconds: float) -> dict[str, float]:
    if not times:
        return {"requests": 0}
    ordered = sorted(times)

    def pct(p: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)

    return {
        "requests": len(ordered),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": round(1000 * statistics.fmean(ordered), 1),
        "req_per_s": round(len(ordered) / seconds, 1),
    }


async def readers(
    url: str,
    story_ids: list[str],
    requests: int,
    seconds: float,
    stop: asyncio.Event | None = None,
    clients: int = CLIENTS,
) -> dict[str, Any]:
    import httpx

    kinds = ("story_page", "story_api", "story_list", "front_page")
    times: dict[str, list[float]] = {k: [] for k in kinds}
    errors: list[str] = []
    issued = 0
    rng = random.Random(7)
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(n: int) -> None:
        nonlocal issued
        async with httpx.AsyncClient(base_url=url, timeout=30.0, limits=limits) as http:
            k = n
            while issued < requests and time.monotonic() < deadline and not (stop and stop.is_set()):
                issued += 1
                kind = kinds[k % len(kinds)]
                k += 1
                sid = rng.choice(story_ids)
                path = {
                    "story_page": f"/stories/{sid}",
                    "story_api": f"/api/v1/stories/{sid}",
                    "story_list": "/api/v1/stories?limit=20",
                    "front_page": "/",
                }[kind]
                started = time.perf_counter()
                try:
                    answer = await http.get(path)
                    if answer.status_code != 200:
                        errors.append(f"{path}: {answer.status_code}")
                        continue
                except httpx.HTTPError as exc:
                    errors.append(f"{path}: {type(exc).__name__}")
                    continue
                times[kind].append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    wall = time.perf_counter() - started
    every = [t for ts in times.values() for t in ts]
    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "all": summary(every, wall),
        **{k: summary(v, wall) for k, v in times.items()},
        "errors": len(errors),
        "error_examples": errors[:5],
    }


async def ingest(
    url: str, articles: list[dict[str, Any]], batch: int, timeout: float = 1800.0
) -> dict[str, Any]:
    import httpx

    started = time.perf_counter()
    counts: dict[str, int] = {}
    errors = 0
    async with httpx.AsyncClient(base_url=url, timeout=timeout) as http:
        for i in range(0, len(articles), batch):
            try:
                answer = await http.post(
                    "/api/v1/articles",
                    json=articles[i : i + batch],
                    headers={"Authorization": f"Bearer {TOKEN}"},
                )
            except httpx.HTTPError as exc:  # a timeout: counted, and the next batch is sent
                print(json.dumps({"ingest_error": type(exc).__name__}), flush=True)
                errors += 1
                continue
            if answer.status_code != 200:
                errors += 1
                continue
            for row in answer.json()["articles"]:
                counts[row["status"]] = counts.get(row["status"], 0) + 1
    seconds = time.perf_counter() - started
    return {
        "articles": len(articles),
        "batch": batch,
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(articles) / seconds, 2),
        "statuses": counts,
        "errors": errors,
    }


async def reads_during_ingest(
    url: str,
    story_ids: list[str],
    articles: list[dict[str, Any]],
    batch: int,
    requests: int,
    seconds: float,
    clients: int = CLIENTS,
) -> tuple[dict[str, Any], dict[str, Any]]:
    stop = asyncio.Event()

    async def ingest_then_stop() -> dict[str, Any]:
        try:
            return await ingest(url, articles, batch)
        finally:
            stop.set()

    writes, reads = await asyncio.gather(
        ingest_then_stop(), readers(url, story_ids, requests, seconds, stop, clients)
    )
    return reads, writes


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def sample_stories(db: Path, n: int) -> list[str]:
    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM stories")]
    return random.Random(3).sample(ids, min(n, len(ids)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base-db", type=Path, help="reuse this database of bsnlp (made if missing)")
    parser.add_argument("--copies", type=int, default=26, help="synthetic copies (26: ~102k articles)")
    parser.add_argument("--requests", type=int, default=4000, help="read requests per phase at most")
    parser.add_argument("--seconds", type=float, default=120.0, help="seconds per read phase at most")
    parser.add_argument("--during-requests", type=int, default=40_000, help="read requests during the ingest")
    parser.add_argument(
        "--during-seconds", type=float, default=900.0, help="seconds of reads during the ingest"
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=100, help="articles per POST")
    parser.add_argument("--grown-db", type=Path, help="use this grown database as it is (no build)")
    parser.add_argument("--clients", type=int, default=CLIENTS, help="concurrent readers")
    parser.add_argument("--phases", nargs="+", choices=PHASES, default=list(PHASES))
    parser.add_argument("--out", type=Path, default=RESULTS, help="where --record writes")
    parser.add_argument("--record", action="store_true", help=f"write {RESULTS.relative_to(REPO)} (or --out)")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        grown = args.grown_db or build(work, args.base_db, args.copies)
        with sqlite3.connect(grown) as conn:
            result["database"] = {
                "articles": conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
                "stories": conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0],
                "events": conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
            }
        print(json.dumps(result), flush=True)
        stories = sample_stories(grown, 2000)
        articles = ingest_articles(args.articles)
        jsonl = work / "ingest.jsonl"
        jsonl.write_text(
            "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8"
        )

        if "run" in args.phases:  # storyline run on a copy
            run_db = work / "run.db"
            shutil.copy(grown, run_db)
            result["load_before_run"] = load()
            started = time.perf_counter()
            cli = [sys.executable, "-m", "storyline.cli", "run", str(jsonl), "--db", str(run_db), "--out"]
            subprocess.run([*cli, str(work / "out"), "--quiet"], check=False, capture_output=True)
            seconds = time.perf_counter() - started
            result["run"] = {
                "seconds": round(seconds, 1),
                "articles_per_s": round(len(articles) / seconds, 2),
            }
            run_db.unlink()
            print(json.dumps({"run": result["run"]}), flush=True)

        for phase in [p for p in PHASES[1:] if p in args.phases]:
            db = work / f"{phase}.db"
            shutil.copy(grown, db)
            server = Server(db, work / f"{phase}.log")
            try:
                server.wait()
                asyncio.run(readers(server.url, stories, 200, 30.0))  # warm-up: connections, caches
                result[f"load_before_{phase}"] = load()
                if phase == "reads":
                    result["reads"] = asyncio.run(
                        readers(server.url, stories, args.requests, args.seconds, None, args.clients)
                    )
                elif phase == "ingest":
                    result["ingest_api"] = asyncio.run(ingest(server.url, articles, args.batch))
                else:
                    reads, writes = asyncio.run(
                        reads_during_ingest(
                            server.url,
                            stories,
                            articles,
                            args.batch,
                            args.during_requests,
                            args.during_seconds,
                            args.clients,
                        )
                    )
                    result["reads_during_ingest"] = reads
                    result["ingest_api_during_reads"] = writes
            finally:
                server.stop()
                db.unlink()
            print(json.dumps({k: result[k] for k in result if phase in k}), flush=True)
    if "ingest_api" in result and "run" in result:
        ratio = result["ingest_api"]["articles_per_s"] / result["run"]["articles_per_s"]
        result["ingest_api_vs_run"] = round(ratio, 3)
    print(json.dumps(result, indent=1))
    if args.record:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
