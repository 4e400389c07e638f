"""Tables and lists inside an article: short lines that belong to the body after all.

A page's menus are short lines too, so a short line only joins the body when its neighbourhood
looks like a table (numbers), a templated list ("June 9 -- ...", "%165 голосов"), an announced
list (after a line ending in ":") or a list of running-text items. Table rows get a small positive
body value (they may extend the body); items of a plain list get a neutral one (they only bridge).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.clean.shape import Shape
from storyline.config import CleanConfig

ITEM_MARK = re.compile(r"^\s*(?:\d{1,3}[.)]|[-–—•·*▪►✓✔]\s)")
# an archive link: a month and a year ("December 2012", "2014年4月"); a count of posts ("Dakwah (60)")
ARCHIVE = re.compile(
    r"^[^\W\d_]{3,}\.?\s+(?:1[89]|20)\d\d$|^(?:1[89]|20)\d\d\D{1,3}\d{1,2}\D?$|.*\S\s*[(\[]\d+[)\]]$"
)


def is_archive_link(s: Shape) -> bool:
    """A link of an archive or category list: "December 2012", "2014年4月", "Dakwah (60)"."""
    return s.digits > 0 and s.words <= 6 and bool(ARCHIVE.match(s.text))


def is_numeric(s: Shape) -> bool:
    """A table cell holding a number, a share or a price ("5040", "85%", "-12.99", "60,000₩")."""
    solid = s.chars - s.text.count(" ")
    return s.digits > 0 and s.digits * 2 >= solid


def is_headline(s: Shape) -> bool:
    """Headline-shaped: several words, capitalised, no sentence end, not running lower-case text."""
    return s.words >= 5 and not s.terminal and s.text[:1].isupper() and s.lower_ratio < 0.6


def is_item(s: Shape) -> bool:
    """A list item: an item mark, or running words ("8-9 ripe pears, cored and peeled")."""
    return bool(ITEM_MARK.match(s.text)) or (s.words >= 4 and (s.lower_ratio >= 0.6 or s.commas > 0))


def signature(s: Shape) -> tuple[str, ...]:
    """Classes of the first tokens: "0" digit-led, "A" capitalised, "a" lower-case, "p" other."""
    out = []
    for token in s.text.split()[:3]:
        head = token.lstrip("%$€£₽#(+-–")[:1] or token[:1]
        out.append("0" if head.isdigit() else "A" if head.isupper() else "a" if head.islower() else "p")
    return tuple(out)


def _run_key(s: Shape) -> tuple[str, ...]:
    """Lines of one templated run: the same signature, or all starting with a number (quantities)."""
    sig = signature(s)
    return sig[:1] if sig[:1] == ("0",) else sig


def mark_lists(shapes: Sequence[Shape], values: list[float], config: CleanConfig) -> list[bool]:
    """Raise the body values of table rows and list items in place; return which lines they are."""
    listed = [False] * len(shapes)
    short = [s.words < config.long_line_words for s in shapes]
    _window_lists(shapes, short, values, listed, config)
    _templated_runs(shapes, short, values, listed, config)
    _announced_lists(shapes, values, listed, config)
    _table_heads(shapes, values, listed, config)
    return listed


def _set(values: list[float], listed: list[bool], i: int, value: float) -> None:
    values[i] = max(values[i], value)
    listed[i] = True


def _window_lists(
    shapes: Sequence[Shape], short: list[bool], values: list[float], listed: list[bool], config: CleanConfig
) -> None:
    """A short line is a table cell when, of the short lines within ``list_window`` lines of it,
    ``table_share`` are numbers; a list item when ``list_share`` are items."""
    n = len(shapes)
    # prefix sums over short lines, numbers and items: window counts in constant time
    acc_short, acc_numbers, acc_items = [0], [0], [0]
    for i, s in enumerate(shapes):
        acc_short.append(acc_short[-1] + short[i])
        acc_numbers.append(acc_numbers[-1] + (short[i] and is_numeric(s)))
        acc_items.append(acc_items[-1] + (short[i] and is_item(s)))
    k = config.list_window
    for i in range(n):
        if not short[i] or values[i] > config.table_value:
            continue
        lo, hi = max(0, i - k), min(n, i + k + 1)
        size = acc_short[hi] - acc_short[lo]
        if size < config.list_min_lines:
            continue
        headline = is_headline(shapes[i])  # a product name, a date line: only mildly negative
        if acc_numbers[hi] - acc_numbers[lo] >= config.table_share * size:
            _set(values, listed, i, -config.table_value if headline else config.table_value)
        elif acc_items[hi] - acc_items[lo] >= config.list_share * size:
            _set(values, listed, i, -config.table_value if headline else config.item_value)


def _templated_runs(
    shapes: Sequence[Shape], short: list[bool], values: list[float], listed: list[bool], config: CleanConfig
) -> None:
    """Consecutive short lines with digits built the same way ("%165 голосов", "June 9 -- Coral Sky
    Amphitheatre, West Palm Beach, FL") are rows of a table."""
    n = len(shapes)
    i = 0
    while i < n:
        if not (short[i] and shapes[i].digits) or is_archive_link(shapes[i]):
            i += 1
            continue
        sig = _run_key(shapes[i])
        j = i + 1
        while (
            j < n
            and short[j]
            and shapes[j].digits
            and _run_key(shapes[j]) == sig
            and not is_archive_link(shapes[j])
        ):
            j += 1
        if j - i >= config.list_min_lines:
            for m in range(i, j):
                _set(values, listed, m, config.table_value)
        i = j


def _announced_lists(
    shapes: Sequence[Shape], values: list[float], listed: list[bool], config: CleanConfig
) -> None:
    """Items after a line that announces them ("The Doobie Brothers 50th Anniversary Tour 2020
    dates:") belong to the body, headline-shaped or not."""
    for i, s in enumerate(shapes):
        if not s.text.endswith(":") or s.words < 3 or values[i] <= -config.gap_penalty:
            continue
        j = i + 1
        while j < len(values) and listed[j] and values[j] <= config.table_value:
            values[j] = config.table_value
            j += 1


def _table_heads(
    shapes: Sequence[Shape], values: list[float], listed: list[bool], config: CleanConfig
) -> None:
    """The header cells of a table ("Pos", "Player", "Plays", "%", "Stats") just above its rows."""
    n = len(values)
    i = 0
    while i < n:
        j = i
        while j < n and listed[j] and values[j] == config.table_value:
            j += 1
        if j - i >= config.list_min_lines:
            k = i - 1
            while k >= 0 and i - k <= config.table_head_lines and values[k] <= -config.gap_penalty:
                if shapes[k].words > 3 or shapes[k].terminal:
                    break
                k -= 1
            if i - 1 - k >= 2:
                for m in range(k + 1, i):
                    _set(values, listed, m, config.table_value)
        i = max(j, i + 1)
