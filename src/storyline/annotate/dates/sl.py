"""Slovene date grammar ("19. decembra 2014", "leta 2016", "aprila", "v sredo", "pred tremi leti", "lani").

A month in the genitive stands alone for "in that month" ("januarja so glasovali"), so a bare month is
a date here; a capitalised one in mid-sentence is a name ("Maja").
"""

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
        (r"januar|januarja|januarju|januarjem", 1),
        (r"februar|februarja|februarju|februarjem", 2),
        (r"marec|marca|marcu|marcem", 3),
        (r"april|aprila|aprilu|aprilom", 4),
        (r"maj|maja|maju|majem", 5),
        (r"junij|junija|juniju|junijem", 6),
        (r"julij|julija|juliju|julijem", 7),
        (r"avgust|avgusta|avgustu|avgustom", 8),
        (r"september|septembra|septembru|septembrom", 9),
        (r"oktober|oktobra|oktobru|oktobrom", 10),
        (r"november|novembra|novembru|novembrom", 11),
        (r"december|decembra|decembru|decembrom", 12),
    ]
)
WEEKDAYS = table(
    [
        (r"ponedeljek|ponedeljka|ponedeljku|ponedeljkom", 0),
        (r"torek|torka|torku|torkom", 1),
        (r"sreda|sredo|srede", 2),  # not "sredi" (in the middle of)
        (r"četrtek|četrtka|četrtku|četrtkom", 3),
        (r"petek|petka|petku|petkom", 4),
        (r"sobota|soboto|sobote|soboti", 5),
        (r"nedelja|nedeljo|nedelje|nedelji", 6),
    ]
)
NUMBERS = table(
    [
        (r"en|ena|eno|enim|enega", 1),
        (r"dva|dve|dvema|dveh", 2),
        (r"trije|tri|tremi|treh", 3),
        (r"štirje|štiri|štirimi|štirih", 4),
        (r"pet|petimi|petih", 5),
        (r"šest|šestimi|šestih", 6),
        (r"sedem|sedmimi|sedmih", 7),
        (r"osem|osmimi|osmih", 8),
        (r"devet|devetimi|devetih", 9),
        (r"deset|desetimi|desetih", 10),
        (r"petnajst|petnajstimi", 15),
        (r"dvajset|dvajsetimi", 20),
        (r"trideset|tridesetimi", 30),
    ]
)
# value: unit index (0 day, 1 week, 2 month, 3 year) + 4 for plural (and dual) forms
UNITS = table(
    [
        (r"dan|dneva|dnevom|dnevu", 0),
        (r"dni|dnevi|dnevoma|dnevih|dnevov", 4),
        (r"teden|tedna|tednom|tednu", 1),
        (r"tedne|tednov|tedni|tednoma|tednih", 5),
        (r"mesec|meseca|mesecem|mesecu", 2),
        (r"mesece|mesecev|meseci|mesecema|mesecih", 6),
        (r"leto|leta|letom|letu", 3),
        (r"let|leti|letoma|letih", 7),
    ]
)
DAY_WORDS = table(
    [
        (r"predvčerajšnjim", -2),
        (r"včeraj|sinoči", -1),
        (r"danes|nocoj", 0),
        (r"jutri", 1),
        (r"pojutrišnjem", 2),
    ]
)
RELATIONS = table(
    [
        (r"predlani", -2),
        (r"lani|lansk\w*|prejšnj\w*|minul\w*|pretekl\w*|zadnj\w*", -1),
        (r"letos|letošnj\w*|t(?:a|o|ega|em|ej)|tekoč\w*", 0),
        (r"prihodnj\w*|naslednj\w*|drugo", 1),
    ]
)
SEASONS = table(
    [
        (r"spomladi|pomlad|pomladi", 0),
        (r"poleti|poletje|poletja|poletju", 1),
        (r"jeseni|jesen", 2),
        (r"pozimi|zima|zime|zimi|zimo", 3),
    ]
)
ORDINALS = table(
    [(r"prv(?:em|o|i)", 1), (r"drug(?:em|o|i)", 2), (r"tretj(?:em|e|i)", 3), (r"četrt(?:em|o|i)", 4)]
)

END = r"(?![^\W\d_])"
M = rf"\b(?P<month>{MONTHS.alternation()}){END}"
MONTH = rf"(?:{MONTHS.alternation()}){END}"
REL = RELATIONS.alternation()
NUM = rf"(?:\d{{1,3}}|{NUMBERS.alternation()})"
UNIT = rf"(?:{UNITS.alternation()}){END}"
PREP = r"(?:v|od|do|iz|z|s|na|po|pred|k|h|ob|okoli|med|za|čez)"
PART = r"(?:začet(?:ku|kom)|konc(?:u|a|em)|konec|sredi|sredin(?:i|o|e)|polovic(?:i|o|e)|prelom(?:u)?)"
YEAR_WORD = rf"(?:\s+(?:leta|letu|leto){END})"
YEAR_TAIL = (
    rf"(?:\s+(?:leta\s+)?(?P<year>{YEAR})(?![\d.,]?\d)|"
    rf"\s+(?P<yrel>letos|lani|predlani|(?:{REL})(?=\s+(?:leta|leto){END}))(?:\s+(?:leta|leto){END})?)?"
)
WD = WEEKDAYS.alternation()
NUMERIC = r"(?<![\d.,])(?P<day>[0-3]?\d)\.\s(?P<mon>[01]?\d)\.\s?(?P<year>(?:19|20)\d\d)(?![.,]?\d)"

RULES = (
    rule(
        "sl_day_range",
        "day_range",
        rf"(?:\bod\s+)?(?<![\d.,])\b(?P<d1>{DAY})\.(?:\s+(?P<m1>{MONTH}))?\s*(?:[-–—]|\s+do\s+)\s*"
        rf"(?P<d2>{DAY})\.\s*(?P<m2>{MONTH}){YEAR_TAIL}",
    ),
    day_list("sl", PREP, r"in|ter", MONTHS.alternation(), YEAR_TAIL, dot=r"\."),
    rule(
        "sl_date",
        "date",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<wd>{WD})\s*,?\s+)?(?<![\d.,])\b(?P<day>{DAY})\.\s*{M}{YEAR_TAIL}",
    ),
    rule(
        "sl_month_range",
        "month_range",
        rf"\bod\s+(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?\s+do\s+(?P<m2>{MONTH})(?:\s+(?P<year>{YEAR}))?",
    ),
    rule(
        "sl_month",
        "month",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<part>{PART})\s+)?(?:meseca\s+)?(?:(?P<rel>{REL})\s+)?{M}{YEAR_TAIL}",
    ),
    rule(
        "sl_year_range",
        "year_range",
        rf"(?:\b(?:med|od|v\s+letih|letih|leta|obdobju|obdobje)\s+)?\b(?P<y1>{YEAR})\s*(?:[-–—]|\s+(?:in|do)\s+)"
        rf"\s*(?P<y2>{YEAR})(?![\d.,]?\d)",
    ),
    rule(
        "sl_year",
        "year",
        rf"(?:\b{PREP}\s+)?(?:(?P<part>{PART})\s+)?\b(?:leta|letu|leto)\s+(?P<year>{YEAR})(?![\d.,]?\d)",
    ),
    rule(
        "sl_year_bare",
        "year",
        rf"\b(?:v|od|do|iz|po|pred|za)\s+(?P<year>{MODERN_YEAR})(?![\d.,]?\d)(?!\s*[-–—]?\s*(?:[^\W\d_]|%|\d))",
    ),
    rule("sl_year_word", "year", rf"\b(?P<yrel>lani|letos|predlani){END}"),
    rule(
        "sl_decade",
        "decade",
        r"(?:\b(?:v|do|od|iz)\s+)?\b(?P<dec>(?:19|20)?\d0)\.\s+(?:letih|let)(?![^\W\d_])"
        r"(?:\s+(?:prejšnjega|20\.|xx\.)\s+stoletja)?",
    ),
    rule(
        "sl_century",
        "century",
        rf"(?:\b(?:v|od|do|iz)\s+)?(?:(?P<part>{PART})\s+)?\b(?:(?P<cent>[12]?\d)\.|(?P<roman>[ivx]{{1,6}})\.?)\s+"
        rf"(?:stoletju|stoletja|stoletje){END}",
    ),
    rule(
        "sl_season",
        "season",
        rf"(?:\b(?P<yrel>lani|letos)\s+)?(?:\b(?P<prep>v|na|od|do|iz|čez)\s+)?(?:(?P<rel>{REL})\s+)?"
        rf"\b(?P<season>spomladi|pomlad|pomladi|poleti|poletje|poletja|poletju|jeseni|jesen|pozimi|zim[aeio]){END}"
        rf"(?:\s+(?P<year>{YEAR})(?![\d.,]?\d))?",
    ),
    rule(
        "sl_quarter",
        "quarter",
        r"(?:\b(?:v|za|od|do)\s+)?\b(?P<q>i{1,3}\.?|iv\.?|[1-4]\.|prv(?:em|o|i)|drug(?:em|o|i)|tretj(?:em|e|i)|"
        r"četrt(?:em|o|i))\s+(?:četrtletj(?:u|e|a)|kvartal(?:u|a)?)"
        rf"{END}(?:\s+(?:leta\s+)?(?P<year>{YEAR})|\s+(?P<yrel>(?:{REL})(?=\s+leta{END}))\s+leta{END})?",
    ),
    rule("sl_day_word", "day_word", rf"\b(?P<word>{DAY_WORDS.alternation()}){END}"),
    rule(
        "sl_ago",
        "ago",
        rf"\bpred\s+(?:(?P<approx>več\s+kot|skoraj|približno|dobrimi|dobrim|natanko)\s+)?"
        rf"(?:(?P<n>{NUM})\s+)?(?P<unit>dnevom|dnevoma|dnevi|tednom|tednoma|tedni|mesecem|mesecema|meseci|letom|letoma|leti){END}",
    ),
    rule("sl_next_day", "shift", r"\b(?:naslednji|drugi)\s+dan\b|\bnaslednjega\s+dne\b", sign=1),
    rule("sl_same_day", "shift", r"\b(?:isti|tisti)\s+dan\b|\b(?:istega|tistega)\s+dne\b", sign=0),
    rule("sl_after", "shift", rf"\bčez\s+(?P<n>{NUM})\s+(?P<unit>{UNIT})", sign=1),
    rule(
        "sl_later",
        "shift",
        rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+(?:pozneje|kasneje|zatem){END}",
        sign=1,
    ),
    rule(
        "sl_earlier",
        "shift",
        rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+(?:prej|poprej|pred\s+tem){END}",
        sign=-1,
    ),
    weekday_span("sl", rf"\bod\s+(?P<wd1>{WD})\s+do\s+(?P<wd2>{WD}){END}"),
    rule(
        "sl_weekday",
        "weekday",
        r"(?<!vsak )(?<!vsako )(?<!vsakem )"
        rf"(?:\b(?P<prep>v|od|do|na|pred|po|k|h|za)\s+)?(?:(?P<rel>{REL})\s+)?\b(?P<wd>{WD}){END}",
    ),
    rule(
        "sl_relative_period",
        "relative_period",
        rf"(?:\b(?:v|na|od|do|med|za)\s+)?\b(?P<rel>{REL})\s+(?P<unit>leto|letu|mesecu|meseca|mesec|tednu|tedna|teden){END}",
    ),
    # "tega leta", "prihodnjega leta" (but not "zadnja leta", recent years)
    rule(
        "sl_relative_year",
        "relative_period",
        rf"\b(?P<rel>(?:{REL})(?<=ega))\s+(?P<unit>leta){END}",
    ),
    *COMMON_RULES,
)

GRAMMAR = Grammar(
    language="sl",
    months=MONTHS,
    weekdays=WEEKDAYS,
    numbers=NUMBERS,
    units=UNITS,
    day_words=DAY_WORDS,
    relations=RELATIONS,
    seasons=SEASONS,
    ordinals=ORDINALS,
    adverbial_seasons=frozenset({"spomladi", "poleti", "jeseni", "pozimi"}),
    rules=RULES,
    future_cue=re.compile(r"\b(?:bo|bodo|bom|bomo|boste|bosta|načrtuje\w*|namerava\w*)\b", FLAGS),
    past_cue=re.compile(
        r"\b(?:je|so|sta|smo|ste|sem|si|ni|niso)\s+(?:\w+\s+)?\w{2,}(?:l|la|lo|li|le)\b|\b\w{2,}(?:al|el|il|ul)[aoie]?\b",
        FLAGS,
    ),
    vague_before=re.compile(r"\b(?:nekaj|nekaterimi|več|mnogo|veliko|par)\s*$", FLAGS),
    eve_block=re.compile(r"(?!)"),  # no "the eve" rule: the news of bsnlp has none
    trigger=trigger(
        MONTHS,
        WEEKDAYS,
        NUMBERS,
        UNITS,
        DAY_WORDS,
        RELATIONS,
        SEASONS,
        extra=r"četrtletj|kvartal|[ivx]+\.?\s+stol",
    ),
)
