"""One Config: defaults, then a TOML file, then environment variables."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from storyline.config import Config, load
from storyline.errors import ConfigError


def test_defaults_without_file_or_environment() -> None:
    assert load(environ={}) == Config()


def test_file_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("[cluster]\nevent_window_days = 5\n[ingest]\nmax_file_mb = 1.5\n", encoding="utf-8")
    cfg = load(path, environ={"STORYLINE_CLUSTER__EVENT_WINDOW_DAYS": "7", "OTHER": "x"})
    assert cfg.cluster.event_window_days == 7  # environment wins over the file
    assert cfg.ingest.max_file_mb == 1.5
    assert cfg.clean == Config().clean


def test_config_file_from_environment(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('[ingest]\nfallback_encodings = ["cp1251"]\n', encoding="utf-8")
    assert load(environ={"STORYLINE_CONFIG": str(path)}).ingest.fallback_encodings == ("cp1251",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[nope]\nx = 1\n", "unknown section [nope]"),
        ("[cluster]\nevent_window = 1\n", "unknown setting 'event_window'"),
        ("[cluster]\nevent_window_days = 'many'\n", "cannot use 'many'"),
        ("[cluster\n", "invalid TOML"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        load(path, environ={})


def test_missing_config_file() -> None:
    with pytest.raises(ConfigError, match="cannot read config"):
        load("/nonexistent/storyline.toml", environ={})


# ------------------------------------------------------------------ every setting validated (issue 13)
@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[dedup]\nband_rows = 0\n",
            "setting dedup.band_rows = 0: not allowed (allowed: a whole number from 1 to 4096)",
        ),
        (
            "[dedup]\nnum_perm = 0\n",
            "setting dedup.num_perm = 0: not allowed (allowed: a whole number from 2 to 4096)",
        ),
        (
            "[dedup]\nband_rows = 200\n",
            "setting dedup.band_rows = 200: not allowed (at most dedup.num_perm = 128)",
        ),
        (
            "[cluster]\nevent_window_days = 1e9\n",
            "setting cluster.event_window_days = 1000000000: not allowed",
        ),
        (
            "[ingest]\nbatch_size = 0\n",
            "setting ingest.batch_size = 0: not allowed (allowed: a whole number from 1",
        ),
        ("[ingest]\nbatch_size = -5\n", "setting ingest.batch_size = -5: not allowed"),
        (
            "[annotate]\nworkers = -3\n",
            "setting annotate.workers = -3: not allowed (allowed: a whole number from 0 to 1024)",
        ),
        (
            "[views]\nsummary_sentences = -1\n",
            "setting views.summary_sentences = -1: not allowed (allowed: a whole number from 3 to 6)",
        ),
        (
            "[ingest]\nmax_file_mb = -1\n",
            "setting ingest.max_file_mb = -1.0: not allowed (allowed: a finite number from 0.001",
        ),
        (
            "[ingest]\nfallback_encodings = ['cp1251', 'no-such-codec']\n",
            "'no-such-codec' is not a known text encoding",
        ),
        ("[ingest]\nfallback_encodings = ['rot13']\n", "'rot13' is not a known text encoding"),
        ("[cluster]\nevent_min_cosine = nan\n", "setting cluster.event_min_cosine = nan: not allowed"),
        ("[dedup]\njaccard = inf\n", "setting dedup.jaccard = inf: not allowed"),
        ("[cluster]\nevent_window_days = inf\n", "cannot use inf (expected whole number)"),
        ("[cluster]\nevent_window_days = nan\n", "cannot use nan (expected whole number)"),
        ("[cluster]\nevent_window_days = 2.7\n", "cannot use 2.7 (expected whole number)"),
        ("[ingest]\nbatch_size = true\n", "cannot use True (expected whole number)"),
    ],
)
def test_settings_out_of_range_are_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(path, environ={})
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_every_violation_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[ingest]\nbatch_size = 0\n[annotate]\nworkers = -3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(path, environ={"STORYLINE_DEDUP__NUM_PERM": "0"})
    lines = str(caught.value).splitlines()
    assert [line.split(" =")[0] for line in lines] == [
        "setting ingest.batch_size",
        "setting annotate.workers",
        "setting dedup.num_perm",
    ]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("STORYLINE_CLUSTER__EVENT_WINDOW_DAYS", "1e9", "cannot use '1e9' (expected whole number)"),
        ("STORYLINE_DEDUP__JACCARD", "nan", "setting dedup.jaccard = nan: not allowed"),
        ("STORYLINE_INGEST__MAX_LINE_MB", "-inf", "setting ingest.max_line_mb = -inf: not allowed"),
    ],
)
def test_bad_environment_values(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        load(environ={name: value})


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1251"])
def test_config_file_not_in_utf8(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.toml"
    path.write_bytes("# настройки\n[cluster]\nevent_window_days = 5\n".encode(encoding))
    with pytest.raises(ConfigError, match="a config file must be UTF-8 text"):
        load(path, environ={})


def test_every_setting_has_a_declared_range() -> None:
    from storyline.config import ENCODING_LISTS, RANGES

    config = Config()
    for section in dataclasses.fields(config):
        values = getattr(config, section.name)
        for item in dataclasses.fields(values):
            key, value = (section.name, item.name), getattr(values, item.name)
            if isinstance(value, bool | str):
                continue  # their type is all there is to check (config._coerce)
            if isinstance(value, tuple):
                assert key in ENCODING_LISTS, f"{key}: declare how to check its items"
            else:
                assert key in RANGES, f"{key}: declare its range in config.RANGES"
    assert set(RANGES) <= {
        (s.name, f.name)
        for s in dataclasses.fields(config)
        for f in dataclasses.fields(getattr(config, s.name))
    }


def test_defaults_are_inside_their_ranges() -> None:
    from storyline.config import violations

    assert violations(Config()) == []


def test_cli_prints_each_bad_setting_on_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storyline.cli import main

    path = tmp_path / "bad\n.toml"
    path.write_text("[ingest]\nbatch_size = 0\n[dedup]\nnum_perm = 0\n", encoding="utf-8")
    assert main(["--config", str(path), "stories", "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(line.startswith("storyline: error: setting ") for line in err)


def test_choice_settings_name_their_choices(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[annotate]\nexecutor = "threads"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="allowed: process, serial"):
        load(path, environ={})
