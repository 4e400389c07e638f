"""Bytes to text: UTF-8 first, then plausible legacy encodings; binary files are refused."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_LETTER = re.compile(r"[^\W\d_]")


class BinaryFileError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    # many control bytes (other than \t \n \r \f) means not text
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)


def _plausible(text: str) -> bool:
    """Legacy-encoded Russian decodes to letters; a wrong guess gives symbols and control chars."""
    sample = text[:20000]
    if not sample.strip():
        return True
    letters = len(_LETTER.findall(sample))
    visible = sum(1 for ch in sample if not ch.isspace())
    return not _CONTROL.search(sample) and letters >= 0.5 * max(visible, 1)


def decode(data: bytes, fallbacks: tuple[str, ...]) -> tuple[str, str]:
    """Return ``(text, encoding)``. Raises ``BinaryFileError`` for binary data."""
    if looks_binary(data):
        raise BinaryFileError("binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in fallbacks:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            return text, encoding
    raise BinaryFileError("not UTF-8 text and no fallback encoding fits")
