"""Speed of date and quote extraction alone (one process) on distinct real articles from ../shared/data.

    python benchmarks/dates_quotes_speed.py            # print the figures
    python benchmarks/dates_quotes_speed.py --record   # and write benchmarks/results/dates_quotes_speed.json

Russian articles of --min-chars..--max-chars characters (tgcontest, NEREL; no repeats), the es/fr/it
articles of ml_crisis_tls and the uk/bg/pl/cs/sk/sl/hr articles of bsnlp (not its Russian ones) in the
same length range. Entities for the quote step are computed first and
are not timed (they belong to the entity stage). Times are per article and per 1,000 characters.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import time
from pathlib import Path

from storyline.annotate import load_models
from storyline.annotate.dates import extract_dates
from storyline.annotate.entities import extract_entities
from storyline.annotate.quotes import extract_quotes
from storyline.evaluate.data import data_root, read_jsonl

RESULTS = Path(__file__).resolve().parent / "results" / "dates_quotes_speed.json"


def articles(root: Path, languages: set[str], min_chars: int, max_chars: int) -> list[tuple[str, str, str]]:
    """(language, published, text) of distinct articles."""
    seen: set[str] = set()
    out: list[tuple[str, str, str]] = []
    sources = [
        ("tgcontest_pairs/articles.jsonl", "ru"),
        ("tgcontest_categories/articles.jsonl", "ru"),
        ("nerel/documents.jsonl", "ru"),
        ("ml_crisis_tls/articles.jsonl", None),
        ("bsnlp/documents.jsonl", None),
    ]
    for relative, fixed in sources:
        path = root / relative
        if not path.exists():
            continue
        for row in read_jsonl(path):
            text = row.get("text") or ""
            lang = fixed or row.get("lang") or ""
            if lang not in languages or row.get("lang", lang) != lang:
                continue
            if relative.startswith("bsnlp") and lang == "ru":
                continue
            if not min_chars <= len(text) <= max_chars:
                continue
            digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
            if digest not in seen:
                seen.add(digest)
                out.append((lang, str(row.get("date") or "2020-05-15")[:10], text))
    return out


def timed(label: str, docs: list[tuple[str, str, str]], step: object) -> dict[str, float]:
    chars = sum(len(t) for _, _, t in docs)
    started = time.perf_counter()
    for item in docs:
        step(item)  # type: ignore[operator]
    elapsed = time.perf_counter() - started
    figures = {
        "articles": len(docs),
        "mean_chars": chars / max(len(docs), 1),
        "ms_per_article": 1000 * elapsed / max(len(docs), 1),
        "ms_per_1000_chars": 1000 * elapsed / max(chars, 1) * 1000,
        "articles_per_second": len(docs) / elapsed if elapsed else 0.0,
    }
    print(f"{label:34} " + "  ".join(f"{k} {v:.2f}" for k, v in figures.items()))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--min-chars", type=int, default=2000)
    parser.add_argument("--max-chars", type=int, default=4000)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    root = data_root()
    ru = articles(root, {"ru"}, args.min_chars, args.max_chars)
    romance = articles(root, {"es", "fr", "it"}, args.min_chars, args.max_chars)
    slavic = articles(root, {"uk", "bg", "pl", "cs", "sk", "sl", "hr"}, args.min_chars, args.max_chars)
    print(f"load average before: {os.getloadavg()}")
    results = {
        "dates_ru": timed("dates, Russian", ru, lambda d: extract_dates(d[2], d[1], d[0])),
        "dates_es_fr_it": timed("dates, es/fr/it", romance, lambda d: extract_dates(d[2], d[1], d[0])),
        "dates_slavic": timed(
            "dates, uk/bg/pl/cs/sk/sl/hr", slavic, lambda d: extract_dates(d[2], d[1], d[0])
        ),
        # no entities beyond Russian yet: speakers are name phrases
        "quotes_beyond_ru": timed(
            "quotes, es/fr/it + Slavic", romance + slavic, lambda d: extract_quotes(d[2], (), None, d[0])
        ),
    }
    models = load_models()
    with_entities = [(d, extract_entities(d[2], models)) for d in ru]
    started = time.perf_counter()
    for (_, _, text), ents in with_entities:
        extract_quotes(text, ents, models.morph, "ru")
    elapsed = time.perf_counter() - started
    chars = sum(len(d[2]) for d, _ in with_entities)
    results["quotes_ru"] = {
        "articles": len(with_entities),
        "ms_per_article": 1000 * elapsed / max(len(with_entities), 1),
        "ms_per_1000_chars": 1000 * elapsed / max(chars, 1) * 1000,
    }
    shown = "  ".join(f"{k} {v:.2f}" for k, v in results["quotes_ru"].items())
    print(f"{'quotes, Russian (entities given)':34} {shown}")
    print(f"load average after: {os.getloadavg()}")
    if args.record:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps({**results, "load_average": os.getloadavg()}, indent=1) + "\n")
        print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
