"""Train the same-event pair scorer on tgcontest_pairs (src/storyline/resources/pair_scorer.npz).

The articles go through storyline's real path (JSONL reader, cleaner, annotator, sentence vectors)
into a temporary store. Features: storyline.events.scorer.FEATURE_NAMES, with and without the
title paraphrase model; the fact-conflict vetoes (storyline.events.vetoes, fixed rules from the
annotators' guideline) overrule the model, which is therefore fit only on the pairs they leave. For
each feature set and regularisation C, pairs are split 5-fold by connected component of the pair
graph (20 shuffled repeats); in every fold the logistic regression and its decision threshold (best
F1 on the training folds) are fit on the non-vetoed pairs of the training folds only. The feature
set and C with the best mean out-of-fold F1 are refit on all non-vetoed pairs (threshold again the
best-F1 one on them) and saved with their cross-validated figures: of the classifier (each pair by
its own probability) and of the events end to end (each fold's scorer groups all the articles as
``storyline update`` does, with and without the cannot-link check on vetoed pairs). Also
printed: the same CV without the vetoes, with each veto alone, and without the interaction features
(what each part adds; these are reports, not choices).

    python scripts/train_pair_scorer.py [DIR] [--out src/storyline/resources/pair_scorer.npz]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from storyline.config import Config
from storyline.engine import Engine
from storyline.evaluate.data import data_root
from storyline.evaluate.events import PairData, grouping, labelled_features, pair_data, read_pairs
from storyline.events.features import PRODUCT
from storyline.events.paraphrase import load_paraphrase_model
from storyline.events.scorer import FEATURE_NAMES, PARAPHRASE, VETO_RULES, PairScorer
from storyline.events.training import choose_c, components, cross_validate, cv_metrics, f1_spread, fit
from storyline.events.vetoes import vetoed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dir", nargs="?", type=Path, default=data_root() / "tgcontest_pairs")
    parser.add_argument("--out", type=Path, default=Path("src/storyline/resources/pair_scorer.npz"))
    args = parser.parse_args()
    start = time.perf_counter()
    pairs = read_pairs(args.dir)
    with tempfile.TemporaryDirectory() as tmp, Engine(Path(tmp) / "train.db", Config()) as eng:
        eng.add([args.dir / "articles.jsonl"])
        data = pair_data(eng.store, pairs)
    prepared = time.perf_counter() - start
    y = np.array([p.same for p in data.pairs])
    ru = np.array([p.language == "ru" for p in data.pairs])
    groups = components(data.first.tolist(), data.second.tolist(), len(data.matrices))
    veto = vetoed(data.matrices, data.first, data.second, VETO_RULES)
    candidates = {"all": FEATURE_NAMES, "no_paraphrase": tuple(n for n in FEATURE_NAMES if n != PARAPHRASE)}
    best: tuple[float, str, float] = (-1.0, "", 1.0)
    report: dict[str, dict[str, float]] = {}
    for name, names in candidates.items():
        x = labelled_features(data, names)
        c, by_c = choose_c(x, y, groups, veto)
        report[name] = {f"C={k}": round(v, 4) for k, v in by_c.items()}
        print(name, json.dumps(report[name]))
        if by_c[c] > best[0]:
            best = (by_c[c], name, c)
    _, name, c = best
    names = candidates[name]
    x = labelled_features(data, names)
    decisions = cross_validate(x, y, groups, c, veto)
    overall, russian = cv_metrics(decisions, y), cv_metrics(decisions, y, ru)
    parts = ablation(data, names, y, ru, groups, c)
    model = fit(x[~veto], y[~veto], c)  # the model decides only the pairs the vetoes leave
    scorer = PairScorer(
        names, model.weights, model.bias, model.threshold, load_paraphrase_model(), {}, VETO_RULES
    )
    events = cross_validate(x, y, groups, c, veto, grouping(data, scorer, Config().cluster))
    chained = cross_validate(x, y, groups, c, veto, grouping(data, scorer, Config().cluster, False))
    summary = {
        "C": c,
        "with_paraphrase": float(name == "all"),
        "cv_precision": round(overall["precision"], 4),
        "cv_recall": round(overall["recall"], 4),
        "cv_f1": round(overall["f1"], 4),
        "cv_f1_ru": round(russian["f1"], 4),
        # spread of F1 over the repeats (fold assignments), all pairs and ru
        "cv_f1_std": round(f1_spread(decisions, y), 4),
        "cv_f1_ru_std": round(f1_spread(decisions, y, ru), 4),
        # the events end to end (what `storyline eval events` measures), and without cannot-link
        "cv_events_f1": round(cv_metrics(events, y)["f1"], 4),
        "cv_events_f1_ru": round(cv_metrics(events, y, ru)["f1"], 4),
        "cv_events_f1_std": round(f1_spread(events, y), 4),
        "cv_events_f1_no_cannot_link": round(cv_metrics(chained, y)["f1"], 4),
        "vetoed_pairs": float(veto.sum()),
        "vetoed_same_event_pairs": float((veto & y).sum()),
        "training_pairs": float((~veto).sum()),
        "pairs": float(len(y)),
        "seconds": round(time.perf_counter() - start, 1),
    }
    replace(scorer, report=summary).save(args.out)
    print(
        json.dumps(
            {
                "chosen": name,
                "threshold": round(model.threshold, 4),
                "prepare_seconds": round(prepared, 1),
                **summary,
            }
        )
    )
    print(json.dumps(dict(zip(names, np.round(model.weights, 3).tolist(), strict=True))))
    print(json.dumps({"ablation (cv f1, f1 ru)": parts}))


def ablation(
    data: PairData, names: tuple[str, ...], y: np.ndarray, ru: np.ndarray, groups: np.ndarray, c: float
) -> dict[str, list[float]]:
    """Cross-validated F1 (all, ru) of the chosen model without each part (reports, not choices)."""
    plain = tuple(n for n in names if PRODUCT not in n)
    variants = {
        "chosen": (names, VETO_RULES),
        "no_vetoes": (names, ()),
        **{f"only_veto_{r}": (names, (r,)) for r in VETO_RULES},
        "no_interactions": (plain, VETO_RULES),
        "no_interactions_no_vetoes": (plain, ()),
    }
    out = {}
    for label, (features, rules) in variants.items():
        veto = vetoed(data.matrices, data.first, data.second, rules)
        d = cross_validate(labelled_features(data, features), y, groups, c, veto)
        out[label] = [round(cv_metrics(d, y)["f1"], 4), round(cv_metrics(d, y, ru)["f1"], 4)]
    return out


if __name__ == "__main__":
    main()
