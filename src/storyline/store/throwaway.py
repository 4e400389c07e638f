"""A throwaway PostgreSQL server on 127.0.0.1 for tests and benchmarks (Debian's ``postgresql`` package).

``ThrowawayPostgres().start()`` runs ``initdb`` into a temporary directory (as the ``postgres`` user when
this process is root: the server refuses to run as root), starts it on a free port, creates a database and
returns its URL; ``stop()`` stops it and removes the directory. ``python -m storyline.store.throwaway``
starts one and prints its URL (and stops it on Ctrl-C).
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from storyline.errors import StoreError

log = logging.getLogger(__name__)


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThrowawayPostgres:
    def __init__(self, database: str = "storyline") -> None:
        self.database = database
        self.dir: Path | None = None
        self.port = 0
        self.url = ""

    def _as_server_user(self, cmd: list[str]) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *cmd]
        return cmd

    def start(self, timeout: float = 60.0) -> str:
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise StoreError("PostgreSQL server binaries not found (apt-get install postgresql)")
        self.dir = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        data = self.dir / "data"
        self.port = _free_port()
        run = dict(capture_output=True, text=True, timeout=timeout, check=False)
        steps = [
            [initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"],
            [
                pg_ctl, "-D", str(data), "-l", str(self.dir / "log"), "-w", "-t", str(int(timeout)), "-o",
                f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
                " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start",
            ],
        ]  # fmt: skip
        for cmd in steps:
            done = subprocess.run(self._as_server_user(cmd), **run)  # type: ignore[call-overload]
            if done.returncode != 0:
                self.stop()
                raise StoreError(f"{Path(cmd[0]).name} failed: {(done.stderr or done.stdout).strip()[-400:]}")
        self._create_database(timeout)
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/{self.database}"
        return self.url

    def _create_database(self, timeout: float) -> None:
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(
                    f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True
                ) as conn:
                    conn.execute(f'CREATE DATABASE "{self.database}"')
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        pg_ctl = find_bin("pg_ctl")
        if self.dir is not None and pg_ctl and (self.dir / "data" / "postmaster.pid").exists():
            subprocess.run(
                self._as_server_user([pg_ctl, "-D", str(self.dir / "data"), "-m", "immediate", "stop"]),
                capture_output=True,
                timeout=60,
                check=False,
            )
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> ThrowawayPostgres:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    server = ThrowawayPostgres()
    print(server.start(), flush=True)  # noqa: T201
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
