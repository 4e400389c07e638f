"""One story as plain text for the terminal."""

from __future__ import annotations

import textwrap
from typing import Any


def render_story(payload: dict[str, Any], story_id: str) -> str:
    story = next(s for s in payload["stories"] if s["id"] == story_id)
    articles = {a["id"]: a for a in payload["articles"]}
    events = {e["id"]: e for e in payload["events"]}
    numbers = {aid: k + 1 for k, aid in enumerate(story["article_ids"])}

    def cite(ids: list[str]) -> str:
        return "".join(f"[{numbers[i]}]" for i in ids if i in numbers)

    out = [
        story.get("title") or story_id,
        "=" * min(78, len(story.get("title") or story_id)),
        f"{story_id} · {story.get('first_date') or '?'} – {story.get('last_date') or '?'} · "
        f"{len(story['event_ids'])} events · {len(story['article_ids'])} articles · "
        f"{len(story.get('outlets', []))} outlets",
        "",
    ]
    if story.get("summary"):
        out.append("Summary")
        for c in story["summary"]:
            out += textwrap.wrap(
                f"{c['text']} {cite(c['article_ids'])}", 78, initial_indent="  ", subsequent_indent="  "
            )
        out.append("")
    if story.get("timeline"):
        out.append("Timeline")
        for t in story["timeline"]:
            out += textwrap.wrap(
                f"{t['date']:<10} {t['text']} {cite(t['article_ids'])}",
                78,
                initial_indent="  ",
                subsequent_indent=" " * 13,
            )
        out.append("")
    out.append("Events")
    for eid in story["event_ids"]:
        e = events.get(eid, {})
        out.append(f"  {e.get('date') or '?':<10} {e.get('title') or eid}  {cite(e.get('article_ids', []))}")
    out += ["", "Articles"]
    for aid, n in numbers.items():
        a = articles.get(aid, {})
        meta = ", ".join(x for x in (a.get("source"), a.get("published")) if x)
        out.append(f"  [{n}] {a.get('title') or aid}" + (f" — {meta}" if meta else ""))
    return "\n".join(out)
