"""One Config: defaults, then a TOML file, then environment variables."""

from __future__ import annotations

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
