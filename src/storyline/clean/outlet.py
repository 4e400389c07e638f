"""Lines repeated across articles of the same outlet (menus, footers, standing teasers)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.clean.shape import unescape
from storyline.model import RawDoc


def norm(line: str) -> str:
    return unescape(line).casefold()


@dataclass(frozen=True, slots=True)
class OutletContext:
    """How many articles of an outlet contain each (normalised) line."""

    line_docs: dict[str, int]

    def seen_elsewhere(self, line: str, normalised: bool = False) -> int:
        """In how many other articles of the outlet the line occurs (the article itself counts once).
        ``normalised``: the line is already unescaped, whitespace-normalised and case-folded."""
        return max(0, self.line_docs.get(line if normalised else norm(line), 0) - 1)


def _lines(doc: RawDoc) -> list[str]:
    return [ln for ln in doc.text.split("\n") if ln.strip()]


def outlet_key(doc: RawDoc) -> str:
    """Articles are grouped by outlet; without one, by the shape of their first lines."""
    if doc.source:
        return doc.source.casefold()
    return "layout:" + "|".join(norm(h) for h in _lines(doc)[:2])


def build_context(docs: Iterable[RawDoc]) -> dict[str, OutletContext]:
    counts: dict[str, Counter[str]] = {}
    for doc in docs:
        counts.setdefault(outlet_key(doc), Counter()).update({norm(ln) for ln in _lines(doc)})
    return {key: OutletContext(dict(c)) for key, c in counts.items()}
