"""Multilingual news-pair similarity (SemEval-2022 Task 8 format): does the pair score follow people?

Each pair has human ratings from 1 (very similar) to 4 (very dissimilar); ``Overall`` asks whether the
two articles tell the same news story. The articles go through storyline's real path (JSONL reader,
cleaner, annotator, vectors) into a temporary store, and every pair is scored with the shipped
same-event scorer. Reported: ``pearson``, the Pearson correlation of the scorer's same-event logit
(before the vetoes: a vetoed pair keeps its logit, so the figure measures the graded score) with
``-Overall`` (so that higher is better), overall and per language pair; the same for the probability
as grouping uses it (vetoes set it to 0), for the e5 cosine alone and for the multilingual USE
document cosine (the baselines). The scorer's training took the clear pairs of the sample's
``train_sample`` split as extra rows (``storyline.evaluate.events.semeval_pairs``), so the figures
that count are those of the ``eval_sample`` split (``held_out``), which no fit saw; ``all`` is given
too. Its notion is same-*event*, narrower than SemEval's same *story*.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from storyline.annotate import load_models
from storyline.config import Config
from storyline.engine import Engine
from storyline.errors import DataError
from storyline.evaluate.data import read_jsonl
from storyline.evaluate.events import SEMEVAL_TRAIN_SPLIT, stored_vectors
from storyline.events.assign import article_matrices
from storyline.events.features import dense_cos
from storyline.events.matrices import load_idf
from storyline.events.scorer import load_pair_scorer
from storyline.events.vetoes import vetoed

log = logging.getLogger(__name__)
E5_BASELINE = "e5_0"


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    rows = list(read_jsonl(path / "pairs.jsonl"))
    if not rows:
        raise DataError(f"{path / 'pairs.jsonl'}: no pairs")
    start = time.perf_counter()
    texts: dict[str, tuple[str, str]] = {}
    for r in rows:
        texts.setdefault(str(r["id1"]), (r["text1"], r.get("lang1") or ""))
        texts.setdefault(str(r["id2"]), (r["text2"], r.get("lang2") or ""))
    scorer = load_pair_scorer()
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp:
        source = Path(tmp) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as f:
            for aid, (text, lang) in texts.items():
                f.write(json.dumps({"id": aid, "text": text, "language": lang}, ensure_ascii=False) + "\n")
        with Engine(Path(tmp) / "eval.db", config) as eng:
            eng.add([source])
            articles = eng.store.articles(eng.store.all_article_ids())
            names = sorted({*scorer.vector_names, E5_BASELINE})
            vectors = stored_vectors(eng.store, articles, names, config.annotate.cache_dir)
    m = article_matrices(articles, vectors, load_models().morph, load_idf())
    row = {a.id: k for k, a in enumerate(articles)}
    kept = [r for r in rows if str(r["id1"]) in row and str(r["id2"]) in row]
    i = np.array([row[str(r["id1"])] for r in kept], dtype=np.int64)
    j = np.array([row[str(r["id2"])] for r in kept], dtype=np.int64)
    gold = -np.array([float(r["scores"]["Overall"]) for r in kept])
    logit = scorer.features(m, i, j) @ scorer.weights + scorer.bias
    scores = {
        "pearson": logit,
        "pearson_probability": np.where(vetoed(m, i, j, scorer.vetoes), 0.0, 1.0 / (1.0 + np.exp(-logit))),
        "pearson_e5_cosine": dense_cos(m.named[E5_BASELINE], i, j),
        "pearson_muse_doc_cosine": dense_cos(m.doc_vectors, i, j),
    }
    langs = np.array([f"{r.get('lang1')}-{r.get('lang2')}" for r in kept])
    held = np.array([r.get("split") != SEMEVAL_TRAIN_SPLIT for r in kept])
    out: dict[str, Any] = {
        "held_out": _correlations(scores, gold, langs, held),
        "all": _correlations(scores, gold, langs, np.ones(len(kept), dtype=bool)),
    }
    out["pearson"] = out["held_out"]["pearson"]
    out["pairs"] = len(kept)
    out["seconds"] = round(time.perf_counter() - start, 1)
    return out


def _correlations(
    scores: dict[str, np.ndarray], gold: np.ndarray, langs: np.ndarray, keep: np.ndarray
) -> dict[str, Any]:
    out: dict[str, Any] = {k: round(pearson(v[keep], gold[keep]), 4) for k, v in scores.items()}
    out["pairs"] = int(keep.sum())
    out["per_language_pair"] = {
        lang: {
            **{
                k: round(pearson(v[keep & (langs == lang)], gold[keep & (langs == lang)]), 4)
                for k, v in scores.items()
            },
            "pairs": int(np.sum(keep & (langs == lang))),
        }
        for lang in sorted(set(langs[keep].tolist()))
    }
    return out
