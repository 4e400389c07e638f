"""Run every evaluation on its default dataset and record the figures the README quotes.

    python scripts/measure_all.py [--only NAME ...] [--out docs/figures.json]

Each evaluation is exactly ``storyline eval NAME --json`` (same code, same default paths); the
result, its wall time and the command are written to ``docs/figures.json`` and a Markdown table of
the headline numbers is printed.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyline.evaluate import EVALUATIONS
from storyline.evaluate.data import data_root

# (label, path into the result JSON) of the numbers quoted in the README, per evaluation
HEADLINES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "cleaning": [
        ("body recall", ("body_recall",)),
        ("boilerplate precision", ("boilerplate_precision",)),
        ("boilerplate recall", ("boilerplate_recall",)),
        ("boilerplate F1", ("boilerplate_f1",)),
    ],
    "language": [("accuracy", ("accuracy",))],
    "ner": [
        *[(f"factRu test {t} token F1", ("factru_test", "token", t, "f1")) for t in ("PER", "ORG", "LOC")],
        *[(f"factRu test {t} span F1", ("factru_test", "span", t, "f1")) for t in ("PER", "ORG", "LOC")],
        *[(f"NEREL test {t} span F1", ("nerel_test", "span", t, "f1")) for t in ("PER", "ORG", "LOC")],
        ("normal forms, hand-checked accuracy", ("normal_forms", "hand_checked", "accuracy")),
    ],
    "dates": [
        ("NEREL test DATE detection F1 (overlap)", ("detection_nerel_test", "overlap", "f1")),
        ("NEREL test DATE detection F1 (exact)", ("detection_nerel_test", "exact", "f1")),
        ("resolution accuracy, hand-checked sample", ("resolution_sample", "all", "accuracy")),
    ],
    "quotes": [
        ("detection F1, all", ("all", "detection", "f1")),
        ("speaker accuracy, all", ("all", "speaker_accuracy")),
        ("detection F1, held-out half", ("test", "detection", "f1")),
        ("speaker accuracy, held-out half", ("test", "speaker_accuracy")),
    ],
    "dedup": [
        ("real pairs precision", ("real", "precision")),
        ("real pairs recall", ("real", "recall")),
        ("synthetic edits precision", ("synthetic", "precision")),
        ("synthetic edits recall", ("synthetic", "recall")),
    ],
    "events": [
        ("lockbox F1 (unseen ru pairs)", ("lockbox", "f1")),
        ("nested CV F1, events end to end", ("nested_cv", "events", "f1")),
        ("nested CV F1 ru, events end to end", ("nested_cv", "events", "per_language", "ru", "f1")),
        ("nested CV F1, pair classifier", ("nested_cv", "pairwise", "f1")),
        ("development pairs F1, in-sample", ("development_in_sample", "f1")),
    ],
    "similarity": [
        ("Pearson, held-out split", ("held_out", "pearson")),
        ("Pearson, mUSE doc cosine baseline", ("held_out", "pearson_muse_doc_cosine")),
    ],
    "stories": [
        ("topic B-cubed precision", ("bcubed_precision",)),
        ("topic B-cubed recall", ("bcubed_recall",)),
        ("topic B-cubed F1", ("bcubed_f1",)),
        ("story purity", ("story_purity",)),
        ("stories", ("stories",)),
        ("topics", ("topics",)),
        ("incremental topic B-cubed F1", ("incremental", "bcubed_f1")),
        ("incremental story purity", ("incremental", "story_purity")),
    ],
    "entities": [
        ("recognition F1 (macro)", ("recognition_f1",)),
        ("normalization accuracy", ("normalization_accuracy",)),
        ("linking F1", ("linking_f1",)),
    ],
    "conflicts": [("precision", ("precision",))],
    "timeline": [("date F1", ("date_f1",)), ("ROUGE-1 F", ("rouge1_f",)), ("ROUGE-2 F", ("rouge2_f",))],
}


def _get(result: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = result
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


# more runs of an evaluation on another dataset: entry name -> (evaluation, dataset under the data root)
EXTRA = {"stories_ml_crisis": ("stories", "ml_crisis_tls/articles.jsonl")}


def run(name: str) -> dict[str, Any]:
    evaluation, dataset = EXTRA.get(name, (name, ""))
    args = [evaluation, str(data_root() / dataset)] if dataset else [evaluation]
    command = ["storyline", "eval", *args, "--json"]
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "eval", *args, "--json"], capture_output=True, text=True
    )
    seconds = round(time.perf_counter() - start, 1)
    if proc.returncode != 0:
        return {"command": " ".join(command), "seconds": seconds, "error": proc.stderr.strip()[-2000:]}
    return {"command": " ".join(command), "seconds": seconds, "result": json.loads(proc.stdout)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", nargs="*", choices=sorted([*EVALUATIONS, *EXTRA]), help="run only these")
    parser.add_argument("--out", type=Path, default=Path("docs/figures.json"))
    args = parser.parse_args()
    names = args.only or [*EVALUATIONS, *EXTRA]
    figures: dict[str, Any] = json.loads(args.out.read_text()) if args.out.exists() else {}
    for name in names:
        print(f"running storyline eval {name} ...", file=sys.stderr, flush=True)
        figures[name] = {
            **run(name),
            "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{platform.machine()}, {platform.python_version()}",
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("| evaluation | figure | value | seconds |\n|---|---|---|---|")
    for name in names:
        entry = figures[name]
        if "error" in entry:
            print(f"| {name} | error | {entry['error'].splitlines()[-1]} | {entry['seconds']} |")
            continue
        for label, path in HEADLINES.get(EXTRA.get(name, (name, ""))[0], []):
            value = _get(entry["result"], path)
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"| {name} | {label} | {shown} | {entry['seconds']} |")


if __name__ == "__main__":
    main()
