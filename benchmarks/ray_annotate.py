"""Annotation throughput: serial, process pool and Ray, on the same real articles, in one run.

The same ``Preparer`` (clean → annotate → embed → sign) over the same batches of ``annotate.chunk_size``
documents, three ways:

- serial: in this process;
- process pool: ``storyline.executors.ProcessExecutor`` (what ``storyline run`` uses), one worker per core;
- Ray: the Ray engine's prepare stage (``storyline.distributed.pipeline.PrepareActor`` in ``map_batches``
  over an actor pool of one actor per core) on a local Ray runtime, from documents in the object store.

Each way is timed whole, from start (model loading in every worker included) to the last result, and in
steady state (from the first result to the last, over the articles after the first result). The process
pool and Ray run alternately, ``--rounds`` times each, and the medians are compared; the load average is
recorded after each run: other processes on the cores lower every figure.

Then the two engines end to end on a JSONL file of the same documents into SQLite: ``add`` with the process
pool against ``ray_add`` (reading shards, the distributed context pass, preparing, storing in order).

    python benchmarks/ray_annotate.py                 # 2,400 documents of bsnlp (eight languages)
    python benchmarks/ray_annotate.py --record        # and write benchmarks/results/ray_annotate.json
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from storyline.components import Preparer
from storyline.config import Config
from storyline.evaluate.data import data_root, read_jsonl
from storyline.executors import ProcessExecutor, workers
from storyline.model import RawDoc

RESULTS = Path(__file__).resolve().parent / "results" / "ray_annotate.json"


def documents(n: int) -> list[dict[str, Any]]:
    """bsnlp documents with text, every k-th so that topics and languages mix."""
    rows = [
        r for r in read_jsonl(data_root() / "bsnlp" / "documents.jsonl") if str(r.get("text") or "").strip()
    ]
    step = max(1, len(rows) // n)
    keys = ("id", "text", "title", "date", "lang", "url")
    return [{k: r[k] for k in keys if r.get(k)} for r in rows[::step][:n]]


def raw_docs(records: list[dict[str, Any]]) -> list[RawDoc]:
    from storyline.config import IngestConfig
    from storyline.ingest import iter_records

    return [d for d in iter_records(records, IngestConfig()) if isinstance(d, RawDoc)]


def _timed(results: Any, n_first: int = 0) -> dict[str, float]:
    """Consume results (lists of prepared articles); whole and steady-state rates."""
    t0 = time.perf_counter()
    first_t, first_n, count = None, 0, 0
    for batch in results:
        count += len(batch)
        if first_t is None:
            first_t, first_n = time.perf_counter(), count
    t1 = time.perf_counter()
    steady = (count - first_n) / (t1 - first_t) if first_t and t1 > first_t else 0.0
    return {
        "articles": count,
        "seconds": round(t1 - t0, 2),
        "articles_per_s": round(count / (t1 - t0), 1),
        "steady_articles_per_s": round(steady, 1),
    }


def run_serial(chunks: list[list[tuple[RawDoc, None]]], config: Config) -> dict[str, float]:
    preparer = Preparer.from_config(config)
    return _timed(preparer(c) for c in chunks)


def run_pool(chunks: list[list[tuple[RawDoc, None]]], config: Config) -> dict[str, float]:
    executor = ProcessExecutor(workers(config.annotate), config.annotate.start_method)
    try:
        return _timed(executor.map(Preparer.from_config(config), chunks))
    finally:
        executor.close()


def run_ray(ray: Any, docs: list[RawDoc], config: Config, actors: int) -> dict[str, float]:
    from storyline.distributed.pipeline import DOC, PrepareActor

    empty = ray.put((np.zeros(0, np.int64), np.zeros(0, np.int64)))  # no outlet context, as above
    items = [{"kind": DOC, "blob": pickle.dumps(d)} for d in docs]
    ds = ray.data.from_items(items, override_num_blocks=max(1, len(items) // config.annotate.chunk_size))
    prepared = ds.map_batches(
        PrepareActor,
        fn_constructor_kwargs={
            "preparer": Preparer.from_config(config),
            "shared": (empty,),
            "store_url": None,
        },
        compute=ray.data.ActorPoolStrategy(size=actors),
        batch_size=config.annotate.chunk_size,
        batch_format="numpy",
        num_cpus=0.75,
    )
    batches = (
        b["kind"] for b in prepared.iter_batches(batch_size=config.annotate.chunk_size, batch_format="numpy")
    )
    return _timed(batches)


def end_to_end(records: list[dict[str, Any]], config: Config, ray: Any, actors: int) -> dict[str, Any]:
    from storyline.distributed.pipeline import ray_add
    from storyline.engine import Engine

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        with Engine(Path(tmp) / "serial.db", config) as engine:
            t0 = time.perf_counter()
            report = engine.add([path])
            out["process_pool"] = {"articles": report.added, "seconds": round(time.perf_counter() - t0, 2)}
        with Engine(Path(tmp) / "ray.db", config) as engine:
            seconds: dict[str, float] = {}
            t0 = time.perf_counter()
            report = ray_add(ray, [path], engine.store, config, engine.preparer, actors, seconds=seconds)
            out["ray"] = {
                "articles": report.added,
                "seconds": round(time.perf_counter() - t0, 2),
                "steps": {k: round(v, 2) for k, v in seconds.items()},
            }
    for v in out.values():
        v["articles_per_s"] = round(v["articles"] / v["seconds"], 1)
    return out


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=2400, help="documents (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3, help="pool and Ray runs, alternated (default: 3)")
    parser.add_argument("--no-end-to-end", action="store_true", help="only the three annotation runs")
    parser.add_argument("--record", action="store_true", help=f"write {RESULTS.name}")
    args = parser.parse_args(argv)

    from storyline.distributed.runtime import ray_runtime

    config = Config()
    records = documents(args.n)
    docs = raw_docs(records)
    size = config.annotate.chunk_size
    chunks = [[(d, None) for d in docs[i : i + size]] for i in range(0, len(docs), size)]
    cores = os.cpu_count() or 1
    result: dict[str, Any] = {
        "documents": len(docs),
        "mean_chars": round(sum(len(d.text) for d in docs) / len(docs)),
        "cpu_count": cores,
        "load_average_before": _load(),
    }
    rounds: list[dict[str, Any]] = []
    with ray_runtime(None, cores) as ray:
        for _ in range(args.rounds):  # alternated, so that a burst of load from elsewhere shows
            pool = {**run_pool(chunks, config), "load_average": _load()}
            ray_ = {**run_ray(ray, docs, config, cores), "load_average": _load()}
            rounds.append({"process_pool": pool, "ray": ray_})
        result["serial"] = run_serial(chunks, config)
        if not args.no_end_to_end:
            result["end_to_end"] = end_to_end(records, config, ray, cores)
    result["rounds"] = rounds
    result["load_average_after"] = _load()
    for key in ("articles_per_s", "steady_articles_per_s"):
        pool_rate = float(np.median([r["process_pool"][key] for r in rounds]))
        ray_rate = float(np.median([r["ray"][key] for r in rounds]))
        result[f"median_{key}"] = {
            "process_pool": pool_rate,
            "ray": ray_rate,
            "ray_vs_pool": round(ray_rate / pool_rate, 3),
        }
    print(json.dumps(result, indent=2))
    if args.record:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
