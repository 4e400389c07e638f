"""Token features of the multilingual name tagger (the same code for training and tagging).

A text is cut into sequences at line breaks and after sentence-final punctuation; every token gets
string features for python-crfsuite: its lower-cased word, prefixes and suffixes, shape,
capitalisation, whether it starts a sentence, the same of its neighbours, and the language.

``casing``: how often a word is written with a capital letter inside a sentence, counted on unlabelled
news text of every language (``casing_lexicon``); it tells a name ("Brexit", "May") from a common word
that starts a sentence, also for words the labelled data never had.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

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


CASING_MIN_COUNT = 3
# branches of the languages (Latin-script Romance and English form one: names are capitalised alike)
GROUPS = {
    "pl": "west", "cs": "west", "sk": "west", "sl": "south", "hr": "south",
    "bg": "cyr", "uk": "cyr", "ru": "cyr", "en": "latin", "es": "latin", "fr": "latin", "it": "latin",
}  # fmt: skip


def casing_bucket(capitalised: int, total: int) -> str:
    ratio = capitalised / total
    return "l" if ratio < 0.05 else "m" if ratio < 0.5 else "M" if ratio < 0.95 else "C"


def casing_lexicon(texts: Iterable[str], min_count: int = CASING_MIN_COUNT) -> dict[str, str]:
    """lower-cased word -> how often it is capitalised inside a sentence (``casing_bucket``)."""
    from storyline.annotate.segment import tokenize

    capitalised: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text in texts:
        tokens = tokenize(text)
        for seq in sequences(text, tokens):
            for k, i in enumerate(seq[1:], 1):
                word = tokens[i].text
                previous = tokens[seq[k - 1]].text
                if not word[:1].isalpha() or previous in SENTENCE_END or previous in OPENERS:
                    continue
                low = word.lower()
                total[low] += 1
                capitalised[low] += word[:1].isupper()
    return {w: casing_bucket(capitalised[w], n) for w, n in total.items() if n >= min_count}


def sequence_features(
    words: Sequence[str], language: str, casing: Mapping[str, str] | None = None
) -> list[list[str]]:
    """crfsuite features of one sequence of token strings."""
    lows = [w.lower() for w in words]
    cases = [casing.get(low, "u") for low in lows] if casing is not None else None
    n = len(words)
    # each word's own features, computed once and reused with a prefix by its neighbours
    own = [
        (f"w={low}", f"sh={shape(word)}", "cap" if word[:1].isupper() else "")
        for word, low in zip(words, lows, strict=True)
    ]
    out: list[list[str]] = []
    for i, (word, low) in enumerate(zip(words, lows, strict=True)):
        feats = ["b", f"lang={language}", f"grp={GROUPS.get(language, language)}", own[i][0], own[i][1]]
        if own[i][2]:
            feats.append("cap")
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
                feats.extend(f"{offset}{f}" for f in own[j] if f)
            else:
                feats.append(f"{offset}edge")
        if i > 0:
            feats.append(f"-1w|w={lows[i - 1]}|{low}")
        if cases is not None:
            feats.append(f"cr={cases[i]}")
            feats.append(f"cr|cap={cases[i]}{word[:1].isupper()}")
            if i > 0:
                feats.append(f"-1cr={cases[i - 1]}")
            if i + 1 < n:
                feats.append(f"+1cr={cases[i + 1]}")
        out.append(feats)
    return out
