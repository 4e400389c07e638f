"""Bulgarian date grammar ("на 27 декември 2020 г.", "през 2010 година", "в сряда", "преди две години").

Bulgarian has no noun cases: month names have one form, and "в началото на март" names the part of the
month with "на" before it.
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
        (r"януари", 1),
        (r"февруари", 2),
        (r"март", 3),
        (r"април", 4),
        (r"май", 5),
        (r"юни", 6),
        (r"юли", 7),
        (r"август", 8),
        (r"септември", 9),
        (r"октомври", 10),
        (r"ноември", 11),
        (r"декември", 12),
    ]
)
WEEKDAYS = table(
    [
        (r"понеделник(?:а|ът)?", 0),
        (r"вторник(?:а|ът)?", 1),
        (r"сряда(?:та)?", 2),
        (r"четвъртък(?:а|ът)?", 3),
        (r"петък(?:а|ът)?", 4),
        (r"събота(?:та)?", 5),
        (r"неделя(?:та)?", 6),
    ]
)
NUMBERS = table(
    [
        (r"един|една|едно", 1),
        (r"два|две|двама", 2),
        (r"три", 3),
        (r"четири", 4),
        (r"пет", 5),
        (r"шест", 6),
        (r"седем", 7),
        (r"осем", 8),
        (r"девет", 9),
        (r"десет", 10),
        (r"петнадесет|петнайсет", 15),
        (r"двадесет|двайсет", 20),
        (r"тридесет|трийсет", 30),
    ]
)
# value: unit index (0 day, 1 week, 2 month, 3 year) + 4 for plural (and count) forms
UNITS = table(
    [
        (r"ден|денят|деня", 0),
        (r"дни|дена|дните", 4),
        (r"седмица|седмицата", 1),
        (r"седмици|седмиците", 5),
        (r"месец|месецът", 2),
        (r"месеца|месеци|месеците", 6),
        (r"година|годината", 3),
        (r"години|годините", 7),
    ]
)
DAY_WORDS = table(
    [
        (r"онзи\s+ден", -2),
        (r"вчера|снощи", -1),
        (r"днес|тази\s+сутрин|тази\s+вечер", 0),
        (r"утре", 1),
        (r"вдругиден", 2),
    ]
)
RELATIONS = table(
    [
        (r"по-миналата|по-миналия|по-миналото", -2),
        (r"минал(?:ия|ата|ото|ите|ия)|миналият|предишн\w*|предходн\w*|лани|последн\w*", -1),
        (r"т(?:ози|ази|ова|ези)|настоящ\w*|текущ\w*", 0),
        (r"следващ\w*|идн\w*|догодина|предстоящ\w*", 1),
    ]
)
SEASONS = table(
    [(r"пролет(?:та)?", 0), (r"лято(?:то)?|лятото", 1), (r"есен(?:та)?", 2), (r"зима(?:та)?|зимата", 3)]
)
ORDINALS = table([(r"първ\w*", 1), (r"втор\w*", 2), (r"трет\w*", 3), (r"четвърт\w*", 4)])

END = r"(?![^\W\d_])"
M = rf"\b(?P<month>{MONTHS.alternation()}){END}"
MONTH = rf"(?:{MONTHS.alternation()}){END}"
REL = RELATIONS.alternation()
NUM = rf"(?:\d{{1,3}}|{NUMBERS.alternation()})"
UNIT = rf"(?:{UNITS.alternation()}){END}"
PREP = r"(?:в|във|от|до|на|през|след|преди|около|между|към|за|чак\s+до)"
PART = r"(?:(?:началото|средата|края|половината|втората\s+половина|първата\s+половина)\s+на)"
YEAR_WORD = rf"(?:\s*(?:г\.|година|годината|год\.){END})"
YEAR_TAIL = (
    rf"(?:\s+(?P<year>{YEAR}){YEAR_WORD}?(?![\d.,]?\d)|"
    rf"\s+(?P<yrel>догодина|лани|(?:{REL})(?=\s+година{END}))(?:\s+година{END})?)?"
)
WD = WEEKDAYS.alternation()

RULES = (
    rule(
        "bg_day_range",
        "day_range",
        rf"(?:\b(?:от)\s+)?(?<![\d.,])\b(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH}))?\s*(?:[-–—]|\s+до\s+)\s*"
        rf"(?P<d2>{DAY})\s+(?P<m2>{MONTH}){YEAR_TAIL}",
    ),
    day_list("bg", PREP, r"и", MONTHS.alternation(), YEAR_TAIL),
    rule(
        "bg_date",
        "date",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<wd>{WD})\s*,?\s+)?(?<![\d.,])\b(?P<day>{DAY})(?:-?(?:ти|ви|ри|ми))?\s+{M}"
        rf"{YEAR_TAIL}",
    ),
    rule(
        "bg_month_range",
        "month_range",
        rf"(?:\b(?:от|през|в)\s+)?\b(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}){YEAR_WORD}?)?\s*(?:[-–—]|\s+до\s+)\s*"
        rf"(?P<m2>{MONTH})(?:\s+(?P<year>{YEAR}){YEAR_WORD}?)?",
    ),
    rule(
        "bg_month",
        "month",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<part>{PART})\s+)?(?:месец\s+)?(?:(?P<rel>{REL})\s+)?{M}{YEAR_TAIL}",
        bare_month_ok=False,
    ),
    rule(
        "bg_year_range",
        "year_range",
        rf"(?:\b(?:в|през|от|между|за\s+периода)\s+)?\b(?P<y1>{YEAR}){YEAR_WORD}?\s*(?:[-–—]|\s+(?:до|и)\s+)\s*"
        rf"(?P<y2>{YEAR})(?:\s*(?:г\.|година|години|год\.){END})?(?![\d.,]?\d)",
    ),
    rule(
        "bg_year",
        "year",
        rf"(?:\b{PREP}\s+)?(?:(?P<part>{PART})\s+)?\b(?P<year>{YEAR}){YEAR_WORD}",
    ),
    rule(
        "bg_year_bare",
        "year",
        rf"\b(?:в|във|от|до|през|след|преди)\s+(?P<year>{MODERN_YEAR})(?![\d.,]?\d)"
        r"(?!\s*[-–—]?\s*(?:(?!насам)[^\W\d_]|%|\d))(?:\s+насам)?",
    ),
    rule("bg_year_word", "year", rf"\b(?P<yrel>лани|догодина){END}"),
    rule(
        "bg_decade",
        "decade",
        rf"(?:\b(?:в|през|от|до)\s+)?(?:(?P<part>{PART})\s+)?\b(?P<dec>(?:19|20)?\d0)-?те(?:\s+(?:години|год\.|г\.){END})?",
    ),
    rule(
        "bg_century",
        "century",
        rf"(?:\b(?:в|през|от|до)\s+)?(?:(?P<part>{PART})\s+)?\b(?P<roman>[ivxх]{{1,6}})(?:-?(?:ти|ви))?\s+"
        rf"(?:век|века|в\.){END}",
    ),
    rule(
        "bg_season",
        "season",
        rf"(?:\b(?P<prep>през|в|от|до|към)\s+)?(?:(?P<rel>{REL})\s+)?"
        rf"\b(?P<season>пролетта|пролет|лятото|лято|есента|есен|зимата|зима){END}"
        rf"(?:\s+(?:на\s+)?(?P<year>{YEAR}){YEAR_WORD}?|"
        rf"\s+(?:на\s+)?(?P<yrel>(?:{REL})(?=\s+година{END}))\s+година{END})?",
    ),
    rule(
        "bg_quarter",
        "quarter",
        r"(?:\b(?:в|през|за|от|до)\s+)?\b(?P<q>i{1,3}|iv|[1-4]-?(?:то|во|ро)?|първ\w*|втор\w*|трет\w*|четвърт\w*)\s+"
        rf"(?:тримесечие|тримесечието|квартал|квартала){END}"
        rf"(?:\s+(?:на\s+)?(?P<year>{YEAR}){YEAR_WORD}?|\s+(?:на\s+)?(?P<yrel>(?:{REL})(?=\s+година))\s+година)?",
    ),
    rule("bg_day_word", "day_word", rf"\b(?P<word>{DAY_WORDS.alternation()}){END}"),
    rule(
        "bg_ago",
        "ago",
        rf"\bпреди\s+(?:(?P<approx>около|почти|близо|повече\s+от|над|точно)\s+)?(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})",
    ),
    rule(
        "bg_next_day",
        "shift",
        r"\bна\s+(?:следващия|другия)\s+ден\b|\bна\s+следващата\s+сутрин\b|\bна\s+другия\s+ден\b",
        sign=1,
    ),
    rule("bg_same_day", "shift", r"\b(?:в\s+)?същия\s+ден\b|\bв\s+този\s+ден\b", sign=0),
    rule("bg_after", "shift", rf"\bслед\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})", sign=1),
    rule("bg_later", "shift", rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+по-късно{END}", sign=1),
    rule(
        "bg_earlier",
        "shift",
        rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+по-рано{END}|\bпредния\s+ден\b",
        sign=-1,
    ),
    weekday_span("bg", rf"\bот\s+(?P<wd1>{WD})\s+до\s+(?P<wd2>{WD}){END}"),
    rule(
        "bg_weekday",
        "weekday",
        r"(?<!всеки )(?<!всяка )"
        rf"\b(?:(?P<prep>в|във|от|до|на|след|преди)\s+)(?:(?P<rel>{REL})\s+)?(?P<wd>{WD}){END}",
    ),
    rule(
        "bg_weekday_rel",
        "weekday",
        rf"\b(?P<rel>минал(?:ия|ата)|следващ(?:ия|ата)|т(?:ози|ази))\s+(?P<wd>{WD}){END}",
    ),
    rule(
        "bg_relative_period",
        "relative_period",
        rf"(?:\b(?:в|през|от|до|за)\s+)?\b(?P<rel>{REL})\s+"
        rf"(?P<unit>година|годината|месец|седмица|седмицата){END}",
    ),
    *COMMON_RULES,
)

GRAMMAR = Grammar(
    language="bg",
    months=MONTHS,
    weekdays=WEEKDAYS,
    numbers=NUMBERS,
    units=UNITS,
    day_words=DAY_WORDS,
    relations=RELATIONS,
    seasons=SEASONS,
    ordinals=ORDINALS,
    rules=RULES,
    # "ще" marks the future; the past is marked by auxiliaries and the aorists of reporting verbs
    future_cue=re.compile(r"\b(?:ще|предстои|предстоят|планира|планират|очаква\s+се|очакват\s+се)\b", FLAGS),
    past_cue=re.compile(
        r"\b(?:беше|бяха|бе|бил|била|били|било|каза|заяви|обяви|съобщи|подчерта|добави|посочи|отбеляза|стана|"
        r"започна|приеха|прие|получи|реши|решиха|одобри|одобриха|гласува|гласуваха|направи|направиха|"
        r"[а-я]{2,}(?:аха|яха|иха))\b",
        FLAGS,
    ),
    vague_before=re.compile(r"\b(?:няколко|много|доста|неколкото)\s*$", FLAGS),
    eve_block=re.compile(r"(?!)"),  # no "the eve" rule: the news of bsnlp has none
    trigger=trigger(
        MONTHS,
        WEEKDAYS,
        NUMBERS,
        UNITS,
        DAY_WORDS,
        RELATIONS,
        SEASONS,
        extra=r"тримесечие|квартал|онзи\s+ден|[ivxх]+\s+в",
    ),
)
