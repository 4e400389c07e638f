"""The HTML of story pages, shared by report.html and the web app (``storyline.web``): every piece of text
is escaped, and links to sources are only http(s).

``story_index`` is the list of stories (most important first) and ``story_section`` one story: the cited
summary, who is involved, the timeline drawn as SVG, what each outlet reports, conflicting claims side by
side, quotes, events and the articles themselves with their entities, dates and quotes marked. ``Links``
says where their links go: ``render_html`` (report.html, one self-contained page) links within the page,
the web app to its own pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, urlsplit

from storyline.export.annotations import STYLE as ANNOTATION_STYLE
from storyline.export.annotations import (
    Involved,
    article_annotations,
    involved_html,
    marked_text,
    who_is_involved,
)
from storyline.export.escape import esc as _e
from storyline.export.svg import timeline_svg
from storyline.wording import counted, story_counts

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


@dataclass(frozen=True, slots=True)
class Links:
    """Where the links of story HTML go (each returns an href, or None for no link)."""

    story: Callable[[str], str]  # story id
    cite: Callable[[str, str, int], str]  # (story id, article id, its number on the page): a citation
    entity: Callable[[str], str | None]  # entity id
    event: Callable[[str], str | None]  # event id
    article: Callable[[str], str | None]  # article id: its own page


def _anchor(story_id: str, article_id: str, number: int) -> str:
    return f"#{story_id}-a{number}"


REPORT_LINKS = Links(
    story=lambda sid: f"#{sid}",
    cite=_anchor,
    entity=lambda _: None,
    event=lambda _: None,
    article=lambda _: None,
)


def path_id(value: str) -> str:
    """An id as one URL path segment."""
    return quote(value, safe="")


WEB_LINKS = Links(
    story=lambda sid: f"/stories/{path_id(sid)}",
    cite=lambda sid, aid, n: f"/articles/{path_id(aid)}",
    entity=lambda eid: f"/entities/{path_id(eid)}",
    event=lambda eid: f"/events/{path_id(eid)}",
    article=lambda aid: f"/articles/{path_id(aid)}",
)


def safe_url(url: object) -> str | None:
    """``url`` when it is an http(s) URL with a host, else None (no javascript:, data:, relative ...)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def _cites(ids: list[str], story_id: str, numbers: dict[str, int], links: Links = REPORT_LINKS) -> str:
    nums = sorted({(numbers[i], i) for i in ids if i in numbers})
    return "".join(f'<sup><a href="{_e(links.cite(story_id, a, n))}">[{n}]</a></sup>' for n, a in nums)


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
    return f"{counted(len(outlets), 'outlet')}: {head}" + (f" and {more} more" if more > 0 else "")


def story_index(stories: list[dict[str, Any]], links: Links = REPORT_LINKS) -> str:
    """The list of stories (dicts of stories.json), in the order given."""
    out = ["<nav><h2>Stories</h2><ol>"]
    for s in stories:
        out.append(
            f'<li><a href="{_e(links.story(s["id"]))}">{_e(s.get("title") or s["id"])}</a> '
            f'<span class="meta">{_e(s.get("first_date"))} – {_e(s.get("last_date"))}, '
            f"{story_counts(s, ', ')} · {_e(s.get('rank_reason') or '')}</span></li>"
        )
    out.append("</ol></nav>")
    return "".join(out)


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


def _events(s: dict[str, Any], events: dict[str, Any], numbers: dict[str, int], links: Links) -> list[str]:
    out = ["<h3>Events</h3><ul>"]
    shown = 0
    for eid in s["event_ids"]:
        e = events.get(eid)
        if e:
            shown += 1
            href = links.event(eid)
            title = _e(e.get("title") or eid)
            out.append(
                f"<li><b>{_e(e.get('date'))}</b> "
                + (f'<a href="{_e(href)}">{title}</a>' if href else title)
                + f"{_cites(e['article_ids'], s['id'], numbers, links)}</li>"
            )
    out.append("</ul>")
    if shown < len(s["event_ids"]):
        out.append(f'<p class="meta">{shown} of the {len(s["event_ids"])} events are listed here.</p>')
    return out


def article_links(a: dict[str, Any], links: Links) -> str:
    """Links to an article's own page and to its source (http/https only)."""
    parts = []
    page = links.article(str(a.get("id")))
    if page:
        parts.append(f'<a href="{_e(page)}">article page</a>')
    url = safe_url(a.get("url"))
    if url:
        parts.append(f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">source</a>')
    return f' <span class="meta">{" · ".join(parts)}</span>' if parts else ""


def story_section(
    s: dict[str, Any],
    articles: dict[str, Any],
    events: dict[str, Any],
    links: Links = REPORT_LINKS,
    involved: list[Involved] | None = None,
) -> str:
    """One story (a dict of stories.json) with its events and articles (dicts by id). An article given
    without its ``text`` is listed by its title alone; ``involved`` (entity id, type, name, articles) is
    who is involved when it was counted elsewhere (else it is counted from the articles' entities)."""
    sid = s["id"]
    numbers = {aid: k + 1 for k, aid in enumerate(s["article_ids"])}
    out = [f'<section class="story" id="{_e(sid)}"><h2>{_e(s.get("title") or sid)}</h2>']
    out.append(
        f'<p class="meta">{_e(sid)} · {_e(s.get("first_date"))} – {_e(s.get("last_date"))} · '
        f"{_e(_outlets_line(s.get('outlets', [])))} · {_e(s.get('rank_reason') or '')}</p>"
    )
    if s.get("summary"):
        out.append("<h3>Summary</h3><p>")
        out += [f"{_e(c['text'])}{_cites(c['article_ids'], sid, numbers, links)} " for c in s["summary"]]
        out.append("</p>")
    if involved is None:
        out.append(who_is_involved(s["article_ids"], articles, entity_href=links.entity))
    else:
        out.append(involved_html(involved, entity_href=links.entity))
    if s.get("timeline"):
        out.append("<h3>Timeline</h3>")

        def source_of(article_id: str, number: int) -> str:
            return links.article(article_id) or links.cite(sid, article_id, number)

        out.append(timeline_svg(s["timeline"], sid, numbers.get, source_of))
    out += _outlet_table(s, numbers)
    out += _conflicts(s, numbers)
    out += _quotes(s, numbers)
    out += _events(s, events, numbers, links)
    out.append("<h3>Articles</h3><ol>")
    listed = 0
    for aid, n in numbers.items():
        a = articles.get(aid)
        if a is None:  # not given: a long story's page lists some of its articles
            continue
        listed += 1
        head = (
            f'{_e(a.get("title") or aid)} <span class="meta">{_e(a.get("source"))} '
            f"{_e(a.get('published'))}</span>"
        )
        if "text" not in a:
            out.append(f'<li id="{_e(sid)}-a{n}">{head}{article_links(a, links)}</li>')
            continue
        out.append(
            f'<li id="{_e(sid)}-a{n}"><details><summary>{head}</summary>{article_links(a, links)}'
            f'<div class="article-text">{marked_text(a)}</div>{article_annotations(a)}</details></li>'
        )
    out.append("</ol>")
    if listed < len(numbers):
        out.append(f'<p class="meta">{listed} of the {len(numbers)} articles are listed here.</p>')
    out.append("</section>")
    return "".join(out)


def page(title: str, body: str, head: str = "", inline_style: bool = True) -> str:
    """A whole HTML document; the style inline (report.html) or given in ``head`` (the web app)."""
    style = f"<style>{STYLE}{ANNOTATION_STYLE}</style>" if inline_style else ""
    return (
        '<!doctype html><html lang="ru"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title>{style}{head}</head><body>{body}</body></html>"
    )


def render_html(payload: dict[str, Any], title: str = "storyline report") -> str:
    """Every story on one page (small payloads: a story, the seeds)."""
    articles = {a["id"]: a for a in payload["articles"]}
    events = {e["id"]: e for e in payload["events"]}
    stories = sorted(payload["stories"], key=lambda s: -float(s.get("score") or 0.0))
    body = [f"<h1>{_e(title)}</h1>", story_index(stories)]
    body += [story_section(s, articles, events) for s in stories]
    return page(title, "\n".join(body))


def story_file(story_id: str) -> str:
    return f"stories/{path_id(story_id)}.html"


def _story_page_links() -> Links:
    """Links inside one story file of the report (its citations on the page, stories beside it)."""
    return replace(REPORT_LINKS, story=lambda sid: f"{path_id(sid)}.html")


def render_report(
    payload: dict[str, Any], title: str = "storyline report", full_texts: int = 30
) -> dict[str, str]:
    """The report as files: ``report.html``, an index of the topics and their stories, and one file per
    story (``stories/<id>.html``), so that a collection of thousands of articles never makes one huge
    page. A story page shows the full text of its ``full_texts`` latest articles and lists the others
    by title."""
    articles = {a["id"]: a for a in payload["articles"]}
    events = {e["id"]: e for e in payload["events"]}
    stories = sorted(payload["stories"], key=lambda s: -float(s.get("score") or 0.0))
    index_links = replace(REPORT_LINKS, story=story_file)
    topics = {t["id"]: t for t in payload.get("topics", [])}
    by_topic: dict[str | None, list[dict[str, Any]]] = {}
    for s in stories:
        by_topic.setdefault(s.get("topic_id") if s.get("topic_id") in topics else None, []).append(s)
    body = [f"<h1>{_e(title)}</h1>"]
    ranked = sorted(topics.values(), key=lambda t: -float(t.get("score") or 0.0))
    for t in ranked:
        members = by_topic.get(t["id"], [])
        if not members:
            continue
        body.append(
            f'<h2>{_e(t.get("title") or t["id"])}</h2><p class="meta">{_e(t["id"])} · '
            f"{_e(t.get('first_date'))} – {_e(t.get('last_date'))} · {len(t.get('story_ids', []))} stories · "
            f"{_e(t.get('articles'))} articles · {_e(t.get('rank_reason') or '')}</p>"
        )
        body.append(story_index(members, index_links))
    if by_topic.get(None):
        body.append(story_index(by_topic[None], index_links))
    files = {"report.html": page(title, "\n".join(body))}
    links = _story_page_links()
    for s in stories:
        ids = sorted(s["article_ids"], key=lambda a: articles.get(a, {}).get("published") or "", reverse=True)
        shown = set(ids[:full_texts])
        own = {
            aid: (a if aid in shown else {k: v for k, v in a.items() if k != "text"})
            for aid, a in articles.items()
            if aid in set(s["article_ids"])
        }
        section = story_section(s, own, events, links)
        back = '<p><a href="../report.html">← all stories</a></p>'
        files[story_file(s["id"])] = page(s.get("title") or s["id"], back + section)
    return files
