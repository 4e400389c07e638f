"""stories.md: a readable digest of the payload."""

from __future__ import annotations

from typing import Any


def _cite(ids: list[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{numbers[i]}]" for i in ids if i in numbers)


def _comparison(story: dict[str, Any], numbers: dict[str, int]) -> list[str]:
    """What each outlet reports, conflicting claims and quotes."""
    lines: list[str] = []
    if story.get("outlet_facts"):
        lines += ["### What each outlet reports", ""]
        for f in story["outlet_facts"]:
            only = f" — *only {f['only']}*" if f.get("only") else ""
            lines.append(
                f"- {f['text']} {_cite(f['article_ids'], numbers)} ({', '.join(f['outlets'])}){only}"
            )
        lines.append("")
    if story.get("conflicts"):
        lines += ["### Conflicting claims", ""]
        for c in story["conflicts"]:
            lines.append(f"- **{c['about']}**")
            lines += [f"  - {x['by']}: {x['text']} {_cite(x['article_ids'], numbers)}" for x in c["claims"]]
        lines.append("")
    if story.get("quotes"):
        lines += ["### Quotes", ""]
        for q in story["quotes"]:
            who = q.get("speaker") or "unattributed"
            lines.append(
                f"- «{q['text']}» — {who}, {q.get('date') or '?'} {_cite(q['article_ids'], numbers)}"
            )
        lines.append("")
    return lines


def render_markdown(payload: dict[str, Any]) -> str:
    articles = {a["id"]: a for a in payload["articles"]}
    events = {e["id"]: e for e in payload["events"]}
    lines = ["# Stories", ""]
    for story in payload["stories"]:
        numbers = {aid: k + 1 for k, aid in enumerate(story["article_ids"])}
        span = " – ".join(d for d in (story.get("first_date"), story.get("last_date")) if d)
        lines += [
            f"## {story['title'] or story['id']}",
            "",
            f"`{story['id']}` · {span} · {len(story['event_ids'])} events · "
            f"{len(story['article_ids'])} articles · {len(story.get('outlets', []))} outlets",
            "",
        ]
        if story.get("summary"):
            lines += [
                " ".join(f"{c['text']} {_cite(c['article_ids'], numbers)}" for c in story["summary"]),
                "",
            ]
        if story.get("timeline"):
            lines += ["### Timeline", ""]
            lines += [
                f"- **{t['date']}** {t['text']} {_cite(t['article_ids'], numbers)}" for t in story["timeline"]
            ]
            lines.append("")
        lines += _comparison(story, numbers)
        lines += ["### Events", ""]
        for eid in story["event_ids"]:
            e = events.get(eid)
            if e:
                lines.append(
                    f"- {e.get('date') or '?'} — {e.get('title') or eid} ({len(e['article_ids'])} articles)"
                )
        lines += ["", "### Sources", ""]
        for aid, n in numbers.items():
            a = articles.get(aid, {})
            meta = ", ".join(x for x in (a.get("source"), a.get("published")) if x)
            lines.append(f"{n}. {a.get('title') or aid}" + (f" ({meta})" if meta else ""))
        lines.append("")
    return "\n".join(lines)
