"""The clean stage: decide every line, then assemble the article text, title, lead and outlet."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from storyline.clean.block import body_blocks, line_values, main_block
from storyline.clean.meta import find_lead, find_masthead, find_title, outlet_in_text
from storyline.clean.outlet import OutletContext
from storyline.clean.rules import ALWAYS_DROP, BODY_DROP, Page, byline, dateline, is_credit, standfirst
from storyline.clean.shape import shape
from storyline.config import CleanConfig
from storyline.model import Article, RawDoc

# lines dropped by these rules may still be the title or the masthead
TITLE_ELIGIBLE = frozenset(
    {"outside_body", "teaser_headline", "headline_list", "list_label", "standing_line"}
)


@dataclass(frozen=True, slots=True)
class LineDecision:
    index: int  # index among the non-blank lines of the raw text
    text: str  # the raw line
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


def clean(doc: RawDoc, config: CleanConfig, context: OutletContext | None = None) -> Cleaned:
    """Decide every non-blank line of ``doc.text``; return the cleaned text with title, lead, outlet."""
    lines = tuple(ln.strip() for ln in doc.text.split("\n") if ln.strip())
    if doc.prepared:
        shapes = tuple(shape(ln) for ln in lines)
        kept = tuple(LineDecision(i, ln, True, "body", "prepared") for i, ln in enumerate(lines))
        body = [s.text for s in shapes]
        lead = find_lead(shapes, list(range(len(lines))), config.prose_min_words)
        return Cleaned(
            "\n\n".join(body), doc.title, body[lead] if lead is not None else None, doc.source, kept
        )
    page = analyse(lines, config, context)
    decisions = [_decide(page, i) for i in range(len(lines))]
    return _assemble(doc, page, decisions)


def analyse(lines: Sequence[str], config: CleanConfig, context: OutletContext | None = None) -> Page:
    """Shapes, body values, body blocks and credits of a page's (non-blank, stripped) lines."""
    shapes = tuple(shape(ln) for ln in lines)
    values, listed = line_values(shapes, config)
    blocks = body_blocks(values, config)
    inside = tuple(any(a <= i < b for a, b in blocks) for i in range(len(lines)))
    credits = tuple(is_credit(s) for s in shapes)
    k = config.caption_prefix_words
    heads = frozenset(
        tuple(s.text.split()[:k]) for s, c in zip(shapes, credits, strict=True) if c and s.words >= k
    )
    main_start = main_block(values)[0] if blocks else len(lines)
    return Page(
        tuple(lines),
        shapes,
        tuple(values),
        tuple(listed),
        inside,
        main_start,
        credits,
        heads,
        context,
        config,
    )


def _decide(page: Page, i: int) -> LineDecision:
    line = page.lines[i]
    for name, rule in ALWAYS_DROP:
        if rule(page, i):
            return LineDecision(i, line, False, "boilerplate", name)
    if not page.inside[i]:
        return LineDecision(i, line, False, "boilerplate", "outside_body")
    for name, rule in BODY_DROP:
        if rule(page, i):
            return LineDecision(i, line, False, "boilerplate", name)
    return LineDecision(i, line, True, "body", "body")


def _assemble(doc: RawDoc, page: Page, decisions: list[LineDecision]) -> Cleaned:
    """Pick title, masthead and lead around the main block; join the kept lines into the text."""
    config, shapes = page.config, page.shapes
    kept = [d.index for d in decisions if d.keep]
    # the title sits above the main block (side blocks kept before it are furniture or a teaser)
    body_start = next((i for i in kept if i >= page.main_start), kept[0] if kept else len(decisions))
    eligible = [
        d.rule in TITLE_ELIGIBLE and not dateline(page, d.index) and not byline(page, d.index)
        for d in decisions
    ]
    title_at = find_title(
        shapes, eligible, body_start, config.title_min_words, config.title_max_words, config.title_window
    )
    title = doc.title
    if title_at is not None:
        decisions[title_at] = LineDecision(title_at, page.lines[title_at], False, "title", "title")
        title = title or shapes[title_at].text
    masthead_at = find_masthead(shapes, title_at, body_start)
    source = doc.source
    if masthead_at is not None and decisions[masthead_at].rule in TITLE_ELIGIBLE:
        decisions[masthead_at] = LineDecision(
            masthead_at, page.lines[masthead_at], False, "source", "masthead"
        )
        source = source or shapes[masthead_at].text
    if title_at is not None:
        for i in range(title_at + 1, body_start):
            if decisions[i].rule == "outside_body" and standfirst(page, i):
                decisions[i] = LineDecision(i, page.lines[i], True, "body", "standfirst")
        kept = [d.index for d in decisions if d.keep]
    body = [shapes[i].text for i in kept]
    source = source or outlet_in_text(body)
    lead_at = find_lead(shapes, kept, config.prose_min_words)
    lead = shapes[lead_at].text if lead_at is not None else None
    return Cleaned("\n\n".join(body), title, lead, source, tuple(decisions))


def content_hash(doc: RawDoc) -> str:
    h = hashlib.sha1()
    for part in (doc.text, doc.title or "", doc.published or "", doc.source or "", doc.url or ""):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def outlet_from_url(url: str | None) -> str | None:
    """The outlet an article's address names: its host without "www." ("https://www.bbc.co.uk/news/x" ->
    "bbc.co.uk", "http://novinata.bg/?p=249561" -> "novinata.bg"); None for no address, or a bare site
    address (no path, no query: it names no article)."""
    if not url:
        return None
    parts = urlsplit(url)
    if not parts.netloc or not (parts.path.strip("/") or parts.query):
        return None
    host = parts.netloc.lower().rsplit("@", 1)[-1].split(":", 1)[0]
    return host[4:] if host.startswith("www.") else host or None


def to_article(doc: RawDoc, cleaned: Cleaned) -> Article:
    return Article(
        id=doc.id,
        text=cleaned.text,
        origin=doc.origin,
        content_hash=content_hash(doc),
        published=doc.published,
        title=cleaned.title,
        lead=cleaned.lead,
        source=cleaned.source or outlet_from_url(doc.url),  # the outlet: stated, or the address's host
        url=doc.url,
        language=doc.language,
    )
