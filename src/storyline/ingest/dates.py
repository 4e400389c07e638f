"""Publication dates from metadata fields, normalised to ISO."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any


def normalize_published(value: Any) -> str | None:
    """ISO date (``2025-10-24``) or datetime (``2025-10-24T13:05:00``, UTC when zoned); None if unreadable.

    Accepts ISO strings (with ``Z`` or offsets), ``YYYY-MM-DD HH:MM:SS`` and unix timestamps.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not 0 < value < 4e9:
            return None
        return datetime.fromtimestamp(value, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) >= 9:
        return normalize_published(int(text))
    if len(text) == 10:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):  # year 9999 at -05:00 is past the last datetime
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S")
