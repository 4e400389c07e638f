"""Normal (nominative, canonical) forms of entity mentions with pymorphy3, no syntax model.

People: every word goes to the nominative in the one case, number and gender that fits the most words
of the name ("Ильхамом Алиевым" -> "Ильхам Алиев", "Марии Захаровой" -> "Мария Захарова").
Organisations and places: the leading adjectives and the head noun go to the nominative, agreeing with
the head; what follows the head (genitive complements, quoted names) stays as written
("Азербайджанских авиалиний" -> "Азербайджанские авиалинии", "Министерства иностранных дел России" ->
"Министерство иностранных дел России", "Кремля" -> "Кремль").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

CYRILLIC_WORD = re.compile(r"^[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*$")
QUOTE_OPEN = "«\"„“'"
# pymorphy's secondary cases count as the main ones when names agree
CASE_ALIAS = {"gen2": "gent", "gen1": "gent", "loc2": "loct", "loc1": "loct", "acc2": "accs"}
NAME_TAGS = ("Name", "Surn", "Patr")
PLURAL_PENALTY = 1.0  # a name is read as plural only when no singular reading fits about as well
UNKNOWN_AS_IS = 0.3
# "Гэвина Уильямсона" reads as a man's name in the genitive or a woman's in the nominative; news
# name men more often, so a tie goes to the man
MASCULINE_PRIOR = 0.1
ALONE_NOMINATIVE = 1.0  # a name on a line of its own is in the nominative
FOREIGN_DECLENSION = 0.4  # an unknown name after a consonant stem: "Рааба", "Меллону", "Кэмероном"
FOREIGN_ENDING = re.compile(r"^([А-ЯЁа-яё]*[бвгджзклмнпрстфхцчшщ])(а|у|ом|е)$")
FOREIGN_SOFT_ENDING = re.compile(r"^([А-ЯЁа-яё]*[бвгдзклмнпрстфх])(я|ю|ем)$")
FOREIGN_ENDINGS = {
    "а": ("gent", "accs"),
    "у": ("datv",),
    "ом": ("ablt",),
    "е": ("loct",),
    "я": ("gent", "accs"),
    "ю": ("datv",),
    "ем": ("ablt",),
}
INITIALS = re.compile(
    r"^((?:[А-ЯЁA-Z][а-яёa-z]?\.)+)(\w.*)$"
)  # weight of "written as is, nominative" for a word the dictionary does not know
HEAD_PLURAL_PENALTY = 0.3  # "Даунинг стрит" is one street; a plural head needs the better reading
NOUN_POS = frozenset({"NOUN"})
ADJ_POS = frozenset({"ADJF", "PRTF"})


@dataclass(frozen=True, slots=True)
class _Reading:
    pos: str
    case: str
    number: str
    gender: str | None
    score: float
    parse: Any
    name_tag: str | None  # Name / Surn / Patr when the reading is a personal name
    as_is: str | None = None  # the nominative itself when there is no dictionary parse


def restore_case(original: str, word: str) -> str:
    """Write ``word`` with the capitalisation of ``original`` (all caps, or capitals per hyphen part)."""
    if len(original) > 1 and original.isupper():
        return word.upper()
    lead = len(original) - len(original.lstrip("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    if lead >= 2:  # an abbreviation with a case ending: "МИДа" -> "МИД"
        return word[:lead].upper() + word[lead:]
    parts = word.split("-")
    originals = original.split("-")
    if len(parts) != len(originals):
        return word[:1].upper() + word[1:] if original[:1].isupper() else word
    return "-".join(
        p[:1].upper() + p[1:] if o[:1].isupper() else p for p, o in zip(parts, originals, strict=False)
    )


def _readings(morph: Any, word: str, pos: frozenset[str]) -> list[_Reading]:
    out = []
    known = morph.word_is_known(word.lower())
    for p in morph.parse(word.lower()):
        tag = p.tag
        if tag.POS not in pos or tag.case is None:
            continue
        # a guessed parse's name tag is a guess from the word's ending, not evidence
        name_tag = next((t for t in NAME_TAGS if t in tag), None) if known else None
        gender = str(tag.gender) if tag.gender else ("ms-f" if "ms-f" in tag else None)
        case = CASE_ALIAS.get(str(tag.case), str(tag.case))
        out.append(_Reading(str(tag.POS), case, str(tag.number or "sing"), gender, p.score, p, name_tag))
    if out and not known:
        # a guessed word may just as well be a foreign name that does not decline: "Пашинян"
        out.append(_Reading("NOUN", "nomn", "sing", None, UNKNOWN_AS_IS, None, None))
    return out


def _foreign_declension(word: str) -> list[_Reading]:
    """Readings of an unknown name as a foreign masculine noun declined the Russian way:
    "Рааба" -> Рааб (genitive), "Меллону" -> Меллон, "Кэмероном" -> Кэмерон, "Джонсоне" -> Джонсон."""
    match = FOREIGN_ENDING.match(word)
    if match:
        stem, ending = match.groups()
    elif match := FOREIGN_SOFT_ENDING.match(word):
        stem, ending = match.group(1) + "ь", match.group(2)  # "Скрипаля" -> Скрипаль
    else:
        return []
    return [
        _Reading("NOUN", case, "sing", "masc", FOREIGN_DECLENSION, None, "Foreign", stem)
        for case in FOREIGN_ENDINGS[ending.lower()]
    ]


def _gender_fits(reading: _Reading, gender: str | None) -> bool:
    return gender is None or reading.gender in (None, gender, "ms-f") or reading.number == "plur"


def _inflect(reading: _Reading, number: str, original: str) -> str:
    if reading.as_is is not None:
        return reading.as_is
    if reading.parse is None or "Fixd" in reading.parse.tag:
        return original
    if reading.pos == "ADJF":
        form = _adjective_nominative(reading.parse, number, original.lower())
    else:
        form = reading.parse.inflect({"nomn", number}) or reading.parse.inflect({"nomn"})
    if form is None:
        return original
    word = form.word if "ё" in original.lower() else form.word.replace("ё", "е")
    return restore_case(original, word)


def common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of two strings."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _adjective_nominative(parse: Any, number: str, original: str) -> Any:
    """The nominative of the same adjective closest in spelling to the original: "Высшего" -> "Высший"
    (``inflect`` may give another degree, "высочайший")."""
    gender = parse.tag.gender if number == "sing" else None
    forms = [
        f
        for f in parse.lexeme
        if f.tag.case == "nomn"
        and f.tag.number == number
        and (gender is None or f.tag.gender == gender)
        and f.tag.POS == parse.tag.POS
    ]
    return max(forms, key=lambda f: common_prefix(f.word.replace("ё", "е"), original), default=None)


# --------------------------------------------------------------------- people
def _person_role(index: int, size: int) -> str | None:
    """The name part a word most likely is, from its place in the name."""
    if size == 1:
        return None
    if index == size - 1:
        return "Surn"
    if index == 0:
        return "Name"
    return "Patr" if size == 3 else None


def _best_person_reading(
    readings: list[_Reading], case: str, number: str, gender: str | None, role: str | None
) -> tuple[float, _Reading | None]:
    best: tuple[float, _Reading | None] = (-1.0, None)
    for r in readings:
        if r.case != case or r.number != number or not _gender_fits(r, gender):
            continue
        score = r.score + (0.5 if r.name_tag else 0.0) + (0.5 if role and r.name_tag == role else 0.0)
        if score > best[0]:
            best = (score, r)
    return best


@functools.lru_cache(maxsize=100_000)
def normal_person(morph: Any, words: tuple[str, ...], plural: bool = False, alone: bool = False) -> str:
    """Nominative of a personal name; ``plural`` keeps plural surnames ("братьев Сафаровых" -> "Сафаровы");
    ``alone``: the name is a line of its own (a byline, a caption), which is written in the nominative
    ("Александра Озерова" is then a woman, not a man in the genitive)."""
    initials = [INITIALS.match(w) for w in words]
    prefixes = [m.group(1) if m else "" for m in initials]
    words = tuple(m.group(2) if m else w for m, w in zip(initials, words, strict=True))
    readings = [_readings(morph, w, NOUN_POS) if CYRILLIC_WORD.match(w) else [] for w in words]
    for w, rs in zip(words, readings, strict=True):
        if rs and not any(r.name_tag for r in rs):  # unknown, or known only as another word ("Пикалева")
            rs.extend(_foreign_declension(w))
    keys = {
        (r.case, r.number, g)
        for rs in readings
        for r in rs
        for g in ((r.gender,) if r.gender in ("masc", "femn") else ("masc", "femn"))
    }
    best: tuple[float, list[_Reading | None], str] = (-1e9, [None] * len(words), "sing")
    for case, number, gender in sorted(keys):  # sorted: ties break the same way in every run
        total = 0.0 if (number == "plur") == plural else -PLURAL_PENALTY
        total += MASCULINE_PRIOR if gender == "masc" else 0.0
        total += ALONE_NOMINATIVE if alone and case == "nomn" else 0.0
        chosen: list[_Reading | None] = []
        for i, rs in enumerate(readings):
            score, reading = _best_person_reading(rs, case, number, gender, _person_role(i, len(words)))
            chosen.append(reading)
            total += score if reading else (-1.0 if rs else 0.0)
        if total > best[0]:
            best = (total, chosen, number)
    _, chosen, number = best
    return " ".join(
        p + (_inflect(r, number, w) if r else w) for p, w, r in zip(prefixes, words, chosen, strict=True)
    )


# --------------------------------------------------------------------- organisations and places
def _head_index(words: tuple[str, ...], readings: list[list[_Reading]], adjectives: list[bool]) -> int:
    """First word that can be a noun after a run of words that can be adjectives."""
    for i, w in enumerate(words):
        if w[:1] in QUOTE_OPEN or not CYRILLIC_WORD.match(w):
            return i
        if any(r.pos in NOUN_POS for r in readings[i]):
            if not adjectives[i] or i == len(words) - 1:
                return i
            # an adjective-noun homonym: a noun only if the next word cannot be the head
            nxt = readings[i + 1]
            if not any(r.pos in NOUN_POS or r.pos in ADJ_POS for r in nxt):
                return i
        elif not adjectives[i]:
            return i
    return len(words) - 1


@functools.lru_cache(maxsize=100_000)
def normal_name(morph: Any, words: tuple[str, ...]) -> str:
    """Nominative of an organisation or place name: leading adjectives and the head noun."""
    if not words:
        return ""
    readings = [_readings(morph, w, NOUN_POS | ADJ_POS) if CYRILLIC_WORD.match(w) else [] for w in words]
    adjectives = [any(r.pos in ADJ_POS for r in rs) for rs in readings]
    head = _head_index(words, readings, adjectives)
    head_nouns = [r for r in readings[head] if r.pos in NOUN_POS]
    if head_nouns and not morph.word_is_known(words[head].lower()):
        head_nouns += _foreign_declension(words[head])  # "Ростехе" -> Ростех
    best: tuple[float, list[_Reading | None]] = (-1e9, [])
    candidates: list[_Reading | None] = [*head_nouns] or [None]
    for hr in candidates:
        total = (hr.score - (HEAD_PLURAL_PENALTY if hr.number == "plur" else 0.0)) if hr else 0.0
        chosen: list[_Reading | None] = []
        for i in range(head):
            fits = [
                r
                for r in readings[i]
                if r.pos in ADJ_POS
                and (hr is None or (r.case == hr.case and r.number == hr.number))
                and (hr is None or hr.number == "plur" or _gender_fits(r, hr.gender))
            ]
            pick = max(fits, key=lambda r: r.score) if fits else None
            chosen.append(pick)
            total += pick.score if pick else -1.0
        chosen.append(hr)
        if total > best[0]:
            best = (total, chosen)
    chosen = best[1]
    head_reading = chosen[head]
    number = head_reading.number if head_reading else "sing"
    out = [
        w if not r or (i == head and w.isupper()) else _inflect(r, number, w)  # abbreviations do not decline
        for i, (w, r) in enumerate(zip(words[: head + 1], chosen, strict=True))
    ]
    return " ".join(out + list(words[head + 1 :]))
