"""Near-duplicates: precision / recall of ``storyline.dedup`` on real and on synthetic pairs.

*Real pairs* (``tests/data/dedup_pairs.jsonl``): candidate pairs of articles from bsnlp,
tgcontest and ml_crisis_tls with near-identical text across ids or outlets, labelled by hand
(``duplicate`` / ``different``; ``unsure`` pairs are left out).

*Synthetic pairs* from real articles of ``bsnlp`` (every ``stride``-th one with at least
``min_words`` words): positives are edited copies — cut to the first 60 %, paragraphs reordered,
about 5 % of the words changed, the lead replaced by another article's lead; hard negatives are two
different articles of the same topic, language and day (pairs sharing half of their text or more
are left out: those are real copies). Reported separately per edit.

Both run the real path: every article of a set goes through the LSH index (``MemoryIndex``) and
a pair counts as found when the second article is a candidate of the first and ``is_duplicate``
holds. Thresholds were set on the synthetic pairs; the real pairs are the independent test.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from storyline.config import Config, DedupConfig
from storyline.dedup import MemoryIndex, bands, is_duplicate, shingles, signature
from storyline.errors import DataError
from storyline.evaluate.data import _REPO, data_root, read_jsonl
from storyline.model import Article, Signature

PAIRS = _REPO / "tests" / "data" / "dedup_pairs.jsonl"
SOURCES = {
    "bsnlp": "bsnlp/documents.jsonl",
    "tgcontest_pairs": "tgcontest_pairs/articles.jsonl",
    "tgcontest_categories": "tgcontest_categories/articles.jsonl",
    "ml_crisis_tls": "ml_crisis_tls/articles.jsonl",
}
SENTENCE = re.compile(r"(?<=[.!?])\s+")
Edit = Callable[[str, random.Random, str], str]


def _article(aid: str, text: str) -> Article:
    return Article(id=aid, text=text, origin="eval", content_hash=aid)


def found_pairs(pairs: Sequence[tuple[Article, Article]], config: DedupConfig) -> list[bool]:
    """For each pair: is the second article an LSH candidate of the first and a duplicate of it?"""
    index = MemoryIndex()
    sigs: dict[str, Signature] = {}
    for a in {x.id: x for p in pairs for x in p}.values():
        sigs[a.id] = signature(a, config)
        index.add(sigs[a.id], bands(sigs[a.id], config))
    out = []
    for a, b in pairs:
        candidate = b.id in index.candidates(bands(sigs[a.id], config))
        out.append(candidate and is_duplicate(sigs[a.id], sigs[b.id], config))
    return out


def prf(predicted: Sequence[bool], gold: Sequence[bool]) -> dict[str, float | int]:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": len(gold), "positives": tp + fn}


# ---------------------------------------------------------------- real, hand-labelled pairs
def real_pairs(root: Path, path: Path = PAIRS) -> tuple[list[tuple[Article, Article]], list[bool]]:
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    rows = [r for r in read_jsonl(path) if r["label"] in ("duplicate", "different")]
    wanted = {(r[f"dataset{k}"], r[f"id{k}"]) for r in rows for k in (1, 2)}
    for dataset in {d for d, _ in wanted}:
        for r in read_jsonl(root / SOURCES[dataset]):
            if (dataset, str(r["id"])) in wanted:
                texts[dataset][str(r["id"])] = r["text"]
    pairs, gold = [], []
    for r in rows:
        a, b = (r["dataset1"], r["id1"]), (r["dataset2"], r["id2"])
        if a[1] not in texts[a[0]] or b[1] not in texts[b[0]]:
            raise DataError(f"{path}: article {a} or {b} not found under {root}")
        pairs.append((_article(":".join(a), texts[a[0]][a[1]]), _article(":".join(b), texts[b[0]][b[1]])))
        gold.append(r["label"] == "duplicate")
    return pairs, gold


# ---------------------------------------------------------------- synthetic edits
def cut(text: str, rng: random.Random, other: str) -> str:
    """Keep the first 60 % of the sentences."""
    sents = SENTENCE.split(text)
    return " ".join(sents[: max(1, int(len(sents) * 0.6))])


def reorder(text: str, rng: random.Random, other: str) -> str:
    """Shuffle the paragraphs (or, for one-paragraph texts, blocks of three sentences)."""
    parts = [p for p in text.split("\n") if p.strip()]
    if len(parts) < 3:
        sents = SENTENCE.split(text)
        parts = [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
    rng.shuffle(parts)
    return "\n".join(parts)


def reword(text: str, rng: random.Random, other: str) -> str:
    """Change about 5 % of the words: dropped, or replaced by a word of another article."""
    words = text.split(" ")
    pool = other.split(" ") or ["x"]
    for i in rng.sample(range(len(words)), max(1, len(words) // 20)):
        words[i] = "" if rng.random() < 0.5 else rng.choice(pool)
    return " ".join(w for w in words if w)


def new_lead(text: str, rng: random.Random, other: str) -> str:
    """Replace the first two sentences by the first two of another article."""
    return " ".join(SENTENCE.split(other)[:2] + SENTENCE.split(text)[2:])


EDITS: dict[str, Edit] = {"cut": cut, "reorder": reorder, "reword": reword, "new_lead": new_lead}


def synthetic_pairs(
    root: Path, config: DedupConfig, stride: int = 10, min_words: int = 120, seed: int = 7
) -> dict[str, tuple[list[tuple[Article, Article]], list[bool]]]:
    docs = [r for r in read_jsonl(root / SOURCES["bsnlp"]) if len(r["text"].split()) >= min_words]
    rng = random.Random(seed)
    sample = docs[::stride]
    out: dict[str, tuple[list[tuple[Article, Article]], list[bool]]] = {}
    for name, edit in EDITS.items():
        pairs = []
        for r in sample:
            other = rng.choice(docs)["text"]
            edited = edit(r["text"], rng, other)
            pairs.append((_article(r["id"], r["text"]), _article(r["id"] + "#" + name, edited)))
        out[name] = (pairs, [True] * len(pairs))
    by_day: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in docs:
        if r.get("date"):
            by_day[(r["topic"], r["lang"], r["date"][:10])].append(r)
    negatives = []
    for group in by_day.values():
        for a, b in itertools.pairwise(group):
            sa, sb = shingles(a["text"], config), shingles(b["text"], config)
            if sa and sb and len(sa & sb) / min(len(sa), len(sb)) < 0.5:
                negatives.append((_article(a["id"], a["text"]), _article(b["id"], b["text"])))
    out["same_story_different_article"] = (negatives, [False] * len(negatives))
    return out


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    root = path if str(path) and path.is_dir() else data_root()
    pairs, gold = real_pairs(root)
    result: dict[str, Any] = {"real": prf(found_pairs(pairs, config.dedup), gold)}
    synthetic: dict[str, Any] = {}
    all_pred: list[bool] = []
    all_gold: list[bool] = []
    for name, (spairs, sgold) in synthetic_pairs(root, config.dedup).items():
        pred = found_pairs(spairs, config.dedup)
        all_pred += pred
        all_gold += sgold
        if all(sgold):
            synthetic[name] = {"recall": sum(pred) / len(pred) if pred else 0.0, "pairs": len(pred)}
        else:
            synthetic[name] = {
                "false_positive_rate": sum(pred) / len(pred) if pred else 0.0,
                "pairs": len(pred),
            }
    result["synthetic"] = {**prf(all_pred, all_gold), "by_edit": synthetic}
    return result
