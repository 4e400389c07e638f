"""Choose the story and topic linking parameters (StoryConfig) by leave-one-topic-out on a labelled
collection in the bsnlp documents format (``id``, ``topic``, ``lang``, ``date``, ``text``).

The documents are run once through storyline (ingest and events) into ``--db`` (kept, so a second call
reuses it); the stored events are then linked into stories and topics with every grid point, in date
order as one update does. For each gold topic left out, the grid point with the best mean of topic
B-cubed F1 and story purity on the documents of the other topics is chosen and scored on all documents
of the left-out topic's run... (the left-out topic's documents are scored with the rest, since B-cubed
of one topic alone says nothing about merging it with others). Reported: per held-out topic the chosen
point and its figures on the whole collection, and the point chosen most often (the packaged default).

    python scripts/tune_stories.py ../shared/data/bsnlp/documents.jsonl --db /tmp/tune-bsnlp.db
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
from collections import Counter
from pathlib import Path

import numpy as np

from storyline.config import Config, StoryConfig
from storyline.engine import Engine
from storyline.evaluate.stories import bcubed, story_purity
from storyline.stories import EventDoc, link
from storyline.stories.profile import profile_rows
from storyline.update import stored_event_docs

JOIN = [0.3]
QUIET = [21]
SPAN = [30]
TOPIC = [0.12, 0.15, 0.18, 0.22]
TOPIC_MERGE = [0.25, 0.3, 0.35]
ATTACH = [0.1]
PRIOR = [0.0, 50.0]  # language_prior


def linked(events: list[EventDoc], config: StoryConfig) -> tuple[dict[str, str], dict[str, str]]:
    """article -> story, article -> topic, for ``events`` linked as one update (an event's profile row
    depends on the event alone, so the rows are computed once)."""
    result = link(events, {}, {}, {}, [e.id for e in events], [], [], config, _rows(events, config))
    story, topic = {}, {}
    for e in events:
        s = result.story_of[e.id]
        t = result.stories[s].topic or s
        for a in e.articles:
            story[a.id], topic[a.id] = s, t
    return story, topic


_ROWS: dict[tuple[str, int, float, float, float, float], np.ndarray] = {}


def _rows(events: list[EventDoc], config: StoryConfig) -> dict[str, np.ndarray]:
    weights = (
        config.key_chars, config.vector_weight, config.name_weight, config.word_weight, config.language_prior
    )  # fmt: skip
    todo = [e for e in events if (e.id, *weights) not in _ROWS]
    if todo:
        for e, row in zip(todo, profile_rows(todo, config), strict=True):
            _ROWS[(e.id, *weights)] = row
    return {e.id: _ROWS[(e.id, *weights)] for e in events}


def figures(
    events: list[EventDoc], gold: dict[str, str], config: StoryConfig, only: str | None = None
) -> dict[str, float]:
    """Topic B-cubed and story purity over all documents, or (``only``) over the documents of one gold
    topic, their clusters counted over the whole collection."""
    story, topic = linked(events, config)
    ids = sorted(a for a in story if a in gold)
    b = bcubed(
        [topic[a] for a in ids], [gold[a] for a in ids], only=[gold[a] == only for a in ids] if only else None
    )
    inside = [a for a in ids if only is None or gold[a] == only]
    return {
        "bcubed_f1": round(b["bcubed_f1"], 4),
        "story_purity": round(story_purity({a: story[a] for a in ids}, gold, inside), 4),
        "stories": len(set(story.values())),
        "topics": len(set(topic.values())),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("documents", type=Path)
    parser.add_argument("--db", type=Path, default=Path("tune-stories.db"))
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.documents.open(encoding="utf-8") if line.strip()]
    gold = {str(r["id"]): str(r["topic"]) for r in rows}
    with Engine(args.db, Config()) as engine:
        if not engine.store.count("events"):
            engine.run([args.documents])
        ids = engine.store.all_article_ids()
        event_ids = sorted({m.event_id for m in engine.store.memberships(ids).values() if m.event_id})
        events = stored_event_docs(engine.store, event_ids)
    events.sort(key=lambda e: (e.date or "~", e.id))
    grid = [
        dataclasses.replace(
            StoryConfig(),
            join_threshold=j,
            quiet_days=q,
            span_days=s,
            topic_threshold=t,
            topic_merge_threshold=m,
            attach_threshold=a,
            language_prior=p,
        )
        for j, q, s, t, m, a, p in itertools.product(JOIN, QUIET, SPAN, TOPIC, TOPIC_MERGE, ATTACH, PRIOR)
    ]
    topics = sorted({t for t in gold.values()})
    table = []
    for config in grid:
        name = (config.join_threshold, config.quiet_days, config.span_days, config.topic_threshold,
                config.topic_merge_threshold, config.attach_threshold, config.language_prior)  # fmt: skip
        per_topic = {}
        for held in topics:
            rest = [e for e in events if any(gold.get(a.id) != held for a in e.articles)]
            sub = {a: t for a, t in gold.items() if t != held}
            f = figures(rest, sub, config)
            per_topic[held] = (f["bcubed_f1"] + f["story_purity"]) / 2
        on_all = figures(events, gold, config)
        table.append((name, per_topic, on_all))
        print(name, json.dumps(on_all), flush=True)
    chosen: Counter[tuple[float, ...]] = Counter()
    held_scores = []
    for held in topics:
        k = max(range(len(table)), key=lambda i: table[i][1][held])
        name, _, on_all = table[k]
        chosen[name] += 1
        alone = figures(events, gold, grid[k], only=held)
        held_scores.append(alone)
        print(
            f"without {held}: chooses {name}; {held} with it: {json.dumps(alone)}; all: {json.dumps(on_all)}"
        )
    mean = {
        k: round(sum(s[k] for s in held_scores) / len(held_scores), 4) for k in ("bcubed_f1", "story_purity")
    }
    print("held-out topics, mean of their own figures (the honest estimate):", json.dumps(mean))
    print("chosen most often:", chosen.most_common(3))


if __name__ == "__main__":
    main()
