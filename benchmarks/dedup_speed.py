"""Near-duplicate throughput: MinHash signatures (annotation), LSH matching (the update's plan), and the
store's band index (the update's snapshot reads candidates from it), in SQLite.

    python benchmarks/dedup_speed.py              # print the figures
    python benchmarks/dedup_speed.py --record     # and write benchmarks/results/dedup_speed.json

Articles: every text of bsnlp, tgcontest_pairs, tgcontest_categories and ml_crisis_tls (real, distinct
ids). Each is signed (``storyline.components.Signer``), then matched against the ones before it
(``find_duplicates``, one article at a time); the signatures are stored in SQLite (``put_articles``) and
each article's LSH candidates are read back (``minhash_candidates``), as an update's snapshot does.
The machine's load average is printed too: other processes on the two cores lower the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from storyline.components import Signer
from storyline.config import DedupConfig
from storyline.dedup import MemoryIndex, find_duplicates
from storyline.evaluate.data import data_root, read_jsonl
from storyline.evaluate.dedup import SOURCES
from storyline.model import Article, Prepared, RawDoc, Signature
from storyline.store.sqlite import SQLiteStore

RESULT = Path(__file__).parent / "results" / "dedup_speed.json"


def articles() -> list[Article]:
    out = []
    for name, rel in SOURCES.items():
        for k, r in enumerate(read_jsonl(data_root() / rel)):
            if r.get("text"):
                out.append(Article(f"{name}:{r['id']}", r["text"], "bench", str(k), published=r.get("date")))
    return out


def run(
    signatures: list[Signature], order: dict[str, tuple[str, int]], config: DedupConfig
) -> tuple[float, int]:
    index = MemoryIndex()
    started = time.perf_counter()
    found = 0
    for sig in signatures:
        found += len(find_duplicates([sig], index, {}, order, config).follows)
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
    started = time.perf_counter()
    signed = Signer(config)(items)
    sign_s = time.perf_counter() - started
    order = {a.id: (a.published or "~", k) for k, a in enumerate(items)}
    memory_s, found = run([sig for sig, _ in signed], order, config)
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "b.db") as store:
        prepared = [
            Prepared(a, RawDoc(a.id, a.text, "bench", "text"), signature=sig, bands=keys)
            for a, (sig, keys) in zip(items, signed, strict=True)
        ]
        started = time.perf_counter()
        for k in range(0, len(prepared), 500):
            store.put_articles(prepared[k : k + 500])
        for _, keys in signed:
            store.minhash_candidates(keys)
        sqlite_s = time.perf_counter() - started
    result = {
        "articles": len(items),
        "mean_chars": round(sum(len(a.text) for a in items) / len(items)),
        "duplicates_found": found,
        "signatures_per_s": round(len(items) / sign_s, 1),
        "memory_index_articles_per_s": round(len(items) / memory_s, 1),
        "sqlite_store_and_lookup_articles_per_s": round(len(items) / sqlite_s, 1),
        "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    print(json.dumps(result, indent=1))
    if args.record:
        RESULT.parent.mkdir(parents=True, exist_ok=True)
        RESULT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
