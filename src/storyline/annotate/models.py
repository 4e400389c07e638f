"""Models used by the annotate stage, loaded once per process and passed into stage functions.

The NER is slovnet's news model with navec news embeddings, the files that the natasha wheel ships.
They are loaded with slovnet and navec directly: importing natasha itself would also import
pymorphy2 (and its pkg_resources pitfall), which nothing here uses.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.annotate.entities_multi import MultiModels, load_multi
from storyline.errors import ConfigError

log = logging.getLogger(__name__)

NER_MODEL = "data/model/slovnet_ner_news_v1.tar"
EMBEDDING = "data/emb/navec_news_v1_1B_250K_300d_100q.tar"


@dataclass(frozen=True, slots=True)
class Models:
    """Loaded models. Build it with ``load_models()``; never inside a per-article loop."""

    morph: Any  # pymorphy3.MorphAnalyzer
    ner: Any  # slovnet.NER with navec embeddings
    # threadpoolctl controller: the NER's small matrix products run on one BLAS thread. OpenBLAS's
    # own threads only contend with the other worker process (4x slower on 2 busy cores).
    blas: Any
    # names of the other languages: CRF tagger, normal forms, cross-lingual key lexicon
    multi: MultiModels


def _natasha_file(relative: str) -> Path:
    spec = importlib.util.find_spec("natasha")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the natasha package (NER model files) is not installed: pip install natasha")
    return Path(next(iter(spec.submodule_search_locations))) / relative


@functools.cache
def load_models() -> Models:
    """Load (once per process) the Russian morphology and NER models shipped inside their wheels and
    the multilingual name models in ``storyline/resources``."""
    import pymorphy3
    from navec import Navec
    from slovnet import NER
    from threadpoolctl import ThreadpoolController

    log.info("loading annotation models")
    ner = NER.load(str(_natasha_file(NER_MODEL)))
    ner.navec(Navec.load(str(_natasha_file(EMBEDDING))))
    return Models(
        morph=pymorphy3.MorphAnalyzer(lang="ru"), ner=ner, blas=ThreadpoolController(), multi=load_multi()
    )
