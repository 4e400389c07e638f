"""Build the packaged document-frequency table (src/storyline/resources/idf.npz).

Unlabelled news texts from ../shared/data (no labels are read): bsnlp, nerel, factRuEval-2016,
tgcontest_categories, ml_crisis_tls and the semeval22 sample texts. Each text is turned into terms
exactly as ``storyline.events.terms`` does for an article (lemmas for ru/uk/bg, lower-cased
words otherwise) and counted once per document into hashed buckets.

    python scripts/build_idf.py [--data ../shared/data] [--out src/storyline/resources/idf.npz]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from pathlib import Path

from storyline.annotate import load_models
from storyline.annotate.segment import content_lemmas
from storyline.evaluate.data import data_root
from storyline.events.matrices import count_df, save_idf
from storyline.events.terms import LEMMATISED, plain_terms

SOURCES = {  # file -> (language field or fixed language, title field)
    "bsnlp/documents.jsonl": ("lang", "title"),
    "nerel/documents.jsonl": ("=ru", None),
    "factruEval2016/documents.jsonl": ("=ru", None),
    "tgcontest_categories/articles.jsonl": ("lang", "title"),
    "ml_crisis_tls/articles.jsonl": ("lang", "title"),
}


def texts(root: Path) -> Iterator[tuple[str, str]]:
    for name, (lang_field, title_field) in SOURCES.items():
        with (root / name).open(encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                lang = lang_field[1:] if lang_field.startswith("=") else r.get(lang_field) or ""
                title = (r.get(title_field) or "") if title_field else ""
                yield lang, f"{title}\n{r.get('text') or ''}"
    seen: set[str] = set()
    with (root / "semeval22_task8_sample/pairs.jsonl").open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            for k in ("1", "2"):
                if r["id" + k] not in seen:
                    seen.add(r["id" + k])
                    yield r["lang" + k], r["text" + k]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=data_root())
    parser.add_argument("--out", type=Path, default=Path("src/storyline/resources/idf.npz"))
    args = parser.parse_args()
    start = time.perf_counter()
    morph = load_models().morph

    def terms() -> Iterator[tuple[str, ...]]:
        for lang, text in texts(args.data):
            yield content_lemmas(text, morph) if lang in LEMMATISED else plain_terms(text)

    df, n = count_df(terms())
    save_idf(args.out, df, n)
    used = int((df > 0).sum())
    print(f"{n} documents, {used} buckets used, {time.perf_counter() - start:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
