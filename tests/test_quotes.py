"""Quotes: one-line rules on real text (entities given), golden quotes of the seeds, floors on the sample."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from storyline.annotate.quotes import extract_quotes
from storyline.config import Config
from storyline.evaluate.quotes import SAMPLE, evaluate, same_speaker
from storyline.ingest.seed import parse_seed
from storyline.model import Entity, EntityType


def entities(text: str, *names: tuple[str, str, EntityType]) -> tuple[Entity, ...]:
    """Entities for ``(surface, normal, type)``: every occurrence of the surface, one id per normal."""
    out = []
    for surface, normal, type_ in names:
        start = text.find(surface)
        while start >= 0:
            eid = f"{type_.lower()}-" + hashlib.sha1(normal.encode()).hexdigest()[:8]
            out.append(Entity(surface, normal, type_, start, start + len(surface), eid))
            start = text.find(surface, start + 1)
    return tuple(sorted(out, key=lambda e: e.start))


def quotes(text: str, *names: tuple[str, str, EntityType], morph: Any = None) -> list[tuple[str, str | None]]:
    found = extract_quotes(text, entities(text, *names), morph)
    return [(q.text, q.speaker) for q in found]


PESKOV = ("Дмитрий Песков", "Дмитрий Песков", "PER")
PESKOV_SHORT = ("Песков", "Дмитрий Песков", "PER")


def test_direct_quote_with_pronoun_speaker() -> None:
    text = (
        "Президент встретится с Алиевым, сообщил журналистам представитель главы государства "
        "Дмитрий Песков.\n\n"
        "«Достигнута договоренность о том, что два президента сегодня встретятся. Посмотрим на результаты "
        "этой встречи», — сказал он."
    )
    found = quotes(text, PESKOV)
    assert found[-1] == (
        "Достигнута договоренность о том, что два президента сегодня встретятся. "
        "Посмотрим на результаты этой встречи",
        "Дмитрий Песков",
    )
    assert found[0] == ("Президент встретится с Алиевым", "Дмитрий Песков")


def test_direct_quote_named_after_the_dash() -> None:
    text = "«Те дорожные карты успешно реализуются», — отметил Песков."
    assert quotes(text, PESKOV_SHORT) == [("Те дорожные карты успешно реализуются", "Дмитрий Песков")]


def test_report_of_an_organisation() -> None:
    text = (
        "«Подтвержден взаимный настрой на дальнейшее развитие связей», — говорится в сообщении пресс-службы."
    )
    assert quotes(text) == [("Подтвержден взаимный настрой на дальнейшее развитие связей", "пресс-службы")]


def test_report_of_an_organisation_in_the_nominative(models: Any) -> None:
    text = (
        "«Подтвержден взаимный настрой на дальнейшее развитие связей», — говорится в сообщении пресс-службы."
    )
    assert quotes(text, morph=models.morph)[0][1] == "пресс-служба"


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "По словам Пескова, ведомство важно с точки зрения наполнения бюджета.",
            [("Пескова", "Дмитрий Песков", "PER")],
            [("ведомство важно с точки зрения наполнения бюджета", "Дмитрий Песков")],
        ),
        (
            "Алиев заявлял, что самолет «был поврежден снаружи в районе города Грозный».",
            [("Алиев", "Ильхам Алиев", "PER")],
            [("самолет «был поврежден снаружи в районе города Грозный»", "Ильхам Алиев")],
        ),
        (
            "Как сообщила глава Рязанского района Наталья Жуняева, беспилотник упал в 70 метрах от дома.",
            [("Наталья Жуняева", "Наталья Жуняева", "PER")],
            [("беспилотник упал в 70 метрах от дома", "Наталья Жуняева")],
        ),
        (
            "Разговор стал продолжением беседы двух лидеров на саммите СНГ, отметили в Кремле.",
            [("Кремле", "Кремль", "ORG")],
            [("Разговор стал продолжением беседы двух лидеров на саммите СНГ", "Кремль")],
        ),
        (
            "Песков заявил журналистам: «Мы в данном случае оптимисты».",
            [PESKOV_SHORT],
            [("Мы в данном случае оптимисты", "Дмитрий Песков")],
        ),
        (
            "Политика\nПесков: Путин и Алиев обсудят проблемные вопросы в отношениях Москвы и Баку\n",
            [PESKOV_SHORT],
            [("Путин и Алиев обсудят проблемные вопросы в отношениях Москвы и Баку", "Дмитрий Песков")],
        ),
        (
            "«Я решу проблему. Как политик я хочу добиться этого, — отметил Абэ. — Во что бы то ни стало».",
            [("Абэ", "Синдзо Абэ", "PER")],
            [
                (
                    "Я решу проблему. Как политик я хочу добиться этого, — отметил Абэ. — "
                    "Во что бы то ни стало",
                    "Синдзо Абэ",
                )
            ],
        ),
        # names and terms in quotation marks are not quotes
        ("В феврале МИД Азербайджана потребовал закрыть «Русский дом» в столице.", [], []),
        ("Отношения обострились после крушения самолета «Азербайджанских авиалиний» (AZAL).", [], []),
        ("Путин охарактеризовал обострение как «кризис эмоций».", [("Путин", "Владимир Путин", "PER")], []),
        # what was said is in another sentence
        ("Об этом в воскресенье, 17 мая, сообщили в региональном ГУ МЧС России.", [], []),
    ],
)
def test_rule(text: str, names: list[tuple[str, str, EntityType]], expected: list[tuple[str, str]]) -> None:
    assert quotes(text, *names) == expected


def test_role_refers_to_the_person_introduced_with_it() -> None:
    text = (
        "Президент РФ Владимир Путин провел разговор с президентом Азербайджана Ильхамом Алиевым. "
        "Алиев заявил, что отношения развиваются.\n\n"
        "В начале встречи российский лидер заявил, что Москва оказывает содействие следствию."
    )
    found = quotes(
        text,
        ("Владимир Путин", "Владимир Путин", "PER"),
        ("Ильхамом Алиевым", "Ильхам Алиев", "PER"),
        ("Алиев", "Ильхам Алиев", "PER"),
    )
    assert found[-1] == ("Москва оказывает содействие следствию", "Владимир Путин")


# ----------------------------------------------------------------------------- the seeds
SEED_QUOTES = {
    "002": [
        ("Дмитрий Песков", "Путин и Алиев обсудят проблемные вопросы"),
        ("Дмитрий Песков", "Президент Владимир Путин встретится в Таджикистане"),
        ("Дмитрий Песков", "Достигнута договоренность о том"),
        ("Дмитрий Песков", "Состоявшийся телефонный разговор Путина и Алиева"),
        ("Ильхам Алиев", "самолет «был поврежден снаружи"),
        ("Росавиация", "самолет не смог приземлиться в Грозном"),
        ("Ильхам Алиев", "Азербайджан не рассматривает крушение самолета"),
    ],
    "004": [
        ("Владимир Путин", "причины крушения связаны в том числе"),
        ("Владимир Путин", "экипажу предложили совершить посадку"),
        ("Анатолий Вассерман", "Надо сказать, что отношения наших стран"),
        ("Владимир Путин", "Россия будет делать все"),
        ("Ильхам Алиев", "Те дорожные карты, которые мы с вами утвердили"),
        ("Николай Будуев", "Диалог лидеров двух крупных игроков"),
        ("Светлана Журова", "Эта встреча не могла не состояться"),
    ],
}


@pytest.mark.parametrize("seed", sorted(SEED_QUOTES))
def test_seed_quotes(seed: str, seeds_dir: Path, models: Any) -> None:
    from storyline.annotate.entities import extract_entities

    path = next(seeds_dir.glob(f"{seed}_*.txt"))
    doc, _ = parse_seed(path.read_text(encoding="utf-8"), seed, str(path))
    assert doc is not None
    found = extract_quotes(doc.text, extract_entities(doc.text, models), models.morph)
    spoken = [(q.speaker or "", " ".join(q.text.split())) for q in found]
    for speaker, opening in SEED_QUOTES[seed]:
        match = [s for s, t in spoken if t.startswith(opening)]
        assert match, f"no quote opening {opening!r}"
        assert same_speaker(speaker, match[0]), (opening, match[0])


# ----------------------------------------------------------------------------- metric floors
def test_quotes_on_hand_checked_sample(config: Config) -> None:
    result = evaluate(SAMPLE, config)
    assert result["all"]["gold_quotes"] >= 120
    assert result["all"]["detection"]["f1"] >= 0.95
    assert result["all"]["speaker_accuracy"] >= 0.87
    assert result["test"]["detection"]["f1"] >= 0.93
    assert result["test"]["speaker_accuracy"] >= 0.72


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("В СК России сообщили, что один фигурант умер в результате сердечной недостаточности.", "СК России"),
        (
            "Эти переговоры стали предвестником перезапуска отношений, отмечали опрошенные РБК эксперты.",
            "опрошенные РБК эксперты",
        ),
    ],
)
def test_abbreviations_in_speaker_phrases_keep_their_capitals(text: str, speaker: str, models) -> None:  # type: ignore[no-untyped-def]
    from storyline.annotate.entities import extract_entities

    (quote,) = extract_quotes(text, extract_entities(text, models), models.morph)
    assert quote.speaker == speaker
