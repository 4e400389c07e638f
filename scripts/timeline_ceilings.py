"""Where the timeline's ROUGE comes from, and how far day choice or sentence choice could take it.

A diagnostic on ml_crisis_tls (not a result: two rows use the gold timelines). For every gold
timeline, in the standard setup of ``storyline eval timeline``:

* ``packaged``: the packaged timeline (as ``storyline eval timeline``).
* ``exact_day_rouge1``: the part of its ROUGE-1 recall and precision numerators that comes from
  predicted days that are gold days (distance 0; such a pair always aligns). The rest comes from
  near days at weight 1 / (distance + 1).
* ``best_sentences_on_our_days``: the same days, each with the ``per_date`` sentences among that
  day's own candidates (``fixed.candidates``) that best match the nearest gold day (greedy ROUGE-1
  F): the ceiling of any sentence scorer given our days and candidates.
* ``our_sentences_on_gold_days``: our sentence choice on the gold days that have candidates: the
  ceiling of day ranking given our candidates and sentence scorer.

    python scripts/timeline_ceilings.py ../shared/data/ml_crisis_tls     (about 30 s)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from storyline.config import Config
from storyline.evaluate.timeline import Task, load, score_task, summary
from storyline.evaluate.tls import PRF, clipped_hits, f_score, ngram_counts
from storyline.views.timeline.dating import mentions
from storyline.views.timeline.fixed import (
    candidates,
    day_mentions,
    day_summaries,
    sentence_pool,
    timeline_from,
)

Timeline = Mapping[date, Sequence[str]]


def r1_f(pred: Sequence[str], ref: Sequence[str], lang: str) -> float:
    p, r = ngram_counts(pred, 1, lang), ngram_counts(ref, 1, lang)
    hit = clipped_hits(p, r)
    return f_score(hit / max(1, sum(p.values())), hit / max(1, sum(r.values())))


def best_sentences(pool: Sequence[str], ref: Sequence[str], k: int, lang: str) -> list[str]:
    """Greedy: add the sentence that raises ROUGE-1 F against ``ref`` most, up to ``k``."""
    chosen: list[str] = []
    score = 0.0
    for _ in range(k):
        scored = [(r1_f([*chosen, s], ref, lang), s) for s in pool if s not in chosen]
        if not scored:
            break
        top, sentence = max(scored)
        if top <= score:
            break
        chosen.append(sentence)
        score = top
    return chosen


def exact_share(pred: Timeline, ref: Timeline, lang: str) -> tuple[float, float]:
    """ROUGE-1 recall and precision (unweighted numerators) from predicted days that are gold days."""
    hits = sum(
        clipped_hits(ngram_counts(pred[d], 1, lang), ngram_counts(ref[d], 1, lang))
        for d in set(pred) & set(ref)
    )
    r_total = sum(sum(ngram_counts(s, 1, lang).values()) for s in ref.values())
    p_total = sum(sum(ngram_counts(s, 1, lang).values()) for s in pred.values())
    return hits / max(1, r_total), hits / max(1, p_total)


def rows(task: Task, config: Config) -> dict[str, Timeline]:
    views = config.views
    n_dates, per_date = task.size
    pool = sentence_pool(task.articles, views)
    ms = mentions(task.articles, views)
    ours = timeline_from(pool, ms, n_dates, per_date, views, task.span)
    by_day = day_mentions(ms, pool, views)
    gold_days = sorted(task.reference)
    oracle: dict[date, Sequence[str]] = {}
    for d, chosen in ours.items():
        nearest = min(gold_days, key=lambda g: (abs((g - d).days), g))
        texts = sorted({c.unit.text for c in candidates(d, by_day, pool, views)})
        oracle[d] = best_sentences(texts, task.reference[nearest], per_date, task.lang) or chosen
    on_gold = day_summaries([(d, 0.0) for d in gold_days], by_day, pool, n_dates, per_date, views)
    return {
        "packaged": ours,
        "best_sentences_on_our_days": oracle,
        "our_sentences_on_gold_days": on_gold,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path", help="the ml_crisis_tls folder")
    path = parser.parse_args(argv).path
    config = Config()
    tasks = load(Path(path), config).tasks
    scores: dict[str, list[Mapping[str, PRF]]] = {}
    out: dict[str, object] = {"per_timeline": {}}
    for task in tasks:
        per: dict[str, object] = {}
        for name, timeline in rows(task, config).items():
            s = score_task(task, timeline)
            scores.setdefault(name, []).append(s)
            per[name] = {"date_f1": round(s["date"].f1, 4), "rouge1_f": round(s["rouge1"].f1, 4)}
            if name == "packaged":
                rec, prec = exact_share(timeline, task.reference, task.lang)
                per["exact_day_rouge1"] = {
                    "recall": round(rec, 4),
                    "of_recall": round(rec / s["rouge1"].recall, 3) if s["rouge1"].recall else 0.0,
                    "precision": round(prec, 4),
                    "of_precision": round(prec / s["rouge1"].precision, 3) if s["rouge1"].precision else 0.0,
                }
        out["per_timeline"][task.id] = per  # type: ignore[index]
        print(task.id, json.dumps(per), file=sys.stderr, flush=True)
    for name, ss in scores.items():
        s = summary(ss)
        out[name] = {k: round(s[k], 4) for k in ("date_f1", "rouge1_f", "rouge2_f")}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
