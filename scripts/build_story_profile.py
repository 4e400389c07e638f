"""Reference statistics of unlabelled news for story profiles (src/storyline/resources/story_profile.npz).

A story profile row (``storyline.stories.profile``) weights name and word keys by their inverse
document frequency and centres the event's sentence vector on the mean vector of its language. Both
statistics come from this fixed reference, not from the events of one update, so that an event's row
depends on the event alone. The reference: the texts (no label is read) of bsnlp (8 Slavic languages),
ml_crisis_tls (es, fr, it), tgcontest_categories (ru, en), NEREL (ru) and the SemEval-2022 sample
(en, de, es, pl, tr, ar, fr), each read through storyline's own reader, cleaner and annotator.

    python scripts/build_story_profile.py [--cache DIR]     (about 6 minutes on 2 cores)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

from storyline.config import Config
from storyline.engine import Engine
from storyline.evaluate.data import data_root, read_jsonl
from storyline.stories.keys import text_keys
from storyline.stories.profile import PROFILE_RESOURCE, ProfileStats

# files read as they are (storyline's JSONL reader honours id, title, text, lang)
FILES = ("bsnlp/documents.jsonl", "ml_crisis_tls/articles.jsonl", "tgcontest_categories/articles.jsonl")
NEREL = "nerel/documents.jsonl"

SEMEVAL = "semeval22_task8_sample/pairs.jsonl"


def converted(root: Path) -> Iterator[dict[str, str | None]]:
    """NEREL documents (Russian) and the SemEval texts (one per article id), as JSONL records."""
    for r in read_jsonl(root / NEREL):
        yield {"id": f"nerel-{r['id']}", "title": r.get("title"), "text": r.get("text") or "", "lang": "ru"}
    seen: set[str] = set()
    for r in read_jsonl(root / SEMEVAL):
        for side in ("1", "2"):
            key = str(r.get("id" + side))
            if key in seen or not r.get("text" + side):
                continue
            seen.add(key)
            yield {"id": f"semeval-{key}", "text": r["text" + side], "lang": r.get("lang" + side)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("src/storyline/resources") / PROFILE_RESOURCE)
    parser.add_argument(
        "--cache", type=Path, default=None, help="prepare cache directory ([annotate] cache_dir)"
    )
    args = parser.parse_args()
    config = Config()
    if args.cache:
        config = dataclasses.replace(
            config, annotate=dataclasses.replace(config.annotate, cache_dir=str(args.cache))
        )
    root = data_root()
    with tempfile.TemporaryDirectory() as tmp:
        extra = Path(tmp) / "converted.jsonl"
        with extra.open("w", encoding="utf-8") as f:
            for record in converted(root):
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        with Engine(Path(tmp) / "reference.db", config) as eng:
            eng.add([*(root / name for name in FILES), extra])
            ids = eng.store.all_article_ids()
            keys, vectors = [], []
            for start in range(0, len(ids), 1000):
                chunk = ids[start : start + 1000]
                found = eng.store.vectors(chunk)
                for a in eng.store.articles(chunk):
                    keys.append(set(text_keys(a.title, a.text, config.stories.key_chars)))
                    if "doc" in found.get(a.id, {}):
                        vectors.append((a.language, found[a.id]["doc"]))
    stats = ProfileStats.count(keys, vectors)
    stats.save(args.out)
    languages = {k or "all": n for k, n in sorted(stats.counts.items())}
    print(json.dumps({"documents": stats.documents, "per_language": languages, "out": str(args.out)}))


if __name__ == "__main__":
    main()
