"""Language identification: the rules on one line of real text each, and the bsnlp accuracy floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.annotate.language import cyrillic_letters, detect_language, slovene_or_croatian
from storyline.config import Config

# real lines from bsnlp documents and the seeds
BULGARIAN = (
    "Законът за Брекзит отменя текста от 1972 г., с който Великобритания става член на Европейския съюз"
)
RUSSIAN = (
    "Помимо этого, стороны обсудили вопросы двусторонней повестки и аспекты регионального сотрудничества."
)
UKRAINIAN = "Прем'єр-міністр Великої Британії Тереза Мей заявила, що угода з ЄС буде підписана."
SLOVENE = "Britanski parlament je včeraj zavrnil dogovor, ki ga je premierka sklenila z EU, in tudi predlog."
CROATIAN = "Britanski parlament odbacio je sporazum koji je premijerka sklopila s EU-om, također i prijedlog."


def test_cyrillic_letters_rule() -> None:
    assert cyrillic_letters(BULGARIAN.lower(), "ru") == "bg"  # the bare model reads this line as Russian
    assert cyrillic_letters(RUSSIAN.lower(), "bg") == "ru"
    assert cyrillic_letters(UKRAINIAN.lower(), "ru") == "uk"
    assert cyrillic_letters(BULGARIAN.lower(), "pl") == "pl"  # only arbitrates among Cyrillic guesses


def test_slovene_or_croatian_rule() -> None:
    assert slovene_or_croatian(SLOVENE, "hr") == "sl"
    assert slovene_or_croatian(CROATIAN, "sl") == "hr"
    assert slovene_or_croatian(SLOVENE, "cs") == "cs"


@pytest.mark.parametrize(
    ("text", "language"), [(BULGARIAN, "bg"), (RUSSIAN, "ru"), (UKRAINIAN, "uk"), (SLOVENE, "sl")]
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_no_letters_no_language() -> None:
    assert detect_language("12:30 — 14:45 ... 2025") is None


@pytest.mark.data
def test_bsnlp_accuracy_floor(shared_data: Path) -> None:
    from storyline.evaluate.language import evaluate

    result = evaluate(shared_data / "bsnlp", Config())
    assert result["documents"] >= 3000
    assert result["accuracy"] >= 0.99
    assert result["accuracy"] > result["model_only_accuracy"]
    for lang in ("ru", "bg", "uk"):  # the hard, Cyrillic part
        assert result["per_language"][lang]["accuracy"] >= 0.99, lang
    assert result["per_language"]["sl"]["accuracy"] >= 0.96
