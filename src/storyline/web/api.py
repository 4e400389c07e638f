"""The REST API under ``/api/v1``: JSON in and out, the same objects as ``stories.json``."""

from __future__ import annotations

import asyncio
import base64
import binascii
import dataclasses
import hmac
import json
import re
import time
from collections.abc import AsyncIterator
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sse_starlette.sse import EventSourceResponse

from storyline.export.html import path_id
from storyline.export.payload import article_dict
from storyline.model import ArticleEntry, StoryBrief
from storyline.web import schemas
from storyline.web.service import BadLine, Service

PREFIX = "/api/v1"
NDJSON = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-seq")
SNIPPET_CHARS = 240


def error(status: int, message: str, headers: dict[str, str] | None = None) -> HTTPException:
    return HTTPException(status, message, headers)


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    text = {
        400: "bad request",
        401: "missing or wrong bearer token",
        403: "writes are disabled: no token is configured",
        404: "not found",
        413: "request body over the size limit",
        503: "the writer cannot take articles now",
    }
    return {c: {"model": schemas.Error, "description": text[c]} for c in codes}


MOVED: dict[int | str, dict[str, Any]] = {
    301: {"description": "a merged id: Location names the surviving one"}
}


def service_of(request: Request) -> Service:
    svc: Service = request.app.state.service
    return svc


Svc = Annotated[Service, Depends(service_of)]


def require_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <token>``; without a configured token they are refused."""
    expected = service_of(request).token
    if not expected:
        raise error(
            403,
            "writes are disabled because no API token is configured: start the server with "
            'STORYLINE_API_TOKEN=<token> in the environment (or token = "..." in the [web] section '
            "of the config file) and send 'Authorization: Bearer <token>'",
        )
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    given = value.strip().encode("utf-8", "surrogateescape")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given, expected.encode("utf-8")):
        raise error(
            401,
            "missing or wrong token: send 'Authorization: Bearer <token>' with the server's token",
            {"WWW-Authenticate": 'Bearer realm="storyline"'},
        )


def encode_cursor(brief: StoryBrief) -> str:
    raw = json.dumps([brief.score, brief.id]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[float, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        score, sid = json.loads(raw)
        if isinstance(score, bool) or not isinstance(score, int | float) or not isinstance(sid, str):
            raise ValueError(cursor)
        return float(score), sid
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise error(400, "bad cursor: pass the next_cursor of a previous page") from exc


def snippet(text: str, words: list[str], size: int = SNIPPET_CHARS) -> str:
    """A piece of ``text`` around the first place a query word's beginning appears."""
    low = text.casefold()
    positions = [p for w in words if len(w) >= 3 and (p := low.find(w.casefold()[: max(3, len(w) - 2)])) >= 0]
    at = min(positions) if positions else 0
    start = max(0, at - size // 3)
    piece = text[start : start + size].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + size < len(text) else "")


def article_json(entry: ArticleEntry, story_id: str | None) -> dict[str, Any]:
    return {**article_dict(entry), "story_id": story_id}


def make_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX)

    @router.post(
        "/articles",
        dependencies=[Depends(require_token)],
        response_model=schemas.IngestResult,
        responses=_errors(400, 401, 403, 413, 503),
        openapi_extra={"requestBody": schemas.ingest_body_schema()},
        summary="Add articles (one record, a JSON array, or JSONL) and update events and stories",
    )
    async def post_articles(request: Request, svc: Svc) -> Response:
        limit = int(svc.config.web.max_request_mb * 2**20)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise error(413, f"the body is over {svc.config.web.max_request_mb:g} MB (web.max_request_mb)")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise error(
                    413, f"the body is over {svc.config.web.max_request_mb:g} MB (web.max_request_mb)"
                )
        records = parse_body(bytes(body), request.headers.get("content-type", ""))
        if not records:
            raise error(400, "no articles in the body")
        if svc.writer.error is not None:
            raise error(503, f"the database cannot be written: {svc.writer.error}")
        future = svc.writer.submit(records)
        try:
            results = await asyncio.wrap_future(future)
        except Exception as exc:
            raise error(503, f"the ingest failed: {exc}") from exc
        counts = {
            s: sum(1 for r in results if r.status == s) for s in ("added", "changed", "unchanged", "rejected")
        }
        return JSONResponse({"articles": [r.as_dict() for r in results], **counts})

    @router.get("/stories", response_model=schemas.StoryList, responses=_errors(400))
    def list_stories(
        svc: Svc,
        limit: Annotated[int, Query(ge=1, le=1000)] = 20,
        cursor: str | None = None,
        since: date | None = None,
        until: date | None = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
        entity: str | None = None,
        lang: str | None = None,
        outlet: str | None = None,
    ) -> Response:
        """The ranked story list (most important first), a page at a time."""
        limit = min(limit, svc.config.web.max_page_size)
        after = decode_cursor(cursor) if cursor else None
        briefs = svc.reader().store.story_page(
            limit + 1,
            after,
            since.isoformat() if since else None,
            until.isoformat() if until else None,
            q,
            entity,
            lang,
            outlet,
        )
        more = len(briefs) > limit
        briefs = briefs[:limit]
        return JSONResponse(
            {
                "stories": [dataclasses.asdict(b) for b in briefs],
                "next_cursor": encode_cursor(briefs[-1]) if more and briefs else None,
            }
        )

    @router.get("/stories/{story_id}", response_model=schemas.StoryOut, responses={**MOVED, **_errors(404)})
    def get_story(svc: Svc, story_id: Annotated[str, Path()]) -> Response:
        store = svc.reader().store
        survivor = store.resolve(story_id)
        if survivor != story_id:
            return RedirectResponse(f"{PREFIX}/stories/{path_id(survivor)}", 301)
        found = store.story_json(story_id)
        if found is None:
            raise error(404, f"no story {story_id!r} (see /api/v1/stories)")
        return Response(found[0], media_type="application/json")

    @router.get("/events/{event_id}", response_model=schemas.EventOut, responses={**MOVED, **_errors(404)})
    def get_event(svc: Svc, event_id: str) -> Response:
        store = svc.reader().store
        survivor = store.resolve(event_id)
        if survivor != event_id:
            return RedirectResponse(f"{PREFIX}/events/{path_id(survivor)}", 301)
        found = store.events([event_id])
        if not found:
            raise error(404, f"no event {event_id!r}")
        event, story_id = found[0]
        return JSONResponse({**dataclasses.asdict(event), "story_id": story_id})

    @router.get("/articles/{article_id}", response_model=schemas.ArticleOut, responses=_errors(404))
    def get_article(svc: Svc, article_id: str) -> Response:
        found = article_entry(svc, article_id)
        if found is None:
            raise error(404, f"no article {article_id!r}")
        return JSONResponse(article_json(*found))

    @router.get("/entities", response_model=schemas.EntityList)
    def find_entities(
        svc: Svc,
        q: Annotated[str, Query(min_length=1, max_length=200)],
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
    ) -> Response:
        """Entities whose normal form contains ``q`` (case-insensitive), the most mentioned first."""
        found = svc.reader().store.find_entities(q, limit)
        return JSONResponse({"entities": [dataclasses.asdict(e) for e in found]})

    @router.get("/entities/{entity_id}", response_model=schemas.EntityPage, responses=_errors(404))
    def get_entity(svc: Svc, entity_id: str) -> Response:
        page = entity_page(svc, entity_id)
        if page is None:
            raise error(404, f"no entity {entity_id!r}")
        return JSONResponse(page)

    @router.get("/search", response_model=schemas.SearchResult)
    def search(
        svc: Svc,
        q: Annotated[str, Query(min_length=1, max_length=200)],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    ) -> Response:
        """Full-text search over articles: every word, in any of its forms («Алиев» finds «Алиевым»)."""
        return JSONResponse({"query": q, "results": search_hits(svc, q, limit, offset)})

    @router.get("/changes", response_model=schemas.Changes)
    def changes(svc: Svc, since: Annotated[int, Query(ge=0)] = 0) -> Response:
        """Stories created, changed, merged or deleted after generation ``since`` (the polling form of
        the stream)."""
        store = svc.reader().store
        generation = store.generation()
        found = store.story_changes(since) if since < generation else []
        return JSONResponse({"generation": generation, "changes": [dataclasses.asdict(c) for c in found]})

    @router.get(
        "/stream",
        response_class=Response,
        responses={200: {"content": {"text/event-stream": {"schema": {"type": "string"}}}}},
    )
    async def stream(
        request: Request,
        svc: Svc,
        since: Annotated[int | None, Query(ge=0)] = None,
        max_events: Annotated[int | None, Query(ge=1)] = None,
        timeout: Annotated[float | None, Query(gt=0)] = None,
    ) -> Response:
        """Server-sent events: one ``story`` event per story created, changed, merged or deleted (data:
        a change as in ``/changes``; id: its generation). ``since`` (or the Last-Event-ID header) replays
        the changes after that generation first; ``max_events`` and ``timeout`` end the stream."""
        last = request.headers.get("last-event-id", "")
        start = since if since is not None else (int(last) if last.isdigit() else None)
        return EventSourceResponse(
            _events(request, svc, start, max_events, timeout), ping=15, send_timeout=30
        )

    return router


async def _events(
    request: Request, svc: Service, since: int | None, max_events: int | None, timeout: float | None
) -> AsyncIterator[dict[str, str]]:
    queue = svc.broker.subscribe()
    svc.metrics.set("storyline_stream_clients", svc.broker.clients)
    deadline = time.monotonic() + timeout if timeout else None
    sent = 0
    try:
        generation = await run_in_threadpool(lambda: svc.reader().store.generation())
        yield {"event": "hello", "data": json.dumps({"generation": generation})}
        seen = since if since is not None else generation
        if since is not None and since < generation:
            for change in await run_in_threadpool(lambda: svc.reader().store.story_changes(since)):
                yield {
                    "event": "story",
                    "id": str(change.generation),
                    "data": json.dumps(dataclasses.asdict(change)),
                }
                seen = max(seen, change.generation)
                sent += 1
                if max_events and sent >= max_events:
                    return
        while True:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return
            try:
                item = await asyncio.wait_for(queue.get(), min(left or 5.0, 5.0))
            except TimeoutError:
                if await request.is_disconnected():
                    return
                continue
            if item is None:
                return
            change = item
            if change.generation <= seen and since is not None:
                continue
            yield {
                "event": "story",
                "id": str(change.generation),
                "data": json.dumps(dataclasses.asdict(change)),
            }
            sent += 1
            if max_events and sent >= max_events:
                return
    finally:
        svc.broker.unsubscribe(queue)
        svc.metrics.set("storyline_stream_clients", svc.broker.clients)


# ---------------------------------------------------------------- shared with the pages
def parse_body(body: bytes, content_type: str) -> list[Any]:
    """The records of a POST body: a JSON object, a JSON array, or JSONL (one record a line; a bad line
    becomes a rejected record with its line number)."""
    media = content_type.split(";", 1)[0].strip().lower()
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(400, f"the body is not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    if media in NDJSON:
        records: list[Any] = []
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except ValueError as exc:
                records.append(BadLine(f"not JSON ({exc})"))
        return [_record(r) for r in records]
    try:
        data = json.loads(text) if text.strip() else None
    except ValueError as exc:
        raise error(
            400, f"the body is not JSON ({exc}); send a record, an array, or application/x-ndjson lines"
        ) from exc
    if data is None:
        return []
    return [_record(r) for r in (data if isinstance(data, list) else [data])]


def _record(item: Any) -> dict[str, Any]:
    """A record as the ingest takes it: only JSON objects (a string would be read as a path)."""
    return item if isinstance(item, dict) else BadLine("a record must be a JSON object")


def article_entry(svc: Service, article_id: str) -> tuple[ArticleEntry, str | None] | None:
    store = svc.reader().store
    with store.reading():
        found = store.articles([article_id])
        if not found:
            return None
        state = store.memberships([article_id]).get(article_id)
        event_id = state.event_id if state and state.grouped else None
        story_id = store.event_story_ids([event_id]).get(event_id) if event_id else None
    return ArticleEntry(found[0], event_id, state.duplicate_of if state else None), story_id


def entity_page(svc: Service, entity_id: str) -> dict[str, Any] | None:
    store = svc.reader().store
    with store.reading():
        entity = store.entity(entity_id)
        if entity is None:
            return None
        stories = store.entity_stories(entity_id)
        quotes = store.entity_quotes(entity_id)
    return {
        **dataclasses.asdict(entity),
        "story_list": [{**dataclasses.asdict(b), "entity_articles": n} for b, n in stories],
        "quotes": [dataclasses.asdict(q) for q in quotes],
    }


WORDS = re.compile(r"[^\W_]+")


def search_hits(svc: Service, q: str, limit: int, offset: int) -> list[dict[str, Any]]:
    store = svc.reader().store
    with store.reading():
        hits = store.search(q, limit, offset)
        articles = {a.id: a for a in store.articles([h.article_id for h in hits])}
        state = store.memberships(list(articles))
        events = {m.event_id for m in state.values() if m.event_id and m.grouped}
        stories = store.event_story_ids(events)
    words = WORDS.findall(q)
    out = []
    for h in hits:
        a = articles.get(h.article_id)
        if a is None:
            continue
        m = state.get(a.id)
        event_id = m.event_id if m and m.grouped else None
        out.append(
            {
                "article_id": a.id,
                "title": a.title,
                "published": a.published,
                "source": a.source,
                "url": a.url,
                "event_id": event_id,
                "story_id": stories.get(event_id) if event_id else None,
                "snippet": snippet(a.text, words),
                "rank": h.rank,
            }
        )
    return out
