"""English date grammar ("January 25, 2011", "on Tuesday", "yesterday", "two days ago").

English month and weekday names are capitalised, so the rules match the text as written: "may" and
"march" in lower case are not dates. Everything else is matched case-insensitively.
"""

from __future__ import annotations

import re

from storyline.annotate.dates import common
from storyline.annotate.dates.common import DAY, MODERN_YEAR, YEAR
from storyline.annotate.dates.grammar import Grammar, Kind, Rule, table, trigger

FLAGS = re.IGNORECASE | re.MULTILINE

MONTHS = table(
    [
        (r"january|jan\.?", 1),
        (r"february|feb\.?", 2),
        (r"march|mar\.", 3),
        (r"april|apr\.?", 4),
        (r"may", 5),
        (r"june|jun\.?", 6),
        (r"july|jul\.?", 7),
        (r"august|aug\.?", 8),
        (r"september|sept?\.?", 9),
        (r"october|oct\.?", 10),
        (r"november|nov\.?", 11),
        (r"december|dec\.?", 12),
    ]
)
WEEKDAYS = table(
    [
        (r"monday", 0),
        (r"tuesday", 1),
        (r"wednesday", 2),
        (r"thursday", 3),
        (r"friday", 4),
        (r"saturday", 5),
        (r"sunday", 6),
    ]
)
NUMBERS = table(
    [
        (r"a|an|one", 1),
        (r"two", 2),
        (r"three", 3),
        (r"four", 4),
        (r"five", 5),
        (r"six", 6),
        (r"seven", 7),
        (r"eight", 8),
        (r"nine", 9),
        (r"ten", 10),
        (r"eleven", 11),
        (r"twelve", 12),
        (r"fifteen", 15),
        (r"twenty", 20),
        (r"thirty", 30),
        (r"forty", 40),
        (r"fifty", 50),
    ]
)
UNITS = table(
    [
        (r"day", 0),
        (r"days", 4),
        (r"week", 1),
        (r"weeks", 5),
        (r"month", 2),
        (r"months", 6),
        (r"year", 3),
        (r"years", 7),
    ]
)
DAY_WORDS = table(
    [
        (r"the\s+day\s+before\s+yesterday", -2),
        (r"yesterday|last\s+night", -1),
        (r"today|tonight|this\s+(?:morning|afternoon|evening)", 0),
        (r"tomorrow", 1),
        (r"the\s+day\s+after\s+tomorrow", 2),
    ]
)
RELATIONS = table([(r"last|past|previous", -1), (r"this", 0), (r"next|coming", 1)])
SEASONS = table([(r"spring", 0), (r"summer", 1), (r"autumn|fall", 2), (r"winter", 3)])

MONTH = (
    r"(?-i:January|Jan\.?|February|Feb\.?|March|Mar\.|April|Apr\.?|May|June|Jun\.?|July|Jul\.?|August|Aug\.?|"
    r"September|Sept?\.?|October|Oct\.?|November|Nov\.?|December|Dec\.?)"
)
WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUM = rf"(?:\d{{1,3}}|{NUMBERS.alternation()})"
UNIT = rf"\b(?:{UNITS.alternation()})\b"
ORD = r"(?:st|nd|rd|th)?"
NOT_A_COUNT = r"(?!\s+(?!(?:and|or|in|at|to|of|the|when|with|by|for|until)\b)[a-z]+)"


def rule(name: str, kind: Kind, pattern: str, *, bare_month_ok: bool = True, sign: int = 0) -> Rule:
    return common.rule(name, kind, pattern, bare_month_ok=bare_month_ok, sign=sign, flags=FLAGS)


RULES = (
    rule(
        "en_day_range",
        "day_range",
        rf"\b(?P<m2>{MONTH})\s+(?P<d1>{DAY}){ORD}\s*[-–]\s*(?P<d2>{DAY}){ORD}\b(?:,?\s+(?P<year>{YEAR}))?",
    ),
    rule(
        "en_day_range_from",
        "day_range",
        rf"\b(?:from|between)\s+(?:the\s+)?(?P<d1>{DAY}){ORD}\s+(?:to|until|till|and)\s+(?:the\s+)?(?P<d2>{DAY}){ORD}"
        rf"\s+(?:of\s+)?(?P<m2>{MONTH})(?![a-z])(?:,?\s+(?P<year>{YEAR}))?",
    ),
    common.day_list(
        "en",
        r"on|on\s+the|the",
        r"and(?:\s+the)?",
        MONTH,
        rf"(?:,?\s+(?P<year>{YEAR}))?",
        gap=r"(?:of\s+)?",
        flags=FLAGS,
    ),
    rule(
        "en_day_list_md",
        "day_list",
        rf"\b(?P<m2>{MONTH})\s+(?P<days>(?P<d1>{DAY})(?:\s*,\s*{DAY})*)\s*,?\s+and\s+(?P<d2>{DAY}){ORD}\b"
        rf"(?:,?\s+(?P<year>{YEAR}))?",
    ),
    rule(
        "en_date_md",
        "date",
        rf"(?:\b(?:on|since|until|till|by|from|before|after)\s+)?(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?"
        rf"\b(?P<month>{MONTH})\s+(?P<day>{DAY}){ORD}\b(?!\s*[-–:]\s*\d)(?:,?\s+(?P<year>{YEAR}))?",
    ),
    rule(
        "en_date_dm",
        "date",
        rf"(?:\b(?:on|since|until|till|by|from|before|after)\s+)?(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?"
        rf"\b(?P<day>{DAY}){ORD}\s+(?:of\s+)?(?P<month>{MONTH})(?![a-z])(?:,?\s+(?P<year>{YEAR}))?",
    ),
    rule(
        "en_month",
        "month",
        r"(?:\b(?P<prep>in|since|until|by|from|during|early|late|mid-?|through|before|after|of)\s+|"
        rf"\b(?P<rel>last|next|this)\s+)?\b(?P<month>{MONTH})(?![a-z])(?:,?\s+(?P<year>{YEAR}))?",
        bare_month_ok=False,
    ),
    rule(
        "en_year_range",
        "year_range",
        rf"\b(?:between|from)\s+(?P<y1>{YEAR})\s+(?:and|to|until)\s+(?P<y2>{YEAR})\b",
    ),
    rule("en_year_range_dash", "year_range", rf"\b(?P<y1>{YEAR})\s*[-–]\s*(?P<y2>{YEAR})\b"),
    rule(
        "en_year",
        "year",
        rf"\b(?:in|since|until|by|from|during|before|after|year|early|late|mid-?)\s+(?P<year>{MODERN_YEAR})\b(?![.,]\d)",
    ),
    rule("en_year_after_of", "year", rf"\b(?:of|and|or)\s+(?P<year>{MODERN_YEAR})\b(?![.,]\d){NOT_A_COUNT}"),
    rule("en_decade", "decade", r"\b(?:the\s+)?['’]?(?P<dec>(?:19|20)?\d0)s\b"),
    rule(
        "en_season",
        "season",
        r"\b(?:(?P<prep>in|during|since|by|until)\s+(?:the\s+)?|(?P<rel>this|last|next)\s+)"
        rf"(?P<season>{SEASONS.alternation()})\b(?:\s+(?:of\s+)?(?P<year>{YEAR}))?",
    ),
    rule("en_day_word", "day_word", rf"\b(?P<word>{DAY_WORDS.alternation()})\b"),
    rule(
        "en_ago",
        "ago",
        r"(?:\b(?P<approx>about|almost|nearly|some|around|more\s+than|less\s+than|over|just)\s+)?"
        rf"\b(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+ago\b",
    ),
    rule(
        "en_next_day",
        "shift",
        r"\bthe\s+(?:next|following)\s+day\b|\bthe\s+day\s+after\b(?!\s+tomorrow)",
        sign=1,
    ),
    rule("en_same_day", "shift", r"\b(?:the\s+same\s+day|that\s+day)\b", sign=0),
    rule("en_later", "shift", rf"\b(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+(?:later|afterwards)\b", sign=1),
    rule("en_earlier", "shift", rf"\b(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+earlier\b", sign=-1),
    rule("en_eve", "eve", r"\bthe\s+(?:day\s+before|previous\s+day|eve)\b(?!\s+yesterday)", sign=-1),
    common.weekday_span(
        "en",
        rf"(?:\bfrom\s+)?\b(?P<wd1>{WD})\s+(?:to|through|thru|until)\s+(?P<wd2>{WD})\b",
        flags=FLAGS,
    ),
    rule(
        "en_weekday",
        "weekday",
        r"(?<!\bevery )(?<!\beach )"
        rf"(?:\b(?P<prep>on|last|next|this|since|until|by|from|late|early)\s+)?\b(?P<wd>{WD})(?!s\b)\b",
    ),
    rule(
        "en_relative_period",
        "relative_period",
        r"\b(?:(?:earlier|later)\s+)?(?P<rel>last|this|next|past)\s+(?P<unit>week|month|year)\b",
    ),
    *common.COMMON_RULES,
)

GRAMMAR = Grammar(
    language="en",
    months=MONTHS,
    weekdays=WEEKDAYS,
    numbers=NUMBERS,
    units=UNITS,
    day_words=DAY_WORDS,
    relations=RELATIONS,
    seasons=SEASONS,
    rules=RULES,
    future_cue=re.compile(r"\b(?:will|shall|going\s+to|scheduled|expected|plans?\s+to|next)\b|'ll\b", FLAGS),
    past_cue=re.compile(
        r"\b\w{3,}ed\b|\b(?:was|were|had|did|said|went|took|came|began|made|held|met|told|left|fell|fled|won|lost)\b",
        FLAGS,
    ),
    vague_before=re.compile(r"\b(?:a\s+few|several|some|many|few)\s*$", FLAGS),
    eve_block=re.compile(r"\s+(?:the|a|an|his|her|its|their|that|this)\b", FLAGS),
    lowercase_names=False,
    trigger=trigger(
        MONTHS,
        WEEKDAYS,
        UNITS,
        DAY_WORDS,
        SEASONS,
        extra=r"\d0s|the\s+eve|that\s+day|same\s+day",
        flags=FLAGS,
    ),
    lowercase_input=False,
)
