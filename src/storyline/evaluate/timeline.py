"""Timeline summarization on ml_crisis_tls-format data: date F1 and alignment ROUGE-1/2 F.

``DIR/articles.jsonl`` (``id, lang, topic, date, source, text``) and ``DIR/timelines.jsonl``
(``id, lang, topic, entries=[{date, sentences}]``). Articles go through storyline's own path: JSONL
reader, cleaner, annotator, then near-duplicate copies within each topic-language collection are
dropped (``storyline.dedup``, canonical article kept; copies across topics stay, so that a story's
figures do not depend on which other topics the file holds). "Articles" longer than
``views.max_article_chars`` are crawl artifacts and are left out. Each topic-language collection is
one story.

The standard TLS setup (Ghalandari & Ifrim 2020's evaluation, which reports DATEWISE): for each gold
timeline the input is the articles published between its first and last day, the predicted days
lie in that span, the predicted timeline has as many days as the gold one and ``round(mean gold
sentences per day)`` sentences per day (``storyline.views.timeline.fixed_timeline``). Blocks of a gold
file that repeat a day are one day with all their sentences. Scores (``storyline.evaluate.tls``)
are averaged over the gold timelines of the languages that have articles: precision and recall are
averaged and F is taken from the averages (``*_f``); the mean of per-timeline F is ``*_f_mean``.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storyline.add import prepare_docs
from storyline.components import Preparer
from storyline.config import Config
from storyline.dedup import MemoryIndex, find_duplicates, signature
from storyline.errors import DataError, InputProblem
from storyline.evaluate.data import read_jsonl
from storyline.evaluate.tls import PRF, align_rouge_many, date_prf, mean_prf
from storyline.ingest import iter_inputs
from storyline.model import Article, RawDoc
from storyline.views.timeline import fixed_timeline

log = logging.getLogger(__name__)

SETUP = (
    "standard TLS setup: input and days inside the gold span, gold number of days, "
    "round(gold mean sentences/day) per day; date F1 on exact days; align+ m:1 ROUGE-1/2 "
    "(tilse definition, own implementation: alignment on plain tokens, ROUGE on lower-cased "
    "letter/digit tokens without stop words, Snowball-stemmed); F of mean P and mean R"
)
METRICS = ("date", "rouge1", "rouge2")


def _read_articles(path: Path, config: Config) -> tuple[list[RawDoc], dict[str, str], int]:
    topics = {str(r["id"]): str(r.get("topic", "")) for r in read_jsonl(path)}
    docs: list[RawDoc] = []
    dropped = 0
    # read whole texts (ingest would cut them to ingest.max_text_chars) so that the long ones are left out
    whole = dataclasses.replace(config.ingest, max_text_chars=max(config.ingest.max_text_chars, 10**8))
    for item in iter_inputs([path], whole):
        if isinstance(item, InputProblem):
            log.warning("%s", item)
            continue
        if len(item.text) > config.views.max_article_chars:
            dropped += 1
            continue
        docs.append(item)
    return docs, topics, dropped


def _prepare(docs: list[RawDoc], config: Config) -> list[Article]:
    preparer = Preparer.from_config(config, features=False)
    return [p.article for p in prepare_docs(docs, config, preparer)]


def without_copies(articles: Sequence[Article], config: Config) -> list[Article]:
    """The articles less near-duplicate copies (the earliest published of a group stays)."""
    order = {a.id: (a.published or "~", i) for i, a in enumerate(articles)}
    signatures = [signature(a, config.dedup) for a in articles]
    found = find_duplicates(signatures, MemoryIndex(), {}, order, config.dedup)
    copies = {aid for aid, head in found.duplicate_of.items() if head}
    return [a for a in articles if a.id not in copies]


def reference_timeline(entries: Iterable[Mapping[str, Any]]) -> dict[date, list[str]]:
    """Gold entries as ``{day: sentences}``; blocks that repeat a day are joined."""
    out: dict[date, list[str]] = defaultdict(list)
    for e in entries:
        try:
            day = date.fromisoformat(str(e["date"])[:10])
        except ValueError:
            log.warning("gold entry without a day date left out: %r", e["date"])
            continue
        out[day].extend(e["sentences"])
    return dict(out)


def output_size(reference: Mapping[date, Sequence[str]]) -> tuple[int, int]:
    """Days and sentences per day of the standard setup: the gold's day count and mean (rounded)."""
    n = len(reference)
    return n, max(1, round(sum(len(s) for s in reference.values()) / n))


@dataclass(frozen=True, slots=True)
class Task:
    """One gold timeline and the articles of its language and topic (inside its span when asked)."""

    id: str
    lang: str
    topic: str
    reference: dict[date, list[str]]
    articles: tuple[Article, ...]
    span: tuple[date, date] | None

    @property
    def size(self) -> tuple[int, int]:
        return output_size(self.reference)


@dataclass(frozen=True, slots=True)
class Loaded:
    tasks: tuple[Task, ...]
    articles: int
    copies_dropped: int
    dropped_long_articles: int


def load(path: Path, config: Config, gold_span: bool = True) -> Loaded:
    """Read, prepare and de-duplicate the articles; one task per gold timeline that has articles."""
    folder = path if path.is_dir() else path.parent
    docs, topics, dropped = _read_articles(folder / "articles.jsonl", config)
    prepared = _prepare(docs, config)
    collected: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for a in prepared:
        collected[(a.language or "", topics.get(a.id, ""))].append(a)
    # copies within each story only: what other topics of the file hold must not change a story
    by_story = {key: without_copies(arts, config) for key, arts in collected.items()}
    n_articles = sum(len(arts) for arts in by_story.values())
    tasks = []
    for gold in read_jsonl(folder / "timelines.jsonl"):
        lang, topic = str(gold["lang"]), str(gold["topic"])
        if (lang, topic) not in by_story:
            continue
        reference = reference_timeline(gold["entries"])
        if not reference:
            continue
        span = (min(reference), max(reference)) if gold_span else None
        pool = by_story[(lang, topic)]
        if span is not None:
            first, last = span[0].isoformat(), span[1].isoformat()
            pool = [a for a in pool if a.day and first <= a.day <= last]
        tasks.append(Task(str(gold["id"]), lang, topic, reference, tuple(pool), span))
    if not tasks:
        raise DataError(f"{folder}: no gold timeline for a language and topic that has articles")
    return Loaded(tuple(tasks), n_articles, len(prepared) - n_articles, dropped)


def score_task(task: Task, predicted: Mapping[date, Sequence[str]]) -> dict[str, PRF]:
    r1, r2 = align_rouge_many(predicted, task.reference, (1, 2), task.lang)
    return {"date": date_prf(predicted, task.reference), "rouge1": r1, "rouge2": r2}


def summary(scores: Sequence[Mapping[str, PRF]]) -> dict[str, float]:
    """Mean precision and recall per metric over timelines; F of the means (and the mean of F)."""
    out: dict[str, float] = {}
    for m in METRICS:
        avg = mean_prf(s[m] for s in scores)
        key = "date_f1" if m == "date" else f"{m}_f"
        out[key] = avg.f1
        out[f"{m}_precision"] = avg.precision
        out[f"{m}_recall"] = avg.recall
        out[f"{key}_mean"] = sum(s[m].f1 for s in scores) / len(scores)
    return out


def evaluate(path: Path, config: Config, gold_span: bool = True) -> dict[str, Any]:
    started = time.perf_counter()
    loaded = load(path, config, gold_span)
    per: dict[str, dict[str, Any]] = {}
    scores: dict[str, dict[str, PRF]] = {}
    for task in loaded.tasks:
        n_dates, per_date = task.size
        predicted = fixed_timeline(task.articles, n_dates, per_date, config.views, task.span)
        scores[task.id] = score_task(task, predicted)
        per[task.id] = {
            "lang": task.lang,
            "topic": task.topic,
            "articles": len(task.articles),
            "dates": n_dates,
            "predicted_dates": len(predicted),
            "sentences_per_date": per_date,
            **{
                f"{m}_{k}": getattr(s, k) for m, s in scores[task.id].items() for k in ("precision", "recall")
            },
            **{("date_f1" if m == "date" else f"{m}_f"): s.f1 for m, s in scores[task.id].items()},
        }
    by: dict[str, dict[str, dict[str, float]]] = {"by_language": {}, "by_topic": {}}
    for field, part in (("lang", "by_language"), ("topic", "by_topic")):
        for value in sorted({p[field] for p in per.values()}):
            by[part][value] = summary([scores[g] for g, p in per.items() if p[field] == value])
    return {
        **summary(list(scores.values())),
        "timelines": len(per),
        "articles": loaded.articles,
        "copies_dropped": loaded.copies_dropped,
        "dropped_long_articles": loaded.dropped_long_articles,
        "setup": SETUP if gold_span else SETUP.replace("input and days inside the gold span, ", ""),
        "seconds": round(time.perf_counter() - started, 1),
        **by,
        "per_timeline": per,
    }
