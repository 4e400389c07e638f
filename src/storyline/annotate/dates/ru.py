"""Russian date grammar: month and weekday forms in every case, relative expressions, rules."""

from __future__ import annotations

import re

from storyline.annotate.dates.common import COMMON_RULES, DAY, FLAGS, YEAR, day_list, rule, weekday_span
from storyline.annotate.dates.grammar import Grammar, table, trigger

_E = r"(?:ь|я|е|ю|ём|ем)"
MONTHS = table(
    [
        (rf"январ{_E}|январск\w*", 1),
        (rf"феврал{_E}|февральск\w*", 2),
        (r"март(?:а|е|у|ом)?|мартовск\w*", 3),
        (rf"апрел{_E}|апрельск\w*", 4),
        (r"ма(?:й|я|е|ю|ем)|майск\w*", 5),
        (rf"июн{_E}|июньск\w*", 6),
        (rf"июл{_E}|июльск\w*", 7),
        (r"август(?:а|е|у|ом)?|августовск\w*", 8),
        (rf"сентябр{_E}|сентябрьск\w*", 9),
        (rf"октябр{_E}|октябрьск\w*", 10),
        (rf"ноябр{_E}|ноябрьск\w*", 11),
        (rf"декабр{_E}|декабрьск\w*", 12),
    ]
)
WEEKDAYS = table(
    [
        (r"понедельник(?:а|у|ом)?", 0),
        (r"вторник(?:а|у|ом)?", 1),
        (r"сред(?:а|у|ы|е|ой)", 2),
        (r"четверг(?:а|у|ом)?", 3),
        (r"пятниц(?:а|у|ы|е|ей)", 4),
        (r"суббот(?:а|у|ы|е|ой)", 5),
        (r"воскресень(?:е|я|ю|ем)", 6),
    ]
)
# forms used without a date after them ("в среду", "со среды"): not "среде" (environment)
WEEKDAY_ALONE = (
    r"(?:понедельник(?:а|у)?|вторник(?:а|у)?|сред[уы]|четверг(?:а|у)?|пятниц[уы]|суббот[уы]|воскресень[ея])"
)
NUMBERS = table(
    [
        (r"од(?:ин|на|ну|ного|ним|ной)", 1),
        (r"два|две|двух|двумя|пару|пара", 2),
        (r"три|тр[её]х|тремя", 3),
        (r"четыре|четыр[её]х|четырьмя", 4),
        (r"пять|пяти|пятью", 5),
        (r"шесть|шести|шестью", 6),
        (r"семь|семи|семью", 7),
        (r"восемь|восьми|восемью", 8),
        (r"девять|девяти|девятью", 9),
        (r"десять|десяти|десятью", 10),
        (r"одиннадцать|одиннадцати", 11),
        (r"двенадцать|двенадцати", 12),
        (r"пятнадцать|пятнадцати", 15),
        (r"двадцать|двадцати", 20),
        (r"тридцать|тридцати", 30),
        (r"сорок|сорока", 40),
        (r"пятьдесят|пятидесяти", 50),
    ]
)
# value: unit index (0 day, 1 week, 2 month, 3 year) + 4 for plural forms
UNITS = table(
    [
        (r"день|днём|днем|сутки|дне", 0),
        (r"дня|дней|днями|суток", 4),
        (r"неделю|неделя|неделей|неделе", 1),
        (r"недели|недель|неделями", 5),
        (r"месяц|месяцем|месяце", 2),
        (r"месяца|месяцев|месяцами", 6),
        (r"год|годом|году", 3),
        (r"года|лет|годами", 7),
    ]
)
DAY_WORDS = table(
    [
        (r"позавчера", -2),
        (r"вчера|прошлой\s+ночью", -1),
        (r"сегодня|(?:этим|этой)\s+(?:утром|ночью|вечером|днём|днем)", 0),
        (r"завтра", 1),
        (r"послезавтра", 2),
    ]
)
RELATIONS = table(
    [
        (r"позапрошл\w*", -2),
        (r"прошл\w*|минувш\w*|предыдущ\w*", -1),
        (r"эт(?:от|а|о|у|ой|ом|им|ого)|текущ\w*|нынешн\w*|уходящ\w*|сегодняшн\w*", 0),
        (r"следующ\w*|будущ\w*|наступающ\w*|грядущ\w*|ближайш\w*", 1),
    ]
)
SEASONS = table([(r"весн\w*", 0), (r"лет\w*", 1), (r"осен\w*", 2), (r"зим\w*", 3)])

M = rf"\b(?P<month>{MONTHS.alternation()})(?![а-яё])"
REL = RELATIONS.alternation()
NUM = rf"(?:\d{{1,3}}|{NUMBERS.alternation()})"
UNIT = rf"(?:{UNITS.alternation()})(?![а-яё])"
PREP = r"(?:в|во|с|со|на|по|до|к|ко|от|около|за|между)"
PART = (
    r"(?:начал[аеоу]|середин(?:а|е|у|ы|ой)|конц(?:а|е|у)|конец|"
    r"(?:перв|втор)(?:ой|ая|ую)\s+половин(?:а|е|у|ы)|(?:перв|последн)(?:ых|ие)\s+числ(?:ах|а)|"
    r"(?:перв|втор|трет)(?:ей|ой|ья|ую|ая|ью)\s+декад(?:а|е|у|ы))"
)
YEAR_WORD = r"(?:(?:-?(?:го|м|й))?\s*(?:(?:года|году|годом|годы|годах|годов|год|гг?)(?![а-яё])))"
YEAR_TAIL = rf"(?:\s+(?P<year>{YEAR}){YEAR_WORD}?|\s+(?P<yrel>{REL})\s+года)?"
DECADE_WORD = r"(?:\s*(?:годах|годов|годы|годам|гг\.?)(?![а-яё]))"

RULES = (
    rule(
        "ru_day_range_from_to",
        "day_range",
        rf"\b(?:с|со)\s+(?P<d1>{DAY})(?:-?го)?(?:\s+(?P<m1>{MONTHS.alternation()}))?\s+(?:по|до)\s+"
        rf"(?P<d2>{DAY})(?:-?го)?\s+(?P<m2>{MONTHS.alternation()})(?![а-яё]){YEAR_TAIL}",
    ),
    rule(
        "ru_day_range_dash",
        "day_range",
        rf"(?:\b(?:в|во|на|с|со)\s+)?(?<![\d.,])(?P<d1>{DAY})(?:\s+(?P<m1>{MONTHS.alternation()}))?\s*[-–—]\s*"
        rf"(?P<d2>{DAY})\s+(?P<m2>{MONTHS.alternation()})(?![а-яё]){YEAR_TAIL}",
    ),
    day_list("ru", PREP, "и", MONTHS.alternation(), YEAR_TAIL),
    rule(
        "ru_date",
        "date",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<wd>{WEEKDAYS.alternation()})\s*[,—–-]?\s+)?(?<![\d.,])(?P<day>{DAY})(?:-?(?:го|е|ое))?"
        rf"\s+{M}{YEAR_TAIL}",
    ),
    rule(
        "ru_month_range",
        "month_range",
        rf"(?:\b{PREP}\s+)?\b(?P<m1>{MONTHS.alternation()})\s*(?:[-–—]|\s+(?:по|до)\s+)\s*"
        rf"(?P<m2>{MONTHS.alternation()})(?![а-яё]){YEAR_TAIL}",
    ),
    rule(
        "ru_month_range_years",
        "month_range",
        rf"\b(?:с|со)\s+(?P<m1>{MONTHS.alternation()})(?:\s+(?P<y1>{YEAR}){YEAR_WORD}?)?\s+(?:по|до)\s+"
        rf"(?P<m2>{MONTHS.alternation()})\s+(?P<year>{YEAR}){YEAR_WORD}?",
    ),
    rule(
        "ru_month",
        "month",
        rf"(?:\b(?P<prep>{PREP})\s+)?(?:(?P<part>{PART})\s+)?(?:(?P<rel>{REL})\s+)?{M}{YEAR_TAIL}"
        rf"(?=(?:\s*(?:,|и|или)\s+(?:{MONTHS.alternation()})\s+(?P<nyear>{YEAR}))?)",
    ),
    rule(
        "ru_year_range",
        "year_range",
        rf"(?:\b(?:в|во|с|со|на|за|между|от)\s+)?\b(?P<y1>{YEAR})(?:-?(?:го|м|х))?(?:\s*(?:года|г\.?))?"
        rf"\s*(?:[-–—]|\s+(?:по|до|и)\s+)\s*(?P<y2>{YEAR})(?:-?(?:го|м|х|е))?\s*"
        r"(?:годах|годов|годы|годами|годам|года|год|гг?\.?)(?![а-яё])",
    ),
    rule(
        "ru_year_range_bare",
        "year_range",
        rf"\b(?:в|во|с|со|за)\s+(?P<y1>{YEAR})\s*[-–—]\s*(?P<y2>{YEAR})(?![\d\w])",
    ),
    rule(
        "ru_year",
        "year",
        rf"(?:\b{PREP}\s+)?(?:(?P<part>{PART})\s+)?\b(?P<year>{YEAR}){YEAR_WORD}",
    ),
    rule(
        "ru_year_bare",
        "year",
        r"\b(?:в|во|с|со|до|к|по|от)\s+(?P<year>(?:1[6-9]|20)\d\d)(?:-?(?:м|й))?(?![\d.,]?\d)"
        r"(?!\s*[-–—]?\s*(?:[а-яё%№$€]|\d))",
    ),
    rule(
        "ru_decade",
        "decade",
        rf"(?:\b(?:в|во|с|со|до|к|на)\s+)?(?:(?P<part>{PART})\s+)?\b(?P<dec>(?:1\d|20)\d0)-?(?:х|е|ые|ых)(?![а-яё])"
        rf"{DECADE_WORD}?",
    ),
    rule(
        "ru_decade_short",
        "decade",
        rf"(?:\b(?:в|во|с|со|до|к|на)\s+(?:(?P<part>{PART})\s+)?|\b(?P<part2>{PART})\s+)(?P<dec>\d0)-?(?:х|е|ые|ых)"
        rf"(?![а-яё]){DECADE_WORD}?",
    ),
    rule("ru_decade_short_word", "decade", rf"\b(?P<dec>\d0)-?(?:х|е|ые|ых){DECADE_WORD}"),
    rule(
        "ru_century",
        "century",
        rf"(?:\b(?:в|во|с|со|до|к|на|от)\s+)?(?:(?P<part>{PART})\s+)?\b(?P<roman>[ivxх]{{1,6}})(?:-?(?:го|м))?\s+"
        r"(?:век(?:а|е|у|ом|ов|ах)?|вв?\.)(?![а-яё])",
    ),
    rule(
        "ru_season",
        "season",
        rf"(?:\b(?P<prep>в|во|с|со|до|к|ко|на|от)\s+)?(?:(?P<part>{PART})\s+)?(?:(?P<rel>{REL})\s+)?"
        r"\b(?P<season>летом|зимой|весной|осенью|лет[аое]|зим[аыуе]|весн[аыуе]|осен[ьи])(?![а-яё])"
        rf"(?:\s+(?P<year>{YEAR})(?:\s*(?:года|г\.?))?|\s+(?P<yrel>{REL})\s+года)?",
    ),
    rule(
        "ru_quarter",
        "quarter",
        r"(?:\b(?:в|во|за|с|со|по)\s+)?(?P<q>перв\w*|втор\w*|трет\w*|четв[её]рт\w*|[1-4]-?м|i{1,3}|iv)\s+квартал\w*"
        rf"\s+(?:(?P<year>{YEAR})(?:\s*(?:года|г\.?))?|(?P<yrel>{REL})\s+года)",
    ),
    rule(
        "ru_day_word",
        "day_word",
        rf"(?:\b(?:на|до|с|со|к)\s+)?\b(?P<word>{DAY_WORDS.alternation()})(?![а-яё])",
    ),
    rule(
        "ru_ago",
        "ago",
        r"(?:(?P<approx>около|почти|примерно|приблизительно|ровно|более|больше|менее|меньше|свыше)\s+)?"
        rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+(?:тому\s+)?назад",
    ),
    rule("ru_next_day", "shift", r"\bна\s+(?:следующий|другой)\s+день|\bна\s+следующее\s+утро", sign=1),
    rule("ru_same_day", "shift", r"\bв\s+(?:тот|этот)\s+(?:же\s+)?день", sign=0),
    rule("ru_after", "shift", rf"\b(?:спустя|через)\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})", sign=1),
    rule(
        "ru_later", "shift", rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+(?:спустя|позже|позднее)\b", sign=1
    ),
    rule("ru_earlier", "shift", rf"(?:\b(?P<n>{NUM})\s+)?\b(?P<unit>{UNIT})\s+(?:ранее|раньше)\b", sign=-1),
    rule("ru_eve", "eve", r"\bнакануне(?![а-яё])", sign=-1),
    weekday_span(
        "ru", rf"(?<!ночь )\bс\s+(?P<wd1>{WEEKDAY_ALONE})\s+(?:по|до)\s+(?P<wd2>{WEEKDAY_ALONE})(?![а-яё])"
    ),
    rule(
        "ru_weekday",
        "weekday",
        rf"\b(?:в|во|с|со|до|к|ко|на)\s+(?:(?P<rel>{REL})\s+)?(?P<wd>{WEEKDAY_ALONE})(?![а-яё])",
    ),
    rule(
        "ru_relative_period",
        "relative_period",
        rf"(?:\b(?:в|во|на|за|с|со|до|к)\s+)?(?:(?P<part>{PART})\s+)?\b(?P<rel>{REL})\s+"
        r"(?P<unit>году|года|год|месяце|месяца|месяц|неделе|недели|неделю)(?![а-яё])",
    ),
    rule(
        "ru_part_of_period",
        "relative_period",
        rf"\b(?:в|во|с|со|до|к)\s+(?P<part>{PART})\s+(?P<unit>года|месяца|недели)(?![а-яё])",
    ),
    *COMMON_RULES,
)

GRAMMAR = Grammar(
    language="ru",
    months=MONTHS,
    weekdays=WEEKDAYS,
    numbers=NUMBERS,
    units=UNITS,
    day_words=DAY_WORDS,
    relations=RELATIONS,
    seasons=SEASONS,
    adverbial_seasons=frozenset({"летом", "зимой", "весной", "осенью"}),
    rules=RULES,
    future_cue=re.compile(
        r"\b(?:будет|будут|буду|будем|станет|станут|состо[ия]тся|предсто[ия]т|планиру\w+|намерен\w*|"
        r"собира(?:ется|ются)|ожида(?:ется|ются)|запланирован\w*|пройд[её]т|пройдут|начн[её]тся|начнутся|"
        r"вступ(?:ит|ят)|заверш(?:ится|атся)|провед[её]т|проведут|откро(?:ется|ются)|встрет(?:ится|ятся)|"
        r"обсуд(?:ит|ят)|примет|примут|посетит|посетят|выплатит|выплатят|прод(?:лится|лятся)|прогноз\w*)\b",
        FLAGS,
    ),
    past_cue=re.compile(
        r"\b[а-яё]{2,}(?:ал|ял|ел|ил|ыл|ул|ол|ёл|ала|яла|ела|ила|ыла|ула|ола|ало|яло|ело|ило|ыло|уло|"
        r"али|яли|ели|или|ыли|ули|ались|ялись|елись|ились|ался|ялся|елся|ился|алась|ялась|елась|илась|"
        r"алось|илось)\b",
        FLAGS,
    ),
    vague_before=re.compile(
        r"\b(?:несколько|нескольких|несколькими|много|многих|сколько|считанные|считанных|десяток|десятки|"
        r"сотни|тысячи|пару|какие-то)\s*$",
        FLAGS,
    ),
    trigger=trigger(
        MONTHS, WEEKDAYS, NUMBERS, UNITS, DAY_WORDS, RELATIONS, SEASONS, extra=r"накануне|[ivxх]+\s+век|в?в\."
    ),
    eve_block=re.compile(
        r"\s+(?!(?:вечером|утром|днём|днем|ночью)(?![а-яё]))(?![а-яё]*(?:л|ла|ло|ли|лся|лась|лось|лись)(?![а-яё]))"
        r"[а-яё]{2,}(?:а|я|ов|ев|ей|ий|ия|ии|ы|и|ых|их|ого|его)(?![а-яё])",
        FLAGS,
    ),
)
