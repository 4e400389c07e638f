"""The web app: server-rendered pages over the same views and the same renderer as report.html
(``storyline.export.html``). No JavaScript is needed to read them; ``/static/live.js`` refreshes the front
page and an open story page when the stories change (server-sent events, polling where they fail)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.annotate.coref import apply_entity_map
from storyline.errors import NotFoundError
from storyline.export.annotations import article_annotations, marked_text
from storyline.export.escape import esc as _e
from storyline.export.html import WEB_LINKS, page, path_id, safe_url, story_section
from storyline.export.payload import article_dict
from storyline.model import ArticleEntry, StoryBrief
from storyline.web.api import decode_cursor, encode_cursor, entity_page, search_hits
from storyline.web.service import Service

HEAD = '<link rel="stylesheet" href="/static/storyline.css"><script src="/static/live.js" defer></script>'
NO_SCRIPT_REFRESH = '<noscript><meta http-equiv="refresh" content="60"></noscript>'


def _service(request: Request) -> Service:
    svc: Service = request.app.state.service
    return svc


def _date(value: str | None) -> str | None:
    """A YYYY-MM-DD value of a form field, or None."""
    if not value:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def html_page(
    title: str,
    main: str,
    *,
    live: str | None = None,
    story: str | None = None,
    generation: int = 0,
    status: int = 200,
    query: str = "",
) -> HTMLResponse:
    attrs = ""
    head = HEAD
    if live:
        attrs = f' data-live="{_e(live)}" data-generation="{generation}"'
        if story:
            attrs += f' data-story="{_e(story)}"'
        head += NO_SCRIPT_REFRESH
    header = (
        '<header class="top"><a class="home" href="/">storyline</a>'
        '<form class="search" action="/search" method="get" role="search">'
        f'<input type="search" name="q" value="{_e(query)}" placeholder="Search articles" '
        'aria-label="search">'
        '<button type="submit">Search</button></form></header>'
    )
    body = (
        f'{header}<main id="main"{attrs}>{main}</main>'
        '<p id="live-note" class="meta" role="status" aria-live="polite"></p>'
        '<footer class="meta"><a href="/docs">API</a> · <a href="/api/v1/openapi.json">OpenAPI</a></footer>'
    )
    doc = page(f"{title} · storyline", body, head, inline_style=False)
    return HTMLResponse(doc, status_code=status)


def not_found(message: str) -> HTMLResponse:
    return html_page("Not found", f"<h1>Not found</h1><p>{_e(message)}</p>", status=404)


def brief_item(b: StoryBrief, summary: str | None, extra: str = "") -> str:
    span = " – ".join(_e(d) for d in dict.fromkeys((b.first_date, b.last_date)) if d) or "undated"
    teaser = f'<p class="teaser">{_e(summary)}</p>' if summary else ""
    return (
        f'<li class="brief"><a class="headline" href="/stories/{_e(path_id(b.id))}">{_e(b.title or b.id)}</a>'
        f'<div class="meta">{span} · {b.outlets} outlet{"s" if b.outlets != 1 else ""} · '
        f"{b.events} event{'s' if b.events != 1 else ''} · {b.articles} article"
        f"{'s' if b.articles != 1 else ''}{extra}</div>{teaser}</li>"
    )


def story_data(
    svc: Service, story_id: str
) -> tuple[int, dict[str, Any], dict[str, Any], dict[str, Any], list[tuple[str, str, str, int]]]:
    """What a story page shows, read at a cost that does not grow with the story: the story view, its
    latest ``web.story_list`` events and articles (titles), the full annotated text of at most
    ``web.story_articles`` articles (those its summary cites first, then the latest), and who is involved
    (from the store's index)."""
    store = svc.reader().store
    with store.reading():
        generation = store.generation()
        found = store.story_json(story_id)
        if found is None:
            raise NotFoundError(f"no story {story_id!r}")
        story: dict[str, Any] = json.loads(found[0])
        entity_map = {k: (v[0], v[1]) for k, v in json.loads(found[1]).items()}
        listed = svc.config.web.story_list
        for key in ("conflicts", "quotes"):  # a long story can have hundreds
            story[key] = story.get(key, [])[:listed]
        stored = store.events(story["event_ids"][-listed:])  # the latest events
        events = {e.id: {**dataclasses.asdict(e), "story_id": sid} for e, sid in stored}
        cited = [a for c in story.get("summary", []) for a in c["article_ids"]]
        ids = story["article_ids"]
        chosen = list(dict.fromkeys([*cited, *reversed(ids)]))[: svc.config.web.story_articles]
        heads = store.article_heads([*chosen, *ids[-listed:]])
        full = store.articles(chosen)
        state = store.memberships(chosen)
        involved = store.story_involved(story_id)
    articles: dict[str, Any] = dict(heads)
    for a in full:
        m = state.get(a.id)
        event_id, copy_of = (m.event_id, m.duplicate_of) if m else (None, None)
        articles[a.id] = article_dict(ArticleEntry(apply_entity_map(a, entity_map), event_id, copy_of))
    return generation, story, articles, events, involved


def make_pages() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def front(
        request: Request, since: str | None = None, until: str | None = None, cursor: str | None = None
    ) -> Response:
        svc = _service(request)
        size = svc.config.web.page_size
        try:
            after = decode_cursor(cursor) if cursor else None
        except HTTPException:  # a cursor of no page of ours: the first page
            after = None
        store = svc.reader().store
        with store.reading():
            generation = store.generation()
            briefs = store.story_page(size + 1, after, _date(since), _date(until))
            summaries = store.story_summaries([b.id for b in briefs[:size]])
        more = len(briefs) > size
        briefs = briefs[:size]
        since_v, until_v = _date(since) or "", _date(until) or ""
        out = [
            "<h1>Top stories</h1>",
            '<form class="dates" action="/" method="get"><label>from '
            f'<input type="date" name="since" value="{_e(since_v)}"></label> <label>to '
            f'<input type="date" name="until" value="{_e(until_v)}"></label> '
            '<button type="submit">Filter</button></form>',
        ]
        if not briefs:
            out.append(
                '<p class="empty">No stories yet. Add articles with <code>POST /api/v1/articles</code>, '
                "<code>storyline run</code>, <code>storyline watch</code> or "
                "<code>storyline feeds</code>.</p>"
            )
        out.append('<ol class="stories">')
        out += [brief_item(b, summaries.get(b.id)) for b in briefs]
        out.append("</ol>")
        if more and briefs:
            params = {k: v for k, v in (("since", since_v), ("until", until_v)) if v}
            params["cursor"] = encode_cursor(briefs[-1])
            out.append(f'<p><a class="more" href="/?{_e(urlencode(params))}">More stories</a></p>')
        return html_page("Top stories", "".join(out), live="front", generation=generation)

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    def story(request: Request, story_id: str) -> Response:
        svc = _service(request)
        store = svc.reader().store
        survivor = store.resolve(story_id)
        if survivor != story_id:
            return RedirectResponse(f"/stories/{path_id(survivor)}", 301)
        try:
            generation, s, articles, events, involved = story_data(svc, story_id)
        except NotFoundError:
            return not_found(f"no story {story_id!r}")
        body = story_section(s, articles, events, WEB_LINKS, involved)
        return html_page(
            s.get("title") or story_id, body, live="story", story=story_id, generation=generation
        )

    @router.get("/events/{event_id}", response_class=HTMLResponse)
    def event(request: Request, event_id: str) -> Response:
        svc = _service(request)
        engine = svc.reader()
        survivor = engine.store.resolve(event_id)
        if survivor != event_id:
            return RedirectResponse(f"/events/{path_id(survivor)}", 301)
        try:
            ev = engine.event(event_id)
        except NotFoundError:
            return not_found(f"no event {event_id!r}")
        e = ev.event
        out = [f"<h1>{_e(e.title or e.id)}</h1>", f'<p class="meta">{_e(e.id)} · {_e(e.date or "undated")}']
        if ev.story_id:
            out.append(f' · story <a href="/stories/{_e(path_id(ev.story_id))}">{_e(ev.story_id)}</a>')
        out.append("</p>")
        if e.summary:
            out.append("<h2>Summary</h2><p>" + " ".join(_e(c.text) for c in e.summary) + "</p>")
        out.append("<h2>Articles</h2><ol>")
        for entry in ev.articles:
            a = entry.article
            out.append(
                f'<li><a href="/articles/{_e(path_id(a.id))}">{_e(a.title or a.id)}</a> '
                f'<span class="meta">{_e(a.source)} {_e(a.published)}</span></li>'
            )
        out.append("</ol>")
        return html_page(e.title or e.id, "".join(out))

    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(request: Request, article_id: str) -> Response:
        from storyline.web.api import article_entry

        found = article_entry(_service(request), article_id)
        if found is None:
            return not_found(f"no article {article_id!r}")
        entry, story_id = found
        a = article_dict(entry)
        out = [
            f"<h1>{_e(a['title'] or a['id'])}</h1>",
            f'<p class="meta">{_e(a["source"])} · {_e(a["published"])}',
        ]
        if a["event_id"]:
            out.append(f' · event <a href="/events/{_e(path_id(a["event_id"]))}">{_e(a["event_id"])}</a>')
        if story_id:
            out.append(f' · story <a href="/stories/{_e(path_id(story_id))}">{_e(story_id)}</a>')
        out.append("</p>")
        url = safe_url(a["url"])
        if url:
            out.append(
                f'<p>Source: <a class="source" href="{_e(url)}" rel="noopener noreferrer nofollow">'
                f"{_e(url)}</a></p>"
            )
        out.append(f'<div class="article-text">{marked_text(a)}</div>{article_annotations(a)}')
        return html_page(a["title"] or a["id"], "".join(out))

    @router.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity(request: Request, entity_id: str) -> Response:
        found = entity_page(_service(request), entity_id)
        if found is None:
            return not_found(f"no entity {entity_id!r}")
        kinds = {"PER": "person", "ORG": "organisation", "LOC": "place"}
        out = [
            f"<h1>{_e(found['normal'])}</h1>",
            f'<p class="meta">{_e(kinds.get(found["type"], found["type"]))} · {found["stories"]} stories · '
            f"{found['articles']} articles</p>",
            '<h2>Stories</h2><ol class="stories">',
        ]
        for s in found["story_list"]:
            b = StoryBrief(**{k: s[k] for k in (f.name for f in dataclasses.fields(StoryBrief))})
            out.append(brief_item(b, None, f" · named in {s['entity_articles']}"))
        out.append("</ol>")
        if found["quotes"]:
            out.append("<h2>Quotes</h2>")
            for q in found["quotes"]:
                out.append(
                    f'<blockquote>«{_e(q["text"])}»<br><span class="meta">{_e(q["published"])} · '
                    f'<a href="/articles/{_e(path_id(q["article_id"]))}">source article</a>'
                    "</span></blockquote>"
                )
        return html_page(found["normal"], "".join(out))

    @router.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str = "", page_no: int = 0) -> Response:
        svc = _service(request)
        q = q.strip()[:200]
        out = ["<h1>Search</h1>"]
        if q:
            page_no = max(0, min(page_no, 100))
            hits = search_hits(svc, q, 20, 20 * page_no)
            out.append(f'<p class="meta">{len(hits)} result{"s" if len(hits) != 1 else ""} for «{_e(q)}»</p>')
            out.append('<ol class="hits">')
            for h in hits:
                story = (
                    f' · <a href="/stories/{_e(path_id(h["story_id"]))}">story</a>' if h["story_id"] else ""
                )
                out.append(
                    f'<li><a class="headline" href="/articles/{_e(path_id(h["article_id"]))}">'
                    f"{_e(h['title'] or h['article_id'])}</a>"
                    f'<div class="meta">{_e(h["source"])} {_e(h["published"])}{story}</div>'
                    f'<p class="teaser">{_e(h["snippet"])}</p></li>'
                )
            out.append("</ol>")
            if len(hits) == 20:
                more = urlencode({"q": q, "page_no": page_no + 1})
                out.append(f'<p><a class="more" href="/search?{_e(more)}">More results</a></p>')
        else:
            out.append("<p>Type words to find the articles that contain them, in any of their forms.</p>")
        return html_page(f"Search {q}" if q else "Search", "".join(out), query=q)

    return router


def docs_page(schema: dict[str, Any]) -> str:
    """The API reference, rendered on the server from the OpenAPI schema (no assets from elsewhere)."""
    out = [
        f"<h1>{_e(schema['info']['title'])} API {_e(schema['info']['version'])}</h1>",
        f"<p>{_e(schema['info'].get('description', ''))}</p>",
        '<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI '
        f"{_e(schema.get('openapi'))}).</p>",
    ]
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            out.append(f'<section class="op"><h2><code>{_e(method.upper())} {_e(path)}</code></h2>')
            if op.get("summary"):
                out.append(f"<p><b>{_e(op['summary'])}</b></p>")
            if op.get("description"):
                out.append(f'<p class="doc">{_e(op["description"])}</p>')
            params = op.get("parameters", [])
            if params:
                out.append('<table class="outlets"><tr><th>parameter</th><th>in</th><th>required</th></tr>')
                out += [
                    f"<tr><td><code>{_e(p['name'])}</code></td><td>{_e(p['in'])}</td>"
                    f"<td>{'yes' if p.get('required') else 'no'}</td></tr>"
                    for p in params
                ]
                out.append("</table>")
            if "requestBody" in op:
                kinds = ", ".join(op["requestBody"].get("content", {}))
                out.append(f"<p>Body: <code>{_e(kinds)}</code></p>")
            codes = ", ".join(
                f"{_e(code)} {_e(r.get('description', ''))}" for code, r in op.get("responses", {}).items()
            )
            out.append(f'<p class="meta">Answers: {codes}</p></section>')
    return "".join(out)
