"""Language-independent keys of a text: names and word stems that match across Slavic languages.

Entities are recognised for Russian only, so stories are linked across languages through keys that
any language yields: Cyrillic is transliterated to Latin, diacritics are dropped, and

- a *name key* is the consonant skeleton of a capitalised word that does not start a sentence
  ("Брекзит", "brexitu", "Brexitem" -> "brks"; "Тръмп", "Trumpa" -> "trmp");
- a *word key* is the first letters of any word after transliteration ("koronavirusa" -> "koron").

Each rule is a small named function, testable on one line of text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "e",
    "ж": "z", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "j", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h",
    "ц": "c", "ч": "c", "ш": "s", "щ": "s", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju",
    "я": "ja", "ђ": "d", "ј": "j", "љ": "l", "њ": "n", "ћ": "c", "џ": "d", "ł": "l",
}  # fmt: skip
# Latin spellings of one sound across the languages (w/v, y/i, x/ks, q/k)
LATIN = str.maketrans({"w": "v", "y": "i", "q": "k"})
WORD = re.compile(r"[^\W\d_]{3,}")
SENTENCE_START = re.compile(r"(^|[.!?…:\"«„“(\n]\s*)$")
VOWELS = re.compile(r"[aeiouj]")
# voiced consonants and their voiceless pairs are one key letter (Brexit / Брекзит)
VOICING = str.maketrans({"z": "s", "g": "k", "d": "t", "b": "p", "v": "f"})
NAME_KEY_LETTERS = 4
WORD_KEY_LETTERS = 5


def transliterate(text: str) -> str:
    """Lower-case Latin letters without diacritics: "Брюссель" -> "brjussel", "Bruselu" -> "bruselu"."""
    out = "".join(CYRILLIC.get(ch, ch) for ch in text.lower())
    out = "".join(ch for ch in unicodedata.normalize("NFKD", out) if not unicodedata.combining(ch))
    return out.translate(LATIN).replace("x", "ks")


def skeleton(word: str) -> str:
    """Consonant skeleton of a word: "Брекзит" and "Brexitu" -> "brks"."""
    consonants = VOWELS.sub("", transliterate(word)).translate(VOICING)
    return consonants[:NAME_KEY_LETTERS]


def starts_sentence(text: str, start: int) -> bool:
    """A capital letter after a sentence end or an opening quote says nothing about a name."""
    return bool(SENTENCE_START.search(text[max(0, start - 3) : start]))


def name_keys(text: str) -> list[str]:
    """Skeletons of capitalised words inside sentences (names of people, places, organisations)."""
    out = []
    for m in WORD.finditer(text):
        word = m.group()
        if not word[0].isupper() or starts_sentence(text, m.start()):
            continue
        key = skeleton(word)
        if len(key) >= 3:
            out.append("n:" + key)
    return out


def word_keys(text: str) -> list[str]:
    """Truncated transliterated words: a crude stemmer shared by the Slavic languages."""
    return ["w:" + w[:WORD_KEY_LETTERS] for w in WORD.findall(transliterate(text))]


def text_keys(title: str | None, text: str, max_chars: int) -> Counter[str]:
    body = f"{title or ''}.\n{text[:max_chars]}"
    return Counter(name_keys(body) + word_keys(body))
