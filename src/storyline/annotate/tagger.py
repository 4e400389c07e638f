"""slovnet NER over our own tokens.

slovnet's ``NER.__call__`` tokenises with razdel and builds a record per token; on ~3,000-character
articles that is a third of the NER time, and the lemmatiser would tokenise the same text again.
Here one regex tokenisation (``segment.tokenize``) feeds both the NER network (slovnet's own encoder
and network) and the lemmatiser, and the CRF's best path comes from ``viterbi`` below, which does per
token two small array operations instead of slovnet's batched eight.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from storyline.annotate.segment import Token


def bio_spans(tokens: Sequence[Token], tags: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """Character spans (start, stop, type) of BIO-tagged tokens."""
    current: list[Any] | None = None
    for token, tag in zip(tokens, tags, strict=True):
        part, _, type_ = tag.partition("-")
        if part == "O" or not type_:
            if current:
                yield current[0], current[1], current[2]
            current = None
        elif part == "I" and current and current[2] == type_:
            current[1] = token.stop
        else:
            if current:
                yield current[0], current[1], current[2]
            current = [token.start, token.stop, type_]
    if current:
        yield current[0], current[1], current[2]


def viterbi(emissions: Any, transitions: Any) -> list[int]:
    """Best tag path of a linear-chain CRF: ``emissions`` is tokens x tags, ``transitions[a, b]`` the
    score of tag b after tag a."""
    steps, tags = emissions.shape
    back = np.zeros((steps, tags), dtype=np.intp)
    score = emissions[0]
    for i in range(1, steps):
        candidates = score[:, None] + transitions  # previous tag x next tag
        back[i] = candidates.argmax(0)
        score = candidates.max(0) + emissions[i]
    path = [int(score.argmax())]
    for i in range(steps - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    path.reverse()
    return path


def tag_entities(tokens: Sequence[Token], ner: Any) -> list[tuple[int, int, str]]:
    """(start, stop, type) spans that slovnet's NER finds among ``tokens``."""
    if not tokens:
        return []
    infer = ner.infer
    transitions = infer.model.head.crf.transitions.array
    vocab = infer.decoder.tags_vocab
    tags: list[str] = []
    for batch in infer.encoder([[t.text for t in tokens]]):
        emissions = infer.model(batch.word_id, batch.shape_id, batch.pad_mask)
        for row, pad in zip(emissions, batch.pad_mask, strict=True):
            tags.extend(vocab.decode(i) for i in viterbi(row[~pad], transitions))
    return list(bio_spans(tokens, tags))
