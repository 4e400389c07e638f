"""Slovak date grammar ("28. apríla 2015", "v roku 2013", "v utorok", "pred tromi rokmi", "vlani")."""

from __future__ import annotations

import re

from storyline.annotate.dates.common import COMMON_RULES, DAY, FLAGS, YEAR, day_list, rule, weekday_span
from storyline.annotate.dates.grammar import Grammar, table, trigger

MONTHS = table(
    [
        (r"január|januára|januári|januárom", 1),
        (r"február|februára|februári|februárom", 2),
        (r"marec|marca|marci|marcom", 3),
        (r"apríl|apríla|apríli|aprílom", 4),
        (r"máj|mája|máji|májom", 5),
        (r"jún|júna|júni|júnom", 6),
        (r"júl|júla|júli|júlom", 7),
        (r"august|augusta|auguste|augustom", 8),
        (r"september|septembra|septembri|septembrom", 9),
        (r"október|októbra|októbri|októbrom", 10),
        (r"november|novembra|novembri|novembrom", 11),
        (r"december|decembra|decembri|decembrom", 12),
    ]
)
WEEKDAYS = table(
    [
        (r"pondelok|pondelka|pondelku|pondelkom", 0),
        (r"utorok|utorka|utorku|utorkom", 1),
        (r"streda|stredu|stredy|strede|stredou", 2),
        (r"štvrtok|štvrtka|štvrtku|štvrtkom", 3),
        (r"piatok|piatka|piatku|piatkom", 4),
        (r"sobota|sobotu|soboty|sobote|sobotou", 5),
        (r"nedeľa|nedeľu|nedele|nedeli|nedeľou", 6),
    ]
)
NUMBERS = table(
    [
        (r"jed(?:en|na|no|ného|ným|nou)", 1),
        (r"dva|dve|dvoch|dvoma|dvomi", 2),
        (r"tri|troch|tromi|troma", 3),
        (r"štyri|štyroch|štyrmi", 4),
        (r"päť|piatich|piatimi", 5),
        (r"šesť|šiestich|šiestimi", 6),
        (r"sedem|siedmich|siedmimi", 7),
        (r"osem|ôsmich|ôsmimi", 8),
        (r"deväť|deviatich|deviatimi", 9),
        (r"desať|desiatich|desiatimi", 10),
        (r"pätnásť|pätnástich", 15),
        (r"dvadsať|dvadsiatich", 20),
    ]
)
# value: unit index (0 day, 1 week, 2 month, 3 year) + 4 for plural forms
UNITS = table(
    [
        (r"deň|dňa|dňom", 0),
        (r"dni|dní|dňami|dňoch", 4),
        (r"týždeň|týždňa|týždňom|týždni", 1),
        (r"týždne|týždňov|týždňami", 5),
        (r"mesiac|mesiaca|mesiacom|mesiaci", 2),
        (r"mesiace|mesiacov|mesiacmi", 6),
        (r"rok|roka|roku|rokom", 3),
        (r"roky|rokov|rokmi|rokoch", 7),
    ]
)
DAY_WORDS = table([(r"predvčerom", -2), (r"včera", -1), (r"dnes", 0), (r"zajtra", 1), (r"pozajtra", 2)])
RELATIONS = table(
    [
        (r"predvlani", -2),
        (r"v?lani|minul\w*|predchádzajúc\w*|vlaňajš\w*|minuloročn\w*|posledn\w*", -1),
        (r"t(?:ento|ohto|omto|úto|áto|ejto)|tohtoročn\w*|tohoročn\w*|súčasn\w*", 0),
        (r"budúc\w*|nasledujúc\w*|najbližš\w*|budúcoročn\w*", 1),
    ]
)
SEASONS = table([(r"jar|jari", 0), (r"leto|leta|lete", 1), (r"jeseň|jesene|jeseni", 2), (r"zim[auye]", 3)])
ORDINALS = table(
    [
        (r"prv(?:om|ý|ého)", 1),
        (r"druh(?:om|ý|ého)", 2),
        (r"tre(?:ťom|tí|tieho)", 3),
        (r"štvrt(?:om|ý|ého)", 4),
    ]
)

END = r"(?![^\W\d_])"
M = rf"\b(?P<month>{MONTHS.alternation()}){END}"
MONTH = rf"(?:{MONTHS.alternation()}){END}"
REL = RELATIONS.alternation()
NUM = rf"(?:\d{{1,3}}|{NUMBERS.alternation()})"
UNIT = rf"(?:{UNITS.alternation()}){END}"
PREP = r"(?:v|vo|od|do|z|zo|na|po|pred|k|ku|o|počas|okolo|medzi|pre|dňa)"
PART = r"(?:začiatk(?:u|om)|polovic(?:a|e|i|u|ou)|koniec|konci|koncom|konca|prelom(?:e|u)?|záver(?:e|om)?)"
YEAR_TAIL = rf"(?:\s+(?P<year>{YEAR})(?![\d.,]?\d)|\s+(?P<yrel>(?:{REL})(?=\s+roka{END}))\s+roka{END})?"
WD = WEEKDAYS.alternation()
NUMERIC = r"(?<![\d.,])(?P<day>[0-3]?\d)\.\s(?P<mon>[01]?\d)\.\s?(?P<year>(?:19|20)\d\d)(?![.,]?\d)"
# "v strede mesta": the centre, not Wednesday
NOT_CENTRE = r"(?!\s+(?:pozornosti|záujmu|diania|mesta|obce|námestia|európy|krajiny)\b)"

RULES = (
    rule(
        "sk_day_range",
        "day_range",
        rf"(?:\bod\s+)?(?<![\d.,])\b(?P<d1>{DAY})\.(?:\s+(?P<m1>{MONTH}))?\s*(?:[-–—]|\s+(?:do|až)\s+)\s*"
        rf"(?P<d2>{DAY})\.\s*(?P<m2>{MONTH}){YEAR_TAIL}",
    ),
    day_list("sk", PREP, r"a|i", MONTHS.alternation(), YEAR_TAIL, dot=r"\."),
    rule(
        "sk_date",
        "date",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<wd>{WD})\s*,?\s+)?(?<![\d.,])\b(?P<day>{DAY})\.\s*{M}{YEAR_TAIL}",
    ),
    rule(
        "sk_month_range",
        "month_range",
        rf"\bod\s+(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?\s+do\s+(?P<m2>{MONTH})(?:\s+(?P<year>{YEAR}))?",
    ),
    rule(
        "sk_month",
        "month",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<part>{PART})\s+)?(?:(?:mesiaci|mesiaca)\s+)?(?:(?P<rel>{REL})\s+)?{M}{YEAR_TAIL}",
        bare_month_ok=False,
    ),
    rule(
        "sk_year_range",
        "year_range",
        rf"\b(?:v\s+rokoch|rokoch|roky|rokov|od\s+roku|obdobie|obdobia|období)\s+(?P<y1>{YEAR})\s*(?:[-–—]|\s+(?:až|do|a)\s+)"
        rf"\s*(?P<y2>{YEAR})(?![\d.,]?\d)",
    ),
    rule(
        "sk_year_range_dash",
        "year_range",
        rf"(?<![\d.,])\b(?P<y1>{YEAR})\s*[-–—]\s*(?P<y2>{YEAR})(?![\d.,]?\d)",
    ),
    rule(
        "sk_year",
        "year",
        rf"(?:\b{PREP}\s+)?(?:(?P<part>{PART})\s+)?\b(?:roku|roka|rok|rokom)\s+(?P<year>{YEAR})(?![\d.,]?\d)",
    ),
    rule("sk_year_word", "year", rf"\b(?P<yrel>vlani|lani|predvlani){END}"),
    rule(
        "sk_decade",
        "decade",
        r"(?:\b(?:v|vo|do|od|z|zo)\s+)?\b(?P<dec>(?:19|20)?\d0)\.\s+(?:rokoch|rokov|roky)(?![^\W\d_])"
        r"(?:\s+(?:minulého|20\.|xx\.)\s+storočia)?",
    ),
    rule(
        "sk_century",
        "century",
        rf"(?:\b(?:v|vo|od|do|z|zo)\s+)?(?:(?P<part>{PART})\s+)?\b(?:(?P<cent>[12]?\d)\.|(?P<roman>[ivx]{{1,6}})\.?)\s+"
        rf"(?:storočí|storočia|storočie){END}",
    ),
    rule(
        "sk_season",
        "season",
        rf"(?:\b(?P<prep>v|vo|na|od|do|z|zo|cez)\s+)?(?:(?P<rel>{REL})\s+)?"
        rf"\b(?P<season>jari|jar|leto|leta|lete|jeseň|jesene|jeseni|zim[auye]){END}"
        rf"(?:\s+(?P<year>{YEAR})(?![\d.,]?\d)|\s+(?P<yrel>(?:{REL})(?=\s+roka{END}))\s+roka{END})?",
    ),
    rule(
        "sk_quarter",
        "quarter",
        r"(?:\b(?:v|vo|za|od|do)\s+)?\b(?P<q>i{1,3}\.?|iv\.?|[1-4]\.|prv(?:om|ý|ého)|druh(?:om|ý|ého)|"
        r"tre(?:ťom|tí|tieho)|štvrt(?:om|ý|ého))\s+štvrťro(?:ku|k|ka)"
        rf"{END}(?:\s+(?:roku\s+)?(?P<year>{YEAR})|\s+(?P<yrel>(?:{REL})(?=\s+roka{END}))\s+roka{END})?",
    ),
    rule("sk_day_word", "day_word", rf"\b(?P<word>{DAY_WORDS.alternation()}){END}"),
    rule(
        "sk_ago",
        "ago",
        rf"\bpred\s+(?:(?P<approx>viac\s+ako|vyše|takmer|asi|zhruba|približne|presne)\s+)?"
        rf"(?:(?P<n>{NUM})\s+)?(?P<unit>dňom|dňami|týždňom|týždňami|mesiacom|mesiacmi|rokom|rokmi){END}",
    ),
    rule("sk_after", "shift", rf"\bza\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})", sign=1),
    rule("sk_later", "shift", rf"\bo\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})\s+neskôr{END}", sign=1),
    rule(
        "sk_earlier",
        "shift",
        rf"\bo\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})\s+skôr{END}|\bdeň\s+predtým\b",
        sign=-1,
    ),
    weekday_span("sk", rf"\bod\s+(?P<wd1>{WD})\s+do\s+(?P<wd2>{WD}){END}"),
    rule(
        "sk_weekday",
        "weekday",
        r"(?<!každ[ýúé] )"
        rf"(?:\b(?P<prep>v|vo|od|do|na|pred|po|k|ku)\s+)(?:(?P<rel>{REL})\s+)?\b(?P<wd>{WD}){END}{NOT_CENTRE}",
    ),
    rule(
        "sk_weekday_rel",
        "weekday",
        rf"\b(?P<rel>minul\w*|budúc\w*|tento|túto|tohto|posledn\w*)\s+(?P<wd>{WD}){END}",
    ),
    rule(
        "sk_relative_period",
        "relative_period",
        rf"(?:\b(?:v|vo|na|z|zo|od|do|počas|za)\s+)?\b(?P<rel>{REL})\s+"
        rf"(?P<unit>roku|roka|rok|mesiaci|mesiaca|mesiac|týždni|týždňa|týždeň){END}",
    ),
    rule("sk_numeric_spaced", "numeric", NUMERIC),
    *COMMON_RULES,
)

GRAMMAR = Grammar(
    language="sk",
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
        r"\b(?:bude|budú|budem|budeme|budete|plánuje|plánujú|chystá|chystajú|má\s+byť|majú\s+byť)\b", FLAGS
    ),
    past_cue=re.compile(r"\b\w{2,}(?:[aeiyuoáíýô]l|kol|hol)(?:a|o|i|y)?\b", FLAGS),
    vague_before=re.compile(r"\b(?:niekoľko|niekoľkých|niekoľkými|pár|mnohými|mnoho|veľa)\s*$", FLAGS),
    eve_block=re.compile(r"(?!)"),  # no "the eve" rule: the news of bsnlp has none
    trigger=trigger(
        MONTHS,
        WEEKDAYS,
        NUMBERS,
        UNITS,
        DAY_WORDS,
        RELATIONS,
        SEASONS,
        extra=r"štvrťro|[ivx]+\.?\s+stor",
    ),
)
