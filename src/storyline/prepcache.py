"""A content-addressed cache of prepared articles (cleaned, annotated, embedded, signed), on disk.

Preparing an article is most of the cost of ingest (models, vectors). An article prepared once with the
same text, the same outlet-context counts for its lines, the same settings and the same code comes out
the same, so with ``annotate.cache_dir`` set the result is kept as one file per article under that
directory and read back the next time the same article is prepared into any database: a collection
re-read into a fresh database, the two halves of an evaluation, the reruns of the fault suite.

The key covers everything that decides the result: the raw document (every field), the counts its
outlet context holds for its lines, the clean / annotate / dedup settings, whether features were
computed, and a fingerprint of the code and resources that prepare it (the source files of the
preparing stages, the model resources' sizes, the package version). Files are written to a temporary
name and renamed, so concurrent processes never read a half-written entry; an unreadable entry is a
miss, never an error.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storyline.clean.outlet import doc_lines
from storyline.model import Prepared

log = logging.getLogger(__name__)

# the parts of the package that decide how an article is prepared
_CODE = ("clean", "annotate", "dedup.py", "model.py", "components.py")
# resources only grouping reads (pair scorer, IDF, story statistics): a prepared article does not change
_PLANNING_RESOURCES = frozenset(
    {"pair_scorer.npz", "paraphrase.npz", "idf.npz", "e5_mean.npz", "story_profile.npz"}
)


@functools.cache
def code_fingerprint() -> str:
    """A hash of the preparing stages' source files and of the model resources (names and sizes)."""
    root = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=16)
    from storyline import __version__

    h.update(__version__.encode())
    for part in _CODE:
        path = root / part
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
        for f in files:
            h.update(str(f.relative_to(root)).encode())
            h.update(f.read_bytes())
    resources = root / "resources"
    if resources.is_dir():
        for f in sorted(resources.iterdir()):
            if f.name not in _PLANNING_RESOURCES:
                h.update(f"{f.name}:{f.stat().st_size}".encode())
    return h.hexdigest()


class PrepareCache:
    """Prepared articles on disk, keyed by (document, context counts, settings, code)."""

    def __init__(self, directory: str | Path, settings: str) -> None:
        self.directory = Path(directory)
        self.salt = hashlib.blake2b(f"{settings}|{code_fingerprint()}".encode(), digest_size=16).digest()

    def key(self, doc: Any, line_docs: Any) -> str:
        h = hashlib.blake2b(self.salt, digest_size=20)
        h.update(pickle.dumps(doc, protocol=5))
        if line_docs is not None:
            h.update(repr([line_docs.get(x, 0) for x in doc_lines(doc)]).encode())
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pkl"

    def get(self, keys: Sequence[str]) -> list[Prepared | None]:
        out: list[Prepared | None] = []
        for key in keys:
            try:
                with self._path(key).open("rb") as f:
                    value = pickle.load(f)
                out.append(value if isinstance(value, Prepared) else None)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                out.append(None)
        return out

    def put(self, key: str, value: Prepared) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=5)
            os.replace(tmp, path)
        except OSError as exc:  # a full or read-only disk makes the cache useless, not the run
            log.warning("prepare cache: cannot write %s (%s)", path, exc)


def cached_vectors(
    name: str,
    articles: Sequence[Any],
    compute: Callable[[Sequence[Any]], np.ndarray],
    directory: str | Path | None,
) -> np.ndarray:
    """``compute(articles)`` (one row per article) for a named vector that annotation does not store, with
    the rows kept on disk under ``directory`` (when given) by the article's title and text, the vector's
    name and the code fingerprint: the evaluations that embed the same texts share them."""
    if not directory or not articles:
        return compute(articles)
    salt = f"{name}|{code_fingerprint()}".encode()
    paths = []
    for a in articles:
        h = hashlib.blake2b(salt, digest_size=20)
        h.update(pickle.dumps((a.title, a.text, a.sentences[:1]), protocol=5))
        key = h.hexdigest()
        paths.append(Path(directory) / "vectors" / key[:2] / f"{key}.npy")
    rows: list[np.ndarray | None] = []
    for p in paths:
        try:
            rows.append(np.load(p))
        except (OSError, ValueError, EOFError):
            rows.append(None)
    todo = [k for k, r in enumerate(rows) if r is None]
    if todo:
        computed = compute([articles[k] for k in todo])
        for n, k in enumerate(todo):
            rows[k] = computed[n]
            try:
                paths[k].parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=paths[k].parent, prefix=".tmp-", suffix=".npy")
                with os.fdopen(fd, "wb") as f:
                    np.save(f, computed[n])
                os.replace(tmp, paths[k])
            except OSError as exc:
                log.warning("vector cache: cannot write %s (%s)", paths[k], exc)
    return np.stack([r for r in rows if r is not None])
