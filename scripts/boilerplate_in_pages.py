"""Count outlet boilerplate in the pages of a run: sentences about the site (standing notes of a
coverage series, privacy and cookie notices, calls to subscribe, copyright, comment-section notes)
shown as story or event headlines, summary sentences or timeline entries.

    storyline run ../shared/data/ml_crisis_tls/articles.jsonl --db /tmp/x.db --out /tmp/x-out
    python scripts/boilerplate_in_pages.py /tmp/x-out/stories.json \\
        --input ../shared/data/ml_crisis_tls/articles.jsonl --labels docs/boilerplate_labels.jsonl

An item is *flagged* when its text matches a deliberately broad net of notice words (below; it is
kept apart from ``storyline.clean.notices`` so that the engine's own rules do not grade
themselves, and it also catches news sentences that merely mention privacy or a newsletter), or
when it occurs word for word as a line of at least ``--repeated`` input articles of one outlet
(``--input``, the raw articles). Flagged items are then judged by hand: ``--labels`` is a JSONL
file of ``{"text": ..., "boilerplate": true|false}``; the report counts flagged items, confirmed
boilerplate among them, and lists flagged items without a label (to be labelled by reading them).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

NET = re.compile(
    r"privac|confidentialit|datenschutz|конфиденц|конфіденц|поверителн|prywatno|soukrom|zasebn|"
    r"personal data|datos personales|données personnelles|dati personali|персональн\w+ данн|"
    r"cookie|куки|newsletter|boletín|рассылк|розсилк|"
    r"subscri|suscri|abonn|abbona|iscriviti|подпис\w*(?:сь|ся)|підпис\w*(?:сь|ся)|telegram|viber|"
    r"copyright|©|rights reserved|derechos reservados|droits réservés|diritti riservati|"
    r"riproduzione riservata|права защищены|права захищені|права запазени|prawa zastrzeżone|"
    r"práva vyhrazena|práva vyhradené|pravice pridržane|prava pridržana|"
    r"fait partie|es parte de|forma parte|fa parte|faz parte|is part of|является частью|"
    r"cobertura especial|couverture spéciale|special coverage|dossier|speciale|"
    r"iniciar sesión|inicia sesión|commentabile|comment|коммент|комент|ctrl\s*\+\s*enter|"
    r"registr|авториз|log ?in|sign ?up",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_]+")


def norm(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def repeated_lines(path: Path, min_articles: int) -> set[str]:
    """Lines (normalised) that at least ``min_articles`` input articles of one outlet hold."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            lines = {norm(x) for x in str(record.get("text") or "").split("\n") if x.strip()}
            counts[str(record.get("source") or "")].update(x for x in lines if x)
    return {x for c in counts.values() for x, n in c.items() if n >= min_articles}


def items(stories: dict[str, Any]) -> list[tuple[str, str]]:
    """(place, text) of every headline, summary sentence and timeline entry of the run."""
    out: list[tuple[str, str]] = []
    for s in stories.get("stories", []):
        if s.get("title"):
            out.append(("story title", s["title"]))
        out += [("story summary", c["text"]) for c in s.get("summary", [])]
        out += [("story timeline", t["text"]) for t in s.get("timeline", [])]
    for e in stories.get("events", []):
        if e.get("title"):
            out.append(("event title", e["title"]))
        out += [("event summary", c["text"]) for c in e.get("summary", [])]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("stories", type=Path, help="stories.json of a run")
    parser.add_argument("--input", type=Path, help="the raw input JSONL (for lines an outlet repeats)")
    parser.add_argument("--repeated", type=int, default=3, help="articles of one outlet holding a line")
    parser.add_argument("--labels", type=Path, help="JSONL of hand judgements {text, boilerplate}")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)

    run = json.loads(args.stories.read_text(encoding="utf-8"))
    repeated = repeated_lines(args.input, args.repeated) if args.input else set()
    labels: dict[str, bool] = {}
    if args.labels and args.labels.exists():
        for line in args.labels.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                labels[record["text"]] = bool(record["boilerplate"])

    shown: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    confirmed: Counter[str] = Counter()
    unlabelled: list[tuple[str, str]] = []
    for place, text in items(run):
        shown[place] += 1
        if not (NET.search(text) or norm(text) in repeated):
            continue
        flagged[place] += 1
        if text in labels:
            confirmed[place] += labels[text]
        else:
            unlabelled.append((place, text))
    places = list(shown)
    report = {
        place: {"shown": shown[place], "flagged": flagged[place], "boilerplate": confirmed[place]}
        for place in places
    }
    report["all"] = {
        "shown": sum(shown.values()),
        "flagged": sum(flagged.values()),
        "boilerplate": sum(confirmed.values()),
        "flagged_unlabelled": len(unlabelled),
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        for place, row in report.items():
            print(f"{place:16s} " + "  ".join(f"{k} {v}" for k, v in row.items()))
        for place, text in unlabelled:
            print(f"UNLABELLED\t{place}\t{text}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
