"""Fix-up rules over slovnet's NER spans.

Each rule is a small named function ``(text, mentions, morph) -> mentions``, testable on one line of
real text. They run in the order of ``RULES``:

* ``split_at_breaks``: a span never runs over a line break, a bullet or a comma-separated list
  ("Бахрейн • Барбадос", "Овечкин, Фёдоров").
* ``split_parentheses``: "Союз координационных советов (СКС)" and "Джоэл Саймон (Joel Simon)" are two
  names each, not one.
* ``trim_edges``: no punctuation, unbalanced quotes or spaces at either end of a span.
* ``legal_form_names``: "ОАО «Газпром»", "концерн «Майкрософт»": the organisation's name is the quoted
  part.
* ``join_initials``: initials before a surname belong to the name ("Дж.Коми", "Б. Обама").
* ``abbreviation_types``: well-known Russian abbreviations get their type whether slovnet found them or
  not (МИД, СК, СНГ, ЕС -> ORG; РФ, США -> LOC); abbreviations that name no entity (СМИ) are dropped.
* ``fixed_types``: names whose type slovnet gets wrong in a known way (the European Union is an
  organisation, not a place).
* ``drop_common_words_as_people``: a one-word PER that the dictionary knows only as a common word
  ("Политика" rubric, "Супруга", "Маэстро") is dropped unless the word is part of a longer name in
  the same text; such a word in front of a name is cut off ("Встреча Путина" -> "Путина").
* ``plural_surnames``: "братья Сафаровы", "супругов Скрипаль": the capitalised word after a kinship
  plural is a PER.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.annotate.normalize import normal_name
from storyline.model import EntityType


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    stop: int
    type: EntityType


Rule = Callable[[str, list[Mention], Any], list[Mention]]

BREAKS = re.compile(r"\n|•|·|;|,\s")
EDGE_CHARS = " \t\n.,;:!?()[]-–—•·\"'«»„“”"
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# abbreviations in common use in Russian news, with their type (ORG for bodies, LOC for states)
ABBREVIATIONS: dict[str, EntityType] = {
    **dict.fromkeys(
        [
            "МИД",
            "СК",
            "МВД",
            "ФСБ",
            "СВР",
            "ФСО",
            "ФСИН",
            "МЧС",
            "ГД",
            "СФ",
            "ЦБ",
            "ЦИК",
            "ООН",
            "СНГ",
            "ЕС",
            "НАТО",
            "ОДКБ",
            "ЕАЭС",
            "ШОС",
            "БРИКС",
            "ОБСЕ",
            "ПАСЕ",
            "ВОЗ",
            "ВТО",
            "МАГАТЭ",
            "ОПЕК",
            "МОК",
            "ФИФА",
            "УЕФА",
            "ЕСПЧ",
            "МУС",
            "ЕЦБ",
            "МВФ",
            "ВСУ",
            "ВКС",
            "ВМФ",
            "ЦРУ",
            "ФБР",
            "АНБ",
            "ГРУ",
            "КГБ",
            "ФАС",
            "ФНС",
            "ФСБ",
            "ФТС",
            "РПЦ",
            "КПРФ",
            "ЛДПР",
            "МГУ",
            "СПбГУ",
            "РАН",
            "ФБК",
            "ОЗХО",
            "МККК",
            "ЮНЕСКО",
            "ЮНИСЕФ",
        ],
        "ORG",
    ),
    **dict.fromkeys(["РФ", "США", "КНР", "КНДР", "ФРГ", "ОАЭ", "ЮАР", "ДНР", "ЛНР", "СССР"], "LOC"),
}
# abbreviations that name a kind of thing, not an entity
NOT_ENTITIES = frozenset(["СМИ", "ВВП", "ДТП", "ЧП", "ИИ", "НКО", "СИЗО", "ЖКХ", "ВУЗ", "ОПГ"])
# normal forms with a fixed type
FIXED_TYPES: dict[str, EntityType] = {
    "евросоюз": "ORG",
    "европейский союз": "ORG",
    "еврокомиссия": "ORG",
    "европейская комиссия": "ORG",
    "европарламент": "ORG",
    "европейский парламент": "ORG",
}
# plural kinship words before a family name: "братья Сафаровы", "супругов Скрипаль", "семья Ивановых"
KIN_WORD = (
    r"(?:брать(?:я|ев|ям|ями)|супруг(?:и|ов|ам|ами)|сест[её]р|сёстры|сестры|сестрам|семь[яиею]|чет(?:а|ы|у))"
)
KIN_PLURALS = re.compile(rf"\b{KIN_WORD}\s+([А-ЯЁ][а-яё]+(?:ы|ых|ым|ыми|ие|их|им|ими))\b")
KIN_BEFORE = re.compile(rf"(?i:{KIN_WORD})\s+$")
NAME_TAGS = ("Name", "Surn", "Patr")
INITIALS_BEFORE = re.compile(r"(?<![\w.])(?:[А-ЯЁA-Z][а-яёa-z]?\.\s?){1,2}$")
LEGAL_FORM = re.compile(
    r"(?:ОАО|ЗАО|ООО|ПАО|АО|ГУП|МУП|ФГУП|НКО|АНО|НП|(?i:компани|концерн|корпораци|холдинг|фирм)[а-яё]*)"
    r"\s+«([^«»]+)»"
)


def _pieces(text: str, m: Mention, pattern: re.Pattern[str]) -> list[Mention]:
    out = []
    start = m.start
    for sep in pattern.finditer(text, m.start, m.stop):
        if sep.start() > start:
            out.append(Mention(start, sep.start(), m.type))
        start = sep.end()
    if start < m.stop:
        out.append(Mention(start, m.stop, m.type))
    return out


def split_at_breaks(text: str, mentions: list[Mention], morph: Any) -> list[Mention]:
    return [p for m in mentions for p in _pieces(text, m, BREAKS)]


PARENS = re.compile(r"[()]")


def split_parentheses(text: str, mentions: list[Mention], morph: Any) -> list[Mention]:
    return [p for m in mentions for p in _pieces(text, m, PARENS)]


def trim_edges(text: str, mentions: list[Mention], morph: Any) -> list[Mention]:
    out = []
    for m in mentions:
        start, stop = m.start, m.stop
        while start < stop and text[start] in EDGE_CHARS and not _closed_quote(text, start, stop):
            start += 1
        while stop > start and text[stop - 1] in EDGE_CHARS and not _opened_quote(text, start, stop):
            stop -= 1
        if stop > start and any(ch.isalnum() for ch in text[start:stop]):
            out.append(Mention(start, stop, m.type))
    return out


def _closed_quote(text: str, start: int, stop: int) -> bool:
    """An opening « at ``start`` whose » is inside the span stays ('«Газпром»')."""
    return text[start] == "«" and "»" in text[start + 1 : stop]


def _opened_quote(text: str, start: int, stop: int) -> bool:
    """A closing » at ``stop - 1`` whose « is inside the span stays ('ОАО «Газпром»')."""
    return text[stop - 1] == "»" and "«" in text[start : stop - 1]


def legal_form_names(text: str, mentions: list[Mention], morph: Any) -> list[Mention]:
    """'ОАО «Газпром»', 'концерн «Майкрософт»': the name is what stands in the quotes."""
    out = []
    for m in mentions:
        match = LEGAL_FORM.fullmatch(text, m.start, m.stop) if m.type == "ORG" else None
        out.append(Mention(match.start(1), match.end(1), "ORG") if match else m)
    return out


def join_initials(text: str, mentions: list[Mention], morph: Any) -> list[Mention]:
    """ "Дж.Коми", "Б. Обама", "А.Колчака": initials before a surname belong to the name."""
    out = []
    for m in mentions:
        if m.type == "PER":
            before = INITIALS_BEFORE.search(text, max(0, m.start - 12), m.start)
            if before:
                m = Mention(before.start(), m.stop, "PER")
        out.append(m)
    # a lone initial the tagger split off ("Дж" of "Дж.Коми") is now inside the name
    return [m for m in out if not any(o != m and o.start <= m.start and m.stop <= o.stop for o in out)]


def abbreviation_types(text: str, mentions: list[Mention], morph: Any) -> list[Mention]:
    out = []
    taken = [False] * (len(text) + 1)
    for m in mentions:
        surface = text[m.start : m.stop]
        if surface in NOT_ENTITIES:
            continue
        type_ = ABBREVIATIONS.get(surface, m.type)
        out.append(Mention(m.start, m.stop, type_))
        for i in range(m.start, m.stop):
            taken[i] = True
    for match in re.finditer(r"(?<![\w-])([А-ЯЁ]{2,6})(?![\w-])", text):
        found = ABBREVIATIONS.get(match.group(1))
        if found and not any(taken[match.start() : match.end()]):
            out.append(Mention(match.start(), match.end(), found))
    return out


def fixed_types(text: str, mentions: list[Mention], morph: Any) -> list[Mention]:
    out = []
    for m in mentions:
        if m.type != "PER":
            normal = normal_name(morph, tuple(text[m.start : m.stop].split())).lower()
            m = Mention(m.start, m.stop, FIXED_TYPES.get(normal, m.type))
        out.append(m)
    return out


def _common_word_only(morph: Any, word: str) -> bool:
    if not word.isalpha() or not morph.word_is_known(word.lower()):
        return False
    return not any(any(t in p.tag for t in NAME_TAGS) for p in morph.parse(word.lower()))


def _strip_leading_common_words(text: str, m: Mention, morph: Any) -> Mention:
    """ "Встреча Путина" -> "Путина": a capitalised common word glued to the front of a name."""
    start = m.start
    before = text[max(0, start - 3) : start].rstrip(" ")
    if before and before[-1] not in '.!?\n»"':
        return m  # only a sentence's first word is capitalised for no other reason
    while True:
        word = WORD.match(text, start, m.stop)
        rest = text.find(" ", start, m.stop)
        if not word or rest < 0 or not _common_word_only(morph, word.group(0)) or word.end() != rest:
            return Mention(start, m.stop, m.type)
        start = rest + 1


def drop_common_words_as_people(text: str, mentions: list[Mention], morph: Any) -> list[Mention]:
    mentions = [_strip_leading_common_words(text, m, morph) if m.type == "PER" else m for m in mentions]
    in_long_names = {
        w.lower() for m in mentions if m.type == "PER" for w in text[m.start : m.stop].split()[1:]
    }
    out = []
    for m in mentions:
        surface = text[m.start : m.stop]
        if (
            m.type == "PER"
            and " " not in surface
            and surface.lower() not in in_long_names
            and _common_word_only(morph, surface)
        ):
            continue
        out.append(m)
    return out


def plural_surnames(text: str, mentions: list[Mention], morph: Any) -> list[Mention]:
    out = list(mentions)
    for match in KIN_PLURALS.finditer(text):
        start, stop = match.span(1)
        if not any(m.start < stop and start < m.stop for m in mentions):
            out.append(Mention(start, stop, "PER"))
    return out


RULES: tuple[tuple[str, Rule], ...] = (
    ("split_at_breaks", split_at_breaks),
    ("split_parentheses", split_parentheses),
    ("trim_edges", trim_edges),
    ("legal_form_names", legal_form_names),
    ("join_initials", join_initials),
    ("abbreviation_types", abbreviation_types),
    ("fixed_types", fixed_types),
    ("drop_common_words_as_people", drop_common_words_as_people),
    ("plural_surnames", plural_surnames),
)


def apply_rules(text: str, mentions: Sequence[Mention], morph: Any) -> tuple[Mention, ...]:
    out = list(mentions)
    for _, rule in RULES:
        out = rule(text, out, morph)
    unique: dict[tuple[int, int], Mention] = {}
    for m in out:
        unique.setdefault((m.start, m.stop), m)  # one type per span: the first rule's word stands
    return tuple(sorted(unique.values(), key=lambda m: (m.start, m.stop)))
