"""slovnet NER over our own tokens.

slovnet's ``NER.__call__`` tokenises with razdel and builds a record per token; on ~3,000-character
articles that is a third of the NER time, and the lemmatiser would tokenise the same text again.
Here one regex tokenisation (``segment.tokenize``) feeds both the NER network (through slovnet's own
encoder, network and CRF decoder) and the lemmatiser.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

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


def tag_entities(tokens: Sequence[Token], ner: Any) -> list[tuple[int, int, str]]:
    """(start, stop, type) spans that slovnet's NER finds among ``tokens``."""
    if not tokens:
        return []
    infer = ner.infer
    inputs = infer.encoder([[t.text for t in tokens]])
    tags = next(iter(infer.decoder(infer.process(inputs))))
    return list(bio_spans(tokens, tags))
