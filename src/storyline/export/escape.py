"""HTML escaping shared by the renderers: every piece of article text passes through ``esc``."""

from __future__ import annotations

from html import escape


def esc(value: object) -> str:
    """``value`` as HTML text or attribute content (``None`` is empty)."""
    return escape("" if value is None else str(value), quote=True)
