"""Story importance."""

from __future__ import annotations

import math


def story_score(n_articles: int, n_outlets: int, n_events: int) -> float:
    return round(math.log1p(n_articles) + 2 * math.log1p(n_outlets) + 0.5 * math.log1p(n_events), 4)
