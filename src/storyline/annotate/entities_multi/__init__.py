"""Named entities (PER / ORG / LOC) for the languages other than Russian: uk bg pl cs sl hr sk en es fr it.

recognize:  a CRF tagger (python-crfsuite) over the tokens of ``annotate.segment.tokenize``, trained by
            ``scripts/train_ner_multi.py`` on BSNLP gold projected onto its texts
normalize:  ``lemmas``: a second CRF that rewrites the ending of every word of a name
            ("Ангелою Меркель" -> "Ангела Меркель")
resolve:    ``coref.resolve`` as for Russian (a surname alone takes the full name's id), with
            cross-lingual ids from ``keys.crosslingual_key`` of the normal form
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.annotate.entities_multi.features import sequence_features, sequences
from storyline.annotate.entities_multi.keys import KEYS_FILE, KeyLexicon
from storyline.annotate.entities_multi.lemmas import Lemmatizer
from storyline.annotate.entities_multi.project import spans_of
from storyline.annotate.entities_multi.rules import apply_rules, known_types, trim_common_words
from storyline.annotate.ner_rules import Mention
from storyline.annotate.segment import Token, tokenize
from storyline.model import Entity, EntityType

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
TAGGER_FILE = "ner_multi.crfsuite"
LEMMA_FILE = "lemma_multi.crfsuite"
CASING_FILE = "casing.json.gz"
OUTPUT_TYPES: dict[str, EntityType] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
LATIN = frozenset({"en", "es", "fr", "it"})  # no gold to choose rules by leave-one-topic-out
LANGUAGES = frozenset({"uk", "bg", "pl", "cs", "sl", "hr", "sk", "en", "es", "fr", "it"})


@dataclass(frozen=True, slots=True)
class MultiModels:
    """The name tagger and the normal-form model of the non-Russian languages."""

    tagger: Any  # pycrfsuite.Tagger
    lemmatizer: Lemmatizer
    keys: KeyLexicon
    casing: Mapping[str, str] | None  # features.casing_lexicon; None: a tagger trained without it


def load_multi(directory: Path = RESOURCES) -> MultiModels:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(directory / TAGGER_FILE))
    return MultiModels(
        tagger=tagger,
        lemmatizer=Lemmatizer.load(directory / LEMMA_FILE),
        keys=KeyLexicon.load(directory / KEYS_FILE.name),
        casing=load_casing(directory / CASING_FILE),
    )


def save_casing(casing: Mapping[str, str], path: Path) -> None:
    lines = "".join(f"{word}\t{bucket}\n" for word, bucket in sorted(casing.items()))
    path.write_bytes(gzip.compress(lines.encode("utf-8"), mtime=0))


def load_casing(path: Path) -> dict[str, str] | None:
    if not path.exists():
        return None
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines)


def recognize(
    text: str, tokens: Sequence[Token], language: str, model: MultiModels
) -> list[tuple[Mention, list[Token]]]:
    """Name mentions with their tokens, in text order."""
    out: list[tuple[Mention, list[Token]]] = []
    for seq in sequences(text, tokens):
        words = [tokens[i].text for i in seq]
        labels = model.tagger.tag(sequence_features(words, language, model.casing))
        for first, stop, type_ in spans_of(labels):
            if type_ in OUTPUT_TYPES:
                mention = Mention(tokens[seq[first]].start, tokens[seq[stop - 1]].stop, OUTPUT_TYPES[type_])
                out.append((mention, [tokens[i] for i in seq[first:stop]]))
    return out


def extract_entities_multi(
    text: str, language: str, model: MultiModels, morph: Any, tokens: Sequence[Token] | None = None
) -> tuple[Entity, ...]:
    from storyline.annotate.coref import resolve

    if not text.strip():
        return ()
    found = apply_rules(text, recognize(text, tokenize(text) if tokens is None else tokens, language, model))
    if language in LATIN:
        found = trim_common_words(text, found, model.casing)
    found = known_types(text, found, model.keys)
    mentions = [m for m, _ in found]
    normals = [model.lemmatizer.normal(text, words, m.type, language) for m, words in found]
    return resolve(text, mentions, normals, morph, keys=model.keys, roles=False)
