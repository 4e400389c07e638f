"""SQLite store: transactions roll back whole, merged ids redirect, views round-trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import NotFoundError, StoreError
from storyline.model import Article, Citation, Event, RawDoc, Story, TimelineEntry
from storyline.store.sqlite import SQLiteStore


def _article(aid: str) -> tuple[Article, RawDoc]:
    raw = RawDoc(aid, "Текст статьи.", f"{aid}.txt", "seed", "2025-10-24")
    return Article(aid, "Текст статьи.", raw.origin, "h-" + aid, published="2025-10-24"), raw


def test_transaction_rolls_back_everything_on_error(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.put_article(*_article("a"))
            store.put_article(*_article("b"))
            raise RuntimeError("crash in the middle")
        assert store.count("articles") == 0
        with store.transaction():
            store.put_article(*_article("a"))
        assert store.article_hashes(["a", "b"]) == {"a": "h-a"}


def test_views_round_trip_and_redirect_chains(tmp_path: Path) -> None:
    story = Story(
        id="st-1",
        event_ids=("ev-1",),
        article_ids=("a",),
        title="Заголовок",
        timeline=(TimelineEntry("2024-12", "month", "Крушение самолета", ("a",)),),
        summary=(Citation("Путин поговорил с Алиевым.", ("a",)),),
    )
    with SQLiteStore(tmp_path / "s.db") as store:
        with store.transaction():
            store.put_event(Event("ev-1", ("a",), "2025-10-24", "Разговор"), "st-1")
            store.put_story(story)
            store.redirect("st-0", "st-1", "story")
            store.redirect("st-1", "st-2", "story")  # st-0 now also resolves to st-2
        assert store.resolve("st-0") == "st-2"
        assert store.events() == [Event("ev-1", ("a",), "2025-10-24", "Разговор")]
        with store.transaction():
            store.put_story(Story(id="st-2", event_ids=("ev-1",), article_ids=("a",)))
        assert store.story("st-0").id == "st-2"
        with pytest.raises(NotFoundError):
            store.story("st-9")


def test_round_trip_of_nested_story(tmp_path: Path) -> None:
    story = Story(
        id="st-1",
        event_ids=("ev-1",),
        article_ids=("a",),
        title="T",
        timeline=(TimelineEntry("2024-12", "month", "Крушение самолета", ("a",)),),
    )
    with SQLiteStore(tmp_path / "s.db") as store:
        with store.transaction():
            store.put_story(story)
        assert store.story("st-1") == story


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        SQLiteStore(path)


def _dated(aid: str, published: str | None) -> tuple[Article, RawDoc]:
    raw = RawDoc(aid, "Текст статьи.", f"{aid}.txt", "seed", published)
    return Article(aid, "Текст статьи.", raw.origin, "h-" + aid, published=published), raw


def test_neighbour_queries_read_only_the_window(tmp_path: Path) -> None:
    """What an incremental update reads: articles and story events of its time window (a date-time
    on the last day counts), the latest undated ones, and memberships of the ids it asks for."""
    with SQLiteStore(tmp_path / "s.db") as store:
        with store.transaction():
            for aid, published in [
                ("old", "2025-01-02"),
                ("in", "2025-10-20"),
                ("late-in-day", "2025-10-24T23:10:00"),
                ("after", "2025-10-25"),
                ("u1", None),
                ("u2", None),
            ]:
                store.put_article(*_dated(aid, published))
                store.assign(aid, "ev-" + aid)
            store.set_duplicate_of("in", "old")
            for eid, day, story in [
                ("ev-old", "2025-01-02", "st-a"),
                ("ev-in", "2025-10-24", "st-b"),
                ("ev-u", None, "st-c"),
                ("ev-epoch", "1970-01-01", "st-d"),
                ("ev-loose", "2025-10-22", None),
            ]:
                store.put_event(Event(eid, (), day), story)
        assert store.article_ids_between("2025-10-20", "2025-10-24") == ["in", "late-in-day"]
        assert store.undated_grouped_article_ids() == ["u1", "u2"]
        assert store.undated_grouped_article_ids(latest=1) == ["u2"]
        assert sorted(store.event_stories_between("2025-10-01", "2025-10-24", "1970-01-01")) == [
            ("ev-epoch", "st-d"),
            ("ev-in", "st-b"),
            ("ev-u", "st-c"),
        ]
        assert store.memberships(["in", "nope"]) == {"in": ("ev-in", "old")}
        assert store.duplicate_links() == {"in": "old"}
