"""The annotations of a story's articles in HTML: who is involved, and each article's text with its
entities marked, its dates shown with their resolved values, and its quotes with their speakers.
Every piece of article text is escaped."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from storyline.export.escape import esc as _e

TYPE_LABELS = {"PER": "People", "ORG": "Organisations", "LOC": "Places"}
STYLE = """
mark.PER{background:#e3f0ff} mark.ORG{background:#e9f7e4} mark.LOC{background:#fdf0dc}
mark{border-radius:2px;padding:0 1px} .date{border-bottom:2px dotted #8a5cd1}
.involved{display:flex;gap:1.5rem;flex-wrap:wrap} .involved div{flex:1 1 14rem}
.involved ul{margin:.2rem 0;padding-left:1.1rem} .ann{font-size:.9em;margin:.3rem 0 .6rem}
"""


Involved = tuple[str, str, str, int]  # (entity id, type, name, articles naming it)


def who_is_involved(
    article_ids: list[str],
    articles: dict[str, dict[str, Any]],
    top: int = 8,
    entity_href: Callable[[str], str | None] | None = None,
) -> str:
    """People, organisations and places of a story, by the number of its articles that name them (each
    linked to ``entity_href(entity id)`` when given)."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    seen_in: dict[str, set[str]] = defaultdict(set)
    for aid in article_ids:
        for ent in articles.get(aid, {}).get("entities", []):
            key = ent["entity_id"]
            names[key][ent["normal"]] += 1
            kinds[key] = ent["type"]
            seen_in[key].add(aid)
    rows = []
    for k in names:
        # the longest of the most used forms: "Владимир Путин" rather than "Путин"
        common = names[k].most_common(3)
        rows.append((k, kinds[k], max((n for n, _ in common), key=len), len(seen_in[k])))
    return involved_html(rows, top, entity_href)


def involved_html(
    rows: list[Involved], top: int = 8, entity_href: Callable[[str], str | None] | None = None
) -> str:
    """The "who is involved" block from (entity id, type, name, articles) rows, most named first."""
    if not rows:
        return ""
    out = ['<h3>Who is involved</h3><div class="involved">']
    for kind, label in TYPE_LABELS.items():
        chosen = sorted((r for r in rows if r[1] == kind), key=lambda r: (-r[3], r[0]))[:top]
        if not chosen:
            continue
        out.append(f"<div><b>{label}</b><ul>")
        for key, _, name, count in chosen:
            href = entity_href(key) if entity_href else None
            label_html = f'<a href="{_e(href)}">{_e(name)}</a>' if href else _e(name)
            out.append(
                f"<li>{label_html} <span class='meta'>{count} article{'s' if count > 1 else ''}</span></li>"
            )
        out.append("</ul></div>")
    out.append("</div>")
    return "".join(out)


def marked_text(article: dict[str, Any]) -> str:
    """The article text with entities in <mark> and dates in <span title=value> (non-overlapping)."""
    text: str = article.get("text") or ""
    spans: list[tuple[int, int, str, str]] = []
    for ent in article.get("entities", []):
        spans.append(
            (
                ent["start"],
                ent["stop"],
                f'<mark class="{_e(ent["type"])}" title="{_e(ent["normal"])}">',
                "</mark>",
            )
        )
    for d in article.get("dates", []):
        spans.append((d["start"], d["stop"], f'<span class="date" title="{_e(d["value"])}">', "</span>"))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[str] = []
    pos = 0
    for start, stop, open_tag, close_tag in spans:
        if start < pos or stop > len(text) or start >= stop:
            continue  # overlapping or out of range: the earlier span wins
        out += [_e(text[pos:start]), open_tag, _e(text[start:stop]), close_tag]
        pos = stop
    out.append(_e(text[pos:]))
    return "".join(out)


def article_annotations(article: dict[str, Any]) -> str:
    """Dates with their resolved values and quotes with their speakers, as two short lists."""
    parts: list[str] = []
    dates = article.get("dates", [])
    if dates:
        items = ", ".join(f"{_e(d['text'])} → <b>{_e(d['value'])}</b>" for d in dates)
        parts.append(f"<div class='ann'><b>Dates:</b> {items}</div>")
    quotes = article.get("quotes", [])
    if quotes:
        parts.append("<div class='ann'><b>Quotes:</b><ul>")
        parts += [
            f"<li><b>{_e(q.get('speaker') or 'unattributed')}</b>: «{_e(q['text'])}»</li>" for q in quotes
        ]
        parts.append("</ul></div>")
    return "".join(parts)
