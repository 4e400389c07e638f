"""One story as plain text for the terminal.

Every piece of text from the articles (titles, outlets, texts, names, ids, dates) passes through
``term_text``: control characters and ANSI/OSC escape sequences never reach the terminal.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from storyline.export.escape import term_text as _t


def _wrap(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, 78, initial_indent=indent, subsequent_indent=indent + "  ")


def _comparison(story: dict[str, Any], cite: Callable[[list[str]], str]) -> list[str]:
    out: list[str] = []
    if story.get("outlet_facts"):
        out.append("What each outlet reports")
        for f in story["outlet_facts"]:
            only = f" [only {_t(f['only'])}]" if f.get("only") else ""
            outlets = ", ".join(_t(o) for o in f["outlets"])
            out += _wrap(f"{_t(f['text'])} {cite(f['article_ids'])} — {outlets}{only}")
        out.append("")
    if story.get("conflicts"):
        out.append("Conflicting claims")
        for c in story["conflicts"]:
            out += _wrap(_t(c["about"]))
            for x in c["claims"]:
                out += _wrap(f"{_t(x['by'])}: {_t(x['text'])} {cite(x['article_ids'])}", "    ")
        out.append("")
    if story.get("quotes"):
        out.append("Quotes")
        for q in story["quotes"]:
            who = _t(q.get("speaker") or "unattributed")
            out += _wrap(f"«{_t(q['text'])}» — {who}, {_t(q.get('date') or '?')} {cite(q['article_ids'])}")
        out.append("")
    return out


def render_story(payload: dict[str, Any], story_id: str) -> str:
    story = next(s for s in payload["stories"] if s["id"] == story_id)
    articles = {a["id"]: a for a in payload["articles"]}
    events = {e["id"]: e for e in payload["events"]}
    numbers = {aid: k + 1 for k, aid in enumerate(story["article_ids"])}

    def cite(ids: list[str]) -> str:
        return "".join(f"[{numbers[i]}]" for i in ids if i in numbers)

    title = _t(story.get("title") or story_id)
    out = [
        title,
        "=" * min(78, len(title)),
        f"{_t(story_id)} · {_t(story.get('first_date') or '?')} – {_t(story.get('last_date') or '?')} · "
        f"{len(story['event_ids'])} events · {len(story['article_ids'])} articles · "
        f"{len(story.get('outlets', []))} outlets",
        "",
    ]
    if story.get("summary"):
        out.append("Summary")
        for c in story["summary"]:
            out += textwrap.wrap(
                f"{_t(c['text'])} {cite(c['article_ids'])}", 78, initial_indent="  ", subsequent_indent="  "
            )
        out.append("")
    if story.get("timeline"):
        out.append("Timeline")
        for t in story["timeline"]:
            out += textwrap.wrap(
                f"{_t(t['date']):<10} {_t(t['text'])} {cite(t['article_ids'])}",
                78,
                initial_indent="  ",
                subsequent_indent=" " * 13,
            )
        out.append("")
    out += _comparison(story, cite)
    out.append("Events")
    for eid in story["event_ids"]:
        e = events.get(eid, {})
        out.append(
            f"  {_t(e.get('date') or '?'):<10} {_t(e.get('title') or eid)}  {cite(e.get('article_ids', []))}"
        )
    out += ["", "Articles"]
    for aid, n in numbers.items():
        a = articles.get(aid, {})
        meta = ", ".join(_t(x) for x in (a.get("source"), a.get("published")) if x)
        out.append(f"  [{n}] {_t(a.get('title') or aid)}" + (f" — {meta}" if meta else ""))
    return "\n".join(out)
