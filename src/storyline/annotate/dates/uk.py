"""Ukrainian date grammar ("29 березня 2019 року", "у 2016 році", "в середу", "два роки тому", "торік")."""

from __future__ import annotations

import re

from storyline.annotate.dates.common import (
    COMMON_RULES,
    DAY,
    FLAGS,
    MODERN_YEAR,
    YEAR,
    rule,
    weekday_span,
)
from storyline.annotate.dates.grammar import Grammar, table, trigger

A = r"['’ʼ`]?"  # the apostrophe of "п'ятниця", in any of its spellings
MONTHS = table(
    [
        (r"січень|січня|січні|січнем", 1),
        (r"лютий|лютого|лютому|лютим", 2),
        (r"березень|березня|березні|березнем", 3),
        (r"квітень|квітня|квітні|квітнем", 4),
        (r"травень|травня|травні|травнем", 5),
        (r"червень|червня|червні|червнем", 6),
        (r"липень|липня|липні|липнем", 7),
        (r"серпень|серпня|серпні|серпнем", 8),
        (r"вересень|вересня|вересні|вереснем", 9),
        (r"жовтень|жовтня|жовтні|жовтнем", 10),
        (r"листопад|листопада|листопаді|листопадом", 11),
        (r"грудень|грудня|грудні|груднем", 12),
    ]
)
WEEKDAYS = table(
    [
        (r"понеділок|понеділка|понеділку|понеділком", 0),
        (r"вівторок|вівторка|вівторку|вівторком", 1),
        (r"середа|середу|середи|середі|середою", 2),
        (r"четвер|четверга|четвергу|четвергом", 3),
        (rf"п{A}ятниця|п{A}ятницю|п{A}ятниці|п{A}ятницею", 4),
        (r"субота|суботу|суботи|суботі|суботою", 5),
        (r"неділя|неділю|неділі|неділею", 6),
    ]
)
NUMBERS = table(
    [
        (r"один|одна|одну|одного|одним", 1),
        (r"два|дві|двох|двома", 2),
        (r"три|трьох|трьома", 3),
        (r"чотири|чотирьох|чотирма", 4),
        (rf"п{A}ять|п{A}яти", 5),
        (r"шість|шести", 6),
        (r"сім|семи", 7),
        (r"вісім|восьми", 8),
        (rf"дев{A}ять|дев{A}яти", 9),
        (r"десять|десяти", 10),
        (rf"п{A}ятнадцять|п{A}ятнадцяти", 15),
        (r"двадцять|двадцяти", 20),
        (r"тридцять|тридцяти", 30),
    ]
)
# value: unit index (0 day, 1 week, 2 month, 3 year) + 4 for plural forms
UNITS = table(
    [
        (r"день|дня|днем|добу", 0),
        (r"дні|днів|днями|доби", 4),
        (r"тиждень|тижня|тижнем", 1),
        (r"тижні|тижнів|тижнями", 5),
        (r"місяць|місяця|місяцем", 2),
        (r"місяці|місяців|місяцями", 6),
        (r"рік|року|роком|році", 3),
        (r"роки|років|роками|літ", 7),
    ]
)
DAY_WORDS = table(
    [
        (r"позавчора", -2),
        (r"вчора|учора|минулої\s+ночі", -1),
        (r"сьогодні|цього\s+(?:ранку|вечора)|сьогодні\s+вранці", 0),
        (r"завтра", 1),
        (r"післязавтра", 2),
    ]
)
RELATIONS = table(
    [
        (r"позаминул\w*", -2),
        (r"минул\w*|попередн\w*|торік|торішн\w*|минулоріч\w*|останн\w*", -1),
        (r"ц(?:ей|я|е|ього|ьому|ю|ій|им|ієї)|поточн\w*|нинішн\w*|цьогоріч\w*|цьогорічн\w*", 0),
        (r"наступн\w*|майбутн\w*|прийдешн\w*|найближч\w*", 1),
    ]
)
SEASONS = table(
    [
        (r"навесні|весною|весна|весни|весну|весні", 0),
        (r"влітку|улітку|літом|літо|літа|літі", 1),
        (r"восени|осінь|осені|осінню", 2),
        (r"взимку|узимку|зимою|зима|зими|зиму|зимі", 3),
    ]
)
ORDINALS = table([(r"перш\w+", 1), (r"друг\w+", 2), (r"трет\w+", 3), (r"четверт\w+", 4)])

END = r"(?![^\W\d_'’ʼ])"
M = rf"\b(?P<month>{MONTHS.alternation()}){END}"
MONTH = rf"(?:{MONTHS.alternation()}){END}"
REL = RELATIONS.alternation()
NUM = rf"(?:\d{{1,3}}|{NUMBERS.alternation()})"
UNIT = rf"(?:{UNITS.alternation()}){END}"
PREP = r"(?:у|в|з|із|від|до|на|по|після|перед|близько|між|протягом|упродовж|о)"
PART = r"(?:початк(?:у|ом)|середин(?:а|і|у|и)|кінц(?:я|і)|кінець|наприкінці|напочатку|посередині)"
YEAR_WORD = rf"(?:\s*(?:року|році|рік|роком|рр?\.){END})"
YEAR_TAIL = (
    rf"(?:\s+(?P<year>{YEAR}){YEAR_WORD}?(?![\d.,]?\d)|"
    rf"\s+(?P<yrel>(?:{REL})(?=\s+(?:року|рік){END}))\s+(?:року|рік){END})?"
)
WD = WEEKDAYS.alternation()

RULES = (
    rule(
        "uk_day_range",
        "day_range",
        rf"(?:\b(?:з|із|від)\s+)?(?<![\d.,])\b(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH}))?\s*(?:[-–—]|\s+(?:по|до)\s+)\s*"
        rf"(?P<d2>{DAY})\s+(?P<m2>{MONTH}){YEAR_TAIL}",
    ),
    rule(
        "uk_date",
        "date",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<wd>{WD})\s*,?\s+)?(?<![\d.,])\b(?P<day>{DAY})(?:-?(?:го|е))?\s+{M}{YEAR_TAIL}",
    ),
    rule(
        "uk_month_range",
        "month_range",
        rf"\b(?:з|із|від)\s+(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}){YEAR_WORD}?)?\s+(?:до|по)\s+(?P<m2>{MONTH})"
        rf"(?:\s+(?P<year>{YEAR}){YEAR_WORD}?)?",
    ),
    rule(
        "uk_month_range_dash",
        "month_range",
        rf"(?:\b(?P<prep>{PREP})\s+)?\b(?P<m1>{MONTH})\s*[-–—]\s*(?P<m2>{MONTH})"
        rf"(?:\s+(?P<year>{YEAR}){YEAR_WORD}?)?",
    ),
    rule(
        "uk_month",
        "month",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<part>{PART})\s+)?(?:(?P<rel>{REL})\s+)?{M}{YEAR_TAIL}",
        bare_month_ok=False,
    ),
    rule(
        "uk_year_range",
        "year_range",
        rf"(?:\b(?:у|в|з|із|від|між|протягом)\s+)?\b(?P<y1>{YEAR}){YEAR_WORD}?\s*(?:[-–—]|\s+(?:по|до|і|та)\s+)\s*"
        rf"(?P<y2>{YEAR})(?:\s*(?:роках|роки|років|рр?\.|року|рік){END})?(?![\d.,]?\d)",
    ),
    rule(
        "uk_year",
        "year",
        rf"(?:\b{PREP}\s+)?(?:(?P<part>{PART})\s+)?\b(?P<year>{YEAR}){YEAR_WORD}",
    ),
    rule(
        "uk_year_bare",
        "year",
        rf"\b(?:у|в|з|із|від|до|після|перед)\s+(?P<year>{MODERN_YEAR})(?![\d.,]?\d)(?!\s*[-–—]?\s*(?:[^\W\d_]|%|\d))",
    ),
    rule("uk_year_word", "year", rf"\b(?P<yrel>торік|цьогоріч){END}"),
    rule(
        "uk_decade",
        "decade",
        rf"(?:\b(?:у|в|з|із|до)\s+)?\b(?P<dec>(?:19|20)?\d0)-?(?:х|ті|их)(?:\s+(?:роках|років|роки|рр\.){END})?",
    ),
    rule(
        "uk_season",
        "season",
        rf"(?:\b(?P<prep>у|в|з|із|до|на|від|протягом)\s+)?(?:(?P<rel>{REL})\s+)?"
        r"\b(?P<season>навесні|весною|весна|весни|весну|весні|влітку|улітку|літом|літо|літа|літі|восени|осінь|осені|"
        rf"взимку|узимку|зимою|зима|зими|зиму|зимі){END}(?:\s+(?P<year>{YEAR}){YEAR_WORD}?|"
        rf"\s+(?P<yrel>(?:{REL})(?=\s+року{END}))\s+року{END})?",
    ),
    rule(
        "uk_quarter",
        "quarter",
        r"(?:\b(?:у|в|за|з|до)\s+)?\b(?P<q>i{1,3}|iv|[1-4]-?(?:му|й)?|перш\w+|друг\w+|трет\w+|четверт\w+)\s+"
        rf"кварта(?:лі|л|лу|ла){END}(?:\s+(?P<year>{YEAR}){YEAR_WORD}?|\s+(?P<yrel>(?:{REL})(?=\s+року))\s+року)?",
    ),
    rule("uk_day_word", "day_word", rf"\b(?P<word>{DAY_WORDS.alternation()}){END}"),
    rule(
        "uk_ago",
        "ago",
        r"(?:\b(?P<approx>близько|майже|приблизно|понад|більше|рівно)\s+)?"
        rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+(?:тому|назад){END}",
    ),
    rule(
        "uk_next_day",
        "shift",
        r"\bнаступного\s+дня\b|\bнаступн(?:ий|ого)\s+ранк[уо]\b|\bна\s+наступний\s+день\b",
        sign=1,
    ),
    # "через тиждень після вакцинації": counted from an event, not from a date
    rule("uk_after", "shift", rf"\bчерез\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})(?!\s+після)", sign=1),
    rule(
        "uk_later",
        "shift",
        rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+(?:по\s+тому|потому|пізніше|згодом){END}",
        sign=1,
    ),
    rule(
        "uk_earlier",
        "shift",
        # not "на день раніше, ніж у ЄС" (earlier than something else)
        rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+(?:раніше|перед\s+тим){END}(?!,?\s+ніж)",
        sign=-1,
    ),
    rule("uk_eve", "eve", rf"\bнапередодні{END}", sign=-1),
    weekday_span("uk", rf"\b(?:з|із|від)\s+(?P<wd1>{WD})\s+(?:по|до)\s+(?P<wd2>{WD}){END}"),
    rule(
        "uk_weekday",
        "weekday",
        rf"\b(?:(?P<prep>у|в|з|із|до|на|від|після|перед)\s+)(?:(?P<rel>{REL})\s+)?(?P<wd>{WD}){END}",
    ),
    rule("uk_weekday_rel", "weekday", rf"\b(?P<rel>минул\w*|наступн\w*|ц(?:ього|ієї))\s+(?P<wd>{WD}){END}"),
    rule(
        "uk_relative_period",
        "relative_period",
        rf"(?:\b(?:у|в|на|за|з|із|до|протягом)\s+)?\b(?P<rel>{REL})\s+"
        rf"(?P<unit>року|році|рік|місяця|місяці|місяць|тижня|тижні|тиждень){END}",
    ),
    *COMMON_RULES,
)

GRAMMAR = Grammar(
    language="uk",
    months=MONTHS,
    weekdays=WEEKDAYS,
    numbers=NUMBERS,
    units=UNITS,
    day_words=DAY_WORDS,
    relations=RELATIONS,
    seasons=SEASONS,
    ordinals=ORDINALS,
    adverbial_seasons=frozenset(
        {"навесні", "весною", "влітку", "улітку", "літом", "восени", "взимку", "узимку", "зимою"}
    ),
    rules=RULES,
    future_cue=re.compile(
        r"\b(?:буде|будуть|буду|будемо|будете|відбудеться|відбудуться|планує\w*|планують|має\s+відбутися|"
        r"мають\s+відбутися|очікується|очікуються|[а-яіїєґ]+тиме(?:ться|мо|те)?|[а-яіїєґ]+тимуть)\b",
        FLAGS,
    ),
    past_cue=re.compile(
        r"\b[а-яіїєґ'’]{2,}(?:ав|ив|ів|яв|ув|ала|ила|іла|яла|ула|ало|ило|іло|яло|али|или|іли|яли|ули)(?:ся|сь)?\b",
        FLAGS,
    ),
    vague_before=re.compile(
        r"\b(?:кілька|кількох|кількома|декілька|декількох|багато|пару|кільканадцять)\s*$", FLAGS
    ),
    eve_block=re.compile(
        r"\s+(?!(?:ввечері|вранці|вдень|вночі)(?![а-яіїєґ]))(?![а-яіїєґ]*(?:в|ла|ло|ли|лася|лось|лися)(?![а-яіїєґ]))"
        r"[а-яіїєґ'’]{2,}",
        FLAGS,
    ),
    trigger=trigger(
        MONTHS,
        WEEKDAYS,
        NUMBERS,
        UNITS,
        DAY_WORDS,
        RELATIONS,
        SEASONS,
        extra=r"напередодні|кварта|[ivxх]+\s+ст",
    ),
)
