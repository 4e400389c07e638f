"""``storyline watch DIR``: files are read once they have settled (never half-written), names used while
writing are skipped, and nothing is lost or read twice across a restart — after a clean stop, after a crash
between the commit and the state write, and after kill -9 of the running command."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.engine import Engine
from storyline.ingest.watch import STATE_NAME, Watcher

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


def _seeds() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def _ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(r[0] for r in conn.execute("SELECT id FROM articles"))


def _ids_so_far(db: Path) -> list[str]:
    """The ids, or none while another process is still creating the database."""
    try:
        return _ids(db) if db.exists() else []
    except sqlite3.OperationalError:
        return []


def test_a_file_is_read_only_once_it_has_settled(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    first, second = _seeds()[:2]
    with Engine(tmp_path / "w.db") as engine:
        watcher = Watcher(engine, inbox, settle=0.0)
        text = first.read_text(encoding="utf-8")
        target = inbox / first.name
        target.write_text(text[: len(text) // 3], encoding="utf-8")  # a scraper still writing
        assert watcher.scan() == []  # first sight: not read
        with target.open("a", encoding="utf-8") as f:
            f.write(text[len(text) // 3 :])
        assert watcher.scan() == []  # it changed since the last scan: still not read
        (inbox / (second.name + ".part")).write_text(second.read_text(encoding="utf-8"), encoding="utf-8")
        (inbox / ".hidden.txt").write_text("x", encoding="utf-8")
        assert watcher.scan() == [target]  # settled; the .part and hidden files are never read
        (article,) = engine.store.articles([first.stem])
        assert article.text.strip()[-20:] in text  # the whole file, not the third written first
        assert engine.store.pending_article_ids() == []  # grouped right away
        (inbox / (second.name + ".part")).rename(inbox / second.name)  # the writer is done
        assert watcher.scan() == [] and watcher.scan() == [inbox / second.name]
        assert watcher.report.files == 2 and watcher.report.added == 2


def test_nothing_is_lost_or_read_again_across_restarts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    db = tmp_path / "w.db"
    seeds = _seeds()
    for path in seeds[:2]:
        shutil.copy(path, inbox / path.name)
    with Engine(db) as engine:
        Watcher(engine, inbox, settle=0.0).run(0.0, max_scans=2)
    assert (inbox / STATE_NAME).exists()
    shutil.copy(seeds[2], inbox / seeds[2].name)
    with Engine(db) as engine:  # restart: only the new file is read
        again = Watcher(engine, inbox, settle=0.0)
        again.run(0.0, max_scans=2)
        assert again.report.files == 1 and again.report.added == 1
    # a crash after the commit, before the state is written: the next run reads the file again, unchanged
    shutil.copy(seeds[3], inbox / seeds[3].name)

    def crash(self: Watcher) -> None:
        raise KeyboardInterrupt

    with Engine(db) as engine:
        monkeypatch.setattr(Watcher, "_save", crash)
        with pytest.raises(KeyboardInterrupt):
            Watcher(engine, inbox, settle=0.0).run(0.0, max_scans=2)
    monkeypatch.undo()
    with Engine(db) as engine:
        after = Watcher(engine, inbox, settle=0.0)
        after.run(0.0, max_scans=2)
        assert after.report.files == 1 and after.report.unchanged == 1 and after.report.added == 0
        assert engine.store.pending_article_ids() == []
    assert _ids(db) == sorted(p.stem for p in seeds[:4])


def test_the_command_survives_kill_9(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    db = tmp_path / "w.db"
    seeds = _seeds()
    shutil.copy(seeds[0], inbox / seeds[0].name)
    cmd = [sys.executable, "-m", "storyline.cli", "watch", str(inbox), "--db", str(db), "--interval", "0.2"]
    proc = subprocess.Popen([*cmd, "--settle", "0"], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not _ids_so_far(db):
            time.sleep(0.2)
        assert _ids_so_far(db) == [seeds[0].stem], "the watcher did not ingest the first file"
        for path in seeds[1:]:  # more files arrive; the process is killed while it may be reading them
            shutil.copy(path, inbox / path.name)
        time.sleep(0.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
    assert main(["watch", str(inbox), "--db", str(db), "--once"]) == 0  # the restart completes the work
    assert _ids(db) == sorted(p.stem for p in seeds)
    with Engine(db) as engine:
        assert engine.store.pending_article_ids() == []
        (story,) = engine.stories()
        assert story.events == 2 and story.articles == 5


def test_the_command_says_what_is_wrong(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["watch", str(tmp_path / "missing"), "--db", str(tmp_path / "w.db"), "--once"]) == 1
    assert "no such folder" in capsys.readouterr().err
