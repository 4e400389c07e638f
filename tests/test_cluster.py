"""Events: the seeds end to end, incremental stability, bridging merges, candidate search, eval floors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from conftest import CALL, MEETING, copy_seeds
from storyline.config import Config
from storyline.engine import Engine
from storyline.events.candidates import UNDATED, SearchConfig, candidate_pairs
from storyline.events.online import Links, components

LOCKBOX_F1_FLOOR = 0.85  # 0.872 first scorer; 0.865 retrained after the NER merge (docs/events.md)


def _events(payload: dict[str, Any]) -> dict[str, frozenset[str]]:
    """event id -> the seed prefixes of its articles"""
    return {e["id"]: frozenset(a[:3] for a in e["article_ids"]) for e in payload["events"]}


def test_seeds_give_one_story_with_its_timeline_conflicts_and_quotes(seeds_dir: Path, store_url: str) -> None:
    """The same on every storage backend (SQLite and PostgreSQL)."""
    with Engine(store_url) as engine:
        engine.run([seeds_dir])
        payload = engine.payload()
    assert CALL in _events(payload).values()
    (story,) = payload["stories"]
    assert story["title"] == "Путин поговорил по телефону с Алиевым"
    assert set(story["article_ids"]) == {a["id"] for a in payload["articles"]}
    assert story["timeline"] and story["conflicts"] and story["quotes"]


@pytest.mark.xfail(
    strict=True,
    reason="known regression of the scorer retrained after the multilingual NER merge: the preview of the "
    "9 October meeting (002) scores 0.592 against the report of it (004), threshold 0.597, and stays an "
    "event of its own (the previous scorer: 0.774); see docs/events.md",
)
def test_seeds_give_two_events(seeds_dir: Path, tmp_path: Path) -> None:
    with Engine(tmp_path / "s.db") as engine:
        engine.run([seeds_dir])
        payload = engine.payload()
    assert sorted(_events(payload).values(), key=len) == [MEETING, CALL]


@pytest.mark.parametrize("first", [{"000", "002"}, {"003", "004"}, {"001"}])
def test_incremental_runs_give_the_same_events_and_keep_ids(
    seeds_dir: Path, tmp_path: Path, first: set[str], store_url: str
) -> None:
    with Engine(tmp_path / "one.db") as engine:
        engine.run([seeds_dir])
        at_once = _events(engine.payload())
    rest = {p.name[:3] for p in seeds_dir.glob("*.txt")} - first
    with Engine(store_url) as engine:
        engine.run([copy_seeds(seeds_dir, first, tmp_path / "a")])
        before = _events(engine.payload())
        engine.run([copy_seeds(seeds_dir, rest, tmp_path / "b")])
        after = _events(engine.payload())
        redirects = engine.payload()["redirects"]
    assert sorted(after.values(), key=len) == sorted(at_once.values(), key=len)
    for event_id, members in before.items():  # every first-run event keeps its id and its articles
        assert event_id in after
        assert members <= after[event_id]
    assert redirects == [] or all(r["kind"] != "event" for r in redirects)


def test_bridging_article_merges_events_and_redirects(seeds_dir: Path, tmp_path: Path) -> None:
    strict = replace(Config(), cluster=replace(Config().cluster, event_probability=0.999))
    with Engine(tmp_path / "b.db", strict) as engine:
        engine.run([copy_seeds(seeds_dir, {"000", "001"}, tmp_path / "a")])
        separate = _events(engine.payload())
    assert sorted(separate.values()) == [frozenset({"000"}), frozenset({"001"})]  # too strict to join
    with Engine(tmp_path / "b.db") as engine:  # default threshold: 003 reports the same call as both
        engine.run([copy_seeds(seeds_dir, {"003"}, tmp_path / "b")])
        payload = engine.payload()
        merged = _events(payload)
        assert list(merged.values()) == [frozenset(CALL)]
        (survivor,) = merged
        (old,) = set(separate) - {survivor}
        assert survivor in separate  # the surviving id is one of the existing ones
        assert engine.store.resolve(old) == survivor
    assert {"old_id": old, "new_id": survivor, "kind": "event"} in payload["redirects"]


# --------------------------------------------------------------------------- candidate search
def _search(limit: int) -> SearchConfig:
    return SearchConfig(window=3, k=3, min_cosine=0.5, exact_limit=limit, hnsw_m=16, ef_search=64)


@pytest.mark.parametrize("limit", [10_000, 50])  # exact search, then HNSW buckets
def test_candidates_find_near_copies_within_the_window(limit: int) -> None:
    rng = np.random.default_rng(1)
    base = rng.normal(size=(300, 32)).astype(np.float32)
    copies = base + rng.normal(scale=0.05, size=base.shape).astype(np.float32)
    vectors = np.vstack([base, copies])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    days = np.concatenate([np.zeros(300, np.int64), np.full(300, 2, np.int64)])
    a, b = candidate_pairs(vectors, days, np.arange(300, 600), _search(limit))
    found = set(zip(a.tolist(), b.tolist(), strict=True))
    assert sum((k, k + 300) in found for k in range(300)) >= 297
    far = days.copy()
    far[300:] = 10  # a week later: outside the window, never candidates
    a, b = candidate_pairs(vectors, far, np.arange(300, 600), _search(limit))
    assert not any(x < 300 for x in a.tolist())


def test_undated_articles_are_compared_with_every_day() -> None:
    v = np.tile(np.eye(4, dtype=np.float32)[:1], (3, 1))  # three identical vectors
    days = np.array([100, 500, UNDATED])
    a, b = candidate_pairs(v, days, np.array([2]), _search(10))
    assert set(zip(a.tolist(), b.tolist(), strict=True)) == {(0, 2), (1, 2)}


def _conflict_of(*pairs: tuple[int, int]) -> Any:
    bad = {frozenset(p) for p in pairs}
    return lambda i, j: np.array([frozenset((a, b)) in bad for a, b in zip(i, j, strict=True)], dtype=bool)


def test_a_chain_of_links_never_joins_two_conflicting_articles() -> None:
    days = np.full(3, UNDATED, dtype=np.int64)
    links = Links(np.array([0, 1]), np.array([1, 2]), np.array([0.9, 0.8]), 2)
    new = np.full(3, -1, dtype=np.int64)
    assert len(set(components(new, links, days, 3).tolist())) == 1  # transitive without conflicts
    label = components(new, links, days, 3, conflicts=_conflict_of((0, 2))).tolist()
    assert label[0] == label[1] != label[2]  # the weaker link (1, 2) would join 0 and 2
    # an existing event's rows are checked as a whole: 2 conflicts with row 0 of the event {0, 1}
    existing = np.array([0, 0, -1], dtype=np.int64)
    only = Links(np.array([1]), np.array([2]), np.array([0.9]), 1)
    label = components(existing, only, days, 3, conflicts=_conflict_of((0, 2))).tolist()
    assert label[0] == label[1] != label[2]


# --------------------------------------------------------------------------- the evaluation, full shared data
@pytest.mark.slow
def test_event_eval_floors(shared_data: Path, eval_config: Config) -> None:
    from storyline.evaluate.events import evaluate

    result = evaluate(shared_data / "tgcontest_pairs", eval_config)
    # the lockbox (42 ru pairs never used in training or model choice), scored with the shipped model
    assert result["lockbox"]["pairs"] == 42
    assert result["lockbox"]["f1"] >= LOCKBOX_F1_FLOOR
    # the training procedure under nested grouped CV (lockbox left out): events end to end and pairs
    assert result["nested_cv"]["events"]["f1"] >= 0.93  # 0.945
    assert result["nested_cv"]["events"]["per_language"]["ru"]["f1"] >= 0.915  # 0.934
    assert result["nested_cv"]["pairwise"]["f1"] >= 0.935  # 0.951
    low, high = result["nested_cv"]["events"]["interval95"]["f1"]
    assert low < result["nested_cv"]["events"]["f1"] < high
    assert result["seconds"]["total"] < 1800


@pytest.mark.slow  # the procedure ingests the SemEval train split as extra rows (minutes)
def test_event_eval_runs_on_a_small_labelled_set(
    shared_data: Path, tmp_path: Path, eval_config: Config
) -> None:
    """A held-out folder may be small: its cross-validation folds can hold pairs of one class."""
    import json

    from storyline.evaluate.events import evaluate

    source = shared_data / "tgcontest_pairs"
    pairs = (source / "pairs.jsonl").read_text(encoding="utf-8").splitlines()[:8]
    ids = {str(json.loads(p)[k]) for p in pairs for k in ("id1", "id2")}
    articles = [
        line
        for line in (source / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        if str(json.loads(line)["id"]) in ids
    ]
    (tmp_path / "pairs.jsonl").write_text("\n".join(pairs) + "\n", encoding="utf-8")
    (tmp_path / "articles.jsonl").write_text("\n".join(articles) + "\n", encoding="utf-8")
    result = evaluate(tmp_path, eval_config)
    assert result["end_to_end"]["pairs"] == 8
    assert 0.0 <= result["nested_cv"]["events"]["f1"] <= 1.0
    assert 0.0 <= result["nested_cv"]["pairwise"]["f1"] <= 1.0
