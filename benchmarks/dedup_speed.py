"""Near-duplicate throughput: MinHash signatures, LSH lookup and verification, in memory and in SQLite.

    python benchmarks/dedup_speed.py              # print the figures
    python benchmarks/dedup_speed.py --record     # and write benchmarks/results/dedup_speed.json

Articles: every text of bsnlp, tgcontest_pairs, tgcontest_categories and ml_crisis_tls (real, distinct
ids). Each is matched against the ones before it (``find_duplicates``, one article at a time, as the
pipeline does), first with the in-memory index, then with the SQLite store inside one transaction.
The machine's load average is printed too: other processes on the two cores lower the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from storyline.config import DedupConfig
from storyline.dedup import MemoryIndex, SignatureIndex, find_duplicates
from storyline.evaluate.data import data_root, read_jsonl
from storyline.evaluate.dedup import SOURCES
from storyline.model import Article
from storyline.store.sqlite import SQLiteStore

RESULT = Path(__file__).parent / "results" / "dedup_speed.json"


def articles() -> list[Article]:
    out = []
    for name, rel in SOURCES.items():
        for k, r in enumerate(read_jsonl(data_root() / rel)):
            if r.get("text"):
                out.append(Article(f"{name}:{r['id']}", r["text"], "bench", str(k), published=r.get("date")))
    return out


def run(items: list[Article], index: SignatureIndex, config: DedupConfig) -> tuple[float, int]:
    order = {a.id: (a.published or "~", k) for k, a in enumerate(items)}
    started = time.perf_counter()
    found = 0
    for a in items:
        result = find_duplicates([a], index, {}, lambda ids: {i: order[i] for i in ids}, config)
        found += len(result.follows)
    return time.perf_counter() - started, found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    config = DedupConfig()
    items = articles()
    load_before = os.getloadavg()[0]
    memory_s, found = run(items, MemoryIndex(), config)
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "b.db") as store, store.transaction():
        sqlite_s, _ = run(items, store, config)
    result = {
        "articles": len(items),
        "mean_chars": round(sum(len(a.text) for a in items) / len(items)),
        "duplicates_found": found,
        "memory_index_articles_per_s": round(len(items) / memory_s, 1),
        "sqlite_index_articles_per_s": round(len(items) / sqlite_s, 1),
        "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    print(json.dumps(result, indent=1))
    if args.record:
        RESULT.parent.mkdir(parents=True, exist_ok=True)
        RESULT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
