"""Annotation throughput on real Russian articles (~3,000 characters) from ../shared/data.

Runs the real path (clean -> annotate: language, sentences, lemmas, entities, dates, quotes) through
the engine's executor (worker processes that build their models once, on their first batch) with the
engine's preparer (clean, annotate, sentence vectors, MinHash signature), then profiles the same path in
one process to show where the time goes.

    python benchmarks/annotate_speed.py                 # print the figures
    python benchmarks/annotate_speed.py --record        # and write benchmarks/results/annotate_speed.json

Texts are distinct articles (no repeats: caches would flatter them) between --min-chars and
--max-chars long, from tgcontest_pairs, tgcontest_categories, bsnlp (ru) and nerel: with the
defaults, 430 articles of 2,979 characters on average. The machine's load average before and after
the run is printed too: other processes on the two cores lower the figure.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import resource
import sys
import time
from pathlib import Path

from storyline.components import Preparer
from storyline.config import Config
from storyline.evaluate.data import data_root, read_jsonl
from storyline.executors import ProcessExecutor, workers
from storyline.model import RawDoc

RESULTS = Path(__file__).resolve().parent / "results" / "annotate_speed.json"
SOURCES = (
    ("tgcontest_pairs/articles.jsonl", "lang"),
    ("tgcontest_categories/articles.jsonl", "lang"),
    ("bsnlp/documents.jsonl", "lang"),
    ("nerel/documents.jsonl", None),
)


def russian_articles(root: Path, n: int, min_chars: int, max_chars: int) -> list[RawDoc]:
    seen: set[str] = set()
    docs: list[RawDoc] = []
    for relative, lang_key in SOURCES:
        path = root / relative
        if not path.exists():
            continue
        for row in read_jsonl(path):
            text = row.get("text") or ""
            if lang_key and row.get(lang_key) != "ru":
                continue
            if not min_chars <= len(text) <= max_chars:
                continue
            digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            docs.append(
                RawDoc(
                    id=f"{relative}:{len(docs)}",
                    text=text,
                    origin=relative,
                    format="jsonl",
                    published=(row.get("date") or "2025-01-01")[:10],
                    title=row.get("title"),
                    prepared=True,
                )
            )
            if len(docs) >= n:
                return docs
    return docs


def run_pool(docs: list[RawDoc], config: Config) -> dict[str, float]:
    """The executor the engine uses (worker processes), over the preparer the engine uses (clean,
    annotate, embed, sign)."""
    size = config.annotate.chunk_size
    chunks = [[(d, None) for d in docs[i : i + size]] for i in range(0, len(docs), size)]
    preparer = Preparer.from_config(config)
    n = workers(config.annotate)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    executor = ProcessExecutor(n, config.annotate.start_method)
    try:
        # every worker builds its models on its first batch: warm them up with one article each
        list(executor.map(preparer, [[(docs[k % len(docs)], None)] for k in range(4 * n)]))
        t1 = time.perf_counter()
        count = sum(len(batch) for batch in executor.map(preparer, chunks))
        t2 = time.perf_counter()
    finally:
        executor.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = (children.ru_utime - children_before.ru_utime) + (
        children.ru_stime - children_before.ru_stime
    )
    return {
        # CPU the workers used, model loading included: near count x cpu_ms_per_article means the
        # pool itself costs little and a low articles/s comes from other processes on the cores
        "worker_cpu_s": round(worker_cpu, 2),
        "workers": workers,
        "articles": count,
        "startup_s": round(t1 - t0, 2),
        "annotate_s": round(t2 - t1, 2),
        "articles_per_s": round(count / (t2 - t1), 1),
        "articles_per_s_with_startup": round(count / (t2 - t0), 1),
    }


def run_cpu(docs: list[RawDoc], config: Config) -> dict[str, float]:
    """CPU seconds per article in this process (clean, annotate, embed, sign), a figure that other
    processes on the machine barely change; ``cores / cpu_per_article`` is what the free cores would do."""
    preparer = Preparer.from_config(config)
    preparer([(docs[0], None)])  # build the models
    wall, cpu = time.perf_counter(), time.process_time()
    size = config.annotate.chunk_size
    for i in range(0, len(docs), size):
        preparer([(d, None) for d in docs[i : i + size]])
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    cores = os.cpu_count() or 1
    return {
        "articles": len(docs),
        "cpu_ms_per_article": round(1000 * cpu / len(docs), 1),
        "articles_per_s_one_process_wall": round(len(docs) / wall, 1),
        "articles_per_s_all_cores_from_cpu_time": round(cores * len(docs) / cpu, 1),
    }


def run_vectors_cpu(docs: list[RawDoc], config: Config, annotate_cpu_ms: float) -> dict[str, float]:
    """CPU milliseconds per article of the per-article vectors (one thread): multilingual USE on title +
    lead and on the title, and each named vector the shipped pair scorer reads (e.g. "e5_0"), and the
    throughput of annotation plus vectors that the cores would give from CPU time alone."""
    from storyline.annotate.vectors import NAMED_VECTORS, article_vectors, load_encoder
    from storyline.clean import clean, to_article
    from storyline.events.scorer import load_pair_scorer

    articles = [to_article(d, clean(d, config.clean, None)) for d in docs]
    encoder = load_encoder(1)
    article_vectors(articles[:4], encoder)  # warm up
    out: dict[str, float] = {}
    cpu = time.process_time()
    article_vectors(articles, encoder)
    out["muse_doc_and_title_cpu_ms_per_article"] = round(
        1000 * (time.process_time() - cpu) / len(articles), 1
    )
    total = annotate_cpu_ms + out["muse_doc_and_title_cpu_ms_per_article"]
    for name in load_pair_scorer().vector_names:
        NAMED_VECTORS[name](articles[:4])
        cpu = time.process_time()
        NAMED_VECTORS[name](articles)
        out[f"{name}_cpu_ms_per_article"] = round(1000 * (time.process_time() - cpu) / len(articles), 1)
        total += out[f"{name}_cpu_ms_per_article"]
    out["annotation_and_vectors_cpu_ms_per_article"] = round(total, 1)
    out["articles_per_s_all_cores_with_vectors"] = round((os.cpu_count() or 1) * 1000 / total, 1)
    return out


def run_single(docs: list[RawDoc], config: Config, top: int) -> tuple[dict[str, float], str]:
    preparer = Preparer.from_config(config)
    preparer([(docs[0], None)])  # build the models
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.enable()
    size = config.annotate.chunk_size
    for i in range(0, len(docs), size):
        preparer([(d, None) for d in docs[i : i + size]])
    profiler.disable()
    elapsed = time.perf_counter() - t0
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return {
        "articles": len(docs),
        "articles_per_s_profiled": round(len(docs) / elapsed, 1),
    }, out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000, help="at most this many articles for the pool run")
    parser.add_argument("--profile-n", type=int, default=150, help="articles for the in-process profile")
    parser.add_argument("--vectors-n", type=int, default=200, help="articles for the vector timing")
    parser.add_argument("--min-chars", type=int, default=2000)
    parser.add_argument("--max-chars", type=int, default=6000)
    parser.add_argument("--top", type=int, default=25, help="profile lines to print")
    parser.add_argument("--record", action="store_true", help=f"write {RESULTS.relative_to(Path.cwd())}")
    args = parser.parse_args(argv)

    config = Config()
    docs = russian_articles(data_root(), args.n, args.min_chars, args.max_chars)
    if not docs:
        print(f"no Russian articles found under {data_root()}", file=sys.stderr)
        return 1
    mean_chars = sum(len(d.text) for d in docs) / len(docs)
    load_before = os.getloadavg()
    pool_result = run_pool(docs, config)
    load_after = os.getloadavg()
    # the parent process has not annotated anything yet: its caches are as cold as a worker's were
    cpu = run_cpu(docs, config)
    vectors = run_vectors_cpu(docs[: args.vectors_n], config, cpu["cpu_ms_per_article"])
    single, profile = run_single(docs[: args.profile_n], config, args.top)
    result = {
        "cpu_count": os.cpu_count(),
        "articles": len(docs),
        "mean_chars": round(mean_chars),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "pool": pool_result,
        "cpu_time": cpu,
        "vectors_cpu_time": vectors,
        "single_process_profiled": single,
    }
    print(json.dumps(result, indent=2))
    print(profile)
    if args.record:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        result["profile_top"] = profile.splitlines()[:80]
        RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
