"""``storyline watch DIR``: ingest the files a scraper drops into a folder, as they appear.

The folder is scanned every ``interval`` seconds (polling works on every file system, network mounts
included). A file is read once it has settled: its size and modification time are the same in two scans
in a row and it is at least ``settle`` seconds old, so a file still being written is not read half-way;
names a writer uses while writing (``.part``, ``.tmp``, ``.crdownload``, ``~``, hidden files) are never
read. A new or changed file is added, then events and stories are updated.

What was ingested is remembered in a state file (JSON, written atomically after each batch is committed):
after a restart only files that are new or changed since are read again, and a file read twice is
``unchanged`` in the store anyway, so a crash between the commit and the state write loses nothing.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.engine import Engine
from storyline.errors import InputProblem

log = logging.getLogger(__name__)

PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".swp", "~")
STATE_NAME = ".storyline-watch.json"

Stamp = tuple[int, int]  # (size, mtime in ns)


@dataclass(slots=True)
class WatchReport:
    batches: int = 0
    files: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    problems: list[InputProblem] = field(default_factory=list)


def _candidates(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.lower().endswith(PARTIAL_SUFFIXES):
                continue
            yield Path(dirpath) / name


class Watcher:
    """Scans ``root`` and ingests settled new or changed files into ``engine``."""

    def __init__(
        self,
        engine: Engine,
        root: str | Path,
        state_file: str | Path | None = None,
        settle: float = 1.0,
        on_batch: Callable[[list[Path], WatchReport], None] | None = None,
        on_problem: Callable[[InputProblem], None] | None = None,
    ) -> None:
        self.engine = engine
        self.root = Path(root)
        self.state_file = Path(state_file) if state_file else self.root / STATE_NAME
        self.settle = settle
        self.on_batch = on_batch
        self.on_problem = on_problem
        self.report = WatchReport()
        self._done: dict[str, Stamp] = self._load()
        self._seen: dict[str, Stamp] = {}  # last scan's stamp of each file not yet done

    def _load(self) -> dict[str, Stamp]:
        try:
            data = json.loads(self.state_file.read_text(encoding="utf-8"))
            return {k: (int(v[0]), int(v[1])) for k, v in data.get("files", {}).items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, IndexError, AttributeError) as exc:
            log.warning("%s: unreadable watch state (%s); every file is read again", self.state_file, exc)
            return {}

    def _save(self) -> None:
        tmp = self.state_file.with_name(self.state_file.name + ".tmp")
        data = {"root": str(self.root), "files": {k: list(v) for k, v in sorted(self._done.items())}}
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.state_file)

    def settled(self) -> list[Path]:
        """Files new or changed since they were ingested that have not changed since the last scan."""
        ready = []
        now = time.time()
        current: dict[str, Stamp] = {}
        for path in _candidates(self.root):
            try:
                st = path.stat()
            except OSError:  # removed while scanning
                continue
            key = str(path.relative_to(self.root))
            stamp = (st.st_size, st.st_mtime_ns)
            if self._done.get(key) == stamp:
                continue
            current[key] = stamp
            if self._seen.get(key) == stamp and now - st.st_mtime >= self.settle:
                ready.append(path)
        self._seen = current
        return ready

    def scan(self) -> list[Path]:
        """One scan: ingest the settled files (and update); the files ingested."""
        ready = self.settled()
        if not ready:
            return []
        problems: list[InputProblem] = []

        def problem(p: InputProblem) -> None:
            problems.append(p)
            if self.on_problem:
                self.on_problem(p)

        result = self.engine.add(ready, on_problem=problem)
        self.engine.update()
        for path in ready:
            key = str(path.relative_to(self.root))
            self._done[key] = self._seen.pop(key)
        self._save()
        r = self.report
        r.batches += 1
        r.files += len(ready)
        r.added += result.added
        r.changed += result.changed
        r.unchanged += result.unchanged
        r.problems += problems
        if self.on_batch:
            self.on_batch(ready, r)
        return ready

    def run(
        self, interval: float = 2.0, stop: threading.Event | None = None, max_scans: int | None = None
    ) -> WatchReport:
        """Scan every ``interval`` seconds until ``stop`` is set (or ``max_scans`` scans, or Ctrl-C, which
        the caller sees as KeyboardInterrupt after the last committed batch)."""
        stop = stop or threading.Event()
        scans = 0
        while not stop.is_set():
            self.scan()
            scans += 1
            if max_scans is not None and scans >= max_scans:
                break
            stop.wait(interval)
        return self.report
