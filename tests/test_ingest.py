"""Readers and bad input: every problem is one clear line naming the file (and line); the rest goes on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from storyline.config import IngestConfig
from storyline.errors import InputProblem
from storyline.ingest import read_paths
from storyline.ingest.dates import normalize_published
from storyline.ingest.seed import parse_seed
from storyline.model import RawDoc

CFG = IngestConfig()
SEED_TEXT = (
    " date 2025-10-24 Президент России Владимир Путин поговорил по телефону с главой Азербайджана "
    "Ильхамом Алиевым, сообщила пресс-служба Кремля 24 октября.\n\nРазговор стал продолжением беседы."
)


def _one(problems: list[InputProblem], fragment: str) -> InputProblem:
    found = [p for p in problems if fragment in p.message]
    assert len(found) == 1, problems
    return found[0]


def test_seed_header_with_text_on_the_same_line(seeds_dir: Path) -> None:
    docs, problems = read_paths([seeds_dir / "003_3920a5c83978459e.txt"], CFG)
    assert problems == []
    (doc,) = docs
    assert doc.id == "003_3920a5c83978459e"
    assert doc.published == "2025-10-24"
    assert doc.text.startswith("Президент России Владимир Путин поговорил по телефону")


def test_seed_header_followed_by_two_spaces(seeds_dir: Path) -> None:
    (doc,), _ = read_paths([seeds_dir / "000_2d04105a0bb37014.txt"], CFG)
    assert doc.text.split("\n", 1)[0] == "Перейти к основному контенту"


def test_directory_of_seeds_reads_all_five_in_order(seeds_dir: Path) -> None:
    docs, problems = read_paths([seeds_dir], CFG)
    assert [d.id[:3] for d in docs] == ["000", "001", "002", "003", "004"]
    assert problems == []
    assert {d.published for d in docs} == {"2025-10-09", "2025-10-24"}


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": "Первый текст.",
                "title": "Заголовок",
                "published": "2025-10-24T10:00:00Z",
                "source": "ТАСС",
                "lang": "ru",
            },
            ensure_ascii=False,
        ),
        "{not json",
        json.dumps({"text": "без id"}, ensure_ascii=False),
        json.dumps({"id": "a3", "text": "  "}),
        "[1, 2]",
        "",
        json.dumps({"id": 7, "text": "Числовой id.", "date": "2025-10-09"}, ensure_ascii=False),
        json.dumps({"id": "a8", "text": "Плохая дата.", "published": "вчера"}, ensure_ascii=False),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = read_paths([path], CFG)
    assert [d.id for d in docs] == ["a1", "7", "a8"]
    first = docs[0]
    assert (first.title, first.source, first.language) == ("Заголовок", "ТАСС", "ru")
    assert first.published == "2025-10-24T10:00:00"
    assert docs[1].published == "2025-10-09"
    assert docs[2].published is None
    assert _one(problems, "invalid JSON").origin == f"{path}:2"
    assert _one(problems, "missing or empty 'id'").origin == f"{path}:3"
    assert _one(problems, "missing or empty 'text'").origin == f"{path}:4"
    assert _one(problems, "must be a JSON object").origin == f"{path}:5"
    bad_date = _one(problems, "cannot read date")
    assert bad_date.origin == f"{path}:8" and not bad_date.skipped


def test_html_page_via_trafilatura(tmp_path: Path) -> None:
    body = "".join(
        f"<p>{p}</p>"
        for p in [
            "Президент России Владимир Путин и лидер Азербайджана Ильхам Алиев встретились 9 октября "
            "в Душанбе. Переговоры в столице Таджикистана продлились более полутора часов.",
            "Встреча Путина и Алиева в правительственной резиденции Кохи Сомон началась с неформальной "
            "беседы и обмена рукопожатиями на фоне государственных флагов России и Азербайджана.",
            "Алиев поблагодарил коллегу за объективное расследование причин крушения самолета.",
        ]
    )
    page = (
        "<!doctype html><html><head><title>Путин и Алиев встретились в Душанбе</title>"
        '<meta property="article:published_time" content="2025-10-09T12:00:00+03:00">'
        '<meta property="og:site_name" content="NEWS.ru"></head><body>'
        "<nav><a href='/'>Главная</a> <a href='/p'>Политика</a></nav>"
        f"<article><h1>Путин и Алиев встретились в Душанбе</h1>{body}</article>"
        "<footer>© 2025 Все права защищены</footer></body></html>"
    )
    path = tmp_path / "meeting.html"
    path.write_text(page, encoding="utf-8")
    (doc,), problems = read_paths([path], CFG)
    assert problems == []
    assert doc.id == "meeting" and doc.format == "html" and doc.prepared
    assert doc.title == "Путин и Алиев встретились в Душанбе"
    assert doc.published == "2025-10-09"
    assert doc.source == "NEWS.ru"
    assert "Кохи Сомон" in doc.text and "Все права защищены" not in doc.text


def test_bad_inputs_are_reported_and_the_rest_is_read(tmp_path: Path, seeds_dir: Path) -> None:
    (tmp_path / "good.txt").write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "noheader.txt").write_text(
        "Путин поговорил по телефону с Алиевым.\nВторая строка.", encoding="utf-8"
    )
    (tmp_path / "legacy.txt").write_bytes(SEED_TEXT.replace("24 октября", "24 октября").encode("cp1251"))
    with (tmp_path / "huge.txt").open("wb") as f:  # sparse: cheap to make, 100 MB by size
        f.truncate(100 * 2**20)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")  # unreadable: stat fails
    missing = tmp_path / "no-such-dir"
    docs, problems = read_paths([tmp_path, missing], CFG)

    assert sorted(d.id for d in docs) == ["good", "legacy", "noheader"]
    by_name = {Path(p.origin).name: p for p in problems}
    assert by_name["empty.txt"].message == "empty file" and by_name["empty.txt"].skipped
    assert "binary" in by_name["image.txt"].message and by_name["image.txt"].skipped
    assert "over the 20 MB limit" in by_name["huge.txt"].message and by_name["huge.txt"].skipped
    assert "cannot read" in by_name["gone.txt"].message and by_name["gone.txt"].skipped
    assert by_name["no-such-dir"].message == "no such file or directory"
    noheader = by_name["noheader.txt"]
    assert "no ' date YYYY-MM-DD' header" in noheader.message and not noheader.skipped
    legacy = by_name["legacy.txt"]
    assert legacy.message == "decoded as cp1251" and not legacy.skipped
    legacy_doc = next(d for d in docs if d.id == "legacy")
    assert legacy_doc.published == "2025-10-24"
    assert "Ильхамом Алиевым" in legacy_doc.text
    # every message is one line that names the file
    for p in problems:
        line = str(p)
        assert "\n" not in line and line.startswith(p.origin)


def test_unreadable_file_reports_the_os_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    docs, problems = read_paths([path], CFG)
    assert docs == []
    assert str(problems[0]) == f"{path}: skipped: cannot read (Permission denied)"


def test_oversized_jsonl_line_is_skipped_but_the_file_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    big = json.dumps({"id": "big", "text": "слово " * 300_000}, ensure_ascii=False)
    small = json.dumps({"id": "small", "text": "Короткий текст."}, ensure_ascii=False)
    path.write_text(big + "\n" + small + "\n", encoding="utf-8")
    docs, problems = read_paths([path], IngestConfig(max_line_mb=1.0))
    assert [d.id for d in docs] == ["small"]
    assert problems[0].origin == f"{path}:1" and "over the limit" in problems[0].message


@pytest.mark.parametrize(
    ("header", "published", "problem"),
    [
        (" date 2025-10-24 Текст.", "2025-10-24", None),
        ("date 2025-10-24\nТекст.", "2025-10-24", None),
        (" date 2025-13-45 Текст.", None, "bad date"),
        ("Текст без заголовка.", None, "no ' date"),
    ],
)
def test_seed_headers(header: str, published: str | None, problem: str | None) -> None:
    doc, problems = parse_seed(header, "x", "x.txt")
    assert isinstance(doc, RawDoc) and doc.published == published
    assert doc.text.strip() == "Текст." or doc.text.strip() == "Текст без заголовка."
    assert (problem is None) == (not problems)
    if problem:
        assert problem in problems[0].message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-24", "2025-10-24"),
        ("2025-10-24T13:05:00+03:00", "2025-10-24T10:05:00"),
        ("2025-10-24 13:05:00", "2025-10-24T13:05:00"),
        (1761300000, "2025-10-24T10:00:00"),
        ("24.10.2025", None),
        (True, None),
        ("9999-12-31T23:59:59-05:00", None),  # raised OverflowError
        ("0001-01-01T00:00:00+05:00", None),
        ("١٧٦١٣٠٠٠٠٠", None),  # Arabic-Indic digits are not a unix time
        (float("nan"), None),
    ],
)
def test_published_normalisation(value: object, expected: str | None) -> None:
    assert normalize_published(value) == expected


# ------------------------------------------------------------------ hostile and broken input (issue 13)
def _write_jsonl(path: Path, records: list[object]) -> Path:
    # ensure_ascii keeps "\ud800" and "\u0000" as JSON escapes, as a feed on the wire has them
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_lone_surrogate_in_a_jsonl_line_becomes_a_replacement_character(tmp_path: Path) -> None:
    from storyline.clean import content_hash

    path = _write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {"id": "s1", "text": "Путин \ud800 поговорил с Алиевым.", "title": "Звонок \udc00"},
            {"id": "s2", "text": "Второй текст без сюрпризов."},
        ],
    )
    docs, problems = read_paths([path], CFG)
    assert [d.id for d in docs] == ["s1", "s2"]
    assert docs[0].text == "Путин \ufffd поговорил с Алиевым." and docs[0].title == "Звонок \ufffd"
    for doc in docs:
        content_hash(doc)  # raised UnicodeEncodeError before
        doc.text.encode("utf-8")
    note = _one(problems, "lone surrogate")
    assert note.origin == f"{path}:1" and not note.skipped and "2 lone surrogate" in note.message


def test_a_feed_with_a_lone_surrogate_is_stored(tmp_path: Path) -> None:
    from storyline.engine import Engine

    path = _write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "id": "s1",
                "text": "Президент России Владимир Путин поговорил с Алиевым \ud800.",
                "published": "2025-10-24",
            },
            {"id": "s2", "text": "Ильхам Алиев поблагодарил Владимира Путина.", "published": "2025-10-24"},
        ],
    )
    with Engine(tmp_path / "s.db") as engine:
        report = engine.add([path])
    assert (report.read, report.added) == (2, 2)


@pytest.mark.parametrize("null", ["\x00", "\u0000"])
def test_nul_in_json_never_reaches_the_store(tmp_path: Path, null: str) -> None:
    path = _write_jsonl(
        tmp_path / "feed.jsonl", [{"id": "n1", "text": f"До{null}после.", "source": f"ТАСС{null}"}]
    )
    (doc,), problems = read_paths([path], CFG)
    assert (doc.text, doc.source) == ("Допосле.", "ТАСС")
    assert "removed 2 NUL or control" in _one(problems, "NUL").message


def test_nul_after_the_first_8_kb_is_removed_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "late-nul.txt"
    body = SEED_TEXT + "\n" + "Разговор продолжался около часа. " * 300
    assert len(body.encode("utf-8")) > 8192
    path.write_bytes((body + "\x00Конец.").encode("utf-8"))
    (doc,), problems = read_paths([path], CFG)
    assert "\x00" not in doc.text and doc.text.endswith("Конец.")
    assert _one(problems, "NUL").origin == str(path)


def test_koi8r_text_is_decoded_as_koi8r(tmp_path: Path, seeds_dir: Path) -> None:
    for seed in sorted(seeds_dir.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        path = tmp_path / seed.name
        path.write_bytes(text.encode("koi8-r", errors="replace"))
        (doc,), problems = read_paths([path], CFG)
        assert _one(problems, "decoded as").message == "decoded as koi8-r", seed.name
        assert doc.text.split()[:5] == text.encode("koi8-r", "replace").decode("koi8-r").split()[2:7]


def test_legacy_candidates_are_scored_not_taken_in_order() -> None:
    from storyline.ingest.decode import decode

    sentence = "Президент России Владимир Путин поговорил по телефону с главой Азербайджана."
    french = "Le président a déclaré à la presse qu'il était prêt à négocier à Genève."
    for text, encoding in [(sentence, "cp1251"), (sentence, "koi8-r"), (french, "latin-1")]:
        assert decode(text.encode(encoding), ("cp1251", "koi8-r", "latin-1")) == (text, encoding)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_read_not_skipped_as_binary(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(SEED_TEXT.encode(encoding))
    (doc,), problems = read_paths([path], CFG)
    assert doc.published == "2025-10-24" and "Ильхамом Алиевым" in doc.text
    assert [p.message for p in problems] == ["decoded as utf-16"]


def test_utf16_jsonl_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    lines = [json.dumps({"id": f"w{k}", "text": f"Текст номер {k}."}, ensure_ascii=False) for k in range(3)]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-16"))
    docs, problems = read_paths([path], CFG)
    assert [d.id for d in docs] == ["w0", "w1", "w2"] and problems == []


def test_nested_json_is_never_a_title_source_or_url(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "id": "j1",
                "text": "Текст.",
                "title": {"a": {"b": [1, 2]}},
                "source": ["ТАСС", "РБК"],
                "url": True,
                "language": 7,
            }
        ],
    )
    (doc,), problems = read_paths([path], CFG)
    assert (doc.title, doc.source, doc.url) == (None, None, None)
    assert doc.language == "7"
    notes = sorted(p.message for p in problems)
    assert notes == [
        "article 'j1': 'source' is a JSON array, not text; ignored",
        "article 'j1': 'title' is a JSON object, not text; ignored",
        "article 'j1': 'url' is a JSON boolean, not text; ignored",
    ]
    assert all(p.origin == f"{path}:1" and not p.skipped for p in problems)


def test_duplicate_id_in_one_jsonl_keeps_the_first_copy_and_names_both_lines(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {"id": "d1", "text": "Первая версия."},
            {"id": "x", "text": "Другое."},
            {"id": "d1", "text": "Вторая."},
        ],
    )
    docs, problems = read_paths([path], CFG)
    assert [(d.id, d.text) for d in docs] == [("d1", "Первая версия."), ("x", "Другое.")]
    (dup,) = problems
    assert dup.origin == f"{path}:3" and dup.skipped
    assert dup.message == f"duplicate id 'd1', first seen at {path}:1: that copy is kept, this one skipped"


def test_duplicate_id_across_files_of_one_directory(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(SEED_TEXT + sub, encoding="utf-8")
    docs, problems = read_paths([tmp_path], CFG)
    assert [d.origin for d in docs] == [str(tmp_path / "a" / "same.txt")]
    assert "first seen at " + str(tmp_path / "a" / "same.txt") in _one(problems, "duplicate id").message


def test_html_page_without_a_date_is_undated_not_new_year(tmp_path: Path) -> None:
    paragraph = (
        "<p>Президент России Владимир Путин и лидер Азербайджана Ильхам Алиев встретились в Душанбе. "
        "Переговоры в столице Таджикистана продлились более полутора часов.</p>"
    )
    page = (
        "<!doctype html><html><head><title>Путин и Алиев</title></head><body><article>"
        f"<h1>Путин и Алиев встретились</h1>{paragraph * 3}</article>"
        "<footer>© 2025 Все права защищены</footer></body></html>"
    )
    path = tmp_path / "undated.html"
    path.write_text(page, encoding="utf-8")
    (doc,), problems = read_paths([path], CFG)
    assert doc.published is None  # was 2025-01-01, from the copyright line
    assert _one(problems, "no publication date").origin == str(path)


@pytest.mark.parametrize("value", ["1970-01-01", "1970-01-01T00:00:00Z", "1989-12-31", "2031-05-01"])
def test_implausible_publication_dates_become_unknown(tmp_path: Path, value: str) -> None:
    from datetime import date

    from storyline.ingest import iter_inputs

    path = _write_jsonl(tmp_path / "feed.jsonl", [{"id": "t", "text": "Текст.", "published": value}])
    (doc,), problems = read_paths([path], CFG)
    assert doc.published is None
    note = _one(problems, "publication date unknown")
    assert note.origin == f"{path}:1" and not note.skipped
    # the day of ingest decides what "the future" is
    (later,) = [d for d in iter_inputs([path], CFG, today=date(2032, 1, 1)) if isinstance(d, RawDoc)]
    assert later.published == (None if value < "1990" else "2031-05-01")


def test_seed_dated_epoch_zero_is_undated(tmp_path: Path) -> None:
    path = tmp_path / "epoch.txt"
    path.write_text(SEED_TEXT.replace("2025-10-24", "1970-01-01", 1), encoding="utf-8")
    (doc,), problems = read_paths([path], CFG)
    assert doc.published is None
    assert str(_one(problems, "is before 1990")) == (
        f"{path}: note: publication date 1970-01-01 is before 1990; publication date unknown"
    )


def test_long_text_is_cut_and_long_lines_are_split(tmp_path: Path) -> None:
    sentence = "Президент России Владимир Путин поговорил по телефону с главой Азербайджана. "
    path = _write_jsonl(tmp_path / "feed.jsonl", [{"id": "long", "text": sentence * 100}])
    cfg = IngestConfig(max_text_chars=3000, max_line_chars=500)
    (doc,), problems = read_paths([path], cfg)
    assert len(doc.text) <= 3000 and doc.text.endswith("Азербайджана.")
    assert all(len(line) <= 500 and line.endswith("Азербайджана.") for line in doc.text.split("\n"))
    assert "cut to the first" in _one(problems, "max_text_chars").message
    assert _one(problems, "max_line_chars").origin == f"{path}:1"


def test_a_line_without_spaces_is_cut_hard() -> None:
    from storyline.ingest.guards import split_line

    assert split_line("а" * 25, 10) == ["а" * 10, "а" * 10, "а" * 5]


def test_newline_in_a_file_name_cannot_forge_a_problem_line(tmp_path: Path) -> None:
    name = "a\nother.txt: skipped: forged\x1b[2J.txt"
    (tmp_path / name).write_bytes(b"")
    _, problems = read_paths([tmp_path / name], CFG)
    (line,) = [str(p) for p in problems]
    assert "\n" not in line and "\x1b" not in line
    assert line == f'"{tmp_path}/a\\nother.txt: skipped: forged\\x1b[2J.txt": skipped: empty file'


BOUNDED_RUN = """
import resource, sys, time
# a regression fails here instead of taking the machine's memory (it took 7.8 GB)
resource.setrlimit(resource.RLIMIT_AS, (6 * 2**30, 6 * 2**30))
from storyline.engine import Engine
start = time.monotonic()
with Engine(sys.argv[2]) as engine:
    report = engine.add([sys.argv[1]])
rss = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(report.read, report.added, len(report.problems), round(time.monotonic() - start, 1), rss // 1024)
"""


def test_a_10_mb_one_line_file_next_to_good_files_is_bounded(tmp_path: Path, seeds_dir: Path) -> None:
    import shutil
    import subprocess
    import sys

    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in seeds_dir.glob("*.txt"):
        shutil.copy(seed, inputs / seed.name)
    sentence = (
        "Президент России Владимир Путин поговорил по телефону с главой Азербайджана Ильхамом Алиевым. "
    )
    one_line = (sentence * (10 * 2**20 // len(sentence.encode("utf-8")) + 1)).encode("utf-8")[: 10 * 2**20]
    (inputs / "001a_one_line.txt").write_bytes(b" date 2025-10-24 " + one_line.rsplit(b" ", 1)[0])
    result = subprocess.run(
        [sys.executable, "-c", BOUNDED_RUN, str(inputs), str(tmp_path / "s.db")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    read, added, problems, seconds, rss_mb = result.stdout.split()
    assert (int(read), int(added)) == (6, 6)  # the five seeds and the cut one-line file
    assert int(problems) == 2  # its text cut, its lines split
    assert float(seconds) < 120 and int(rss_mb) < 1500, (seconds, rss_mb)


def test_a_file_named_twice_is_no_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    docs, problems = read_paths([tmp_path, path], CFG)
    assert [d.id for d in docs] == ["a", "a"] and problems == []


def test_a_file_name_that_is_not_utf8_is_stored_safely(tmp_path: Path) -> None:
    path = Path(os.fsdecode(bytes(tmp_path) + b"/\xff\xfe.txt"))  # "\udcff\udcfe.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    (doc,), problems = read_paths([tmp_path], CFG)
    assert (doc.id, doc.origin) == ("\ufffd\ufffd", f"{tmp_path}/\ufffd\ufffd.txt")
    doc.origin.encode("utf-8")
    assert (
        str(problems[0]) == f'"{tmp_path}/\\udcff\\udcfe.txt": note: replaced 4 lone surrogate(s) with U+FFFD'
    )
