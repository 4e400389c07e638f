"""Conflicting claims: precision of the packaged detector on hand-labelled claim pairs.

``tests/data/conflicts_labelled.jsonl`` holds claim pairs that a detector reported on real collections
(bsnlp, ml_crisis_tls, the seeds), picked by a fixed rule (``tests/data/conflicts_select.py``) and labelled
by hand true or false (``tests/data/conflicts_README.md``): ``sample`` says whose output the pair was drawn
from — ``before`` (the detector before the rules of ``storyline.views.conflicts``) or ``after`` (the
packaged one). A pair is keyed by its claims' article ids and texts, so a label stays valid when stories
regroup.

For each labelled pair the scorer reads the cited articles from the dataset, prepares them as a run does
(cleaning with the outlet context of the whole file, annotation), runs
``storyline.views.conflicts.find_conflicts`` over them and checks whether the pair is reported (the same two
claim texts). **precision** = true pairs among the reported labelled pairs; **recall_of_true** = reported
among the pairs labelled true. ``unlabelled`` counts what the detector reports over these articles that has
no label (label it, by the same rule, when it grows). Figures per collection, per half (``dev``: looked at
while the rules were written; ``test``: not) and per sample.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.config import Config
from storyline.errors import InputProblem
from storyline.evaluate.data import data_root, read_jsonl
from storyline.model import Article, RawDoc

log = logging.getLogger(__name__)

_REPO = Path(__file__).resolve().parents[3]
SAMPLE = _REPO / "tests" / "data" / "conflicts_labelled.jsonl"
SEEDS = _REPO / "examples" / "seeds"
COLLECTIONS = {"bsnlp": "bsnlp/documents.jsonl", "ml_crisis_tls": "ml_crisis_tls/articles.jsonl"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pair_key(collection: str, a: Mapping[str, Any], b: Mapping[str, Any]) -> str:
    """``collection|ids of a|text of a|ids of b|text of b``, the claims in sorted order."""
    first, second = sorted((a, b), key=lambda c: (list(c["article_ids"]), _norm(c["text"])))
    parts: Sequence[str] = (
        collection,
        ",".join(first["article_ids"]),
        _norm(first["text"]),
        ",".join(second["article_ids"]),
        _norm(second["text"]),
    )
    return "|".join(parts)


def split_of(key: str) -> str:
    """``test`` when the first eight hex digits of SHA-1(key) are odd, else ``dev``."""
    return "test" if int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 2 else "dev"


def _source(collection: str, root: Path) -> Path:
    return SEEDS if collection == "seeds" else root / COLLECTIONS[collection]


def prepare_cited(collection: str, ids: Iterable[str], root: Path, config: Config) -> dict[str, Article]:
    """The cited articles of one collection, cleaned with the outlet context of the whole input (as a run
    over that input cleans them) and annotated."""
    from storyline.clean.outlet import ContextCounter
    from storyline.components import Preparer, contexts_for
    from storyline.ingest import iter_inputs

    wanted = set(ids)
    counter = ContextCounter()
    docs: list[RawDoc] = []
    for item in iter_inputs([_source(collection, root)], config.ingest):
        if isinstance(item, InputProblem):
            continue
        counter.add(item)
        if item.id in wanted:
            docs.append(item)
    contexts = counter.contexts()
    preparer = Preparer.from_config(config, features=False)
    prepared = preparer(contexts_for(docs, contexts))
    return {p.article.id: p.article for p in prepared}


def _claims_of(conflict: Any) -> frozenset[str]:
    return frozenset(_norm(c.text) for c in conflict.claims)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _scores(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    reported = [r for r in rows if r["reported"]]
    true = [r for r in rows if r["conflict"]]
    hits = sum(1 for r in reported if r["conflict"])
    return {
        "labelled": len(rows),
        "labelled_true": len(true),
        "reported": len(reported),
        "reported_true": hits,
        "precision": _ratio(hits, len(reported)),
        "recall_of_true": _ratio(sum(1 for r in true if r["reported"]), len(true)),
    }


def score(
    records: Sequence[dict[str, Any]], articles: Mapping[str, Article], config: Config
) -> dict[str, Any]:
    from storyline.annotate import load_models
    from storyline.annotate.coref import apply_entity_map, story_entity_map
    from storyline.views.conflicts import find_conflicts

    morph = load_models().morph
    rows: list[dict[str, Any]] = []
    labelled_pairs = {
        frozenset(_norm(c["text"]) for c in r["claims"]): r for r in records
    }  # claim texts -> record
    unlabelled: set[frozenset[str]] = set()
    missing = 0
    for r in records:
        ids = list(dict.fromkeys(a for c in r["claims"] for a in c["article_ids"]))
        read = [articles[a] for a in ids if a in articles]
        if len(read) < len(ids):
            missing += 1
        entity_map = story_entity_map(read)
        unified = [
            apply_entity_map(a, entity_map) for a in sorted(read, key=lambda a: (a.published or "", a.id))
        ]
        found = {_claims_of(c) for c in find_conflicts(unified, config.views, morph)}
        want = frozenset(_norm(c["text"]) for c in r["claims"])
        rows.append({**r, "reported": want in found})
        unlabelled |= {f for f in found if f not in labelled_pairs}
    result: dict[str, Any] = {**_scores(rows), "unlabelled": len(unlabelled), "articles_missing": missing}
    for field in ("sample", "split", "collection"):
        result[f"by_{field}"] = {
            value: _scores([x for x in rows if x[field] == value])
            for value in sorted({x[field] for x in rows})
        }
    result["by_sample_split"] = {
        f"{s}/{h}": _scores([x for x in rows if x["sample"] == s and x["split"] == h])
        for s in sorted({x["sample"] for x in rows})
        for h in ("dev", "test")
    }
    return result


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    """``path``: a labelled file, or the data root (then the packaged ``tests/data`` file is scored)."""
    sample = path if path.is_file() else SAMPLE
    root = data_root() if path.is_file() else path
    records = list(read_jsonl(sample))
    articles: dict[str, Article] = {}
    for collection in sorted({r["collection"] for r in records}):
        ids = {
            a for r in records if r["collection"] == collection for c in r["claims"] for a in c["article_ids"]
        }
        articles.update(prepare_cited(collection, ids, root, config))
    result = score(records, articles, config)
    result["file"] = str(sample)
    return result
