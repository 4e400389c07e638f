"""Czech date grammar ("31. října 2018", "v roce 2012", "loni v prosinci", "ve středu", "před dvěma lety")."""

from __future__ import annotations

import re

from storyline.annotate.dates.common import COMMON_RULES, DAY, FLAGS, YEAR, day_list, rule, weekday_span
from storyline.annotate.dates.grammar import Grammar, table, trigger

MONTHS = table(
    [
        (r"leden|ledna|lednu|lednem", 1),
        (r"únor|února|únoru|únorem", 2),
        (r"březen|března|březnu|březnem", 3),
        (r"duben|dubna|dubnu|dubnem", 4),
        (r"květen|května|květnu|květnem", 5),
        (r"červen|června|červnu|červnem", 6),
        (r"červenec|července|červenci|červencem", 7),
        (r"srpen|srpna|srpnu|srpnem", 8),
        (r"září", 9),
        (r"říjen|října|říjnu|říjnem", 10),
        (r"listopad|listopadu|listopadem", 11),
        (r"prosinec|prosince|prosinci|prosincem", 12),
    ]
)
WEEKDAYS = table(
    [
        (r"pondělí|pondělím", 0),
        (r"úterý|úterým", 1),
        (r"středa|středu|středy|středě|středou", 2),
        (r"čtvrtek|čtvrtka|čtvrtku|čtvrtkem", 3),
        (r"pátek|pátku|pátkem|pátka", 4),
        (r"sobota|sobotu|soboty|sobotě|sobotou", 5),
        (r"neděle|neděli|nedělí", 6),
    ]
)
NUMBERS = table(
    [
        (r"jed(?:en|na|no|noho|ním|nou)", 1),
        (r"dva|dvě|dvou|dvěma", 2),
        (r"tři|tří|třemi", 3),
        (r"čtyři|čtyř|čtyřmi", 4),
        (r"pět|pěti", 5),
        (r"šest|šesti", 6),
        (r"sedm|sedmi", 7),
        (r"osm|osmi", 8),
        (r"devět|devíti", 9),
        (r"deset|deseti", 10),
        (r"patnáct|patnácti", 15),
        (r"dvacet|dvaceti", 20),
        (r"třicet|třiceti", 30),
    ]
)
# value: unit index (0 day, 1 week, 2 month, 3 year) + 4 for plural forms
UNITS = table(
    [
        (r"den|dne|dnem", 0),
        (r"dny|dní|dnů|dnech", 4),
        (r"týden|týdne|týdnem|týdnu", 1),
        (r"týdny|týdnů|týdnech", 5),
        (r"měsíc|měsícem", 2),
        (r"měsíce|měsíců|měsíci|měsících", 6),
        (r"rok|roku|rokem|roce", 3),
        (r"roky|let|lety|letech|roků", 7),
    ]
)
DAY_WORDS = table([(r"předevčírem", -2), (r"včera", -1), (r"dnes|dneska", 0), (r"zítra", 1), (r"pozítří", 2)])
RELATIONS = table(
    [
        (r"předloni", -2),
        (r"v?loni|minul\w*|předchozí\w*|loňsk\w*|posledn\w*", -1),
        (r"letos|letošní\w*|t(?:ento|ohoto|omto|éto|uto|ato|ímto)|současn\w*", 0),
        (r"příští\w*|následující\w*|nadcházející\w*|budoucí\w*", 1),
    ]
)
SEASONS = table([(r"jar[oaě]", 0), (r"léto|léta|létě", 1), (r"podzim|podzimu", 2), (r"zim[auyě]", 3)])
ORDINALS = table([(r"prvním|první", 1), (r"druhém|druhé", 2), (r"třetím|třetí", 3), (r"čtvrtém|čtvrté", 4)])

END = r"(?![^\W\d_])"
M = rf"\b(?P<month>{MONTHS.alternation()}){END}"
MONTH = rf"(?:{MONTHS.alternation()}){END}"
REL = RELATIONS.alternation()
NUM = rf"(?:\d{{1,3}}|{NUMBERS.alternation()})"
UNIT = rf"(?:{UNITS.alternation()}){END}"
PREP = r"(?:v|ve|od|do|z|ze|na|po|před|k|ke|o|během|kolem|mezi|pro)"
PART = (
    r"(?:začátk(?:u|em)|počátk(?:u|em)|polovin(?:a|y|ě|u|ou)|konc(?:i|em|e)|konec|přelom(?:u|em)?|"
    r"závěr(?:u|em)?)"
)
YEAR_TAIL = rf"(?:\s+(?P<year>{YEAR})(?![\d.,]?\d)|\s+(?P<yrel>(?:{REL})(?=\s+roku{END}))\s+roku{END})?"
YEAR_PREFIX = r"(?:\b(?P<yrel>loni|vloni|letos|předloni)\s+)?"
NUMERIC = r"(?<![\d.,])(?P<day>[0-3]?\d)\.\s(?P<mon>[01]?\d)\.\s?(?P<year>(?:19|20)\d\d)(?![.,]?\d)"
WD = WEEKDAYS.alternation()
# "ve středu města", "ve středu pozornosti": the centre, not Wednesday
NOT_CENTRE = r"(?!\s+(?:pozornosti|zájmu|dění|města|obce|náměstí|evropy|prahy|země|debat\w*|sporu)\b)"

RULES = (
    rule(
        "cs_day_range",
        "day_range",
        rf"(?:\bod\s+)?(?<![\d.,])\b(?P<d1>{DAY})\.(?:\s+(?P<m1>{MONTH}))?\s*(?:[-–—]|\s+(?:do|až)\s+)\s*"
        rf"(?P<d2>{DAY})\.\s*(?P<m2>{MONTH}){YEAR_TAIL}",
    ),
    day_list("cs", PREP, r"a|i", MONTHS.alternation(), YEAR_TAIL, dot=r"\."),
    rule(
        "cs_date",
        "date",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<wd>{WD})\s*,?\s+)?(?<![\d.,])\b(?P<day>{DAY})\.\s*{M}{YEAR_TAIL}",
    ),
    rule(
        "cs_month_range",
        "month_range",
        rf"\bod\s+(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?\s+do\s+(?P<m2>{MONTH})(?:\s+(?P<year>{YEAR}))?",
    ),
    rule(
        "cs_month",
        "month",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<part>{PART})\s+)?(?:(?:měsíci|měsíce)\s+)?(?:(?P<rel>{REL})\s+)?{M}{YEAR_TAIL}",
        bare_month_ok=False,
    ),
    # "loni v prosinci", "letos v březnu": the month of last / this year
    rule(
        "cs_month_of_year",
        "month",
        rf"\b(?P<yrel>loni|vloni|letos|předloni)\s+(?P<prep>{PREP})\s+(?:(?P<part>{PART})\s+)?{M}",
    ),
    rule(
        "cs_year_range",
        "year_range",
        rf"(?:\b(?:v\s+letech|letech|roky|léta|od\s+roku|mezi\s+lety)\s+)\b(?P<y1>{YEAR})\s*(?:[-–—]|\s+(?:až|do|a)\s+)"
        rf"\s*(?P<y2>{YEAR})(?![\d.,]?\d)",
    ),
    rule(
        "cs_year_range_dash",
        "year_range",
        rf"(?<![\d.,])\b(?P<y1>{YEAR})\s*[-–—]\s*(?P<y2>{YEAR})(?![\d.,]?\d)",
    ),
    rule(
        "cs_year",
        "year",
        rf"(?:\b{PREP}\s+)?(?:(?P<part>{PART})\s+)?\b(?:roce|roku|rok|rokem)\s+(?P<year>{YEAR})(?![\d.,]?\d)",
    ),
    rule("cs_year_word", "year", rf"\b(?P<yrel>loni|vloni|letos|předloni){END}"),
    rule(
        "cs_decade",
        "decade",
        r"(?:\b(?:v|ve|do|od|z|ze)\s+)?(?:(?P<part>začátku|konci|polovině)\s+)?\b(?P<dec>(?:19|20)?\d0)\.\s+"
        r"(?:let|letech|léta|létech)(?![^\W\d_])(?:\s+(?:minulého|20\.|xx\.)\s+století)?",
    ),
    rule(
        "cs_century",
        "century",
        rf"(?:\b(?:v|ve|od|do|z|ze)\s+)?(?:(?P<part>{PART})\s+)?\b(?:(?P<cent>[12]?\d)\.|(?P<roman>[ivx]{{1,6}})\.?)\s+"
        rf"(?:století|stol\.){END}",
    ),
    rule(
        "cs_season",
        "season",
        rf"{YEAR_PREFIX}(?:\b(?P<prep>v|ve|na|od|do|z|ze|přes)\s+)?(?:(?P<rel>{REL})\s+)?"
        r"\b(?P<season>jar[oaě]|léto|léta|létě|podzim|podzimu|zim[auyě])(?![^\W\d_])"
        rf"(?:\s+(?P<year>{YEAR})(?![\d.,]?\d))?",
    ),
    rule(
        "cs_quarter",
        "quarter",
        r"(?:\b(?:v|ve|za|od|do)\s+)?\b(?P<q>i{1,3}\.?|iv\.?|[1-4]\.|prvním|první|druhém|druhé|třetím|třetí|čtvrtém|čtvrté)"
        rf"\s+čtvrtletí{END}(?:\s+(?:roku\s+)?(?P<year>{YEAR})|\s+(?P<yrel>(?:{REL})(?=\s+roku{END}))\s+roku{END})?",
    ),
    rule("cs_day_word", "day_word", rf"\b(?P<word>{DAY_WORDS.alternation()}){END}"),
    rule(
        "cs_ago",
        "ago",
        rf"\bpřed\s+(?:(?P<approx>více\s+než|víc\s+než|téměř|skoro|asi|zhruba|přibližně|přesně|takřka)\s+)?"
        rf"(?:(?P<n>{NUM})\s+)?(?P<unit>dnem|dny|týdnem|týdny|měsícem|měsíci|rokem|lety|roky){END}",
    ),
    rule("cs_after", "shift", rf"\bza\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})", sign=1),
    rule("cs_later", "shift", rf"\bo\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})\s+(?:později|déle){END}", sign=1),
    rule(
        "cs_earlier",
        "shift",
        rf"\bo\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})\s+(?:dříve|dřív){END}|\bden\s+předtím\b",
        sign=-1,
    ),
    weekday_span("cs", rf"\bod\s+(?P<wd1>{WD})\s+do\s+(?P<wd2>{WD}){END}"),
    rule(
        "cs_weekday",
        "weekday",
        r"(?<!každ[ýouáé] )(?<!každé )"
        rf"(?:\b(?P<prep>v|ve|od|do|na|před|po|k|ke)\s+)(?:(?P<rel>{REL})\s+)?\b(?P<wd>{WD}){END}{NOT_CENTRE}",
    ),
    rule(
        "cs_weekday_rel",
        "weekday",
        rf"\b(?P<rel>minul\w*|příští\w*|tento|tuto|tohoto|poslední\w*)\s+(?P<wd>{WD}){END}",
    ),
    rule(
        "cs_relative_period",
        "relative_period",
        rf"(?:\b(?:v|ve|na|z|ze|od|do|během|za)\s+)?\b(?P<rel>{REL})\s+"
        rf"(?P<unit>roce|roku|rok|měsíci|měsíce|měsíc|týdnu|týdne|týden){END}",
    ),
    rule("cs_numeric_spaced", "numeric", NUMERIC),
    *COMMON_RULES,
)

GRAMMAR = Grammar(
    language="cs",
    months=MONTHS,
    weekdays=WEEKDAYS,
    numbers=NUMBERS,
    units=UNITS,
    day_words=DAY_WORDS,
    relations=RELATIONS,
    seasons=SEASONS,
    ordinals=ORDINALS,
    rules=RULES,
    future_cue=re.compile(
        r"\b(?:bude|budou|budu|budeme|budete|plánuje|plánují|chystá|chystají|hodlá|hodlají)\b|"
        # "má obdržet", "mají být": a modal before an infinitive
        r"\b(?:má|mají)\s+(?:\w+\s+)?\w+(?:t|ct)\b",
        FLAGS,
    ),
    past_cue=re.compile(r"\b\w{2,}(?:[aeiyuěáíý]l|kl|hl)(?:a|o|i|y)?\b", FLAGS),
    vague_before=re.compile(r"\b(?:několik|několika|pár|mnoha|mnoho|řadou|řadu)\s*$", FLAGS),
    eve_block=re.compile(r"(?!)"),  # no "the eve" rule: the news of bsnlp has none
    trigger=trigger(
        MONTHS,
        WEEKDAYS,
        NUMBERS,
        UNITS,
        DAY_WORDS,
        RELATIONS,
        SEASONS,
        extra=r"čtvrtletí|[ivx]+\.?\s+stol",
    ),
)
