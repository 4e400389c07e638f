"""Entities: normal forms, fix-up rules, ids within an article and a story, golden seeds, metric floors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.annotate.coref import entity_id, unify_story_ids
from storyline.annotate.entities import extract_entities, normal_form, recognize
from storyline.annotate.ner_rules import (
    Mention,
    abbreviation_types,
    drop_common_words_as_people,
    fixed_types,
    legal_form_names,
    plural_surnames,
    split_at_breaks,
    split_parentheses,
    trim_edges,
)
from storyline.config import Config
from storyline.model import Article

GOLDEN = Path(__file__).parent / "data" / "seed_entities.txt"


# --------------------------------------------------------------------- normal forms
@pytest.mark.parametrize(
    ("surface", "type_", "normal"),
    [
        ("Ильхамом Алиевым", "PER", "Ильхам Алиев"),
        ("Алиевым", "PER", "Алиев"),
        ("Алиев", "PER", "Алиев"),  # a surname, not the plural of the first name "Алий"
        ("Марии Захаровой", "PER", "Мария Захарова"),
        ("Дмитрия Пескова", "PER", "Дмитрий Песков"),
        ("Никол Пашинян", "PER", "Никол Пашинян"),  # an unknown word may be a nominative as it is
        ("Доминика Рааба", "PER", "Доминик Рааб"),  # foreign surname declined the Russian way
        ("Сергея Скрипаля", "PER", "Сергей Скрипаль"),
        ("Дж.Ханта", "PER", "Дж.Хант"),
        ("Азербайджанских авиалиний", "ORG", "Азербайджанские авиалинии"),
        ("Министерства иностранных дел России", "ORG", "Министерство иностранных дел России"),
        ("британского МИД", "ORG", "британский МИД"),
        ("МИДа", "ORG", "МИД"),
        ("Высшего суда Пакистана", "ORG", "Высший суд Пакистана"),
        ("Кремля", "LOC", "Кремль"),
        ("Соединенного Королевства", "LOC", "Соединенное Королевство"),
        ("Нью-Йорке", "LOC", "Нью-Йорк"),
        ("Северного Кавказа", "LOC", "Северный Кавказ"),
    ],
)
def test_normal_forms(models: Any, surface: str, type_: str, normal: str) -> None:
    assert normal_form(surface, type_, models.morph) == normal


def test_plural_surname_keeps_plural(models: Any) -> None:
    assert normal_form("Сафаровых", "PER", models.morph, plural=True) == "Сафаровы"


def test_name_alone_on_a_line_is_nominative(models: Any) -> None:
    text = "Фото: пресс-служба\nАлександра Озерова\nВладимир Путин"
    ents = {e.text: e.normal for e in extract_entities(text, models)}
    assert ents["Александра Озерова"] == "Александра Озерова"


# --------------------------------------------------------------------- rules, one line of real text each
def _spans(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(text[m.start : m.stop], m.type) for m in mentions]


def test_split_at_breaks(models: Any) -> None:
    text = "Бахрейн • Барбадос • Бермуды • Чили"
    found = split_at_breaks(text, [Mention(0, text.index(" • Чили"), "LOC")], models.morph)
    assert _spans(text, trim_edges(text, found, models.morph)) == [
        ("Бахрейн", "LOC"),
        ("Барбадос", "LOC"),
        ("Бермуды", "LOC"),
    ]


def test_split_parentheses(models: Any) -> None:
    text = "выступили Союз координационных советов (СКС), институт"
    found = split_parentheses(text, [Mention(10, 44, "ORG")], models.morph)
    assert _spans(text, trim_edges(text, found, models.morph)) == [
        ("Союз координационных советов", "ORG"),
        ("СКС", "ORG"),
    ]


def test_trim_edges_keeps_balanced_quotes(models: Any) -> None:
    text = "считают, что это «Газпром» должен"
    assert _spans(text, trim_edges(text, [Mention(17, 26, "ORG")], models.morph)) == [("«Газпром»", "ORG")]
    assert _spans(text, trim_edges(text, [Mention(17, 25, "ORG")], models.morph)) == [("Газпром", "ORG")]


def test_legal_form_names(models: Any) -> None:
    text = "Соседи считают, что это ОАО «Газпром» должен Белоруссии за транзит"
    found = legal_form_names(text, trim_edges(text, [Mention(24, 37, "ORG")], models.morph), models.morph)
    assert _spans(text, found) == [("Газпром", "ORG")]


def test_abbreviations(models: Any) -> None:
    text = "В СК России сообщили, что по данным СМИ стран СНГ и президента РФ"
    found = abbreviation_types(text, [Mention(36, 39, "ORG"), Mention(63, 65, "ORG")], models.morph)
    assert sorted(_spans(text, found)) == [("РФ", "LOC"), ("СК", "ORG"), ("СНГ", "ORG")]


def test_european_union_is_an_organisation(models: Any) -> None:
    text = "В декабре комиссия Европейского союза пригрозила наложить штраф"
    assert _spans(text, fixed_types(text, [Mention(19, 37, "LOC")], models.morph)) == [
        ("Европейского союза", "ORG")
    ]


def test_rubric_word_is_not_a_person(models: Any) -> None:
    text = "Политика\nПутин поговорил по телефону с Алиевым"
    found = drop_common_words_as_people(text, [Mention(0, 8, "PER"), Mention(9, 14, "PER")], models.morph)
    assert _spans(text, found) == [("Путин", "PER")]
    assert "Политика" not in {text[m.start : m.stop] for m in recognize(text, models)}


def test_common_word_glued_to_a_name_is_cut(models: Any) -> None:
    text = "Встреча Путина и Алиева прошла в Душанбе."
    found = drop_common_words_as_people(text, [Mention(0, 14, "PER")], models.morph)
    assert _spans(text, found) == [("Путина", "PER")]


def test_plural_surnames(models: Any) -> None:
    text = "Двое фигурантов — братьев Сафаровых — умерли"
    assert _spans(text, plural_surnames(text, [], models.morph)) == [("Сафаровых", "PER")]
    ents = [e for e in extract_entities(text, models) if e.type == "PER"]
    assert [(e.text, e.normal) for e in ents] == [("Сафаровых", "Сафаровы")]


# --------------------------------------------------------------------- ids
def test_surname_full_name_and_role_share_an_id(models: Any) -> None:
    text = (
        "В ходе телефонного разговора президент России Владимир Путин и азербайджанский лидер "
        "Ильхам Алиев договорились о контактах. Позже Путин заявил, что глава Азербайджана "
        "и российский президент встретятся. Алиевым также обсуждались вопросы."
    )
    ents = extract_entities(text, models)
    by_text = {e.text: e for e in ents}
    putin = entity_id("PER", "Владимир Путин")
    aliyev = entity_id("PER", "Ильхам Алиев")
    assert by_text["Путин"].entity_id == by_text["Владимир Путин"].entity_id == putin
    assert by_text["российский президент"].entity_id == putin
    assert by_text["глава Азербайджана"].entity_id == by_text["Алиевым"].entity_id == aliyev
    assert by_text["глава Азербайджана"].normal == "Ильхам Алиев"


def test_former_roles_and_roles_inside_names_do_not_bind(models: Any) -> None:
    text = (
        "Бывший президент России Дмитрий Медведев встретился с журналистами. Президент России Владимир "
        "Путин провёл совещание. В Администрации президента России сообщили, что президент России "
        "примет участие."
    )
    roles = [
        (e.text, e.normal) for e in extract_entities(text, models) if e.type == "PER" and "резидент" in e.text
    ]
    assert roles == [("президент России", "Владимир Путин")]


def test_initials_join_the_surname_and_link_to_the_full_name(models: Any) -> None:
    text = (
        "Президент США Барак Обама выступил. Б.Обама охарактеризовал Дж.Коми как специалиста. "
        "Джеймс Коми молчал."
    )
    ids = {e.text: e.entity_id for e in extract_entities(text, models) if e.type == "PER"}
    assert ids == {
        "Барак Обама": entity_id("PER", "Барак Обама"),
        "Б.Обама": entity_id("PER", "Барак Обама"),
        "Дж.Коми": entity_id("PER", "Джеймс Коми"),
        "Джеймс Коми": entity_id("PER", "Джеймс Коми"),
    }


def test_acronym_takes_the_spelled_out_name(models: Any) -> None:
    text = "Министерство иностранных дел Японии выразило протест. В МИД также заявили о переговорах."
    ids = {e.text: e.entity_id for e in extract_entities(text, models) if e.type == "ORG"}
    assert ids["МИД"] == ids["Министерство иностранных дел"]


def test_one_word_name_takes_the_nominative_written_in_the_article(models: Any) -> None:
    text = "Ростех подписал соглашение. В Ростехе отметили, что работа предстоит."
    ents = [(e.text, e.normal, e.entity_id) for e in extract_entities(text, models) if e.type == "ORG"]
    assert ents == [
        ("Ростех", "Ростех", entity_id("ORG", "Ростех")),
        ("Ростехе", "Ростех", entity_id("ORG", "Ростех")),
    ]


def test_unify_story_ids(models: Any) -> None:
    def article(aid: str, text: str) -> Article:
        return Article(aid, text, aid, aid, entities=extract_entities(text, models))

    first = article("a", "Президент России Владимир Путин провёл переговоры в Душанбе.")
    second = article("b", "Путин заявил журналистам, что переговоры прошли успешно.")
    assert {e.entity_id for e in second.entities if e.type == "PER"} == {entity_id("PER", "Путин")}
    unified = unify_story_ids([first, second])
    assert {e.entity_id for e in unified[1].entities if e.type == "PER"} == {
        entity_id("PER", "Владимир Путин")
    }
    assert unified[0] == first


def test_offsets_point_into_the_text(models: Any, seeds_dir: Path) -> None:
    text = next(iter(sorted(seeds_dir.glob("*.txt")))).read_text(encoding="utf-8")
    ents = extract_entities(text, models)
    assert ents
    assert all(text[e.start : e.stop] == e.text for e in ents)


# --------------------------------------------------------------------- golden seeds
def _golden() -> list[tuple[str, str, str, list[tuple[str, str]]] | tuple[str, str]]:
    rows: list[tuple[str, str, str, list[tuple[str, str]]] | tuple[str, str]] = []
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("!"):
            _, seed, surface = line.split(maxsplit=2)
            rows.append((seed, surface))
            continue
        head, _, body = line.partition(" := ")
        seed, type_, canonical = head.split(maxsplit=2)
        surfaces = []
        for item in body.split(" | "):
            surface, _, normal = item.partition("=")
            surfaces.append((surface, normal or canonical))
        rows.append((seed, type_, canonical, surfaces))
    return rows


def test_golden_seed_entities(models: Any, seeds_dir: Path) -> None:
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in seeds_dir.glob("*.txt")}
    found = {seed: extract_entities(text, models) for seed, text in texts.items()}
    problems = []
    for row in _golden():
        if len(row) == 2:
            seed, surface = row
            if any(e.text == surface for e in found[seed]):
                problems.append(f"{seed}: {surface!r} must not be an entity")
            continue
        seed, type_, canonical, surfaces = row
        for surface, normal in surfaces:
            matches = [e for e in found[seed] if " ".join(e.text.split()) == surface and e.type == type_]
            if not matches:
                problems.append(f"{seed}: {type_} {surface!r} not found")
            elif any(e.normal != normal for e in matches):
                problems.append(f"{seed}: {surface!r} normal {matches[0].normal!r}, expected {normal!r}")
            elif any(e.entity_id != entity_id(type_, canonical) for e in matches):
                problems.append(f"{seed}: {surface!r} is not linked to {canonical!r}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------- metric floors
@pytest.fixture(scope="module")
def ner_metrics(shared_data: Path) -> dict[str, Any]:
    from storyline.evaluate.ner import evaluate

    return evaluate(shared_data, Config())


FLOORS = {
    # (dataset, level, type): floor, slightly below what the code reaches (see README / report)
    ("factru_test", "token", "PER"): 0.960,
    ("factru_test", "token", "ORG"): 0.855,
    ("factru_test", "token", "LOC"): 0.930,
    ("factru_test", "span", "PER"): 0.930,
    ("factru_test", "span", "ORG"): 0.840,
    ("factru_test", "span", "LOC"): 0.925,
    ("nerel_test", "span", "PER"): 0.915,
    ("nerel_test", "span", "ORG"): 0.585,
    ("nerel_test", "span", "LOC"): 0.800,
    ("nerel_test", "token", "PER"): 0.945,
    ("nerel_test", "token", "ORG"): 0.710,
    ("nerel_test", "token", "LOC"): 0.815,
}
# slovnet's published factRu F1 (naeval, token level): our goal is at least that, ORG above it
SLOVNET_FACTRU = {"PER": 0.959, "LOC": 0.915, "ORG": 0.825}


@pytest.mark.slow
@pytest.mark.data
def test_ner_floors(ner_metrics: dict[str, Any]) -> None:
    low = {
        key: ner_metrics[key[0]][key[1]][key[2]]["f1"]
        for key, floor in FLOORS.items()
        if ner_metrics[key[0]][key[1]][key[2]]["f1"] < floor
    }
    assert not low, f"F1 below floor: {low}"
    for type_, anchor in SLOVNET_FACTRU.items():
        assert ner_metrics["factru_test"]["token"][type_]["f1"] >= anchor


@pytest.mark.slow
@pytest.mark.data
def test_normal_form_floors(ner_metrics: dict[str, Any]) -> None:
    normals = ner_metrics["normal_forms"]
    assert normals["hand_checked"]["items"] >= 100
    assert normals["hand_checked"]["accuracy"] >= 0.90
    assert normals["bsnlp_ru"]["accuracy"] >= 0.92


def test_hand_checked_sample_is_well_formed() -> None:
    from storyline.evaluate.ner import hand_checked_items

    items = hand_checked_items()
    assert len(items) >= 100
    assert {t for _, _, t in items} == {"PER", "ORG", "LOC"}
    assert all(surface and normal for surface, normal, _ in items)
