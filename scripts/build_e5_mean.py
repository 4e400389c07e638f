"""The mean e5 vector of unlabelled news (src/storyline/resources/e5_mean.npz), one per e5 span.

e5 cosines of unrelated news sit in a narrow band (about 0.75-0.85): every vector shares a large
common direction. The feature ``<name>_centred`` (storyline.events.features) is the cosine after
that direction is removed, so that a pair's score is measured against news in general rather than
against a threshold fitted to a few hundred pairs. The mean is taken over 800 articles (a fixed
seed) of bsnlp (8 languages) and ml_crisis_tls (es, fr, it), which hold no labelled pair of
tgcontest_pairs, read through storyline's cleaner and annotator.

    python scripts/build_e5_mean.py        (about 2 minutes on one core)
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np

from storyline.annotate.vectors import NAMED_VECTORS
from storyline.config import Config
from storyline.engine import Engine
from storyline.evaluate.data import data_root, read_jsonl
from storyline.events.features import E5_MEAN_RESOURCE

SEED = 7
SOURCES = {"bsnlp/documents.jsonl": 600, "ml_crisis_tls/articles.jsonl": 200}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("src/storyline/resources") / E5_MEAN_RESOURCE)
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)
    rows = []
    for relative, n in SOURCES.items():
        found = list(read_jsonl(data_root() / relative))
        rows.extend(found[k] for k in sorted(rng.choice(len(found), min(n, len(found)), replace=False)))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "background.jsonl"
        with source.open("w", encoding="utf-8") as f:
            for k, r in enumerate(rows):
                record = {
                    "id": f"bg{k}",
                    "text": r.get("text") or "",
                    "title": r.get("title"),
                    "language": r.get("lang"),
                }
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        with Engine(Path(tmp) / "bg.db", Config()) as eng:
            eng.add([source])
            articles = eng.store.articles(eng.store.all_article_ids())
    means = {name: compute(articles) for name, compute in NAMED_VECTORS.items() if name in ("e5_0", "e5_200")}
    np.savez(args.out, **{k: v.mean(axis=0).astype(np.float32) for k, v in means.items()})
    print(json.dumps({"articles": len(articles), "names": sorted(means), "out": str(args.out)}))


if __name__ == "__main__":
    main()
