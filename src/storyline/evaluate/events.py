"""Same-event pairs (tgcontest_pairs format): pairwise precision / recall / F1 of the events.

The real path (``end_to_end``): ``articles.jsonl`` is ingested through storyline's reader, cleaner and
annotator into a temporary store, ``update`` builds events with the shipped pair scorer (vectors,
candidates, online grouping); a labelled pair counts as "same event" iff both articles end up in one
event. Reported overall, per language (``lang`` of the pair) and, on the shared tgcontest folder,
for the lockbox pairs apart (``lockbox``: tests/data/events_lockbox, never used in training or model
choice, so this is the figure for unseen pairs) and the development pairs (in-sample for the shipped
scorer).

``nested_cv`` estimates the training *procedure* on the folder's pairs (lockbox pairs and their
articles left out): 5 outer folds grouped by connected component of the pair graph, repeated; in
every outer fold the inner loop (5 grouped folds of the training pairs) chooses the configuration —
feature set, e5 text span, vetoes, C — and the decision threshold (on inner out-of-fold
probabilities); the chosen model scores the test fold. ``pairwise`` decides each test pair by its own
probability; ``events`` groups all the articles with the fold's scorer exactly as ``storyline update``
does and a test pair is "same event" iff its two articles land in one event. Intervals: 95 %
bootstrap over connected components.
"""

from __future__ import annotations

import functools
import logging
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from storyline.annotate import load_models
from storyline.annotate.vectors import E5_SPANS, NAMED_VECTORS
from storyline.config import ClusterConfig, Config
from storyline.engine import Engine
from storyline.errors import DataError
from storyline.evaluate.data import data_root, read_jsonl
from storyline.events.assign import article_matrices, day_number, search_config
from storyline.events.features import CENTRED, sign
from storyline.events.matrices import Matrices, load_idf
from storyline.events.online import components as group_rows
from storyline.events.online import link_rows
from storyline.events.paraphrase import load_paraphrase_model
from storyline.events.scorer import PairScorer, load_pair_scorer, scorer_features
from storyline.events.training import (
    Candidate,
    Chosen,
    NestedDecide,
    bootstrap_interval,
    components,
    cv_metrics,
    f1_spread,
    nested_cross_validate,
    prf,
)
from storyline.events.vetoes import vetoed
from storyline.model import Article
from storyline.prepcache import cached_vectors
from storyline.store.base import Store

log = logging.getLogger(__name__)

LOCKBOX = Path(__file__).resolve().parents[3] / "tests" / "data" / "events_lockbox" / "pairs.txt"
NESTED_REPEATS = 5


@dataclass(frozen=True, slots=True)
class LabelledPair:
    first: str
    second: str
    same: bool
    language: str
    pair_id: str = ""


def read_pairs(path: Path) -> list[LabelledPair]:
    out = []
    for r in read_jsonl(path / "pairs.jsonl"):
        label = r.get("same_story", r.get("label") == "OK")
        pair_id = str(r.get("pair_id") or f"{r['id1']}-{r['id2']}")
        out.append(LabelledPair(str(r["id1"]), str(r["id2"]), bool(label), str(r.get("lang") or ""), pair_id))
    if not out:
        raise DataError(f"{path / 'pairs.jsonl'}: no pairs")
    return out


def lockbox_ids(path: Path = LOCKBOX) -> frozenset[str]:
    """Pair ids of the events lockbox (empty when the file is absent)."""
    if not path.exists():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def split_lockbox(
    pairs: Sequence[LabelledPair], lockbox: frozenset[str]
) -> tuple[list[LabelledPair], set[str]]:
    """The pairs that may be used for development (no article shared with a lockbox pair), and the
    articles of the lockbox pairs (kept out of training pools)."""
    boxed = {a for p in pairs if p.pair_id in lockbox for a in (p.first, p.second)}
    kept = [p for p in pairs if p.pair_id not in lockbox and p.first not in boxed and p.second not in boxed]
    return kept, boxed


@dataclass(frozen=True, slots=True)
class PairData:
    """Labelled pairs whose two articles were both ingested, as row indices into ``matrices``."""

    pairs: list[LabelledPair]
    first: np.ndarray
    second: np.ndarray
    matrices: Matrices
    days: np.ndarray  # publication day number of each row (storyline.events.assign.day_number)


def stored_vectors(
    store: Store, articles: Sequence[Article], names: Sequence[str], cache_dir: str = ""
) -> dict[str, dict[str, np.ndarray]]:
    """The stored named vectors of the articles ("doc", "title", and the e5 one annotation stores), with
    the other ``names`` (spans the training compares) computed here (kept under ``cache_dir`` when set,
    ``storyline.prepcache.cached_vectors``)."""
    out = {a: dict(v) for a, v in store.vectors(a.id for a in articles).items()}
    for name in names:
        todo = [a for a in articles if name not in out.get(a.id, {})]
        if todo:
            computed = cached_vectors(name, todo, NAMED_VECTORS[name], cache_dir)
            for k, a in enumerate(todo):
                out.setdefault(a.id, {})[name] = computed[k]
    return out


def pair_data(
    store: Store,
    pairs: Sequence[LabelledPair],
    names: Sequence[str] = (),
    exclude: set[str] | None = None,
    cache_dir: str = "",
) -> PairData:
    """Features of the labelled pairs from the stored articles (less ``exclude``) and their vectors."""
    ids = store.all_article_ids()
    articles: list[Article] = [a for a in store.articles(ids) if a.id not in (exclude or set())]
    row = {a.id: k for k, a in enumerate(articles)}
    kept = [p for p in pairs if p.first in row and p.second in row]
    if len(kept) < len(pairs):
        log.warning("%d pairs name articles that were not ingested; skipped", len(pairs) - len(kept))
    vectors = stored_vectors(store, articles, names, cache_dir)
    return PairData(
        kept,
        np.array([row[p.first] for p in kept], dtype=np.int64),
        np.array([row[p.second] for p in kept], dtype=np.int64),
        article_matrices(articles, vectors, load_models().morph, load_idf()),
        np.array([day_number(a) for a in articles], dtype=np.int64),
    )


def labelled_features(data: PairData, names: tuple[str, ...]) -> np.ndarray:
    return scorer_features(data.matrices, data.first, data.second, load_paraphrase_model(), names)


# ----------------------------------------------------------------------------- the candidate grid
# the headline alone: longer spans cost 3-4x more per article (docs/events.md, "Speed"); e5_200 is
# measured by scripts/train_pair_scorer.py (variant "span_200"), not offered
E5_CHOICES = ("e5_0",)
OLD_FEATURES = (
    "tfidf", "doc_vector", "title_vector", "title_overlap", "title_to_doc", "entities", "lead_entities",
    "people_conflict", "places_conflict", "title_in_body", "names_in_body", "names_conflict",
    "numbers_in_lead", "numbers_conflict",
)  # fmt: skip
ENTITY_FEATURES = ("entities", "lead_entities", "people_conflict", "places_conflict")
VETO_CHOICES: dict[str, tuple[str, ...]] = {
    "none": (),
    "names": ("unmatched_headline_names",),
    "names_by_sound": ("unknown_headline_names",),
    "names_numbers": ("unmatched_headline_names", "different_headline_numbers"),
    "names_by_sound_numbers": ("unknown_headline_names", "different_headline_numbers"),
}
C_CHOICES = (0.1, 1.0)


def feature_sets(e5: Sequence[str] = E5_CHOICES) -> dict[str, tuple[str, ...]]:
    """Nested feature sets, each part with a reason of its own (docs/events.md): the old feature set;
    e5 (raw or centred cosine) + TF-IDF (topic); + whether each headline's names and numbers are in
    the other article (the guideline's "each headline fits the other article"); + entity overlap;
    + one headline a reaction; or + the ParaPhraser headline model."""
    out: dict[str, tuple[str, ...]] = {"old": OLD_FEATURES}
    for v in (*e5, *(n + CENTRED for n in e5)):
        core = (v, "tfidf")
        facts = (*core, "names_known", "numbers_in_lead")
        out[f"{v}+tfidf"] = core
        out[f"{v}+facts"] = facts
        out[f"{v}+facts+entities"] = (*facts, *ENTITY_FEATURES)
        out[f"{v}+facts+entities+speech"] = (*facts, *ENTITY_FEATURES, "speech_one_side")
        out[f"{v}+facts+entities+paraphrase"] = (*facts, *ENTITY_FEATURES, "title_paraphrase")
    return out


@dataclass(frozen=True, slots=True)
class ExtraPairs:
    """Training pairs from elsewhere (not tgcontest): another dataset or self-supervision."""

    matrices: Matrices
    first: np.ndarray
    second: np.ndarray
    same: np.ndarray
    weight: float


def candidate_grid(
    data: PairData,
    sets: dict[str, tuple[str, ...]] | None = None,
    vetoes: dict[str, tuple[str, ...]] | None = None,
    cs: Sequence[float] = C_CHOICES,
    extra: ExtraPairs | None = None,
) -> list[Candidate]:
    """Every configuration (feature set x vetoes x C); ``extra`` pairs join every fit (their vetoed
    pairs left out, as the labelled ones are)."""
    out: list[Candidate] = []
    rules = vetoes or VETO_CHOICES
    veto_masks = {k: vetoed(data.matrices, data.first, data.second, r) for k, r in rules.items()}
    for set_name, names in (sets or feature_sets()).items():
        x = labelled_features(data, names)
        signs = np.array([sign(n) for n in names])
        for veto_name, mask in veto_masks.items():
            if extra is None:
                out.extend(Candidate(f"{set_name}|{veto_name}|C={c}", x, mask, c, signs) for c in cs)
                continue
            ex = scorer_features(extra.matrices, extra.first, extra.second, load_paraphrase_model(), names)
            keep = ~vetoed(extra.matrices, extra.first, extra.second, rules[veto_name])
            out.extend(
                Candidate(
                    f"{set_name}|{veto_name}|C={c}",
                    x,
                    mask,
                    c,
                    signs,
                    ex[keep],
                    extra.same[keep],
                    extra.weight,
                )
                for c in cs
            )
    return out


def annotated(
    records: Sequence[dict[str, Any]], names: Sequence[str], config: Config | None = None
) -> tuple[list[Article], Matrices]:
    """Articles (JSONL records: id, text, optional title / language / published) through storyline's
    reader, cleaner and annotator (with ``config``, default settings when None), and their matrices with
    the named vectors ``names``."""
    import json

    with tempfile.TemporaryDirectory(prefix="storyline-extra-") as tmp:
        source = Path(tmp) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        with Engine(Path(tmp) / "extra.db", config or Config()) as eng:
            eng.add([source])
            articles = eng.store.articles(eng.store.all_article_ids())
            vectors = stored_vectors(eng.store, articles, names, eng.config.annotate.cache_dir)
    return articles, article_matrices(articles, vectors, load_models().morph, load_idf())


SEMEVAL_SAME, SEMEVAL_DIFFERENT = 1.5, 3.0  # Overall at most / at least (1 = very similar, 4 = not)


SEMEVAL_TRAIN_SPLIT = "train_sample"  # the eval_sample split stays for `storyline eval similarity`


def semeval_pairs(
    path: Path, names: Sequence[str], weight: float, config: Config | None = None
) -> ExtraPairs:
    """SemEval-2022 Task 8 pairs of the train_sample split as extra rows: Overall <= 1.5 "same", >= 3
    "different" (the pairs in between are left out: the task's "same story" is broader than one
    event)."""
    rows = [
        r
        for r in read_jsonl(path / "pairs.jsonl")
        if r.get("split") == SEMEVAL_TRAIN_SPLIT
        and not SEMEVAL_SAME < r["scores"]["Overall"] < SEMEVAL_DIFFERENT
    ]
    records: dict[str, dict[str, Any]] = {}
    for r in rows:
        for k in ("1", "2"):
            aid = str(r["id" + k])
            records.setdefault(aid, {"id": aid, "text": r["text" + k], "language": r.get("lang" + k)})
    articles, m = annotated(list(records.values()), names, config)
    row = {a.id: k for k, a in enumerate(articles)}
    rows = [r for r in rows if str(r["id1"]) in row and str(r["id2"]) in row]
    return ExtraPairs(
        m,
        np.array([row[str(r["id1"])] for r in rows], dtype=np.int64),
        np.array([row[str(r["id2"])] for r in rows], dtype=np.int64),
        np.array([r["scores"]["Overall"] <= SEMEVAL_SAME for r in rows]),
        weight,
    )


TOPIC_LANGUAGES = frozenset({"ru", "uk", "bg"})
TOPIC_MIN_DAYS = 14
TOPIC_PAIRS = 400


def topic_negatives(path: Path, names: Sequence[str], weight: float, seed: int = 0) -> ExtraPairs:
    """Self-supervision from a dated collection (bsnlp): two articles of one topic published at least
    TOPIC_MIN_DAYS apart report different happenings, however close their subject. At most
    TOPIC_PAIRS such pairs (seeded) of Russian, Ukrainian and Bulgarian articles."""
    from datetime import date

    docs = [
        r
        for r in read_jsonl(path)
        if r.get("lang") in TOPIC_LANGUAGES and r.get("date") and len(r.get("text") or "") > 200
    ]
    day: dict[str, int] = {}
    for r in docs:
        try:
            day[str(r["id"])] = date.fromisoformat(str(r["date"])[:10]).toordinal()
        except ValueError:
            continue  # a malformed date in the collection
    docs = [r for r in docs if str(r["id"]) in day]
    by_topic: dict[tuple[str, str], list[str]] = {}
    for r in docs:
        by_topic.setdefault((str(r["topic"]), str(r["lang"])), []).append(str(r["id"]))
    far = [
        (a, b)
        for ids in by_topic.values()
        for k, a in enumerate(ids)
        for b in ids[k + 1 :]
        if abs(day[a] - day[b]) >= TOPIC_MIN_DAYS
    ]
    chosen = np.random.default_rng(seed).choice(len(far), min(TOPIC_PAIRS, len(far)), replace=False)
    picked = [far[k] for k in sorted(chosen.tolist())]
    wanted = {a for p in picked for a in p}
    records = [
        {
            "id": str(r["id"]),
            "text": r["text"],
            "title": r.get("title"),
            "language": r["lang"],
            "published": r["date"],
        }
        for r in docs
        if str(r["id"]) in wanted
    ]
    articles, m = annotated(records, names)
    row = {a.id: k for k, a in enumerate(articles)}
    picked = [(a, b) for a, b in picked if a in row and b in row]
    return ExtraPairs(
        m,
        np.array([row[a] for a, _ in picked], dtype=np.int64),
        np.array([row[b] for _, b in picked], dtype=np.int64),
        np.zeros(len(picked), dtype=bool),
        weight,
    )


def candidate_scorer(chosen: Chosen) -> PairScorer:
    """The PairScorer of a chosen candidate (feature names, vetoes, weights, threshold)."""
    set_name, veto_name, _ = chosen.candidate.name.split("|")
    names = feature_sets(E5_SPANS_ALL)[set_name]
    return PairScorer(
        names,
        chosen.fit.weights,
        chosen.fit.bias,
        chosen.fit.threshold,
        load_paraphrase_model(),
        {},
        VETO_CHOICES[veto_name],
    )


E5_SPANS_ALL = tuple(f"e5_{n}" for n in E5_SPANS)


def _scores(
    truth: np.ndarray, predicted: np.ndarray, languages: np.ndarray, groups: np.ndarray | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {k: round(v, 4) for k, v in prf(truth, predicted).items()}
    if groups is not None and len(truth):
        out["interval95"] = bootstrap_interval(predicted[None, :], truth, groups)
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


def nested_grouping(data: PairData, config: ClusterConfig, cannot_link: bool = True) -> NestedDecide:
    """The chosen model of a fold groups all the articles as ``storyline update`` does; a pair is one
    event iff its two articles end up in one group."""
    rows = np.arange(len(data.matrices), dtype=np.int64)
    no_events = np.full(len(rows), -1, dtype=np.int64)

    def decide(chosen: Chosen, test: np.ndarray) -> np.ndarray:
        scorer = candidate_scorer(chosen)
        threshold = config.event_probability or scorer.threshold
        links = link_rows(data.matrices, data.days, rows, scorer, threshold, search_config(config))
        conflicts = scorer.conflicts(data.matrices) if cannot_link else None
        label = group_rows(no_events, links, data.days, config.event_window_days, None, conflicts)
        return np.asarray(label[data.first] == label[data.second])

    return decide


def cv_figures(
    decisions: np.ndarray, y: np.ndarray, languages: np.ndarray, groups: np.ndarray
) -> dict[str, Any]:
    out: dict[str, Any] = {k: round(v, 4) for k, v in cv_metrics(decisions, y).items()}
    out["f1_std_over_repeats"] = round(f1_spread(decisions, y), 4)
    out["interval95"] = bootstrap_interval(decisions, y, groups)
    out["per_language"] = {
        lang: {
            **{k: round(v, 4) for k, v in cv_metrics(decisions, y, languages == lang).items()},
            "f1_interval95": bootstrap_interval(decisions, y, groups, languages == lang)["f1"],
            "pairs": int(np.sum(languages == lang)),
        }
        for lang in sorted(set(languages.tolist()))
    }
    return out


SEMEVAL_WEIGHT = 0.3  # an extra SemEval training pair against a labelled tgcontest one


def training_extra(names: Sequence[str] = E5_CHOICES, config: Config | None = None) -> ExtraPairs | None:
    """The extra training rows of the shipped procedure: the SemEval-2022 sample (``semeval_pairs``),
    or None (with a warning) when ../shared/data does not have it. Built once per process for the same
    names and settings (embedding the texts with e5 takes minutes; the rows are only read)."""
    return _training_extra(tuple(names), config or Config(), data_root())


@functools.cache
def _training_extra(names: tuple[str, ...], config: Config, root: Path) -> ExtraPairs | None:
    path = root / "semeval22_task8_sample"
    if not (path / "pairs.jsonl").exists():
        log.warning("%s not found: the procedure is trained on the labelled pairs alone", path)
        return None
    return semeval_pairs(path, names, SEMEVAL_WEIGHT, config)


def nested_cv(
    data: PairData, config: ClusterConfig, repeats: int = NESTED_REPEATS, extra: ExtraPairs | None = None
) -> dict[str, Any]:
    """The training procedure measured by nested cross-validation (see the module docstring)."""
    y = np.array([p.same for p in data.pairs])
    languages = np.array([p.language for p in data.pairs])
    groups = components(data.first.tolist(), data.second.tolist(), len(data.matrices))
    candidates = candidate_grid(data, extra=extra)
    decided, chosen = nested_cross_validate(
        candidates, y, groups, repeats, {"pairwise": None, "events": nested_grouping(data, config)}
    )
    pairwise, events = decided["pairwise"], decided["events"]
    picks: dict[str, int] = {}
    for c in chosen:
        picks[c.candidate.name] = picks.get(c.candidate.name, 0) + 1
    return {
        "pairwise": cv_figures(pairwise, y, languages, groups),
        "events": cv_figures(events, y, languages, groups),
        "pairs": len(y),
        "repeats": repeats,
        "candidates": len(candidates),
        "chosen_in_outer_folds": dict(sorted(picks.items(), key=lambda kv: -kv[1])),
    }


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    pairs = read_pairs(path)
    lockbox = lockbox_ids()
    start = time.perf_counter()
    scorer = load_pair_scorer()
    with (
        tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp,
        Engine(Path(tmp) / "eval.db", config) as eng,
    ):
        eng.add([path / "articles.jsonl"])
        ingested = time.perf_counter()
        eng.update()
        grouped = time.perf_counter()
        membership = eng.store.memberships(eng.store.all_article_ids())
        event_of = {a: m.event_id for a, m in membership.items() if m.event_id}
        found = [p for p in pairs if p.first in event_of and p.second in event_of]
        truth = np.array([p.same for p in found])
        predicted = np.array([event_of[p.first] == event_of[p.second] for p in found])
        languages = np.array([p.language for p in found])
        boxed = np.array([p.pair_id in lockbox for p in found])
        node = {a: k for k, a in enumerate(sorted({a for p in found for a in (p.first, p.second)}))}
        groups = components([node[p.first] for p in found], [node[p.second] for p in found], len(node))
        result: dict[str, Any] = {"end_to_end": _scores(truth, predicted, languages, groups)}
        if boxed.any():
            result["lockbox"] = {
                **_scores(truth[boxed], predicted[boxed], languages[boxed], groups[boxed]),
                "note": "tests/data/events_lockbox: never used in training or model choice; scored once",
            }
            result["development_in_sample"] = _scores(truth[~boxed], predicted[~boxed], languages[~boxed])
        result["events"] = len(set(event_of.values()))
        result["articles"] = len(event_of)
        result["redirects"] = len(eng.store.redirects())
        result["shipped_scorer"] = {
            "features": list(scorer.names),
            "vetoes": list(scorer.vetoes),
            **scorer.report,
        }
        development, boxed_articles = split_lockbox(pairs, lockbox)
        data = pair_data(eng.store, development, E5_CHOICES, boxed_articles, config.annotate.cache_dir)
        extra = training_extra(config=config)
        result["nested_cv"] = nested_cv(data, config.cluster, extra=extra)
        result["nested_cv"]["extra_training_pairs"] = (
            {"semeval_same": int(extra.same.sum()), "semeval_different": int((~extra.same).sum())}
            if extra
            else {}
        )
    result["seconds"] = {
        "ingest": round(ingested - start, 1),
        "update": round(grouped - ingested, 1),
        "total": round(time.perf_counter() - start, 1),
    }
    return result
