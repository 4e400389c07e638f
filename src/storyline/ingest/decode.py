"""Bytes to text: UTF-8 first, then UTF-16, then the legacy encoding that reads best; binary is refused.

Legacy encodings (``ingest.fallback_encodings``: cp1251, KOI8-R, Latin-1) decode almost any bytes,
so the first one that decodes is often wrong: KOI8-R Russian read as cp1251 is all letters, but
with the case of every letter swapped and the wrong letters. Every candidate that decodes is
scored (``reading_score``) and the best one wins.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
# bytes below 32 other than \t \n \f \r (and ESC, common in terminal logs, is still a control)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
# the ten most frequent letters of Russian text (о е а и н т с р в л: about 63 % of its letters)
_FREQUENT_CYRILLIC = frozenset("оеаинтсрвл")


class BinaryFileError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    """A NUL in the first 8 KB, or more than 1 % control bytes in the first 8 KB or in the whole."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    if _controls(sample) > max(8, len(sample) // 100):
        return True
    return len(data) > len(sample) and _controls(data) > len(data) // 100


def _controls(data: bytes) -> int:
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def utf16_encoding(data: bytes) -> str | None:
    """``utf-16`` for data with a UTF-16 byte-order mark; ``utf-16-le``/``-be`` for data without one
    whose NUL bytes (the high bytes of ASCII characters) sit at the odd/even positions; else None."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    sample = data[:8192]
    sample = sample[: len(sample) - len(sample) % 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    if pairs < 2 or even + odd < max(2, pairs // 20):
        return None
    if odd >= 0.95 * (even + odd):
        return "utf-16-le"
    if even >= 0.95 * (even + odd):
        return "utf-16-be"
    return None


def _plausible(text: str) -> bool:
    """Legacy-encoded Russian decodes to letters; a wrong guess gives symbols and control chars."""
    sample = text[:20000]
    if not sample.strip():
        return True
    letters = len(_LETTER.findall(sample))
    visible = sum(1 for ch in sample if not ch.isspace())
    return not _CONTROL.search(sample) and letters >= 0.5 * max(visible, 1)


def _cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _word_score(word: str) -> float:
    """How natural the non-ASCII letters of one word look (0..1 per letter, summed).

    A word mixes no scripts; its case is lower, Title or UPPER (UPPER weighs half: acronyms are
    rare, while the wrong one of cp1251/KOI8-R turns most lowercase words into UPPER ones). A
    Cyrillic letter among the ten most frequent ones of Russian weighs 1, other Cyrillic letters
    0.6; a Latin letter outside ASCII weighs 0.9 in a mostly-ASCII word (``café``) and 0.2 in a word
    of such letters (the way Russian reads as Latin-1: ``Ïðåçèäåíò``).
    """
    odd = [ch for ch in word if ord(ch) > 127]
    if not odd:
        return 0.0
    cyrillic = sum(1 for ch in word if _cyrillic(ch))
    if 0 < cyrillic < len(word):
        return 0.0  # mixed scripts
    rest = word[1:]
    if word.islower() or (word[0].isupper() and (not rest or rest.islower())):
        case = 1.0
    elif word.isupper():
        case = 0.5
    else:
        return 0.0
    if cyrillic:
        return case * sum(1.0 if ch.lower() in _FREQUENT_CYRILLIC else 0.6 for ch in word)
    ascii_share = 1 - len(odd) / len(word)
    return case * len(odd) * (0.9 if ascii_share >= 0.5 else 0.2)


def reading_score(text: str) -> float:
    """Mean naturalness of the non-ASCII letters of ``text`` (0..1); ASCII reads the same in every
    legacy encoding, so only the other characters tell the candidates apart."""
    sample = text[:50000]
    odd = sum(1 for ch in sample if ord(ch) > 127)
    if not odd:
        return 1.0
    return sum(_word_score(w) for w in _WORD.findall(sample)) / odd


def decode(data: bytes, fallbacks: tuple[str, ...]) -> tuple[str, str]:
    """Return ``(text, encoding)``. Raises ``BinaryFileError`` for binary data."""
    wide = utf16_encoding(data)
    if wide is not None:
        text = data.decode(wide, errors="replace").lstrip("\ufeff")
        if _plausible(text):
            return text, "utf-16"
    if looks_binary(data):
        raise BinaryFileError("binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for encoding in fallbacks:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            score = reading_score(text)
            if best is None or score > best[0]:
                best = (score, text, encoding)
    if best is None:
        raise BinaryFileError("not UTF-8 text and no fallback encoding fits")
    return best[1], best[2]
