"""One story as plain text for the terminal.

Every piece of text from the articles (titles, outlets, texts, names, ids, dates) passes through
``term_text``: control characters and ANSI/OSC escape sequences never reach the terminal.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from storyline.export.escape import term_text as _t
from storyline.wording import story_counts

# rows each section shows unless --full (a section is about one screen)
LIMITS = {"timeline": 15, "facts": 8, "conflicts": 5, "quotes": 8, "events": 12, "articles": 15}


def _wrap(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, 78, initial_indent=indent, subsequent_indent=indent + "  ")


def _outlets(names: list[str], shown: int = 3) -> str:
    head = ", ".join(_t(o) for o in names[:shown])
    return head + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _cap(rows: list[Any], name: str, full: bool) -> tuple[list[Any], str | None]:
    limit = LIMITS[name]
    if full or len(rows) <= limit:
        return rows, None
    return rows[:limit], f"  … {len(rows) - limit} more (--full shows every one)"


def _comparison(story: dict[str, Any], cite: Callable[[list[str]], str], full: bool) -> list[str]:
    out: list[str] = []
    if story.get("outlet_facts"):
        out.append("What each outlet reports")
        facts, more = _cap(story["outlet_facts"], "facts", full)
        for f in facts:
            only = f" [only {_t(f['only'])}]" if f.get("only") else ""
            out += _wrap(f"{_t(f['text'])} {cite(f['article_ids'])} — {_outlets(f['outlets'])}{only}")
        out += [more, ""] if more else [""]
    if story.get("conflicts"):
        out.append("Conflicting claims")
        conflicts, more = _cap(story["conflicts"], "conflicts", full)
        for c in conflicts:
            out += _wrap(_t(c["about"]))
            for x in c["claims"]:
                out += _wrap(f"{_t(x['by'])}: {_t(x['text'])} {cite(x['article_ids'])}", "    ")
        out += [more, ""] if more else [""]
    if story.get("quotes"):
        out.append("Quotes")
        quotes, more = _cap(story["quotes"], "quotes", full)
        for q in quotes:
            who = _t(q.get("speaker") or "unattributed")
            out += _wrap(f"«{_t(q['text'])}» — {who}, {_t(q.get('date') or '?')} {cite(q['article_ids'])}")
        out += [more, ""] if more else [""]
    return out


def render_story(payload: dict[str, Any], story_id: str, full: bool = False) -> str:
    """The story as text: each section about one screen (``full``: every row)."""
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
        f"{story_counts(story, ' · ')}",
        _t(story.get("rank_reason") or ""),
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
        timeline, more = _cap(story["timeline"], "timeline", full)
        for t in timeline:
            out += textwrap.wrap(
                f"{_t(t['date']):<10} {_t(t['text'])} {cite(t['article_ids'])}",
                78,
                initial_indent="  ",
                subsequent_indent=" " * 13,
            )
        out += [more, ""] if more else [""]
    out += _comparison(story, cite, full)
    out.append("Events")
    event_ids, more_events = _cap(list(reversed(story["event_ids"])), "events", full)
    for eid in event_ids:
        e = events.get(eid, {})
        out.append(
            f"  {_t(e.get('date') or '?'):<10} {_t(e.get('title') or eid)}  {cite(e.get('article_ids', []))}"
        )
    if more_events:
        out.append(more_events)
    out += ["", "Articles"]
    listed, more_articles = _cap(list(reversed(list(numbers.items()))), "articles", full)
    for aid, n in listed:
        a = articles.get(aid, {})
        meta = ", ".join(_t(x) for x in (a.get("source"), a.get("published")) if x)
        out.append(f"  [{n}] {_t(a.get('title') or aid)}" + (f" — {meta}" if meta else ""))
    if more_articles:
        out.append(more_articles)
    return "\n".join(out)
