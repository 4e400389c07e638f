"""The per-article work of ingest as small picklable callables over batches: clean, annotate, embed, sign.

Each holds its config and, once built, its models. Pickled to a worker process it leaves the models
behind and builds them there on its first batch, once per process (``load_models``, ``load_encoder`` are
cached per process). ``Preparer`` composes the four; an executor (``storyline.executors``) runs it over
batches, in this process or in worker processes, without the stages knowing which.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from storyline.annotate import Models, annotate, load_models
from storyline.annotate.vectors import load_e5, load_encoder, named_vectors
from storyline.clean import OutletContext, clean, to_article
from storyline.clean.outlet import counts_context, doc_lines, outlet_key
from storyline.config import AnnotateConfig, CleanConfig, Config, DedupConfig
from storyline.dedup import bands, signature
from storyline.model import Article, Prepared, RawDoc, Signature

Item = tuple[RawDoc, OutletContext | None]
Bands = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Cleaner:
    config: CleanConfig

    def __call__(self, items: Sequence[Item]) -> list[Article]:
        return [to_article(doc, clean(doc, self.config, context)) for doc, context in items]


class _WithModel:
    """A component whose model is built on first use in each process and not pickled."""

    __slots__ = ("_model",)

    def __init__(self, model: Any = None) -> None:
        self._model = model

    def __getstate__(self) -> dict[str, Any]:
        return {"state": self._state()}

    def __setstate__(self, data: dict[str, Any]) -> None:
        self._model = None
        self._restore(data["state"])

    def _state(self) -> Any:
        return None

    def _restore(self, state: Any) -> None:
        return None


class Annotator(_WithModel):
    __slots__ = ("config",)

    def __init__(self, config: AnnotateConfig, models: Models | None = None) -> None:
        super().__init__(models)
        self.config = config

    def _state(self) -> Any:
        return self.config

    def _restore(self, state: Any) -> None:
        self.config = state

    def __call__(self, articles: Sequence[Article]) -> list[Article]:
        if self._model is None:
            self._model = load_models()
        return [annotate(a, self._model, self.config) for a in articles]


class Embedder(_WithModel):
    """Named sentence vectors of each article: "doc" and "title" (multilingual USE) and "e5_0"
    (multilingual-e5-small of the headline, which the pair scorer reads)."""

    __slots__ = ()

    def __call__(self, articles: Sequence[Article]) -> list[dict[str, np.ndarray]]:
        if self._model is None:
            self._model = (load_encoder(), load_e5())
        use, e5 = self._model
        return named_vectors(articles, use, e5)


@dataclass(frozen=True, slots=True)
class Signer:
    config: DedupConfig

    def __call__(self, articles: Sequence[Article]) -> list[tuple[Signature, Bands]]:
        out = []
        for a in articles:
            sig = signature(a, self.config)
            out.append((sig, tuple(bands(sig, self.config))))
        return out


@dataclass(frozen=True, slots=True)
class Preparer:
    """clean → annotate → embed → sign, one batch of (raw document, outlet context) at a time."""

    cleaner: Cleaner
    annotator: Annotator
    embedder: Embedder | None  # None: no vectors (an evaluation that needs only the annotations)
    signer: Signer | None  # None: no near-duplicate signature

    @classmethod
    def from_config(cls, config: Config, models: Models | None = None, features: bool = True) -> Preparer:
        """``features=False``: clean and annotate only (no vectors, no signatures)."""
        embedder = Embedder() if features else None
        signer = Signer(config.dedup) if features else None
        return cls(Cleaner(config.clean), Annotator(config.annotate, models), embedder, signer)

    def __call__(self, items: Sequence[Item]) -> list[Prepared]:
        articles = self.annotator(self.cleaner(items))
        vectors = self.embedder(articles) if self.embedder else [{} for _ in articles]
        signed: list[tuple[Signature | None, Bands]] = [(None, ()) for _ in articles]
        if self.signer:
            signed = list(self.signer(articles))
        out = []
        for (doc, _), article, vec, (sig, keys) in zip(items, articles, vectors, signed, strict=True):
            counted = counts_context(doc)
            out.append(
                Prepared(
                    article=article,
                    raw=doc,
                    vectors=vec,
                    signature=sig,
                    bands=keys,
                    outlet=outlet_key(doc) if counted else None,
                    lines=doc_lines(doc) if counted else (),
                )
            )
        return out


def contexts_for(items: Sequence[RawDoc], contexts: Mapping[str, OutletContext]) -> list[Item]:
    return [(d, contexts.get(outlet_key(d))) for d in items]
