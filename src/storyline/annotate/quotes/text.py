"""Text structure for quotes: quoted spans (balanced «», “”, „“, "") and sentence spans that do not
break inside quotation marks."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

RU_UPPER = "A-ZА-ЯЁ"
# capitals of the Latin (with its extensions) and Cyrillic scripts, for languages beyond Russian
ALL_UPPER = re.escape("".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper() and ch.isalpha()))


@dataclass(frozen=True, slots=True)
class Marks:
    """Quotation-mark conventions of a language: each opening mark and the marks that close it."""

    open_close: dict[str, str]
    upper: str = RU_UPPER  # character-class body of the capitals that start a sentence
    # True: a closing mark with no opening one in its paragraph closes a quotation that opened in an earlier
    # paragraph (the quotation runs from the paragraph start), and an opening mark never closed opens one
    # that runs to the paragraph end (``Layout.open_quoted``): quotations of several paragraphs
    loose: bool = False

    @property
    def openers(self) -> str:
        return "".join(self.open_close)

    @property
    def closers(self) -> str:
        return "".join(dict.fromkeys("".join(self.open_close.values())))


RU_MARKS = Marks({"«": "»", "“": "”", "„": "“"})


@dataclass(frozen=True, slots=True)
class Quoted:
    """A top-level quotation: ``start`` is the opening mark, ``stop`` is just after the closing mark."""

    start: int
    stop: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.stop - 1


def quoted_spans(text: str, marks: Marks = RU_MARKS) -> list[Quoted]:
    """Top-level quotations, each within one paragraph; unbalanced marks are ignored (but see
    ``Marks.loose``: a quotation closed with no opening mark starts one before its paragraph, at
    ``start = paragraph start - 1``)."""
    return _quotes(text, marks)[0]


def _quotes(text: str, marks: Marks) -> tuple[list[Quoted], list[Quoted]]:
    closed: list[Quoted] = []
    unclosed: list[Quoted] = []
    offset = 0
    for paragraph in text.split("\n"):
        found, left_open = _paragraph_quotes(paragraph, offset, marks.open_close, marks.loose)
        closed.extend(found)
        unclosed.extend(left_open)
        offset += len(paragraph) + 1
    return closed, unclosed


def _paragraph_quotes(
    paragraph: str, offset: int, open_close: dict[str, str], loose: bool = False
) -> tuple[list[Quoted], list[Quoted]]:
    out: list[Quoted] = []
    stack: list[str] = []
    start = -1
    straight_open = False
    only_closers = "".join(ch for ch in "".join(open_close.values()) if ch not in open_close)
    skip = -1
    if loose and paragraph.count('"') % 2:  # an odd straight mark: the first one closes an earlier quotation
        first = paragraph.find('"')
        if (
            first > 0
            and not paragraph[first - 1].isspace()
            and paragraph[first + 1 : first + 2] in ("", " ", ",")
        ):
            out.append(Quoted(offset - 1, offset + first + 1))
            skip = first
    for i, ch in enumerate(paragraph):
        if i == skip:
            continue
        if stack and ch in open_close[stack[-1]]:
            stack.pop()
            if not stack:
                out.append(Quoted(offset + start, offset + i + 1))
        elif loose and not stack and not out and ch in only_closers and paragraph[:i].strip():
            out.append(Quoted(offset - 1, offset + i + 1))  # opened in an earlier paragraph
        elif ch in open_close:
            if not stack:
                start = i
            stack.append(ch)
        elif ch == '"' and not stack:
            if straight_open:
                out.append(Quoted(offset + start, offset + i + 1))
            else:
                start = i
            straight_open = not straight_open
    left_open = [Quoted(offset + start, offset + len(paragraph) + 1)] if loose and stack else []
    return out, left_open


def sentence_spans(text: str, marks: Marks = RU_MARKS) -> list[tuple[int, int]]:
    """Sentences: ended by . ! ? … outside quotation marks before a capital (not after an initial),
    and always by a line break."""
    spans: list[tuple[int, int]] = []
    offset = 0
    openers, closers = marks.openers, marks.closers
    initial = re.compile(rf"(?:^|\s)[{marks.upper}]$")
    sentence_start = re.compile(rf"\s+[\"{re.escape(openers)}(—–\-{marks.upper}0-9]")
    for paragraph in text.split("\n"):
        depth = 0
        start = 0
        for i, ch in enumerate(paragraph):
            if ch in openers and not (ch in closers and depth > 0):
                depth += 1
            elif ch in closers:
                depth = max(0, depth - 1)
            elif ch in ".!?…" and depth == 0:
                if initial.search(paragraph, 0, i) and ch == ".":
                    continue
                if sentence_start.match(paragraph, i + 1) or i + 1 == len(paragraph):
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
    open_quoted: tuple[Quoted, ...] = ()

    @classmethod
    def of(cls, text: str, marks: Marks = RU_MARKS) -> Layout:
        closed, unclosed = _quotes(text, marks)
        return cls(
            text, tuple(closed), tuple(sentence_spans(text, marks)), tuple(unclosed if marks.loose else ())
        )

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
