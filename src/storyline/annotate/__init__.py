"""The annotate stage: language, sentences, lemmas, entities, dates and quotes for one article."""

from __future__ import annotations

import dataclasses

from storyline.annotate.dates import extract_dates
from storyline.annotate.entities import extract_entities
from storyline.annotate.entities_multi import LANGUAGES as MULTI_LANGUAGES
from storyline.annotate.entities_multi import extract_entities_multi
from storyline.annotate.language import detect_language
from storyline.annotate.models import Models, load_models
from storyline.annotate.quotes import extract_quotes
from storyline.annotate.segment import Token, sentences, terms, tokenize
from storyline.config import AnnotateConfig
from storyline.model import Article, Entity

__all__ = ["Models", "annotate", "load_models"]


def entities_of(text: str, language: str | None, models: Models, tokens: list[Token]) -> tuple[Entity, ...]:
    """Russian: slovnet and the rules of ``annotate.entities``; the other languages the tagger of
    ``annotate.entities_multi``; none for a language neither knows."""
    if language == "ru":
        return extract_entities(text, models, tokens)
    if language in MULTI_LANGUAGES:
        return extract_entities_multi(text, language, models.multi, models.morph, tokens)
    return ()


def annotate(article: Article, models: Models, config: AnnotateConfig) -> Article:
    text = article.text
    language = article.language or detect_language(text)
    tokens = tokenize(text)
    entities = entities_of(text, language, models, tokens)
    return dataclasses.replace(
        article,
        language=language,
        sentences=sentences(text),
        lemmas=terms(tokens, language, models.morph),
        entities=entities,
        dates=extract_dates(text, article.published, language),
        quotes=extract_quotes(text, entities, models.morph, language),
    )
