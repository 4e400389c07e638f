"""The FastAPI application: the REST API (``/api/v1``), the web pages, ``/healthz``, ``/metrics`` and the
API reference at ``/docs``. ``create_app(db, config)`` builds it; ``storyline serve`` runs it."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import HTTPException
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from storyline.config import Config
from storyline.export.annotations import STYLE as ANNOTATION_STYLE
from storyline.export.html import STYLE
from storyline.web import schemas
from storyline.web.api import PREFIX, make_router
from storyline.web.pages import docs_page, html_page, make_pages
from storyline.web.service import Service

log = logging.getLogger(__name__)

TOKEN_ENV = "STORYLINE_API_TOKEN"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
WEB_STYLE = """
body{margin:0 auto;padding:0 .8rem 2rem}
header.top{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center;padding:.6rem 0;
border-bottom:1px solid #ddd}
a.home{font-weight:700;font-size:1.2em;text-decoration:none;color:#222}
form.search{display:flex;gap:.3rem;flex:1 1 16rem}
form.search input{flex:1;min-width:0;font-size:1em;padding:.3rem}
form.dates{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.4rem 0}
ol.stories,ol.hits{padding-left:1.4rem} li.brief,ol.hits li{margin:.7rem 0}
a.headline{font-weight:600;font-size:1.05em}
.teaser{margin:.2rem 0;color:#333} .story{border-top:none;margin-top:0} main{overflow-wrap:anywhere}
table.outlets{display:block;overflow-x:auto} section.op{border-top:1px solid #eee;margin-top:1rem}
footer{margin-top:2rem;border-top:1px solid #eee;padding-top:.5rem}
@media (max-width:600px){body{font-size:16px} h1{font-size:1.4em} h2{font-size:1.2em}}
"""


def css() -> str:
    return STYLE + ANNOTATION_STYLE + WEB_STYLE


def api_token(config: Config, environ: dict[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    return env.get(TOKEN_ENV) or config.web.token or None


def create_app(db: str, config: Config | None = None, token: str | None = None) -> FastAPI:
    """The app over the database ``db`` (a SQLite file or a postgresql:// URL). ``token``: the bearer token
    for writes (default: ``$STORYLINE_API_TOKEN``, else ``web.token`` of the config)."""
    cfg = config or Config()
    if str(db) == ":memory:":
        from storyline.errors import StorylineError

        raise StorylineError("storyline serve needs a database file or URL, not ':memory:'")
    service = Service(str(db), cfg, token if token is not None else api_token(cfg))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.start(asyncio.get_running_loop())
        follower = asyncio.create_task(service.follow_changes(run_in_threadpool))
        try:
            yield
        finally:
            follower.cancel()
            await run_in_threadpool(service.stop)

    app = FastAPI(
        title="storyline",
        version="1",
        description="News articles in; events, stories, timelines, entities, quotes and cited summaries "
        "out. Reads are public; writes need 'Authorization: Bearer <token>'.",
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    app.include_router(make_router())
    app.include_router(make_pages())

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components["ArticleIn"] = schemas.ArticleIn.model_json_schema(
                ref_template="#/components/schemas/{model}"
            )
            schema.setdefault("components", {})["securitySchemes"] = {
                "bearer": {"type": "http", "scheme": "bearer"}
            }
            post = schema["paths"][f"{PREFIX}/articles"]["post"]
            post["security"] = [{"bearer": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.middleware("http")
    async def measure(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        try:
            response = await call_next(request)
        except Exception:
            log.exception("%s %s failed", request.method, request.url.path)
            response = _failure(request)
        route = request.scope.get("route")
        name = getattr(route, "path", "unmatched")
        if not request.url.path.startswith(f"{PREFIX}/stream"):
            service.metrics.observe(
                "storyline_http_request_seconds", time.perf_counter() - started, {"route": name}
            )
        service.metrics.inc(
            "storyline_http_requests_total",
            {"route": name, "method": request.method, "status": str(response.status_code)},
        )
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/") or exc.status_code in (401, 403, 413):
            return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
        return html_page("Error", f"<h1>{exc.status_code}</h1><p>{exc.detail}</p>", status=exc.status_code)

    @app.get(
        "/healthz",
        response_model=schemas.Health,
        tags=["service"],
        responses={503: {"model": schemas.Health, "description": "the writer is down"}},
    )
    def healthz() -> Response:
        """Alive, and the generation of the database (moves with every applied update)."""
        generation = service.reader().store.generation()
        writer = "ok" if service.writer.alive and service.writer.error is None else "down"
        return JSONResponse(
            {"status": "ok" if writer == "ok" else "degraded", "generation": generation, "writer": writer},
            200 if writer == "ok" else 503,
        )

    @app.get(
        "/metrics",
        response_class=PlainTextResponse,
        tags=["service"],
        responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
    )
    def metrics() -> Response:
        """Prometheus text format: articles ingested, update latency, request latency histograms."""
        return PlainTextResponse(service.metrics.render(), media_type="text/plain; version=0.0.4")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> Response:
        return html_page("API", docs_page(app.openapi()))

    @app.get("/static/storyline.css", include_in_schema=False)
    def stylesheet() -> Response:
        return Response(css(), media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    @app.get("/static/live.js", include_in_schema=False)
    def live_js() -> Response:
        text = resources.files("storyline.web").joinpath("static/live.js").read_text(encoding="utf-8")
        return Response(text, media_type="text/javascript", headers={"Cache-Control": "max-age=3600"})

    return app


def _failure(request: Request) -> Response:
    message = "internal error; the server log has the details"
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, 500)
    return html_page("Error", f"<h1>Error</h1><p>{message}</p>", status=500)
