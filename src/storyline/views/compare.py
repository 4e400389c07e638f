"""What each outlet reports, where the accounts conflict, and who said what.

* Facts: statements of all the story's articles grouped by wording (stemmed-term cosine); each fact
  lists the outlets that report it and is marked when only one outlet has it.
* Conflicts, from general rules (``CONFLICT_RULES``): contrastive attribution inside one sentence
  ("по версии СК — …, по версии Азербайджана — …", "according to X …, according to Y …"), and
  different figures for the same counted noun in sentences about the same thing.
* Quotes: the articles' quotes, the same quote reported by several articles merged into one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.annotate.quotes.speakers import nominative
from storyline.config import ViewConfig
from storyline.model import Article, Claim, Conflict, OutletFact, StoryQuote
from storyline.views.summary import Scored, candidates, pick
from storyline.views.units import Unit, article_units, cosine, is_statement, outlet_of, stem, terms


# ---------------------------------------------------------------- facts per outlet
def outlet_facts(articles: Sequence[Article], config: ViewConfig) -> tuple[OutletFact, ...]:
    """The story's main facts, each with the outlets reporting it; ``only`` names a sole outlet.

    A fact is a central sentence together with every article that has a sentence saying the same
    thing; facts several outlets share come first, then facts only one outlet has."""
    pool = candidates(articles, config)
    outlet = {a.id: outlet_of(a.source, a.id) for a in articles}
    in_story = set(outlet.values())

    def names(s: Scored) -> tuple[str, ...]:
        return tuple(sorted({outlet[a] for a in s.cited}))

    ranked = sorted(pool, key=lambda s: (-len(names(s)), -s.score))
    shared = [s for s in ranked if len(names(s)) > 1]
    single = [s for s in ranked if len(names(s)) == 1]
    chosen = pick(shared, [], max(1, config.max_facts // 2), config.redundancy, keep_order=True)
    chosen += pick(single, chosen, config.max_facts - len(chosen), config.redundancy, keep_order=True)
    out = []
    for s in chosen:
        n = names(s)
        only = n[0] if len(n) == 1 and len(in_story) > 1 else None
        out.append(OutletFact(s.unit.text, n, s.cited, only))
    return tuple(out)


# ---------------------------------------------------------------- conflicts
ATTRIBUTION = re.compile(
    r"(?:по\s+версии|по\s+данным|по\s+словам|по\s+мнению|по\s+информации|по\s+оценке|согласно|"
    r"according\s+to|según|selon|secondo|d'après)\s+",
    re.IGNORECASE,
)
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


def contrastive_attribution(u: Unit, morph: Any = None) -> Conflict | None:
    """One sentence gives two sources' versions: "по версии X — A, по версии Y — B". With ``morph``
    (pymorphy3) the source is named in the nominative ("российского СК" -> "российский СК")."""
    marks = list(ATTRIBUTION.finditer(u.text))
    if len(marks) < 2:
        return None
    claims: list[Claim] = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(u.text)
        parsed = _holder_and_claim(u.text[m.end() : end])
        if parsed is None:
            continue
        holder, claim = parsed
        who = nominative(holder.split(), morph) if u.language in ("ru", None) else holder
        claims.append(
            Claim(f"{u.text[m.start() : m.end()].strip()} {holder} — {claim}", who, (u.article_id,))
        )
    if len({c.by for c in claims}) < 2:
        return None
    about = u.text[: marks[0].start()].strip(" :—–,") or u.text
    return Conflict(about, tuple(claims))


FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?)\s+([^\W\d_]{3,})")
# nouns after a number that name a time, not a counted thing ("2024 года", "9 октября", "20 лет")
NOT_COUNTED = re.compile(
    r"^(?:год|лет|г\b|век|январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
    r"час|минут|секунд|день|дня|дней|недел|месяц|year|month|day|hour|minute|week|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|año|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|an|"
    r"gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|anni)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Figure:
    number: str
    noun: str  # stemmed
    written: str
    context: frozenset[str]  # stems of the words just before the number and just after the noun


def _figures(u: Unit) -> list[Figure]:
    """Counted things: "погибли 38 человек" -> 38, человек, {погибл, ...}."""
    out = []
    for m in FIGURE.finditer(u.text):
        noun = m.group(2)
        if NOT_COUNTED.match(noun):
            continue
        before = terms(u.text[max(0, m.start() - 40) : m.start()], u.language)[-3:]
        after = terms(u.text[m.end() : m.end() + 25], u.language)[:2]
        context = frozenset(t for t in before + after if not t[0].isdigit())
        number = m.group(1).replace(" ", "").replace("\u00a0", "")
        out.append(Figure(number, stem(noun, u.language), noun, context))
    return out


def _words_only(u: Unit) -> dict[str, float]:
    return {t: float(c) for t, c in u.bag.items() if not t[0].isdigit()}


def differing_figures(units: Sequence[Unit], threshold: float) -> list[Conflict]:
    """Articles of one story give different numbers for the same counted noun, said of the same thing
    (the words around the figure overlap and the sentences are alike)."""
    rows = [(u, f) for u in units for f in _figures(u)]
    out: list[Conflict] = []
    done: set[tuple[str, str, str]] = set()
    for i, (u, f) in enumerate(rows):
        for v, g in rows[i + 1 :]:
            if g.noun != f.noun or g.number == f.number or v.article_id == u.article_id:
                continue
            key = (f.noun, u.article_id, v.article_id)
            if key in done or not f.context & g.context:
                continue
            if cosine(_words_only(u), _words_only(v)) < threshold:
                continue
            done.add(key)
            out.append(
                Conflict(
                    f"{f.written}: {f.number} or {g.number}",
                    (
                        Claim(u.text, outlet_of(u.source, u.article_id), (u.article_id,)),
                        Claim(v.text, outlet_of(v.source, v.article_id), (v.article_id,)),
                    ),
                )
            )
    return out


CONFLICT_RULES: tuple[Callable[[Unit, Any], Conflict | None], ...] = (contrastive_attribution,)


def conflicts(articles: Sequence[Article], config: ViewConfig, morph: Any = None) -> tuple[Conflict, ...]:
    units = [u for a in articles for u in article_units(a, config.max_article_chars) if u.index >= 0]
    out: list[Conflict] = []
    for u in units:
        for rule in CONFLICT_RULES:
            c = rule(u, morph)
            if c is not None:
                out.append(c)
    out += differing_figures([u for u in units if is_statement(u)], config.merge_threshold)
    merged: dict[tuple[str, ...], Conflict] = {}
    for c in out:  # the same conflict reported by several articles: cite them all
        key = tuple(sorted(" ".join(terms(x.text, None)) for x in c.claims))
        if key in merged:
            old = merged[key]
            claims = tuple(
                Claim(a.text, a.by, tuple(dict.fromkeys(a.article_ids + b.article_ids)))
                for a, b in zip(old.claims, sorted(c.claims, key=lambda x: x.text), strict=False)
            )
            merged[key] = Conflict(old.about, claims)
        else:
            merged[key] = Conflict(c.about, tuple(sorted(c.claims, key=lambda x: x.text)))
    return tuple(merged.values())


# ---------------------------------------------------------------- quotes
def story_quotes(articles: Sequence[Article], config: ViewConfig) -> tuple[StoryQuote, ...]:
    """Who said what, when first reported, and by which outlets; one entry per quote."""
    found: list[tuple[StoryQuote, dict[str, float]]] = []
    for a in sorted(articles, key=lambda a: a.published or ""):
        for q in a.quotes:
            vec = {t: 1.0 for t in terms(q.text, a.language)}
            if not vec:
                continue
            outlet = outlet_of(a.source, a.id)
            for k, (sq, v) in enumerate(found):
                same_speaker = not sq.speaker or not q.speaker or sq.speaker == q.speaker
                if same_speaker and cosine(vec, v) >= 0.6:
                    found[k] = (
                        StoryQuote(
                            sq.text if len(sq.text) >= len(q.text) else q.text,
                            sq.speaker or q.speaker,
                            sq.date,
                            tuple(dict.fromkeys((*sq.article_ids, a.id))),
                            tuple(dict.fromkeys((*sq.outlets, outlet))),
                        ),
                        v,
                    )
                    break
            else:
                found.append((StoryQuote(q.text, q.speaker, a.day, (a.id,), (outlet,)), vec))
    return tuple(sq for sq, _ in found)
