"""The shape of one line of scraped text: length, words, punctuation, case, digits and symbols.

Nothing here knows a language's vocabulary: "function words" are approximated by short lower-case
words, sentences by terminal punctuation, and CJK text (no spaces) by counting characters.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# a sentence ends with . ! ? … (or CJK 。！？), possibly followed by closing quotes or brackets
SENTENCE_END = ".!?…。！？"
CLOSING = "\"'»”’)]"
INNER_STOP = re.compile(r"(?<=[^\W\d_][^\W\d_])[.!?…][\"'»”’)\]]*\s+[\"'«“(]?[^\W\d_]")
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
DIGITS = re.compile(r"\d")


def unescape(line: str) -> str:
    """Decode HTML entities left in scraped text ("Ильхам&nbsp;Алиев") and normalise spaces."""
    text = html.unescape(line) if "&" in line else line
    if not text.isascii() and INVISIBLE.search(text):
        text = INVISIBLE.sub("", text)
    return " ".join(text.split())


def is_terminal(text: str) -> bool:
    """Ends like a sentence (". ! ? …", maybe before closing quotes) or announces more (": ;")."""
    if text.endswith((":", ";")):
        return True
    return text.rstrip(CLOSING)[-1:] in SENTENCE_END if text else False


@dataclass(frozen=True, slots=True)
class Shape:
    text: str  # unescaped, whitespace-normalised
    chars: int
    words: int  # letter words; CJK characters count as half a word each
    lower: int  # words starting with a lower-case letter
    upper: int  # words written in capitals only (at least two letters)
    short_lower: (
        int  # words of at most three letters starting lower-case (a language-free proxy for function words)
    )
    digits: int
    letters: int
    terminal: bool  # ends like a sentence
    inner_stops: int  # sentence boundaries inside the line
    commas: int
    cased: int  # words written in a script with letter case

    @property
    def lower_ratio(self) -> float:
        return self.lower / self.words if self.words else 0.0

    @property
    def function_ratio(self) -> float:
        return self.short_lower / self.words if self.words else 0.0

    @property
    def digit_ratio(self) -> float:
        return self.digits / self.chars if self.chars else 0.0

    @property
    def symbol_ratio(self) -> float:
        """Share of characters that are neither letters, digits nor spaces."""
        if not self.chars:
            return 0.0
        spaces = self.text.count(" ")
        return max(0, self.chars - self.letters - self.digits - spaces) / self.chars

    @property
    def caseless(self) -> bool:
        """A script without letter case (CJK, Arabic, ...), where case rules cannot judge."""
        return self.words > 0 and self.cased == 0


def shape(line: str) -> Shape:
    text = unescape(line)
    words = WORD.findall(text)
    lower = upper = short_lower = capitalised = cjk_words = 0
    for w in words:
        first = w[0]
        if first.islower():
            lower += 1
            short_lower += len(w) <= 3
        elif first.isupper():
            capitalised += 1
            upper += len(w) > 1 and w.isupper()
        elif CJK.match(first):
            cjk_words += 1
    cjk = len(CJK.findall(text)) if cjk_words else 0
    return Shape(
        text=text,
        chars=len(text),
        words=len(words) - cjk_words + (cjk + 1) // 2,
        lower=lower,
        upper=upper,
        short_lower=short_lower,
        digits=len(DIGITS.findall(text)) if not text.isalpha() else 0,
        letters=sum(map(len, words)),
        terminal=is_terminal(text),
        inner_stops=len(INNER_STOP.findall(text)),
        commas=text.count(",") + text.count("、") + text.count("，"),
        cased=lower + capitalised,
    )
