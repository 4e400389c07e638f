"""Who is speaking: a speaker phrase resolved to an entity, a pronoun to its antecedent, a role to the
speaker named before it.

Rules, in order, for the phrase that names the speaker ("сказал он", "отметил Песков", "говорится в
сообщении пресс-службы", "по словам президента"):

1. ``pronoun``: "он"/"она"/"его" is the previous speaker when the previous quote ends in this or the
   previous sentence, else the first person of the previous sentence of the right gender, else the last
   person named before (outside quotations).
2. ``person``: a person entity inside the phrase (role mentions resolved by the entity stage count).
3. ``organisation unit``: "пресс-служба ...", "мэрия города": the phrase itself, in the nominative
   case when morphology is available (with the id of an organisation named inside it).
4. ``organisation``: an organisation (or, for a short phrase, a place: "по версии Азербайджана").
5. ``role``: a singular role noun without a name ("парламентарий", "собеседник агентства") is the
   previous speaker, else the phrase.
6. otherwise the phrase as written ("опрошенные РБК эксперты"), without an entity id.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.annotate.quotes.lexicon import RU, Lexicon
from storyline.annotate.quotes.text import ALL_UPPER, Layout
from storyline.model import Entity

ABBREVIATION = re.compile(r"^[A-ZА-ЯЁ]{2,6}$")
_WORD = rf"[{ALL_UPPER}][^\W\d_]+(?:[-'’][^\W\d_]+)*"
_PARTICLE = (
    r"(?:de|la|del|al|el|von|van|der|den|bin|ibn|ben|di|da|du|le|dos|das|фон|дер|ван|де|аль|ель|бін|ібн)"
)
# a capitalised name phrase: "Peter Cook", "Mustafá Kamel al Sayyid", "Bachar al-Assad", "Урсула фон дер
# Ляєн" (no NER for the language)
NAME = re.compile(rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*(?:{_PARTICLE}-)?{_WORD})*")
COUNTRY_ALIASES = {"рф": "росс", "сша": "амер"}
ROLE_WORDS = frozenset({"лидер", "президент", "глава", "премьер", "государства", "страны", "министр"})


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    entity_id: str | None
    gender: str  # "m", "f", "p" (plural) or "?"
    stop: int  # where the quote that named this speaker ends


def gender_of(name: str, lex: Lexicon = RU) -> str:
    words = name.split()
    if not words:
        return "?"
    female = lex.female_name
    if female.search(words[-1].lower()) or (len(words) > 1 and female.search(name.lower())):
        return "f"
    return "m" if lex.language == "ru" else "?"  # beyond Russian a name that is not female says nothing


def _compatible(wanted: str, gender: str) -> bool:
    return wanted == "?" or gender == "?" or wanted == gender


class SpeakerResolver:
    """Resolves speaker phrases of one article in text order, remembering the previous speaker."""

    def __init__(
        self, text: str, entities: Sequence[Entity], layout: Layout, morph: Any = None, lex: Lexicon = RU
    ) -> None:
        self.lex = lex
        self.text = text
        self.layout = layout
        self.morph = morph
        self.entities = sorted(entities, key=lambda e: e.start)
        self.full_names: dict[str, str] = {}
        for e in entities:  # the most complete normal form of each entity id
            if len(e.normal) > len(self.full_names.get(e.entity_id, "")):
                self.full_names[e.entity_id] = e.normal
        self.previous: Speaker | None = None
        self.may_precede = False

    # ------------------------------------------------------------------ public
    def resolve(
        self,
        start: int,
        stop: int,
        quote_start: int,
        quote_stop: int,
        before_verb: bool = False,
        gender: str = "?",
        may_precede: bool = False,
    ) -> Speaker:
        """The speaker named by ``text[start:stop]`` of a quote at ``quote_start:quote_stop``
        (``before_verb``: the phrase is the subject before the speech verb, so its last name wins;
        ``gender``: what the verb's ending says, "сказала" -> "f")."""
        self.may_precede = may_precede
        speaker = self._resolve(start, stop, quote_start, before_verb, gender)
        told = gender if gender in ("m", "f") else speaker.gender  # "сказала" settles it
        speaker = Speaker(speaker.name, speaker.entity_id, told, quote_stop)
        if speaker.name:
            self.previous = speaker
        return speaker

    # ------------------------------------------------------------------ rules
    def _resolve(self, start: int, stop: int, quote_start: int, before_verb: bool, gender: str) -> Speaker:
        start, stop = self._cut(start, stop, before_verb)
        phrase = self.text[start:stop].strip(" ,—–-:")
        words = [w.strip('.,«»"') for w in phrase.split()]
        words = [w for w in words if w]
        if not words:
            return self._previous_or_none(quote_start)
        citing = bool(self.lex.citing.search(self.text[max(0, start - 25) : start].lower()))
        inside = [e for e in self.entities if start <= e.start and e.stop <= stop]
        if citing:  # the agency that cites is not the speaker
            inside = [e for e in inside if e.type == "PER"]
        people = [e for e in inside if e.type == "PER"]
        lowered = [w.lower() for w in words]
        content = [w for w in words if w.lower() not in self.lex.prepositions]
        orgs = [e for e in inside if e.type == "ORG"]
        if content and (self.lex.org_heads.match(content[0].lower()) or ABBREVIATION.match(content[0])):
            return Speaker(self.nominative(content), orgs[0].entity_id if orgs else None, "p", 0)
        pronoun = (
            next((self.lex.pronouns[w] for w in lowered if w in self.lex.pronouns), None)
            if before_verb
            else None
        )
        if not before_verb and lowered[0] in self.lex.pronouns:
            pronoun = self.lex.pronouns[lowered[0]]
        if pronoun is not None and not people:
            return self.antecedent(pronoun, quote_start)
        if people:
            return self._of(people[-1] if before_verb else people[0])
        edge = phrase.strip(' «»"')
        for e in orgs:
            surface = self.text[e.start : e.stop]
            if edge.startswith(surface) or edge.endswith(surface) or edge.endswith(surface + "»"):
                return self._of(e)
        places = [e for e in inside if e.type == "LOC"]
        if places and len(content) <= 2:
            return self._of(places[0])
        if self.lex.names_as_speakers and not self.entities:
            return self._unnamed_language(start, stop, quote_start, before_verb, content)
        role = self.lex.person_roles.search(phrase.lower())
        if role and not _plural(role.group()):
            wanted = gender if gender != "?" else "f" if self.lex.feminine_role.search(role.group()) else "?"
            found = (
                self.head_of_state(phrase, quote_start)
                if self.lex.head_roles.search(phrase.lower())
                else None
            )
            found = found or self.role_antecedent(wanted, quote_start)
            if found is not None:
                return found
        return Speaker(self.nominative(content) if content else None, None, "?", 0)

    def _cut(self, start: int, stop: int, before_verb: bool) -> tuple[int, int]:
        """Drop what is not the speaker: a date or number after it, a verb phrase before a gerund."""
        if not before_verb:
            digit = re.search(r"\d", self.text[start:stop])
            if digit:
                stop = start + digit.start()
            low = self.text[start:stop].lower()
            unit = re.search(r"(?:^|\s)(?:в|во)\s+(?=\S)", low)
            if unit and (self.lex.org_heads.match(low[unit.end() :]) or self._org_at(start + unit.end())):
                return start + unit.end(), stop  # "сообщили агентству … в пресс-службе ГУ МВД"
            first = re.match(r"\s*(\S+)\s*", low)
            if first and self.lex.addressee.match(first.group(1)):
                start += first.end()
        if before_verb:
            for word in re.finditer(r"\S+", self.text[start:stop]):
                if word.start() > 0 and self.lex.past_verb.match(word.group().lower()):
                    return start, start + word.start()
        return start, stop

    def _org_at(self, pos: int) -> bool:
        return any(e.start == pos and e.type == "ORG" for e in self.entities)

    def role_antecedent(self, wanted: str, quote_start: int) -> Speaker | None:
        """A person named by a role: the first such person of the previous sentence, else the previous
        speaker (both of a compatible gender)."""
        sentence = self.layout.sentence_at(quote_start)
        before = self.layout.previous_sentence(sentence[0] + 1)
        if before is not None:
            for e in self._people(before[0], before[1]):
                if _compatible(wanted, gender_of(self._name(e), self.lex)):
                    return self._of(e)
        prev = self.previous
        if prev is not None and prev.name and _compatible(wanted, prev.gender):
            return prev
        return None

    def head_of_state(self, phrase: str, quote_start: int) -> Speaker | None:
        """ "российский лидер", "глава Азербайджана": the last person introduced with a head-of-state role
        ("президент РФ Владимир Путин") whose introduction shares the phrase's country."""
        stems = {
            COUNTRY_ALIASES.get(w, w[:4])
            for w in re.findall(r"[а-яё]+", phrase.lower())
            if (len(w) >= 4 or w in COUNTRY_ALIASES) and not any(w.startswith(r) for r in ROLE_WORDS)
        }
        found: Entity | None = None
        introduced: set[str] = set()
        for e in self._people(0, quote_start):
            context = self.text[max(0, e.start - 40) : e.start].lower()
            if not self.lex.head_roles.search(context + " "):
                continue
            introduced.add(e.entity_id)
            context_stems = " ".join(COUNTRY_ALIASES.get(w, w) for w in re.findall(r"[а-яё]+", context))
            if not stems or any(stem in context_stems for stem in stems):
                found = e
        if not stems:  # "президент" with no country: the head of state mentioned last
            for e in reversed(self._people(0, quote_start)):
                if e.entity_id in introduced:
                    return self._of(e)
        return self._of(found) if found is not None else None

    def antecedent(self, wanted: str, quote_start: int) -> Speaker:
        """The person a pronoun of gender ``wanted`` ("m", "f", "p") refers to at ``quote_start``."""
        sentence = self.layout.sentence_at(quote_start)
        before = self.layout.previous_sentence(sentence[0] + 1)
        recent_start = before[0] if before else sentence[0]
        prev = self.previous
        if prev is not None and prev.name and prev.stop >= recent_start and _compatible(wanted, prev.gender):
            return prev
        if wanted == "p":
            return prev if prev is not None else Speaker(None, None, "p", 0)
        if before is not None:
            for e in self._people(before[0], before[1]):
                if _compatible(wanted, gender_of(self._name(e), self.lex)):
                    return self._of(e)
        for e in reversed(self._people(0, quote_start)):
            if _compatible(wanted, gender_of(self._name(e), self.lex)):
                return self._of(e)
        return self._previous_or_none(quote_start)

    # ------------------------------------------------------------------ helpers
    def _people(self, start: int, stop: int) -> list[Entity]:
        return [
            e
            for e in self.entities
            if e.type == "PER"
            and start <= e.start
            and e.stop <= stop
            and not self.layout.inside_quote(e.start)
        ]

    def _name(self, e: Entity) -> str:
        return self.full_names.get(e.entity_id, e.normal)

    def _of(self, e: Entity) -> Speaker:
        name = self._name(e)
        return Speaker(name, e.entity_id, gender_of(name, self.lex) if e.type == "PER" else "p", 0)

    def _previous_or_none(self, quote_start: int) -> Speaker:
        if self.previous is not None:
            return self.previous
        if self.lex.names_as_speakers and not self.entities:  # no NER: the last name named before
            sentence = self.layout.sentence_at(quote_start)
            before = self.layout.previous_sentence(sentence[0] + 1)
            name = self._name_in(before[0] if before else sentence[0], quote_start, last=True, several=True)
            if name is not None:
                return Speaker(name, None, gender_of(name, self.lex), 0)
        return Speaker(None, None, "?", 0)

    def _unnamed_language(
        self, start: int, stop: int, quote_start: int, before_verb: bool, content: Sequence[str]
    ) -> Speaker:
        """No entities for the language: the capitalised name phrase of the speaker phrase; a relative
        pronoun ("Джуліані, який заявив") or a subject with no name in an apposition ("Federica
        Mogherini, usó un tono … al señalar que") takes the name named before it in the sentence; a phrase
        with no name is the speaker as written when short ("authorities", "un embajador europeo"), else the
        previous one."""
        first = content[0].lower() if content else ""
        sentence = self.layout.sentence_at(start)
        name = None
        if before_verb and self.may_precede:  # "Ciaran Shannon, dyrektor … – mówi": the name before the comma
            name = self._name_in(sentence[0], start, last=False, several=True, at_start=True)
        name = name or self._name_in(start, stop, last=before_verb)
        if name is None and before_verb and (self.may_precede or first in self.lex.relatives):
            name = self._name_in(sentence[0], start, last=True, several=True)
        if name is not None:
            return Speaker(name, None, gender_of(name, self.lex), 0)
        if first in self.lex.name_prepositions:  # "w poniedziałek holenderski minister": past the adverbial
            content = content[2:]
            first = content[0].lower() if content else ""
        if (
            content
            and first not in self.lex.relatives
            and first not in self.lex.name_prepositions
            and len(content) <= 6
        ):
            return Speaker(" ".join(content), None, "?", 0)  # "authorities", "un embajador europeo"
        return self._previous_or_none(quote_start)  # "je dejal v Fokusu na Pop TV": no subject named

    def _sentence_start(self, pos: int) -> int:
        start = self.layout.sentence_at(pos)[0]
        while start < pos and (self.text[start].isspace() or self.text[start] in '"«»„“”-–—('):
            start += 1
        return start

    def _after_preposition(self, before: list[str]) -> bool:
        """ "v Fokusu", "a El PAÍS", "à l'AFP": the word before a name is a preposition (of place, time,
        direction: genitive "de", "of" introduce the speaker's own name and are not listed)."""
        if before and before[-1][-1:] in "'’" and len(before) > 1:  # "à l'AFP": past the elided article
            before = before[:-1]
        return bool(before) and before[-1].lower().rstrip("'’") in self.lex.name_prepositions

    def _name_in(
        self, start: int, stop: int, last: bool, several: bool = False, at_start: bool = False
    ) -> str | None:
        """The capitalised name phrase of ``text[start:stop]`` outside quotations: a name of several words
        before one of one word, the last one when ``last``; ``several``: only names of two words or more
        (one capitalised word may just open a sentence); ``at_start``: only a name opening the span. A name
        right after a preposition loses its first word ("na САЩ Доналд Тръмп" -> "Доналд Тръмп"; "v
        Fokusu na Pop TV", "explicó a El PAÍS" -> no name)."""
        names: list[str] = []
        for m in NAME.finditer(self.text, start, stop):
            if at_start and self.text[start : m.start()].strip(' \t"«»„“”('):
                break
            words = m.group().split()
            before = self.text[max(start, m.start() - 30) : m.start()].split()[-2:]
            while words and words[0].lower() in self.lex.name_stopwords:
                before = [*before, words.pop(0)][-2:]
            if self._after_preposition(before):
                words = words[1:] if len(words) > 2 else []
            if len(words) == 1 and m.start() == self._sentence_start(m.start()):
                continue  # "Unijny negocjator podkreślił": one capitalised word opening a sentence
            if words and not self.layout.inside_quote(m.start()):
                names.append(" ".join(words))
        multi = [n for n in names if " " in n]
        pool = multi or ([] if several else names)
        if not pool:
            return None
        return pool[-1] if last else pool[0]

    def nominative(self, words: Sequence[str]) -> str:
        return nominative(words, self.morph)


def nominative(words: Sequence[str], morph: Any) -> str:
    """ "пресс-службе Главного управления" -> "пресс-служба Главного управления" (leading adjectives and
    the first noun put in the nominative, keeping number); unchanged without morphology."""
    if morph is None:
        return " ".join(words)
    out = list(words)
    for i, word in enumerate(words):
        if not re.search(r"[а-яё]", word.lower()):
            continue
        if len(word) > 1 and word.isupper():  # abbreviations (СК, РБК) are never inflected
            if i == 0:
                break  # "СК России": the abbreviation is the head noun
            continue  # "опрошенные РБК эксперты": it qualifies the noun after it
        parse = morph.parse(word.lower())[0]
        pos = parse.tag.POS
        if pos not in ("NOUN", "ADJF", "PRTF"):
            break
        number = "plur" if "plur" in parse.tag else "sing"
        wanted = {"nomn", number}
        if pos != "NOUN" and number == "sing":  # "российского СК": agree with the head noun's gender
            wanted.add(_head_gender(words[i + 1 :], morph))
        form = parse.inflect(wanted) or parse.inflect({"nomn", number})
        if form is not None:
            out[i] = form.word if not word[0].isupper() else form.word[:1].upper() + form.word[1:]
        if pos == "NOUN":
            break
    return " ".join(out)


def _head_gender(words: Sequence[str], morph: Any) -> str:
    """Gender of the first noun in ``words``; an abbreviation or no noun counts as masculine."""
    for word in words:
        if word.isupper():
            return "masc"
        parse = morph.parse(word.lower())[0]
        if parse.tag.POS == "NOUN":
            return str(parse.tag.gender or "masc")
    return "masc"


def _plural(word: str) -> bool:
    return bool(re.search(r"(?:ы|и|ов|ев|ей|ам|ям|ах|ях)$", word.lower()))
