"""Cross-lingual keys of entity names: one key for "Theresa May", "Тереза Мей" and "Theresą May".

``name_key`` is language-independent: the normal form is transliterated to Latin letters without
diacritics (``stories.keys.transliterate``), spelling variants of one sound are merged (th/t, ph/f,
sz/s, x/ks, voiced/voiceless consonants), vowels are dropped (so "Theresa" / "Theresy" and "Тереза"
agree: "trs") and doubled letters collapse. An all-capital abbreviation keeps its letters ("EU").
Czech and Slovak feminine surnames lose "-ová" ("Mayová" -> "May").

``KeyLexicon`` maps keys to a canonical name for names that differ across languages beyond spelling
("Unia Europejska", "Европейский союз", "Evropská unie"). It is learned from the BSNLP gold
``cross_lingual_id`` by ``scripts/train_ner_multi.py`` (``entity_keys.json``), so the key of a name
never depends on the other documents of a run.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from storyline.stories.keys import transliterate

KEYS_FILE = Path(__file__).resolve().parents[2] / "resources" / "entity_keys.json"
DIGRAPHS = (
    ("sch", "s"),
    ("th", "t"),
    ("ph", "f"),
    ("sh", "s"),
    ("sz", "s"),
    ("cz", "c"),
    ("ck", "k"),
    ("dz", "z"),
    ("rz", "z"),
    ("kh", "h"),
    ("ks", "s"),
)
VOWELS = re.compile(r"[aeiouj]+")
VOICING = str.maketrans({"z": "s", "g": "k", "d": "t", "b": "p", "v": "f", "w": "f"})
DOUBLED = re.compile(r"(.)\1+")
NON_LETTER = re.compile(r"[^a-z0-9]+")


def word_key(word: str) -> str:
    """ "Тереза" -> "trs", "Theresa" -> "trs", "Brexitu" -> "prst"."""
    if len(word) > 1 and word.isupper():
        return NON_LETTER.sub("", transliterate(word))
    w = NON_LETTER.sub("", transliterate(word))
    for spelled, sound in DIGRAPHS:
        w = w.replace(spelled, sound)
    skeleton = DOUBLED.sub(r"\1", VOWELS.sub("", w[1:]).translate(VOICING))
    head = w[:1] if w[:1] in "aeiouj" else w[:1].translate(VOICING)
    return (head + skeleton) or w


def name_key(type_: str, normal: str) -> str:
    words = normal.replace("-", " ").split()
    if type_ == "PER" and words and len(words[-1]) > 5 and words[-1].endswith("ová"):
        words[-1] = words[-1][:-3]
    return " ".join(word_key(w) for w in words if any(ch.isalnum() for ch in w))


TYPE_MIN_COUNT = 3
TYPE_MIN_SHARE = 0.7


@dataclass(frozen=True, slots=True)
class KeyLexicon:
    """(type, key) -> canonical name of the entity; untyped key -> the type the gold gives that name
    (PER, ORG, LOC, or OTH for products and events) when at least ``TYPE_MIN_COUNT`` gold names agree
    at ``TYPE_MIN_SHARE``."""

    canonical: Mapping[str, str] = field(default_factory=dict)
    types: Mapping[str, str] = field(default_factory=dict)

    def known_type(self, name: str) -> str | None:
        return self.types.get(name_key("", name))

    def key(self, type_: str, normal: str) -> str:
        key = f"{type_}:{name_key(type_, normal)}"
        return self.canonical.get(key, key)

    @classmethod
    def load(cls, path: Path = KEYS_FILE) -> KeyLexicon:
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(data["canonical"]), dict(data.get("types", {})))

    def save(self, path: Path) -> None:
        data = {"canonical": dict(sorted(self.canonical.items())), "types": dict(sorted(self.types.items()))}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")

    @classmethod
    def learn(cls, names: Iterable[tuple[str, str, str]], min_share: float = 0.6) -> KeyLexicon:
        """From (type, name, entity label) triples (type OTH: a gold product or event): a key maps to
        the label most of its names carry; keys shared by labels without a clear majority are left out."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        type_votes: dict[str, Counter[str]] = defaultdict(Counter)
        for type_, name, label in names:
            type_votes[name_key("", name)][type_] += 1
            if type_ == "OTH":
                continue
            key = name_key(type_, name)
            if key:
                votes[f"{type_}:{key}"][label] += 1
        types = {}
        for key, counter in type_votes.items():
            best, n = min(counter.items(), key=lambda kv: (-kv[1], kv[0]))
            if key and n >= TYPE_MIN_COUNT and n / sum(counter.values()) >= TYPE_MIN_SHARE:
                types[key] = best
        # one canonical key per label: the key of its most frequent name
        label_key: dict[str, Counter[str]] = defaultdict(Counter)
        for key, counter in votes.items():
            for label, n in counter.items():
                label_key[label][key] += n
        representative = {
            label: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for label, c in label_key.items()
        }
        canonical: dict[str, str] = {}
        for key, counter in votes.items():
            label, n = min(counter.items(), key=lambda kv: (-kv[1], kv[0]))
            if n / sum(counter.values()) >= min_share and representative[label] != key:
                canonical[key] = representative[label]
        return cls(canonical, types)


@functools.cache
def shipped_lexicon() -> KeyLexicon:
    return KeyLexicon.load()
