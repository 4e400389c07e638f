"""Language-independent date rules (numeric dates, years in parentheses) and regex helpers."""

from __future__ import annotations

import re

from storyline.annotate.dates.grammar import Kind, Rule

FLAGS = re.MULTILINE  # patterns run on lower-cased text
YEAR = r"(?:1[0-9]\d\d|20\d\d)"  # a four-digit year 1000-2099
MODERN_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])"


def rule(
    name: str,
    kind: Kind,
    pattern: str,
    *,
    bare_month_ok: bool = True,
    sign: int = 0,
    flags: int = FLAGS,
    claims_words: bool = False,
) -> Rule:
    return Rule(
        name,
        kind,
        re.compile(pattern, flags),
        bare_month_ok=bare_month_ok,
        sign=sign,
        claims_words=claims_words,
    )


COMMON_RULES: tuple[Rule, ...] = (
    rule("iso_date", "numeric", rf"(?<![\d-])(?P<year>{YEAR})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    rule(
        "dotted_date",
        "numeric",
        rf"(?<![\d.,/])(?P<day>[0-3]?\d)(?P<sep>[./])(?P<mon>[01]?\d)[./](?P<year>{YEAR})(?![.,/]?\d)",
    ),
    # "(1975)", "(1994, 1997)", "(1956, 1972 — физика)", "юбилей, 2009" at the end of a caption line
    rule(
        "listed_year",
        "year",
        rf"(?:(?<=\()|(?<=, ))(?P<year>{MODERN_YEAR})(?=\)|,\s|\s[—–-]\s|[ \t]*$)",
    ),
    rule(
        "paren_year_range",
        "year_range",
        rf"(?<=\()(?P<y1>{MODERN_YEAR})\s*[-–—]\s*(?P<y2>{MODERN_YEAR})(?=\))",
    ),
    # "Сочи-2014", "ЧМ-2018", "Euro-2012"
    rule("hyphen_year", "year", r"(?<=[^\W\d_]-)(?P<year>(?:19|20)\d\d)(?!\d)"),
)


def weekday_numeric(language: str, weekdays: str) -> Rule:
    """ "Sábado 12/02/2011": a weekday before a numeric date is part of it (not "last Saturday")."""
    return rule(
        f"{language}_weekday_numeric",
        "numeric",
        rf"\b(?P<wd>{weekdays})\s*,?\s+(?P<day>[0-3]?\d)(?P<sep>[./])(?P<mon>[01]?\d)[./](?P<year>{YEAR})"
        r"(?![.,/]?\d)",
    )


def weekday_span(language: str, pattern: str, flags: int = FLAGS) -> Rule:
    """ "de lunes a viernes": one expression (``wd1``, ``wd2``), so that neither weekday is read alone;
    resolved only in a past or future sentence, a weekly schedule otherwise (``resolvers.weekday_span``)."""
    return rule(f"{language}_weekday_span", "weekday_span", pattern, flags=flags, claims_words=True)


def day_list(
    language: str,
    prefix: str,
    conj: str,
    month: str,
    tail: str,
    *,
    gap: str = "",
    dot: str = "",
    flags: int = FLAGS,
) -> Rule:
    """ "12 и 13 января", "los días 15, 16 y 17 de marzo": days (``d1`` first, all in ``days``), the
    conjunction, the last day ``d2`` and its month ``m2`` (``gap`` between them: "de"; ``dot`` after each
    day: "2. a 3. března")."""
    return rule(
        f"{language}_day_list",
        "day_list",
        rf"(?:\b(?:{prefix})\s+)?(?<![\d.,])\b(?P<days>(?P<d1>{DAY}){dot}(?:\s*,\s*{DAY}{dot})*)\s*,?\s+"
        rf"(?:{conj})\s+(?P<d2>{DAY}){dot}\s+{gap}(?P<m2>{month})(?![^\W\d_]){tail}",
        flags=flags,
    )


def alternation(*forms: str) -> str:
    return "(?:" + "|".join(forms) + ")"
