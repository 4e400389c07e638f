"""A story's timeline drawn as inline SVG: an overview axis with every entry placed on its date, and
below it one row per entry (date, statement, links to the articles behind it). All text is escaped."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date
from typing import Any

from storyline.export.escape import esc as _e

WIDTH = 900
AXIS_Y = 40
ROW_TOP = 90
LINE_H = 17
WRAP = 95
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _start(value: str) -> date | None:
    first = value.split("/", 1)[0]
    parts = first.split("-")
    try:
        nums = [int(p) for p in parts]
        return date(nums[0], nums[1] if len(nums) > 1 else 1, nums[2] if len(nums) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _month_ticks(lo: date, hi: date) -> list[date]:
    ticks = []
    y, m = lo.year, lo.month
    while date(y, m, 1) <= hi:
        if date(y, m, 1) >= lo:
            ticks.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    step = max(1, len(ticks) // 12 + (1 if len(ticks) % 12 else 0))
    return ticks[::step]


def timeline_svg(
    entries: list[dict[str, Any]],
    anchor: str,
    cite: Callable[[str], int | None],
    href: Callable[[str, int], str] | None = None,
) -> str:
    """SVG for ``entries`` (``date``, ``granularity``, ``text``, ``article_ids``). ``anchor`` prefixes
    element ids; ``cite(article_id)`` gives the article's number on the page (or None); ``href(article id,
    number)`` where its citation links to (default: the article on the page, ``#{anchor}-a{number}``)."""
    dated = [(e, _start(str(e.get("date", "")))) for e in entries]
    days = [d for _, d in dated if d is not None]
    if not days:
        return ""
    lo, hi = min(days), max(days)
    span = max(1, (hi - lo).days)
    left, right = 110, WIDTH - 30

    def x_of(d: date) -> float:
        return left + (right - left) * (d - lo).days / span

    out = []
    rows: list[str] = []
    y = ROW_TOP
    for k, (e, d) in enumerate(dated):
        lines = textwrap.wrap(str(e.get("text", "")), WRAP) or [""]
        row_id = f"{anchor}-t{k + 1}"
        rows.append(f'<g class="tl-row" id="{_e(row_id)}">')
        rows.append(f'<circle cx="100" cy="{y - 5}" r="4" class="tl-dot"/>')
        label = str(e.get("date", ""))
        rows.append(f'<text x="88" y="{y}" class="tl-date" text-anchor="end">{_e(label)}</text>')
        for n, line in enumerate(lines):
            rows.append(f'<text x="112" y="{y + n * LINE_H}" class="tl-text">{_e(line)}</text>')
        cites = []
        cx = 112
        cy = y + len(lines) * LINE_H
        for aid in e.get("article_ids", []):
            num = cite(str(aid))
            if num is None:
                continue
            target = href(str(aid), num) if href else f"#{anchor}-a{num}"
            cites.append(f'<a href="{_e(target)}"><text x="{cx}" y="{cy}" class="tl-cite">[{num}]</text></a>')
            cx += 12 + 8 * len(str(num))
        rows += cites
        rows.append("</g>")
        if d is not None:
            out.append(
                f'<a href="#{_e(row_id)}"><circle cx="{x_of(d):.1f}" cy="{AXIS_Y}" r="5" class="tl-mark">'
                f"<title>{_e(label)}: {_e(e.get('text', ''))}</title></circle></a>"
            )
        y = cy + LINE_H + 10
    axis = [
        f'<line x1="{left}" y1="{AXIS_Y}" x2="{right}" y2="{AXIS_Y}" class="tl-axis"/>',
        f'<line x1="100" y1="{ROW_TOP - 12}" x2="100" y2="{y - 20}" class="tl-axis"/>',
    ]
    for d, anchor_at in ((lo, "start"), (hi, "end")):
        axis.append(
            f'<text x="{x_of(d):.1f}" y="{AXIS_Y - 12}" class="tl-month" text-anchor="{anchor_at}">'
            f"{d.isoformat()}</text>"
        )
    for t in _month_ticks(lo, hi):
        x = x_of(t)
        axis.append(f'<line x1="{x:.1f}" y1="{AXIS_Y - 6}" x2="{x:.1f}" y2="{AXIS_Y + 6}" class="tl-tick"/>')
        axis.append(
            f'<text x="{x:.1f}" y="{AXIS_Y + 22}" class="tl-month" text-anchor="middle">'
            f"{MONTHS[t.month - 1]} {t.year}</text>"
        )
    height = y
    return (
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="timeline">' + "".join(axis + out + rows) + "</svg>"
    )
