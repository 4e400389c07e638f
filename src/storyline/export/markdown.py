"""stories.md: a readable digest of the payload.

Every piece of text from the articles (titles, outlets, texts, names, ids, dates) passes through
``md_text``, and links only through ``md_link`` (``http(s)`` only): HTML, link and image syntax in
article text stays literal text.
"""

from __future__ import annotations

from typing import Any

from storyline.export.escape import md_link
from storyline.export.escape import md_text as _m
from storyline.wording import story_counts


def _cite(ids: list[str], numbers: dict[str, int]) -> str:
    return "".join(f"\\[{numbers[i]}\\]" for i in ids if i in numbers)


def _comparison(story: dict[str, Any], numbers: dict[str, int]) -> list[str]:
    """What each outlet reports, conflicting claims and quotes."""
    lines: list[str] = []
    if story.get("outlet_facts"):
        lines += ["### What each outlet reports", ""]
        for f in story["outlet_facts"]:
            only = f" — *only {_m(f['only'])}*" if f.get("only") else ""
            outlets = ", ".join(_m(o) for o in f["outlets"])
            lines.append(f"- {_m(f['text'])} {_cite(f['article_ids'], numbers)} ({outlets}){only}")
        lines.append("")
    if story.get("conflicts"):
        lines += ["### Conflicting claims", ""]
        for c in story["conflicts"]:
            lines.append(f"- **{_m(c['about'])}**")
            lines += [
                f"  - {_m(x['by'])}: {_m(x['text'])} {_cite(x['article_ids'], numbers)}" for x in c["claims"]
            ]
        lines.append("")
    if story.get("quotes"):
        lines += ["### Quotes", ""]
        for q in story["quotes"]:
            who = _m(q.get("speaker") or "unattributed")
            lines.append(
                f"- «{_m(q['text'])}» — {who}, {_m(q.get('date') or '?')} {_cite(q['article_ids'], numbers)}"
            )
        lines.append("")
    return lines


def render_markdown(payload: dict[str, Any]) -> str:
    articles = {a["id"]: a for a in payload["articles"]}
    events = {e["id"]: e for e in payload["events"]}
    lines = ["# Stories", ""]
    for story in payload["stories"]:
        numbers = {aid: k + 1 for k, aid in enumerate(story["article_ids"])}
        span = " – ".join(_m(d) for d in (story.get("first_date"), story.get("last_date")) if d)
        lines += [
            f"## {_m(story['title'] or story['id'])}",
            "",
            f"{_m(story['id'])} · {span} · {story_counts(story, ' · ')}",
            "",
        ]
        if story.get("summary"):
            lines += [
                " ".join(f"{_m(c['text'])} {_cite(c['article_ids'], numbers)}" for c in story["summary"]),
                "",
            ]
        if story.get("timeline"):
            lines += ["### Timeline", ""]
            lines += [
                f"- **{_m(t['date'])}** {_m(t['text'])} {_cite(t['article_ids'], numbers)}"
                for t in story["timeline"]
            ]
            lines.append("")
        lines += _comparison(story, numbers)
        lines += ["### Events", ""]
        for eid in story["event_ids"]:
            e = events.get(eid)
            if e:
                lines.append(
                    f"- {_m(e.get('date') or '?')} — {_m(e.get('title') or eid)} "
                    f"({len(e['article_ids'])} articles)"
                )
        lines += ["", "### Sources", ""]
        for aid, n in numbers.items():
            a = articles.get(aid, {})
            meta = ", ".join(_m(x) for x in (a.get("source"), a.get("published")) if x)
            lines.append(
                f"{n}. {md_link(a.get('title') or aid, a.get('url'))}" + (f" ({meta})" if meta else "")
            )
        lines.append("")
    return "\n".join(lines)
