"""Models used by the annotate stage, loaded once per process and passed into stage functions."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Models:
    """Loaded models. Build it with ``load_models()``; never inside a per-article loop."""

    morph: Any  # pymorphy3.MorphAnalyzer
    ner: Any  # natasha.NewsNERTagger (slovnet NER with navec embeddings, both inside the wheel)
    # threadpoolctl controller: the NER's small matrix products run on one BLAS thread. OpenBLAS's
    # own threads only contend with the other worker process (4x slower on 2 busy cores).
    blas: Any


@functools.cache
def load_models() -> Models:
    """Load (once per process) the Russian morphology and NER models shipped inside their wheels."""
    import pymorphy3
    from natasha import NewsEmbedding, NewsNERTagger
    from threadpoolctl import ThreadpoolController

    log.info("loading annotation models")
    embedding = NewsEmbedding()
    return Models(
        morph=pymorphy3.MorphAnalyzer(lang="ru"), ner=NewsNERTagger(embedding), blas=ThreadpoolController()
    )
