"""French date grammar ("le 25 janvier 2011", "mardi dernier", "hier", "il y a deux jours")."""

from __future__ import annotations

import re

from storyline.annotate.dates.common import (
    COMMON_RULES,
    DAY,
    FLAGS,
    MODERN_YEAR,
    YEAR,
    day_list,
    rule,
    weekday_numeric,
    weekday_span,
)
from storyline.annotate.dates.grammar import Grammar, table, trigger

MONTHS = table(
    [
        (r"janvier", 1),
        (r"f[ée]vrier", 2),
        (r"mars", 3),
        (r"avril", 4),
        (r"mai", 5),
        (r"juin", 6),
        (r"juillet", 7),
        (r"ao[ûu]t", 8),
        (r"septembre", 9),
        (r"octobre", 10),
        (r"novembre", 11),
        (r"d[ée]cembre", 12),
    ]
)
# "- 14 jan: TUNISIE …", "11 fév": short forms, read only right after a day number ("sept" is also seven)
ABBREVIATIONS = table(
    [
        (r"janv?", 1),
        (r"f[ée]vr?", 2),
        (r"avr", 4),
        (r"juil", 7),
        (r"sept", 9),
        (r"oct", 10),
        (r"nov", 11),
        (r"d[ée]c", 12),
    ]
)
WEEKDAYS = table(
    [
        (r"lundi", 0),
        (r"mardi", 1),
        (r"mercredi", 2),
        (r"jeudi", 3),
        (r"vendredi", 4),
        (r"samedi", 5),
        (r"dimanche", 6),
    ]
)
NUMBERS = table(
    [
        (r"un|une", 1),
        (r"deux", 2),
        (r"trois", 3),
        (r"quatre", 4),
        (r"cinq", 5),
        (r"six", 6),
        (r"sept", 7),
        (r"huit", 8),
        (r"neuf", 9),
        (r"dix", 10),
        (r"onze", 11),
        (r"douze", 12),
        (r"quinze", 15),
        (r"vingt", 20),
        (r"trente", 30),
        (r"quarante", 40),
        (r"cinquante", 50),
    ]
)
UNITS = table(
    [
        (r"jour|journ[ée]e", 0),
        (r"jours", 4),
        (r"semaine", 1),
        (r"semaines", 5),
        (r"mois", 2),
        (r"an|ann[ée]e", 3),
        (r"ans|ann[ée]es", 7),
    ]
)
DAY_WORDS = table(
    [
        (r"avant-hier", -2),
        (r"hier", -1),
        (r"aujourd['’]hui|ce\s+matin|ce\s+soir|cet\s+apr[èe]s-midi|cette\s+nuit", 0),
        (r"demain", 1),
        (r"apr[èe]s-demain", 2),
    ]
)
RELATIONS = table(
    [
        (r"derni[eè]re?|pass[ée]e?|pr[ée]c[ée]dente?", -1),
        (r"ce|cet|cette|en\s+cours", 0),
        (r"prochaine?|suivante?", 1),
    ]
)
SEASONS = table([(r"printemps", 0), (r"[ée]t[ée]", 1), (r"automne", 2), (r"hiver", 3)])

MONTH = MONTHS.alternation()
M = rf"\b(?P<month>{MONTH})\b"
WD = WEEKDAYS.alternation()
NUM = rf"(?:\d{{1,3}}|{NUMBERS.alternation()})"
UNIT = rf"\b(?:{UNITS.alternation()})\b"
FIRST = r"1er|premier"
NOT_A_COUNT = (
    r"(?!\s+(?!(?:et|ou|en|à|au|de|du|des|que|quand|avec|par|pour|jusqu|la|le|les)\b)[a-zàâçéèêëîïôûùüÿœ]+)"
)

RULES = (
    rule(
        "fr_day_range",
        "day_range",
        rf"\b(?:du|entre\s+le)\s+(?P<d1>{DAY}|{FIRST})(?:\s+(?P<m1>{MONTH}))?\s+(?:au|et\s+le)\s+"
        rf"(?P<d2>{DAY})\s+(?P<m2>{MONTH})\b(?:\s+(?P<year>{YEAR}))?",
    ),
    rule(
        "fr_day_range_dash",
        "day_range",
        rf"\b(?P<d1>{DAY})\s*[-–]\s*(?P<d2>{DAY})\s+(?P<m2>{MONTH})\b(?:\s+(?P<year>{YEAR}))?",
    ),
    day_list("fr", r"les|le|des|du", r"et(?:\s+le)?", MONTH, rf"(?:\s+(?P<year>{YEAR}))?"),
    rule(
        "fr_date",
        "date",
        r"(?:\b(?:le|du|au|depuis\s+le|jusqu['’]au|d[èe]s\s+le|avant\s+le|apr[èe]s\s+le|d['’]ici\s+le|ce)\s+)?"
        rf"(?:(?P<wd>{WD})\s+)?\b(?P<day>{DAY}|{FIRST})\s+{M}"
        rf"(?:\s+(?P<year>{YEAR})|\s+(?P<rel>derni[eè]re?|prochaine?)\b)?",
    ),
    rule(
        "fr_date_short_month",
        "date",
        rf"(?:\b(?:le|du|au)\s+)?\b(?P<day>{DAY}|{FIRST})\s+(?P<month>{ABBREVIATIONS.alternation()})(?:\.|\b)"
        rf"(?:\s+(?P<year>{YEAR}))?",
    ),
    rule(
        "fr_weekday_day",
        "weekday_day",
        rf"(?:\b(?:le|ce|du|au)\s+)?\b(?P<wd>{WD})\s+(?P<day>{DAY}|{FIRST})(?!\d)(?!\s+(?:{MONTH}))(?![.,:]\d)",
    ),
    rule(
        "fr_month",
        "month",
        r"(?:\b(?P<prep>en|de|depuis|d[èe]s|jusqu['’]en|avant|apr[èe]s|fin|d[ée]but|courant|au\s+mois\s+de|"
        r"au\s+d[ée]but\s+de|[àa]\s+la\s+fin\s+de|au\s+cours\s+du\s+mois\s+de)\s+|(?P<prep2>d['’]|mi-))?"
        rf"{M}(?:\s+(?P<year>{YEAR})|\s+(?P<rel>derni[eè]re?|prochaine?))?",
        bare_month_ok=False,
    ),
    rule(
        "fr_year_range",
        "year_range",
        rf"\b(?:entre|de)\s+(?P<y1>{YEAR})\s+(?:et|[àa])\s+(?P<y2>{YEAR})\b",
    ),
    rule("fr_year_range_dash", "year_range", rf"\b(?P<y1>{YEAR})\s*[-–]\s*(?P<y2>{YEAR})\b"),
    rule(
        "fr_year",
        "year",
        r"\b(?:en|depuis|d[èe]s|jusqu['’]en|avant|apr[èe]s|entre|fin|d[ée]but|courant|l['’]an|ann[ée]e)\s+"
        rf"(?P<year>{MODERN_YEAR})\b(?![.,]\d)",
    ),
    rule("fr_year_after_de", "year", rf"\b(?:de|et|ou)\s+(?P<year>{MODERN_YEAR})\b(?![.,]\d){NOT_A_COUNT}"),
    rule("fr_decade", "decade", r"\bann[ée]es\s+['’]?(?P<dec>(?:19|20)?\d0)\b"),
    rule("fr_century", "century", r"\b(?P<roman>[ivx]{1,6})e\s+si[èe]cle\b"),
    rule(
        "fr_season",
        "season",
        r"(?:\b(?P<prep>en|cet|ce|au|depuis\s+l['’]|[àa]\s+l['’]|d[èe]s\s+l['’]|pendant\s+l['’])\s*)"
        rf"(?P<season>{SEASONS.alternation()})\b(?:\s+(?P<year>{YEAR})|\s+(?P<rel>derni(?:er|ère)|prochaine?))?",
    ),
    rule(
        "fr_season_of",
        "season",
        rf"\bl['’](?P<season>{SEASONS.alternation()})\s+(?:(?P<year>{YEAR})|(?P<rel>derni(?:er|ère)|prochaine?))",
    ),
    rule(
        "fr_day_word",
        "day_word",
        rf"\b(?P<word>{DAY_WORDS.alternation()})\b(?:\s+(?:soir|matin|apr[èe]s-midi))?",
    ),
    rule(
        "fr_ago",
        "ago",
        r"\b(?:il\s+y\s+a|voil[àa])\s+(?:(?P<approx>environ|pr[èe]s\s+de|plus\s+de|moins\s+de|presque|[àa]\s+peine|"
        rf"d[ée]j[àa])\s+)?(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})",
    ),
    rule("fr_next_day", "shift", r"\ble\s+lendemain\b", sign=1),
    rule("fr_same_day", "shift", r"\ble\s+(?:jour\s+m[êe]me|m[êe]me\s+jour)\b", sign=0),
    rule("fr_later", "shift", rf"\b(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+(?:plus\s+tard|apr[èe]s)\b", sign=1),
    rule(
        "fr_earlier", "shift", rf"\b(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+(?:plus\s+t[ôo]t|auparavant)\b", sign=-1
    ),
    rule("fr_eve", "eve", r"\bla\s+veille\b", sign=-1),
    rule(
        "fr_weekday",
        "weekday",
        # "le vendredi" alone is every Friday; "vendredi" is this one
        r"(?<!\ble )(?<!\bles )(?<!\bchaque )(?<!\bun )(?<!\bune )(?<!\btous )"
        r"(?:\b(?P<prep>ce|depuis|d[èe]s|jusqu['’][àa]|d['’]ici|avant|apr[èe]s)\s+)?"
        rf"\b(?P<wd>{WD})\b(?:\s+(?P<rel>derni(?:er|ère)|prochaine?|pass[ée]))?",
    ),
    rule(
        "fr_relative_period",
        "relative_period",
        r"\b(?:l['’]|la\s+|le\s+)(?P<unit>an|ann[ée]e|semaine|mois)\s+(?P<rel>derni[eè]re?|pass[ée]e?|prochaine?)\b",
    ),
    rule(
        "fr_this_period", "relative_period", r"\b(?P<rel>cette|cet|ce)\s+(?P<unit>ann[ée]e|an|semaine|mois)\b"
    ),
    weekday_numeric("fr", WD),
    weekday_span("fr", rf"\b(?:du|de)\s+(?P<wd1>{WD})\s+(?:au|à)\s+(?P<wd2>{WD})\b"),
    *COMMON_RULES,
)

GRAMMAR = Grammar(
    language="fr",
    months=table([(p.pattern, value) for p, value in (*MONTHS.entries, *ABBREVIATIONS.entries)]),
    weekdays=WEEKDAYS,
    numbers=NUMBERS,
    units=UNITS,
    day_words=DAY_WORDS,
    relations=RELATIONS,
    seasons=SEASONS,
    rules=RULES,
    future_cue=re.compile(r"\b\w+(?:ra|ront|rons)\b|\b(?:va|vont)\s+\w+er\b|\bprochaine?s?\b", FLAGS),
    past_cue=re.compile(
        r"\b(?:a|ont|avait|avaient|[ée]tait|[ée]taient|fut|furent)\s+(?:\w+\s+)?\w+(?:é|ée|és|ées|i|is|u|us|it)\b|"
        r"\b\w+èrent\b",
        FLAGS,
    ),
    vague_before=re.compile(r"\b(?:quelques|plusieurs|des|nombreux|nombreuses)\s*$", FLAGS),
    eve_block=re.compile(r"\s+(?:de|du|des|d['’])", FLAGS),
    trigger=trigger(
        MONTHS, WEEKDAYS, UNITS, DAY_WORDS, SEASONS, extra=r"si[èe]cle|lendemain|veille|jour\s+m"
    ),
)
