"""One resolver per rule kind: a regex match and its context -> a resolved date (or None: not a date).

Resolution rules are stated in ``calendar``; the anchored ones are:

* ``shift`` ("на следующий день", "спустя два дня", "trois jours plus tard"): the anchor is the last
  resolved point date before the expression (any paragraph); without one, the publication date. A forward
  shift in a future-tense sentence ("через неделю состоится") counts from publication. The result is no
  finer than the anchor: a day after "в октябре" is still October.
* ``eve`` ("накануне", "la veille"): the day before a date earlier in the same sentence, else the day before
  publication; "накануне выборов" (the eve of something) is not a date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from storyline.annotate.dates import calendar as cal
from storyline.annotate.dates.calendar import Mode, Resolved
from storyline.annotate.dates.grammar import SEASONS, UNITS, Grammar, Kind, Rule

# "более десяти лет назад", "more than a year ago": a bound, not a date
OPEN_BOUNDS = re.compile(
    r"более|больше|менее|меньше|свыше|más\s+de|menos\s+de|plus\s+de|moins\s+de|più\s+di|meno\s+di|oltre|"
    r"more\s+than|less\s+than|over|unos|unas|"
    r"понад|більше|менше|повече\s+от|по-малко\s+от|над|ponad|przeszło|więcej\s+niż|mniej\s+niż|"
    r"více\s+než|víc\s+než|méně\s+než|přes|viac\s+ako|menej\s+ako|vyše|več\s+kot|manj\s+kot|"
    r"više\s+od|manje\s+od",
    re.IGNORECASE,
)
# "перенесен на июль", "hasta el 30 de junio": a target date, not a past one even in a past-tense sentence
TARGET_PREPOSITION = re.compile(
    r"(?:на|к|ко|до|para|hasta|jusqu|d['’]ici|entro|fino|by|until|do)\b", re.IGNORECASE
)
ROMAN = {"I": 1, "V": 5, "X": 10}
SENTENCE_OPENERS = '.!?\n:;«»"“”„(—–-•'
NEXT_WORD = re.compile(r"[ \t]+([^\W\d_])")


@dataclass(frozen=True, slots=True)
class Context:
    text: str  # the article text (for capitalisation)
    low: str  # the same text lower-cased (rules and cues match it)
    ref: dt.date | None
    anchor: Resolved | None
    anchor_in_sentence: bool
    mode: Mode
    grammar: Grammar


Resolver = Callable[[Rule, "re.Match[str]", Context], Resolved | None]


def group(match: re.Match[str], name: str) -> str | None:
    value: str | None = match.groupdict().get(name)
    return value


def sentence_initial(text: str, pos: int) -> bool:
    """True when only punctuation or spaces separate ``pos`` from the start of its sentence."""
    i = pos - 1
    while i >= 0 and (text[i].isspace() or text[i] in "«\"“„'(["):
        i -= 1
    return i < 0 or text[i] in SENTENCE_OPENERS


def capitalised_name(match: re.Match[str], name: str, ctx: Context) -> bool:
    """A month or weekday written with a capital in mid-sentence is a name ("Мая", "Plaza de Mayo"); so is
    one that opens a sentence before another capitalised word ("Maja Zajc je obtožena")."""
    if not group(match, name) or not ctx.grammar.lowercase_names or not ctx.text[match.start(name)].isupper():
        return False
    if not sentence_initial(ctx.text, match.start(name)):
        return True
    after = NEXT_WORD.match(ctx.text, match.end(name))
    return after is not None and after.group(1)[0].isupper()


def _int(value: str | None, ctx: Context) -> int | None:
    if value is None:
        return None
    digits = re.match(r"\d+", value)
    if digits:
        return int(digits.group())
    return ctx.grammar.numbers.lookup(value)


def _day_number(value: str | None) -> int | None:
    if value is None:
        return None
    digits = re.match(r"\d+", value)
    return int(digits.group()) if digits else 1  # "primo", "premier", "primero"


def _explicit_year(match: re.Match[str], ctx: Context) -> int | None:
    for name in ("year", "nyear"):
        value = group(match, name)
        if value:
            return int(value)
    short = group(match, "yy")
    if short:
        yy = int(short)
        return 2000 + yy if ctx.ref is not None and 2000 + yy <= ctx.ref.year else 1900 + yy
    rel = ctx.grammar.relations.lookup(group(match, "yrel"))
    if rel is not None and ctx.ref is not None:
        return ctx.ref.year + rel
    return None


def _relation(match: re.Match[str], ctx: Context) -> int | None:
    for name in ("rel", "prep"):
        value = ctx.grammar.relations.lookup(group(match, name))
        if value is not None:
            return value
    return None


def _unit(match: re.Match[str], ctx: Context, name: str = "unit") -> tuple[str, bool] | None:
    value = ctx.grammar.units.lookup(group(match, name))
    if value is None:
        return None
    return UNITS[value % 4], value >= 4


def _count(match: re.Match[str], ctx: Context, plural: bool) -> int | None:
    """The number of units, or None when it is vague ("несколько дней", "hace unos días")."""
    before = ctx.low[max(0, match.start() - 30) : match.start()]
    if ctx.grammar.vague_before.search(before):
        return None
    n = _int(group(match, "n"), ctx)
    if n is None:
        return None if plural else 1
    return n


def _mode(m: re.Match[str], ctx: Context) -> Mode:
    relation = ctx.grammar.relations.lookup(group(m, "rel"))
    if relation is not None and relation != 0:  # "le 22 novembre dernier", "il 14 settembre scorso"
        return "past" if relation < 0 else "future"
    prep = group(m, "prep")
    if ctx.mode == "past" and prep and TARGET_PREPOSITION.match(prep):
        return "default"
    return ctx.mode


def date(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    day = _day_number(group(m, "day"))
    month = ctx.grammar.months.lookup(group(m, "month"))
    if day is None or month is None:
        return None
    year = _explicit_year(m, ctx)
    if year is not None:
        found = cal.make_date(year, month, day)
    elif ctx.ref is not None:
        found = cal.date_for_day(month, day, ctx.ref, _mode(m, ctx))
    else:
        return None
    return Resolved(found, "day") if found else None


def weekday_day(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    weekday = ctx.grammar.weekdays.lookup(group(m, "wd"))
    day = _day_number(group(m, "day"))
    if weekday is None or day is None or ctx.ref is None or capitalised_name(m, "wd", ctx):
        return None
    found = cal.date_for_weekday_day(weekday, day, ctx.ref)
    return Resolved(found, "day") if found else None


def month_day(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "el pasado día 21": the month of a day date earlier in the sentence, else the publication
    month or the one next to it (``calendar.date_for_month_day``)."""
    day = _day_number(group(m, "day"))
    if day is None:
        return None
    anchor = ctx.anchor if ctx.anchor_in_sentence and ctx.anchor is not None else None
    if anchor is not None and anchor.granularity in ("day", "month"):
        found = cal.make_date(anchor.first.year, anchor.first.month, day)
        return Resolved(found, "day") if found else None
    if ctx.ref is None:
        return None
    relation = _relation(m, ctx)
    forward = relation == 1 or (relation is None and ctx.mode == "future")
    found = cal.date_for_month_day(day, ctx.ref, forward)
    return Resolved(found, "day") if found else None


def day_range(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    d1, d2 = _day_number(group(m, "d1")), _day_number(group(m, "d2"))
    m2 = ctx.grammar.months.lookup(group(m, "m2"))
    if d1 is None or d2 is None or m2 is None:
        return None
    m1 = ctx.grammar.months.lookup(group(m, "m1")) or m2
    year = _explicit_year(m, ctx)
    if year is not None:
        last = cal.make_date(year, m2, d2)
    elif ctx.ref is not None:
        last = cal.date_for_day(m2, d2, ctx.ref, ctx.mode)
    else:
        return None
    if last is None:
        return None
    first = cal.make_date(last.year - (1 if m1 > m2 else 0), m1, d1)
    if first is None or first > last:
        return None
    return Resolved(first, "day", last)


def day_list(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "12 и 13 января", "los días 15, 16 y 17 de marzo": days of one month in a row are the span from
    the first to the last; other lists are not one expression (the last day is read alone)."""
    run = [int(d) for d in re.findall(r"\d+", f"{group(m, 'days') or ''} {group(m, 'd2') or ''}")]
    if len(run) < 2 or any(b != a + 1 for a, b in pairwise(run)):
        return None
    return day_range(rule, m, ctx)


def numeric(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    day, month, year = int(m["day"]), int(m["mon"]), int(m["year"])
    if group(m, "sep") == "/" and ctx.grammar.language == "en":
        day, month = month, day
    found = cal.make_date(year, month, day) or cal.make_date(year, day, month)
    return Resolved(found, "day") if found else None


def month(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    number = ctx.grammar.months.lookup(group(m, "month"))
    if number is None:
        return None
    year = _explicit_year(m, ctx)
    relation = _relation(m, ctx)
    if year is None and relation is None:
        bare = not any(group(m, name) for name in ("prep", "prep2", "part"))
        if (bare and not rule.bare_month_ok) or capitalised_name(m, "month", ctx):
            return None
        if ctx.ref is None:
            return None
        year = cal.year_for_month(number, ctx.ref, _mode(m, ctx))
    elif year is None and ctx.ref is not None:
        mode: Mode = "past" if relation == -1 else "future" if relation == 1 else ctx.mode
        year = cal.year_for_month(number, ctx.ref, mode)
        if relation and (year, number) == (ctx.ref.year, ctx.ref.month):
            year += relation or 0
    if year is None:
        return None
    return Resolved(dt.date(year, number, 1), "month")


def month_range(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    m1 = ctx.grammar.months.lookup(group(m, "m1"))
    m2 = ctx.grammar.months.lookup(group(m, "m2"))
    if m1 is None or m2 is None:
        return None
    year = _explicit_year(m, ctx)
    if year is None:
        if ctx.ref is None:
            return None
        year = cal.year_for_month(m2, ctx.ref, ctx.mode)
    start_year = group(m, "y1")
    first = dt.date(int(start_year) if start_year else year - (1 if m1 > m2 else 0), m1, 1)
    last = dt.date(year, m2, 1)
    return Resolved(first, "month", last) if first < last else None


def year(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    """A year written out, or named by a word relative to publication ("loni", "торік": ``yrel``)."""
    value = _explicit_year(m, ctx)
    return Resolved(dt.date(value, 1, 1), "year") if value is not None and 1000 <= value <= 2099 else None


def year_range(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not 1000 <= y1 < y2 <= 2099:
        return None
    return Resolved(dt.date(y1, 1, 1), "year", dt.date(y2, 1, 1))


def decade(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    value = int(m["dec"])
    if value < 100:
        value += 2000 if ctx.ref is not None and 2000 + value + 9 <= ctx.ref.year else 1900
    return Resolved(dt.date(value, 1, 1), "year", dt.date(value + 9, 1, 1))


def century(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "в XX веке" (``roman``), "ve 20. století" (``cent``: the number in digits)."""
    if group(m, "cent"):
        number = int(m["cent"])
    else:
        values = [ROMAN.get(ch, 0) for ch in m["roman"].upper().replace("Х", "X")]
        if 0 in values:
            return None
        number = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    if not 1 <= number <= 21:
        return None
    return Resolved(dt.date((number - 1) * 100 + 1, 1, 1), "year", dt.date(number * 100, 1, 1))


def season(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    surface = group(m, "season") or ""
    index = ctx.grammar.seasons.lookup(surface)
    if index is None:
        return None
    name = SEASONS[index]
    qualified = any(group(m, g) for g in ("prep", "year", "yrel", "rel"))
    if not qualified and surface.lower() not in ctx.grammar.adverbial_seasons:
        return None
    if not qualified and capitalised_name(m, "season", ctx):
        return None
    year = _explicit_year(m, ctx)
    if year is None:
        if ctx.ref is None:
            return None
        year = cal.season_year(name, ctx.ref, _relation(m, ctx), ctx.mode)
    first, last = cal.season_range(name, year)
    return Resolved(first, "month", last)


def quarter(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "в третьем квартале 2019 года"; without a year ("w I kwartale") the latest such quarter that has
    begun by publication."""
    q = m["q"].lower().rstrip(".")
    number = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(q) or _day_number(q if q[0].isdigit() else None)
    if number is None:
        number = ctx.grammar.ordinals.lookup(q)
    if number is None:
        number = next(
            (i + 1 for i, stem in enumerate(("перв", "втор", "трет", "четв")) if q.startswith(stem)), None
        )
    if number is None or not 1 <= number <= 4:
        return None
    year = _explicit_year(m, ctx)
    if year is None and ctx.ref is not None:
        year = ctx.ref.year if dt.date(ctx.ref.year, 3 * number - 2, 1) <= ctx.ref else ctx.ref.year - 1
    if year is None:
        return None
    return Resolved(dt.date(year, 3 * number - 2, 1), "month", dt.date(year, 3 * number, 1))


def day_word(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    offset = ctx.grammar.day_words.lookup(group(m, "word"))
    if offset is None or ctx.ref is None:
        return None
    return Resolved(ctx.ref + dt.timedelta(days=offset), "day")


def ago(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = _unit(m, ctx)
    approx = group(m, "approx")
    if unit is None or ctx.ref is None or (approx and OPEN_BOUNDS.fullmatch(" ".join(approx.split()))):
        return None
    n = _count(m, ctx, unit[1])
    if n is None:
        return None
    return Resolved(cal.shift(ctx.ref, -n, unit[0]), cal.unit_granularity(unit[0]))


def shift(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    if group(m, "unit") is not None:
        unit = _unit(m, ctx)
        if unit is None:
            return None
        n = _count(m, ctx, unit[1])
        if n is None:
            return None
        name = unit[0]
    else:
        name, n = "day", 1
    base = ctx.anchor
    if base is None or (rule.sign > 0 and ctx.mode == "future"):
        base = Resolved(ctx.ref, "day") if ctx.ref is not None else None
    if base is None:
        return None
    moved = cal.shift(base.first, rule.sign * n, name)
    return Resolved(moved, cal.coarser(base.granularity, cal.unit_granularity(name)))


def eve(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.grammar.eve_block.match(ctx.low, m.end()):
        return None
    if ctx.anchor is not None and ctx.anchor_in_sentence:
        base = ctx.anchor
    elif ctx.ref is not None:
        base = Resolved(ctx.ref, "day")
    else:
        return None
    return Resolved(base.first - dt.timedelta(days=1), base.granularity)


def weekday(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    number = ctx.grammar.weekdays.lookup(group(m, "wd"))
    relation = _relation(m, ctx)
    if number is None or ctx.ref is None:
        return None
    if relation is None and not group(m, "prep") and capitalised_name(m, "wd", ctx):
        return None
    return Resolved(cal.weekday_date(number, ctx.ref, relation, ctx.mode), "day")


def relative_period(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = _unit(m, ctx)
    if unit is None or ctx.ref is None:
        return None
    relation = ctx.grammar.relations.lookup(group(m, "rel")) or 0
    if unit[0] == "year":
        return Resolved(dt.date(ctx.ref.year + relation, 1, 1), "year")
    if unit[0] == "month":
        return Resolved(cal.add_months(ctx.ref, relation), "month")
    if unit[0] == "week":
        first, last = cal.week_range(ctx.ref, relation)
        return Resolved(first, "day", last)
    return None


def weekday_span(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "da mercoledì a domenica sono state uccise": the last such span before publication in a past
    sentence, the next one in a future sentence; otherwise ("abre de lunes a viernes", "Du lundi au
    samedi, découvrez …") a weekly schedule, no date."""
    first_wd = ctx.grammar.weekdays.lookup(group(m, "wd1"))
    last_wd = ctx.grammar.weekdays.lookup(group(m, "wd2"))
    if first_wd is None or last_wd is None or ctx.ref is None or ctx.mode == "default":
        return None
    first = cal.weekday_date(first_wd, ctx.ref, None, ctx.mode)
    last = first + dt.timedelta(days=(last_wd - first_wd) % 7)
    if ctx.mode == "past" and last > ctx.ref:
        first, last = first - dt.timedelta(weeks=1), last - dt.timedelta(weeks=1)
    return Resolved(first, "day", last)


RESOLVERS: dict[Kind, Resolver] = {
    "date": date,
    "weekday_day": weekday_day,
    "month_day": month_day,
    "day_range": day_range,
    "day_list": day_list,
    "numeric": numeric,
    "month": month,
    "month_range": month_range,
    "year": year,
    "year_range": year_range,
    "decade": decade,
    "century": century,
    "season": season,
    "quarter": quarter,
    "day_word": day_word,
    "ago": ago,
    "shift": shift,
    "eve": eve,
    "weekday": weekday,
    "weekday_span": weekday_span,
    "relative_period": relative_period,
}


def resolve(rule: Rule, match: re.Match[str], ctx: Context) -> Resolved | None:
    return RESOLVERS[rule.kind](rule, match, ctx)
