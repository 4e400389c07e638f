"""Helpers shared by the service tests: the seed articles as API records, a seeded database, a server
on 127.0.0.1 in a thread."""

from __future__ import annotations

import atexit
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storyline.ingest.seed import parse_seed

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "seeds"
TOKEN = "test-token-1234"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def seed_records() -> list[dict[str, Any]]:
    """The five seed articles in the JSONL record format (the text after the date header, as scraped)."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        doc, _ = parse_seed(path.read_text(encoding="utf-8"), path.stem, str(path))
        assert doc is not None
        out.append({"id": doc.id, "text": doc.text, "published": doc.published})
    return out


_SEEDED: dict[str, Path] = {}


def seeded_copy(target: Path) -> Path:
    """A copy of a database holding the five seeds grouped (made once per test session)."""
    if "db" not in _SEEDED:
        from storyline.engine import Engine

        base = Path(tempfile.mkdtemp(prefix="storyline-web-"))
        atexit.register(shutil.rmtree, base, True)
        db = base / "seeded.db"
        with Engine(db) as engine:
            engine.run([SEEDS])
            engine.store._execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[attr-defined]
        _SEEDED["db"] = db
    shutil.copy(_SEEDED["db"], target)
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
