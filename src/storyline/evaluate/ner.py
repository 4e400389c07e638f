"""Named entities (PER / ORG / LOC) against factRuEval-2016 and NEREL; normal forms against bsnlp and a
hand-checked sample.

Type mapping and span selection (gold):

* factRu (``mentions`` + their ``spans``): Person -> PER over the whole mention; Org -> ORG over its
  ``org_name`` spans; Location and LocOrg -> LOC over their ``loc_name`` spans. LocOrg ("России" in
  "МИД России", "Москва" as a city government) is mostly a country or city name, which is what our LOC
  is, so it maps to LOC. Descriptors ("мэрии", "компания") and geo adjectives are not names and are
  not in the gold, as in natasha's naeval protocol that produced slovnet's published factRu scores.
  Where gold spans overlap, the longer one is kept. Project and Facility are ignored.
* NEREL: PERSON -> PER; ORGANIZATION -> ORG; COUNTRY, CITY, STATE_OR_PROVINCE, DISTRICT, LOCATION ->
  LOC. Nested entities: only the outermost of the mapped types counts ("Министерство иностранных дел
  России" is one ORG; its COUNTRY "России" is not a separate gold LOC). A prediction that exactly
  matches a FACILITY or NATIONALITY gold span is neither right nor wrong (we have no such types).

Two scores per type: ``span`` is exact-match P/R/F1 of (start, stop, type); ``token`` is P/R/F1 over
razdel tokens inside spans of the type (how naeval scores, to compare with slovnet's published
factRu F1 PER 0.959 / LOC 0.915 / ORG 0.825).

Normal forms: ``bsnlp_ru`` compares our normal form of each distinct Russian gold (mention, type) with
its gold lemma (case-insensitive, ё = е); ``hand_checked`` does the same on
``tests/data/entity_normals.jsonl`` (real mentions with normal forms checked by hand).
"""

from __future__ import annotations

import bisect
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from razdel import tokenize

from storyline.annotate.entities import normal_form, recognize
from storyline.annotate.models import Models, load_models
from storyline.config import Config
from storyline.evaluate.data import read_jsonl

log = logging.getLogger(__name__)

TYPES = ("PER", "ORG", "LOC")
FACTRU_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
FACTRU_NAME_SPANS = {"ORG": "org_name", "LOC": "loc_name"}
NEREL_TYPES = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "COUNTRY": "LOC",
    "CITY": "LOC",
    "STATE_OR_PROVINCE": "LOC",
    "DISTRICT": "LOC",
    "LOCATION": "LOC",
}
NEREL_NEUTRAL = frozenset({"FACILITY", "NATIONALITY"})
HAND_CHECKED = Path(__file__).resolve().parents[3] / "tests" / "data" / "entity_normals.jsonl"

Span3 = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class GoldDoc:
    text: str
    spans: tuple[Span3, ...]
    neutral: frozenset[tuple[int, int]] = frozenset()


def _outermost(spans: Iterable[Span3]) -> tuple[Span3, ...]:
    """Drop spans inside (or overlapping and shorter than) a kept span; longer spans win."""
    kept: list[Span3] = []
    # the same span under two types (an Org name that is also a LocOrg) keeps one, the same in every run
    for span in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0], s[2])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return tuple(sorted(kept))


def factru_docs(path: Path, split: str) -> Iterator[GoldDoc]:
    for doc in read_jsonl(path):
        if doc["split"] != split:
            continue
        spans = {s["id"]: s for s in doc["spans"]}
        gold: list[Span3] = []
        for mention in doc["mentions"]:
            type_ = FACTRU_TYPES.get(mention["type"])
            if type_ is None:
                continue
            if type_ == "PER":
                gold.append((mention["start"], mention["end"], type_))
                continue
            for sid in mention["span_ids"]:
                s = spans.get(sid)
                if s and s["type"] == FACTRU_NAME_SPANS[type_]:
                    gold.append((s["start"], s["end"], type_))
        yield GoldDoc(doc["text"], _outermost(gold))


def nerel_docs(path: Path, split: str) -> Iterator[GoldDoc]:
    for doc in read_jsonl(path):
        if doc["split"] != split:
            continue
        gold = [
            (e["start"], e["end"], NEREL_TYPES[e["type"]])
            for e in doc["entities"]
            if e["type"] in NEREL_TYPES
        ]
        neutral = frozenset((e["start"], e["end"]) for e in doc["entities"] if e["type"] in NEREL_NEUTRAL)
        yield GoldDoc(doc["text"], _outermost(gold), neutral)


# --------------------------------------------------------------------- metrics
@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def metrics(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": self.tp + self.fn}


def _token_types(text: str, spans: Iterable[Span3]) -> list[str | None]:
    tokens = [(t.start, t.stop) for t in tokenize(text)]
    out: list[str | None] = [None] * len(tokens)
    starts = [t[0] for t in tokens]
    for start, stop, type_ in spans:
        i = bisect.bisect_left(starts, start)
        while i < len(tokens) and tokens[i][1] <= stop:
            out[i] = type_
            i += 1
    return out


def score_docs(docs: Iterable[GoldDoc], models: Models) -> dict[str, Any]:
    span_counts: dict[str, Counts] = defaultdict(Counts)
    token_counts: dict[str, Counts] = defaultdict(Counts)
    n = 0
    for doc in docs:
        n += 1
        pred = {(m.start, m.stop, m.type) for m in recognize(doc.text, models)}
        pred = {p for p in pred if (p[0], p[1]) not in doc.neutral or p in doc.spans}
        gold = set(doc.spans)
        for type_ in TYPES:
            g = {s for s in gold if s[2] == type_}
            p = {s for s in pred if s[2] == type_}
            c = span_counts[type_]
            c.tp += len(g & p)
            c.fp += len(p - g)
            c.fn += len(g - p)
        for gt, pt in zip(_token_types(doc.text, gold), _token_types(doc.text, pred), strict=True):
            if gt is not None and gt == pt:
                token_counts[gt].tp += 1
                continue
            if gt is not None:
                token_counts[gt].fn += 1
            if pt is not None:
                token_counts[pt].fp += 1
    return {
        "documents": n,
        "span": _with_micro(span_counts),
        "token": _with_micro(token_counts),
    }


def _with_micro(counts: dict[str, Counts]) -> dict[str, Any]:
    out: dict[str, Any] = {t: counts[t].metrics() for t in TYPES}
    total = Counts(*(sum(getattr(counts[t], k) for t in TYPES) for k in ("tp", "fp", "fn")))
    out["micro"] = total.metrics()
    return out


# --------------------------------------------------------------------- normal forms
def _same(a: str, b: str) -> bool:
    return a.casefold().replace("ё", "е") == b.casefold().replace("ё", "е")


def normal_accuracy(items: Iterable[tuple[str, str, str]], models: Models) -> dict[str, Any]:
    """Accuracy of ``normal_form(mention, type)`` against gold normal forms, overall and per type."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for mention, gold, type_ in items:
        total[type_] += 1
        if _same(normal_form(mention, type_, models.morph), gold):
            right[type_] += 1
    out: dict[str, Any] = {"accuracy": round(sum(right.values()) / max(1, sum(total.values())), 4)}
    out["items"] = sum(total.values())
    for type_ in TYPES:
        if total[type_]:
            out[type_] = round(right[type_] / total[type_], 4)
    return out


def bsnlp_ru_items(path: Path) -> list[tuple[str, str, str]]:
    """Distinct (mention, lemma, type) of Russian bsnlp gold, PER/ORG/LOC, mentions not lower-cased."""
    seen: dict[tuple[str, str], str] = {}
    for doc in read_jsonl(path):
        if doc["lang"] != "ru" or not doc["entities"]:
            continue
        for e in doc["entities"]:
            if e["type"] in TYPES and e["mention"] != e["mention"].lower():
                seen.setdefault((e["mention"], e["type"]), e["lemma"])
    return [(m, lemma, t) for (m, t), lemma in sorted(seen.items())]


def hand_checked_items(path: Path = HAND_CHECKED) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [(r["text"], r["normal"], r["type"]) for r in rows]


# --------------------------------------------------------------------- entry point
def _dataset(root: Path, name: str) -> Path | None:
    """``root`` may be the data root, one dataset folder or its documents.jsonl."""
    if root.is_file():
        return root if root.parent.name == name else None
    if root.name == name:
        return root / "documents.jsonl"
    candidate = root / name / "documents.jsonl"
    return candidate if candidate.exists() else None


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    models = load_models()
    result: dict[str, Any] = {}
    factru = _dataset(path, "factruEval2016")
    if factru:
        result["factru_test"] = score_docs(factru_docs(factru, "test"), models)
        result["factru_dev"] = score_docs(factru_docs(factru, "dev"), models)
    nerel = _dataset(path, "nerel")
    if nerel:
        result["nerel_test"] = score_docs(nerel_docs(nerel, "test"), models)
    bsnlp = _dataset(path, "bsnlp")
    normals: dict[str, Any] = {}
    if bsnlp:
        normals["bsnlp_ru"] = normal_accuracy(bsnlp_ru_items(bsnlp), models)
    if HAND_CHECKED.exists():
        normals["hand_checked"] = normal_accuracy(hand_checked_items(), models)
    if normals:
        result["normal_forms"] = normals
    return result
