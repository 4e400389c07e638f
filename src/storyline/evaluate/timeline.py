"""Timeline summarization on ml_crisis_tls-format data: date F1 and alignment ROUGE-1/2 F.

``DIR/articles.jsonl`` (``id, lang, topic, date, source, text``) and ``DIR/timelines.jsonl``
(``id, lang, topic, entries=[{date, sentences}]``). Articles go through storyline's own path (JSONL
reader, cleaner, annotator); "articles" longer than ``views.max_article_chars`` are crawl artifacts
and are left out. Each topic-language collection is one story for the timeline builder. As in the
standard TLS setting, each predicted timeline has as many dates as its gold timeline and, per date,
the gold timeline's average number of sentences per date (rounded, at least 1). Scores are averaged
over the gold timelines of the languages that have articles (metrics: ``storyline.evaluate.tls``).
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from storyline.clean import build_context, outlet_key
from storyline.config import Config
from storyline.errors import DataError, InputProblem
from storyline.evaluate.data import read_jsonl
from storyline.evaluate.tls import align_rouge, date_prf
from storyline.ingest import iter_inputs
from storyline.model import Article, RawDoc
from storyline.timeline import day_summaries, happenings

log = logging.getLogger(__name__)

SETUP = (
    "align+ m:1 ROUGE (tilse definition, own implementation): stemmed, stop words removed, "
    "n-grams within sentences; dates = gold count, sentences/date = round(gold mean)"
)


def _read_articles(path: Path, config: Config) -> tuple[list[RawDoc], dict[str, str], int]:
    topics = {str(r["id"]): str(r.get("topic", "")) for r in read_jsonl(path)}
    docs: list[RawDoc] = []
    dropped = 0
    for item in iter_inputs([path], config.ingest):
        if isinstance(item, InputProblem):
            log.warning("%s", item)
            continue
        if len(item.text) > config.views.max_article_chars:
            dropped += 1
            continue
        docs.append(item)
    return docs, topics, dropped


def _prepare(docs: list[RawDoc], config: Config) -> list[Article]:
    from storyline.pipeline import _worker_init, _workers, prepare_many

    contexts = build_context(docs)
    items = [(d, contexts.get(outlet_key(d))) for d in docs]
    pool = None
    if len(items) >= config.annotate.min_parallel and _workers(config) > 1:
        pool = multiprocessing.get_context("fork").Pool(_workers(config), initializer=_worker_init)
    try:
        return list(prepare_many(items, config, pool))
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    started = time.perf_counter()
    folder = path if path.is_dir() else path.parent
    docs, topics, dropped = _read_articles(folder / "articles.jsonl", config)
    articles = _prepare(docs, config)
    collections: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for a in articles:
        collections[(a.language or "", topics.get(a.id, ""))].append(a)
    golds = [g for g in read_jsonl(folder / "timelines.jsonl") if (g["lang"], g["topic"]) in collections]
    if not golds:
        raise DataError(f"{folder}: no gold timeline for a language and topic that has articles")
    per: dict[str, dict[str, Any]] = {}
    for gold in golds:
        lang, topic = str(gold["lang"]), str(gold["topic"])
        reference = {date.fromisoformat(e["date"][:10]): list(e["sentences"]) for e in gold["entries"]}
        n_dates = len(reference)
        per_date = max(1, round(sum(len(s) for s in reference.values()) / n_dates))
        hs = happenings(collections[(lang, topic)], config.views)
        predicted = day_summaries(hs, n_dates, per_date, config.views.redundancy)
        d, r1, r2 = (
            date_prf(predicted, reference),
            align_rouge(predicted, reference, 1, lang),
            align_rouge(predicted, reference, 2, lang),
        )
        per[str(gold["id"])] = {
            "articles": len(collections[(lang, topic)]),
            "dates": n_dates,
            "sentences_per_date": per_date,
            "date_f1": d.f1,
            "date_precision": d.precision,
            "date_recall": d.recall,
            "rouge1_f": r1.f1,
            "rouge1_p": r1.precision,
            "rouge1_r": r1.recall,
            "rouge2_f": r2.f1,
        }
    keys = ("date_f1", "date_precision", "date_recall", "rouge1_f", "rouge1_p", "rouge1_r", "rouge2_f")
    mean = {k: sum(v[k] for v in per.values()) / len(per) for k in keys}
    return {
        **mean,
        "timelines": len(per),
        "articles": len(articles),
        "dropped_long_articles": dropped,
        "setup": SETUP,
        "seconds": round(time.perf_counter() - started, 1),
        "per_timeline": per,
    }
