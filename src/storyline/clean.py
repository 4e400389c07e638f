"""Boilerplate removal and title / lead / outlet detection on raw scraped text.

The input is one visible block per line. Each line gets a keep/drop decision from a list of small,
named rules over its shape (length, punctuation, capitalisation), its position relative to the
body, its neighbours (teaser headline + rubric line) and its repetition across articles of the
same outlet. No rule knows particular sentences.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.config import CleanConfig
from storyline.model import Article, RawDoc

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
SENTENCE_END = re.compile(r"[.!?…»\"”)]\s*$")
CREDIT = re.compile(r"(^|\()\s*(фото|photo|foto|иллюстрация|скриншот|кадр|видео)\s*:", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LineDecision:
    index: int  # index among the non-blank lines of the raw text
    text: str
    keep: bool
    role: str  # "title" | "body" | "boilerplate" | "source"
    rule: str  # the rule that decided


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    title: str | None
    lead: str | None
    source: str | None
    lines: tuple[LineDecision, ...]


@dataclass(frozen=True, slots=True)
class OutletContext:
    """How many articles of an outlet contain each (normalised) line."""

    line_docs: dict[str, int]

    def seen_elsewhere(self, line: str) -> int:
        # the article itself counts once
        return max(0, self.line_docs.get(_norm(line), 0) - 1)


def _norm(line: str) -> str:
    return " ".join(line.casefold().split())


def _words(line: str) -> list[str]:
    return WORD.findall(line)


def outlet_key(doc: RawDoc) -> str:
    """Articles are grouped by outlet; without one, by the shape of their first lines."""
    if doc.source:
        return doc.source.casefold()
    head = [ln for ln in doc.text.split("\n") if ln.strip()][:2]
    return "layout:" + "|".join(_norm(h) for h in head)


def build_context(docs: Iterable[RawDoc]) -> dict[str, OutletContext]:
    counts: dict[str, Counter[str]] = {}
    for doc in docs:
        lines = {_norm(ln) for ln in doc.text.split("\n") if ln.strip()}
        counts.setdefault(outlet_key(doc), Counter()).update(lines)
    return {key: OutletContext(dict(c)) for key, c in counts.items()}


def _is_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line)) and len(_words(line)) >= 4


def _is_headline(line: str) -> bool:
    words = _words(line)
    return 3 <= len(words) <= 20 and not SENTENCE_END.search(line.rstrip(".")) and line[:1].isupper()


def _is_rubric(line: str, config: CleanConfig) -> bool:
    words = _words(line)
    stripped = line.strip().rstrip(",;/")
    return (
        0 < len(words) <= 3
        and not re.search(r"[.!?]$", stripped)
        and stripped[:1].isupper()
        and len(stripped) <= 40
    )


def clean(doc: RawDoc, config: CleanConfig, context: OutletContext | None = None) -> Cleaned:
    """Decide every non-blank line of ``doc.text``; return the cleaned text with title, lead, outlet."""
    lines = [ln.strip() for ln in doc.text.split("\n") if ln.strip()]
    if doc.prepared:
        decisions = tuple(LineDecision(i, ln, True, "body", "prepared") for i, ln in enumerate(lines))
        return _assemble(decisions, doc.title, doc.source)

    verdict: list[tuple[bool, str, str] | None] = [None] * len(lines)
    body_idx = [i for i, ln in enumerate(lines) if _is_sentence(ln)]
    first_body = body_idx[0] if body_idx else len(lines)
    last_body = body_idx[-1] if body_idx else -1

    title: str | None = doc.title
    for i, line in enumerate(lines):
        words = _words(line)
        seen = context.seen_elsewhere(line) if context else 0
        if not words:
            verdict[i] = (False, "boilerplate", "no_words")
        elif CREDIT.search(line):
            verdict[i] = (False, "boilerplate", "photo_credit")
        elif seen >= config.repeated_line_min_docs - 1 and seen > 0 and not _is_sentence(line):
            verdict[i] = (False, "boilerplate", "repeated_in_outlet")
        elif i > last_body:
            verdict[i] = (False, "boilerplate", "after_body")
        elif i < first_body:
            if title is None and _is_headline(line):
                title = line
                verdict[i] = (False, "title", "title")
            else:
                verdict[i] = (False, "boilerplate", "before_body")
        elif i + 1 < len(lines) and line == lines[i + 1]:
            verdict[i] = (False, "boilerplate", "caption_repeat")
        elif i > 0 and lines[i - 1] in line and CREDIT.search(line):
            verdict[i] = (False, "boilerplate", "caption")

    # teasers: a headline-shaped line followed by a rubric line, inside the body
    for i in range(first_body, min(last_body + 1, len(lines))):
        if verdict[i] is not None:
            continue
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _is_headline(line) and _is_rubric(nxt, config):
            verdict[i] = (False, "boilerplate", "teaser_headline")
            verdict[i + 1] = (False, "boilerplate", "teaser_rubric")

    decisions = tuple(
        LineDecision(i, ln, *(verdict[i] or (True, "body", "body"))) for i, ln in enumerate(lines)
    )
    return _assemble(decisions, title, doc.source)


def _assemble(decisions: tuple[LineDecision, ...], title: str | None, source: str | None) -> Cleaned:
    body = [d.text for d in decisions if d.keep]
    lead = body[0] if body else None
    return Cleaned("\n\n".join(body), title, lead, source, decisions)


def content_hash(doc: RawDoc) -> str:
    h = hashlib.sha1()
    for part in (doc.text, doc.title or "", doc.published or "", doc.source or "", doc.url or ""):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def to_article(doc: RawDoc, cleaned: Cleaned) -> Article:
    return Article(
        id=doc.id,
        text=cleaned.text,
        origin=doc.origin,
        content_hash=content_hash(doc),
        published=doc.published,
        title=cleaned.title,
        lead=cleaned.lead,
        source=cleaned.source,
        url=doc.url,
        language=doc.language,
    )
