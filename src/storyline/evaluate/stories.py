"""Stories and topics against gold topics (bsnlp ``documents.jsonl`` format; ml_crisis_tls's
``articles.jsonl`` has the same fields).

The real path: the documents are ingested through storyline's JSONL reader (``lang``, ``date`` and
``title`` honoured), cleaner and annotator into a temporary store; ``update`` builds events, stories and
topics. Reported:

- ``bcubed_precision``, ``bcubed_recall``, ``bcubed_f1``: each document's **topic** against its gold
  topic, across languages (one subject told in eight languages should be one topic) and per language;
- ``story_purity``: the share of documents whose story lies inside one gold topic (a story is one
  development: it should never mix subjects);
- the number of stories and topics and the distribution of story spans (days from first to last article);
- ``incremental``: the same after two updates, the documents split in two halves by date (the first
  half ingested and updated, then the second), as a live collection grows.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from storyline.config import Config
from storyline.engine import Engine
from storyline.errors import DataError
from storyline.evaluate.data import read_jsonl

log = logging.getLogger(__name__)


def bcubed(
    predicted: Sequence[str], gold: Sequence[str], only: Sequence[bool] | None = None
) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (``predicted[i]``) against classes (``gold[i]``);
    ``only``: average over the items marked True (their clusters still count every item)."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold differ in length")
    items = [i for i in range(len(gold)) if only is None or only[i]]
    if not items:
        return {"bcubed_precision": 0.0, "bcubed_recall": 0.0, "bcubed_f1": 0.0}
    both = Counter(zip(predicted, gold, strict=True))
    size_p, size_g = Counter(predicted), Counter(gold)
    precision = sum(both[(predicted[i], gold[i])] / size_p[predicted[i]] for i in items) / len(items)
    recall = sum(both[(predicted[i], gold[i])] / size_g[gold[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"bcubed_precision": precision, "bcubed_recall": recall, "bcubed_f1": f1}


def story_purity(
    story_of: Mapping[str, str], topics: Mapping[str, str], among: Sequence[str] | None = None
) -> float:
    """Share of documents (of ``among``, default all) whose story holds documents of one gold topic."""
    members: dict[str, set[str]] = defaultdict(set)
    for doc, story in story_of.items():
        if doc in topics:
            members[story].add(topics[doc])
    docs = [d for d in (among if among is not None else list(story_of)) if d in topics and d in story_of]
    if not docs:
        return 0.0
    return sum(1 for d in docs if len(members[story_of[d]]) == 1) / len(docs)


def read_topics(path: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """document id -> topic, -> language, -> date."""
    topics: dict[str, str] = {}
    langs: dict[str, str] = {}
    dates: dict[str, str] = {}
    for r in read_jsonl(path):
        if r.get("id") is None or r.get("topic") is None:
            continue
        doc_id = str(r["id"]).strip()
        topics[doc_id] = str(r["topic"])
        langs[doc_id] = str(r.get("lang") or r.get("language") or "")
        dates[doc_id] = str(r.get("date") or r.get("published") or "")
    if not topics:
        raise DataError(f"{path}: no documents with a topic")
    return topics, langs, dates


def _spans(story_days: Mapping[str, list[str]]) -> dict[str, float]:
    spans = []
    for days in story_days.values():
        known = sorted(d for d in days if d)
        if known:
            spans.append((date.fromisoformat(known[-1]) - date.fromisoformat(known[0])).days)
    if not spans:
        return {}
    spans.sort()

    def q(p: float) -> float:
        return float(spans[min(len(spans) - 1, int(p * len(spans)))])

    return {"median_days": q(0.5), "p90_days": q(0.9), "max_days": float(spans[-1])}


def score(
    story_of: Mapping[str, str],
    topic_of: Mapping[str, str],
    published: Mapping[str, str | None],
    topics: Mapping[str, str],
    langs: Mapping[str, str],
) -> dict[str, Any]:
    """Topic-level B-cubed across and per language, story purity, counts and spans; a document without a
    story (or topic) is one of its own."""
    ids = sorted(topics)
    predicted = [topic_of.get(i, "missing:" + i) for i in ids]
    result: dict[str, Any] = bcubed(predicted, [topics[i] for i in ids])
    stories = {i: story_of.get(i, "missing:" + i) for i in ids}
    result["story_purity"] = story_purity(stories, topics)
    result["documents"] = len(ids)
    result["stories"] = len(set(stories.values()))
    result["topics"] = len(set(predicted))
    result["without_story"] = sum(1 for i in ids if i not in story_of)
    days: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        days[stories[i]].append((published.get(i) or "")[:10])
    result["story_spans"] = _spans(days)
    sizes = Counter(stories.values())
    result["story_sizes"] = {"largest": max(sizes.values(), default=0), "single_document": sum(
        1 for n in sizes.values() if n == 1)}  # fmt: skip
    per_language: dict[str, Any] = {}
    for lang in sorted({langs[i] for i in ids}):
        sub = [k for k, i in enumerate(ids) if langs[i] == lang]
        per_language[lang] = {
            **bcubed([predicted[k] for k in sub], [topics[ids[k]] for k in sub]),
            "story_purity": story_purity(stories, topics, [ids[k] for k in sub]),
            "documents": len(sub),
            "topics": len({predicted[k] for k in sub}),
        }
    result["per_language"] = per_language
    return result


def grouping(engine: Engine) -> tuple[dict[str, str], dict[str, str], dict[str, str | None]]:
    """article -> story, article -> topic, article -> publication day, over the whole store."""
    store = engine.store
    ids = store.all_article_ids()
    state = store.memberships(ids)
    event_ids = sorted({m.event_id for m in state.values() if m.event_id})
    story_of_event = {e.id: s for e, s in store.events(event_ids)}
    stories = {s for s in story_of_event.values() if s}
    topic_of_story = {s: store.story(s)[0].topic_id for s in sorted(stories)}
    story_of: dict[str, str] = {}
    topic_of: dict[str, str] = {}
    for aid, m in state.items():
        s = story_of_event.get(m.event_id or "")
        if s:
            story_of[aid] = s
            topic_of[aid] = topic_of_story.get(s) or s
    return story_of, topic_of, {a: p for a, (p, _) in store.article_meta(ids).items()}


def _subjects(member_of: Mapping[str, str], topics: Mapping[str, str]) -> dict[str, str]:
    """id -> the gold topic most of its documents have."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for doc, group in member_of.items():
        if doc in topics:
            counts[group][topics[doc]] += 1
    return {g: c.most_common(1)[0][0] for g, c in counts.items()}


def subject_changes(
    stories_before: Mapping[str, str],
    topics_before: Mapping[str, str],
    stories_after: Mapping[str, str],
    topics_after: Mapping[str, str],
    topics: Mapping[str, str],
    resolve: Any,
) -> dict[str, int]:
    """How many story and topic ids of the first half name another gold subject after the second half
    (following merged ids to their survivor)."""
    out = {}
    for name, before, after in (
        ("stories", stories_before, stories_after),
        ("topics", topics_before, topics_after),
    ):
        was, now = _subjects(before, topics), _subjects(after, topics)
        out[name] = sum(1 for g, subject in was.items() if now.get(resolve(g), subject) != subject)
    return out


def _halves(path: Path, dates: Mapping[str, str], tmp: Path) -> tuple[Path, Path]:
    rows = [r for r in read_jsonl(path) if r.get("id") is not None]
    rows.sort(key=lambda r: (dates.get(str(r["id"]).strip()) or "~", str(r["id"])))
    half = len(rows) // 2
    out = []
    for k, part in enumerate((rows[:half], rows[half:])):
        file = tmp / f"half-{k}.jsonl"
        file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part), encoding="utf-8")
        out.append(file)
    return out[0], out[1]


def evaluate(path: Path, config: Config, incremental: bool = True) -> dict[str, Any]:
    if path.is_dir():
        path = path / ("documents.jsonl" if (path / "documents.jsonl").exists() else "articles.jsonl")
    topics, langs, dates = read_topics(path)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp:
        with Engine(Path(tmp) / "eval.db", config) as engine:
            engine.add([path])
            ingested = time.perf_counter()
            engine.update()
            story_of, topic_of, published = grouping(engine)
        done = time.perf_counter()
        result = score(story_of, topic_of, published, topics, langs)
        result["seconds_ingest"] = round(ingested - started, 1)
        result["seconds_update"] = round(done - ingested, 1)
        if incremental:
            first, second = _halves(path, dates, Path(tmp))
            with Engine(Path(tmp) / "halves.db", config) as engine:
                engine.run([first])
                before = grouping(engine)
                engine.run([second])
                story_of, topic_of, published = grouping(engine)
                moved = subject_changes(
                    before[0], before[1], story_of, topic_of, topics, engine.store.resolve
                )
            inc = score(story_of, topic_of, published, topics, langs)
            keys = ("bcubed_precision", "bcubed_recall", "bcubed_f1", "story_purity", "stories", "topics")
            result["incremental"] = {k: inc[k] for k in keys}
            result["incremental"]["ids_that_changed_subject"] = moved
    return result
