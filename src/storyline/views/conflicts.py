"""Conflicting claims: two sources say things about the same thing that cannot both be true.

A conflict needs three things: both claims are about **the same thing** (the same quantity, happening or
subject, aligned by names and predicate words), they come from **different sources** (two outlets, or two
holders an article names), and they **cannot both be true**. Three kinds of evidence:

* ``contrastive_attribution``: one sentence sets two holders' versions against each other ("по версии СК
  — от сердечной недостаточности, по версии Азербайджана — в результате пыток"); the sources are the holders.
* ``competing_causes``: two holders (the speaker of a reported statement, or "по данным X") each explain the
  same happening ("из-за тумана" vs "причины катастрофы связаны ... с беспилотником") and the two
  explanations share no word.
* ``differing_figures``: two outlets give figures for the same counted thing (same noun, same names and
  predicate words in the figure's clause, same day) whose ranges, as worded ("более 40", "около 38"), do
  not meet.

Each test is a small named rule (``FIGURE_RULES``, ``CAUSE_RULES``) returning why a pair is *not* a
conflict, or None. ``conflicts`` ranks what is found and keeps ``max_conflicts`` for a page;
``find_conflicts`` returns every one (evaluation: ``storyline eval conflicts``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.annotate.quotes.languages import LEXICONS
from storyline.annotate.quotes.speakers import nominative
from storyline.clean.core import outlet_from_url
from storyline.config import ViewConfig
from storyline.model import Article, Claim, Conflict
from storyline.views.conflict_words import ATTRIBUTION, CAUSE, HEDGE, PERCENT, RUNNING, SCALES, TIME_WORDS
from storyline.views.units import WORD, Unit, article_units, is_statement, outlet_of, stem, terms, words

MAX_CONFLICTS = 5  # conflicts a story page shows (the strongest first)


# ---------------------------------------------------------------- sources
def source_of(article: Article) -> str | None:
    """The outlet: the stated source, else the host of the article's address (an address without a path
    names no article, so it names no outlet either); None when unknown."""
    if article.source:
        return article.source.strip()
    return outlet_from_url(article.url)


def _source_key(article_id: str, outlet: str | None) -> str:
    """Two claims of unknown outlets count as different sources unless they are of one article."""
    return outlet.lower() if outlet else f"article:{article_id}"


# ---------------------------------------------------------------- contrastive attribution
HOLDER_END = re.compile(r"\s*(?:—|–|-\s|,|:)\s*")


def _holder_and_claim(segment: str) -> tuple[str, str] | None:
    """ "российского СК — от сердечной недостаточности," -> ("российского СК", "от сердечной …")."""
    m = HOLDER_END.search(segment)
    if m is None or m.start() == 0:
        return None
    holder = segment[: m.start()].strip()
    claim = segment[m.end() :].strip(" ,;.—–")
    if not claim or len(holder.split()) > 6:
        return None
    return holder, claim


SHORT_VERSION = 10  # words: a version without a figure is a short answer ("от сердечной недостаточности")
LONG_VERSION = 30  # words: no version is longer
FIGURE_IN = re.compile(r"\d")


def versions_differ(versions: Sequence[tuple[str, str]], language: str | None) -> bool:
    """Rules on the (holder, version) pairs of one sentence: at least two holders (compared by their
    words' first letters, so "vos dires" and "vos dires toujours" are one), versions of one kind — each
    gives a figure, or none does and each is a short phrase — and saying different things."""
    holders = {tuple(name_key(w) for w in h.split()[:2]) for h, _ in versions}
    if len(holders) < 2:
        return False
    with_figure = [bool(FIGURE_IN.search(v)) for _, v in versions]
    if any(with_figure) and not all(with_figure):
        return False
    if not any(with_figure) and any(len(words(v)) > SHORT_VERSION for _, v in versions):
        return False
    if any(len(words(v)) > LONG_VERSION for _, v in versions):
        return False  # a run-on "sentence" of a page, not two versions
    said = {frozenset(terms(v, language)) for _, v in versions}
    return len(said) == len(versions)


def contrastive_attribution(u: Unit, morph: Any = None) -> Conflict | None:
    """One sentence gives two holders' versions: "по версии X — A, по версии Y — B" (``versions_differ``).
    With ``morph`` (pymorphy3) the holder is named in the nominative ("российского СК" -> "российский
    СК")."""
    marks = list(ATTRIBUTION.finditer(u.text))
    if len(marks) < 2:
        return None
    parsed: list[tuple[re.Match[str], str, str]] = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(u.text)
        found = _holder_and_claim(u.text[m.end() : end])
        if found is not None and terms(found[1], u.language):
            parsed.append((m, *found))
    if len(parsed) < 2 or not versions_differ([(h, v) for _, h, v in parsed], u.language):
        return None
    claims = []
    for m, holder, version in parsed:
        who = nominative(holder.split(), morph) if u.language in ("ru", None) else holder
        claims.append(
            Claim(f"{u.text[m.start() : m.end()].strip()} {holder} — {version}", who, (u.article_id,))
        )
    about = u.text[: marks[0].start()].strip(" :—–,") or u.text
    return Conflict(about, tuple(claims))


# ---------------------------------------------------------------- figures
NUMBER = re.compile(
    r"(?<![\w.,:/+-])(\d{1,3}(?:[ \u00a0]\d{3})+|\d{1,3}(?:\.\d{3})+(?![\d,])|\d{1,3}(?:,\d{3})+(?![\d.])|"
    r"\d+(?:[.,]\d+)?)(?![\w:/]|[.,]\d|-[^\W\d_])"
)
TOKEN = re.compile(r"\s*(%|[^\W\d_]+\.?)")
CLAUSE_END = re.compile(
    r"[,;:]|\s[—–-]\s|\.\s"
)  # a parenthesis stays with its clause: "Калифорния (55 голосов)"
NOUN_PHRASE_WORDS = 3  # words after the counted noun that still belong to it
CLOCK = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?!\d)\s*(?:мск|ч|h|utc|gmt)?")
CAPITALISED = re.compile(r"(?<![\w.])[A-ZА-ЯЁІЇЄҐ][^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class Figure:
    """One counted thing in one sentence: "погибли более 38 человек" -> (38, "more", "человек")."""

    unit: Unit
    source: str
    outlet: str
    value: float
    low: float
    high: float
    written: str  # the number with its hedge and noun as written
    noun: str  # stemmed; "%" + the stem of the word after a percent
    predicate: frozenset[str]  # content stems of the figure's clause (names, noun, numbers out)
    names: frozenset[str]  # names in the figure's clause
    sentence_names: frozenset[str]
    time: tuple[str, ...]  # date values in the clause, else the publication day
    running: bool  # a count in progress ("пока", "so far")
    numbers: int  # numbers in the sentence (dates, years and times of day left out)
    sentence_values: frozenset[float]  # every figure of the sentence with the same noun


def _value(number: str) -> tuple[float, float]:
    """(value, unit of its last written digit): "12 780" -> (12780, 1), "12.000" -> (12000, 1000),
    "2,7" -> (2.7, 0.1)."""
    digits = number.replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits) and not digits.startswith("0"):
        digits = digits.replace(".", "").replace(",", "")
    digits = digits.replace(",", ".")
    value = float(digits)
    if "." in digits:
        return value, 10.0 ** -len(digits.split(".")[1])
    stripped = digits.rstrip("0")
    return value, 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def _range(value: float, place: float, hedge: str | None) -> tuple[float, float]:
    """What the wording allows: a round number is rounded to its last digit ("40" covers 35-45), "около"
    about 15 %, "более" anything above, "до" anything up to."""
    tol = place / 2 if place > 1 else 0.0
    low, high = value - tol, value + tol
    if hedge == "about":
        low, high = min(low, value * 0.85), max(high, value * 1.15)
    elif hedge in ("more", "least"):
        high = math.inf
    elif hedge in ("less", "most"):
        low = 0.0
    return low, high


def _hedge(before: str) -> str | None:
    for kind, pattern in HEDGE.items():
        if pattern.search(before):
            return kind
    return None


def _is_time_word(word: str, language: str | None) -> bool:
    from storyline.annotate.dates import GRAMMARS

    w = word.rstrip(".").lower()
    if TIME_WORDS.fullmatch(w):
        return True
    grammar = GRAMMARS.get(language or "ru")
    return grammar is not None and any(
        t.lookup(w) is not None for t in (grammar.months, grammar.weekdays, grammar.units)
    )


def _clause(text: str, start: int, stop: int) -> tuple[int, int]:
    left = 0
    for m in CLAUSE_END.finditer(text, 0, start):
        left = m.end()
    end = CLAUSE_END.search(text, stop)
    return left, end.start() if end else len(text)


def name_key(word: str) -> str:
    """Names compared by their first five letters: "Байдена" ~ "Байден", "Trumpa" ~ "Trump"."""
    return word.lower()[:5]


def _names(u: Unit, article: Article, start: int, stop: int) -> frozenset[str]:
    """Names inside ``[start, stop)`` of the sentence: entities, and capitalised words not opening it."""
    out: set[str] = set()
    offset = u.start
    for e in article.entities:
        if offset + start <= e.start and e.stop <= offset + stop:
            out.update(name_key(w) for w in e.normal.split() if len(w) > 2)
    opening = re.match(r"\W*[^\W\d_]+", u.text)
    first = opening.end() if opening else 0
    for m in CAPITALISED.finditer(u.text, start, stop):
        if m.start() >= first:
            out.add(name_key(m.group()))
    return frozenset(out)


def _figures(u: Unit, article: Article) -> list[Figure]:
    """Counted things of one sentence; dates, years, durations and times of day are not counted things."""
    text = u.text
    dates = [(d.start - u.start, d.stop - u.start) for d in u.dates]
    found: list[tuple[float, float, str, str, str | None, int, int]] = []
    bare = 0  # numbers without a counted noun after them ("а Трамп — 56")
    for m in NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in dates):
            continue
        value, place = _value(m.group(1))
        pos = m.end()
        scale, percent, noun_word = 1.0, False, ""
        for _ in range(4):
            t = TOKEN.match(text, pos)
            if t is None:
                break
            word = t.group(1)
            pos = t.end()
            sc = next((v for p, v in SCALES if p.fullmatch(word)), None)
            if sc is not None and scale == 1.0 and not percent:
                scale = sc
                continue
            if PERCENT.fullmatch(word):
                percent = True
                continue
            noun_word = word.rstrip(".")
            break
        if scale == 1.0 and not percent and place >= 1 and 1900 <= value <= 2100 and "." not in m.group(1):
            continue  # a year
        if noun_word and _is_time_word(noun_word, u.language):
            continue
        if not noun_word and not percent:
            bare += 1
            continue
        noun = ("%" if percent else "") + (stem(noun_word, u.language) if noun_word else "")
        hedge = _hedge(text[max(0, m.start() - 30) : m.start()])
        found.append((value * scale, place * scale, noun, noun_word, hedge, m.start(), pos))
    out = []
    outlet = source_of(article)
    source = _source_key(article.id, outlet)
    sentence_names = _names(u, article, 0, len(text))
    for value, place, noun, _, hedge, start, stop in found:
        left, right = _clause(text, start, stop)
        # the clause's own words: the figure, its noun and the word after the noun ("голосов выборщиков",
        # the noun's complement) left out; names inside the counted phrase ("голосів Колегії вибірників",
        # "пацієнтів з COVID-19") name the unit, not whose figure it is
        after = TOKEN.match(text, stop)
        rest = text[left:start] + " " + text[after.end() if after else stop : right]
        phrase_end = stop
        for _ in range(NOUN_PHRASE_WORDS):
            t = TOKEN.match(text, phrase_end)
            phrase_end = t.end() if t else phrase_end
        names = _names(u, article, left, start) | _names(u, article, min(phrase_end, right), right)
        in_clause = [d for d in u.dates if left <= d.start - u.start < right]
        time = tuple(sorted(d.value for d in in_clause)) or ((u.published or "")[:10],)
        predicate = frozenset(
            t for t in terms(rest, u.language) if not t[0].isdigit() and name_key(t) not in names
        )
        low, high = _range(value, place, hedge)
        out.append(
            Figure(
                u,
                source,
                outlet or outlet_of(None, article.id),
                value,
                low,
                high,
                text[start:stop].strip(),
                noun,
                predicate,
                names,
                sentence_names,
                time,
                bool(RUNNING.search(text) or CLOCK.search(text)),
                len(found) + bare,
                frozenset(v for v, _, n, *_ in found if n == noun),
            )
        )
    return out


# Each rule returns why two figures are NOT in conflict, or None.
def different_sources_needed(f: Figure, g: Figure) -> str | None:
    return "same source" if f.source == g.source else None


def same_counted_thing(f: Figure, g: Figure) -> str | None:
    return None if f.noun == g.noun and f.noun not in ("", "%") else "different counted things"


def same_names(f: Figure, g: Figure) -> str | None:
    """Both figures are said of the same named subject: their clauses share a name, and every name of one
    clause is named in the other sentence (Biden's votes are not Trump's, California's not Florida's)."""
    if not f.names & g.names:
        return "no shared name"
    if not f.names <= g.sentence_names or not g.names <= f.sentence_names:
        return "different names"
    return None


MIN_PREDICATE_OVERLAP = 0.4


def same_predicate(f: Figure, g: Figure) -> str | None:
    """The clauses say the same thing of the figure ("погибли 38 человек" / "погибли 39 человек"): their
    words beyond the names, the number and the counted noun overlap (Jaccard) by at least
    ``MIN_PREDICATE_OVERLAP``."""
    union = f.predicate | g.predicate
    if not union or len(f.predicate & g.predicate) / len(union) < MIN_PREDICATE_OVERLAP:
        return "different predicates"
    return None


def same_time(f: Figure, g: Figure) -> str | None:
    """The figures are for the same day: the dates in their clauses, else the days of publication."""
    if not f.time[0] or f.time != g.time:
        return "different times"
    return None


def settled_counts(f: Figure, g: Figure) -> str | None:
    """A count in progress ("пока", "so far", "leading", a clock time) changes by the hour."""
    return "running count" if f.running or g.running else None


def single_figures(f: Figure, g: Figure) -> str | None:
    """A sentence with several figures is a tally or a breakdown ("у Байдена 135 голосов, у Трампа 97",
    "210 civiles, entre ellos 60 niños"): its parts are not claims on their own."""
    return "a tally" if f.numbers > 1 or g.numbers > 1 else None


def ranges_apart(f: Figure, g: Figure) -> str | None:
    """The ranges the wordings allow do not meet, and neither sentence also gives the other's figure."""
    if f.value in g.sentence_values or g.value in f.sentence_values:
        return "the other figure is also given"
    if f.high < g.low or g.high < f.low:
        return None
    return "compatible figures"


FIGURE_RULES: tuple[Callable[[Figure, Figure], str | None], ...] = (
    different_sources_needed,
    same_counted_thing,
    same_time,
    settled_counts,
    single_figures,
    ranges_apart,
    same_names,
    same_predicate,
)


def figure_conflict(f: Figure, g: Figure) -> str | None:
    """Why two figures are not in conflict (the first rule that says so), or None when they are."""
    for rule in FIGURE_RULES:
        reason = rule(f, g)
        if reason is not None:
            return reason
    return None


def differing_figures(figures: Sequence[Figure]) -> list[Conflict]:
    out: list[Conflict] = []
    by_noun: dict[str, list[Figure]] = {}
    for f in figures:
        by_noun.setdefault(f.noun, []).append(f)
    for group in by_noun.values():
        for i, f in enumerate(group):
            for g in group[i + 1 :]:
                if figure_conflict(f, g) is None:
                    out.append(
                        Conflict(
                            f"{f.written} or {g.written}",
                            (
                                Claim(f.unit.text, f.outlet, (f.unit.article_id,)),
                                Claim(g.unit.text, g.outlet, (g.unit.article_id,)),
                            ),
                        )
                    )
    return out


# ---------------------------------------------------------------- accounts side by side
ACCOUNT_WINDOW = (
    3  # sentences: accounts an article sets side by side are at most this far apart (a paragraph)
)


@dataclass(frozen=True, slots=True)
class Account:
    """A named holder's reported statement: "Росавиация сообщала, что самолет не смог приземлиться в
    Грозном из-за тумана"."""

    unit: Unit
    holder: str
    explains: bool  # it gives a cause ("из-за", "причины", "because of")
    names: frozenset[str]  # names in the sentence, the holder's left out
    words: frozenset[str]  # content stems, names and reporting verbs left out
    subject: str | None  # stem of the first content word of the reported clause ("что самолет ...")


def _holder(u: Unit, article: Article) -> str | None:
    """Who the sentence reports: the speaker of a reported statement inside it, or "по данным X"."""
    for q in article.quotes:
        if q.speaker and q.start < u.stop and u.start < q.stop:
            return q.speaker
    m = ATTRIBUTION.match(u.text)
    if m:
        parsed = _holder_and_claim(u.text[m.end() :])
        if parsed:
            return parsed[0]
    return None


def _content_words(text: str, language: str | None) -> frozenset[str]:
    """Stems of the content words: names, numbers and reporting verbs left out."""
    lex = LEXICONS.get((language or "ru")[:2])
    names = {stem(w, language) for w in CAPITALISED.findall(text)}
    out = {t for t in terms(text, language) if not t[0].isdigit() and t not in names}
    if lex is not None:
        out -= {stem(w, language) for w in WORD.findall(text) if lex.speech_verb.fullmatch(w.lower())}
    return frozenset(out)


def named(holder: str, article: Article) -> bool:
    """The holder is a name: one of the article's entities, or two or more capitalised words
    ("Дейвид Дейвис"); "Это", "Ей" or "иск" are not."""
    low = holder.lower()
    if any(e.normal.lower() in low or low in e.normal.lower() for e in article.entities if len(e.normal) > 1):
        return True
    return len(CAPITALISED.findall(holder)) >= 2 or bool(re.fullmatch(r"[A-ZА-ЯЁ]{2,6}", holder))


THAT = re.compile(r"(?:^|[\s,])(?:что|що|че|że|iż|že|da|that|que|qu['’]|che)\s+", re.IGNORECASE)


def _reported_subject(u: Unit) -> str | None:
    """The first content word of the reported clause: "Алиев заявлял, что самолет «был поврежден…»" ->
    "самолет"."""
    m = THAT.search(u.text)
    if m is None:
        return None
    found = terms(u.text[m.end() : m.end() + 60], u.language)
    return found[0] if found and not found[0][0].isdigit() else None


def _accounts(units: Sequence[Unit], article: Article) -> list[Account]:
    out = []
    for u in units:
        holder = _holder(u, article)
        if holder is None or u.index < 0 or not named(holder, article):
            continue
        own = {name_key(w) for w in holder.split()}
        names = _names(u, article, 0, len(u.text)) - own
        words_ = frozenset(w for w in _content_words(u.text, u.language) if name_key(w) not in own)
        out.append(Account(u, holder, bool(CAUSE.search(u.text)), names, words_, _reported_subject(u)))
    return out


def different_holders(a: Account, b: Account) -> str | None:
    ka = {name_key(w) for w in a.holder.split()}
    kb = {name_key(w) for w in b.holder.split()}
    return "same holder" if ka & kb else None


def side_by_side(a: Account, b: Account) -> str | None:
    """The article sets the two accounts side by side: one article, at most ``ACCOUNT_WINDOW`` sentences
    apart."""
    if a.unit.article_id != b.unit.article_id or abs(a.unit.index - b.unit.index) > ACCOUNT_WINDOW:
        return "not side by side"
    return None


def one_explains(a: Account, b: Account) -> str | None:
    return None if a.explains or b.explains else "no explanation"


def same_subject(a: Account, b: Account) -> str | None:
    """Both report something of the same thing at the same named place or party: the reported clauses
    open with the same word ("что самолет …" / "что самолет …") and the sentences share a name that is not
    a holder's ("Грозный")."""
    if a.subject is None or a.subject != b.subject or not a.names & b.names:
        return "different subjects"
    return None


def different_accounts(a: Account, b: Account) -> str | None:
    """Beyond the shared subject the two say nothing alike: most of their words differ (at most one word in
    common besides the subject's)."""
    subject = a.words & b.words
    return "alike accounts" if len(subject) > 2 else None


ACCOUNT_RULES: tuple[Callable[[Account, Account], str | None], ...] = (
    side_by_side,
    different_holders,
    one_explains,
    same_subject,
    different_accounts,
)


def account_conflict(a: Account, b: Account) -> str | None:
    for rule in ACCOUNT_RULES:
        reason = rule(a, b)
        if reason is not None:
            return reason
    return None


def competing_accounts(accounts: Sequence[Account]) -> list[Conflict]:
    out = []
    for i, a in enumerate(accounts):
        for b in accounts[i + 1 : i + 1 + 2 * ACCOUNT_WINDOW]:
            if account_conflict(a, b) is None:
                out.append(
                    Conflict(
                        "accounts: " + ", ".join(sorted({a.holder, b.holder})),
                        (
                            Claim(a.unit.text, a.holder, (a.unit.article_id,)),
                            Claim(b.unit.text, b.holder, (b.unit.article_id,)),
                        ),
                    )
                )
    return out


# ---------------------------------------------------------------- a story's conflicts
def _merge(found: Iterable[Conflict]) -> list[Conflict]:
    """The same conflict reported by several articles is one, citing them all."""
    merged: dict[tuple[str, ...], Conflict] = {}
    for c in found:
        claims = sorted(c.claims, key=lambda x: x.text)
        key = tuple(" ".join(terms(x.text, None)) for x in claims)
        old = merged.get(key)
        if old is None:
            merged[key] = Conflict(c.about, tuple(claims))
            continue
        merged[key] = Conflict(
            old.about,
            tuple(
                Claim(a.text, a.by, tuple(dict.fromkeys(a.article_ids + b.article_ids)))
                for a, b in zip(old.claims, claims, strict=False)
            ),
        )
    return list(merged.values())


def find_conflicts(articles: Sequence[Article], config: ViewConfig, morph: Any = None) -> list[Conflict]:
    """Every conflict among the articles, unranked."""
    found: list[Conflict] = []
    figures: list[Figure] = []
    accounts: list[Account] = []
    for a in articles:
        units = [u for u in article_units(a, config.max_article_chars) if u.index >= 0]
        for u in units:
            c = contrastive_attribution(u, morph)
            if c is not None:
                found.append(c)
            if is_statement(u):
                figures += _figures(u, a)
        accounts += _accounts(units, a)
    found += competing_accounts(accounts)
    found += differing_figures(figures)
    return _merge(found)


def strength(c: Conflict) -> tuple[int, int, int]:
    """Rank: conflicts cited by more articles, then named holders' versions, then shorter claims."""
    cited = len({a for x in c.claims for a in x.article_ids})
    named = 0 if " or " not in c.about else 1
    return (-cited, named, sum(len(x.text) for x in c.claims))


def conflicts(
    articles: Sequence[Article], config: ViewConfig, morph: Any = None, limit: int = MAX_CONFLICTS
) -> tuple[Conflict, ...]:
    """The story's strongest conflicts, at most ``limit`` (a page shows a handful)."""
    return tuple(sorted(find_conflicts(articles, config, morph), key=strength)[:limit])
