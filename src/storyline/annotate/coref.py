"""Entity ids: one id per real-world entity within an article and across the articles of a story.

An id is a hash of the type and the normal form of the entity's canonical mention, so the same
person gets the same id in every article. Rules, in order:

* ``person_canonical``: a full name's canonical form is "First Last" ("Владимир Владимирович Путин" and
  "Владимир Путин" are one); a surname alone ("Путину", "Захаровой") or with an initial ("В. Путин")
  takes the full name of the article with that surname (gender endings aside) when there is one.
* ``acronym_canonical``: an abbreviation takes the id of a spelled-out name of the same article whose
  initials it is ("МИД" and "Министерство иностранных дел").
* ``inflection_canonical``: a one-word name whose guessed normal form differs only in its last letter
  from a form the article writes in the nominative takes that form's id ("Ростехе" and "Ростех").
* ``role_mentions``: a role phrase right before a name ("президент России Владимир Путин",
  "азербайджанский лидер Ильхам Алиев") binds the role to that person; every other mention of the
  same role in the article ("глава Азербайджана", "российский президент") becomes a PER mention of
  the person. Roles of one kind (президент / глава / лидер of a state) count as one. A former or
  future role ("бывший президент России") and a role inside a name ("Администрация президента
  России") neither bind nor become mentions.

``unify_story_ids`` does the first two across all articles of one story.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storyline.annotate.entities_multi.keys import KeyLexicon, shipped_lexicon
from storyline.annotate.ner_rules import Mention
from storyline.annotate.normalize import common_prefix
from storyline.model import Article, Entity

FUNCTION_WORDS = frozenset({"и", "по", "в", "на", "за", "при", "для", "с", "о", "об"})
INITIAL = re.compile(r"^[А-ЯЁA-Z][а-яёa-z]?\.$")
GLUED_INITIAL = re.compile(r"(?<=\b[А-ЯЁA-Z])\.(?=\w)|(?<=\b[А-ЯЁA-Z][а-яёa-z])\.(?=\w)")
# role words and the kind of role they name (a head of state is "президент", "глава" or "лидер")
ROLE_KINDS = {
    "президент": "head",
    "глава": "head",
    "лидер": "head",
    "руководитель": "head",
    "премьер": "premier",
    "премьер-министр": "premier",
    "канцлер": "premier",
    "король": "monarch",
    "королева": "monarch",
}
ROLE_WORDS = re.compile(
    r"(?<![\w-])(президент|глав|лидер|руководител|премьер-министр|премьер|канцлер|корол)"
    r"(?:а|у|ом|е|ы|ой|ю|ем|я|ь|и|ев)?(?![\w-])",
    re.IGNORECASE,
)
# "бывший президент России", "экс-глава", "будущий премьер": the role is not the person's now
FORMER = re.compile(r"(?:бывш|экс-|прежн|будущ|избранн|покойн)[а-яё]*\s*$", re.IGNORECASE)
ADJECTIVE_BEFORE = re.compile(r"([а-яё]+(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую))\s+$", re.IGNORECASE)
# country adjectives whose stem differs from the country's name
ADJECTIVE_COUNTRIES = {
    "американский": "сша",
    "британский": "великобритания",
    "немецкий": "германия",
    "турецкий": "турция",
    "японский": "япония",
}


def entity_id(type_: str, normal: str, keys: KeyLexicon | None = None) -> str:
    """Deterministic id from the cross-lingual key of the canonical mention's type and normal form
    (``entities_multi.keys``): "Theresa May" and "Тереза Мей" get one id, in any run."""
    key = (keys or shipped_lexicon()).key(type_, normal)
    return f"{key.partition(':')[0].lower()}-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


# --------------------------------------------------------------------- people
def surname_key(word: str) -> str:
    """A surname without its gender ending: "Захарова" and "Захаров", "Лавровская" and "Лавровский"."""
    w = word.casefold().replace("ё", "е")
    if len(w) > 4 and w.endswith(("ова", "ева", "ина", "ына")):
        return w[:-1]
    if len(w) > 5 and w.endswith("ая"):
        return w[:-2] + "ий"
    return w


def _name_words(normal: str) -> list[str]:
    """Words of a name with initials apart: "Б.Обама" -> ["Б.", "Обама"]."""
    return GLUED_INITIAL.sub(". ", normal).split()


def _full_name(normal: str) -> str | None:
    """ "First Last" of a name with a real first name, else None."""
    words = _name_words(normal)
    if len(words) < 2 or INITIAL.match(words[0]):
        return None
    return f"{words[0]} {words[-1]}"


def _full_names_by_surname(normals: Iterable[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for normal in normals:
        full = _full_name(normal)
        if full and full not in index[surname_key(full.split()[-1])]:
            index[surname_key(full.split()[-1])].append(full)
    return index


def person_canonical(normal: str, index: dict[str, list[str]]) -> str:
    full = _full_name(normal)
    if full:
        return full
    words = _name_words(normal)
    candidates = index.get(surname_key(words[-1]), [])
    if len(words) > 1:  # "В. Путин": the initial must fit
        candidates = [c for c in candidates if c[:1].casefold() == words[0][:1].casefold()]
    return candidates[0] if len(candidates) == 1 else normal


# --------------------------------------------------------------------- organisations
def initials(normal: str) -> str:
    return "".join(
        w[0] for w in re.split(r"[\s-]+", normal) if w and w.casefold() not in FUNCTION_WORDS
    ).upper()


def acronym_canonical(normal: str, spelled: Iterable[str]) -> str:
    if not (normal.isupper() and 2 <= len(normal) <= 6):
        return normal
    matches = sorted({s for s in spelled if " " in s and initials(s) == normal})
    return matches[0] if len(matches) == 1 else normal


def inflection_canonical(normal: str, nominatives: Iterable[str]) -> str:
    """A one-word name whose normal form may be a wrong guess ("Ростехе" -> "Ростеха") takes the form
    the article writes in the nominative ("Ростех") when the two differ only in the last letter."""
    if " " in normal:
        return normal
    low = normal.casefold()
    matches = {
        n
        for n in nominatives
        if n != normal
        and " " not in n
        and common_prefix(low, n.casefold()) >= max(4, len(low) - 1, len(n) - 1)
    }
    return matches.pop() if len(matches) == 1 else normal


# --------------------------------------------------------------------- roles
def _role_kind(word: str, morph: Any) -> str | None:
    return ROLE_KINDS.get(morph.parse(word.lower())[0].normal_form)


def _country_of_adjective(adjective: str, places: dict[str, str], morph: Any) -> str | None:
    lemma = morph.parse(adjective.lower())[0].normal_form
    if lemma in ADJECTIVE_COUNTRIES:
        wanted = ADJECTIVE_COUNTRIES[lemma]
        return next((p for p in places if p == wanted), None)
    for place in places:
        stem = place[: max(4, len(place) - 1)]
        if len(place) >= 4 and lemma.startswith(stem):
            return place
    return None


def _roles(
    text: str, entities: Sequence[Entity], morph: Any
) -> list[tuple[int, int, tuple[str, str], Entity | None]]:
    """Role phrases: (start, stop, (kind, place), the person named right after it or None)."""
    places = {e.normal.casefold(): e.normal for e in entities if e.type == "LOC"}
    by_start = {e.start: e for e in entities}
    out = []
    for match in ROLE_WORDS.finditer(text):
        kind = _role_kind(match.group(0), morph)
        if kind is None:
            continue
        start, stop, place = match.start(), match.end(), None
        following = _next_entity(text, stop, by_start)
        if following is not None and following.type == "LOC":
            place, stop = following.normal.casefold(), following.stop
            following = _next_entity(text, stop, by_start)
        else:
            adjective = ADJECTIVE_BEFORE.search(text, max(0, start - 30), start)
            if adjective:
                place = _country_of_adjective(adjective.group(1), places, morph)
                start = adjective.start(1)
        if (
            place is None
            or FORMER.search(text, max(0, start - 12), start)
            or _inside_name(start, stop, entities)
        ):
            continue
        person = following if following is not None and following.type == "PER" else None
        out.append((start, stop, (kind, place), person))
    return out


def _inside_name(start: int, stop: int, entities: Sequence[Entity]) -> bool:
    """ "Администрация президента России" is an organisation, not a mention of the president."""
    return any(e.type != "LOC" and e.start < stop and start < e.stop for e in entities)


def _next_entity(text: str, position: int, by_start: dict[int, Entity]) -> Entity | None:
    skip = position
    while skip < len(text) and text[skip] == " ":
        skip += 1
    return by_start.get(skip) if skip > position else None


def role_mentions(text: str, entities: Sequence[Entity], morph: Any) -> list[Entity]:
    roles = _roles(text, entities, morph)
    bound: dict[tuple[str, str], Entity] = {}
    for _, _, key, person in roles:
        if person is not None:
            bound.setdefault(key, person)
    out = []
    for start, stop, key, person in roles:
        target = bound.get(key)
        if person is None and target is not None:
            out.append(Entity(text[start:stop], target.normal, "PER", start, stop, target.entity_id))
    return out


# --------------------------------------------------------------------- entry points
def resolve(
    text: str,
    mentions: Sequence[Mention],
    normals: Sequence[str],
    morph: Any,
    keys: KeyLexicon | None = None,
    roles: bool = True,
) -> tuple[Entity, ...]:
    """Entities of one article with ids shared by the mentions of one real-world entity. ``roles``:
    add the Russian role phrases ("российский президент") as mentions of the person they name."""
    index = _full_names_by_surname(n for m, n in zip(mentions, normals, strict=True) if m.type == "PER")
    spelled: dict[str, set[str]] = defaultdict(set)  # an ORG abbreviation stands for an ORG name only
    nominatives: dict[str, set[str]] = defaultdict(set)  # names written in the nominative
    for m, n in zip(mentions, normals, strict=True):
        spelled[m.type].add(n)
        if " ".join(text[m.start : m.stop].split()) == n:
            nominatives[m.type].add(n)
    out = []
    for m, normal in zip(mentions, normals, strict=True):
        if m.type == "PER":
            canonical = person_canonical(normal, index)
            canonical = _full_name(canonical) or canonical
        else:
            normal = inflection_canonical(normal, nominatives[m.type])  # a better normal form too
            canonical = acronym_canonical(normal, spelled[m.type])
        surface = text[m.start : m.stop]
        out.append(Entity(surface, normal, m.type, m.start, m.stop, entity_id(m.type, canonical, keys)))
    if roles:
        out.extend(role_mentions(text, out, morph))
    return tuple(sorted(out, key=lambda e: (e.start, e.stop)))


def story_entity_map(articles: Sequence[Article]) -> dict[str, tuple[str, str]]:
    """Shared ids for the entities of one story's articles: a surname alone (or an abbreviation) in one
    article takes the id of the one full name (spelled-out name) with that surname seen in any article of
    the story. Returns old id -> (new id, canonical normal form) for the ids that change."""
    entities = [e for a in articles for e in a.entities]
    index = _full_names_by_surname(e.normal for e in entities if e.type == "PER")
    spelled: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        spelled[e.type].add(e.normal)
    remap: dict[str, tuple[str, str]] = {}
    for e in entities:
        if e.type == "PER":
            canonical = person_canonical(e.normal, index)
            canonical = _full_name(canonical) or canonical
        else:
            canonical = acronym_canonical(e.normal, spelled[e.type])
        if e.entity_id == entity_id(e.type, e.normal) and canonical != e.normal:
            remap[e.entity_id] = (entity_id(e.type, canonical), canonical)
    return remap


def apply_entity_map(article: Article, remap: Mapping[str, tuple[str, str]]) -> Article:
    """The article with story-wide entity ids; quotes whose speaker is such an entity follow it (id and
    normal form)."""
    if not remap:
        return article
    return dataclasses.replace(
        article,
        entities=tuple(
            dataclasses.replace(e, entity_id=remap[e.entity_id][0]) if e.entity_id in remap else e
            for e in article.entities
        ),
        quotes=tuple(
            dataclasses.replace(q, speaker_entity_id=remap[sid][0], speaker=remap[sid][1])
            if (sid := q.speaker_entity_id) is not None and sid in remap
            else q
            for q in article.quotes
        ),
    )


def unify_story_ids(articles: Sequence[Article]) -> list[Article]:
    """The articles of one story with story-wide entity ids (``story_entity_map``)."""
    remap = story_entity_map(articles)
    return [apply_entity_map(a, remap) for a in articles]
