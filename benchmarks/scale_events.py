"""Event clustering at scale: 10k, 100k and 1,000,000 SYNTHETIC articles, time and peak memory.

What is synthetic, exactly:
- Base articles are real: titles and texts from ../shared/data (tgcontest_categories, bsnlp, nerel,
  factRuEval-2016; not tgcontest_pairs, whose lockbox texts stay unread). They go through
  storyline's terms (lemmas, names, numbers) and the sentence encoders once (no NER: synthetic
  articles carry no entities), then they are hashed into the same sparse matrices the event stage
  uses. A base article whose document vector has cosine >= 0.8 with an earlier one is left out.
  This preparation is timed separately.
- A synthetic event is one base article on one day with 1 + Geometric(0.25) copies (capped at 12;
  mean about 4), 70% on that day and 30% on the next. A base is not reused within 2 x window + 2 days,
  so the synthetic truth never asks to split identical texts. The stream has ``--rate`` articles
  per day (2,000), so 1M articles span 500 days.
- Each copy perturbs its base: every non-zero of every sparse row (terms, title terms, stems, names,
  numbers) is dropped with probability 0.15 (TF-IDF rows re-normalised), except that a copy's
  headline names and numbers stay among its text's stems and numbers (true of every real article;
  the fact-conflict vetoes compare one article's headline with the other's text); Gaussian noise is added to
  the sentence vectors (sigma 0.015 per dimension for the document vector, 0.02 for the title vector,
  0.01 for the named vectors the scorer reads, e.g. e5 of the headline; cosine to the original about
  0.95 / 0.91 / 0.98) and they are re-normalised.

The stream is clustered day by day with the event stage's own code (storyline.events.online:
time-bucketed nearest-neighbour candidates, the packaged pair scorer, linked components): each day's
articles against the already grouped articles of the previous ``window`` days, exactly as an
incremental update does. Reported per size: wall time of the clustering, peak resident memory of
the process (base preparation included), candidate pairs scored, events, merges, and pairwise
precision / recall / F1 against the synthetic truth (a sanity check, not a quality claim).

    python benchmarks/scale_events.py                       # 10k and 100k
    python benchmarks/scale_events.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from storyline.annotate import load_models
from storyline.annotate.segment import content_lemmas
from storyline.annotate.vectors import NAMED_VECTORS, article_vectors, load_encoder
from storyline.config import ClusterConfig
from storyline.evaluate.data import data_root, read_jsonl
from storyline.events.assign import search_config
from storyline.events.matrices import Matrices, build_matrices, load_idf
from storyline.events.online import components, link_rows
from storyline.events.scorer import load_pair_scorer
from storyline.events.terms import LEMMATISED, article_terms
from storyline.model import Article

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "scale_events.json"
PLOT = REPO / "docs" / "scale_events.png"
CACHE = Path("/tmp/storyline-bench-base-v4.pkl")  # v4: sound keys, reaction headlines, named e5 vectors
SOURCES = {  # not tgcontest_pairs: its lockbox texts stay unread (tests/data/events_lockbox)
    "tgcontest_categories/articles.jsonl": "lang",
    "bsnlp/documents.jsonl": "lang",
    "nerel/documents.jsonl": "=ru",
    "factruEval2016/documents.jsonl": "=ru",
}
DROP = 0.15
DISTINCT_COSINE = 0.8
DOC_SIGMA, TITLE_SIGMA, NAMED_SIGMA = 0.015, 0.02, 0.01
SPARSE = (
    "tfidf",
    "title",
    "body",
    "names",
    "stems",
    "title_numbers",
    "numbers",
    "text_numbers",
    "entities",
    "lead_people",
    "lead_places",
    "lead_entities",
    "name_keys",
    "cap_keys",
    "title_speech",
)


# --------------------------------------------------------------------------- base articles (real)
def base_articles(root: Path) -> list[Article]:
    morph = load_models().morph
    out: list[Article] = []
    for name, lang_field in SOURCES.items():
        for r in read_jsonl(root / name):
            text = (r.get("text") or "").strip()
            if len(text) < 200:
                continue
            lang = lang_field[1:] if lang_field.startswith("=") else str(r.get(lang_field) or "")
            title = r.get("title") or text.split("\n")[0][:150]
            lemmas = content_lemmas(text, morph) if lang in LEMMATISED else ()
            out.append(
                Article(
                    id=f"{name}:{len(out)}",
                    text=text,
                    origin=name,
                    content_hash="",
                    title=title,
                    language=lang,
                    lemmas=lemmas,
                )
            )
    return out


def base_matrices(root: Path) -> tuple[Matrices, float]:
    if CACHE.exists():
        with CACHE.open("rb") as f:
            cached: tuple[Matrices, float] = pickle.load(f)
            return cached
    start = time.perf_counter()
    articles = base_articles(root)
    morph = load_models().morph
    terms = [article_terms(a, morph) for a in articles]
    doc, title = article_vectors(articles, load_encoder(2))
    named = {n: NAMED_VECTORS[n](articles) for n in load_pair_scorer().vector_names}
    m = distinct(build_matrices(terms, doc, title, load_idf(), named))
    seconds = time.perf_counter() - start
    with CACHE.open("wb") as f:
        pickle.dump((m, seconds), f)
    return m, seconds


def distinct(m: Matrices) -> Matrices:
    """Keep a base article only when no kept one is close to it (document-vector cosine below
    DISTINCT_COSINE): real near-duplicates in the base would otherwise count as "different events"
    in the synthetic truth."""
    kept: list[int] = []
    for row in range(len(m)):
        if not kept or float(np.max(m.doc_vectors[kept] @ m.doc_vectors[row])) < DISTINCT_COSINE:
            kept.append(row)
    rows = np.array(kept)
    return Matrices(
        **{name: getattr(m, name)[rows] for name in SPARSE},
        doc_vectors=m.doc_vectors[rows],
        title_vectors=m.title_vectors[rows],
        named={k: v[rows] for k, v in m.named.items()},
    )


# --------------------------------------------------------------------------- synthetic stream
@dataclass(frozen=True, slots=True)
class Stream:
    base: np.ndarray  # base row of each synthetic article
    day: np.ndarray
    truth: np.ndarray  # synthetic event of each article


def synthesize(n: int, n_base: int, rate: int, window: int, rng: np.random.Generator) -> Stream:
    base, day, truth = [], [], []
    last_used = np.full(n_base, -(10**9))
    gap = 2 * window + 2
    event, today, count_today = 0, 0, 0
    while len(base) < n:
        if count_today >= rate:
            today += 1
            count_today = 0
        b = int(rng.integers(n_base))
        tries = 0
        while today - last_used[b] < gap and tries < 50:
            b = int(rng.integers(n_base))
            tries += 1
        last_used[b] = today
        copies = min(int(rng.geometric(0.25)), 12)
        for _ in range(copies):
            base.append(b)
            day.append(today + int(rng.random() < 0.3))
            truth.append(event)
        count_today += copies
        event += 1
    order = np.argsort(np.array(day[:n]), kind="stable")
    return Stream(np.array(base[:n])[order], np.array(day[:n])[order], np.array(truth[:n])[order])


def _drop(a: sparse.csr_matrix, rng: np.random.Generator, normalise: bool) -> sparse.csr_matrix:
    a = a.copy()
    a.data[rng.random(len(a.data)) < DROP] = 0.0
    a.eliminate_zeros()
    if normalise:
        norms = np.sqrt(np.asarray(a.multiply(a).sum(axis=1)).ravel())
        a = sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ a
    return a.tocsr()


def _noisy(v: np.ndarray, sigma: float, rng: np.random.Generator) -> np.ndarray:
    v = v + rng.normal(0.0, sigma, v.shape).astype(np.float32)
    return np.asarray(v / np.linalg.norm(v, axis=1, keepdims=True), dtype=np.float32)


CONTAINED = (("names", "stems"), ("title_numbers", "text_numbers"), ("title_numbers", "numbers"))


def perturbed(base: Matrices, rows: np.ndarray, rng: np.random.Generator) -> Matrices:
    parts = {name: _drop(getattr(base, name)[rows], rng, name == "tfidf") for name in SPARSE}
    for part, whole in CONTAINED:  # as in real articles: a headline's names and numbers are in its text
        parts[whole] = parts[whole].maximum(parts[part]).tocsr()
    return Matrices(
        **parts,
        doc_vectors=_noisy(base.doc_vectors[rows], DOC_SIGMA, rng),
        title_vectors=_noisy(base.title_vectors[rows], TITLE_SIGMA, rng),
        named={k: _noisy(v[rows], NAMED_SIGMA, rng) for k, v in base.named.items()},
    )


def stack(blocks: list[Matrices]) -> Matrices:
    parts = {name: sparse.vstack([getattr(b, name) for b in blocks]).tocsr() for name in SPARSE}
    return Matrices(
        **parts,
        doc_vectors=np.vstack([b.doc_vectors for b in blocks]),
        title_vectors=np.vstack([b.title_vectors for b in blocks]),
        named={k: np.vstack([b.named[k] for b in blocks]) for k in blocks[0].named},
    )


# --------------------------------------------------------------------------- online clustering
def find(alias: dict[int, int], x: int) -> int:
    while x in alias:
        x = alias[x]
    return x


def cluster_stream(base: Matrices, stream: Stream, config: ClusterConfig, seed: int) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    scorer = load_pair_scorer()
    threshold = config.event_probability or scorer.threshold
    search = search_config(config)
    window = config.event_window_days
    n = len(stream.base)
    label = np.full(n, -1, dtype=np.int64)
    alias: dict[int, int] = {}
    event_span: dict[int, tuple[int, int]] = {}  # label -> (first day, last day)
    next_label, scored, merges = 0, 0, 0
    blocks: dict[int, tuple[np.ndarray, Matrices]] = {}  # day -> (global rows, matrices)
    bounds = np.searchsorted(stream.day, np.arange(stream.day.max() + 2))
    for day in range(int(stream.day.max()) + 1):
        rows = np.arange(bounds[day], bounds[day + 1])
        if not len(rows):
            continue
        blocks[day] = (rows, perturbed(base, stream.base[rows], rng))
        blocks.pop(day - window - 1, None)
        window_days = sorted(d for d in blocks if d >= day - window)
        pool_rows = np.concatenate([blocks[d][0] for d in window_days])
        m = stack([blocks[d][1] for d in window_days])
        old = pool_rows[: len(pool_rows) - len(rows)]
        old_labels = np.array([find(alias, int(x)) for x in label[old]], dtype=np.int64)
        _, codes = np.unique(old_labels, return_inverse=True) if len(old) else (None, np.zeros(0, np.int64))
        existing = np.concatenate([codes.astype(np.int64), np.full(len(rows), -1, dtype=np.int64)])
        days = stream.day[pool_rows].astype(np.int64)
        new_local = np.arange(len(old), len(pool_rows))
        links = link_rows(m, days, new_local, scorer, threshold, search)
        scored += links.candidates
        span_rows = np.array([event_span[x] for x in np.unique(old_labels).tolist()], dtype=np.int64).reshape(
            -1, 2
        )
        comp = components(existing, links, days, window, span_rows, scorer.conflicts(m))
        for c in np.unique(comp[new_local]).tolist():
            members = np.flatnonzero(comp == c)
            olds = sorted(set(old_labels[members[members < len(old)]].tolist()))
            new_members = members[members >= len(old)]
            new_days = stream.day[pool_rows[new_members]]
            if olds:
                survivor = olds[0]
                for other in olds[1:]:
                    alias[other] = survivor
                    lo, hi = event_span[survivor]
                    event_span[survivor] = (min(lo, event_span[other][0]), max(hi, event_span[other][1]))
                    merges += 1
            else:
                survivor = next_label
                next_label += 1
                event_span[survivor] = (int(new_days.min()), int(new_days.max()))
            lo, hi = event_span[survivor]
            event_span[survivor] = (min(lo, int(new_days.min())), max(hi, int(new_days.max())))
            label[pool_rows[new_members]] = survivor
    final = np.array([find(alias, int(x)) for x in label], dtype=np.int64)
    return {
        "candidate_pairs": scored,
        "events": len(np.unique(final)),
        "merges": merges,
        **pairwise(final, stream.truth),
    }


def pairwise(predicted: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    def pairs(counts: np.ndarray) -> float:
        return float(np.sum(counts * (counts - 1) / 2))

    _, both = np.unique(np.stack([predicted, truth]), axis=1, return_counts=True)
    tp = pairs(both)
    p = tp / max(pairs(np.unique(predicted, return_counts=True)[1]), 1.0)
    r = tp / max(pairs(np.unique(truth, return_counts=True)[1]), 1.0)
    return {
        "synthetic_precision": round(p, 4),
        "synthetic_recall": round(r, 4),
        "synthetic_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


# --------------------------------------------------------------------------- driver
def run_one(size: int, rate: int, seed: int) -> dict[str, float | int | str]:
    config = ClusterConfig()
    base, base_seconds = base_matrices(data_root())
    rng = np.random.default_rng(seed)
    stream = synthesize(size, len(base), rate, config.event_window_days, rng)
    start = time.perf_counter()
    stats = cluster_stream(base, stream, config, seed)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": size,
        "synthetic": "yes (perturbed real articles, see the module docstring)",
        "days": int(stream.day.max()) + 1,
        "base_articles": len(base),
        "base_preparation_seconds": round(base_seconds, 1),
        "cluster_seconds": round(seconds, 1),
        "articles_per_second": round(size / seconds, 1),
        "peak_rss_mb": round(peak_mb, 1),
        **stats,
    }


def plot(results: list[dict[str, float | int | str]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [float(r["articles"]) for r in results]
    secs = [float(r["cluster_seconds"]) for r in results]
    mem = [float(r["peak_rss_mb"]) for r in results]
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    ax.loglog(sizes, secs, "o-", label="clustering wall time (s)")
    ax.loglog(
        sizes, [secs[0] * s / sizes[0] for s in sizes], ":", color="grey", label="linear from the first point"
    )
    ax.axhline(1800, color="red", lw=0.8, ls="--", label="30 minutes")
    ax.set_xlabel("synthetic articles (2,000 per day)")
    ax.set_ylabel("seconds")
    ax2 = ax.twinx()
    ax2.plot(sizes, mem, "s--", color="tab:green", label="peak memory (MB)")
    ax2.set_ylabel("peak RSS, MB")
    ax2.set_ylim(0, max(mem) * 1.3)
    lines = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    labels = ax.get_legend_handles_labels()[1] + ax2.get_legend_handles_labels()[1]
    ax.legend(lines, labels, loc="upper left", fontsize=8)
    ax.set_title("storyline events: online clustering of a synthetic stream (2 cores)")
    fig.tight_layout()
    PLOT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(PLOT, dpi=120)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rate", type=int, default=2000, help="articles per day")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.rate, args.seed)))
        return
    base_matrices(data_root())  # prepare (and cache) the base once, outside the measured runs
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    by_size = {int(r["articles"]): r for r in previous.get("results", [])}
    for size in args.sizes:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                str(size),
                "--rate",
                str(args.rate),
                "--seed",
                str(args.seed),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        print(json.dumps(result))
        by_size[size] = result
    results = [by_size[s] for s in sorted(by_size)]
    load = os.getloadavg()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                "load_average_at_end": [round(x, 2) for x in load],
                "command": "python benchmarks/scale_events.py --sizes "
                + " ".join(str(s) for s in args.sizes),
                "results": results,
            },
            indent=1,
        )
        + "\n"
    )
    plot(results)


if __name__ == "__main__":
    main()
