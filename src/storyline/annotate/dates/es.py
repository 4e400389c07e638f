"""Spanish date grammar ("25 de enero de 2011", "el martes", "ayer", "hace dos días")."""

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
        (r"enero", 1),
        (r"febrero", 2),
        (r"marzo", 3),
        (r"abril", 4),
        (r"mayo", 5),
        (r"junio", 6),
        (r"julio", 7),
        (r"agosto", 8),
        (r"se(?:p)?tiembre", 9),
        (r"octubre", 10),
        (r"noviembre", 11),
        (r"diciembre", 12),
    ]
)
WEEKDAYS = table(
    [
        (r"lunes", 0),
        (r"martes", 1),
        (r"mi[ée]rcoles", 2),
        (r"jueves", 3),
        (r"viernes", 4),
        (r"s[áa]bado", 5),
        (r"domingo", 6),
    ]
)
NUMBERS = table(
    [
        (r"un|uno|una", 1),
        (r"dos", 2),
        (r"tres", 3),
        (r"cuatro", 4),
        (r"cinco", 5),
        (r"seis", 6),
        (r"siete", 7),
        (r"ocho", 8),
        (r"nueve", 9),
        (r"diez", 10),
        (r"once", 11),
        (r"doce", 12),
        (r"quince", 15),
        (r"veinte", 20),
        (r"treinta", 30),
        (r"cuarenta", 40),
        (r"cincuenta", 50),
    ]
)
UNITS = table(
    [
        (r"d[íi]a", 0),
        (r"d[íi]as", 4),
        (r"semana", 1),
        (r"semanas", 5),
        (r"mes", 2),
        (r"meses", 6),
        (r"a[ñn]o", 3),
        (r"a[ñn]os", 7),
    ]
)
DAY_WORDS = table(
    [
        (r"anteayer|antier|antes\s+de\s+ayer", -2),
        (r"ayer|anoche", -1),
        (r"hoy|esta\s+(?:mañana|tarde|noche)", 0),
        (r"mañana", 1),
        (r"pasado\s+mañana", 2),
    ]
)
RELATIONS = table(
    [
        (r"(?:el\s+)?pasad[oa]|anterior", -1),
        (r"este|esta|presente|en\s+curso", 0),
        (r"(?:el\s+)?pr[óo]xim[oa]|que\s+viene|siguiente", 1),
    ]
)
SEASONS = table([(r"primavera", 0), (r"verano", 1), (r"oto[ñn]o", 2), (r"invierno", 3)])

M = rf"\b(?P<month>{MONTHS.alternation()})\b"
WD = WEEKDAYS.alternation()
NUM = rf"(?:\d{{1,3}}|{NUMBERS.alternation()})"
UNIT = rf"\b(?:{UNITS.alternation()})\b"
Y_TAIL = rf"(?:\s+(?:de|del)\s+(?P<year>{YEAR}))?"
# "de 2000 personas" is a count: a year after "de"/"y" must not be followed by a word
NOT_A_COUNT = r"(?!\s+(?!(?:y|e|o|en|a|de|del|que|cuando|con|por|para|hasta|la|el|los|las)\b)[a-záéíóúñ]+)"

RULES = (
    rule(
        "es_day_range",
        "day_range",
        rf"(?:\b(?:del|entre\s+el|desde\s+el)\s+)?\b(?P<d1>{DAY})\s+(?:(?:de\s+)?(?P<m1>{MONTHS.alternation()})\s+)?"
        rf"(?:al|y\s+el|hasta\s+el|[-–])\s+(?P<d2>{DAY})\s+de\s+(?P<m2>{MONTHS.alternation()})\b{Y_TAIL}",
    ),
    day_list("es", r"los\s+d[íi]as|el|los|del", r"y(?:\s+el)?", MONTHS.alternation(), Y_TAIL, gap=r"de\s+"),
    rule(
        "es_date",
        "date",
        r"(?:\b(?:el|del|al|desde\s+el|hasta\s+el|para\s+el|a\s+partir\s+del?|de)\s+)?"
        r"(?:(?P<rel>pasado|pr[óo]ximo)\s+)?"
        rf"(?:(?P<wd>{WD})\s*,?\s+)?\b(?P<day>{DAY}|primero|1[º°o])\s+(?:de\s+)?{M}"
        rf"{Y_TAIL}",
    ),
    rule(
        "es_weekday_day",
        "weekday_day",
        rf"(?:\b(?:el|del|al|este)\s+)?\b(?P<wd>{WD})\s+(?P<day>{DAY})(?!\d)(?!\s+(?:de\s+)?(?:{MONTHS.alternation()}))"
        r"(?![.,:]\d)",
    ),
    # "el pasado día 21", "del día 14": a day of the month of the news, the month left unsaid
    rule(
        "es_month_day",
        "month_day",
        r"\b(?:el|del|al|desde\s+el|hasta\s+el)\s+(?:(?P<rel>pasado|pr[óo]ximo)\s+)?d[íi]a\s+"
        rf"(?P<day>{DAY})\b(?![.,:/]\d)(?!\s+(?:de\s+)?(?:{MONTHS.alternation()}))",
    ),
    rule(
        "es_month_range",
        "month_range",
        rf"(?:\b(?:entre|de|desde)\s+)?\b(?P<m1>{MONTHS.alternation()})\s+(?:y|a|hasta|-)\s+"
        rf"(?P<m2>{MONTHS.alternation()})\b{Y_TAIL}",
    ),
    rule(
        "es_month",
        "month",
        r"(?:\b(?P<prep>en|de|desde|hasta|durante|para|a\s+partir\s+de|el\s+pasado|el\s+pr[óo]ximo|"
        r"(?:a\s+)?(?:principios|finales|mediados|fines)\s+de|(?:el\s+)?mes\s+de)\s+)?"
        rf"{M}{Y_TAIL}(?:\s+(?P<rel>pasado|pr[óo]ximo))?",
        bare_month_ok=False,
    ),
    rule(
        "es_year_range",
        "year_range",
        rf"\b(?:entre|desde|de|del)\s+(?:el\s+)?(?P<y1>{YEAR})\s+(?:y|a|al|hasta)\s+(?:el\s+)?(?P<y2>{YEAR})\b",
    ),
    rule("es_year_range_dash", "year_range", rf"\b(?P<y1>{YEAR})\s*[-–]\s*(?P<y2>{YEAR})\b"),
    rule(
        "es_year",
        "year",
        r"\b(?:en|desde|hasta|durante|entre|para|antes\s+de|despu[ée]s\s+de|a\s+partir\s+de|(?:el\s+)?a[ñn]o|"
        rf"(?:a\s+)?(?:principios|finales|mediados|fines)\s+de)\s+(?P<year>{MODERN_YEAR})\b(?![.,]\d)",
    ),
    rule(
        "es_year_after_de",
        "year",
        rf"\b(?:de|del|y|e|o)\s+(?P<year>{MODERN_YEAR})\b(?![.,]\d){NOT_A_COUNT}",
    ),
    rule(
        "es_decade",
        "decade",
        r"\b(?:los\s+a[ñn]os|la\s+d[ée]cada\s+de(?:\s+los)?)\s+['’]?(?P<dec>(?:19|20)?\d0)\b",
    ),
    rule("es_century", "century", r"\bsiglo\s+(?P<roman>[ivx]{1,6})\b"),
    rule(
        "es_season",
        "season",
        r"\b(?P<prep>en|este|esta|durante|desde|hasta|a\s+(?:principios|finales)\s+de)\s+(?:el\s+)?"
        rf"(?P<season>{SEASONS.alternation()})\b(?:\s+(?:de|del)\s+(?P<year>{YEAR})|\s+(?P<rel>pasad[oa]|pr[óo]xim[oa]))?",
    ),
    rule(
        "es_season_of",
        "season",
        rf"\b(?:el|la)\s+(?P<season>{SEASONS.alternation()})\s+(?:(?:de|del)\s+(?P<year>{YEAR})|"
        r"(?P<rel>pasad[oa]|pr[óo]xim[oa]))",
    ),
    rule(
        "es_day_word",
        "day_word",
        # "mañana" alone is tomorrow, not "la mañana" (the morning)
        r"(?<!\bla )(?<!\besta )(?<!\bde )(?<!\bpor )(?<!\bcada )(?<!\buna )(?<!\btoda )(?<!\bsu )"
        rf"\b(?P<word>{DAY_WORDS.alternation()})\b(?:\s+por\s+la\s+(?:mañana|tarde|noche))?",
    ),
    rule(
        "es_ago",
        "ago",
        r"\bhace\s+(?:(?P<approx>casi|unos|unas|cerca\s+de|alrededor\s+de|m[áa]s\s+de|menos\s+de|apenas|ya)\s+)?"
        rf"(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})",
    ),
    rule("es_next_day", "shift", r"\b(?:al|el)\s+(?:d[íi]a\s+siguiente|otro\s+d[íi]a)", sign=1),
    rule("es_same_day", "shift", r"\b(?:ese|el|aquel)\s+mismo\s+d[íi]a", sign=0),
    rule(
        "es_later", "shift", rf"\b(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+(?:despu[ée]s|m[áa]s\s+tarde)\b", sign=1
    ),
    rule("es_earlier", "shift", rf"\b(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+antes\b", sign=-1),
    rule("es_eve", "eve", r"\bla\s+v[íi]spera\b", sign=-1),
    rule(
        "es_weekday",
        "weekday",
        r"(?<!\blos )(?<!\bcada )(?<!\btodos )"
        r"(?:\b(?P<prep>el|este|esta|desde\s+el|hasta\s+el|para\s+el|del|al|el\s+pasado|el\s+pr[óo]ximo)\s+)?"
        rf"\b(?P<wd>{WD})\b(?:\s+(?P<rel>pasado|pr[óo]ximo|que\s+viene))?",
    ),
    rule(
        "es_relative_period",
        "relative_period",
        r"\b(?:el|la|este|esta|del|de\s+la|durante\s+el|durante\s+la|en\s+el)\s+"
        r"(?P<unit>a[ñn]o|mes|semana)\s+(?P<rel>pasad[oa]|pr[óo]xim[oa]|que\s+viene|anterior)\b",
    ),
    rule(
        "es_this_period",
        "relative_period",
        r"\b(?P<rel>este|esta|el\s+pr[óo]ximo|la\s+pr[óo]xima|el\s+pasado|la\s+pasada)\s+(?P<unit>a[ñn]o|mes|semana)\b",
    ),
    weekday_numeric("es", WD),
    weekday_span("es", rf"\bde\s+(?P<wd1>{WD})\s+a\s+(?P<wd2>{WD})\b"),
    *COMMON_RULES,
)

GRAMMAR = Grammar(
    language="es",
    months=MONTHS,
    weekdays=WEEKDAYS,
    numbers=NUMBERS,
    units=UNITS,
    day_words=DAY_WORDS,
    relations=RELATIONS,
    seasons=SEASONS,
    rules=RULES,
    future_cue=re.compile(r"\b\w+(?:rá|rán|remos)\b|\b(?:va|van|vamos)\s+a\b|\bpr[óo]xim[oa]s?\b", FLAGS),
    past_cue=re.compile(
        r"\b\w{2,}(?:ó|aron|ieron|aba|aban)\b|\b(?:ha|han|hab[íi]a|hab[íi]an|hubo|fue|fueron)\b", FLAGS
    ),
    vague_before=re.compile(
        r"\b(?:unos|unas|varios|varias|algunos|algunas|muchos|muchas|pocos|pocas)\s*$", FLAGS
    ),
    eve_block=re.compile(r"\s+(?:de|del)\b", FLAGS),
    trigger=trigger(MONTHS, WEEKDAYS, UNITS, DAY_WORDS, SEASONS, extra=r"siglo|v[íi]spera|mismo\s+d"),
)
