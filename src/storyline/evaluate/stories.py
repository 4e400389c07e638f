"""Stories against topics (bsnlp ``documents.jsonl`` format): B-cubed precision / recall / F1.

The real path: the documents are ingested through storyline's JSONL reader (``lang``, ``date`` and
``title`` honoured), cleaner and annotator into a temporary store; ``update`` builds events and
links them into stories. Every document's story is compared with its ``topic``:

- across languages: B-cubed over all documents (one topic told in eight languages should be one
  story);
- per language: B-cubed over the documents of one language (stories and topics restricted to it).
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.config import Config
from storyline.engine import Engine
from storyline.errors import DataError
from storyline.evaluate.data import read_jsonl

log = logging.getLogger(__name__)


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (``predicted[i]``) against classes (``gold[i]``)."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold differ in length")
    if not gold:
        return {"bcubed_precision": 0.0, "bcubed_recall": 0.0, "bcubed_f1": 0.0}
    both = Counter(zip(predicted, gold, strict=True))
    size_p, size_g = Counter(predicted), Counter(gold)
    precision = sum(both[(p, g)] / size_p[p] for p, g in zip(predicted, gold, strict=True)) / len(gold)
    recall = sum(both[(p, g)] / size_g[g] for p, g in zip(predicted, gold, strict=True)) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"bcubed_precision": precision, "bcubed_recall": recall, "bcubed_f1": f1}


def read_topics(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """document id -> topic, document id -> language."""
    topics: dict[str, str] = {}
    langs: dict[str, str] = {}
    for r in read_jsonl(path):
        if r.get("id") is None or r.get("topic") is None:
            continue
        doc_id = str(r["id"]).strip()
        topics[doc_id] = str(r["topic"])
        langs[doc_id] = str(r.get("lang") or r.get("language") or "")
    if not topics:
        raise DataError(f"{path}: no documents with a topic")
    return topics, langs


def score(story_of: Mapping[str, str], topics: Mapping[str, str], langs: Mapping[str, str]) -> dict[str, Any]:
    """B-cubed across languages and per language; a document without a story is a story of its own."""
    ids = sorted(topics)
    predicted = [story_of.get(i, "missing:" + i) for i in ids]
    result: dict[str, Any] = bcubed(predicted, [topics[i] for i in ids])
    result["documents"] = len(ids)
    result["stories"] = len(set(predicted))
    result["without_story"] = sum(1 for i in ids if i not in story_of)
    per_language: dict[str, Any] = {}
    for lang in sorted({langs[i] for i in ids}):
        sub = [i for i in ids if langs[i] == lang]
        sub_pred = [story_of.get(i, "missing:" + i) for i in sub]
        per_language[lang] = {
            **bcubed(sub_pred, [topics[i] for i in sub]),
            "documents": len(sub),
            "stories": len(set(sub_pred)),
        }
    result["per_language"] = per_language
    return result


def article_stories(engine: Engine) -> dict[str, str]:
    """article id -> its story, over the whole store."""
    return {aid: s for s in engine.store.story_ids() for aid in engine.store.story(s)[0].article_ids}


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    if path.is_dir():
        path = path / "documents.jsonl"
    topics, langs = read_topics(path)
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp,
        Engine(Path(tmp) / "eval.db", config) as engine,
    ):
        engine.add([path])
        ingested = time.perf_counter()
        engine.update()
        story_of = article_stories(engine)
    done = time.perf_counter()
    result = score(story_of, topics, langs)
    result["seconds_ingest"] = round(ingested - started, 1)
    result["seconds_update"] = round(done - ingested, 1)
    return result
