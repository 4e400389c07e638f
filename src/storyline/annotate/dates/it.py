"""Italian date grammar ("il 25 gennaio 2011", "martedì scorso", "ieri", "due giorni fa")."""

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
        (r"gennaio", 1),
        (r"febbraio", 2),
        (r"marzo", 3),
        (r"aprile", 4),
        (r"maggio", 5),
        (r"giugno", 6),
        (r"luglio", 7),
        (r"agosto", 8),
        (r"settembre", 9),
        (r"ottobre", 10),
        (r"novembre", 11),
        (r"dicembre", 12),
    ]
)
WEEKDAYS = table(
    [
        (r"luned[ìi]", 0),
        (r"marted[ìi]", 1),
        (r"mercoled[ìi]", 2),
        (r"gioved[ìi]", 3),
        (r"venerd[ìi]", 4),
        (r"sabato", 5),
        (r"domenica", 6),
    ]
)
NUMBERS = table(
    [
        (r"un|uno|una", 1),
        (r"due", 2),
        (r"tre", 3),
        (r"quattro", 4),
        (r"cinque", 5),
        (r"sei", 6),
        (r"sette", 7),
        (r"otto", 8),
        (r"nove", 9),
        (r"dieci", 10),
        (r"undici", 11),
        (r"dodici", 12),
        (r"quindici", 15),
        (r"venti", 20),
        (r"trenta", 30),
        (r"quaranta", 40),
        (r"cinquanta", 50),
    ]
)
UNITS = table(
    [
        (r"giorno", 0),
        (r"giorni", 4),
        (r"settimana", 1),
        (r"settimane", 5),
        (r"mese", 2),
        (r"mesi", 6),
        (r"anno", 3),
        (r"anni", 7),
    ]
)
DAY_WORDS = table(
    [
        (r"l['’]altro\s*ieri|altroieri|ieri\s+l['’]altro", -2),
        (r"ieri", -1),
        (r"oggi|stamattina|stamani|stasera|stanotte|stamane", 0),
        (r"domani", 1),
        (r"dopodomani", 2),
    ]
)
RELATIONS = table(
    [
        (r"scors[oa]|passat[oa]|precedente|lo\s+scorso|la\s+scorsa", -1),
        (r"quest[oa]?", 0),
        (r"prossim[oa]|seguente|successiv[oa]|il\s+prossimo|la\s+prossima", 1),
    ]
)
SEASONS = table([(r"primavera", 0), (r"estate", 1), (r"autunno", 2), (r"inverno", 3)])

MONTH = MONTHS.alternation()
M = rf"\b(?P<month>{MONTH})\b"
WD = WEEKDAYS.alternation()
NUM = rf"(?:\d{{1,3}}|{NUMBERS.alternation()})"
UNIT = rf"\b(?:{UNITS.alternation()})\b"
FIRST = r"1°|1º|primo"
Y_TAIL = rf"(?:\s+(?:del\s+)?(?P<year>{YEAR})|\s+del\s+['’](?P<yy>\d\d))?"
NOT_A_COUNT = r"(?!\s+(?!(?:e|o|in|a|al|di|del|da|che|quando|con|per|fino|la|il|lo|le|gli|i)\b)[a-zàèéìòù]+)"

RULES = (
    rule(
        "it_day_range",
        "day_range",
        rf"\b(?:dal|tra\s+il|fra\s+il)\s+(?P<d1>{DAY}|{FIRST})(?:\s+(?P<m1>{MONTH}))?\s+(?:al|e\s+il)\s+"
        rf"(?P<d2>{DAY})\s+(?P<m2>{MONTH})\b{Y_TAIL}",
    ),
    day_list("it", r"il|i\s+giorni|nei\s+giorni|dei\s+giorni", r"e(?:\s+il)?", MONTH, Y_TAIL),
    rule(
        "it_date",
        "date",
        r"(?:\b(?P<prep>il|del|al|dal|nel|entro\s+il|fino\s+al|sino\s+al|prima\s+del|dopo\s+il|a\s+partire\s+dal)\s+|"
        r"\b(?P<prep2>l|dell|all|dall|nell)['’])?"
        rf"(?:(?P<wd>{WD})\s+)?(?P<day>{DAY}|{FIRST})\s+{M}(?:\s+(?P<rel>scors[oa]|prossim[oa])\b|{Y_TAIL})",
    ),
    rule(
        "it_weekday_day",
        "weekday_day",
        rf"(?:\b(?:il|di|da|questo|lo\s+scorso)\s+)?\b(?P<wd>{WD})\s+(?P<day>{DAY})(?!\d)(?!\s+(?:{MONTH}))(?![.,:]\d)",
    ),
    rule(
        "it_month",
        "month",
        r"(?:\b(?P<prep>a|ad|in|di|da|dal|fino\s+a|entro|nel|del|inizio|fine|met[àa]|all['’]inizio\s+di|"
        r"alla\s+fine\s+di|a\s+met[àa]|verso\s+la\s+fine\s+di|nel\s+mese\s+di|il\s+mese\s+di|lo\s+scorso|"
        rf"il\s+prossimo)\s+)?{M}(?:\s+(?:del\s+)?(?P<year>{YEAR})|\s+(?P<rel>scorso|prossimo))?",
        bare_month_ok=False,
    ),
    rule(
        "it_year_range",
        "year_range",
        rf"\b(?:(?:tra|fra)\s+il|dal)\s+(?P<y1>{YEAR})\s+(?:e\s+il|al)\s+(?P<y2>{YEAR})\b",
    ),
    rule("it_year_range_dash", "year_range", rf"\b(?P<y1>{YEAR})\s*[-–]\s*(?P<y2>{YEAR})\b"),
    rule(
        "it_year",
        "year",
        r"\b(?:nel|dal|fino\s+al|entro\s+il|prima\s+del|dopo\s+il|anno|inizio|fine)\s+"
        rf"(?P<year>{MODERN_YEAR})\b(?![.,]\d)",
    ),
    rule(
        "it_year_after_article",
        "year",
        rf"\b(?:del|al|il|e\s+il|e|o)\s+(?P<year>{MODERN_YEAR})\b(?![.,]\d){NOT_A_COUNT}",
    ),
    rule("it_decade", "decade", r"\banni\s+['’]?(?P<dec>(?:19|20)?\d0)\b"),
    rule("it_century", "century", r"\b(?P<roman>[ivx]{1,6})\s+secolo\b"),
    rule(
        "it_season",
        "season",
        r"(?:\b(?P<prep>in|questa|quest['’]|nell['’]|dall['’]|all['’]|durante\s+l['’]|durante\s+la)\s*)"
        rf"(?P<season>{SEASONS.alternation()})\b(?:\s+(?:del\s+)?(?P<year>{YEAR})|\s+(?P<rel>scors[oa]|prossim[oa]))?",
    ),
    rule(
        "it_season_of",
        "season",
        rf"\b(?:l['’]|la\s+)(?P<season>{SEASONS.alternation()})\s+(?:(?:del\s+)?(?P<year>{YEAR})|"
        r"(?P<rel>scors[oa]|prossim[oa]))",
    ),
    rule(
        "it_day_word",
        "day_word",
        rf"\b(?P<word>{DAY_WORDS.alternation()})\b(?:\s+(?:sera|mattina|pomeriggio|notte))?",
    ),
    rule(
        "it_ago",
        "ago",
        r"(?:\b(?P<approx>circa|quasi|oltre|pi[ùu]\s+di|meno\s+di|appena)\s+)?"
        rf"\b(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+fa\b",
    ),
    rule(
        "it_next_day",
        "shift",
        r"\b(?:il\s+giorno\s+(?:dopo|successivo|seguente)|l['’]indomani)\b",
        sign=1,
    ),
    rule("it_same_day", "shift", r"\b(?:lo\s+stesso\s+giorno|quel\s+giorno|in\s+giornata)\b", sign=0),
    rule("it_later", "shift", rf"\b(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+(?:dopo|pi[ùu]\s+tardi)\b", sign=1),
    rule("it_earlier", "shift", rf"\b(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+prima\b", sign=-1),
    rule("it_eve", "eve", r"\b(?:la\s+vigilia|il\s+giorno\s+prima)\b", sign=-1),
    rule(
        "it_weekday",
        "weekday",
        # "il sabato" alone is every Saturday; "sabato" is this one
        r"(?<!\bil )(?<!\bla )(?<!\bogni )(?<!\btutti i )(?<!\btutte le )(?<!\bi )(?<!\ble )"
        r"(?:\b(?P<prep>questo|questa|quest['’]|da|fino\s+a|entro|di|lo\s+scorso|la\s+scorsa|il\s+prossimo|"
        rf"la\s+prossima)\s+)?\b(?P<wd>{WD})(?![\wàèéìòù])(?:\s+(?P<rel>scors[oa]|passat[oa]|prossim[oa]))?",
    ),
    rule(
        "it_relative_period",
        "relative_period",
        r"\b(?:l['’]|il\s+|la\s+)(?P<unit>anno|mese|settimana)\s+(?P<rel>scors[oa]|passat[oa]|prossim[oa])\b",
    ),
    rule(
        "it_this_period",
        "relative_period",
        r"\b(?P<rel>quest|questo|questa|lo\s+scorso|la\s+scorsa|il\s+prossimo|la\s+prossima)['’\s]\s*"
        r"(?P<unit>anno|mese|settimana)\b",
    ),
    weekday_numeric("it", WD),
    weekday_span("it", rf"\b(?:da|dal)\s+(?P<wd1>{WD})\s+(?:a|al)\s+(?P<wd2>{WD})\b"),
    *COMMON_RULES,
)

GRAMMAR = Grammar(
    language="it",
    months=MONTHS,
    weekdays=WEEKDAYS,
    numbers=NUMBERS,
    units=UNITS,
    day_words=DAY_WORDS,
    relations=RELATIONS,
    seasons=SEASONS,
    rules=RULES,
    future_cue=re.compile(r"\b\w+(?:rà|ranno|remo)\b|\bprossim[oaie]\b", FLAGS),
    past_cue=re.compile(
        r"\b(?:ha|hanno|aveva|avevano|è|sono|era|erano|fu|furono)\s+(?:\w+\s+)?\w+(?:ato|ata|ati|ate|uto|uta|uti|"
        r"ito|ita|iti)\b|\b\w{3,}(?:ò|arono|erono|irono)\b",
        FLAGS,
    ),
    vague_before=re.compile(
        r"\b(?:alcuni|alcune|qualche|diversi|diverse|molti|molte|pochi|poche)\s*$", FLAGS
    ),
    eve_block=re.compile(r"\s+(?:di|del|della|dell['’]|delle|dei)\b", FLAGS),
    trigger=trigger(
        MONTHS,
        WEEKDAYS,
        UNITS,
        DAY_WORDS,
        SEASONS,
        extra=r"secolo|vigilia|indomani|stesso\s+giorno|quel\s+giorno",
    ),
)
