"""Readers and bad input: every problem is one clear line naming the file (and line); the rest goes on."""

from __future__ import annotations

import json
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
    ],
)
def test_published_normalisation(value: object, expected: str | None) -> None:
    assert normalize_published(value) == expected
