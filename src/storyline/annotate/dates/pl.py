"""Polish date grammar ("31 października 2018 r.", "w marcu 2019 roku", "w środę", "dwa lata temu")."""

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
    weekday_span,
)
from storyline.annotate.dates.grammar import Grammar, table, trigger

MONTHS = table(
    [
        (r"stycze[ńn]|styczni(?:a|u|em)", 1),
        (r"lut(?:y|ego|ym|emu)", 2),
        (r"marzec|marc(?:a|u|em)", 3),
        (r"kwiecie[ńn]|kwietni(?:a|u|em)", 4),
        (r"maj(?:a|u|em)?", 5),
        (r"czerw(?:iec|ca|cu|cem)", 6),
        (r"lip(?:iec|ca|cu|cem)", 7),
        (r"sierpie[ńn]|sierpni(?:a|u|em)", 8),
        (r"wrzesie[ńn]|wrze[śs]ni(?:a|u|em)", 9),
        (r"pa[źz]dziernik(?:a|u|iem)?", 10),
        (r"listopad(?:a|zie|em)?", 11),
        (r"grudzie[ńn]|grudni(?:a|u|em)", 12),
    ]
)
WEEKDAYS = table(
    [
        (r"poniedzia[łl](?:ek|ku|kiem)", 0),
        (r"wtor(?:ek|ku|kiem)", 1),
        (r"[śs]rod(?:a|[ęe]|y|zie|ą)", 2),
        (r"czwart(?:ek|ku|kiem)", 3),
        (r"pi[ąa]t(?:ek|ku|kiem)", 4),
        (r"sobot(?:a|[ęe]|y|ą|ach)", 5),
        (r"niedziel(?:a|[ęe]|i|ą)", 6),
    ]
)
NUMBERS = table(
    [
        (r"jed(?:en|na|no|nego|nym)", 1),
        (r"dwa|dwie|dwóch|dwoma|dwu", 2),
        (r"trzy|trzech|trzema", 3),
        (r"cztery|czterech|czterema", 4),
        (r"pięć|pięciu", 5),
        (r"sześć|sześciu", 6),
        (r"siedem|siedmiu", 7),
        (r"osiem|ośmiu", 8),
        (r"dziewięć|dziewięciu", 9),
        (r"dziesięć|dziesięciu", 10),
        (r"piętnaście|piętnastu", 15),
        (r"dwadzieścia|dwudziestu", 20),
        (r"trzydzieści|trzydziestu", 30),
    ]
)
# value: unit index (0 day, 1 week, 2 month, 3 year) + 4 for plural forms
UNITS = table(
    [
        (r"dzień|dnia|dniem|dniu", 0),
        (r"dni|dniami|dniach", 4),
        (r"tydzień|tygodnia|tygodniem|tygodniu", 1),
        (r"tygodnie|tygodni|tygodniami|tygodniach", 5),
        (r"miesiąc|miesiąca|miesiącem|miesiącu", 2),
        (r"miesiące|miesięcy|miesiącami|miesiącach", 6),
        (r"rok|roku|rokiem", 3),
        (r"lata|lat|laty|latami|latach", 7),
    ]
)
DAY_WORDS = table(
    [
        (r"przedwczoraj", -2),
        (r"wczoraj|zeszłej\s+nocy", -1),
        (r"dzi[śs]|dzisiaj", 0),
        (r"jutro", 1),
        (r"pojutrze", 2),
    ]
)
RELATIONS = table(
    [
        (r"ub\.\s*r\.|ubiegł\w*|zeszł\w*|poprzedni\w*|ostatni\w*", -1),
        (r"b\.\s*r\.|br\.|t(?:en|ego|ym|ej|ę|a)|bieżąc\w*|obecn\w*", 0),
        (r"przyszł\w*|następn\w*|nadchodząc\w*", 1),
    ]
)
SEASONS = table(
    [
        (r"wiosn(?:a|ą|ę|y|ie)", 0),
        (r"lato|latem|lecie", 1),
        (r"jesie[ńn]|jesieni[ąa]?", 2),
        (r"zim(?:a|ą|ę|y|ie)", 3),
    ]
)
ORDINALS = table([(r"pierwsz\w*", 1), (r"drugi\w*", 2), (r"trzeci\w*", 3), (r"czwart\w*", 4)])

END = r"(?![^\W\d_])"
M = rf"\b(?P<month>{MONTHS.alternation()}){END}"
MONTH = rf"(?:{MONTHS.alternation()}){END}"
REL = RELATIONS.alternation()
NUM = rf"(?:\d{{1,3}}|{NUMBERS.alternation()})"
UNIT = rf"(?:{UNITS.alternation()}){END}"
PREP = r"(?:w|we|od|do|z|ze|na|po|przed|pod|około|za|o|dnia|między|przez)"
PART = r"(?:pocz[ąa]tk(?:u|iem)|połow(?:ie|y|ą)|ko[ńn]c(?:a|u|em)|koniec|schył(?:ku|ek)|przełom(?:ie|u)?)"
YEAR_WORD = rf"(?:\s*(?:r\.|roku|rok){END})"
YEAR_TAIL = (
    rf"(?:\s+(?P<year>{YEAR}){YEAR_WORD}?|"
    rf"\s+(?P<yrel>ub\.\s*r\.|b\.\s*r\.|br\.|(?:{REL})(?=\s+roku{END}))(?:\s+roku{END})?)?"
)
WD = WEEKDAYS.alternation()

RULES = (
    rule(
        "pl_day_range",
        "day_range",
        rf"(?:\bod\s+)?(?<![\d.,])\b(?P<d1>{DAY})\.?(?:\s+(?P<m1>{MONTH}))?\s*(?:[-–—]|\s+do\s+)\s*"
        rf"(?P<d2>{DAY})\.?\s+(?P<m2>{MONTH}){YEAR_TAIL}",
    ),
    day_list("pl", PREP, r"i|oraz|a", MONTHS.alternation(), YEAR_TAIL),
    rule(
        "pl_date",
        "date",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<wd>{WD})\s*,?\s+)?(?<![\d.,])\b(?P<day>{DAY})\.?\s+{M}{YEAR_TAIL}",
    ),
    rule(
        "pl_month_range",
        "month_range",
        rf"\bod\s+(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}){YEAR_WORD}?)?\s+do\s+(?P<m2>{MONTH})"
        rf"(?:\s+(?P<year>{YEAR}){YEAR_WORD}?)?",
    ),
    rule(
        "pl_month",
        "month",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<part>{PART})\s+)?(?:(?P<rel>{REL})\s+)?{M}{YEAR_TAIL}",
        bare_month_ok=False,
    ),
    rule(
        "pl_year_range",
        "year_range",
        rf"(?:\b(?:w\s+latach|latach|lata|od|z\s+lat|między|na\s+lata)\s+)?\b(?P<y1>{YEAR}){YEAR_WORD}?"
        rf"\s*(?:[-–—]|\s+(?:do|i|a)\s+)\s*(?P<y2>{YEAR}){YEAR_WORD}?(?![\d.,]?\d)",
    ),
    rule(
        "pl_year",
        "year",
        rf"(?:\b{PREP}\s+)?(?:(?P<part>{PART})\s+)?(?:\broku\s+)?\b(?P<year>{YEAR}){YEAR_WORD}",
    ),
    rule(
        "pl_year_bare",
        "year",
        rf"\b(?:w|we|od|do|z|ze|po|przed|roku|rok)\s+(?P<year>{MODERN_YEAR})(?![\d.,]?\d)"
        r"(?!\s*[-–—]?\s*(?:[^\W\d_]|%|\d))",
    ),
    rule(
        "pl_decade",
        "decade",
        r"(?:\bw\s+)?\b(?:latach|lata|lat)\s+(?P<dec>(?:19|20)?\d0)(?:\.|-?(?:tych|ych|te))(?:\s+(?:xx|ubiegłego)\s+wieku)?",
    ),
    rule(
        "pl_century",
        "century",
        # "w XX w.", "XIX wieku"; not "i W." (the conjunction and an initial)
        rf"(?:\b(?:w|we|od|do|z|ze)\s+)?\b(?=[ivx]*[xv]|[ivx]+\s+wiek)(?P<roman>[ivx]{{1,6}})\s+(?:wiek(?:u|iem)?|w\.){END}",
    ),
    rule(
        "pl_season",
        "season",
        r"(?:\b(?P<prep>w|we|od|do|na|z|ze)\s+)?(?:\b(?P<rel>t(?:ego|ej|ym)|zeszł(?:ego|ej|ym)|ubiegł(?:ego|ej|ym)|"
        r"przyszł(?:ego|ej|ym))\s+)?\b(?P<season>wiosną|latem|jesienią|zimą|wiosn[ęyie]|lato|lecie|jesie[ńn]|"
        rf"jesieni|zim[ęyie]){END}(?:\s+(?P<year>{YEAR}){YEAR_WORD}?|"
        rf"\s+(?P<yrel>(?:{REL})(?=\s+roku{END}))\s+roku{END})?",
    ),
    rule(
        "pl_quarter",
        "quarter",
        r"(?:\b(?:w|we|za|od|do)\s+)?\b(?P<q>i{1,3}|iv|[1-4]\.?|pierwsz\w*|drugi\w*|trzeci\w*|czwart\w*)\s+"
        rf"kwarta(?:le|łu|ł){END}(?:\s+(?P<year>{YEAR}){YEAR_WORD}?|\s+(?P<yrel>{REL})\s+roku)?",
    ),
    rule("pl_day_word", "day_word", rf"\b(?P<word>{DAY_WORDS.alternation()}){END}"),
    rule(
        "pl_ago",
        "ago",
        r"(?:\b(?P<approx>około|prawie|ponad|przeszło|blisko|niemal|równo)\s+)?"
        rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+temu{END}",
    ),
    rule(
        "pl_ago_before",
        "ago",
        rf"\bprzed\s+(?:(?P<approx>ponad|blisko|niemal)\s+)?(?:(?P<n>{NUM})\s+)?"
        rf"(?P<unit>rokiem|tygodniem|miesiącem|laty|latami|dniami|tygodniami|miesiącami){END}",
    ),
    rule("pl_same_day", "shift", r"\btego\s+(?:samego\s+)?dnia\b", sign=0),
    rule("pl_after", "shift", rf"\bza\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})(?!\s+(?:\d|roku|r\.))", sign=1),
    rule("pl_later", "shift", rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+(?:później|potem){END}", sign=1),
    rule("pl_earlier", "shift", rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+wcześniej{END}", sign=-1),
    weekday_span("pl", rf"\bod\s+(?P<wd1>{WD})\s+do\s+(?P<wd2>{WD}){END}"),
    rule(
        "pl_weekday",
        "weekday",
        r"(?<!każd[yąe] )(?<!co )"
        rf"(?:\b(?P<prep>w|we|od|do|na|przed|po|za)\s+)?(?:\b(?P<rel>{REL})\s+)?\b(?P<wd>{WD}){END}",
    ),
    rule(
        "pl_relative_period",
        "relative_period",
        rf"(?:\b(?:w|we|na|z|ze|od|do|przez)\s+)?\b(?P<rel>{REL})\s+"
        rf"(?P<unit>roku|rok|miesiącu|miesiąca|miesiąc|tygodniu|tygodnia|tydzień){END}",
    ),
    *COMMON_RULES,
)

GRAMMAR = Grammar(
    language="pl",
    months=MONTHS,
    weekdays=WEEKDAYS,
    numbers=NUMBERS,
    units=UNITS,
    day_words=DAY_WORDS,
    relations=RELATIONS,
    seasons=SEASONS,
    ordinals=ORDINALS,
    adverbial_seasons=frozenset({"wiosną", "latem", "jesienią", "zimą"}),
    rules=RULES,
    future_cue=re.compile(
        r"\b(?:będzie|będą|będę|będziemy|zostanie|zostaną|odbędzie|odbędą|planuje|planują|zamierza\w*|"
        r"ma\s+się|mają\s+się|ma\s+być|mają\s+być|ma\s+zostać|mają\s+zostać|rozpocznie|rozpoczną|ruszy|ruszą)\b",
        FLAGS,
    ),
    past_cue=re.compile(
        r"\b\w{2,}(?:ał|ął|ęł|ił|ył|ół|eł|uł)(?:a|o|y|i)?\b|\b\w{2,}(?:ali|ęli|ili|yli|eli|uli|ały|iły|yły|ęły)\b|"
        # impersonal past: "zdecydowano", "podpisano", "przyjęto"
        r"\b\w{3,}(?:ano|ono|ęto|yto|ito)\b",
        FLAGS,
    ),
    vague_before=re.compile(
        r"\b(?:kilka|kilku|kilkoma|kilkanaście|kilkunastu|parę|paru|wiele|wielu|kilkadziesiąt)\s*$", FLAGS
    ),
    eve_block=re.compile(r"(?!)"),  # no "the eve" rule: the news of bsnlp has none
    trigger=trigger(
        MONTHS,
        WEEKDAYS,
        NUMBERS,
        UNITS,
        DAY_WORDS,
        RELATIONS,
        SEASONS,
        extra=r"kwarta|[ivx]+\s+w",
    ),
)
