"""Temporal expressions: detection against NEREL DATE entities, resolution on a hand-checked sample.

**Detection** (``PATH`` = the ``nerel`` folder; its ``test`` split, 93 Russian Wikinews articles): every
predicted span against every gold ``DATE`` entity.

* ``exact``: a prediction counts only with the same start and stop as a gold entity.
* ``overlap``: predictions and gold entities that share at least one character are paired one to one
  (in text order); unpaired ones are false positives / negatives.
* ``overlap_points``: the same, but gold entities that are durations or vague ("три года", "в течение
  нескольких дней", "в последнее время") are left out, with any prediction overlapping them. A gold entity
  counts as a point in time when it names a month, weekday, season, year (four digits, decade, century)
  or has a relative word ("вчера", "назад", "прошлом", "спустя", ...). Our extractor emits only
  expressions it can resolve to a date, so this is the recall that matters for timelines.

NEREL carries no publication dates; spans do not depend on the reference date, and each document is
resolved against its first explicit full date (Wikinews leads start with one), else 2000-01-01.

**Resolution** (``tests/data/dates_sample.jsonl``, or ``PATH`` when it is a ``.jsonl`` file): real
sentences (NEREL dev/test, tgcontest, ml_crisis_tls es/fr/it) whose dates were resolved by hand given the
recorded publication date. Each gold mention is paired with the overlapping prediction (one to one);
``accuracy`` = gold mentions whose paired prediction has the same value and granularity / all gold mentions.
The sample is split into ``dev`` (looked at while writing rules) and ``test`` (only its totals were read).

**Slavic resolution** (``tests/data/dates_slavic_sample.jsonl``, see ``tests/data/README.md``): 300 bsnlp
sentences in uk, bg, pl, cs, sk, sl, hr picked by a fixed rule (``tests/data/select_samples.py``), every
date in them resolved by hand against the document's publication date; scored the same way, per language
and per half (``dev`` looked at while writing the grammars, ``test`` labelled after they were written).
Detection P/R counts overlapping spans; ``accuracy`` is over gold mentions.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.annotate.dates import extract_dates
from storyline.config import Config
from storyline.errors import DataError
from storyline.evaluate.data import read_jsonl
from storyline.model import DateMention

SAMPLE = Path(__file__).resolve().parents[3] / "tests" / "data" / "dates_sample.jsonl"
SLAVIC_SAMPLE = SAMPLE.with_name("dates_slavic_sample.jsonl")
PLACEHOLDER_DAY = "2000-01-01"
POINT_WORDS = re.compile(
    r"\d{4}|январ|феврал|март|апрел|ма[йяею]|июн|июл|август|сентябр|октябр|ноябр|декабр|понедельник|вторник|"
    r"сред[уаы]|четверг|пятниц|суббот|воскресен|лет[оа]м?|зим|весн|осен|сегодня|вчера|завтра|накануне|назад|"
    r"прошл|следующ|минувш|нынешн|текущ|этом|этот|эту|этой|спустя|через|ранее|позже|позднее|век|\d0-[хе]",
    re.IGNORECASE,
)

Span = tuple[int, int]


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float | int]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp}


def pair_overlaps(gold: Sequence[Span], predicted: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of overlapping spans, greedily in text order."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, (gs, ge) in sorted(enumerate(gold), key=lambda x: x[1]):
        best, best_overlap = -1, 0
        for pi, (ps, pe) in enumerate(predicted):
            overlap = min(ge, pe) - max(gs, ps)
            if pi not in used and overlap > best_overlap:
                best, best_overlap = pi, overlap
        if best >= 0:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def reference_day(text: str) -> str:
    """The first explicit full date of a document (its own date in Wikinews), else a placeholder."""
    for mention in extract_dates(text, None, "ru"):
        if mention.granularity == "day" and "/" not in mention.value:
            return mention.value
    return PLACEHOLDER_DAY


def detection(path: Path, split: str = "test") -> dict[str, Any]:
    docs = [d for d in read_jsonl(path) if d.get("split") == split]
    if not docs:
        raise DataError(f"{path}: no documents in split {split!r}")
    counts: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    chars = 0
    for doc in docs:
        text = doc["text"]
        chars += len(text)
        predicted = [(m.start, m.stop) for m in extract_dates(text, reference_day(text), "ru")]
        gold = [(e["start"], e["end"]) for e in doc["entities"] if e["type"] == "DATE"]
        counts["gold"] += len(gold)
        counts["predicted"] += len(predicted)
        counts["exact_tp"] += len(set(gold) & set(predicted))
        pairs = pair_overlaps(gold, predicted)
        counts["overlap_tp"] += len(pairs)
        points = [g for g in gold if POINT_WORDS.search(text[g[0] : g[1]])]
        vague = [g for g in gold if g not in points]
        kept = [p for p in predicted if not any(p[0] < v[1] and v[0] < p[1] for v in vague)]
        counts["point_gold"] += len(points)
        counts["point_predicted"] += len(kept)
        counts["point_tp"] += len(pair_overlaps(points, kept))
    elapsed = time.perf_counter() - started
    return {
        "documents": len(docs),
        "gold_dates": counts["gold"],
        "predicted": counts["predicted"],
        "exact": _prf(counts["exact_tp"], counts["predicted"], counts["gold"]),
        "overlap": _prf(counts["overlap_tp"], counts["predicted"], counts["gold"]),
        "overlap_points": _prf(counts["point_tp"], counts["point_predicted"], counts["point_gold"]),
        "point_gold_dates": counts["point_gold"],
        "ms_per_1000_chars": 1000 * elapsed / max(chars, 1) * 1000,
    }


def _matches(gold: dict[str, Any], mention: DateMention) -> bool:
    return bool(gold["value"] == mention.value and gold["granularity"] == mention.granularity)


def resolution(path: Path, per_language: bool = False) -> dict[str, Any]:
    """Resolution accuracy and detection on a hand-resolved sample: totals, per split and per language
    (``per_language``: also each language's ``dev`` and ``test`` halves, under ``per_language``)."""
    tallies: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors: list[str] = []
    for record in read_jsonl(path):
        predicted = extract_dates(record["text"], record["published"], record["lang"])
        gold = record["dates"]
        pairs = pair_overlaps([(g["start"], g["stop"]) for g in gold], [(p.start, p.stop) for p in predicted])
        correct = 0
        for gi, pi in pairs:
            if _matches(gold[gi], predicted[pi]):
                correct += 1
            else:
                errors.append(
                    f"{record['id']}: {gold[gi]['text']!r} {gold[gi]['value']} != {predicted[pi].value}"
                )
        keys = ["all", record.get("split", "all"), record["lang"]]
        if per_language:
            keys.append(f"{record['lang']}/{record.get('split', 'all')}")
        for key in keys:
            tally = tallies[key]
            tally["sentences"] += 1
            tally["gold"] += len(gold)
            tally["predicted"] += len(predicted)
            tally["detected"] += len(pairs)
            tally["correct"] += correct
    out: dict[str, Any] = {}
    plain = sorted(k for k in tallies if k not in ("all", "dev", "test") and "/" not in k)
    for key in ["all", "dev", "test", *plain]:
        if key in tallies:
            out[key] = _resolution_figures(tallies[key])
    if per_language:
        out["per_language"] = {
            lang: {
                "all": _resolution_figures(tallies[lang]),
                **{
                    split: _resolution_figures(tallies[f"{lang}/{split}"])
                    for split in ("dev", "test")
                    if f"{lang}/{split}" in tallies
                },
            }
            for lang in plain
        }
    out["errors"] = len(errors)
    return out


def _resolution_figures(t: dict[str, int]) -> dict[str, Any]:
    return {
        "sentences": t["sentences"],
        "gold_dates": t["gold"],
        "accuracy": t["correct"] / t["gold"] if t["gold"] else 0.0,
        "detection": _prf(t["detected"], t["predicted"], t["gold"]),
        "value_precision": t["correct"] / t["predicted"] if t["predicted"] else 0.0,
    }


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if path.is_dir():
        result["detection_nerel_test"] = detection(path / "documents.jsonl")
        if SAMPLE.exists():
            result["resolution_sample"] = resolution(SAMPLE)
        if SLAVIC_SAMPLE.exists():
            result["resolution_slavic"] = resolution(SLAVIC_SAMPLE, per_language=True)
    elif path.exists():
        result["resolution_sample"] = resolution(path, per_language=True)
    return result
