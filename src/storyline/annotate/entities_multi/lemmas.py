"""Normal forms of names: a CRF labels every word of a mention with the rewrite of its ending.

A label ``k:suffix`` drops the last ``k`` letters and appends ``suffix`` ("Ангелою" -> ``2:а`` ->
"Ангела"; "Merkel" -> ``0:``). One sequence is one mention, so the words of a name agree: "Unii
Europejskiej" -> "Unia Europejska". Labels are learned from the BSNLP (mention, lemma) pairs whose word
counts agree (``scripts/train_ner_multi.py``). The case of the surface is kept ("UNII" -> "UNIA").
Languages without training pairs (en es fr it) keep the surface, less an English possessive "'s".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.annotate.segment import Token

INFLECTED = frozenset({"uk", "bg", "pl", "cs", "sl", "hr", "sk", "ru"})
MAX_STRIP = 5
# languages of one branch inflect names alike: a language with little training data (hr, sk) borrows
GROUPS = {
    "pl": "west",
    "cs": "west",
    "sk": "west",
    "sl": "south",
    "hr": "south",
    "bg": "bg",
    "uk": "east",
    "ru": "east",
}
POSSESSIVE = ("'s", "’s", "'", "’")


def rewrite_label(word: str, lemma: str) -> str:
    """The label that turns ``word`` into ``lemma`` ("Merkel", "Merkel" -> "0:")."""
    w, m = word.casefold(), lemma.casefold()
    p = 0
    while p < min(len(w), len(m)) and w[p] == m[p]:
        p += 1
    strip = len(w) - p
    return f"{strip}:{m[p:]}" if strip <= MAX_STRIP else "0:"


def apply_label(word: str, label: str) -> str:
    strip_text, _, suffix = label.partition(":")
    strip = int(strip_text) if strip_text.isdigit() else 0
    if strip >= len(word):
        return word
    stem = word[: len(word) - strip]
    if word.isupper() and len(word) > 1:
        suffix = suffix.upper()
    return stem + suffix


def word_features(words: Sequence[str], type_: str, language: str) -> list[list[str]]:
    n = len(words)
    out = []
    for i, word in enumerate(words):
        low = word.casefold()
        feats = [
            "b",
            f"l={language}",
            f"t={type_}",
            f"lt={language}{type_}",
            f"w={low}",
            f"n={min(n, 4)}",
            f"pos={'last' if i == n - 1 else i}",
            "cap" if word[:1].isupper() else "low",
        ]
        if word.isupper() and len(word) > 1:
            feats.append("upper")
        group = GROUPS.get(language, language)
        for k in range(1, 6):
            feats.append(f"s{k}={low[-k:]}")
            feats.append(f"ls{k}={language}{type_}{low[-k:]}")
            feats.append(f"gs{k}={group}{type_}{low[-k:]}")
        for offset in (-1, 1):
            j = i + offset
            if 0 <= j < n:
                other = words[j].casefold()
                feats.extend((f"{offset}s2={other[-2:]}", f"{offset}s3={other[-3:]}"))
        out.append(feats)
    return out


def is_word(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


@dataclass(frozen=True, slots=True)
class Lemmatizer:
    tagger: Any  # pycrfsuite.Tagger, or None: surfaces are kept

    @classmethod
    def load(cls, path: Path) -> Lemmatizer:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        return cls(tagger)

    def normal(self, text: str, tokens: Sequence[Token], type_: str, language: str) -> str:
        """Normal form of the mention made of ``tokens`` (spaces between them as in ``text``)."""
        words = [t.text for t in tokens]
        if language in INFLECTED and self.tagger is not None:
            labels = self.tagger.tag(word_features(words, type_, language))
            words = [apply_label(w, lab) if is_word(w) else w for w, lab in zip(words, labels, strict=True)]
        elif language == "en" and words:
            last = words[-1]
            for ending in POSSESSIVE:
                if last.endswith(ending) and len(last) > len(ending) + 1:
                    words[-1] = last[: -len(ending)]
                    break
        parts = [words[0]]
        for previous, token, word in zip(tokens, tokens[1:], words[1:], strict=False):
            parts.append((" " if token.start > previous.stop else "") + word)
        return "".join(parts)
