"""Pick the detected conflicts to label by hand by a fixed rule (not by what they say).

    # every claim pair a detector reports, from a finished run's stories.json (the packaged detector of
    # that run) or from a database (the detector of this checkout, uncapped):
    python tests/data/conflicts_select.py pairs --json OUT/stories.json --collection bsnlp > pairs.jsonl
    python tests/data/conflicts_select.py pairs --db DB --collection bsnlp > pairs.jsonl
    # the sample: per collection, the pairs ordered by SHA-1 of their key, the first N
    python tests/data/conflicts_select.py sample pairs.jsonl --per bsnlp=60 --per ml_crisis_tls=40 \
        --per seeds=all > sample.jsonl

A conflict with more than two claims gives one pair per two claims. A pair's ``key`` is
``<collection>|<article ids of claim 1>|<claim 1 text>|<article ids of claim 2>|<claim 2 text>`` with the
two claims in sorted order (``storyline.evaluate.conflicts.pair_key``): it does not name the story, so a
label stays valid when stories regroup. ``split`` is ``test`` when the first eight hex digits of SHA-1(key)
are odd, else ``dev``. At most ``--per-story`` pairs (default 3) of one story are taken, so that one long
story's repeated figures do not fill the sample.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.evaluate.conflicts import pair_key, split_of


def _pairs_of(story_id: str, conflict: dict[str, Any], collection: str) -> Iterator[dict[str, Any]]:
    claims = conflict["claims"]
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            a, b = sorted((claims[i], claims[j]), key=lambda c: (list(c["article_ids"]), c["text"]))
            key = pair_key(collection, a, b)
            yield {
                "key": key,
                "split": split_of(key),
                "collection": collection,
                "story": story_id,
                "about": conflict["about"],
                "claims": [a, b],
            }


def from_json(path: Path, collection: str) -> Iterator[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    for s in data["stories"]:
        for c in s.get("conflicts", ()):
            yield from _pairs_of(s["id"], c, collection)


def from_db(db: str, collection: str) -> Iterator[dict[str, Any]]:
    from storyline.annotate import load_models
    from storyline.annotate.coref import apply_entity_map, story_entity_map
    from storyline.config import Config
    from storyline.store import open_store
    from storyline.views.compare import find_conflicts
    from storyline.views.story import view_selection

    config = Config()
    morph = load_models().morph
    store = open_store(db)
    for story_id in store.story_ids():
        event_ids = store.story_event_ids([story_id]).get(story_id, [])
        events = [e for e, _ in store.events(event_ids)]
        ids = view_selection(events, config.views.story_view_articles)
        read = store.articles(sorted(ids))
        entity_map = story_entity_map(read)
        unified = [
            apply_entity_map(a, entity_map) for a in sorted(read, key=lambda a: (a.published or "", a.id))
        ]
        for c in find_conflicts(unified, config.views, morph):
            conflict = {
                "about": c.about,
                "claims": [
                    {"text": x.text, "by": x.by, "article_ids": list(x.article_ids)} for x in c.claims
                ],
            }
            yield from _pairs_of(story_id, conflict, collection)


def sample(rows: list[dict[str, Any]], per: dict[str, int | None], per_story: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    by_collection: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[str] = set()
    for r in rows:
        if r["key"] not in seen:
            seen.add(r["key"])
            by_collection[r["collection"]].append(r)
    for collection, items in sorted(by_collection.items()):
        if collection not in per:
            continue
        limit = per[collection]
        items.sort(key=lambda r: hashlib.sha1(r["key"].encode("utf-8")).hexdigest())
        taken: Counter[str] = Counter()
        chosen = []
        for r in items:
            if limit is not None and len(chosen) >= limit:
                break
            if taken[r["story"]] >= per_story:
                continue
            taken[r["story"]] += 1
            chosen.append(r)
        out += chosen
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    pp = sub.add_parser("pairs")
    pp.add_argument("--json", type=Path)
    pp.add_argument("--db")
    pp.add_argument("--collection", required=True)
    sp = sub.add_parser("sample")
    sp.add_argument("pairs", type=Path, nargs="+")
    sp.add_argument("--per", action="append", default=[], help="COLLECTION=N or COLLECTION=all")
    sp.add_argument("--per-story", type=int, default=3)
    args = p.parse_args()
    if args.cmd == "pairs":
        rows = from_json(args.json, args.collection) if args.json else from_db(args.db, args.collection)
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    per: dict[str, int | None] = {}
    for item in args.per:
        name, _, n = item.partition("=")
        per[name] = None if n == "all" else int(n)
    rows = [json.loads(line) for path in args.pairs for line in path.open(encoding="utf-8") if line.strip()]
    for r in sample(rows, per, args.per_story):
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
