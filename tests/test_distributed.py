"""The Ray engine's pure parts, without Ray: input shards, the distributed context pass, cutting by time,
reconciling slices, agreement of two runs. (The runs on a Ray runtime: ``test_distributed_ray.py``.)"""

from __future__ import annotations

import dataclasses
import json
import pickle
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from storyline.add import iter_sources
from storyline.clean import clean
from storyline.clean.outlet import ContextCounter, outlet_key
from storyline.config import CleanConfig, Config, IngestConfig
from storyline.distributed.agreement import agreement
from storyline.distributed.partition import ReconcileError, Slice, SliceEvents, cut, reconcile
from storyline.distributed.pipeline import DOC, Context, context_counts, iter_docs, repeated
from storyline.distributed.shards import plan_shards
from storyline.errors import InputProblem
from storyline.ingest import iter_inputs
from storyline.model import Article, Prepared, RawDoc

CFG = IngestConfig()


# ---------------------------------------------------------------- shards
def _jsonl(path: Path, n: int) -> Path:
    lines = []
    for k in range(n):
        if k % 7 == 3:
            lines.append("{not json")
        elif k % 11 == 5:
            lines.append("")
        else:
            lines.append(
                json.dumps({"id": f"a{k}", "text": f"Текст статьи номер {k}. " * 5, "date": "2025-10-24"})
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _items(items: Sequence[RawDoc | InputProblem]) -> list[tuple[str, str, str]]:
    return [(type(x).__name__, x.origin, x.id if isinstance(x, RawDoc) else x.message) for x in items]


def test_shards_of_a_large_jsonl_file_read_as_the_serial_reader_does(tmp_path: Path, seeds_dir: Path) -> None:
    big = _jsonl(tmp_path / "feed.jsonl", 200)
    sources = [seeds_dir, big, {"id": "r1", "text": "Запись из словаря. " * 3}, big]
    shards = list(plan_shards(sources, CFG, shard_bytes=1500))
    assert sum(1 for s in shards if s.path) > 10  # the JSONL file is read as many byte ranges
    assert [s.number for s in shards] == list(range(len(shards)))
    got = list(iter_docs(sources, CFG))
    assert _items(got) == _items(list(iter_sources(sources, Config())))
    assert any(isinstance(x, RawDoc) and x.id == "r1" for x in got)
    bad = [x for x in got if isinstance(x, InputProblem) and "invalid JSON" in x.message]
    assert bad[0].origin == f"{big}:4"  # line numbers count from the file's start, across ranges


# ---------------------------------------------------------------- the context pass
FOOTER = ["Подписывайтесь на наш канал в Telegram", "© 2025 Новости Регионов. Все права защищены"]


def _outlet_docs(seeds_dir: Path) -> list[RawDoc]:
    """The seeds as articles of two outlets, each page carrying its outlet's menu and footer lines."""
    docs = []
    for k, path in enumerate(sorted(seeds_dir.glob("*.txt"))):
        body = path.read_text(encoding="utf-8").split("\n", 1)[1]
        source = "regions.example" if k % 2 else "capital.example"
        menu = ["Главная", "Политика", "Экономика"] if k % 2 else ["Новости", "Регионы"]
        text = "\n".join([*menu, body, *FOOTER])
        docs.append(RawDoc(path.stem, text, str(path), "seed", "2025-10-24", source=source))
    return docs


def _context_of(docs: Sequence[RawDoc], batch: int) -> Context:
    """The distributed context pass without Ray: per-batch keys, summed, kept when repeated."""
    import pickle

    keys, n, stored, what = [], [], [], []
    for i in range(0, len(docs), batch):
        part = docs[i : i + batch]
        out = context_counts(
            {
                "kind": np.array([DOC] * len(part), dtype=object),
                "blob": np.array([pickle.dumps(d) for d in part]),
            },
            None,
        )
        keys.append(out["key"])
        n.append(out["n"])
        stored.append(out["stored"])
        what.append(out["what"])
    k, w = np.concatenate(keys), np.concatenate(what)
    pairs = sorted(set(zip(w.tolist(), k.tolist(), strict=True)))
    sums = {p: 0 for p in pairs}
    for p, c in zip(zip(w.tolist(), k.tolist(), strict=True), np.concatenate(n).tolist(), strict=True):
        sums[p] += c
    agg = {
        "what": np.array([p[0] for p in pairs], np.int8),
        "key": np.array([p[1] for p in pairs], np.int64),
        "sum(n)": np.array([sums[p] for p in pairs], np.int64),
        "max(stored)": np.zeros(len(pairs), np.int64),
    }
    kept = repeated(agg)
    lines = kept["what"] == 0
    return Context(kept["key"][lines], kept["n"][lines])


def _assert_cleans_alike(docs: Sequence[RawDoc], batch: int, config: CleanConfig) -> int:
    counter = ContextCounter()
    for d in docs:
        counter.add(d)
    serial = counter.contexts()
    context = _context_of(docs, batch)
    removed = 0
    for d in docs:
        a = clean(d, config, serial.get(outlet_key(d)))
        b = clean(d, config, context.for_doc(d))
        assert a == b, d.id
        removed += len(d.text.split("\n")) - len(a.text.split("\n"))
    return removed


def test_a_document_cleans_with_its_own_lines_as_with_its_outlet_context(seeds_dir: Path) -> None:
    docs = _outlet_docs(seeds_dir)
    removed = _assert_cleans_alike(docs, batch=2, config=CleanConfig())
    assert removed > 0  # the repeated menus and footers were removed, in both
    one = _context_of(docs, 2).for_doc(docs[0])
    assert max(one.line_docs.values()) == 3  # the footer is in the three capital.example pages


@pytest.mark.data
def test_real_pages_clean_alike_with_the_distributed_context(shared_data: Path) -> None:
    docs: list[RawDoc] = []
    for item in iter_inputs([shared_data / "cleaning"], CFG):
        if isinstance(item, RawDoc):
            docs.append(item)
        if len(docs) >= 200:
            break
    assert len(docs) == 200
    _assert_cleans_alike(docs, batch=17, config=CleanConfig())


# ---------------------------------------------------------------- cutting and reconciling
def _days(first: str, n: int, per_day: int) -> list[tuple[str, int]]:
    from datetime import date, timedelta

    start = date.fromisoformat(first)
    return [((start + timedelta(days=k)).isoformat(), per_day) for k in range(n)]


def test_cut_makes_wide_slices_and_partitions_within_the_batch() -> None:
    slices, partitions = cut(
        _days("2025-01-01", 100, 50), slice_articles=400, partition_articles=2000, window=3
    )
    widths = [(np.datetime64(s.last) - np.datetime64(s.first)).astype(int) + 1 for s in slices]
    assert min(widths) >= 13  # four event windows and a day: disputes at two cuts never meet
    assert sum(s.articles for s in slices) == 5000
    assert all(p.articles <= 2000 for p in partitions)
    assert [n for p in partitions for n in p.slices] == list(range(len(slices)))
    assert slices[1].lo == "2025-01-08" and slices[0].hi == "2025-01-19"  # margins of two windows
    few, _ = cut(_days("2025-01-01", 20, 50), slice_articles=400, partition_articles=2000, window=3)
    assert len(few) == 1  # a last slice narrower than four windows joins the one before


def _slices() -> list[Slice]:
    return [
        Slice(0, "2025-01-01", "2025-01-20", "2024-12-26", "2025-01-26", 0),
        Slice(1, "2025-01-21", "2025-02-10", "2025-01-15", "2025-02-16", 0),
    ]


def _plan(number: int, days: dict[str, str], event: dict[str, str], **kw: frozenset[str]) -> SliceEvents:
    return SliceEvents(number, days, event, kw.get("stored", frozenset()), kw.get("hold", frozenset()))


DAYS = {"x": "2025-01-19", "y": "2025-01-21", "z": "2025-01-22", "w": "2025-01-05", "v": "2025-02-05"}


def test_an_event_both_neighbours_plan_alike_crosses_the_cut_and_belongs_to_the_slice_below() -> None:
    low = _plan(0, {a: DAYS[a] for a in "xyzw"}, {"x": "e1", "y": "e1", "z": "e2", "w": "e0"})
    high = _plan(1, {a: DAYS[a] for a in "xyzv"}, {"x": "e1", "y": "e1", "z": "e2", "v": "e3"})
    d = reconcile(_slices(), {0: low, 1: high})
    assert d.held == set() and d.disputed == 0 and d.crossing == 1
    assert d.owned == {0: {"e0", "e1"}, 1: {"e2", "e3"}}


def test_articles_the_neighbours_planned_differently_wait_with_their_events() -> None:
    low = _plan(0, {a: DAYS[a] for a in "xyzw"}, {"x": "e1", "y": "e1", "z": "e2", "w": "e0"})
    high = _plan(1, {a: DAYS[a] for a in "xyzv"}, {"x": "ex", "y": "e2", "z": "e2", "v": "e3"})
    d = reconcile(_slices(), {0: low, 1: high})
    assert d.held == {"x", "y", "z"}  # y is disputed; its events in either plan bring x and z
    assert d.owned == {0: {"e0"}, 1: {"e3"}}
    every = {"w", "v"} | d.held
    assert every == set(DAYS)  # nothing lost: owned events and held articles cover every article


def test_a_stored_event_two_neighbours_extend_differently_waits() -> None:
    low = _plan(0, {a: DAYS[a] for a in "xw"}, {"x": "s1", "w": "e0"}, stored=frozenset({"s1"}))
    high = _plan(1, {a: DAYS[a] for a in "xyv"}, {"x": "s1", "y": "s1", "v": "e3"}, stored=frozenset({"s1"}))
    d = reconcile(_slices(), {0: low, 1: high})
    assert d.held == {"x", "y"}
    held_by_plan = _plan(1, {a: DAYS[a] for a in "v"}, {"v": "e3"}, hold=frozenset({"v"}))
    assert reconcile(_slices(), {1: held_by_plan}).held == {"v"}


def test_a_dispute_reaching_past_the_window_is_refused() -> None:
    slices = [*_slices(), Slice(2, "2025-02-11", "2025-03-01", "2025-02-05", "2025-03-07", 0)]
    far = {"p": "2025-01-22", "q": "2025-02-08"}  # one event per plan across most of slice 1
    low = _plan(0, {"x": DAYS["x"], "p": far["p"]}, {"x": "e1", "p": "e1"})
    high = _plan(1, {"x": DAYS["x"], "p": far["p"], "q": far["q"]}, {"x": "e9", "p": "e2", "q": "e2"})
    with pytest.raises(ReconcileError):
        reconcile(slices, {0: low, 1: high})


def test_agreement_counts_pairs_and_articles_in_changed_groups() -> None:
    a = {"1": "A", "2": "A", "3": "B", "4": "B", "5": "C"}
    b = {"1": "X", "2": "X", "3": "Y", "4": "Z", "5": "W"}
    got = agreement(a, b)
    assert (got.pairs_a, got.pairs_b, got.pairs_both) == (2, 1, 1)
    assert (got.precision, got.recall, got.differing) == (0.5, 1.0, 2)
    assert agreement(a, dict(a)).f1 == 1.0 and agreement(a, dict(a)).differing == 0
    assert dataclasses.asdict(agreement({}, {}))["articles"] == 0


# ---------------------------------------------------------------- the store's reads for the Ray engine
def _stored(aid: str, published: str | None) -> Prepared:
    raw = RawDoc(aid, "Текст статьи.", f"{aid}.txt", "seed", published)
    article = Article(aid, raw.text, raw.origin, "h-" + aid, published=published)
    return Prepared(article, raw, {"doc": np.full(4, 0.5, np.float32)})


def test_the_store_gives_waiting_articles_by_day(store_url: str) -> None:
    from storyline.store import open_store

    with open_store(store_url) as store:
        store.put_articles(
            [
                _stored("b", "2025-10-24T09:00:00"),
                _stored("a", "2025-10-24"),
                _stored("c", "2025-10-26"),
                _stored("u", None),
                _stored("v", None),
            ]
        )
        assert store.pending_days() == [("2025-10-24", 2), ("2025-10-26", 1), (None, 2)]
        assert store.pending_article_ids_between("2025-10-24", "2025-10-24") == ["a", "b"]
        assert store.pending_article_ids_between("2025-10-25", "2025-10-30") == ["c"]


def test_line_counts_of_an_outlet_known_by_long_first_lines(store_url: str) -> None:
    """An article without a source is keyed by its first lines; PostgreSQL indexes at most ~2.7 kB."""
    from storyline.store import open_store

    key = "layout:" + "очень длинная первая строка страницы " * 60
    item = dataclasses.replace(_stored("long", "2025-10-24"), outlet=key, lines=(5, 2**63 + 7))
    with open_store(store_url) as store:
        store.put_articles([item])
        assert store.outlet_line_counts({key: {5, 2**63 + 7, 9}}) == {key: {5: 1, 2**63 + 7: 1}}


def test_an_id_repeated_within_one_input_is_skipped_after_its_first_copy_as_the_serial_reader_does(
    tmp_path: Path,
) -> None:
    """The serial reader keeps the first copy of an id one input argument repeats; the pipeline finds the
    later copies from the input positions, across the shards of a JSONL file cut into byte ranges."""
    from storyline.distributed.pipeline import later_copies, shard_rows

    rows = [
        {"id": f"a{k}", "text": f"Article {k}. " * 20, "date": f"2025-10-0{1 + k % 9}"} for k in range(12)
    ]
    rows.insert(9, dict(rows[2], text="A later copy of a2. " * 20))
    big = tmp_path / "feed.jsonl"
    big.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    other = tmp_path / "other.jsonl"  # the same id in another input argument is no duplicate
    other.write_text(json.dumps(dict(rows[2], text="Elsewhere. " * 20)) + "\n", encoding="utf-8")
    config = IngestConfig()
    shards = list(plan_shards([big, other], config, shard_bytes=600))
    assert len(shards) >= 3
    table = [r for s in shards for r in shard_rows({"shard": pickle.dumps(s)}, config)]
    batch = {
        k: np.array([r[k] for r in table], dtype=object if k in ("kind", "blob") else np.int64)
        for k in table[0]
    }
    first: dict[int, int] = {}
    for scope, pos in zip(batch["scope"].tolist(), batch["pos"].tolist(), strict=True):
        first[scope] = min(first.get(scope, pos), pos)
    later = later_copies(batch, first)
    origins = [pickle.loads(batch["blob"][i]).origin for i in later]
    serial = [p for p in iter_inputs([big], config) if isinstance(p, InputProblem)]
    serial += [p for p in iter_inputs([other], config) if isinstance(p, InputProblem)]
    assert origins == [p.origin for p in serial] == [f"{big}:10"]


def test_the_lines_of_skipped_copies_are_taken_off_the_context() -> None:
    from storyline.distributed.pipeline import without_later_copies

    keys, totals = np.array([30, 10, 20], np.int64), np.array([2, 3, 5], np.int64)
    got = without_later_copies(keys, totals, np.array([10, 30, 99], np.int64))
    assert got[0].tolist() == [10, 20] and got[1].tolist() == [2, 5]  # 30 is no longer repeated
