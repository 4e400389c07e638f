"""Fact-conflict vetoes: named rules that overrule the pair scorer.

The annotators' guideline defines one event by the same people, places and numbers, and its test
is that each headline would fit the other article. Two articles whose headlines name different
ones report different happenings however close their topic ("Погода в Бресте на 17 мая" /
"Погода в Гомеле на 17 мая"; "Вулкан Эбеко на Курилах ..." / "На Камчатке вулкан Карымский ...";
"зарегистрирована 11 смерть" / "скончался 12-й пациент"). A name counts as mentioned when the other
article has a word of the same stem or, for an abbreviation, a run of words with its initials
(``storyline.events.terms``). A vetoed pair is never one event. Each rule's effect is measured
by cross-validation in ``scripts/train_pair_scorer.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import sparse

from storyline.events.features import pair_features
from storyline.events.matrices import Matrices

VETOES: dict[str, str] = {
    # rule name -> the pair feature (0/1) that fires it
    # each headline names someone or something that the other article never mentions
    "unmatched_headline_names": "names_unmatched",
    # both headlines carry numbers, and neither article mentions any number of the other headline
    "different_headline_numbers": "numbers_distinct",
    # the names rule with a name also found by its sound key across scripts ("Гугл" / "Google")
    "unknown_headline_names": "names_unknown",
}


def vetoed(m: Matrices, i: np.ndarray, j: np.ndarray, rules: tuple[str, ...]) -> np.ndarray:
    """Boolean per pair: some rule of ``rules`` fires."""
    if not rules or len(i) == 0:
        return np.zeros(len(i), dtype=bool)
    fired = pair_features(m, i, j, tuple(VETOES[r] for r in rules))
    return np.asarray(fired.max(axis=1) > 0)


Rows = frozenset[int]
Sets = tuple[Rows, Rows, Rows, Rows]  # part(i), whole(i), part(j), whole(j)


def _unmatched(pi: Rows, wi: Rows, pj: Rows, wj: Rows) -> bool:
    return not pi <= wj and not pj <= wi


def _distinct(pi: Rows, wi: Rows, pj: Rows, wj: Rows) -> bool:
    return bool(pi) and bool(pj) and pi.isdisjoint(wj) and pj.isdisjoint(wi)


SetRule = Callable[[list[Sets]], bool]

# the same rules on the rows' column sets (features.unmatched / features.distinct on binary rows):
# rule name -> ((part matrix, whole matrix), ...), the rule over their column sets
SET_RULES: dict[str, tuple[tuple[tuple[str, str], ...], SetRule]] = {
    "unmatched_headline_names": ((("names", "stems"),), lambda s: _unmatched(*s[0])),
    "different_headline_numbers": ((("title_numbers", "text_numbers"),), lambda s: _distinct(*s[0])),
    "unknown_headline_names": (
        (("names", "stems"), ("name_keys", "cap_keys")),
        lambda s: _unmatched(*s[0]) and _unmatched(*s[1]),
    ),
}


class RowVetoes:
    """``vetoed`` for a few pairs at a time, as grouping asks (is any pair across two groups vetoed?):
    each row's column sets are read once, so a check costs set operations, not sparse slicing of the
    whole matrix."""

    def __init__(self, m: Matrices, rules: tuple[str, ...]) -> None:
        self._rules = [
            ([(getattr(m, a), getattr(m, b)) for a, b in pairs], rule)
            for pairs, rule in (SET_RULES[r] for r in rules)
        ]
        self._rows: dict[int, list[list[tuple[Rows, Rows]]]] = {}

    def _sets(self, row: int) -> list[list[tuple[Rows, Rows]]]:
        if row not in self._rows:
            self._rows[row] = [
                [(_columns(part, row), _columns(whole, row)) for part, whole in pairs]
                for pairs, _ in self._rules
            ]
        return self._rows[row]

    def __call__(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        out = np.zeros(len(i), dtype=bool)
        for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
            sa, sb = self._sets(a), self._sets(b)
            out[k] = any(
                rule([(pa, wa, pb, wb) for (pa, wa), (pb, wb) in zip(ra, rb, strict=True)])
                for (_, rule), ra, rb in zip(self._rules, sa, sb, strict=True)
            )
        return out


def _columns(matrix: sparse.csr_matrix, row: int) -> Rows:
    return frozenset(matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]].tolist())
