"""Spans of a document-level gold list projected onto its text (training data for the tagger).

BSNLP gold lists every distinct mention of a document with its type but no offsets. Every occurrence
of a listed mention that starts and ends on token boundaries becomes a span of that type; longer
mentions are placed first and a shorter one never overlaps a placed span ("Asia Bibi" before
"Bibi"). Gold lists written in lower case (the 2017 topics) are matched without regard to case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from storyline.annotate.segment import Token

# the tagger's labels: our three types, and OTHER for gold products, events and miscellaneous names
# (learned so that "Brexit" is not taken for a place, never output)
GOLD_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
OTHER = "OTH"


def tag_type(gold_type: str) -> str:
    return GOLD_TYPES.get(gold_type, OTHER)


def project(
    text: str, tokens: Sequence[Token], mentions: Iterable[tuple[str, str]]
) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, type) of every occurrence of the (mention, type) pairs in text."""
    pairs: dict[str, str] = {}
    for mention, type_ in mentions:
        mention = " ".join(mention.split())
        if mention:
            pairs.setdefault(mention, tag_type(type_))
    if not pairs:
        return []
    folded = not any(ch.isupper() for m in pairs for ch in m)
    starts = {t.start: i for i, t in enumerate(tokens)}
    stops = {t.stop: i for i, t in enumerate(tokens)}
    taken = [False] * len(tokens)
    spans: list[tuple[int, int, str]] = []
    for mention in sorted(pairs, key=lambda m: (-len(m), m)):
        pattern = re.compile(r"\s+".join(re.escape(w) for w in mention.split()), re.I if folded else 0)
        for match in pattern.finditer(text):
            first, last = starts.get(match.start()), stops.get(match.end())
            if first is None or last is None or any(taken[first : last + 1]):
                continue
            for i in range(first, last + 1):
                taken[i] = True
            spans.append((first, last + 1, pairs[mention]))
    return sorted(spans)


def bio(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    labels = ["O"] * n
    for first, stop, type_ in spans:
        labels[first] = f"B-{type_}"
        for i in range(first + 1, stop):
            labels[i] = f"I-{type_}"
    return labels


def spans_of(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, stop, type) of the BIO labels; an I- without its B- starts a span."""
    out: list[tuple[int, int, str]] = []
    start, current = -1, ""
    for i, label in enumerate([*labels, "O"]):
        kind, _, type_ = label.partition("-")
        if current and (kind != "I" or type_ != current):
            out.append((start, i, current))
            current = ""
        if kind == "B" or (kind == "I" and not current):
            start, current = i, type_
    return out
