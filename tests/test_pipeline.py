"""End to end through the engine: storage, re-runs, stable ids, interrupted ingest."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.components import Preparer
from storyline.config import Config
from storyline.engine import Engine


def _small_batches(config: Config) -> Config:
    return dataclasses.replace(config, ingest=dataclasses.replace(config.ingest, batch_size=2))


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def test_rerun_stores_each_article_once_and_keeps_ids(
    store_url: str, seeds_dir: Path, config: Config
) -> None:
    db = store_url
    with Engine(db, config) as engine:
        first, _ = engine.run([seeds_dir])
        before = engine.payload()
    with Engine(db, config) as engine:
        again, update = engine.run([seeds_dir, seeds_dir / "000_2d04105a0bb37014.txt"])
        after = engine.payload()
    assert (first.added, first.unchanged) == (5, 0)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 6)
    assert update.grouped == 0
    assert len(after["articles"]) == 5
    assert [e["id"] for e in after["events"]] == [e["id"] for e in before["events"]]
    assert [s["id"] for s in after["stories"]] == [s["id"] for s in before["stories"]]


def test_changed_article_keeps_its_id_and_is_regrouped(
    tmp_path: Path, seeds_dir: Path, config: Config, store_url: str
) -> None:
    db = store_url
    inbox = tmp_path / "in"
    inbox.mkdir()
    for f in seeds_dir.iterdir():
        (inbox / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    with Engine(db, config) as engine:
        engine.run([inbox])
    target = inbox / "003_3920a5c83978459e.txt"
    target.write_text(
        target.read_text(encoding="utf-8") + "\n\nДобавлен новый абзац о разговоре.", encoding="utf-8"
    )
    with Engine(db, config) as engine:
        report, update = engine.run([inbox])
        payload = engine.payload()
    assert (report.changed, report.unchanged) == (1, 4)
    assert update.grouped == 1
    article = next(a for a in payload["articles"] if a["id"] == "003_3920a5c83978459e")
    assert article["text"].endswith("Добавлен новый абзац о разговоре.")
    assert article["event_id"] is not None


def test_interrupted_ingest_leaves_a_consistent_db_and_rerun_completes(
    tmp_path: Path, seeds_dir: Path, config: Config
) -> None:
    db = tmp_path / "s.db"
    cfg = _small_batches(config)
    real = Preparer.from_config(cfg)
    calls = {"n": 0}

    def flaky(items):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:  # while the second batch is prepared
            raise KeyboardInterrupt
        return real(items)

    with Engine(db, cfg, preparer=flaky) as engine, pytest.raises(KeyboardInterrupt):  # type: ignore[arg-type]
        engine.run([seeds_dir])
    assert _integrity(db) == "ok"
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT COUNT(*), SUM(state) FROM articles").fetchone()
        events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert stored == (2, 0)  # the first batch is committed, the second rolled back, nothing grouped yet
    assert events == 0

    with Engine(db, cfg) as engine:
        report, update = engine.run([seeds_dir])
        payload = engine.payload()
    assert (report.added, report.unchanged) == (3, 2)
    assert update.grouped == 5
    assert all(a["event_id"] for a in payload["articles"])


def _feed(path: Path, seeds_dir: Path, copies: int) -> None:
    """A JSONL feed of distinct articles built from the seeds (each copy its own id and a distinct line)."""
    texts = [f.read_text(encoding="utf-8").split("\n", 1)[1] for f in sorted(seeds_dir.iterdir())]
    with path.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for n, text in enumerate(texts):
                day = "2025-10-09" if n in (2, 4) else "2025-10-24"
                record = {"id": f"c{k}-{n}", "published": day, "text": f"{text}\n\nВыпуск номер {k}."}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "crash"])
def test_real_interrupt_of_the_cli_then_rerun(tmp_path: Path, seeds_dir: Path, sig: signal.Signals) -> None:
    feed = tmp_path / "feed.jsonl"
    _feed(feed, seeds_dir, copies=16)  # 80 articles
    db = tmp_path / "s.db"
    env = {**os.environ, "STORYLINE_INGEST__BATCH_SIZE": "4", "STORYLINE_ANNOTATE__WORKERS": "1"}
    cmd = [
        sys.executable,
        "-m",
        "storyline.cli",
        "run",
        str(feed),
        "--db",
        str(db),
        "--out",
        str(tmp_path / "o"),
        "--quiet",
    ]
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # a suite started in the background (`make test &`, nohup) ignores SIGINT, and the CLI would
        # inherit that; Ctrl-C in a terminal reaches a process with the default disposition
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 8:
                break
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert "interrupted" in err
    assert _integrity(db) == "ok"
    with sqlite3.connect(db) as conn:
        partial = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 8 <= partial < 80

    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        total, grouped = conn.execute("SELECT COUNT(*), SUM(state) FROM articles").fetchone()
    assert (total, grouped) == (80, 80)


def test_story_articles_share_entity_ids_in_the_payload(tmp_path: Path, config: Config) -> None:
    """A surname alone in one article takes the id (and, as a speaker, the name) of the full name in
    another article of the story."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text(
        " date 2025-10-24 Пресс-секретарь президента Дмитрий Песков в ходе брифинга анонсировал "
        "международный телефонный разговор российского президента Владимира Путина с Ильхамом Алиевым.",
        encoding="utf-8",
    )
    (inbox / "b.txt").write_text(
        " date 2025-10-24 Путин и Алиев провели телефонный разговор во второй половине дня.\n\n"
        "«Разговор был конструктивным», — сказал Песков журналистам после телефонного разговора "
        "Путина и Алиева.",
        encoding="utf-8",
    )
    with Engine(tmp_path / "s.db", config) as engine:
        engine.run([inbox])
        payload = engine.payload()
    assert len(payload["stories"]) == 1
    peskov = {
        (a["id"], e["normal"]): e["entity_id"]
        for a in payload["articles"]
        for e in a["entities"]
        if "Песков" in e["normal"]
    }
    assert peskov[("a", "Дмитрий Песков")] == peskov[("b", "Песков")]
    (quote,) = [q for a in payload["articles"] for q in a["quotes"] if a["id"] == "b"]
    assert quote["speaker"] == "Дмитрий Песков"
    assert quote["speaker_entity_id"] == peskov[("a", "Дмитрий Песков")]


def test_prepare_cache_gives_the_same_database_and_prepares_each_article_once(
    tmp_path: Path, seeds_dir: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = dataclasses.replace(config.annotate, cache_dir=str(tmp_path / "c"))
    cfg = dataclasses.replace(config, annotate=cached)
    assert Preparer.from_config(cfg).cache is not None
    prepared: list[str] = []
    original = Preparer._prepare

    def counting(self: Preparer, items):  # type: ignore[no-untyped-def]
        prepared.extend(doc.id for doc, _ in items)
        return original(self, items)

    monkeypatch.setattr(Preparer, "_prepare", counting)
    payloads = []
    for k in range(2):
        with Engine(tmp_path / f"{k}.db", cfg) as engine:
            engine.run([seeds_dir])
            payloads.append(engine.payload())
    assert len(prepared) == 5  # the second database was filled from the cache
    assert len(list((tmp_path / "c").rglob("*.pkl"))) == 5
    assert payloads[0]["articles"] == payloads[1]["articles"]
    events = [[e["article_ids"] for e in p["events"]] for p in payloads]
    assert events[0] == events[1]
    # a changed text is a miss: prepared again and kept beside the old entry
    first = sorted(seeds_dir.iterdir())[0]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / first.name).write_text(first.read_text(encoding="utf-8") + "\n\nНовый абзац.", encoding="utf-8")
    with Engine(tmp_path / "2.db", cfg) as engine:
        engine.run([inbox])
    assert len(prepared) == 6 and len(list((tmp_path / "c").rglob("*.pkl"))) == 6


def test_an_input_added_in_two_halves_cleans_like_one_run(
    tmp_path: Path, config: Config, store_url: str
) -> None:
    """The outlet context (whole lines and line heads) is kept in the store: a standing line of the
    outlet whose last words change (not a notice by its wording) is dropped from the later half as
    from one run."""
    topics = [
        "el terreno en Yemen.",
        "la frontera con Egipto.",
        "El Cairo y Alejandría.",
        "Saná.",
        "Damasco.",
    ]
    bodies = [
        "Miles de manifestantes se reunieron el viernes en la plaza central para pedir reformas.",
        "La policía dispersó a los manifestantes con gases lacrimógenos frente al edificio del parlamento.",
        "El gobierno anunció nuevas elecciones para el próximo mes tras semanas de protestas en las calles.",
        "Los blogueros publicaron fotografías de la marcha, que recorrió varios barrios de la ciudad.",
        "Activistas denunciaron la detención de decenas de estudiantes durante la noche del martes.",
    ]
    records = [
        {
            "id": f"gv{i}",
            "text": f"{body}\n\nNuestro corresponsal en la región sigue los acontecimientos desde {topic}",
            "source": "globalvoices.org",
        }
        for i, (topic, body) in enumerate(zip(topics, bodies, strict=True))
    ]
    with Engine(store_url, config) as engine:
        engine.add(records)
        whole = {a.id: a.text for a in engine.store.articles([r["id"] for r in records])}
    halves = str(tmp_path / "halves.db")
    with Engine(halves, config) as engine:
        engine.add(records[:2])
    with Engine(halves, config) as engine:
        engine.add(records[2:])
        later = {a.id: a.text for a in engine.store.articles([r["id"] for r in records[2:]])}
    assert all("Nuestro corresponsal" not in text for text in whole.values())
    assert later == {k: whole[k] for k in later}
