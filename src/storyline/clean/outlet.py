"""Lines repeated across articles of the same outlet (menus, footers, standing teasers).

The context of an outlet counts, for each normalised line, how many of the outlet's articles contain it.
It is built in an explicit pass keyed by outlet, not by batch (``ContextCounter`` over the whole input of
a run, merged with the counts the store keeps for articles stored before), so an article cleans the same
way whatever arrives in the same batch. Lines are kept as stable 64-bit hashes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from storyline.clean.shape import unescape
from storyline.model import RawDoc


def norm(line: str) -> str:
    return unescape(line).casefold()


def line_hash(normalised: str) -> int:
    """A stable 64-bit hash of a normalised line (the same in every process and run)."""
    data = normalised.encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest())


@dataclass(frozen=True, slots=True)
class OutletContext:
    """How many articles of an outlet contain each (normalised, hashed) line."""

    line_docs: Mapping[int, int]

    def seen_elsewhere(self, line: str, normalised: bool = False) -> int:
        """In how many other articles of the outlet the line occurs (the article itself counts once).
        ``normalised``: the line is already unescaped, whitespace-normalised and case-folded."""
        return max(0, self.line_docs.get(line_hash(line if normalised else norm(line)), 0) - 1)


def _lines(doc: RawDoc) -> list[str]:
    return [ln for ln in doc.text.split("\n") if ln.strip()]


def outlet_key(doc: RawDoc) -> str:
    """Articles are grouped by outlet; without one, by the shape of their first lines (hashed, so a key
    stays short enough for any index: real first lines run to thousands of characters)."""
    if doc.source:
        source = doc.source.casefold()
        return source if len(source) <= 200 else "source:" + _digest(source)
    return "layout:" + _digest("|".join(norm(h) for h in _lines(doc)[:2]))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def counts_context(doc: RawDoc) -> bool:
    """Prepared text (HTML through trafilatura) is already body text: it neither needs nor feeds a context."""
    return not doc.prepared


def doc_lines(doc: RawDoc) -> tuple[int, ...]:
    """Hashes of the distinct normalised lines of a document (what it adds to its outlet's context)."""
    return tuple(sorted({line_hash(norm(ln.strip())) for ln in _lines(doc)}))


class ContextCounter:
    """Counts lines per outlet over a whole input (the context pass of a run)."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[int]] = {}

    def add(self, doc: RawDoc) -> None:
        if counts_context(doc):
            self.counts.setdefault(outlet_key(doc), Counter()).update(doc_lines(doc))

    def contexts(self, stored: Mapping[str, Mapping[int, int]] | None = None) -> dict[str, OutletContext]:
        """The contexts of this input's outlets, with the counts of articles stored before added. Lines
        seen in one article only say nothing (``seen_elsewhere`` is 0) and are not kept."""
        out: dict[str, OutletContext] = {}
        for outlet, counter in self.counts.items():
            total = Counter(counter)
            for line, docs in (stored or {}).get(outlet, {}).items():
                total[line] += docs
            out[outlet] = OutletContext({line: n for line, n in total.items() if n > 1})
        return out

    def wanted(self) -> dict[str, set[int]]:
        """The lines to look up in the store: every line of every outlet of this input."""
        return {outlet: set(counter) for outlet, counter in self.counts.items()}


def build_context(docs: Iterable[RawDoc]) -> dict[str, OutletContext]:
    """The contexts of a set of documents alone (evaluations, tests)."""
    counter = ContextCounter()
    for doc in docs:
        counter.add(doc)
    return counter.contexts()
