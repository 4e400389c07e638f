"""Train the title-pair paraphrase model on ParaPhraser (../shared/data/paraphraser).

Binary task: loose or strict paraphrase (labels 0, 1) against non-paraphrase (-1). The final
punctuation of every headline is removed first (65% of train headlines end with a period, under 1%
of test headlines do). Inputs: e5 vectors of both headlines (u*v, |u-v|) and agreement features
(storyline.events.paraphrase.SCALARS: e5 and multilingual USE cosines, word overlap, conflicts).
Logistic regression; C is chosen by 5-fold cross-validation on the train split, grouped by connected
components of shared headlines; the model is refit on the whole train split and scored once on the
official test split. Also printed: one e5 cosine with its best threshold on the train split (the
plain baseline), scored on the test split.

    python scripts/train_paraphrase.py [--out src/storyline/resources/paraphrase.npz]
        [--cache FILE.npz (e5 vectors of the headlines, computed once: about 6 minutes on one core)]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold

from storyline.annotate import load_models
from storyline.annotate.vectors import e5_encode, encode, load_e5, load_encoder
from storyline.evaluate.data import data_root, read_jsonl
from storyline.events.matrices import build_matrices, load_idf
from storyline.events.paraphrase import VECTOR, from_linear, normalise_headline, paraphrase_inputs
from storyline.events.terms import article_terms
from storyline.events.training import best_threshold
from storyline.model import Article


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=data_root() / "paraphraser")
    parser.add_argument("--out", type=Path, default=Path("src/storyline/resources/paraphrase.npz"))
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    start = time.perf_counter()
    rows = list(read_jsonl(args.data / "pairs.jsonl"))
    texts: dict[str, str] = {}
    for r in rows:
        texts.setdefault(r["sent_id1"], normalise_headline(r["text1"]))
        texts.setdefault(r["sent_id2"], normalise_headline(r["text2"]))
    ids = sorted(texts)
    index = {s: k for k, s in enumerate(ids)}
    morph = load_models().morph
    articles = [
        Article(id=s, text="", origin="paraphraser", content_hash=s, title=texts[s], language="ru")
        for s in ids
    ]
    terms = [article_terms(a, morph) for a in articles]
    vectors = encode([texts[s] for s in ids], load_encoder(2))
    if args.cache and args.cache.exists():
        with np.load(args.cache) as cached:
            known = dict(zip(cached["texts"].tolist(), cached["vectors"], strict=True))
    else:
        known = {}
    todo = sorted({texts[s] for s in ids} - set(known))
    if todo:
        known.update(zip(todo, e5_encode(todo, load_e5()), strict=True))
        if args.cache:
            np.savez(args.cache, texts=np.array(list(known)), vectors=np.stack(list(known.values())))
    e5 = np.stack([known[texts[s]] for s in ids])
    m = build_matrices(terms, vectors, vectors, load_idf(), {VECTOR: e5})
    prepared = time.perf_counter() - start

    i = np.array([index[r["sent_id1"]] for r in rows])
    j = np.array([index[r["sent_id2"]] for r in rows])
    y = np.array([r["label"] >= 0 for r in rows])
    train = np.array([r["split"] == "train" for r in rows])
    x = paraphrase_inputs(m, i, j)
    mean, scale = x[train].mean(axis=0), x[train].std(axis=0) + 1e-6
    z = (x - mean) / scale

    graph = sparse.coo_matrix((np.ones(len(rows)), (i, j)), shape=(len(ids), len(ids)))
    _, component = connected_components(graph, directed=False)
    groups = component[i[train]]
    best_c, best_f1 = 1.0, -1.0
    for c in (0.003, 0.01, 0.03, 0.1, 0.3):
        scores = []
        for tr, te in GroupKFold(5).split(z[train], y[train], groups):
            model = LogisticRegression(C=c, max_iter=3000).fit(z[train][tr], y[train][tr])
            scores.append(f1_score(y[train][te], model.predict(z[train][te])))
        print(f"C={c}: grouped 5-fold CV F1 on train {np.mean(scores):.4f}")
        if np.mean(scores) > best_f1:
            best_c, best_f1 = c, float(np.mean(scores))
    model = LogisticRegression(C=best_c, max_iter=3000).fit(z[train], y[train])
    predicted = model.predict(z[~train])
    cosine = np.einsum("ij,ij->i", e5[i], e5[j])
    cut = best_threshold(cosine[train], y[train])
    baseline = cosine[~train] >= cut
    result = {
        "C": best_c,
        "cv_f1_train": round(best_f1, 4),
        "test_accuracy": round(float(accuracy_score(y[~train], predicted)), 4),
        "test_f1": round(float(f1_score(y[~train], predicted)), 4),
        "test_pairs": int((~train).sum()),
        "e5_cosine_baseline": {
            "threshold_from_train": round(cut, 4),
            "test_accuracy": round(float(accuracy_score(y[~train], baseline)), 4),
            "test_f1": round(float(f1_score(y[~train], baseline)), 4),
        },
        "seconds_features": round(prepared, 1),
        "seconds_total": round(time.perf_counter() - start, 1),
    }
    from_linear(model.coef_[0], float(model.intercept_[0]), mean, scale).save(args.out)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
