"""Text structure for quotes: quoted spans (balanced «», “”, „“, "") and sentence spans that do not
break inside quotation marks."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

OPEN_CLOSE = {"«": "»", "“": "”", "„": "“"}
INITIAL = re.compile(r"(?:^|\s)[A-ZА-ЯЁ]$")
SENTENCE_START = re.compile(r"\s+[\"«„“(—–\-A-ZА-ЯЁ0-9]")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A top-level quotation: ``start`` is the opening mark, ``stop`` is just after the closing mark."""

    start: int
    stop: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.stop - 1


def quoted_spans(text: str) -> list[Quoted]:
    """Top-level quotations, each within one paragraph; unbalanced marks are ignored."""
    out: list[Quoted] = []
    offset = 0
    for paragraph in text.split("\n"):
        out.extend(_paragraph_quotes(paragraph, offset))
        offset += len(paragraph) + 1
    return out


def _paragraph_quotes(paragraph: str, offset: int) -> list[Quoted]:
    out: list[Quoted] = []
    stack: list[str] = []
    start = -1
    straight_open = False
    for i, ch in enumerate(paragraph):
        if stack and ch == OPEN_CLOSE[stack[-1]]:
            stack.pop()
            if not stack:
                out.append(Quoted(offset + start, offset + i + 1))
        elif ch in OPEN_CLOSE:
            if not stack:
                start = i
            stack.append(ch)
        elif ch == '"' and not stack:
            if straight_open:
                out.append(Quoted(offset + start, offset + i + 1))
            else:
                start = i
            straight_open = not straight_open
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences: ended by . ! ? … outside quotation marks before a capital (not after an initial),
    and always by a line break."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        depth = 0
        start = 0
        for i, ch in enumerate(paragraph):
            if ch in "«„“" and not (ch == "“" and depth > 0):
                depth += 1
            elif ch in "»”" or (ch == "“" and depth > 0):
                depth = max(0, depth - 1)
            elif ch in ".!?…" and depth == 0:
                if INITIAL.search(paragraph, 0, i) and ch == ".":
                    continue
                if SENTENCE_START.match(paragraph, i + 1) or i + 1 == len(paragraph):
                    spans.append(_trimmed(paragraph, offset, start, i + 1))
                    start = i + 1
        if paragraph[start:].strip():
            spans.append(_trimmed(paragraph, offset, start, len(paragraph)))
        offset += len(paragraph) + 1
    return [s for s in spans if s[1] > s[0]]


def _trimmed(paragraph: str, offset: int, start: int, stop: int) -> tuple[int, int]:
    while start < stop and paragraph[start].isspace():
        start += 1
    return offset + start, offset + stop


@dataclass(frozen=True, slots=True)
class Layout:
    """Quoted spans and sentences of one text, with lookups."""

    text: str
    quoted: tuple[Quoted, ...]
    sentences: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> Layout:
        return cls(text, tuple(quoted_spans(text)), tuple(sentence_spans(text)))

    def sentence_at(self, pos: int) -> tuple[int, int]:
        starts = [s for s, _ in self.sentences]
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos <= self.sentences[i][1]:
            return self.sentences[i]
        return pos, pos

    def previous_sentence(self, pos: int) -> tuple[int, int] | None:
        starts = [s for s, _ in self.sentences]
        i = bisect.bisect_right(starts, pos) - 2
        return self.sentences[i] if i >= 0 else None

    def inside_quote(self, pos: int) -> bool:
        return any(q.start < pos < q.stop for q in self.quoted)
