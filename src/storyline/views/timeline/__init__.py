"""Timelines: dated happenings of a story (product) and fixed-size timelines (the TLS setting).

``mentions`` finds the dated statements of a story's articles; ``happenings``/``story_timeline``
merge them into cited entries for a story page; ``fixed`` ranks days and picks sentences for a
timeline of a given size (the standard timeline-summarization setup used by the evaluation).
"""

from storyline.views.timeline.dating import Mention, date_range, mentions
from storyline.views.timeline.fixed import day_summaries, fixed_timeline, rank_days
from storyline.views.timeline.happenings import Happening, happenings, short_statement, story_timeline

__all__ = [
    "Happening",
    "Mention",
    "date_range",
    "day_summaries",
    "fixed_timeline",
    "happenings",
    "mentions",
    "rank_days",
    "short_statement",
    "story_timeline",
]
