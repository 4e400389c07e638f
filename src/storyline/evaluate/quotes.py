"""Quotes: precision and recall against a hand-checked sample (``tests/data/quotes_sample.jsonl``).

The sample holds whole articles (the five seeds, eight tgcontest articles, one factRuEval text) with every
attributed quotation marked by hand: direct speech in quotation marks or a "Песков:" headline, and
indirect speech ("X заявил, что …", "По словам X, …", "Как сообщил X, …", "…, сообщил X."). The span is
the quoted content (inside the marks; the что-clause; the sentence before a closing attribution) and the
speaker is who the text names, as a normal form ("Дмитрий Песков", "пресс-служба"). Not marked: quoted
names and terms, "Об этом сообщил X" (no content of its own) and "назвал X «Y»".

The sample is split by document: ``dev`` (the seeds and nine articles, looked at while writing the
rules) and ``test`` (six articles annotated afterwards; only their totals were read).

Entities come from the annotate stage (``load_models``), so the figures include its errors.

* A predicted quote **matches** a gold one when their spans overlap by at least half of the shorter one
  (one to one, best overlap first).
* ``detection``: P/R/F1 of matched spans; ``speaker_accuracy``: matched quotes whose speaker is right;
  ``end_to_end``: P/R/F1 counting only matches with the right speaker.
* A speaker is right when the last words agree (surname: "Песков" = "Дмитрий Песков") or the first words
  agree ("пресс-служба" = "пресс-служба УФСБ …"), comparing the first five letters of each word.

**Beyond Russian** (``tests/data/quotes_multilingual_sample.jsonl``, see ``tests/data/README.md``): 396
windows of two sentences in uk, bg, pl, cs, sk, sl, hr (bsnlp), es, fr, it (ml_crisis_tls) and en
(semeval22_task8_sample), picked by a fixed rule, every quote in them marked by hand with its speaker as
the window names it (null when only a pronoun or nothing in the window names them). Each window goes
through ``annotate.annotate`` as an article of its language, so the figures use whatever entities the
pipeline has for the language (none yet beyond Russian: speakers are name phrases). Reported per language
and per half (``dev`` looked at while writing the lexicons, ``test`` labelled after they were committed):
detection P/R/F1 as above, and ``speaker_accuracy`` over the matched quotes whose gold speaker is named.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from storyline.config import Config
from storyline.evaluate.data import read_jsonl
from storyline.model import Quote

SAMPLE = Path(__file__).resolve().parents[3] / "tests" / "data" / "quotes_sample.jsonl"
MULTILINGUAL_SAMPLE = SAMPLE.with_name("quotes_multilingual_sample.jsonl")


def _stems(name: str | None) -> list[str]:
    return [w[:5] for w in re.findall(r"[\w.\-]+", (name or "").casefold())]


def same_speaker(gold: str, predicted: str | None) -> bool:
    a, b = _stems(gold), _stems(predicted)
    return bool(a and b and (a[-1] == b[-1] or a[0] == b[0]))


def pair(gold: list[dict[str, Any]], predicted: list[Quote]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) overlapping by at least half of the shorter span."""
    options = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = min(g["stop"], p.stop) - max(g["start"], p.start)
            shorter = min(g["stop"] - g["start"], p.stop - p.start)
            if shorter > 0 and overlap >= shorter / 2:
                options.append((overlap, gi, pi))
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(options, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float | int]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp}


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    """The Russian sample (top-level keys) and the multilingual one (``multilingual``); a file given as
    ``path`` is scored alone, as multilingual when its records carry ``lang``."""
    from storyline.annotate import load_models

    models = load_models()
    if path.is_file():
        first = next(iter(read_jsonl(path)), {})
        return multilingual(path, models, config) if "lang" in first else russian(path, models)
    result = russian(SAMPLE, models)
    if MULTILINGUAL_SAMPLE.exists():
        result["multilingual"] = multilingual(MULTILINGUAL_SAMPLE, models, config)
    return result


def russian(sample: Path, models: Any) -> dict[str, Any]:
    from storyline.annotate.entities import extract_entities
    from storyline.annotate.quotes import extract_quotes

    totals: dict[str, dict[str, int]] = {}
    by_kind: dict[str, dict[str, int]] = {}
    documents = 0
    for record in read_jsonl(sample):
        documents += 1
        text = record["text"]
        predicted = list(extract_quotes(text, extract_entities(text, models), models.morph, "ru"))
        gold = record["quotes"]
        pairs = pair(gold, predicted)
        right = sum(1 for gi, pi in pairs if same_speaker(gold[gi]["speaker"], predicted[pi].speaker))
        for key in ("all", record.get("split", "all")):
            t = totals.setdefault(key, {"gold": 0, "predicted": 0, "matched": 0, "speaker": 0})
            if key == "all" or record.get("split") not in (None, "all"):
                t["gold"] += len(gold)
                t["predicted"] += len(predicted)
                t["matched"] += len(pairs)
                t["speaker"] += right
        for g in gold:
            by_kind.setdefault(g["kind"], {"gold": 0, "found": 0})["gold"] += 1
        for gi, _ in pairs:
            by_kind[gold[gi]["kind"]]["found"] += 1
    result: dict[str, Any] = {"documents": documents}
    for key in ("all", "dev", "test"):
        if key in totals:
            result[key] = _metrics(totals[key])
    result["recall_by_kind"] = {k: v["found"] / v["gold"] for k, v in sorted(by_kind.items())}
    return result


def multilingual(sample: Path, models: Any, config: Config) -> dict[str, Any]:
    """Per language and half: detection P/R/F1 and speaker accuracy (over gold quotes with a named speaker),
    each window annotated as the pipeline annotates an article of its language."""
    from storyline.annotate import annotate
    from storyline.model import Article

    totals: dict[str, dict[str, int]] = {}
    for record in read_jsonl(sample):
        article = Article(record["id"], record["text"], "eval", "", language=record["lang"])
        predicted = list(annotate(article, models, config.annotate).quotes)
        gold = record["quotes"]
        pairs = pair(gold, predicted)
        named = [(gi, pi) for gi, pi in pairs if gold[gi]["speaker"]]
        right = sum(1 for gi, pi in named if same_speaker(gold[gi]["speaker"], predicted[pi].speaker))
        split = record.get("split", "all")
        for key in ("all", split, record["lang"], f"{record['lang']}/{split}"):
            t = totals.setdefault(key, {"gold": 0, "predicted": 0, "matched": 0, "named": 0, "speaker": 0})
            t["gold"] += len(gold)
            t["predicted"] += len(predicted)
            t["matched"] += len(pairs)
            t["named"] += len(named)
            t["speaker"] += right
    languages = sorted(k for k in totals if k not in ("all", "dev", "test") and "/" not in k)
    result: dict[str, Any] = {k: _named_metrics(totals[k]) for k in ("all", "dev", "test") if k in totals}
    result["per_language"] = {
        lang: {
            split: _named_metrics(totals[key])
            for split, key in (("all", lang), ("dev", f"{lang}/dev"), ("test", f"{lang}/test"))
            if key in totals
        }
        for lang in languages
    }
    return result


def _named_metrics(t: dict[str, int]) -> dict[str, Any]:
    return {
        "gold_quotes": t["gold"],
        "predicted": t["predicted"],
        "detection": _prf(t["matched"], t["predicted"], t["gold"]),
        "speaker_accuracy": t["speaker"] / t["named"] if t["named"] else 0.0,
        "speakers_scored": t["named"],
    }


def _metrics(t: dict[str, int]) -> dict[str, Any]:
    return {
        "gold_quotes": t["gold"],
        "predicted": t["predicted"],
        "detection": _prf(t["matched"], t["predicted"], t["gold"]),
        "speaker_accuracy": t["speaker"] / t["matched"] if t["matched"] else 0.0,
        "end_to_end": _prf(t["speaker"], t["predicted"], t["gold"]),
    }
