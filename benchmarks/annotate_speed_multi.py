"""Annotation throughput across the bsnlp language mix (ru uk bg pl cs sl hr sk), entities of every
language included.

    python benchmarks/annotate_speed_multi.py            # print the figures
    python benchmarks/annotate_speed_multi.py --record   # and write results/annotate_speed_multi.json

Texts: the distinct bsnlp documents (every topic, with or without gold) in file order, every k-th one
so that at most --n are taken and the languages keep their bsnlp shares. The real path runs through
the pipeline's process pool as in ``annotate_speed.py`` (clean -> annotate: language, sentences,
lemmas, entities, dates, quotes); then the CPU time per article in one process, per language.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotate_speed import run_pool
from storyline.annotate import annotate, load_models
from storyline.clean import clean, to_article
from storyline.config import Config
from storyline.evaluate.data import data_root, read_jsonl
from storyline.model import RawDoc

RESULTS = Path(__file__).resolve().parent / "results" / "annotate_speed_multi.json"


def bsnlp_articles(root: Path, n: int) -> list[RawDoc]:
    rows = []
    seen: set[str] = set()
    for row in read_jsonl(root / "bsnlp" / "documents.jsonl"):
        text = row.get("text") or ""
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
        if not text.strip() or digest in seen:
            continue
        seen.add(digest)
        rows.append(row)
    step = max(1, -(-len(rows) // n))
    return [
        RawDoc(
            id=str(row["id"]),
            text=row["text"],
            origin="bsnlp",
            format="jsonl",
            published=None,
            title=row.get("title"),
            language=row.get("lang"),
        )
        for row in rows[::step]
    ]


def cpu_by_language(docs: list[RawDoc], config: Config) -> dict[str, dict[str, float]]:
    models = load_models()
    articles = [to_article(d, clean(d, config.clean, None)) for d in docs]
    cpu: dict[str, float] = defaultdict(float)
    count: Counter[str] = Counter()
    entities: Counter[str] = Counter()
    for article in articles:
        started = time.process_time()
        done = annotate(article, models, config.annotate)
        language = article.language or "?"
        cpu[language] += time.process_time() - started
        count[language] += 1
        entities[language] += len(done.entities)
    total = sum(cpu.values())
    out = {
        lang: {
            "articles": count[lang],
            "cpu_ms_per_article": round(1000 * cpu[lang] / count[lang], 1),
            "entities_per_article": round(entities[lang] / count[lang], 1),
        }
        for lang in sorted(count)
    }
    out["all"] = {
        "articles": len(articles),
        "cpu_ms_per_article": round(1000 * total / len(articles), 1),
        "articles_per_s_all_cores_from_cpu_time": round((os.cpu_count() or 1) * len(articles) / total, 1),
    }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000, help="at most this many articles")
    parser.add_argument("--record", action="store_true", help=f"write {RESULTS.name}")
    args = parser.parse_args(argv)
    config = Config()
    docs = bsnlp_articles(data_root(), args.n)
    if not docs:
        print(f"no bsnlp documents under {data_root()}", file=sys.stderr)
        return 1
    load_before = os.getloadavg()
    pool = run_pool(docs, config)
    load_after = os.getloadavg()
    result = {
        "cpu_count": os.cpu_count(),
        "articles": len(docs),
        "languages": dict(Counter(d.language or "?" for d in docs).most_common()),
        "mean_chars": round(sum(len(d.text) for d in docs) / len(docs)),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "pool": pool,
        "cpu_by_language": cpu_by_language(docs, config),
    }
    print(json.dumps(result, indent=2))
    if args.record:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
