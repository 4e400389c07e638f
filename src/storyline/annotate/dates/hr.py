"""Croatian date grammar ("17. listopada 2016.", "u 2016. godini", "početkom 2017.", "u srijedu",
"prije dvije godine", "prošlog tjedna").

Croatian writes years as ordinals, with a dot ("2016.", "2016. godine"): a four-digit number with a dot or
"godine" after it, or a preposition before it, is a year.
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
        (r"siječanj|siječnja|siječnju|siječnjem", 1),
        (r"veljača|veljače|veljači|veljaču|veljačom", 2),
        (r"ožujak|ožujka|ožujku|ožujkom", 3),
        (r"travanj|travnja|travnju|travnjem", 4),
        (r"svibanj|svibnja|svibnju|svibnjem", 5),
        (r"lipanj|lipnja|lipnju|lipnjem", 6),
        (r"srpanj|srpnja|srpnju|srpnjem", 7),
        (r"kolovoz|kolovoza|kolovozu|kolovozom", 8),
        (r"rujan|rujna|rujnu|rujnom", 9),
        (r"listopad|listopada|listopadu|listopadom", 10),
        (r"studeni|studenog|studenoga|studenom|studenome", 11),
        (r"prosinac|prosinca|prosincu|prosincem", 12),
    ]
)
WEEKDAYS = table(
    [
        (r"ponedjeljak|ponedjeljka", 0),
        (r"utorak|utorka", 1),
        (r"srijeda|srijedu|srijede", 2),
        (r"četvrtak|četvrtka", 3),
        (r"petak|petka", 4),
        (r"subota|subotu|subote", 5),
        (r"nedjelja|nedjelju|nedjelje", 6),  # not "srijedom" (on Wednesdays)
    ]
)
NUMBERS = table(
    [
        (r"jedan|jedna|jednu|jednog|jednoga", 1),
        (r"dva|dvije|dvaju", 2),
        (r"tri|triju", 3),
        (r"četiri", 4),
        (r"pet", 5),
        (r"šest", 6),
        (r"sedam", 7),
        (r"osam", 8),
        (r"devet", 9),
        (r"deset", 10),
        (r"petnaest", 15),
        (r"dvadeset", 20),
        (r"trideset", 30),
    ]
)
# value: unit index (0 day, 1 week, 2 month, 3 year) + 4 for plural (and paucal) forms
UNITS = table(
    [
        (r"dan", 0),
        (r"dana|dani|danima", 4),
        (r"tjedan|tjednu", 1),
        (r"tjedna|tjedne|tjedana", 5),
        (r"mjesec|mjesecu", 2),
        (r"mjeseca|mjeseci", 6),
        (r"godinu|godini|godinom", 3),
        (r"godine|godina|godinama", 7),
    ]
)
DAY_WORDS = table(
    [
        (r"prekjučer", -2),
        (r"jučer|sinoć", -1),
        (r"danas|večeras|jutros", 0),
        (r"sutra", 1),
        (r"prekosutra", 2),
    ]
)
RELATIONS = table(
    [
        (r"pretprošl\w*", -2),
        (r"prošl\w*|lani|lanjsk\w*|prethodn\w*", -1),
        (r"ov(?:e|a|aj|og|oga|om|u|oj|ih)|tekuć\w*", 0),
        (r"sljedeć\w*|iduć\w*|naredn\w*|dogodine", 1),
    ]
)
SEASONS = table(
    [
        (r"proljeće|proljeća|proljeću", 0),
        (r"ljeto|ljeta|ljetu|ljeti", 1),
        (r"jesen|jeseni", 2),
        (r"zima|zime|zimi|zimu", 3),
    ]
)
ORDINALS = table(
    [
        (r"prv(?:om|o|i|og)", 1),
        (r"drug(?:om|o|i|og)", 2),
        (r"treć(?:em|e|i|eg)", 3),
        (r"četvrt(?:om|o|i|og)", 4),
    ]
)

END = r"(?![^\W\d_])"
M = rf"\b(?P<month>{MONTHS.alternation()}){END}"
MONTH = rf"(?:{MONTHS.alternation()}){END}"
REL = RELATIONS.alternation()
NUM = rf"(?:\d{{1,3}}|{NUMBERS.alternation()})"
UNIT = rf"(?:{UNITS.alternation()}){END}"
PREP = r"(?:u|od|do|iz|s|sa|na|po|prije|poslije|nakon|za|tijekom|oko|između|krajem|početkom|sredinom|potkraj)"
PART = r"(?:početk(?:om|u|a)|kraj(?:em|u|a)|sredin(?:om|i|e|u)|polovin(?:om|i|e|u)|potkraj|koncem)"
# "2016.", "2016. godine", "2016. g."
YEAR_WORD = rf"(?:\.?\s*(?:godine|godini|godina|godinu|god\.|g\.){END})"
YEAR_TAIL = (
    rf"(?:\s+(?P<year>{YEAR})(?:{YEAR_WORD}|\.(?!\d))?(?![\d,]?\d)|"
    rf"\s+(?P<yrel>(?:{REL})(?=\s+godine{END}))\s+godine{END})?"
)
WD = WEEKDAYS.alternation()
NUMERIC = r"(?<![\d.,])(?P<day>[0-3]?\d)\.\s(?P<mon>[01]?\d)\.\s?(?P<year>(?:19|20)\d\d)(?![.,]?\d)"

RULES = (
    rule(
        "hr_day_range",
        "day_range",
        rf"(?:\bod\s+)?(?<![\d.,])\b(?P<d1>{DAY})\.(?:\s+(?P<m1>{MONTH}))?\s*(?:[-–—]|\s+do\s+)\s*"
        rf"(?P<d2>{DAY})\.\s*(?P<m2>{MONTH}){YEAR_TAIL}",
    ),
    day_list("hr", PREP, r"i", MONTHS.alternation(), YEAR_TAIL, dot=r"\."),
    rule(
        "hr_date",
        "date",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<wd>{WD})\s*,?\s+)?(?<![\d.,])\b(?P<day>{DAY})\.\s*{M}{YEAR_TAIL}",
    ),
    rule(
        "hr_month_range",
        "month_range",
        rf"\bod\s+(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR})\.?)?\s+do\s+(?P<m2>{MONTH})"
        rf"(?:\s+(?P<year>{YEAR})\.?|\s+(?P<yrel>(?:{REL})(?=\s+godine{END}))\s+godine{END})?",
    ),
    rule(
        "hr_month",
        "month",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<part>{PART})\s+)?(?:mjeseca\s+)?(?:(?P<rel>{REL})\s+)?{M}{YEAR_TAIL}",
        bare_month_ok=False,
    ),
    rule(
        "hr_year_range",
        "year_range",
        rf"(?:\b(?:od|između|u\s+razdoblju(?:\s+od)?|razdoblje|razdoblju)\s+)?\b(?P<y1>{YEAR})\.?\s*(?:[-–—]|\s+(?:do|i)\s+)"
        rf"\s*(?P<y2>{YEAR})(?:{YEAR_WORD}|\.(?!\d))?(?![\d,]?\d)",
    ),
    # "u 2016. godini", "početkom 2017.", "iz 2013. godine", "2016."
    rule(
        "hr_year",
        "year",
        rf"(?:\b{PREP}\s+)?(?:(?P<part>{PART})\s+)?(?:\bgodine\s+)?(?<![\d.,])\b(?P<year>{YEAR})"
        rf"(?:{YEAR_WORD}|\.(?!\d))",
    ),
    rule(
        "hr_year_bare",
        "year",
        rf"\b(?:u|od|do|iz|nakon|prije|tijekom|početkom|krajem|sredinom)\s+(?P<year>{MODERN_YEAR})(?![\d.,]?\d)"
        r"(?!\s*[-–—]?\s*(?:[^\W\d_]|%|\d))",
    ),
    rule("hr_year_word", "year", rf"\b(?P<yrel>lani|dogodine){END}"),
    rule(
        "hr_decade",
        "decade",
        r"(?:\b(?:u|od|do|iz)\s+)?\b(?P<dec>(?:19|20)?\d0)-?(?:ih|ima)(?![^\W\d_])(?:\s+godin(?:a|ama))?",
    ),
    rule(
        "hr_century",
        "century",
        rf"(?:\b(?:u|od|do|iz)\s+)?(?:(?P<part>{PART})\s+)?\b(?:(?P<cent>[12]?\d)\.|(?P<roman>[ivx]{{1,6}})\.?)\s+"
        rf"(?:stoljeću|stoljeća|stoljeće){END}",
    ),
    rule(
        "hr_season",
        "season",
        rf"(?:\b(?P<prep>u|na|od|do|iz|tijekom|početkom|krajem)\s+)?(?:(?P<rel>{REL})\s+)?"
        rf"\b(?P<season>proljeće|proljeća|proljeću|ljeto|ljeta|ljetu|ljeti|jesen|jeseni|zima|zime|zimi|zimu){END}"
        rf"(?:\s+(?P<year>{YEAR})\.?(?![\d,]?\d)|\s+(?P<yrel>(?:{REL})(?=\s+godine{END}))\s+godine{END})?",
    ),
    rule(
        "hr_quarter",
        "quarter",
        r"(?:\b(?:u|za|od|do)\s+)?\b(?P<q>i{1,3}\.?|iv\.?|[1-4]\.|prv(?:om|o|i|og)|drug(?:om|o|i|og)|"
        r"treć(?:em|e|i|eg)|četvrt(?:om|o|i|og))\s+(?:tromjesečj(?:u|e|a)|kvartal(?:u|a)?)"
        rf"{END}(?:\s+(?P<year>{YEAR})(?:{YEAR_WORD}|\.(?!\d))?|\s+(?P<yrel>(?:{REL})(?=\s+godine{END}))\s+godine{END})?",
    ),
    rule("hr_day_word", "day_word", rf"\b(?P<word>{DAY_WORDS.alternation()}){END}"),
    rule(
        "hr_ago",
        "ago",
        rf"\bprije\s+(?:(?P<approx>više\s+od|gotovo|skoro|oko|otprilike|točno|nešto\s+više\s+od)\s+)?"
        rf"(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})(?:\s+dana{END})?",
    ),
    rule(
        "hr_next_day",
        "shift",
        r"\bsutradan\b|\b(?:sljedeći|idući|drugi)\s+dan\b|\b(?:sljedećeg|idućeg|drugog)\s+dana\b",
        sign=1,
    ),
    rule("hr_same_day", "shift", r"\b(?:isti|taj)\s+dan\b|\b(?:istog|tog|toga)\s+dana\b", sign=0),
    rule("hr_after", "shift", rf"\bza\s+(?P<n>{NUM})\s+(?P<unit>{UNIT})(?:\s+dana{END})?", sign=1),
    rule(
        "hr_later",
        "shift",
        rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})(?:\s+dana)?\s+(?:kasnije|poslije|potom){END}",
        sign=1,
    ),
    rule(
        "hr_earlier",
        "shift",
        rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})(?:\s+dana)?\s+(?:ranije|prije\s+toga){END}",
        sign=-1,
    ),
    weekday_span("hr", rf"\bod\s+(?P<wd1>{WD})\s+do\s+(?P<wd2>{WD}){END}"),
    rule(
        "hr_weekday",
        "weekday",
        r"(?<!svak[iu] )(?<!svake )(?<!svakog )"
        rf"(?:\b(?P<prep>u|od|do|na|prije|poslije|nakon|za)\s+)?(?:(?P<rel>{REL})\s+)?\b(?P<wd>{WD}){END}",
    ),
    rule(
        "hr_relative_period",
        "relative_period",
        rf"(?:\b(?:u|na|od|do|tijekom|za)\s+)?\b(?P<rel>{REL})\s+"
        rf"(?P<unit>godine|godini|godinu|mjeseca|mjesecu|mjesec|tjedna|tjednu|tjedan){END}",
    ),
    rule("hr_numeric_spaced", "numeric", NUMERIC),
    *COMMON_RULES,
)

GRAMMAR = Grammar(
    language="hr",
    months=MONTHS,
    weekdays=WEEKDAYS,
    numbers=NUMBERS,
    units=UNITS,
    day_words=DAY_WORDS,
    relations=RELATIONS,
    seasons=SEASONS,
    ordinals=ORDINALS,
    adverbial_seasons=frozenset({"ljeti", "zimi"}),
    rules=RULES,
    future_cue=re.compile(
        r"\b(?:će|ćemo|ćete|ću|ćeš|planira\w*|namjerava\w*)\b|\b\w+(?:t\s+će|ti\s+će)\b", FLAGS
    ),
    past_cue=re.compile(
        r"\b\w{2,}(?:ao|io|eo|uo)\b|\b(?:je|su|sam|smo|ste|bi)\s+(?:\w+\s+)?\w{2,}(?:la|lo|li|le)\b", FLAGS
    ),
    vague_before=re.compile(r"\b(?:nekoliko|par|mnogo|puno|više)\s*$", FLAGS),
    eve_block=re.compile(r"(?!)"),  # no "the eve" rule: the news of bsnlp has none
    trigger=trigger(
        MONTHS,
        WEEKDAYS,
        NUMBERS,
        UNITS,
        DAY_WORDS,
        RELATIONS,
        SEASONS,
        extra=r"sutradan|tromjesečj|kvartal|[ivx]+\.?\s+stolj",
    ),
)
