"""Where the article body sits: the densest run of body-like lines.

Each line gets a body value (positive for prose, negative for short, unpunctuated lines) and the
run with the largest sum is the main block (a maximum-sum segment). Short lines inside the block,
such as subheadings, one-line paragraphs, quotes and table cells, are bridged when prose follows.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.clean.lists import mark_lists
from storyline.clean.shape import Shape
from storyline.config import CleanConfig


def body_value(s: Shape, config: CleanConfig) -> float:
    """How much a line looks like article prose (positive) or like page furniture (negative)."""
    if s.words == 0:
        return -config.gap_penalty / 2 if s.digits else -config.gap_penalty
    if (s.terminal or s.inner_stops) and s.words >= config.prose_min_words:
        return min(s.words, config.prose_cap_words) / config.prose_min_words
    if s.words >= config.long_line_words:
        return s.words / (2 * config.long_line_words)
    if s.terminal and s.words >= 3:
        return config.short_sentence_value
    return -config.gap_penalty


def line_values(shapes: Sequence[Shape], config: CleanConfig) -> tuple[list[float], list[bool]]:
    """Body values of all lines (tables and lists raised, see lists.py) and which lines are rows
    of a table or items of a list."""
    values = [body_value(s, config) for s in shapes]
    listed = mark_lists(shapes, values, config)
    return values, listed


def main_block(values: Sequence[float]) -> tuple[int, int]:
    """The (start, stop) of the maximum-sum run of ``values``; (0, 0) when nothing is positive."""
    best, best_span = 0.0, (0, 0)
    run, start = 0.0, 0
    for i, v in enumerate(values):
        if run <= 0:
            run, start = 0.0, i
        run += v
        if run > best:
            best, best_span = run, (start, i + 1)
    return best_span


def _runs(values: Sequence[float], lo: int, hi: int) -> list[tuple[int, int, float]]:
    """All maximal-sum runs in values[lo:hi], found by recursive splitting, with their sums."""
    out: list[tuple[int, int, float]] = []
    todo = [(lo, hi)]
    while todo:
        a0, b0 = todo.pop()
        if b0 <= a0:
            continue
        a, b = main_block(values[a0:b0])
        if b == 0:
            continue
        out.append((a0 + a, a0 + b, sum(values[a0 + a : a0 + b])))
        todo += [(a0, a0 + a), (a0 + b, b0)]
    return out


def body_blocks(values: Sequence[float], config: CleanConfig) -> list[tuple[int, int]]:
    """The main block; runs outside it worth at least ``side_block_share`` of it (and at least
    ``side_block_min``); and runs worth at least ``near_block_min`` within ``near_block_gap`` lines
    of a block (a lead or a last paragraph set apart by captions, bylines or a teaser)."""
    main = main_block(values)
    if main == (0, 0):
        return []
    best = sum(values[main[0] : main[1]])
    # prose before the main block is likelier the article (the main block then being comments)
    # than prose after it
    floor_before = max(config.side_block_min, config.side_block_share_before * best)
    floor_after = max(config.side_block_min, config.side_block_share * best)
    runs = [(a, b, v, floor_before) for a, b, v in _runs(values, 0, main[0])]
    runs += [(a, b, v, floor_after) for a, b, v in _runs(values, main[1], len(values))]
    blocks = [main] + [(a, b) for a, b, v, floor in runs if v >= floor]
    rest = [(a, b, v) for a, b, v, floor in runs if v < floor and v >= config.near_block_min]
    grown = True
    while grown:
        grown = False
        for run in rest:
            a, b, _ = run
            if any(a - y <= config.near_block_gap and x - b <= config.near_block_gap for x, y in blocks):
                blocks.append((a, b))
                rest.remove(run)
                grown = True
                break
    return sorted(blocks)
