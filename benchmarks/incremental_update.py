"""Incremental update cost as the store grows: one small batch of new articles against stores of
N stored articles (SYNTHETIC growth of a real base).

What is synthetic, exactly:
- A real base: the first ``--base`` dated articles of ../shared/data/ml_crisis_tls (es/fr/it news,
  2011–2013) go through storyline's real path (``Engine.run``: clean, annotate, vectors, events,
  stories, views) into a SQLite store.
- Growth: the stored rows (articles with their annotations and vectors, events, stories) are copied
  ``copies`` times under new ids, each copy shifted back in time by the base's span plus the story
  window (a copy is never a neighbour of another copy's events, so stories do not chain), so
  the store holds a stream of ``N = base * (copies + 1)`` articles over many months whose newest
  part is the real base. Copies keep the base's texts (their near-duplicate signatures are not
  copied, so the dedup stage does not see them).
- The batch: ``--batch`` further real articles of the same collection (not in the base), dated
  within the base's last days, are ingested (annotation not timed) and ``Engine.update`` is timed.

Reported per size: stored articles and events, wall time of the update, events and stories it
touched. The cost should follow the batch and the time window, not N.

    python benchmarks/incremental_update.py                    # N up to ~100k
    python benchmarks/incremental_update.py --copies 0 9 99
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from storyline.config import Config
from storyline.engine import Engine
from storyline.evaluate.data import data_root, read_jsonl

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "incremental_update.json"


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def real_articles(base: int, batch: int) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Base and batch articles of one language, by publication day; the batch is the last days."""
    rows = [
        r
        for r in read_jsonl(data_root() / "ml_crisis_tls" / "articles.jsonl")
        if r.get("lang") == "es" and len(str(r.get("text", ""))) < 20_000
    ]
    rows.sort(key=lambda r: (str(r["date"]), str(r["id"])))
    picked = rows[: base + batch]
    keep = [{"id": r["id"], "lang": r["lang"], "date": r["date"], "text": r["text"]} for r in picked]
    return keep[:base], keep[base:]


def grow(db: Path, copies: int, gap: int) -> None:
    """Copy the stored articles, vectors, events and stories ``copies`` times, shifted back in time
    by the base's span plus ``gap`` days (so that no copy falls in another one's story window)."""
    conn = sqlite3.connect(db)
    first, last = conn.execute("SELECT MIN(published), MAX(published) FROM articles").fetchone()
    span = (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days + gap
    cols = [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
    with conn:
        top = conn.execute("SELECT MAX(seq) FROM articles").fetchone()[0]
        for c in range(1, copies + 1):
            shift = f"-{c * span} days"
            sfx = f"~{c}"
            values = {
                "id": "id || :s",
                "event_id": "event_id || :s",
                "duplicate_of": "CASE WHEN duplicate_of IS NULL THEN NULL ELSE duplicate_of || :s END",
                "published": "date(published, :shift)",
                "seq": "seq - :top * :c",
            }
            select = ", ".join(values.get(col, col) for col in cols)
            args = {"s": sfx, "shift": shift, "top": top, "c": c}
            base_rows = "FROM articles WHERE instr(id, '~') = 0"
            conn.execute(f"INSERT INTO articles ({', '.join(cols)}) SELECT {select} {base_rows}", args)
            conn.execute(
                "INSERT INTO vectors SELECT article_id || :s, name, content_hash, data FROM vectors"
                " WHERE instr(article_id, '~') = 0",
                args,
            )
            conn.execute(
                "INSERT INTO events SELECT id || :s, story_id || :s, date(date, :shift),"
                " json_set(payload, '$.id', id || :s, '$.date', date(date, :shift)), updated_at"
                " FROM events WHERE instr(id, '~') = 0",
                args,
            )
            shifted = {
                "id": "id || :s",
                "first_date": "date(first_date, :shift)",
                "last_date": "date(last_date, :shift)",
                "payload": "json_set(payload, '$.id', id || :s)",
            }  # every other column (topic, rank, outlets, centroid, ...) copied as it is
            story_cols = [r[1] for r in conn.execute("PRAGMA table_info(stories)")]
            conn.execute(
                f"INSERT INTO stories ({', '.join(story_cols)})"
                f" SELECT {', '.join(shifted.get(c, c) for c in story_cols)}"
                " FROM stories WHERE instr(id, '~') = 0",
                args,
            )
    conn.close()


def measure(base_db: Path, batch_file: Path, copies: int, work: Path) -> dict[str, object]:
    db = work / f"grown-{copies}.db"
    shutil.copy(base_db, db)
    config = Config()
    grow(db, copies, config.stories.window_days + 1)
    with Engine(db, config) as eng:
        stored_articles, stored_events = eng.store.count("articles"), eng.store.count("events")
        eng.add([batch_file])
        start = time.perf_counter()
        report = eng.update()
        seconds = time.perf_counter() - start
    db.unlink()
    return {
        "copies": copies,
        "stored_articles": stored_articles,
        "stored_events": stored_events,
        "batch_articles": report.grouped,
        "update_seconds": round(seconds, 2),
        "events_touched": report.events_touched,
        "stories_touched": report.stories_touched,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", type=int, default=400)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--copies", type=int, nargs="+", default=[0, 9, 49, 249])
    parser.add_argument("--record", action="store_true", help=f"write {RESULTS.relative_to(REPO)}")
    args = parser.parse_args()
    base, batch = real_articles(args.base, args.batch)
    last = max(str(r["date"]) for r in base)
    for k, r in enumerate(batch):  # the batch lands on the base's last days
        r["date"] = (date.fromisoformat(last) - timedelta(days=k % 3)).isoformat()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_jsonl(work / "base.jsonl", base)
        write_jsonl(work / "batch.jsonl", batch)
        start = time.perf_counter()
        with Engine(work / "base.db", Config()) as eng:
            eng.run([work / "base.jsonl"])
        print(json.dumps({"base_articles": len(base), "base_seconds": round(time.perf_counter() - start, 1)}))
        for copies in args.copies:
            row = measure(work / "base.db", work / "batch.jsonl", copies, work)
            print(json.dumps(row), flush=True)
            rows.append(row)
    if args.record:
        RESULTS.write_text(
            json.dumps(
                {
                    "machine": f"{platform.processor() or platform.machine()}, {platform.python_version()}",
                    "rows": rows,
                },
                indent=1,
            )
            + "\n"
        )


if __name__ == "__main__":
    main()
