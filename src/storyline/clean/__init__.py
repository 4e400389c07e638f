"""Boilerplate removal and title / lead / outlet detection on raw scraped text.

The input is one visible block per line. Each line gets a keep/drop decision from a list of small,
named rules over its shape (length, punctuation, capitalisation), its position relative to the
main body block, its neighbours (teaser headline + rubric line, caption + credit) and its
repetition across articles of the same outlet. No rule knows particular sentences.
"""

from storyline.clean.core import Cleaned, LineDecision, clean, content_hash, to_article
from storyline.clean.outlet import OutletContext, build_context, outlet_key

__all__ = [
    "Cleaned",
    "LineDecision",
    "OutletContext",
    "build_context",
    "clean",
    "content_hash",
    "outlet_key",
    "to_article",
]
