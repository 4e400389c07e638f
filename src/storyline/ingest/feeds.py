"""``storyline feeds FILE``: poll RSS and Atom feeds, fetch each new item's page, ingest it.

- FILE lists feed URLs, one a line (``#`` starts a comment).
- Feeds are parsed with feedparser; a feed is asked for with its last ETag / Last-Modified, so an unchanged
  feed costs one short answer.
- Pages are fetched with httpx: timeouts, retries with exponential backoff on connection errors, 429 and
  5xx (a ``Retry-After`` is honoured up to a cap), at most one request per ``host_interval`` seconds to a
  host, and robots.txt is honoured (RFC 9309: a missing robots.txt allows everything, one that cannot be
  fetched for a server error forbids everything for now). A page is extracted with trafilatura (the HTML
  reader of ``storyline.ingest.html``); when its page cannot be had, an item's own text in the feed is used.
- What has been ingested is remembered in a state file (SQLite) beside the database: an item is marked seen
  only after its article is committed and grouped, so a crash or Ctrl-C loses nothing and a restart reads
  only what is new (an item read twice is ``unchanged`` in the store anyway).
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from storyline.config import WebConfig
from storyline.engine import Engine
from storyline.errors import InputProblem, MissingExtraError, StorylineError

log = logging.getLogger(__name__)

RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 60.0
MAX_PAGE_BYTES = 10 * 2**20
MAX_ATTEMPTS = 5  # polls an item whose page keeps failing is tried before its feed text is used alone


def _httpx() -> Any:
    try:
        import httpx
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingExtraError("httpx", "web") from exc
    return httpx


def _feedparser() -> Any:
    try:
        import feedparser
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingExtraError("feedparser", "web") from exc
    return feedparser


def read_feed_list(path: str | Path) -> list[str]:
    """The feed URLs of a list file (one a line, ``#`` comments, blank lines ignored)."""
    urls = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        url = line.split("#", 1)[0].strip()
        if not url:
            continue
        if urlsplit(url).scheme not in ("http", "https"):
            raise StorylineError(f"{path}:{number}: not an http(s) URL: {url!r}")
        urls.append(url)
    return urls


# ---------------------------------------------------------------- fetching
@dataclass(slots=True)
class Answer:
    status: int
    content: bytes
    headers: Mapping[str, str]
    url: str


class FetchError(StorylineError):
    pass


class Fetcher:
    """Polite HTTP: timeouts, retries with backoff, a per-host rate limit, robots.txt."""

    def __init__(self, config: WebConfig, sleep: Callable[[float], None] = time.sleep) -> None:
        httpx = _httpx()
        self.config = config
        self.sleep = sleep
        self.client = httpx.Client(
            timeout=httpx.Timeout(config.feed_timeout, connect=min(5.0, config.feed_timeout)),
            headers={"User-Agent": config.user_agent},
            follow_redirects=True,
            max_redirects=5,
        )
        self._errors = (httpx.TransportError, httpx.TooManyRedirects)
        self._next: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | bool] = {}
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def _wait_turn(self, host: str) -> None:
        now = time.monotonic()
        at = self._next.get(host, now)
        if at > now:
            self.sleep(at - now)
        self._next[host] = max(at, now) + self.config.feed_host_interval

    def get(self, url: str, headers: Mapping[str, str] | None = None, robots: bool = True) -> Answer:
        """GET ``url``; retried on connection errors, 429 and 5xx. Raises FetchError when it gives up or
        robots.txt forbids it."""
        if robots and not self.allowed(url):
            raise FetchError(f"{url}: robots.txt does not allow it")
        host = urlsplit(url).netloc
        delay = self.config.feed_backoff
        last = ""
        for attempt in range(self.config.feed_retries + 1):
            if attempt:
                self.sleep(delay)
                delay *= 2
            self._wait_turn(host)
            self.requests += 1
            try:
                with self.client.stream("GET", url, headers=dict(headers or {})) as r:
                    body = bytearray()
                    for chunk in r.iter_bytes():
                        body += chunk
                        if len(body) > MAX_PAGE_BYTES:
                            raise FetchError(f"{url}: over {MAX_PAGE_BYTES // 2**20} MB")
                    answer = Answer(r.status_code, bytes(body), dict(r.headers), str(r.url))
            except self._errors as exc:
                last = f"{type(exc).__name__}: {exc}"
                log.info("%s: %s (attempt %d)", url, last, attempt + 1)
                continue
            if answer.status in RETRY_STATUS:
                last = f"HTTP {answer.status}"
                wait = _retry_after(answer.headers.get("retry-after"))
                if wait is not None:
                    delay = max(delay, min(wait, MAX_RETRY_AFTER))
                log.info("%s: %s (attempt %d)", url, last, attempt + 1)
                continue
            return answer
        raise FetchError(f"{url}: gave up after {self.config.feed_retries + 1} attempts ({last})")

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(key)
        if rules is None:
            rules = self._robots[key] = self._fetch_robots(key)
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(self.config.user_agent, url)

    def _fetch_robots(self, origin: str) -> RobotFileParser | bool:
        try:
            answer = self.get(f"{origin}/robots.txt", robots=False)
        except FetchError as exc:
            log.warning("%s/robots.txt unreachable (%s): not fetching from it for now", origin, exc)
            return False
        if answer.status >= 500:
            return False
        if answer.status >= 400:
            return True  # no robots.txt: everything is allowed
        parser = RobotFileParser()
        parser.parse(answer.content.decode("utf-8", "replace").splitlines())
        return parser

    def forget_robots(self) -> None:
        """robots.txt is read again on the next request to each host (once per poll)."""
        self._robots.clear()


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- state
class FeedState:
    """What has been ingested, per feed (SQLite file; one writer: the feeds process)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS seen (feed TEXT NOT NULL, item TEXT NOT NULL, article_id TEXT,"
            " outcome TEXT NOT NULL, at REAL NOT NULL, PRIMARY KEY (feed, item))"
        )
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS attempts (feed TEXT NOT NULL, item TEXT NOT NULL, n INTEGER NOT NULL,"
            " PRIMARY KEY (feed, item))"
        )
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS feeds (feed TEXT PRIMARY KEY, etag TEXT, modified TEXT)"
        )

    def close(self) -> None:
        self.conn.close()

    def seen(self, feed: str, items: Iterable[str]) -> set[str]:
        wanted = list(items)
        out: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT item FROM seen WHERE feed=? AND item IN ({marks})", [feed, *chunk]
            )
            out.update(r[0] for r in rows)
        return out

    def mark(self, feed: str, done: Mapping[str, tuple[str | None, str]]) -> None:
        """item -> (article id, outcome), in one transaction."""
        now = time.time()
        with self.conn:
            self.conn.execute("BEGIN")
            self.conn.executemany(
                "INSERT INTO seen (feed, item, article_id, outcome, at) VALUES (?,?,?,?,?)"
                " ON CONFLICT (feed, item) DO NOTHING",
                [(feed, item, aid, outcome, now) for item, (aid, outcome) in done.items()],
            )
            self.conn.executemany(
                "DELETE FROM attempts WHERE feed=? AND item=?", [(feed, item) for item in done]
            )

    def attempt(self, feed: str, item: str) -> int:
        """Count one more failed attempt at the item's page; the number so far."""
        self.conn.execute(
            "INSERT INTO attempts (feed, item, n) VALUES (?,?,1)"
            " ON CONFLICT (feed, item) DO UPDATE SET n=n+1",
            (feed, item),
        )
        return int(
            self.conn.execute("SELECT n FROM attempts WHERE feed=? AND item=?", (feed, item)).fetchone()[0]
        )

    def validators(self, feed: str) -> tuple[str | None, str | None]:
        row = self.conn.execute("SELECT etag, modified FROM feeds WHERE feed=?", (feed,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_validators(self, feed: str, etag: str | None, modified: str | None) -> None:
        self.conn.execute(
            "INSERT INTO feeds (feed, etag, modified) VALUES (?,?,?) ON CONFLICT (feed) DO UPDATE SET"
            " etag=excluded.etag, modified=excluded.modified",
            (feed, etag, modified),
        )


def default_state_path(db: str) -> Path:
    """``<db>.feeds`` beside a SQLite database; ``./storyline-feeds.state`` for a PostgreSQL URL."""
    from storyline.store import is_postgres_url

    if is_postgres_url(db) or db == ":memory:":
        return Path("storyline-feeds.state")
    return Path(db + ".feeds")


# ---------------------------------------------------------------- items
def item_key(entry: Mapping[str, Any]) -> str | None:
    for key in ("id", "guid", "link"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    title = entry.get("title")
    return f"title:{title.strip()}" if isinstance(title, str) and title.strip() else None


def article_id(key: str) -> str:
    return "feed-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _published(entry: Mapping[str, Any]) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(value)))
    return None


TAGS = re.compile(r"<[^>]+>")


def _feed_text(entry: Mapping[str, Any]) -> str:
    """The item's own text in the feed (content, else summary), without markup."""
    import html

    parts = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, Mapping)]
    text = max(parts, key=len) if parts else str(entry.get("summary", "") or "")
    return html.unescape(TAGS.sub(" ", text)).strip()


@dataclass(slots=True)
class PollReport:
    feeds: int = 0
    feeds_unchanged: int = 0
    items: int = 0
    ingested: int = 0
    added: int = 0
    unchanged: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)


class FeedReader:
    """Polls feeds into one engine, remembering what it has ingested in ``state``."""

    def __init__(
        self,
        engine: Engine,
        feeds: list[str],
        state: FeedState,
        fetcher: Fetcher,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.engine = engine
        self.feeds = feeds
        self.state = state
        self.fetcher = fetcher
        self.on_problem = on_problem

    def _problem(self, report: PollReport, message: str) -> None:
        report.problems.append(message)
        log.warning("%s", message)
        if self.on_problem:
            self.on_problem(message)

    def poll(self) -> PollReport:
        """One pass over every feed."""
        report = PollReport()
        self.fetcher.forget_robots()
        for feed in self.feeds:
            report.feeds += 1
            try:
                self._poll_feed(feed, report)
            except FetchError as exc:
                self._problem(report, str(exc))
        return report

    def _poll_feed(self, feed: str, report: PollReport) -> None:
        etag, modified = self.state.validators(feed)
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
        answer = self.fetcher.get(feed, headers)
        if answer.status == 304:
            report.feeds_unchanged += 1
            return
        if answer.status >= 400:
            raise FetchError(f"{feed}: HTTP {answer.status}")
        parsed = _feedparser().parse(answer.content)
        if parsed.get("bozo") and not parsed.get("entries"):
            raise FetchError(f"{feed}: not a feed ({parsed.get('bozo_exception')})")
        source = str(parsed.get("feed", {}).get("title") or urlsplit(feed).netloc)
        entries = [(item_key(e), e) for e in parsed.get("entries", [])]
        keyed = [(k, e) for k, e in entries if k is not None]
        seen = self.state.seen(feed, [k for k, _ in keyed])
        failed_before = report.failed
        records: list[dict[str, Any]] = []
        items: dict[str, str] = {}  # record id -> item key
        for key, entry in keyed:
            if key in seen or key in items.values():
                continue
            report.items += 1
            record = self._record(feed, key, entry, source, report)
            if record is not None:
                records.append(record)
                items[record["id"]] = key
        if records:
            rejected: dict[str, str] = {}

            def problem(p: InputProblem) -> None:
                if p.skipped:
                    number = int(p.origin.rpartition(":")[2])
                    rejected[records[number - 1]["id"]] = p.message

            result = self.engine.add(records, on_problem=problem)
            self.engine.update()
            report.ingested += len(records) - len(rejected)
            report.added += result.added
            report.unchanged += result.unchanged
            for aid, message in rejected.items():
                self._problem(report, f"{feed}: item {items[aid]!r}: {message}")
            self.state.mark(
                feed,
                {key: (aid, "rejected" if aid in rejected else "ingested") for aid, key in items.items()},
            )
        if report.failed == failed_before:  # else the next poll must get the whole feed to retry the items
            self.state.set_validators(feed, answer.headers.get("etag"), answer.headers.get("last-modified"))

    def _record(
        self, feed: str, key: str, entry: Mapping[str, Any], source: str, report: PollReport
    ) -> dict[str, Any] | None:
        from storyline.ingest.html import parse_html

        link = entry.get("link")
        title = entry.get("title")
        published = _published(entry)
        text = None
        url = link if isinstance(link, str) and urlsplit(link).scheme in ("http", "https") else None
        if url:
            try:
                answer = self.fetcher.get(url)
                if answer.status >= 400:
                    raise FetchError(f"{url}: HTTP {answer.status}")
                page = answer.content.decode(_charset(answer.headers), "replace")
                doc, _ = parse_html(page, article_id(key), url)
                if doc is not None:
                    text = doc.text
                    title = title or doc.title
                    published = published or doc.published
            except FetchError as exc:
                attempts = self.state.attempt(feed, key)
                if attempts < MAX_ATTEMPTS and "robots.txt" not in str(exc):
                    self._problem(report, f"{exc}; trying again on the next poll")
                    report.failed += 1
                    return None
                self._problem(report, f"{exc}; using the feed's own text")
        text = text or _feed_text(entry)
        if not text.strip():
            report.failed += 1
            self._problem(report, f"{feed}: item {key!r} has no text")
            return None
        record: dict[str, Any] = {"id": article_id(key), "text": text, "source": source}
        if isinstance(title, str) and title.strip():
            record["title"] = title.strip()
        if published:
            record["published"] = published
        if url:
            record["url"] = url
        return record

    def run(
        self, interval: float, stop: threading.Event | None = None, max_polls: int | None = None
    ) -> list[PollReport]:
        """Poll every ``interval`` seconds until ``stop`` is set or ``max_polls`` polls."""
        stop = stop or threading.Event()
        reports = []
        while not stop.is_set():
            reports.append(self.poll())
            if max_polls is not None and len(reports) >= max_polls:
                break
            stop.wait(interval)
        return reports


def _charset(headers: Mapping[str, str]) -> str:
    match = re.search(r"charset=([\w-]+)", headers.get("content-type", ""), re.I)
    if match:
        import codecs

        try:
            return codecs.lookup(match.group(1)).name
        except LookupError:
            pass
    return "utf-8"
