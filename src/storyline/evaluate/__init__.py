"""Evaluation harness: metrics of each stage on the labelled datasets in ../shared/data.

Each evaluation module has ``evaluate(path: Path, config: Config) -> dict`` and is registered in
``EVALUATIONS`` with the dataset folder it reads by default.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.config import Config
from storyline.evaluate.data import data_path


@dataclass(frozen=True, slots=True)
class EvalSpec:
    module: str
    default: str  # dataset path relative to the data root
    help: str


EVALUATIONS: dict[str, EvalSpec] = {
    "cleaning": EvalSpec("storyline.evaluate.cleaning", "cleaning", "boilerplate removal, line level"),
    "language": EvalSpec("storyline.evaluate.language", "bsnlp", "language ID: accuracy per language"),
    "entities": EvalSpec(
        "storyline.evaluate.entities",
        "bsnlp/documents.jsonl",
        "entities of every language: bsnlp recognition, normal forms, cross-lingual linking",
    ),
    "ner": EvalSpec("storyline.evaluate.ner", "", "entities: factRu/NEREL span F1, normal forms"),
    "timeline": EvalSpec("storyline.evaluate.timeline", "ml_crisis_tls", "timelines: date F1, align ROUGE"),
    "dates": EvalSpec(
        "storyline.evaluate.dates", "nerel", "dates: NEREL DATE detection, hand-checked resolution"
    ),
    "quotes": EvalSpec("storyline.evaluate.quotes", "", "quotes: P/R and speakers on a hand-checked sample"),
    "events": EvalSpec("storyline.evaluate.events", "tgcontest_pairs", "events: same-event pair P/R/F1"),
    "similarity": EvalSpec(
        "storyline.evaluate.similarity", "semeval22_task8_sample", "pair score vs human similarity: Pearson"
    ),
    "stories": EvalSpec(
        "storyline.evaluate.stories", "bsnlp/documents.jsonl", "stories: B-cubed vs bsnlp topics"
    ),
    "conflicts": EvalSpec(
        "storyline.evaluate.conflicts", "", "conflicting claims: precision on hand-labelled claim pairs"
    ),
    "dedup": EvalSpec(
        "storyline.evaluate.dedup", "", "near-duplicates: P/R on hand-labelled and synthetic pairs"
    ),
}


def run_evaluation(name: str, path: str | None, config: Config) -> dict[str, Any]:
    spec = EVALUATIONS[name]
    target = Path(path) if path else data_path(spec.default)
    module = importlib.import_module(spec.module)
    result: dict[str, Any] = module.evaluate(target, config)
    return result


def format_metrics(name: str, result: dict[str, Any], indent: str = "") -> str:
    lines = [] if indent else [f"{name}:"]
    for key, value in result.items():
        if isinstance(value, dict):
            lines.append(f"{indent}  {key}:")
            lines.append(format_metrics(name, value, indent + "  "))
        elif isinstance(value, float):
            lines.append(f"{indent}  {key:28} {value:.4f}")
        else:
            lines.append(f"{indent}  {key:28} {value}")
    return "\n".join(lines)
