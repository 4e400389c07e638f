"""The command line as a user runs it (subprocesses for what users see; main() for exit codes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.cli import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, main


def _cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def seeds_run(
    tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    work = tmp_path_factory.mktemp("run")
    return work, _cli("run", str(seeds_dir), "--json", "-", cwd=work)


def test_json_to_stdout_and_nothing_else(seeds_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    work, proc = seeds_run
    assert proc.returncode == EXIT_OK, proc.stderr
    payload = json.loads(proc.stdout)  # the whole stdout is one JSON document
    assert set(payload) >= {"articles", "events", "stories"}
    assert not (work / "out").exists()  # with --json - no files unless --out is given
    assert (work / "storyline.db").exists()


def test_seeds_make_two_events_in_one_story(seeds_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    payload = json.loads(seeds_run[1].stdout)
    events = {frozenset(a[:3] for a in e["article_ids"]) for e in payload["events"]}
    assert events == {frozenset({"002", "004"}), frozenset({"000", "001", "003"})}
    (story,) = payload["stories"]
    assert len(story["event_ids"]) == 2 and story["title"]
    assert all(e["title"] for e in payload["events"])


def test_articles_carry_clean_text_and_keys(seeds_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    payload = json.loads(seeds_run[1].stdout)
    keys = {"id", "published", "title", "source", "language", "text", "event_id", "duplicate_of"}
    for article in payload["articles"]:
        assert keys <= set(article)
        assert "Перейти к основному контенту" not in article["text"]
        assert "Фото:" not in article["text"]
        assert article["language"] == "ru"
    by_id = {a["id"][:3]: a for a in payload["articles"]}
    assert by_id["001"]["title"] == "Путин поговорил по телефону с Алиевым"


def test_run_writes_the_three_outputs_and_lists_stories(tmp_path: Path, seeds_dir: Path) -> None:
    proc = _cli("run", str(seeds_dir), "--quiet", cwd=tmp_path)
    assert proc.returncode == EXIT_OK, proc.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "stories", "stories.json", "stories.md"]
    assert len(list((out / "stories").glob("*.html"))) == 1  # a page per story
    assert json.loads((out / "stories.json").read_text(encoding="utf-8"))["stories"]
    listing = _cli("stories", cwd=tmp_path)
    assert listing.returncode == EXIT_OK
    assert "2025-10-09" in listing.stdout and "2025-10-24" in listing.stdout
    story_id = json.loads(_cli("stories", "--json", cwd=tmp_path).stdout)[0]["id"]
    shown = _cli("story", story_id, cwd=tmp_path)
    assert shown.returncode == EXIT_OK
    assert "Timeline" in shown.stdout and "Articles" in shown.stdout


def test_skipped_input_gives_exit_code_3_and_one_line_each(tmp_path: Path, seeds_dir: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text(
        (seeds_dir / "003_3920a5c83978459e.txt").read_text(encoding="utf-8"), "utf-8"
    )
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "bad.jsonl").write_text('{"id": "j1", "text": "Хороший текст."}\n{oops\n', encoding="utf-8")
    proc = _cli("run", str(inbox), "--quiet", "--json", "-", cwd=tmp_path)
    assert proc.returncode == EXIT_PARTIAL
    assert f"{inbox / 'empty.txt'}: skipped: empty file" in proc.stderr
    assert f"{inbox / 'bad.jsonl'}:2: skipped: invalid JSON" in proc.stderr
    ids = {a["id"] for a in json.loads(proc.stdout)["articles"]}
    assert ids == {"a", "j1"}


def test_errors_are_one_line_with_exit_code_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--db", str(tmp_path / "none.db")]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("storyline: error:") and err.count("\n") == 1
    bad = tmp_path / "bad.toml"
    bad.write_text("[cluster]\nno_such_setting = 1\n", encoding="utf-8")
    assert main(["--config", str(bad), "stories"]) == EXIT_ERROR
    assert "unknown setting 'no_such_setting'" in capsys.readouterr().err


@pytest.mark.parametrize("command", [[], ["run"], ["stories"], ["story"], ["eval"]])
def test_every_command_has_help_with_an_example(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    assert "example" in capsys.readouterr().out
