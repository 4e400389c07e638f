"""The service through the ASGI test client: every endpoint and its error paths, the pages, auth, the size
limit, the change stream, metrics; the five seeds POSTed to an empty server make one story;
both stores."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'storyline[web]')")

from fastapi.testclient import TestClient

from conftest import SEED_EVENTS
from storyline.config import Config, WebConfig
from storyline.web import create_app
from web_support import AUTH, TOKEN, seed_records, seeded_copy

EVIL = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = seeded_copy(tmp_path_factory.mktemp("web") / "s.db")
    config = Config(web=WebConfig(max_request_mb=0.5, page_size=1))
    with TestClient(create_app(str(db), config, token=TOKEN)) as c:
        other = {  # a second story, months earlier and on another subject
            "id": "rate-1",
            "published": "2024-03-01",
            "source": "Интерфакс",
            "text": "Банк России повысил ключевую ставку до 16 процентов годовых, сообщила пресс-служба "
            "регулятора. Решение совет директоров принял на плановом заседании в пятницу.",
        }
        assert c.post("/api/v1/articles", json=other, headers=AUTH).json()["added"] == 1
        yield c


@pytest.fixture(scope="module")
def story_id(client: TestClient) -> str:
    return str(client.get("/api/v1/stories").json()["stories"][0]["id"])


def test_seeds_posted_to_an_empty_server_make_two_events_in_one_story(store_url: str) -> None:
    with TestClient(create_app(store_url, token=TOKEN)) as c:
        answer = c.post("/api/v1/articles", json=seed_records(), headers=AUTH)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["added"] == 5 and body["rejected"] == 0
        stories = {a["story_id"] for a in body["articles"]}
        events = {a["event_id"] for a in body["articles"]}
        assert len(stories) == 1 and len(events) == len(SEED_EVENTS) and None not in stories
        (sid,) = stories
        page = c.get(f"/stories/{sid}")
        assert page.status_code == 200 and page.text.count('class="tl-row"') > 0
        assert len(c.get(f"/api/v1/stories/{sid}").json()["event_ids"]) == len(SEED_EVENTS)
        again = c.post("/api/v1/articles", json=seed_records()[0], headers=AUTH).json()
        assert again["unchanged"] == 1 and again["articles"][0]["story_id"] == sid  # idempotent
        assert {
            h["article_id"] for h in c.get("/api/v1/search", params={"q": "Алиев"}).json()["results"]
        } == {r["id"] for r in seed_records()}


def test_writes_need_the_token(client: TestClient, tmp_path: Path) -> None:
    record = {"id": "x1", "text": "Текст."}
    missing = client.post("/api/v1/articles", json=record)
    assert missing.status_code == 401 and "Bearer" in missing.json()["detail"]
    assert missing.headers["www-authenticate"].startswith("Bearer")
    wrong = client.post("/api/v1/articles", json=record, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    odd = client.post("/api/v1/articles", json=record, headers={"Authorization": b"Bearer \xff\xfe"})
    assert odd.status_code == 401
    basic = client.post("/api/v1/articles", json=record, headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401
    with TestClient(create_app(str(tmp_path / "n.db"), token="")) as closed:
        refused = closed.post("/api/v1/articles", json=record, headers=AUTH)
        assert refused.status_code == 403 and "STORYLINE_API_TOKEN" in refused.json()["detail"]
        assert closed.get("/api/v1/stories").status_code == 200  # reads stay public


def test_the_token_comes_from_the_environment_first() -> None:
    from storyline.web.app import api_token

    config = Config(web=WebConfig(token="from-config"))
    assert api_token(config, {"STORYLINE_API_TOKEN": "from-env"}) == "from-env"
    assert api_token(config, {}) == "from-config" and api_token(Config(), {}) is None


def test_bad_records_are_rejected_with_their_line_and_the_others_stored(client: TestClient) -> None:
    text = seed_records()[0]["text"]
    lines = [
        json.dumps({"id": "ok-1", "text": text, "published": "2025-10-24"}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "no id"}),
    ]
    answer = client.post(
        "/api/v1/articles",
        content="\n".join(lines).encode("utf-8"),
        headers={**AUTH, "Content-Type": "application/x-ndjson"},
    )
    assert answer.status_code == 200
    rows = answer.json()["articles"]
    assert [(r["line"], r["status"]) for r in rows] == [
        (1, "added"),
        (2, "rejected"),
        (3, "rejected"),
        (4, "rejected"),
        (5, "rejected"),
    ]
    assert "not JSON" in rows[1]["reason"] and "text" in rows[2]["reason"] and "object" in rows[3]["reason"]
    assert "id" in rows[4]["reason"] and rows[0]["event_id"] and rows[0]["story_id"]
    assert client.get("/api/v1/articles/ok-1").status_code == 200
    array = client.post(
        "/api/v1/articles", json=[{"id": "ok-1", "text": text, "published": "2025-10-24"}, 5], headers=AUTH
    )
    assert [r["status"] for r in array.json()["articles"]] == ["unchanged", "rejected"]


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"{", "application/json", 400),
        (b"\xff\xfe\x00", "application/json", 400),
        (b"", "application/json", 400),
        (b"[]", "application/json", 400),
    ],
)
def test_unreadable_bodies(client: TestClient, body: bytes, content_type: str, status: int) -> None:
    answer = client.post("/api/v1/articles", content=body, headers={**AUTH, "Content-Type": content_type})
    assert answer.status_code == status and answer.json()["detail"]


def test_a_body_over_the_limit_is_413(client: TestClient) -> None:
    big = json.dumps({"id": "big", "text": "слово " * 100_000}).encode("utf-8")
    answer = client.post(
        "/api/v1/articles", content=big, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert answer.status_code == 413 and "max_request_mb" in answer.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        for _ in range(8):
            yield b" " * 100_000

    streamed = client.post(
        "/api/v1/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
    )
    assert streamed.status_code == 413


def test_story_list_pages_with_a_cursor_and_filters(client: TestClient, story_id: str) -> None:
    first = client.get("/api/v1/stories", params={"limit": 1}).json()
    assert [s["id"] for s in first["stories"]] == [story_id] and first["next_cursor"]
    assert set(first["stories"][0]) == {
        "id",
        "title",
        "first_date",
        "last_date",
        "events",
        "articles",
        "outlets",
        "score",
        "rank_reason",
        "topic_id",
    }
    rest = client.get("/api/v1/stories", params={"limit": 50, "cursor": first["next_cursor"]}).json()
    assert len(rest["stories"]) == 1 and story_id != rest["stories"][0]["id"] and rest["next_cursor"] is None
    assert client.get("/api/v1/stories", params={"outlet": "РБК"}).json()["stories"][0]["id"] == story_id
    assert client.get("/api/v1/stories", params={"outlet": "nobody"}).json()["stories"] == []
    assert client.get("/api/v1/stories", params={"lang": "ru", "q": "алиев"}).json()["stories"]
    assert client.get("/api/v1/stories", params={"since": "2030-01-01"}).json()["stories"] == []
    assert client.get("/api/v1/stories", params={"until": "2025-10-10"}).json()["stories"]
    entity = client.get("/api/v1/entities", params={"q": "Алиев"}).json()["entities"][0]["id"]
    assert client.get("/api/v1/stories", params={"entity": entity}).json()["stories"][0]["id"] == story_id
    assert client.get("/api/v1/stories", params={"cursor": "!!"}).status_code == 400
    assert client.get("/api/v1/stories", params={"cursor": "WzFd"}).status_code == 400  # "[1]"
    assert client.get("/api/v1/stories", params={"since": "2025-13-45"}).status_code == 422
    assert client.get("/api/v1/stories", params={"limit": 0}).status_code == 422


def test_story_event_article_objects_are_those_of_stories_json(client: TestClient, story_id: str) -> None:
    story = client.get(f"/api/v1/stories/{story_id}").json()
    assert story["id"] == story_id and len(story["event_ids"]) == len(SEED_EVENTS) and story["timeline"]
    event = client.get(f"/api/v1/events/{story['event_ids'][0]}").json()
    assert event["story_id"] == story_id and event["article_ids"]
    article = client.get(f"/api/v1/articles/{event['article_ids'][0]}").json()
    assert article["event_id"] == event["id"] and article["story_id"] == story_id
    assert {"entities", "dates", "quotes", "text", "duplicate_of"} <= set(article)
    for path in (
        "/api/v1/stories/st-nope",
        "/api/v1/events/ev-nope",
        "/api/v1/articles/nope",
        "/api/v1/entities/nope",
    ):
        missing = client.get(path)
        assert missing.status_code == 404 and "nope" in missing.json()["detail"], path


def test_a_merged_id_answers_301_to_the_survivor(client: TestClient, story_id: str) -> None:
    svc = client.app.state.service  # type: ignore[attr-defined]
    store = svc.reader().store
    with store.transaction():
        store._execute(  # a story merged away earlier
            "INSERT INTO redirects (old_id, new_id, kind, at) VALUES ('st-old', ?, 'story', '2025')",
            (story_id,),
        )
        event = client.get(f"/api/v1/stories/{story_id}").json()["event_ids"][0]
        store._execute(
            "INSERT INTO redirects (old_id, new_id, kind, at) VALUES ('ev-old', ?, 'event', '2025')", (event,)
        )
    moved = client.get("/api/v1/stories/st-old", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == f"/api/v1/stories/{story_id}"
    assert (
        client.get("/api/v1/events/ev-old", follow_redirects=False).headers["location"]
        == f"/api/v1/events/{event}"
    )
    assert client.get("/stories/st-old", follow_redirects=False).headers["location"] == f"/stories/{story_id}"
    assert client.get("/events/ev-old", follow_redirects=False).status_code == 301


def test_entities_and_search(client: TestClient, story_id: str) -> None:
    found = client.get("/api/v1/entities", params={"q": "алиев"}).json()["entities"]
    aliev = found[0]
    assert aliev["normal"] == "Ильхам Алиев" and aliev["type"] == "PER" and aliev["stories"] == 1
    page = client.get(f"/api/v1/entities/{aliev['id']}").json()
    assert page["story_list"][0]["id"] == story_id and page["story_list"][0]["entity_articles"] >= 5
    assert all(q["article_id"] for q in page["quotes"])
    hits = client.get("/api/v1/search", params={"q": "Алиевым"}).json()["results"]  # another form
    assert len(hits) >= 5 and all(h["story_id"] == story_id for h in hits)
    assert any("Алиев" in h["snippet"] for h in hits)
    assert client.get("/api/v1/search", params={"q": "телефонный разговор"}).json()["results"]
    assert client.get("/api/v1/search", params={"q": "…"}).json()["results"] == []
    assert client.get("/api/v1/search").status_code == 422
    assert client.get("/api/v1/search", params={"q": "x", "limit": 500}).status_code == 422


def test_pages_render_and_escape_everything(client: TestClient, story_id: str) -> None:
    evil = {
        "id": "evil-1",
        "title": "Заголовок " + EVIL,
        "source": "Outlet " + EVIL,
        "url": "javascript:alert(3)",
        "text": "Путин и Алиев провели переговоры в Душанбе. " + EVIL,
        "published": "2025-10-09",
    }
    assert client.post("/api/v1/articles", json=evil, headers=AUTH).status_code == 200
    for path in ("/", f"/stories/{story_id}", "/articles/evil-1", "/search?q=Душанбе", "/docs"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "<script>" not in page.text and "<img" not in page.text and "javascript:" not in page.text, (
            path
        )
        csp = page.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert '<meta name="viewport"' in page.text
    front = client.get("/").text
    assert 'data-live="front"' in front and 'type="search"' in front and 'type="date"' in front
    assert 'class="more"' in front  # page_size 1: a next page
    story = client.get(f"/stories/{story_id}").text
    assert f'data-story="{story_id}"' in story and "<svg" in story and 'href="/articles/' in story
    assert 'href="/entities/' in story and 'href="/events/' in story and "Who is involved" in story
    ok = {"id": "link-1", "text": "Путин и Алиев встретились.", "url": "https://example.org/a?b=1&c=2"}
    client.post("/api/v1/articles", json=ok, headers=AUTH)
    assert 'href="https://example.org/a?b=1&amp;c=2"' in client.get("/articles/link-1").text
    entity = client.get("/api/v1/entities", params={"q": "алиев"}).json()["entities"][0]["id"]
    assert "Ильхам Алиев" in client.get(f"/entities/{entity}").text
    event = client.get(f"/api/v1/stories/{story_id}").json()["event_ids"][0]
    assert client.get(f"/events/{event}").status_code == 200
    for path in ("/stories/nope", "/events/nope", "/articles/nope", "/entities/nope"):
        assert client.get(path).status_code == 404
    assert client.get("/?since=bad&cursor=bad").status_code == 200
    assert client.get("/static/live.js").headers["content-type"].startswith("text/javascript")
    assert "svg.timeline" in client.get("/static/storyline.css").text


def test_changes_stream_and_polling(client: TestClient) -> None:
    changes = client.get("/api/v1/changes", params={"since": 0}).json()
    assert changes["generation"] >= 1 and changes["changes"][0]["kind"] == "created"
    assert client.get("/api/v1/changes", params={"since": changes["generation"]}).json()["changes"] == []
    with client.stream("GET", "/api/v1/stream", params={"since": 0, "max_events": 1}) as answer:
        text = "".join(answer.iter_text())
    assert answer.headers["content-type"].startswith("text/event-stream")
    assert "event: hello" in text and "event: story" in text and '"kind": "created"' in text
    with client.stream("GET", "/api/v1/stream", params={"timeout": 0.3}) as answer:
        assert "event: hello" in "".join(answer.iter_text())


def test_health_metrics_and_schema(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    client.get("/api/v1/stories")
    metrics = client.get("/metrics")
    assert metrics.headers["content-type"].startswith("text/plain")
    text = metrics.text
    assert re.search(r'storyline_articles_ingested_total\{status="added"\} \d', text)
    assert 'storyline_http_request_seconds_bucket{route="/api/v1/stories",le="+Inf"}' in text
    assert (
        "storyline_update_seconds_count" in text and "# TYPE storyline_http_request_seconds histogram" in text
    )
    schema = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/articles",
        "/api/v1/stories",
        "/api/v1/stories/{story_id}",
        "/api/v1/search",
        "/api/v1/entities/{entity_id}",
        "/api/v1/stream",
        "/healthz",
        "/metrics",
    } <= set(schema["paths"])
    assert "/api/v1/articles" in client.get("/docs").text


def test_an_unexpected_error_is_a_json_500_without_details(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = client.app.state.service  # type: ignore[attr-defined]

    def broken() -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(svc, "reader", broken)
    answer = client.get("/api/v1/stories")
    assert answer.status_code == 500 and "secret" not in answer.text and answer.json()["detail"]


def test_serve_needs_a_file_and_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from storyline.errors import MissingExtraError, StorylineError
    from storyline.web import require_extra

    with pytest.raises(StorylineError, match="memory"):
        create_app(":memory:")
    real = builtins.__import__

    def no_uvicorn(name: str, *args: object, **kwargs: object) -> object:
        if name == "uvicorn":
            raise ImportError(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_uvicorn)
    with pytest.raises(MissingExtraError, match=r"storyline\[web\]"):
        require_extra()


def test_serve_says_how_to_open_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from storyline.cli import main
    from storyline.web import server

    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(server, "serve", lambda *args: calls.append(args))
    monkeypatch.delenv("STORYLINE_API_TOKEN", raising=False)
    assert main(["serve", "--db", str(tmp_path / "s.db"), "--port", "9999"]) == 0
    err = capsys.readouterr().err
    assert "http://127.0.0.1:9999/" in err and "/docs" in err and "STORYLINE_API_TOKEN" in err
    (db, _, host, port, workers, _) = calls[0]
    assert (db, host, port, workers) == (str(tmp_path / "s.db"), "127.0.0.1", 9999, 1)


def test_a_long_story_page_lists_its_latest_events_and_articles(tmp_path: Path) -> None:
    db = seeded_copy(tmp_path / "s.db")
    config = Config(web=WebConfig(story_list=1, story_articles=1))
    with TestClient(create_app(str(db), config, token=TOKEN)) as c:
        sid = c.get("/api/v1/stories").json()["stories"][0]["id"]
        page = c.get(f"/stories/{sid}").text
    assert f"1 of the {len(SEED_EVENTS)} events are listed" in page and "of the 5 articles are listed" in page
    assert page.count('class="article-text"') == 1  # one with its text, the others by title
    assert "Who is involved" in page and "Ильхам Алиев" in page  # counted over the whole story
