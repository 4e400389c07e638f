"""The annotate stage: language, sentences, lemmas, entities, dates and quotes for one article."""

from __future__ import annotations

import dataclasses

from storyline.annotate.dates import extract_dates
from storyline.annotate.entities import extract_entities
from storyline.annotate.language import detect_language
from storyline.annotate.models import Models, load_models
from storyline.annotate.quotes import extract_quotes
from storyline.annotate.segment import sentences, terms, tokenize
from storyline.config import AnnotateConfig
from storyline.model import Article

__all__ = ["Models", "annotate", "load_models"]


def annotate(article: Article, models: Models, config: AnnotateConfig) -> Article:
    text = article.text
    language = article.language or detect_language(text)
    tokens = tokenize(text)
    entities = extract_entities(text, models, tokens) if language == "ru" else ()
    return dataclasses.replace(
        article,
        language=language,
        sentences=sentences(text),
        lemmas=terms(tokens, language, models.morph),
        entities=entities,
        dates=extract_dates(text, article.published, language),
        quotes=extract_quotes(text, entities, models.morph, language),
    )
