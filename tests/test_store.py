"""Store conformance: every backend behind ``storyline.store.base.Store`` (SQLite and PostgreSQL) passes
the same tests — transactions, articles and their features, the update window, applying plans with
merges and redirects, stale plans refused, stored views and the story list."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from storyline.errors import NotFoundError, StalePlanError, StoreError
from storyline.model import (
    Article,
    Citation,
    Entity,
    Event,
    Prepared,
    Quote,
    RawDoc,
    Signature,
    Story,
    TimelineEntry,
    Topic,
)
from storyline.plan import Plan, StoryRow, TopicRow
from storyline.store import open_store
from storyline.store.base import Store
from storyline.store.sqlite import SQLiteStore


def _prepared(
    aid: str, published: str | None = "2025-10-24", text: str = "Текст статьи.", outlet: str = "x"
) -> Prepared:
    raw = RawDoc(aid, text, f"{aid}.txt", "seed", published)
    article = Article(aid, text, raw.origin, "h-" + aid + str(hash(text) % 1000), published=published)
    sig = Signature(aid, 3, np.arange(8, dtype=np.uint64) + len(aid))
    vectors = {"doc": np.full(4, 0.5, np.float32), "title": np.full(4, 0.25, np.float32)}
    return Prepared(article, raw, vectors, sig, ((0, len(aid)), (1, 7)), outlet, (11, 2**63 + 5))


def _plan(store: Store, **fields: object) -> Plan:
    base = dict(
        generation=store.generation(),
        grouped={},
        duplicate_of={},
        event_merges=(),
        events=(),
        stories=(),
    )
    base.update(fields)
    return Plan(**base)  # type: ignore[arg-type]


def _row(story: Story) -> StoryRow:
    return StoryRow(story, {}, (), np.ones(4, np.float32))


def _grouped(store: Store, *ids: str, event: str) -> dict[str, tuple[str, str]]:
    hashes = store.article_hashes(list(ids))
    return {i: (hashes[i], event) for i in ids}


def test_transaction_rolls_back_everything_on_error(store_url: str) -> None:
    with open_store(store_url) as store:
        with pytest.raises(RuntimeError), store.transaction():  # type: ignore[attr-defined]
            store.put_articles([_prepared("a"), _prepared("b")])
            raise RuntimeError("crash in the middle")
        assert store.count("articles") == 0
        store.put_articles([_prepared("a")])
        assert store.article_hashes(["a", "b"]) == {"a": _prepared("a").article.content_hash}


def test_articles_round_trip_with_their_features(store_url: str) -> None:
    with open_store(store_url) as store:
        store.put_articles([_prepared("a"), _prepared("bb", None)])
        (a,) = store.articles(["a"])
        assert a == _prepared("a").article
        assert store.article_meta(["a", "bb"]) == {"a": ("2025-10-24", None), "bb": (None, None)}
        vec = store.vectors(["a"])["a"]
        assert set(vec) == {"doc", "title"} and np.allclose(vec["doc"], 0.5)
        sig = store.signatures(["bb"])["bb"]
        assert sig.size == 3 and list(sig.hashes) == list(np.arange(8, dtype=np.uint64) + 2)
        assert store.minhash_candidates([(0, 2), (9, 9)]) == {"bb"}
        assert store.minhash_candidates([(1, 7)]) == {"a", "bb"}
        assert store.outlet_line_counts({"x": {11, 2**63 + 5, 99}}) == {"x": {11: 2, 2**63 + 5: 2}}
        assert store.pending_article_ids() == ["a", "bb"]  # dated first, undated last
        assert store.all_article_ids() == ["a", "bb"]


def test_changed_article_keeps_its_arrival_and_waits_again(store_url: str) -> None:
    with open_store(store_url) as store:
        store.put_articles([_prepared("a"), _prepared("b")])
        store.apply(_plan(store, grouped=_grouped(store, "a", "b", event="ev-1")))
        assert store.pending_article_ids() == []
        order = store.article_order(["a", "b"])
        store.put_articles([_prepared("a", text="Новый текст статьи.")])
        assert store.pending_article_ids() == ["a"]
        assert store.article_order(["a"]) == {"a": order["a"]}
        member = store.memberships(["a"])["a"]
        assert (member.event_id, member.grouped) == ("ev-1", False)  # its old event is remembered
        assert store.articles(["a"])[0].text == "Новый текст статьи."
        assert store.article_ids_by_event(["ev-1"]) == {"ev-1": ["b"]}  # only grouped members


def test_plans_apply_whole_merge_and_redirect(store_url: str) -> None:
    story = Story(
        id="st-1",
        event_ids=("ev-1",),
        article_ids=("a", "b", "c"),
        title="Путин поговорил с Алиевым",
        first_date="2025-10-24",
        last_date="2025-10-24",
        timeline=(TimelineEntry("2024-12", "month", "Крушение самолета", ("a",)),),
        summary=(Citation("Путин поговорил с Алиевым.", ("a",)),),
        outlets=("ria.ru",),
        score=12.5,
        topic_id="tp-a",
        rank_reason="1 outlet, 3 articles in the last 7 days",
    )
    other = dataclasses.replace(
        story, id="st-2", event_ids=("ev-2",), article_ids=("b", "c"), topic_id="tp-b"
    )
    with open_store(store_url) as store:
        store.put_articles([_prepared("a"), _prepared("b"), _prepared("c")])
        store.apply(
            _plan(
                store,
                grouped={**_grouped(store, "a", event="ev-1"), **_grouped(store, "b", "c", event="ev-2")},
                duplicate_of={"c": "b"},
                events=(
                    (Event("ev-1", ("a",), "2025-10-24"), "st-1"),
                    (Event("ev-2", ("b", "c"), "2025-10-24"), "st-2"),
                ),
                stories=(_row(dataclasses.replace(story, article_ids=("a",))), _row(other)),
                topics=(
                    TopicRow(Topic("tp-a", ("st-1",), "Путин", articles=1), np.ones(4, np.float32)),
                    TopicRow(Topic("tp-b", ("st-2",), "Алиев", articles=2), np.ones(4, np.float32)),
                ),
                latest_day="2025-10-24",
            )
        )
        assert store.latest_day() == "2025-10-24"
        assert set(store.topic_states()) == {"tp-a", "tp-b"}
        # the second plan merges ev-2 into ev-1, which empties st-2, and tp-b into tp-a
        store.apply(
            _plan(
                store,
                event_merges=(("ev-2", "ev-1"),),
                events=((Event("ev-1", ("a", "b", "c"), "2025-10-24"), "st-1"),),
                stories=(StoryRow(story, {"e-old": ("e-new", "Ильхам Алиев")}, (), np.ones(4, np.float32)),),
                deleted_stories=("st-2",),
                topics=(TopicRow(Topic("tp-a", ("st-1",), "Путин", articles=3), np.ones(4, np.float32)),),
                topic_merges=(("tp-b", "tp-a"),),
            )
        )
        assert store.resolve("ev-2") == "ev-1" and store.resolve("tp-b") == "tp-a"
        assert store.article_ids_by_event(["ev-1"]) == {"ev-1": ["a", "b", "c"]}
        assert store.memberships(["c"])["c"].duplicate_of == "b"
        assert store.copies_of(["b"]) == {"c": "b"}
        assert store.story_event_ids(["st-1", "st-2"]) == {"st-1": ["ev-1"]}
        assert store.events(["ev-1", "ev-2"]) == [(Event("ev-1", ("a", "b", "c"), "2025-10-24"), "st-1")]
        got, entity_map = store.story("st-1")
        assert got == story and entity_map == {"e-old": ("e-new", "Ильхам Алиев")}
        assert store.topic("tp-b").id == "tp-a"  # a merged id gives the survivor
        assert [b.id for b in store.story_briefs(topic="tp-b")] == ["st-1"]
        assert [t.id for t in store.topic_briefs()] == ["tp-a"]
        state = store.story_states(["st-1"])["st-1"]
        assert (state.topic, state.articles) == ("tp-a", 3) and np.allclose(state.centroid, 1.0)
        assert store.redirects(["tp-a"]) == [("tp-b", "tp-a", "topic")]
        assert ("ev-2", "ev-1", "event") in store.redirects()
        # a chain: tp-a merged on into tp-c takes tp-b with it; a new score moves without a new view
        store.apply(
            _plan(
                store,
                topic_merges=(("tp-a", "tp-c"),),
                topics=(TopicRow(Topic("tp-c", ("st-1",), "Путин"), np.ones(4, np.float32)),),
                rescored={"st-1": (3.5, "1 outlet, 3 articles in the last 30 days")},
            )
        )
        assert store.resolve("tp-b") == "tp-c"
        assert store.story("st-1")[0].topic_id == "tp-c"
        assert store.story("st-1")[0].rank_reason.endswith("in the last 30 days")
        with pytest.raises(NotFoundError):
            store.story("st-9")


def test_a_plan_from_an_old_snapshot_is_refused(store_url: str) -> None:
    with open_store(store_url) as store:
        store.put_articles([_prepared("a")])
        stale = _plan(store, grouped=_grouped(store, "a", event="ev-1"))
        store.apply(_plan(store))  # another writer applied a plan first
        with pytest.raises(StalePlanError):
            store.apply(stale)
        assert store.pending_article_ids() == ["a"]  # nothing of the stale plan was written


def test_a_plan_does_not_group_an_article_that_changed_since_its_snapshot(store_url: str) -> None:
    with open_store(store_url) as store:
        store.put_articles([_prepared("a")])
        plan = _plan(store, grouped=_grouped(store, "a", event="ev-1"))
        store.put_articles([_prepared("a", text="Изменённый текст.")])  # changed while the plan was made
        store.apply(plan)
        assert store.pending_article_ids() == ["a"]


def test_the_window_of_an_update(store_url: str) -> None:
    """What an update reads: grouped articles of its days (a date-time on the last day counts), the latest
    undated ones, the story events of a window and the undated or epoch-dated ones."""
    with open_store(store_url) as store:
        days = [("old", "2025-01-02"), ("in", "2025-10-20"), ("late-in-day", "2025-10-24T23:10:00"),
                ("after", "2025-10-25"), ("u1", None), ("u2", None)]  # fmt: skip
        store.put_articles([_prepared(a, d) for a, d in days])
        grouped = {a: (store.article_hashes([a])[a], "ev-" + a) for a, _ in days}
        events = (
            (Event("ev-old", ("old",), "2025-01-02"), "st-a"),
            (Event("ev-in", ("in",), "2025-10-24"), "st-b"),
            (Event("ev-u1", ("u1",), None), "st-c"),
            (Event("ev-epoch", (), "1970-01-01"), "st-d"),
            (Event("ev-loose", (), "2025-10-22"), None),
        )
        store.apply(_plan(store, grouped=grouped, events=events))
        assert store.grouped_article_ids_between("2025-10-20", "2025-10-24") == ["in", "late-in-day"]
        assert store.undated_grouped_article_ids() == ["u1", "u2"]
        assert store.undated_grouped_article_ids(latest=1) == ["u2"]
        assert sorted(store.event_stories_between("2025-10-01", "2025-10-24", "1970-01-01")) == [
            ("ev-epoch", "st-d"),
            ("ev-in", "st-b"),
            ("ev-u1", "st-c"),
        ]
        assert store.event_day_spans(["ev-late-in-day", "ev-u1"]) == {
            "ev-late-in-day": ("2025-10-24", "2025-10-24"),
            "ev-u1": (None, None),
        }


def test_story_list_pages_filters_and_searches(store_url: str) -> None:
    def story(sid: str, title: str, first: str, last: str, score: float) -> Story:
        return Story(sid, ("e",), ("a",), title, first, last, outlets=("o",), score=score)

    stories = [
        story("st-1", "Путин поговорил с Алиевым", "2025-10-09", "2025-10-24", 30.0),
        story("st-2", "Brexit: парламент голосует", "2019-01-10", "2019-03-29", 20.0),
        story("st-3", "ПУТИН в Душанбе", "2025-10-09", "2025-10-09", 10.0),
    ]
    with open_store(store_url) as store:
        store.apply(_plan(store, stories=tuple(_row(s) for s in stories)))
        assert [b.id for b in store.story_briefs(limit=2)] == ["st-1", "st-2"]
        assert [b.id for b in store.story_briefs(limit=2, offset=2)] == ["st-3"]
        assert [b.id for b in store.story_briefs(query="путин")] == ["st-1", "st-3"]  # Cyrillic, any case
        assert [b.id for b in store.story_briefs(since="2025-10-10")] == ["st-1"]
        assert [b.id for b in store.story_briefs(until="2019-12-31")] == ["st-2"]
        (brief,) = store.story_briefs(query="brexit")
        assert (brief.events, brief.articles, brief.outlets, brief.score) == (1, 1, 1, 20.0)
        assert store.story_ids() == ["st-1", "st-2", "st-3"]


def test_reading_sees_one_state(store_url: str) -> None:
    with open_store(store_url) as reader, open_store(store_url) as writer:
        writer.put_articles([_prepared("a")])
        with reader.reading():
            before = reader.count("articles")
            writer.put_articles([_prepared("b")])
            assert reader.count("articles") == before == 1
        assert reader.count("articles") == 2


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        SQLiteStore(path)


def test_unreachable_postgres_is_a_clear_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")


# ---------------------------------------------------------------- the service's indexes (store/index.py)
def _annotated(  # type: ignore[no-untyped-def]
    aid: str, text: str, published: str, entities: tuple[Entity, ...] = (), quotes=(), language: str = "ru"
) -> Prepared:
    p = _prepared(aid, published, text)
    article = dataclasses.replace(
        p.article, language=language, entities=entities, quotes=quotes, title=aid.upper()
    )
    return Prepared(article, p.raw, p.vectors, p.signature, p.bands, p.outlet, p.lines)


def _indexed_store(store: Store) -> None:
    aliev = Entity("Ильхамом Алиевым", "Ильхам Алиев", "PER", 0, 16, "per-aliev")
    surname = Entity("Алиев", "Алиев", "PER", 0, 5, "per-surname")
    store.put_articles(
        [
            _annotated(
                "a",
                "Путин поговорил с Ильхамом Алиевым по телефону.",
                "2025-10-24",
                (aliev,),
                (Quote("Отношения развиваются", "Ильхам Алиев", "per-aliev", 0, 5),),
            ),
            _annotated(
                "b",
                "Алиев заявил, что встреча прошла хорошо.",
                "2025-10-09",
                (surname,),
                (Quote("Встреча прошла хорошо", "Алиев", "per-surname", 0, 5),),
            ),
            _annotated("c", "Manifestantes en Madrid.", "2025-10-09", language="es"),
        ]
    )
    hashes = store.article_hashes(["a", "b", "c"])
    story = Story(
        "st-1",
        ("ev-1",),
        ("a", "b"),
        "Путин и Алиев",
        "2025-10-09",
        "2025-10-24",
        outlets=("РБК", "ТАСС"),
        score=2.0,
    )
    other = Story(
        "st-2", ("ev-2",), ("c",), "Madrid", "2025-10-09", "2025-10-09", outlets=("El País",), score=1.0
    )
    store.apply(
        _plan(
            store,
            grouped={"a": (hashes["a"], "ev-1"), "b": (hashes["b"], "ev-1"), "c": (hashes["c"], "ev-2")},
            events=(
                (Event("ev-1", ("a", "b"), "2025-10-24"), "st-1"),
                (Event("ev-2", ("c",), "2025-10-09"), "st-2"),
            ),
            stories=(
                StoryRow(story, {"per-surname": ("per-aliev", "Ильхам Алиев")}, (), np.ones(4, np.float32)),
                _row(other),
            ),
        )
    )


def test_full_text_search_respects_russian_morphology(store_url: str) -> None:
    with open_store(store_url) as store:
        _indexed_store(store)
        assert {h.article_id for h in store.search("Алиев")} == {"a", "b"}  # «Алиевым» and «Алиев»
        assert [h.article_id for h in store.search("Алиевым телефон")] == ["a"]
        assert [h.article_id for h in store.search("manifestante")] == ["c"]
        assert store.search("nothing-like-this") == [] and store.search("!!!") == []
        assert len(store.search("Алиев", limit=1)) == 1 and len(store.search("Алиев", limit=5, offset=1)) == 1
        store.put_articles([_annotated("a", "Совсем другой текст про погоду.", "2025-10-24")])  # changed
        assert [h.article_id for h in store.search("Алиев")] == ["b"]
        assert [h.article_id for h in store.search("погода")] == ["a"]


def test_entities_facets_and_the_story_log(store_url: str) -> None:
    with open_store(store_url) as store:
        _indexed_store(store)
        entity = store.entity("per-aliev")
        assert entity is not None and (entity.normal, entity.type, entity.stories) == (
            "Ильхам Алиев",
            "PER",
            1,
        )
        assert entity.articles == 2  # "Алиев" alone is Aliyev in this story
        assert [(s.id, n) for s, n in store.entity_stories("per-aliev")] == [("st-1", 2)]
        assert {q.text for q in store.entity_quotes("per-aliev")} == {
            "Отношения развиваются",
            "Встреча прошла хорошо",
        }
        assert [e.id for e in store.find_entities("алиев")] == ["per-aliev"] and store.entity(
            "nobody"
        ) is None
        assert [s.id for s in store.story_page(outlet="ТАСС")] == ["st-1"]
        assert [s.id for s in store.story_page(lang="es")] == ["st-2"]
        assert [s.id for s in store.story_page(entity="per-aliev")] == ["st-1"]
        first = store.story_page(limit=1)
        assert [s.id for s in first] == ["st-1"]
        assert [s.id for s in store.story_page(limit=5, after=(first[0].score, first[0].id))] == ["st-2"]
        assert store.story_summaries(["st-1"]) == {}
        assert store.event_story_ids(["ev-1", "nope"]) == {"ev-1": "st-1"}
        changes = store.story_changes(0)
        assert [(c.generation, c.story_id, c.kind) for c in changes] == [
            (1, "st-1", "created"),
            (1, "st-2", "created"),
        ]
        story = Story("st-1", ("ev-1", "ev-2"), ("a", "b", "c"), "Путин и Алиев", outlets=("РБК",), score=3.0)
        store.apply(_plan(store, deleted_stories=("st-2",), stories=(_row(story),)))
        assert [(c.story_id, c.kind, c.new_id) for c in store.story_changes(1)] == [
            ("st-1", "changed", None),
            ("st-2", "deleted", None),
        ]
        assert [s.id for s in store.story_page(outlet="El País")] == []
        assert store.story_changes(2) == []


def test_an_older_database_gets_its_indexes(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_store(path) as store:
        _indexed_store(store)
        for table in ("article_fts", "article_entities", "story_entities", "story_facets", "story_log"):
            store._execute(f"DELETE FROM {table}")  # type: ignore[attr-defined]
        assert store.search("Алиев") == []
        assert store.index_backlog(batch=2) == 3 and store.index_backlog() == 0
        assert {h.article_id for h in store.search("Алиев")} == {"a", "b"}
        assert [s.id for s in store.story_page(outlet="ТАСС")] == ["st-1"]
        assert store.entity("per-aliev") is not None
