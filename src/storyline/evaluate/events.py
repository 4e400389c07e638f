"""Same-event pairs (tgcontest_pairs format): pairwise precision / recall / F1 of the events.

The real path: ``articles.jsonl`` is ingested through storyline's reader, cleaner and annotator into
a temporary store, ``update`` builds events (vectors, candidates, the packaged pair scorer, online
grouping); a labelled pair counts as "same event" iff both articles end up in one event. Reported
overall and per language (``lang`` of the pair).

Also reported, under cross-validation on the given pairs (5 folds grouped by connected component of
the pair graph, repeated 20 times; in every fold a logistic regression over the same features is
refit on the training pairs no veto fires on and its threshold chosen on them, the packaged
scorer's fact-conflict vetoes on top):
- ``pairwise_cv``: the pair classifier itself, each test pair decided by its own probability;
- ``events_cv``: the events end to end — the fold's scorer groups all the articles exactly as
  ``storyline update`` does (candidates, links, time window, cannot-link on vetoed pairs), and a test
  pair is "same event" iff its two articles land in one event.
The packaged scorer was trained on the shared tgcontest pairs, so on that folder the event figures
are in-sample; ``events_cv`` is the estimate for unseen pairs of what this command reports.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from storyline.annotate import load_models
from storyline.annotate.vectors import article_vectors, load_encoder
from storyline.config import ClusterConfig, Config
from storyline.engine import Engine
from storyline.errors import DataError
from storyline.evaluate.data import read_jsonl
from storyline.events.assign import article_matrices, day_number, search_config
from storyline.events.matrices import Matrices, load_idf
from storyline.events.online import components as group_rows
from storyline.events.online import link_rows
from storyline.events.paraphrase import load_paraphrase_model
from storyline.events.scorer import PairScorer, load_pair_scorer, scorer_features
from storyline.events.training import (
    REPEATS,
    Decide,
    LinearFit,
    components,
    cross_validate,
    cv_metrics,
    f1_spread,
    prf,
)
from storyline.events.vetoes import vetoed
from storyline.model import Article
from storyline.store.base import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LabelledPair:
    first: str
    second: str
    same: bool
    language: str


def read_pairs(path: Path) -> list[LabelledPair]:
    out = []
    for r in read_jsonl(path / "pairs.jsonl"):
        label = r.get("same_story", r.get("label") == "OK")
        out.append(LabelledPair(str(r["id1"]), str(r["id2"]), bool(label), str(r.get("lang") or "")))
    if not out:
        raise DataError(f"{path / 'pairs.jsonl'}: no pairs")
    return out


@dataclass(frozen=True, slots=True)
class PairData:
    """Labelled pairs whose two articles were both ingested, as row indices into ``matrices``."""

    pairs: list[LabelledPair]
    first: np.ndarray
    second: np.ndarray
    matrices: Matrices
    days: np.ndarray  # publication day number of each row (storyline.events.assign.day_number)


def pair_data(store: Store, pairs: Sequence[LabelledPair]) -> PairData:
    """Features of the labelled pairs from the stored articles and their stored vectors."""
    articles: list[Article] = store.articles(store.all_article_ids())
    row = {a.id: k for k, a in enumerate(articles)}
    kept = [p for p in pairs if p.first in row and p.second in row]
    if len(kept) < len(pairs):
        log.warning("%d pairs name articles that were not ingested; skipped", len(pairs) - len(kept))
    vectors = store.vectors(row)
    missing = [a for a in articles if a.id not in vectors]
    if missing:
        doc, title = article_vectors(missing, load_encoder())
        vectors.update({a.id: {"doc": doc[k], "title": title[k]} for k, a in enumerate(missing)})
    return PairData(
        kept,
        np.array([row[p.first] for p in kept], dtype=np.int64),
        np.array([row[p.second] for p in kept], dtype=np.int64),
        article_matrices(articles, vectors, load_models().morph, load_idf()),
        np.array([day_number(a) for a in articles], dtype=np.int64),
    )


def labelled_features(data: PairData, names: tuple[str, ...]) -> np.ndarray:
    return scorer_features(data.matrices, data.first, data.second, load_paraphrase_model(), names)


def _scores(truth: np.ndarray, predicted: np.ndarray, languages: np.ndarray) -> dict[str, Any]:
    out: dict[str, Any] = {k: round(v, 4) for k, v in prf(truth, predicted).items()}
    out["pairs"] = len(truth)
    out["per_language"] = {
        lang: {
            **{
                k: round(v, 4) for k, v in prf(truth[languages == lang], predicted[languages == lang]).items()
            },
            "pairs": int(np.sum(languages == lang)),
        }
        for lang in sorted(set(languages.tolist()))
    }
    return out


def grouping(data: PairData, scorer: PairScorer, config: ClusterConfig, cannot_link: bool = True) -> Decide:
    """A fold's model groups all the articles as ``storyline update`` does; a pair is one event iff
    its two articles end up in one group (``cannot_link=False``: without the conflict check, to
    measure what it adds)."""
    rows = np.arange(len(data.matrices), dtype=np.int64)
    no_events = np.full(len(rows), -1, dtype=np.int64)
    conflicts = scorer.conflicts(data.matrices) if cannot_link else None  # the vetoes: fixed, not learned

    def decide(model: LinearFit) -> np.ndarray:
        fold = replace(scorer, weights=model.weights, bias=model.bias, threshold=model.threshold)
        threshold = config.event_probability or model.threshold
        links = link_rows(data.matrices, data.days, rows, fold, threshold, search_config(config))
        label = group_rows(no_events, links, data.days, config.event_window_days, None, conflicts)
        return np.asarray(label[data.first] == label[data.second])

    return decide


def _cv_figures(decisions: np.ndarray, y: np.ndarray, languages: np.ndarray) -> dict[str, Any]:
    out: dict[str, Any] = {k: round(v, 4) for k, v in cv_metrics(decisions, y).items()}
    out["f1_std"] = round(f1_spread(decisions, y), 4)
    out["per_language"] = {
        lang: {k: round(v, 4) for k, v in cv_metrics(decisions, y, languages == lang).items()}
        for lang in sorted(set(languages.tolist()))
    }
    return out


def cross_validated(data: PairData, c: float, config: ClusterConfig) -> dict[str, dict[str, Any]]:
    """Out-of-fold figures of the pair classifier and of the events (see the module docstring)."""
    scorer = load_pair_scorer()
    x = labelled_features(data, scorer.names)
    y = np.array([p.same for p in data.pairs])
    languages = np.array([p.language for p in data.pairs])
    groups = components(data.first.tolist(), data.second.tolist(), len(data.matrices))
    veto = vetoed(data.matrices, data.first, data.second, scorer.vetoes)
    procedure = (
        f"5-fold x{REPEATS}, grouped by connected component; LR refit on non-vetoed pairs and threshold "
        f"chosen per fold; vetoes {', '.join(scorer.vetoes) or 'none'}"
    )
    pairwise = _cv_figures(cross_validate(x, y, groups, c, veto), y, languages)
    events = _cv_figures(cross_validate(x, y, groups, c, veto, grouping(data, scorer, config)), y, languages)
    return {
        "pairwise_cv": {**pairwise, "procedure": procedure + "; each pair by its own probability"},
        "events_cv": {**events, "procedure": procedure + "; all articles grouped with the fold's scorer"},
    }


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    pairs = read_pairs(path)
    start = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp,
        Engine(Path(tmp) / "eval.db", config) as eng,
    ):
        eng.add([path / "articles.jsonl"])
        ingested = time.perf_counter()
        eng.update()
        grouped = time.perf_counter()
        data = pair_data(eng.store, pairs)
        event_of = {a: m.event_id for a, m in eng.store.memberships(eng.store.all_article_ids()).items()}
        truth = np.array([p.same for p in data.pairs])
        predicted = np.array(
            [
                event_of.get(p.first) is not None and event_of.get(p.first) == event_of.get(p.second)
                for p in data.pairs
            ]
        )
        languages = np.array([p.language for p in data.pairs])
        result = _scores(truth, predicted, languages)
        result["events"] = len(set(event_of.values()))
        result["articles"] = len(event_of)
        result["redirects"] = len(eng.store.redirects())
        c = float(load_pair_scorer().report.get("C", 1.0))
        result.update(cross_validated(data, c, config.cluster))
    result["seconds"] = {
        "ingest": round(ingested - start, 1),
        "update": round(grouped - ingested, 1),
        "total": round(time.perf_counter() - start, 1),
    }
    return result
