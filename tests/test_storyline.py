"""Stories: seeds end to end, incremental stability of story ids, key rules, linking, bsnlp floors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from conftest import CALL, MEETING, copy_seeds
from storyline.config import Config, StoryConfig
from storyline.engine import Engine
from storyline.evaluate.stories import bcubed, score
from storyline.model import Article
from storyline.stories import EventDoc, link_events, new_story_id
from storyline.stories.keys import name_keys, skeleton, transliterate, word_keys
from storyline.stories.link import _Stories


# ---------------------------------------------------------------- golden: the seeds
def test_seeds_two_events_one_story(seeds_dir: Path, tmp_path: Path) -> None:
    with Engine(tmp_path / "s.db") as engine:
        engine.run([seeds_dir])
        payload = engine.payload()
    assert len(payload["events"]) == 2
    assert len(payload["stories"]) == 1
    story = payload["stories"][0]
    assert {a[:3] for a in story["article_ids"]} == MEETING | CALL
    assert story["first_date"] == "2025-10-09"


def test_story_id_is_stable_when_the_next_event_arrives(seeds_dir: Path, tmp_path: Path) -> None:
    with Engine(tmp_path / "s.db") as engine:
        engine.run([copy_seeds(seeds_dir, MEETING, tmp_path / "a")])
        first = engine.payload()["stories"]
        engine.run([copy_seeds(seeds_dir, CALL, tmp_path / "b")])
        payload = engine.payload()
    assert len(first) == 1
    assert [s["id"] for s in payload["stories"]] == [first[0]["id"]]
    assert len(payload["stories"][0]["event_ids"]) == 2
    assert all(r["kind"] != "story" for r in payload["redirects"])


# ---------------------------------------------------------------- key rules, one line of real text each
def test_skeleton_matches_across_scripts_and_cases() -> None:
    assert skeleton("Брекзит") == skeleton("Brexitu") == skeleton("brexitem") == "prks"
    assert skeleton("Тръмп") == skeleton("Trumpa") == "trmp"
    assert skeleton("Байдън") == skeleton("Bidna")


def test_transliterate_drops_diacritics() -> None:
    assert transliterate("Pákistánský") == "pakistanski"
    assert transliterate("Пакистан") == "pakistan"


def test_name_keys_skip_sentence_starts() -> None:
    line = "Президент России Владимир Путин провел телефонный разговор. Лидеры стран обсудили Душанбе."
    keys = name_keys(line)
    assert "n:" + skeleton("Путин") in keys
    assert "n:" + skeleton("Лидеры") not in keys  # starts a sentence
    assert keys[0] == "n:" + skeleton("России")


def test_word_keys_share_stems_across_languages() -> None:
    assert set(word_keys("koronavirusa")) == set(word_keys("коронавирус")) == {"w:koron"}


# ---------------------------------------------------------------- linking
def _event(eid: str, day: str, text: str, vector: list[float], lang: str = "ru") -> EventDoc:
    article = Article(eid, text, "t", eid, published=day, title=None, language=lang)
    return EventDoc(eid, day, (article,), np.array([vector], dtype=np.float32))


def test_new_event_joins_the_stored_story_of_its_neighbours() -> None:
    text = "Встреча Путина и Алиева в Душанбе, Путин и Алиев обсудили Карабах."
    stored = _event("ev-a", "2025-10-09", text, [1.0, 0.0, 0.0])
    other = _event(
        "ev-b", "2025-10-10", "Футбольный клуб Спартак выиграл у Зенита в Москве.", [0.0, 1.0, 0.0]
    )
    new = _event(
        "ev-c", "2025-10-24", "Путин и Алиев провели телефонный разговор о Карабахе.", [0.9, 0.1, 0.0]
    )
    links = link_events([new], [(stored, "st-old"), (other, "st-other")], StoryConfig())
    assert links.story_of == {"ev-c": "st-old"}
    assert links.merges == ()


def test_unrelated_event_starts_its_own_story() -> None:
    stored = _event("ev-a", "2025-10-09", "Путин и Алиев встретились в Душанбе.", [1.0, 0.0, 0.0])
    new = _event("ev-c", "2025-10-10", "Спартак обыграл Зенит в Москве.", [0.0, 1.0, 0.0])
    links = link_events([new], [(stored, "st-old")], StoryConfig())
    assert links.story_of == {"ev-c": new_story_id("ev-c")}


def test_events_further_apart_than_the_window_do_not_join() -> None:
    text = "Путин и Алиев встретились в Душанбе и обсудили Карабах."
    stored = _event("ev-a", "2024-01-01", text, [1.0, 0.0, 0.0])
    new = _event("ev-c", "2025-10-10", text, [1.0, 0.0, 0.0])
    links = link_events([new], [(stored, "st-old")], replace(StoryConfig(), window_days=60))
    assert links.story_of["ev-c"] != "st-old"


def test_bridging_event_merges_two_alike_stories_into_the_older() -> None:
    text = "Путин и Алиев обсудили Карабах, Баку и Москву в Душанбе."
    a = _event("ev-a", "2025-10-09", text, [1.0, 0.0, 0.0])
    b = _event("ev-b", "2025-10-10", text + " Песков подтвердил.", [0.95, 0.05, 0.0])
    new = _event("ev-c", "2025-10-24", text, [0.97, 0.03, 0.0])
    config = replace(StoryConfig(), merge_min_events=1)
    links = link_events([new], [(a, "st-a"), (b, "st-b")], config)
    assert links.story_of == {"ev-c": "st-a"}
    assert links.merges == (("st-b", "st-a"),)


def test_epoch_date_counts_as_undated() -> None:
    text = "Путин и Алиев встретились в Душанбе и обсудили Карабах."
    stored = _event("ev-a", "1970-01-01", text, [1.0, 0.0, 0.0])  # unix time 0: a missing date
    new = _event("ev-c", "2025-10-10", text, [1.0, 0.0, 0.0])
    links = link_events([new], [(stored, "st-old")], StoryConfig())
    assert links.story_of["ev-c"] == "st-old"


def test_merge_keeps_the_older_story_id() -> None:
    stories = _Stories()
    for s in ("st-old", "st-new", "st-newer"):
        stories.add(s)
    assert stories.union("st-newer", "st-old") == "st-old"
    assert stories.union("st-new", "st-newer") == "st-old"
    assert stories.merges == [("st-newer", "st-old"), ("st-new", "st-old")]


# ---------------------------------------------------------------- metric
def test_bcubed_on_a_small_example() -> None:
    perfect = bcubed(["a", "a", "b"], ["x", "x", "y"])
    assert perfect["bcubed_f1"] == 1.0
    lumped = bcubed(["a", "a", "a"], ["x", "x", "y"])
    assert lumped["bcubed_recall"] == 1.0
    assert lumped["bcubed_precision"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_score_reports_per_language_and_missing_documents() -> None:
    result = score({"1": "s", "2": "s"}, {"1": "t", "2": "t", "3": "u"}, {"1": "ru", "2": "bg", "3": "ru"})
    assert result["without_story"] == 1
    assert set(result["per_language"]) == {"bg", "ru"}
    assert result["bcubed_f1"] == 1.0


# ---------------------------------------------------------------- floors on bsnlp (the real path)
@pytest.mark.slow
def test_bsnlp_story_floors(shared_data: Path) -> None:
    from storyline.evaluate.stories import evaluate

    result = evaluate(shared_data / "bsnlp" / "documents.jsonl", Config())
    assert result["bcubed_f1"] >= FLOOR_ALL
    for lang, floor in FLOOR_LANG.items():
        assert result["per_language"][lang]["bcubed_f1"] >= floor, lang


# measured 0.898 across languages (bg 0.983, cs 0.894, pl 0.923, ru 0.993, sl 0.728, uk 0.959)
FLOOR_ALL = 0.85
FLOOR_LANG = {"bg": 0.96, "cs": 0.86, "pl": 0.9, "ru": 0.93, "sl": 0.67, "uk": 0.86}
