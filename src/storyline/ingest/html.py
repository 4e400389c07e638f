"""HTML pages: main text, title, date and site name via trafilatura."""

from __future__ import annotations

import logging

from storyline.errors import InputProblem
from storyline.ingest.dates import normalize_published
from storyline.model import RawDoc

log = logging.getLogger(__name__)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def parse_html(text: str, doc_id: str, origin: str) -> tuple[RawDoc | None, list[InputProblem]]:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, favor_recall=True
        )
        result = document.as_dict() if document is not None and hasattr(document, "as_dict") else document
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        log.debug("trafilatura failed on %s", origin, exc_info=True)
        return None, [InputProblem(origin, f"cannot parse HTML ({type(exc).__name__})")]
    body = result.get("text") or "" if isinstance(result, dict) else ""
    if not isinstance(result, dict) or not body.strip():
        return None, [InputProblem(origin, "no article text found in the HTML page")]
    problems: list[InputProblem] = []
    published = normalize_published(result.get("date")) if result.get("date") else None
    if published is None:
        problems.append(InputProblem(origin, "no publication date found in the HTML page", skipped=False))
    doc = RawDoc(
        id=doc_id,
        text=body,
        origin=origin,
        format="html",
        published=published,
        title=(result.get("title") or None),
        source=(result.get("sitename") or result.get("hostname") or None),
        url=(result.get("url") or None),
        language=(result.get("language") or None),
        prepared=True,
    )
    return doc, problems
