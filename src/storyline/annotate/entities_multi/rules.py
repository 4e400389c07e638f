"""Fix-up rules after the tagger, each a small named function over the mentions of one document.

Kept only when they raise the leave-one-topic-out recognition F1 on bsnlp (docs/entities.md).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence

from storyline.annotate.entities_multi.keys import KeyLexicon
from storyline.annotate.ner_rules import Mention
from storyline.annotate.segment import Token

Found = list[tuple[Mention, list[Token]]]
Rule = Callable[[str, Found], Found]


def trim_lower_edges(text: str, found: Found) -> Found:
    """A name starts with a capital letter or a digit ("premiérka Mayová" -> "Mayová", "mezi Británií"
    -> "Británií"), and a person's name also ends with one ("Asia Bibi została" -> "Asia Bibi")."""
    out: Found = []
    for mention, tokens in found:
        kept = list(tokens)
        while kept and not _capitalised(kept[0].text):
            kept.pop(0)
        while mention.type == "PER" and kept and not _capitalised(kept[-1].text):
            kept.pop()
        if kept:
            out.append((Mention(kept[0].start, kept[-1].stop, mention.type), kept))
    return out


def _capitalised(word: str) -> bool:
    """ "May", "2019", and a name after a lower-case particle: "al-Assad", "d'Estaing"."""
    return word[:1].isupper() or word[:1].isdigit() or bool(PARTICLE_NAME.match(word))


PARTICLE_NAME = re.compile(r"^\w{1,3}['’-]\w*[A-ZА-ЯЁ]")


def one_type_per_name(text: str, found: Found) -> Found:
    """A name written the same way is one type in a document: the type most of its mentions have
    (ties: the first mention's)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, str] = {}
    for mention, _ in found:
        surface = text[mention.start : mention.stop]
        votes[surface][mention.type] += 1
        first.setdefault(surface, mention.type)
    out: Found = []
    for mention, tokens in found:
        surface = text[mention.start : mention.stop]
        counts = votes[surface]
        type_ = (
            first[surface] if counts[first[surface]] == max(counts.values()) else counts.most_common(1)[0][0]
        )
        out.append((Mention(mention.start, mention.stop, type_), tokens))  # type: ignore[arg-type]
    return out


def known_types(text: str, found: Found, keys: KeyLexicon) -> Found:
    """A name the gold of the training topics types one way (in any language: the key is
    cross-lingual) takes that type: "Лондон" is a place even where the tagger says a person."""
    out: Found = []
    for mention, tokens in found:
        known = keys.known_type(text[mention.start : mention.stop])
        if known in ("PER", "ORG", "LOC") and known != mention.type:
            mention = Mention(mention.start, mention.stop, known)  # type: ignore[arg-type]
        out.append((mention, tokens))
    return out


def trim_common_words(text: str, found: Found, casing: Mapping[str, str] | None) -> Found:
    """en es fr it: a word that news writes in lower case inside sentences (casing lexicon "l" or "m")
    is not the first word of a name even when it starts a sentence ("En la plaza Tahrir" -> "Tahrir"
    is wrong too, but "En" never belongs; "The Guardian" keeps "The": "the" is capitalised often)."""
    if casing is None:
        return found
    out: Found = []
    for mention, tokens in found:
        kept = list(tokens)
        while len(kept) > 1 and casing.get(kept[0].text.lower(), "u") == "l":
            kept.pop(0)
        if kept:
            out.append((Mention(kept[0].start, kept[-1].stop, mention.type), kept))
    return out


# one_type_per_name lowered the leave-one-topic-out F1 (0.6415 -> 0.6401): not in the list
RULES: Sequence[Rule] = (trim_lower_edges,)


def apply_rules(text: str, found: Found, rules: Sequence[Rule] = RULES) -> Found:
    for rule in rules:
        found = rule(text, found)
    return found
