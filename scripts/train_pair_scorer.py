"""Train the same-event pair scorer on tgcontest_pairs (src/storyline/resources/pair_scorer.npz).

The articles go through storyline's real path (JSONL reader, cleaner, annotator, vectors) into a
store. The lockbox pairs (tests/data/events_lockbox) and every article of theirs are left out of
everything here. The procedure (``storyline.events.training.choose``): among the candidate
configurations of ``storyline.evaluate.events.candidate_grid`` — feature set, e5 text span, vetoes,
C — the one with the best F1 of its inner grouped out-of-fold probabilities (at their best
threshold) is refit on all the development pairs it does not veto, with that out-of-fold threshold.
Every fit also takes the SemEval-2022 sample's clear pairs as extra rows (weight 0.3; Overall <= 1.5
"same", >= 3 "different"; ``storyline.evaluate.events.semeval_pairs``).
The procedure itself is measured by nested cross-validation (outer folds grouped by connected
component, repeated), and so are variants of the grid that leave a part out (what each part adds).

    python scripts/train_pair_scorer.py [DIR] [--out src/storyline/resources/pair_scorer.npz]
        [--db FILE (keep the annotated store and its vectors between runs)] [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from storyline.config import Config
from storyline.engine import Engine
from storyline.evaluate.data import data_root
from storyline.evaluate.events import (
    E5_CHOICES,
    VETO_CHOICES,
    ExtraPairs,
    PairData,
    candidate_grid,
    candidate_scorer,
    cv_figures,
    feature_sets,
    lockbox_ids,
    nested_grouping,
    pair_data,
    read_pairs,
    split_lockbox,
    topic_negatives,
    training_extra,
)
from storyline.events import terms
from storyline.events.features import CENTRED, pair_features
from storyline.events.training import choose, components, nested_cross_validate


def variants() -> dict[str, tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]]:
    """Grids to compare (feature sets, veto choices): the full one and ones without a part."""
    sets = feature_sets()
    no_sound = {k: tuple("names_in_body" if n == "names_known" else n for n in v) for k, v in sets.items()}
    return {
        "full": (sets, VETO_CHOICES),
        "no_semeval": (sets, VETO_CHOICES),
        "old_features_only": ({"old": sets["old"]}, VETO_CHOICES),
        "old_features_old_vetoes": ({"old": sets["old"]}, {"names_numbers": VETO_CHOICES["names_numbers"]}),
        "no_vetoes": (sets, {"none": ()}),
        "no_sound_keys": (no_sound, {k: v for k, v in VETO_CHOICES.items() if "sound" not in k}),
        "no_speech": ({k: v for k, v in sets.items() if "speech" not in k}, VETO_CHOICES),
        "no_paraphrase": ({k: v for k, v in sets.items() if "paraphrase" not in k}, VETO_CHOICES),
        "no_centred": ({k: v for k, v in sets.items() if CENTRED not in k}, VETO_CHOICES),
        "only_centred": ({k: v for k, v in sets.items() if CENTRED in k}, VETO_CHOICES),
        "e5_tfidf_only": ({k: v for k, v in sets.items() if k.endswith("+tfidf")}, {"none": ()}),
        "span_200": (feature_sets(("e5_200",)), VETO_CHOICES),
    }


# rules of storyline.events.terms (names in headlines) switched off, one at a time, to measure them
TERM_RULES_OFF: dict[str, dict[str, Any]] = {
    "no_initialisms": {"initialisms": lambda text: frozenset()},  # "ВОВ" does not meet its expansion
    "no_usage_names": {"capitalised_in_text": lambda text: frozenset()},  # first words by casing only
}
EXTRA_WEIGHT = 0.3  # weight of an extra training pair against a labelled tgcontest one


FLOOR = Config().cluster.event_min_cosine
SIGNALS = ("speech_one_side", "names_unmatched", "names_unknown", "numbers_distinct")


def signals(data: PairData, y: np.ndarray) -> dict[str, list[int]]:
    """How often each binary signal (a conflict, a veto's rule) fires on same- and different-event pairs."""
    fired = pair_features(data.matrices, data.first, data.second, SIGNALS) > 0
    out = {n: [int((fired[:, k] & y).sum()), int((fired[:, k] & ~y).sum())] for k, n in enumerate(SIGNALS)}
    # pairs that the candidate search never scores: document-vector cosine under the floor
    below = pair_features(data.matrices, data.first, data.second, ("doc_vector",))[:, 0] < FLOOR
    out["doc_cosine_below_candidate_floor"] = [int((below & y).sum()), int((below & ~y).sum())]
    return out


def measure(
    data: PairData, sets: Any, vetoes: Any, repeats: int, events: bool, extra: ExtraPairs | None = None
) -> dict[str, Any]:
    y = np.array([p.same for p in data.pairs])
    languages = np.array([p.language for p in data.pairs])
    groups = components(data.first.tolist(), data.second.tolist(), len(data.matrices))
    candidates = candidate_grid(data, sets, vetoes, extra=extra)
    ways = {"pairwise": None, **({"events": nested_grouping(data, Config().cluster)} if events else {})}
    decided, chosen = nested_cross_validate(candidates, y, groups, repeats, ways)
    out: dict[str, Any] = {k: cv_figures(v, y, languages, groups) for k, v in decided.items()}
    picks: dict[str, int] = {}
    for c in chosen:
        picks[c.candidate.name] = picks.get(c.candidate.name, 0) + 1
    out["chosen"] = dict(sorted(picks.items(), key=lambda kv: -kv[1])[:5])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dir", nargs="?", type=Path, default=data_root() / "tgcontest_pairs")
    parser.add_argument("--out", type=Path, default=Path("src/storyline/resources/pair_scorer.npz"))
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--variants", nargs="*", default=None, help="grids to measure (default: all)")
    args = parser.parse_args()
    start = time.perf_counter()
    pairs = read_pairs(args.dir)
    development, boxed = split_lockbox(pairs, lockbox_ids())
    scratch = tempfile.TemporaryDirectory()  # the store, unless --db keeps it
    db = args.db or Path(scratch.name) / "train.db"
    fresh = not db.exists()
    with Engine(db, Config()) as eng:
        if fresh:
            eng.add([args.dir / "articles.jsonl"])
        data = pair_data(eng.store, development, (*E5_CHOICES, "e5_200"), boxed)
    prepared = time.perf_counter() - start
    y = np.array([p.same for p in data.pairs])
    groups = components(data.first.tolist(), data.second.tolist(), len(data.matrices))
    report: dict[str, Any] = {"signals": signals(data, y)}
    print(json.dumps({"signals (fires on same-event, different-event pairs)": report["signals"]}), flush=True)
    semeval = training_extra()  # the shipped procedure's extra training rows
    for name, (sets, vetoes) in variants().items():
        if args.variants is not None and name not in args.variants:
            continue
        extra = None if name == "no_semeval" else semeval
        report[name] = measure(data, sets, vetoes, args.repeats, name == "full", extra)
        print(json.dumps({name: report[name]}), flush=True)
    extras: dict[str, Callable[[], ExtraPairs]] = {
        "with_topic_negatives": lambda: topic_negatives(
            data_root() / "bsnlp" / "documents.jsonl", E5_CHOICES, EXTRA_WEIGHT
        ),
    }
    for name, patch in TERM_RULES_OFF.items():  # a rule of storyline.events.terms switched off
        if args.variants is not None and name not in args.variants:
            continue
        saved = {attr: getattr(terms, attr) for attr in patch}
        for attr, value in patch.items():
            setattr(terms, attr, value)
        try:
            with Engine(db, Config()) as eng:
                changed = pair_data(eng.store, development, E5_CHOICES, boxed)
        finally:
            for attr, value in saved.items():
                setattr(terms, attr, value)
        report[name] = measure(changed, feature_sets(), VETO_CHOICES, args.repeats, False, semeval)
        print(json.dumps({name: report[name]}), flush=True)
    for name, load in extras.items():
        if args.variants is None or name in args.variants:
            extra = load()
            report[name] = measure(data, feature_sets(), VETO_CHOICES, args.repeats, False, extra)
            report[name]["extra_pairs"] = [int(extra.same.sum()), int((~extra.same).sum())]
            print(json.dumps({name: report[name]}), flush=True)
    final = choose(candidate_grid(data, extra=semeval), y, groups, np.ones(len(y), dtype=bool), 1000)
    scorer = candidate_scorer(final)
    full = report.get("full", {})
    summary = {
        "inner_cv_f1": round(final.inner_f1, 4),
        "C": final.candidate.c,
        "development_pairs": float(len(y)),
        "semeval_training_pairs": float(len(semeval.same)) if semeval else 0.0,
        "lockbox_pairs_left_out": float(len(pairs) - len(data.pairs)),
    }
    for key in ("pairwise", "events"):
        if key in full:
            summary[f"nested_cv_{key}_f1"] = full[key]["f1"]
            summary[f"nested_cv_{key}_f1_ru"] = (
                full[key]["per_language"].get("ru", {}).get("f1", float("nan"))
            )
    replace(scorer, report=summary).save(args.out)
    scratch.cleanup()
    print(
        json.dumps(
            {
                "chosen": final.candidate.name,
                "threshold": round(scorer.threshold, 4),
                "weights": dict(zip(scorer.names, np.round(scorer.weights, 3).tolist(), strict=True)),
                "prepare_seconds": round(prepared, 1),
                "seconds": round(time.perf_counter() - start, 1),
                **summary,
            }
        )
    )


if __name__ == "__main__":
    main()
