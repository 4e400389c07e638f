"""report.html: index, story pages with an SVG timeline, outlet table, conflicts, quotes; every piece
of article text escaped; rendered in headless Chromium (skipped with a reason when it is absent)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from storyline.export import render_html, render_markdown
from storyline.export.terminal import render_story

EVIL = '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'


def payload() -> dict[str, Any]:
    art = {
        "id": "a1",
        "published": "2025-10-24",
        "title": "Заголовок " + EVIL,
        "source": "РБК " + EVIL,
        "url": None,
        "language": "ru",
        "lead": None,
        "text": "Текст " + EVIL,
        "event_id": "ev-1",
        "duplicate_of": None,
        "entities": [
            {
                "text": "Текст",
                "normal": "Лицо " + EVIL,
                "type": "PER",
                "start": 0,
                "stop": 5,
                "entity_id": "per-1",
            },
            {"text": "<scr", "normal": EVIL, "type": "ORG", "start": 6, "stop": 10, "entity_id": "org-1"},
        ],
        "dates": [{"text": "ipt>", "value": EVIL, "granularity": "day", "start": 10, "stop": 14}],
        "quotes": [
            {
                "text": "Слова " + EVIL,
                "speaker": "Лицо " + EVIL,
                "speaker_entity_id": "per-1",
                "start": 0,
                "stop": 5,
                "kind": "direct",
            }
        ],
    }
    art2 = {
        **art,
        "id": "a2",
        "title": "Второй",
        "source": "ТАСС",
        "text": "Второй текст",
        "entities": [],
        "dates": [],
        "quotes": [],
    }
    story = {
        "id": "st-1",
        "event_ids": ["ev-1"],
        "article_ids": ["a1", "a2"],
        "title": "История " + EVIL,
        "first_date": "2024-12-25",
        "last_date": "2025-10-24",
        "score": 1.5,
        "outlets": ["РБК " + EVIL, "ТАСС"],
        "timeline": [
            {
                "date": "2024-12",
                "granularity": "month",
                "text": "Крушение " + EVIL,
                "article_ids": ["a1", "a2"],
            },
            {
                "date": "2025-06/2025-08",
                "granularity": "month",
                "text": "Летом задержания",
                "article_ids": ["a2"],
            },
            {"date": "2025-10-24", "granularity": "day", "text": "Разговор", "article_ids": ["a1"]},
        ],
        "summary": [{"text": "Итог " + EVIL, "article_ids": ["a1", "a2"]}],
        "conflicts": [
            {
                "about": "Причина " + EVIL,
                "claims": [
                    {"text": "по версии СК — сердце", "by": "СК " + EVIL, "article_ids": ["a1"]},
                    {"text": "по версии Баку — пытки", "by": "Баку", "article_ids": ["a2"]},
                ],
            },
        ],
        "quotes": [
            {
                "text": "Цитата " + EVIL,
                "speaker": "Песков",
                "date": "2025-10-09",
                "article_ids": ["a1"],
                "outlets": ["РБК"],
            }
        ],
        "outlet_facts": [
            {
                "text": "Общий факт",
                "outlets": ["ТАСС", "РБК " + EVIL],
                "article_ids": ["a1", "a2"],
                "only": None,
            },
            {"text": "Только у ТАСС", "outlets": ["ТАСС"], "article_ids": ["a2"], "only": "ТАСС"},
        ],
    }
    event = {
        "id": "ev-1",
        "article_ids": ["a1", "a2"],
        "date": "2025-10-24",
        "title": "Событие " + EVIL,
        "summary": [],
        "story_id": "st-1",
    }
    return {"articles": [art, art2], "events": [event], "stories": [story], "redirects": []}


def test_every_piece_of_text_is_escaped() -> None:
    html = render_html(payload())
    assert "<script" not in html and "<img" not in html and 'onerror="' not in html
    assert "&lt;script&gt;" in html
    assert html.count("<svg") == 1 and "</svg>" in html
    assert "only ТАСС" in html and 'class="claims"' in html and "<blockquote>" in html
    assert "Who is involved" in html and '<mark class="PER"' in html and 'class="date"' in html


def test_markdown_and_terminal_show_the_comparison() -> None:
    md = render_markdown(payload())
    term = render_story(payload(), "st-1")
    for text in (md, term):
        assert "по версии СК" in text and "Песков" in text and "only ТАСС" in text


# ------------------------------------------------------------------ stories.md and the terminal (issue 13)
PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![](http://tracker.example/pixel.gif)",
    "<a href='javascript:alert(1)'>x</a>",
    "[ref]: javascript:alert(1)",
    "<http://evil.example/autolink>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]
TERMINAL = [
    "\x1b[2J",
    "\x1b]0;pwned title\x07",
    "\x1b[31mred",
    "\x9b2J",
    "\r\x1b[Kforged line\n",
    "\u202eevil",
]


def hostile_payload(piece: str) -> dict[str, Any]:
    """The test payload with ``piece`` in every text field, outlet, id and url."""
    data = payload()
    art = data["articles"][0]
    art.update(title=f"Заголовок {piece}", source=f"РБК {piece}", text=f"Текст {piece}")
    art["url"] = "javascript:alert(1)"
    data["articles"][1]["url"] = f"https://example.com/a?q={piece}"
    story = data["stories"][0]
    story["title"] = f"История {piece}"
    story["outlets"] = [f"РБК {piece}", "ТАСС"]
    story["summary"] = [{"text": f"Итог {piece}", "article_ids": ["a1"]}]
    story["timeline"][0]["text"] = f"Крушение {piece}"
    story["conflicts"][0]["claims"][0]["by"] = f"СК {piece}"
    story["quotes"][0]["speaker"] = f"Песков {piece}"
    story["outlet_facts"][0]["outlets"] = ["ТАСС", f"РБК {piece}"]
    data["events"][0]["title"] = f"Событие {piece}"
    return data


def _rendered_markdown(data: dict[str, Any]) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(render_markdown(data))  # raw HTML allowed, as on many sites


@pytest.mark.parametrize("piece", PAYLOADS)
def test_markdown_keeps_html_and_links_from_article_text_inert(piece: str) -> None:
    html = _rendered_markdown(hostile_payload(piece))
    assert "<script" not in html and "<img" not in html and "<a href='javascript" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith("https://example.com/a?q=") for h in hrefs), hrefs  # the one real url
    tags = "".join(re.findall(r"<[^>]+>", re.sub(r'href="[^"]*"', "", html)))
    assert "javascript:" not in tags and "tracker.example" not in tags and "src=" not in tags


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("- not a list", "\\- not a list"),
        ("12. not a list", "12\\. not a list"),
        ("===", "\\==="),
        ("2025-10-24", "2025-10-24"),
    ],
)
def test_markdown_text_cannot_start_a_block(text: str, shown: str) -> None:
    from storyline.export.escape import md_text

    assert md_text(text) == shown


def test_markdown_shows_the_text_itself() -> None:
    md = render_markdown(hostile_payload("<b>*bold*</b> [x](y)"))
    html = _rendered_markdown(hostile_payload("<b>*bold*</b> [x](y)"))
    assert "&lt;b&gt;*bold*&lt;/b&gt; [x](y)" in html and "<b>" not in html and "<em>bold" not in html
    assert "\n1. [Заголовок" not in md  # a non-http(s) url is no link
    assert "[Второй](<https://example.com/a?q=%3Cb%3E*bold*%3C/b%3E%20[x]%28y%29>)" in md
    assert "2024-12-25 – 2025-10-24" in md


@pytest.mark.parametrize("piece", TERMINAL)
def test_terminal_story_has_no_escape_sequences(piece: str) -> None:
    text = render_story(hostile_payload(piece), "st-1")
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text), repr(text)
    assert "История" in text and "Песков" in text
    if "forged" in piece:
        assert not any(line.startswith("forged line") for line in text.split("\n"))


def test_stories_table_strips_escape_sequences(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storyline import cli, engine
    from storyline.model import StoryBrief

    evil = StoryBrief(
        id="st-\x1b]0;x\x07",
        title="Title \x1b[2J\x1b]0;pwned\x07\nforged line",
        first_date="2025-10-24",
        last_date="2025-10-24",
        events=1,
        articles=1,
        outlets=0,
        score=1.0,
    )

    class FakeEngine:
        def __init__(self, *args: object) -> None:
            pass

        def __enter__(self) -> FakeEngine:
            return self

        def __exit__(self, *args: object) -> None:
            pass

        def stories(self, *args: object) -> list[StoryBrief]:
            return [evil]

    monkeypatch.setattr(engine, "Engine", FakeEngine)
    db = tmp_path / "s.db"
    db.write_bytes(b"")
    assert cli.main(["stories", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and out.count("\n") == 2
    assert "Title  forged line" in out


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("Debian chromium is not installed (apt-get install chromium chromium-driver)")


def _browse(report: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    cmd = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={tmp / 'profile'}",
        *extra,
        report.as_uri(),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.browser
def test_malicious_text_does_not_run_in_the_browser(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text(render_html(payload()), encoding="utf-8")
    dom = _browse(report, tmp_path, "--dump-dom").stdout
    assert "<svg" in dom and "pwned" not in re.sub(r"&lt;.*?&gt;", "", dom.split("</title>")[0])
    assert "<title>storyline report</title>" in dom
    assert "<script" not in dom


@pytest.mark.browser
def test_seed_report_renders_in_chromium(tmp_path: Path, seeds_dir: Path) -> None:
    from storyline.engine import Engine

    with Engine(tmp_path / "s.db") as engine:
        engine.run([seeds_dir])
        engine.export(tmp_path)
        story = engine.story(max(engine.stories(), key=lambda s: s.articles).id).story
    index = _browse(tmp_path / "report.html", tmp_path, "--dump-dom").stdout
    assert f'href="stories/{story.id}.html"' in index  # the index links each story's own page
    report = tmp_path / "stories" / f"{story.id}.html"
    dom = _browse(report, tmp_path, "--dump-dom").stdout
    assert dom.count('class="tl-row"') == len(story.timeline) > 0
    assert 'class="outlets"' in dom and "Conflicting claims" in dom
    # the annotations: who is involved, marked entities, resolved dates
    involved = dom.split("Who is involved", 1)[1].split("</div></div>", 1)[0]
    assert "Владимир Путин" in involved and "Ильхам Алиев" in involved
    assert '<mark class="PER" title="Ильхам Алиев">Ильхамом Алиевым</mark>' in dom
    assert '<span class="date" title="2024-12">в декабре 2024 года</span>' in dom
    shot = tmp_path / "report.png"
    _browse(report, tmp_path, f"--screenshot={shot}", "--window-size=1200,2400")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_report_is_an_index_and_a_page_per_story_with_texts_capped() -> None:
    from storyline.export.html import render_report

    data = payload()
    story = data["stories"][0]
    files = render_report(data, full_texts=1)
    assert set(files) == {"report.html", f"stories/{story['id']}.html"}
    assert f'href="stories/{story["id"]}.html"' in files["report.html"]
    page = files[f"stories/{story['id']}.html"]
    assert page.count('class="article-text"') == min(1, len(story["article_ids"]))
    assert 'href="../report.html"' in page
