"""HTML pages: main text, title, date and site name via trafilatura."""

from __future__ import annotations

import logging

from storyline.errors import InputProblem
from storyline.export.escape import quote_name
from storyline.ingest.dates import normalize_published
from storyline.model import RawDoc

log = logging.getLogger(__name__)

# htmldate's "extensive search" reads dates from free text, and takes a footer's "© 2025" for
# 2025-01-01; the date comes from the page's markup (meta tags, <time>, JSON-LD, URL) only
DATE_PARAMS = {"extensive_search": False, "original_date": True}


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def parse_html(text: str, doc_id: str, origin: str) -> tuple[RawDoc | None, list[InputProblem]]:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            favor_recall=True,
            date_extraction_params=DATE_PARAMS,
        )
        result = document.as_dict() if document is not None and hasattr(document, "as_dict") else document
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        log.debug("trafilatura failed on %s", quote_name(origin), exc_info=True)
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
