"""report.html: one self-contained page (no external assets); every piece of text is escaped."""

from __future__ import annotations

from html import escape
from typing import Any

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2,h3{line-height:1.2} .meta{color:#666;font-size:.9em} .story{border-top:2px solid #ddd;margin-top:2rem}
sup a{text-decoration:none} li{margin:.2rem 0} details{margin:.3rem 0}
.article-text{white-space:pre-wrap;background:#f7f7f7;padding:.5rem;border-radius:4px}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _cites(ids: list[str], story_id: str, numbers: dict[str, int]) -> str:
    return "".join(
        f'<sup><a href="#{_e(story_id)}-a{numbers[i]}">[{numbers[i]}]</a></sup>' for i in ids if i in numbers
    )


def render_html(payload: dict[str, Any], title: str = "storyline report") -> str:
    articles = {a["id"]: a for a in payload["articles"]}
    events = {e["id"]: e for e in payload["events"]}
    out = [
        f'<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{_e(title)}</title>',
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        "<nav><ol>",
    ]
    for s in payload["stories"]:
        out.append(
            f'<li><a href="#{_e(s["id"])}">{_e(s.get("title") or s["id"])}</a> '
            f'<span class="meta">{_e(s.get("first_date"))} – {_e(s.get("last_date"))}, '
            f"{len(s['event_ids'])} events, {len(s['article_ids'])} articles</span></li>"
        )
    out.append("</ol></nav>")
    for s in payload["stories"]:
        sid = s["id"]
        numbers = {aid: k + 1 for k, aid in enumerate(s["article_ids"])}
        out.append(f'<section class="story" id="{_e(sid)}"><h2>{_e(s.get("title") or sid)}</h2>')
        out.append(f'<p class="meta">{_e(sid)} · score {_e(s.get("score"))}</p>')
        if s.get("summary"):
            out.append(
                "<p>"
                + " ".join(f"{_e(c['text'])}{_cites(c['article_ids'], sid, numbers)}" for c in s["summary"])
                + "</p>"
            )
        if s.get("timeline"):
            out.append("<h3>Timeline</h3><ul>")
            out += [
                f"<li><b>{_e(t['date'])}</b> {_e(t['text'])}{_cites(t['article_ids'], sid, numbers)}</li>"
                for t in s["timeline"]
            ]
            out.append("</ul>")
        out.append("<h3>Events</h3><ul>")
        for eid in s["event_ids"]:
            e = events.get(eid)
            if e:
                out.append(
                    f"<li><b>{_e(e.get('date'))}</b> {_e(e.get('title'))}"
                    f"{_cites(e['article_ids'], sid, numbers)}</li>"
                )
        out.append("</ul><h3>Articles</h3><ol>")
        for aid, n in numbers.items():
            a = articles.get(aid, {})
            out.append(
                f'<li id="{_e(sid)}-a{n}"><details><summary>{_e(a.get("title") or aid)} '
                f'<span class="meta">{_e(a.get("source"))} {_e(a.get("published"))}</span></summary>'
                f'<div class="article-text">{_e(a.get("text"))}</div></details></li>'
            )
        out.append("</ol></section>")
    out.append("</body></html>")
    return "\n".join(out)
