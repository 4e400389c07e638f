"""The config loader on any file and any environment: a Config whose every setting is in its range,
or one ConfigError; never a traceback."""

from __future__ import annotations

import dataclasses
import json
import math
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.config import Config, load, violations
from storyline.errors import ConfigError

from .strategies import hostile_bytes, hostile_text

pytestmark = pytest.mark.fuzz

SECTIONS = {
    f.name: [g.name for g in dataclasses.fields(getattr(Config(), f.name))]
    for f in dataclasses.fields(Config())
}
KEYS = sorted({key for keys in SECTIONS.values() for key in keys})

toml_scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),  # nan and inf included
    st.booleans(),
    hostile_text,
    st.sampled_from(["cp1251", "koi8-r", "utf-16", "rot13", "no-such-codec", ""]),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=2),
    max_leaves=6,
)
names = st.one_of(st.sampled_from(list(SECTIONS)), hostile_text)
keys = st.one_of(st.sampled_from(KEYS), hostile_text)
tables = st.dictionaries(
    names, st.one_of(st.dictionaries(keys, toml_values, max_size=4), toml_scalars), max_size=4
)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return (
            ("nan" if math.isnan(value) else ("inf" if value > 0 else "-inf"))
            if not math.isfinite(value)
            else repr(value)
        )
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)  # "\ud800" escapes are invalid TOML: that is a case too
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def to_toml(data: dict[str, Any]) -> str:
    lines = []
    for name, body in data.items():
        if isinstance(body, dict):
            lines.append(f"[{json.dumps(name)}]")
            lines += [f"{json.dumps(k)} = {toml_value(v)}" for k, v in body.items()]
        else:
            lines.insert(0, f"{json.dumps(name)} = {toml_value(body)}")
    return "\n".join(lines) + "\n"


def _load_file(data: bytes, environ: dict[str, str] | None = None) -> Config | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "storyline.toml"
        path.write_bytes(data)
        try:
            config = load(path, environ=environ or {})
        except ConfigError as exc:
            assert str(exc).strip()
            return None
    assert violations(config) == []
    return config


@given(data=tables)
def test_any_toml_file(data: dict[str, Any]) -> None:
    _load_file(to_toml(data).encode("utf-8", "surrogatepass"))


@given(data=hostile_bytes)
def test_any_bytes_as_a_config_file(data: bytes) -> None:
    _load_file(data)


env_names = st.one_of(
    st.builds(
        lambda s, k: f"STORYLINE_{s.upper()}__{k.upper()}",
        st.sampled_from(list(SECTIONS)),
        st.sampled_from(KEYS),
    ),
    hostile_text.map(lambda s: "STORYLINE_" + s),
)
env_values = st.one_of(
    hostile_text,
    st.sampled_from(["nan", "inf", "-inf", "1e9", "-5", "0", "2.7", "true", "cp1251,rot13", "", " 3 "]),
    st.integers().map(str),
    st.floats().map(str),
)


@given(environ=st.dictionaries(env_names, env_values, max_size=4))
def test_any_environment(environ: dict[str, str]) -> None:
    try:
        config = load(environ=environ)
    except ConfigError as exc:
        assert str(exc).strip()
        return
    assert violations(config) == []
