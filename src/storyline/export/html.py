"""report.html: one self-contained page (no external assets); every piece of text is escaped.

An index of the stories (most important first), then a section per story: the cited summary, who
is involved, the timeline drawn as SVG, what each outlet reports, conflicting claims side by side,
quotes, events and the articles themselves with their entities, dates and quotes marked.
"""

from __future__ import annotations

from typing import Any

from storyline.export.annotations import STYLE as ANNOTATION_STYLE
from storyline.export.annotations import article_annotations, marked_text, who_is_involved
from storyline.export.escape import esc as _e
from storyline.export.svg import timeline_svg

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2,h3{line-height:1.2} .meta{color:#666;font-size:.9em} .story{border-top:2px solid #ddd;margin-top:2rem}
sup a{text-decoration:none} li{margin:.2rem 0} details{margin:.3rem 0}
.article-text{white-space:pre-wrap;background:#f7f7f7;padding:.5rem;border-radius:4px}
svg.timeline{font:13px system-ui,sans-serif;max-width:100%}
.tl-axis{stroke:#999;stroke-width:1.5} .tl-tick{stroke:#999} .tl-month{fill:#666;font-size:11px}
.tl-mark{fill:#2a6fdb;opacity:.75} .tl-dot{fill:#2a6fdb} .tl-date{fill:#444;font-weight:600}
.tl-text{fill:#222} .tl-cite{fill:#2a6fdb;font-size:11px}
table.outlets{border-collapse:collapse;font-size:.9em;width:100%} .outlets td:first-child{width:60%}
.outlets td,.outlets th{border:1px solid #ddd;
padding:.25rem .4rem;vertical-align:top} .outlets td.mark{text-align:center;color:#2a6fdb}
.only{background:#fff3cd;border-radius:3px;padding:0 .3rem;font-size:.8em;white-space:nowrap}
.claims{display:flex;gap:.8rem;flex-wrap:wrap} .claim{flex:1 1 16rem;border-left:4px solid #d9534f;
background:#fdf4f4;padding:.4rem .6rem} .claim b{display:block}
blockquote{margin:.4rem 0;padding:.3rem .8rem;border-left:4px solid #ccc;background:#fafafa}
"""


def _cites(ids: list[str], story_id: str, numbers: dict[str, int]) -> str:
    nums = sorted({numbers[i] for i in ids if i in numbers})
    return "".join(f'<sup><a href="#{_e(story_id)}-a{n}">[{n}]</a></sup>' for n in nums)


def _outlet_label(name: str, numbers: dict[str, int]) -> str:
    """An article without a known outlet stands for itself: "article <id>" is shown as its number."""
    aid = name[len("article ") :] if name.startswith("article ") else None
    return f"[{numbers[aid]}]" if aid in numbers else name


def _outlets_line(outlets: list[str], shown: int = 8) -> str:
    """A few outlets by name and how many more: a story of 226 outlets does not print a wall of them."""
    if not outlets:
        return "outlets: —"
    head = ", ".join(outlets[:shown])
    more = len(outlets) - shown
    return f"{len(outlets)} outlets: {head}" + (f" and {more} more" if more > 0 else "")


def _index(stories: list[dict[str, Any]]) -> list[str]:
    out = ["<nav><h2>Stories</h2><ol>"]
    for s in stories:
        out.append(
            f'<li><a href="#{_e(s["id"])}">{_e(s.get("title") or s["id"])}</a> '
            f'<span class="meta">{_e(s.get("first_date"))} – {_e(s.get("last_date"))}, '
            f"{len(s['event_ids'])} events, {len(s['article_ids'])} articles, "
            f"{len(s.get('outlets', []))} outlets · {_e(s.get('rank_reason') or '')}</span></li>"
        )
    out.append("</ol></nav>")
    return out


def _outlet_table(s: dict[str, Any], numbers: dict[str, int]) -> list[str]:
    facts = s.get("outlet_facts") or []
    if not facts:
        return []
    outlets = sorted({o for f in facts for o in f["outlets"]})
    out = ["<h3>What each outlet reports</h3>", '<table class="outlets"><tr><th>fact</th>']
    out += [f"<th>{_e(_outlet_label(o, numbers))}</th>" for o in outlets]
    out.append("</tr>")
    for f in facts:
        only = (
            f' <span class="only">only {_e(_outlet_label(f["only"], numbers))}</span>'
            if f.get("only")
            else ""
        )
        out.append(f"<tr><td>{_e(f['text'])}{_cites(f['article_ids'], s['id'], numbers)}{only}</td>")
        out += [f'<td class="mark">{"✓" if o in f["outlets"] else ""}</td>' for o in outlets]
        out.append("</tr>")
    out.append("</table>")
    return out


def _conflicts(s: dict[str, Any], numbers: dict[str, int]) -> list[str]:
    if not s.get("conflicts"):
        return []
    out = ["<h3>Conflicting claims</h3>"]
    for c in s["conflicts"]:
        out.append(f'<div class="conflict"><p><b>{_e(c["about"])}</b></p><div class="claims">')
        for claim in c["claims"]:
            out.append(
                f'<div class="claim"><b>{_e(claim["by"])}</b>{_e(claim["text"])}'
                f"{_cites(claim['article_ids'], s['id'], numbers)}</div>"
            )
        out.append("</div></div>")
    return out


def _quotes(s: dict[str, Any], numbers: dict[str, int]) -> list[str]:
    if not s.get("quotes"):
        return []
    out = ["<h3>Quotes</h3>"]
    for q in s["quotes"]:
        who = _e(q.get("speaker") or "unattributed")
        out.append(
            f"<blockquote>«{_e(q['text'])}»{_cites(q['article_ids'], s['id'], numbers)}"
            f'<br><span class="meta">— {who}, {_e(q.get("date"))}; reported by '
            f"{_e(', '.join(q.get('outlets', [])))}</span></blockquote>"
        )
    return out


def _story(s: dict[str, Any], articles: dict[str, Any], events: dict[str, Any]) -> list[str]:
    sid = s["id"]
    numbers = {aid: k + 1 for k, aid in enumerate(s["article_ids"])}
    out = [f'<section class="story" id="{_e(sid)}"><h2>{_e(s.get("title") or sid)}</h2>']
    out.append(
        f'<p class="meta">{_e(sid)} · {_e(s.get("first_date"))} – {_e(s.get("last_date"))} · '
        f"{_e(_outlets_line(s.get('outlets', [])))} · {_e(s.get('rank_reason') or '')}</p>"
    )
    if s.get("summary"):
        out.append("<h3>Summary</h3><p>")
        out += [f"{_e(c['text'])}{_cites(c['article_ids'], sid, numbers)} " for c in s["summary"]]
        out.append("</p>")
    out.append(who_is_involved(s["article_ids"], articles))
    if s.get("timeline"):
        out.append("<h3>Timeline</h3>")
        out.append(timeline_svg(s["timeline"], sid, numbers.get))
    out += _outlet_table(s, numbers)
    out += _conflicts(s, numbers)
    out += _quotes(s, numbers)
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
            f'<div class="article-text">{marked_text(a)}</div>{article_annotations(a)}</details></li>'
        )
    out.append("</ol></section>")
    return out


def render_html(payload: dict[str, Any], title: str = "storyline report") -> str:
    articles = {a["id"]: a for a in payload["articles"]}
    events = {e["id"]: e for e in payload["events"]}
    stories = sorted(payload["stories"], key=lambda s: -float(s.get("score") or 0.0))
    out = [
        f'<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{_e(title)}</title>',
        f"<style>{STYLE}{ANNOTATION_STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
    ]
    out += _index(stories)
    for s in stories:
        out += _story(s, articles, events)
    out.append("</body></html>")
    return "\n".join(out)
