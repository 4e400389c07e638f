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
    report = tmp_path / "report.html"
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
