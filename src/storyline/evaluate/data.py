"""Where the labelled datasets live, and reading their JSONL files."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.errors import DataError

_REPO = Path(__file__).resolve().parents[3]


def data_root() -> Path:
    """``$STORYLINE_DATA``, else ``../shared/data`` beside the repository (or the working directory)."""
    env = os.environ.get("STORYLINE_DATA")
    if env:
        return Path(env)
    for base in (_REPO.parent / "shared" / "data", Path.cwd().parent / "shared" / "data"):
        if base.is_dir():
            return base
    return _REPO.parent / "shared" / "data"


def data_path(relative: str) -> Path:
    return data_root() / relative


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        raise DataError(f"{path}: not found (set STORYLINE_DATA or pass the dataset path)")
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
