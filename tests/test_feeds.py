"""``storyline feeds FILE`` against a local HTTP server on 127.0.0.1 serving an RSS feed and pages built from
the real seed articles: new items are fetched and ingested, robots.txt is honoured, failures are retried
with backoff, one host is not asked faster than the rate limit, an unchanged feed costs one 304, and nothing
is lost or ingested twice across restarts (also after a crash between the commit and the state write)."""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("httpx", reason="the web extra is not installed (pip install 'storyline[web]')")
pytest.importorskip("feedparser", reason="the web extra is not installed (pip install 'storyline[web]')")

from storyline.cli import main
from storyline.config import WebConfig
from storyline.engine import Engine
from storyline.ingest.feeds import (
    FeedReader,
    FeedState,
    Fetcher,
    FetchError,
    article_id,
    read_feed_list,
)
from storyline.ingest.seed import parse_seed

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
FAST = WebConfig(feed_timeout=5.0, feed_retries=2, feed_backoff=0.01, feed_host_interval=0.05)


def _page(title: str, body: str, day: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in body.splitlines() if line.strip())
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<meta property="article:published_time" content="{day}"></head><body><nav><a href="/">МенюСайта</a>'
        f"</nav><article><h1>{html.escape(title)}</h1>{paragraphs}</article><footer>© 2025</footer>"
        "</body></html>"
    ).encode()


class Site:
    """Feed, pages and robots.txt; records every request (path, time)."""

    def __init__(self) -> None:
        self.articles: list[dict[str, str]] = []
        for path in sorted(SEEDS.glob("*.txt")):
            doc, _ = parse_seed(path.read_text(encoding="utf-8"), path.stem, str(path))
            assert doc is not None and doc.published
            lines = [x.strip() for x in doc.text.splitlines() if len(x.split()) >= 6]
            self.articles.append(
                {"id": path.stem, "title": lines[0], "text": "\n".join(lines), "day": doc.published}
            )
        self.in_feed = 3
        self.extra_items: list[str] = []
        self.requests: list[tuple[str, float]] = []
        self.flaky: dict[str, int] = {}  # path -> failures left
        self.lock = threading.Lock()

    def feed(self, base: str) -> bytes:
        items = []
        for a in self.articles[: self.in_feed]:
            when = format_datetime(datetime.fromisoformat(a["day"]).replace(hour=12, tzinfo=UTC))
            items.append(
                f"<item><title>{html.escape(a['title'])}</title><link>{base}/news/{a['id']}.html</link>"
                f"<guid>{base}/news/{a['id']}.html</guid><pubDate>{when}</pubDate>"
                f"<description>{html.escape(a['text'][:200])}</description></item>"
            )
        items += self.extra_items
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Тестовая лента</title>'
            f"<link>{base}/</link>{''.join(items)}</channel></rss>"
        ).encode()

    def etag(self) -> str:
        return f'"{self.in_feed}-{len(self.extra_items)}"'


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(
            self, status: int, body: bytes, kind: str = "text/html; charset=utf-8", **headers: str
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k.replace("_", "-"), v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            with state.lock:
                state.requests.append((self.path, time.monotonic()))
                failures = state.flaky.get(self.path, 0)
                if failures:
                    state.flaky[self.path] = failures - 1
            if failures:
                self._send(503, b"busy", Retry_After="0")
            elif self.path == "/robots.txt":
                self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            elif self.path == "/feed.xml":
                if self.headers.get("If-None-Match") == state.etag():
                    self._send(304, b"")
                else:
                    self._send(200, state.feed(base), "application/rss+xml", ETag=state.etag())
            elif self.path.startswith("/news/"):
                stem = self.path.rsplit("/", 1)[1].removesuffix(".html")
                found = [a for a in state.articles if a["id"] == stem]
                if found:
                    self._send(200, _page(found[0]["title"], found[0]["text"], found[0]["day"]))
                else:
                    self._send(404, b"no such page")
            else:
                self._send(404, b"no such page")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _poll(db: Path, state_path: Path, feeds: list[str]) -> Any:
    fetcher = Fetcher(FAST)
    state = FeedState(state_path)
    try:
        with Engine(db) as engine:
            return FeedReader(engine, feeds, state, fetcher).poll(), fetcher.requests
    finally:
        fetcher.close()
        state.close()


def test_feed_items_are_fetched_extracted_and_remembered(site: tuple[Site, str], tmp_path: Path) -> None:
    state, base = site
    feed = f"{base}/feed.xml"
    state.flaky[f"/news/{state.articles[1]['id']}.html"] = 1  # one 503 first: retried
    state.extra_items.append(  # a page robots.txt forbids: the feed's own text is used
        f"<item><title>Закрытая страница</title><link>{base}/private/x.html</link><guid>private-x</guid>"
        "<description>Путин и Алиев обсудили по телефону двусторонние отношения и подготовку встреч."
        "</description>"
        "</item>"
    )
    db, memory = tmp_path / "f.db", tmp_path / "f.state"
    report, _ = _poll(db, memory, [feed])
    assert report.items == 4 and report.ingested == 4 and report.failed == 0
    paths = [p for p, _ in state.requests]
    assert paths.count("/robots.txt") == 1 and "/private/x.html" not in paths
    assert paths.count(f"/news/{state.articles[1]['id']}.html") == 2
    elapsed = state.requests[-1][1] - state.requests[0][1]  # one host, rate-limited (arrival jitter aside)
    assert elapsed >= FAST.feed_host_interval * (len(state.requests) - 1) * 0.9
    with Engine(db) as engine:
        (page,) = engine.store.articles([article_id(f"{base}/news/{state.articles[0]['id']}.html")])
        assert page.title == state.articles[0]["title"] and page.url and page.source == "Тестовая лента"
        assert page.published and page.published.startswith(state.articles[0]["day"])
        body = max(state.articles[0]["text"].splitlines(), key=len)
        assert "МенюСайта" not in page.text and body[:60] in page.text
        (private,) = engine.store.articles([article_id("private-x")])
        assert "двусторонние отношения" in private.text
    # a restart: the unchanged feed costs one conditional request, nothing is fetched again
    state.requests.clear()
    report, _ = _poll(db, memory, [feed])
    assert report.feeds_unchanged == 1 and [p for p, _ in state.requests] == ["/robots.txt", "/feed.xml"]
    # two more items: only they are fetched; the five seed pages make two events of one story
    state.in_feed = 5
    state.requests.clear()
    report, _ = _poll(db, memory, [feed])
    news = sorted(p for p, _ in state.requests if p.startswith("/news/"))
    assert news == sorted(f"/news/{a['id']}.html" for a in state.articles[3:]) and report.ingested == 2
    with Engine(db) as engine:
        assert engine.store.count("articles") == 6 and engine.store.pending_article_ids() == []
        seeds = [article_id(f"{base}/news/{a['id']}.html") for a in state.articles]
        events = {m.event_id for m in engine.store.memberships(seeds).values()}
        stories = set(engine.store.event_story_ids(events).values())
        assert len(events) == 2 and len(stories) == 1


def test_a_crash_before_the_state_is_written_loses_nothing(
    site: tuple[Site, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state, base = site
    feed = f"{base}/feed.xml"
    db, memory = tmp_path / "f.db", tmp_path / "f.state"

    def crash(self: FeedState, feed: str, done: Any) -> None:
        raise KeyboardInterrupt  # killed after the articles were committed and grouped

    monkeypatch.setattr(FeedState, "mark", crash)
    with pytest.raises(KeyboardInterrupt):
        _poll(db, memory, [feed])
    monkeypatch.undo()
    report, _ = _poll(db, memory, [feed])  # the restart reads them again: stored once, unchanged
    assert report.ingested == 3 and report.unchanged == 3 and report.added == 0
    state.in_feed = 5
    assert main(["feeds", str(_list(tmp_path, feed)), "--db", str(db), "--state", str(memory), "--once"]) == 0
    with Engine(db) as engine:
        assert sorted(engine.store.all_article_ids()) == sorted(
            article_id(f"{base}/news/{a['id']}.html") for a in state.articles
        )


def _list(tmp: Path, *urls: str) -> Path:
    path = tmp / "feeds.txt"
    path.write_text("# feeds\n" + "\n".join(urls) + "\n\n", encoding="utf-8")
    return path


def test_failures_are_retried_with_backoff_then_reported(site: tuple[Site, str], tmp_path: Path) -> None:
    state, base = site
    slept: list[float] = []
    fetcher = Fetcher(FAST, sleep=slept.append)
    try:
        state.flaky["/feed.xml"] = 10
        with pytest.raises(FetchError, match="gave up after 3 attempts"):
            fetcher.get(f"{base}/feed.xml")
        backoffs = [s for s in slept if s > FAST.feed_host_interval]
        assert backoffs == [] or backoffs == sorted(backoffs)
        assert sum(1 for p, _ in state.requests if p == "/feed.xml") == 3
        # a page that keeps failing is retried on the next poll, not marked as seen
        state.flaky = {f"/news/{state.articles[0]['id']}.html": 100}
        with Engine(tmp_path / "f.db") as engine:
            memory = FeedState(tmp_path / "f.state")
            reader = FeedReader(engine, [f"{base}/feed.xml"], memory, fetcher)
            first = reader.poll()
            assert (
                first.failed == 1 and first.ingested == 2 and any("trying again" in p for p in first.problems)
            )
            state.flaky.clear()
            second = reader.poll()  # the feed is asked for in full again (no ETag kept), the page fetched
            assert second.ingested == 1 and second.failed == 0
            memory.close()
        closed = Fetcher(FAST, sleep=slept.append)
        with pytest.raises(FetchError):
            closed.get("http://127.0.0.1:9/nothing-listens-here")  # connection refused, retried, reported
        closed.close()
    finally:
        fetcher.close()


def test_the_feed_list_is_checked(tmp_path: Path) -> None:
    path = _list(tmp_path, "https://example.org/rss", "  http://example.org/atom.xml  # comment")
    assert read_feed_list(path) == ["https://example.org/rss", "http://example.org/atom.xml"]
    bad = _list(tmp_path, "file:///etc/passwd")
    from storyline.errors import StorylineError

    with pytest.raises(StorylineError, match="not an http"):
        read_feed_list(bad)
