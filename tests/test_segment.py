"""Sentences, tokens, lemmas and word terms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storyline.annotate import annotate
from storyline.annotate.segment import content_lemmas, sentences, terms, tokenize, word_terms
from storyline.config import Config
from storyline.model import Article


def test_sentences_end_at_paragraphs() -> None:
    text = "Путин поговорил с Алиевым. Стороны обсудили повестку\nПолитика"
    spans = [text[s.start : s.stop] for s in sentences(text)]
    assert spans == ["Путин поговорил с Алиевым.", "Стороны обсудили повестку", "Политика"]


def test_tokens_keep_offsets_and_hyphenated_words() -> None:
    text = "Рейс Баку—Грозный, «Азербайджанские авиалинии» и Нью-Йорк."
    tokens = tokenize(text)
    assert all(text[t.start : t.stop] == t.text for t in tokens)
    assert [t.text for t in tokens][:4] == ["Рейс", "Баку", "—", "Грозный"]
    assert "Нью-Йорк" in [t.text for t in tokens]


def test_russian_lemmas_drop_function_words(models: Any) -> None:
    lemmas = content_lemmas("Путин поговорил по телефону с Алиевым о торговых связях", models.morph)
    assert lemmas == ("путин", "поговорить", "телефон", "алиев", "торговый", "связь")


def test_other_languages_get_lowercase_words(models: Any) -> None:
    text = "Brytyjski parlament odrzucił w poniedziałek umowę z UE."
    assert word_terms(tokenize(text)) == ("brytyjski", "parlament", "odrzucił", "poniedziałek", "umowę")
    assert terms(tokenize(text), "pl", models.morph) == word_terms(tokenize(text))
    assert terms(tokenize("Путин поговорил"), "ru", models.morph) == ("путин", "поговорить")


def test_annotate_a_seed(models: Any, seeds_dir: Path, config: Config) -> None:
    text = sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    article = annotate(Article("seed", text, "seed", "h", published="2025-10-24"), models, config.annotate)
    assert article.language == "ru"
    assert len(article.sentences) > 10
    assert "путин" in article.lemmas and "договориться" in article.lemmas
    assert {"Владимир Путин", "Ильхам Алиев"} <= {e.normal for e in article.entities if e.type == "PER"}


def test_annotate_bulgarian_has_terms_and_its_own_entities(models: Any, config: Config) -> None:
    text = (
        "Законът за Брекзит отменя текста от 1972 г., с който Великобритания става член на Европейския съюз."
    )
    article = annotate(Article("bg", text, "bg", "h"), models, config.annotate)
    assert article.language == "bg"
    # the multilingual tagger (annotate.entities_multi), not the Russian one: "Брекзит" is no entity
    assert {(e.text, e.type, e.normal) for e in article.entities} == {
        ("Великобритания", "LOC", "Великобритания"),
        ("Европейския съюз", "ORG", "Европейски съюз"),
    }
    assert "брекзит" in article.lemmas and "великобритания" in article.lemmas
