"""How many lines of a collection each clean rule drops, with the lines of chosen rules listed.

    python scripts/clean_rule_counts.py ../shared/data/bsnlp/documents.jsonl --show standing_line site_notice

Reads a JSONL collection as ``storyline run`` does, builds the outlet context over the whole file
(``build_context``, line and head counts) and cleans every article. Used to check that the outlet rules
(``standing_line``, ``repeated_in_outlet``) and ``site_notice`` drop notices and not news: the
listed lines are read by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from storyline.clean import build_context, clean, outlet_key
from storyline.config import Config
from storyline.ingest.files import read_file
from storyline.model import RawDoc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("collection", type=Path, help="a JSONL file of articles")
    parser.add_argument("--show", nargs="*", default=[], help="rules whose dropped lines are listed")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)
    config = Config()
    docs = [d for d in read_file(args.collection, config.ingest) if isinstance(d, RawDoc)]
    contexts = build_context(docs)
    rules: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    shown: Counter[tuple[str, str]] = Counter()
    for doc in docs:
        cleaned = clean(doc, config.clean, contexts.get(outlet_key(doc)))
        seen = set()
        for line in cleaned.lines:
            rules[line.rule] += 1
            seen.add(line.rule)
            if line.rule in args.show:
                shown[(line.rule, line.text)] += 1
        articles.update(seen)
    report = {
        "articles": len(docs),
        "lines": sum(rules.values()),
        "rules": {r: {"lines": n, "articles": articles[r]} for r, n in rules.most_common()},
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(f"{report['articles']} articles, {report['lines']} lines")
        for rule, row in report["rules"].items():
            print(f"{rule:22s} {row['lines']:7d} lines in {row['articles']:6d} articles")
    for (rule, text), n in sorted(shown.items(), key=lambda x: (x[0][0], -x[1])):
        print(f"{rule}\t{n}\t{text[:200]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
