"""Rule and grammar types shared by the per-language date grammars."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "date",  # day + month (+ year): "24 октября", "le 25 janvier 2011"
    "weekday_day",  # weekday + day of month: "el sábado 28"
    "month_day",  # day of an unnamed month: "el pasado día 21"
    "day_range",  # "с 29 ноября по 2 декабря", "19–21 октября"
    "day_list",  # "12 и 13 января", "les 14 et 15 mars": consecutive days are one span
    "numeric",  # "24.10.2025", "2025-10-24"
    "month",  # month (+ year): "в декабре 2024 года", "в феврале"
    "month_range",  # "в апреле-мае"
    "year",  # "в 2013 году", "(1975)"
    "year_range",  # "в 2001–2011 годах", "entre 2011 y 2012"
    "decade",  # "в 1990-х годах"
    "century",  # "в XX веке"
    "season",  # "летом", "осенью 2014 года"
    "quarter",  # "в третьем квартале 2019 года"
    "day_word",  # "вчера", "hoy", "hier"
    "ago",  # "два дня назад", "hace un año"
    "shift",  # anchored: "на следующий день", "спустя два дня", "trois jours plus tard"
    "eve",  # "накануне": the day before the anchor in the sentence, else before publication
    "weekday",  # "в среду", "el martes", "mardi dernier"
    "weekday_span",  # "с понедельника по пятницу", "de lunes a viernes": a span, or a weekly schedule
    "relative_period",  # "в прошлом году", "la semana pasada"
]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: Kind
    pattern: re.Pattern[str]
    bare_month_ok: bool = True  # False: a month with neither preposition nor year is not a date here
    sign: int = 0  # shift / eve rules: +1 after the anchor, -1 before it, 0 the same day
    # True: a match takes its words even when it resolves to no date (a weekly schedule keeps its
    # weekdays from the single-weekday rules); False: a match that resolves to nothing is not one
    claims_words: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """Surface forms (regular expressions, matched case-insensitively in full) to values."""

    entries: tuple[tuple[re.Pattern[str], int], ...]

    def lookup(self, word: str | None) -> int | None:
        if not word:
            return None
        word = " ".join(word.split())
        for pattern, value in self.entries:
            if pattern.fullmatch(word):
                return value
        return None

    def alternation(self) -> str:
        return "|".join(p.pattern for p, _ in self.entries)


def table(items: Sequence[tuple[str, int]]) -> Table:
    return Table(tuple((re.compile(form, re.IGNORECASE), value) for form, value in items))


def trigger(*tables: Table, extra: str = "", flags: int = 0) -> re.Pattern[str]:
    """Digits or any word of ``tables`` (or ``extra``): where a date expression can be."""
    words = "|".join(t.alternation() for t in tables)
    return re.compile(rf"\d+|\b(?:{words}{'|' + extra if extra else ''})", flags)


@dataclass(frozen=True, slots=True)
class Grammar:
    """Everything one language needs: word tables, rules and tense cues."""

    language: str
    months: Table
    weekdays: Table
    numbers: Table  # number words ("два", "deux") -> value
    units: Table  # unit words -> 0 day, 1 week, 2 month, 3 year
    day_words: Table  # "вчера" -> -1
    relations: Table  # "прошлый" -> -1, "этот" -> 0, "следующий" -> +1
    seasons: Table  # -> 0 spring, 1 summer, 2 autumn, 3 winter
    rules: tuple[Rule, ...]
    future_cue: re.Pattern[str]
    past_cue: re.Pattern[str]
    vague_before: re.Pattern[str]  # the text before a count that makes it vague ("несколько", "unos")
    eve_block: re.Pattern[str]  # text right after "накануне"/"la veille" that makes it "the eve of X"
    # True where month and weekday names are written in lower case: a capitalised one in mid-sentence
    # is a name ("Мая", "Plaza de Mayo", "Domingo"), not a date. English names are matched case-sensitively.
    lowercase_names: bool = True
    # a word that can start or carry a date; rules are tried only at these words and the few before them
    trigger: re.Pattern[str] = re.compile(r"\d+")
    # rules match the lower-cased text (fast, case-free patterns); False: the text as it is (English)
    lowercase_input: bool = True
    # ordinal words of quarters ("pierwszym", "třetím") -> 1-4; Russian stems are built into the resolver
    ordinals: Table = Table(())
    # season words that are dates on their own, without a preposition or year ("летом", "latem", "влітку")
    adverbial_seasons: frozenset[str] = frozenset()


UNITS = ("day", "week", "month", "year")
SEASONS = ("spring", "summer", "autumn", "winter")
