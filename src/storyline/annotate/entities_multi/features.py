"""Token features of the multilingual name tagger (the same code for training and tagging).

A text is cut into sequences at line breaks and after sentence-final punctuation; every token gets
string features for python-crfsuite: its lower-cased word, prefixes and suffixes, shape,
capitalisation, whether it starts a sentence, the same of its neighbours, and the language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.annotate.segment import Token

SENTENCE_END = frozenset({".", "!", "?", "…"})
OPENERS = frozenset({"«", "„", "“", '"', "(", "[", "—", "-", "–", ":", "'", "‘", "‚", "»"})
_SHAPE_UPPER = re.compile(r"[^\W\d_]")


def shape(word: str) -> str:
    """Compressed shape: "Brexit" -> "Xx", "EU" -> "X", "COVID-19" -> "X-d", "de" -> "x"."""
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def sequences(text: str, tokens: Sequence[Token]) -> list[list[int]]:
    """Indices of ``tokens`` cut into sentence-like sequences (line breaks, sentence-final marks)."""
    out: list[list[int]] = []
    current: list[int] = []
    previous_stop = 0
    for i, t in enumerate(tokens):
        if current and "\n" in text[previous_stop : t.start]:
            out.append(current)
            current = []
        current.append(i)
        previous_stop = t.stop
        if t.text in SENTENCE_END and len(current) > 1:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def _word_features(prefix: str, word: str, low: str) -> list[str]:
    first = word[:1]
    feats = [f"{prefix}w={low}", f"{prefix}sh={shape(word)}"]
    if first.isupper():
        feats.append(f"{prefix}cap")
    return feats


def sequence_features(words: Sequence[str], language: str) -> list[list[str]]:
    """crfsuite features of one sequence of token strings."""
    lows = [w.lower() for w in words]
    n = len(words)
    out: list[list[str]] = []
    for i, (word, low) in enumerate(zip(words, lows, strict=True)):
        feats = ["b", f"lang={language}", *_word_features("", word, low)]
        feats.extend(
            (
                f"s2={low[-2:]}",
                f"s3={low[-3:]}",
                f"s4={low[-4:]}",
                f"p3={low[:3]}",
                f"len={min(len(word), 8)}",
            )
        )
        if word.isupper() and len(word) > 1:
            feats.append("upper")
        if i == 0 or words[i - 1] in SENTENCE_END or words[i - 1] in OPENERS:
            feats.append("init")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                feats.extend(_word_features(f"{offset}", words[j], lows[j]))
            else:
                feats.append(f"{offset}edge")
        if i > 0:
            feats.append(f"-1w|w={lows[i - 1]}|{low}")
        out.append(feats)
    return out
