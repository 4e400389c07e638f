"""Story importance: distinct outlets, size, growth and recency, as one comparable number.

``score = w_o·log(1+outlets) + w_a·log(1+articles) + w_g·log(1+articles of the last growth_days)
+ (last day − 2000-01-01) / recency_days``. The recency term is linear in the story's last day, so
ranking by it is ranking by importance × e^(−age / recency_days) for any "now": stored scores of
stories refreshed at different times stay comparable and need no recomputation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from storyline.config import ViewConfig

SCORE_ORIGIN = date(2000, 1, 1)  # the recency term counts days from here


def story_score(days: Sequence[str | None], outlets: int, config: ViewConfig) -> float:
    """``days``: publication day (ISO) of each article of the story (None when unknown)."""
    known = sorted(date.fromisoformat(d[:10]) for d in days if d)
    size = config.outlets_weight * math.log1p(outlets) + config.articles_weight * math.log1p(len(days))
    if not known:
        return round(size, 4)
    last = known[-1]
    recent = sum(1 for d in known if d > last - timedelta(days=config.growth_days))
    growth = config.growth_weight * math.log1p(recent)
    recency = (last - SCORE_ORIGIN).days / config.recency_days
    return round(size + growth + recency, 4)
