"""Fact-conflict vetoes: named rules that overrule the pair scorer.

The annotators' guideline defines one event by the same people, places and numbers, and its test
is that each headline would fit the other article. Two articles whose headlines name different
ones report different happenings however close their topic ("Погода в Бресте на 17 мая" /
"Погода в Гомеле на 17 мая"; "Вулкан Эбеко на Курилах ..." / "На Камчатке вулкан Карымский ...";
"зарегистрирована 11 смерть" / "скончался 12-й пациент"). A name counts as mentioned when the other
article has a word of the same stem or, for an abbreviation, a run of words with its initials
(``storyline.similarity.terms``). A vetoed pair is never one event. Each rule's effect is measured
by cross-validation in ``scripts/train_pair_scorer.py``.
"""

from __future__ import annotations

import numpy as np

from storyline.similarity.features import pair_features
from storyline.similarity.matrices import Matrices

VETOES: dict[str, str] = {
    # rule name -> the pair feature (0/1) that fires it
    # each headline names someone or something that the other article never mentions
    "unmatched_headline_names": "names_unmatched",
    # both headlines carry numbers, and neither article mentions any number of the other headline
    "different_headline_numbers": "numbers_distinct",
}


def vetoed(m: Matrices, i: np.ndarray, j: np.ndarray, rules: tuple[str, ...]) -> np.ndarray:
    """Boolean per pair: some rule of ``rules`` fires."""
    if not rules or len(i) == 0:
        return np.zeros(len(i), dtype=bool)
    fired = pair_features(m, i, j, tuple(VETOES[r] for r in rules))
    return np.asarray(fired.max(axis=1) > 0)
