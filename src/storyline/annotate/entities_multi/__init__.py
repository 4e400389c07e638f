"""Named entities (PER / ORG / LOC) for the languages other than Russian: uk bg pl cs sl hr sk en es fr it.

recognize:  a CRF tagger (python-crfsuite) over the tokens of ``annotate.segment.tokenize``, trained by
            ``scripts/train_ner_multi.py`` on BSNLP gold projected onto its texts
normalize:  ``lemmas``: a second CRF that rewrites the ending of every word of a name
            ("Ангелою Меркель" -> "Ангела Меркель")
resolve:    ``coref.resolve`` as for Russian (a surname alone takes the full name's id), with
            cross-lingual ids from ``keys.crosslingual_key`` of the normal form
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.annotate.entities_multi.features import sequence_features, sequences
from storyline.annotate.entities_multi.keys import KEYS_FILE, KeyLexicon
from storyline.annotate.entities_multi.lemmas import Lemmatizer
from storyline.annotate.entities_multi.project import spans_of
from storyline.annotate.ner_rules import Mention
from storyline.annotate.segment import Token, tokenize
from storyline.model import Entity, EntityType

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
TAGGER_FILE = "ner_multi.crfsuite"
LEMMA_FILE = "lemma_multi.crfsuite"
OUTPUT_TYPES: dict[str, EntityType] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
LANGUAGES = frozenset({"uk", "bg", "pl", "cs", "sl", "hr", "sk", "en", "es", "fr", "it"})


@dataclass(frozen=True, slots=True)
class MultiModels:
    """The name tagger and the normal-form model of the non-Russian languages."""

    tagger: Any  # pycrfsuite.Tagger
    lemmatizer: Lemmatizer
    keys: KeyLexicon


def load_multi(directory: Path = RESOURCES) -> MultiModels:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(directory / TAGGER_FILE))
    return MultiModels(
        tagger=tagger,
        lemmatizer=Lemmatizer.load(directory / LEMMA_FILE),
        keys=KeyLexicon.load(directory / KEYS_FILE.name),
    )


def recognize(
    text: str, tokens: Sequence[Token], language: str, model: MultiModels
) -> list[tuple[Mention, list[Token]]]:
    """Name mentions with their tokens, in text order."""
    out: list[tuple[Mention, list[Token]]] = []
    for seq in sequences(text, tokens):
        words = [tokens[i].text for i in seq]
        labels = model.tagger.tag(sequence_features(words, language))
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
    found = recognize(text, tokenize(text) if tokens is None else tokens, language, model)
    mentions = [m for m, _ in found]
    normals = [model.lemmatizer.normal(text, words, m.type, language) for m, words in found]
    return resolve(text, mentions, normals, morph, keys=model.keys, roles=False)
