"""Every reader on hostile input: no traceback ever; each bad item is one clear problem line naming
the file (and line); good items next to it are still read."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.config import IngestConfig
from storyline.ingest import iter_inputs
from storyline.ingest.files import read_file

from .checks import check_items
from .strategies import any_text, examples, hostile_bytes, hostile_text

pytestmark = pytest.mark.fuzz

CFG = IngestConfig()
GOOD_SEED = " date 2025-10-24 Путин поговорил по телефону с Алиевым.\nРазговор стал продолжением беседы.\n"


@given(data=hostile_bytes, suffix=st.sampled_from([".txt", ".html", ".jsonl", ".md", ""]))
def test_any_file_next_to_a_good_one(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / f"hostile{suffix}").write_bytes(data)
        (folder / "zz_good.txt").write_text(GOOD_SEED, encoding="utf-8")
        docs = check_items(iter_inputs([folder], CFG), str(folder), CFG)
    assert [d.id for d in docs if d.id == "zz_good"] == ["zz_good"]


@settings(max_examples=examples(15))
@given(text=any_text)
def test_seed_text_of_any_size(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed.txt"
        path.write_bytes(f" date 2025-10-24 {text}".encode("utf-8", "surrogatepass"))
        check_items(read_file(path, CFG), str(path), CFG)


date_values = st.one_of(
    st.sampled_from(
        [
            *("1970-01-01", "2025-10-24T10:00:00Z", "0", "99999999999", "2025-02-30", "9999-12-31"),
            *("9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "١٧٦١٣٠٠٠٠٠"),
        ]
    ),
    st.builds(
        lambda moment, offset: moment.isoformat() + offset,
        st.datetimes(),
        st.sampled_from(["", "Z", "+05:00", "-05:00", "+23:59", "+25:00"]),
    ),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(),
)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    hostile_text,
    date_values,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)
FIELDS = ["id", "text", "title", "source", "url", "language", "lang", "published", "date"]
records = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=8),
    st.fixed_dictionaries(
        {"id": hostile_text, "text": any_text},
        optional={k: json_values for k in ("title", "source", "url", "language", "published")},
    ),
    json_values,
)
garbage_lines = st.one_of(
    hostile_text, st.just("[" * 100_000), st.just("1" * 5000), st.just('{"id": "x", "text": ')
)


def _line(value: Any, ascii_only: bool) -> bytes:
    return json.dumps(value, ensure_ascii=ascii_only, allow_nan=True).encode("utf-8", "surrogatepass")


@given(
    lines=st.lists(
        st.one_of(records.map(lambda r: ("json", r)), garbage_lines.map(lambda g: ("raw", g))), max_size=8
    ),
    ascii_only=st.booleans(),
    wide=st.booleans(),
)
def test_jsonl_lines_of_any_kind(lines: list[tuple[str, Any]], ascii_only: bool, wide: bool) -> None:
    good = [{"id": "good-first", "text": "Первый текст."}, {"id": "good-last", "text": "Последний текст."}]
    body = [_line(good[0], ascii_only)]
    for kind, value in lines:
        body.append(_line(value, ascii_only) if kind == "json" else value.encode("utf-8", "surrogatepass"))
    body.append(_line(good[1], ascii_only))
    data = b"\n".join(b.replace(b"\n", b" ") for b in body) + b"\n"
    if wide:
        data = data.decode("utf-8", "surrogatepass").encode("utf-16", "surrogatepass")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_bytes(data)
        docs = check_items(read_file(path, CFG), f"{path}:", CFG)
    ids = [d.id for d in docs]
    assert ids[0] == "good-first" and ids[-1] == "good-last", ids


@given(
    meta=st.fixed_dictionaries({k: json_values for k in ("title", "source", "url", "language")}),
    published=st.one_of(date_values, json_values),
)
def test_jsonl_metadata_of_any_kind(meta: dict[str, Any], published: Any) -> None:
    record = {"id": "m1", "text": "Текст статьи.", **meta, "published": published}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_bytes(_line(record, True) + b"\n")
        docs = check_items(read_file(path, CFG), f"{path}:1", CFG)
    assert [d.id for d in docs] == ["m1"]


@settings(max_examples=examples(30))
@given(title=hostile_text, body=st.lists(any_text, min_size=1, max_size=4), meta=hostile_text)
def test_html_pages(title: str, body: list[str], meta: str) -> None:
    from html import escape

    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body)
    page = (
        f"<!doctype html><html><head><title>{escape(title)}</title>"
        f'<meta property="article:published_time" content="{escape(meta)}">'
        f'<meta property="og:site_name" content="{escape(meta)}"></head>'
        f"<body><article><h1>{escape(title)}</h1>{paragraphs}</article></body></html>"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_bytes(page.encode("utf-8", "surrogatepass"))
        check_items(read_file(path, CFG), str(path), CFG)


def _usable_name(name: str) -> bool:
    if not name or name in (".", "..") or "/" in name or "\x00" in name or name.startswith("."):
        return False
    try:
        return len(os.fsencode(name)) <= 200
    except UnicodeEncodeError:
        return False


file_names = st.one_of(
    hostile_text.filter(_usable_name),
    st.sampled_from(
        ["\udcff\udcfe.txt", "a\nb.txt: skipped: forged", "\x1b[2J.txt", "\u202etxt.exe", " .txt", '"q".txt']
    ),
)


@settings(max_examples=examples(40))
@given(names=st.lists(file_names, min_size=1, max_size=4, unique=True), content=hostile_bytes)
def test_directories_with_hostile_file_names(names: list[str], content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for k, name in enumerate(names):
            try:
                (folder / name).write_bytes(content if k % 2 else GOOD_SEED.encode("utf-8"))
            except OSError:
                pytest.skip(f"the file system refuses the name {name!r}")
        (folder / "zz_good.txt").write_text(GOOD_SEED, encoding="utf-8")
        docs = check_items(iter_inputs([folder], CFG), str(folder), CFG)
    assert "zz_good" in [d.id for d in docs]


def test_the_fuzzers_run_on_this_python() -> None:
    assert sys.version_info >= (3, 11)
