"""Dates: one-line rules on real text, golden dates of the seeds, metric floors (NEREL, hand-checked)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.annotate.dates import background_reason, event_dates, extract_dates
from storyline.annotate.dates import calendar as cal
from storyline.config import Config
from storyline.evaluate.data import read_jsonl
from storyline.evaluate.dates import SAMPLE, SLAVIC_SAMPLE, detection, resolution
from storyline.ingest.seed import parse_seed


def found(text: str, published: str | None, language: str = "ru") -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in extract_dates(text, published, language)]


# ----------------------------------------------------------------------------- one rule, one line
@pytest.mark.parametrize(
    ("text", "published", "language", "expected"),
    [
        # Russian (lines from the seeds and ../shared/data)
        ("сообщила пресс-служба Кремля 24 октября.", "2025-10-24", "ru", [("24 октября", "2025-10-24")]),
        (
            "крушения самолета в Актау в декабре 2024 года.",
            "2025-10-24",
            "ru",
            [("в декабре 2024 года", "2024-12")],
        ),
        (
            "«Азербайджанских авиалиний» в декабре 2024 г. Путин",
            "2025-10-24",
            "ru",
            [("в декабре 2024 г", "2024-12")],
        ),
        ("В феврале МИД Азербайджана потребовал закрыть", "2025-10-24", "ru", [("В феврале", "2025-02")]),
        (
            "однако два дня назад Алиев все же поздравил Путина",
            "2025-10-09",
            "ru",
            [("два дня назад", "2025-10-07")],
        ),
        ("Летом в Екатеринбурге были задержаны", "2025-10-09", "ru", [("Летом", "2025-06/2025-08")]),
        ("Летом в Екатеринбурге были задержаны", "2025-03-01", "ru", [("Летом", "2024-06/2024-08")]),
        ("по делу о серии убийств 2001–2011 годов.", "2025-10-09", "ru", [("2001–2011 годов", "2001/2011")]),
        ("в Екатеринбурге в 2001-2011 годах.", "2025-10-24", "ru", [("в 2001-2011 годах", "2001/2011")]),
        ("В середине августа Алиев заявил", "2025-10-09", "ru", [("В середине августа", "2025-08")]),
        (
            "Путин и Алиев не встречались с октября 2024 года.",
            "2025-10-09",
            "ru",
            [("с октября 2024 года", "2024-10")],
        ),
        ("9 октября Путин и Алиев встретились в Душанбе.", "2025-10-09", "ru", [("9 октября", "2025-10-09")]),
        (
            "проверили 24.10.2025 и 2025-10-23",
            "2025-10-24",
            "ru",
            [("24.10.2025", "2025-10-24"), ("2025-10-23", "2025-10-23")],
        ),
        (
            "Вчера он уехал, а сегодня вернулся.",
            "2025-10-24",
            "ru",
            [("Вчера", "2025-10-23"), ("сегодня", "2025-10-24")],
        ),
        ("Кремль в среду объявил", "2025-10-24", "ru", [("в среду", "2025-10-22")]),
        ("Состоится встреча в среду", "2025-10-24", "ru", [("в среду", "2025-10-29")]),
        ("В начале месяца цены выросли", "2025-10-24", "ru", [("В начале месяца", "2025-10")]),
        ("Выборы прошли в конце октября", "2025-11-05", "ru", [("в конце октября", "2025-10")]),
        (
            "В четверг, 5 июля 2018 года, Европарламент отклонил",
            None,
            "ru",
            [("В четверг, 5 июля 2018 года", "2018-07-05")],
        ),
        ("Он жил там в 1990-х годах", "2025-10-24", "ru", [("в 1990-х годах", "1990/1999")]),
        ("Рост в прошлом году составил", "2025-10-24", "ru", [("в прошлом году", "2024")]),
        (
            "Туры с 29 ноября по 2 декабря",
            "2019-11-13",
            "ru",
            [("с 29 ноября по 2 декабря", "2019-11-29/2019-12-02")],
        ),
        (
            "Выручка за третий квартал 2019 года",
            "2019-11-14",
            "ru",
            [("за третий квартал 2019 года", "2019-07/2019-09")],
        ),
        ("Поправки вступят в силу с 1 июля 2018 года.", None, "ru", [("с 1 июля 2018 года", "2018-07-01")]),
        # not dates
        ("от 5 до 10 лет", "2025-10-24", "ru", []),
        ("в течение нескольких дней", "2025-10-24", "ru", []),
        ("несколько дней назад", "2025-10-24", "ru", []),
        ("накануне выборов в Госдуму", "2025-10-24", "ru", []),
        ("Ирина Мая сказала", "2025-10-24", "ru", []),
        ("с самолетом авиакомпании AZAL", "2025-10-24", "ru", []),
        ("в новостях «Сегодня» на телеканале", "2025-10-24", "ru", []),
        # Spanish, French, Italian, English (ml_crisis_tls style)
        ("Manifestantes, 25 de enero de 2011.", "2011-01-26", "es", [("25 de enero de 2011", "2011-01-25")]),
        ("El martes Hosni fue interrogado", "2011-04-17", "es", [("El martes", "2011-04-12")]),
        ("hace un año, fue un bombardeo", "2018-04-16", "es", [("hace un año", "2017")]),
        ("en la Plaza de Mayo", "2011-04-17", "es", []),
        ("Ayer, los manifestantes", "2011-01-26", "es", [("Ayer", "2011-01-25")]),
        ("Le 25 janvier, les manifestants", "2011-01-26", "fr", [("Le 25 janvier", "2011-01-25")]),
        ("a été tuée lundi dans un quartier d'Alep", "2012-08-21", "fr", [("lundi", "2012-08-20")]),
        ("défilent le vendredi à la sortie des mosquées", "2013-01-24", "fr", []),
        ("Il est parti hier soir", "2012-10-21", "fr", [("hier soir", "2012-10-20")]),
        ("il 25 gennaio 2011 in piazza", "2011-02-01", "it", [("il 25 gennaio 2011", "2011-01-25")]),
        ("La conferenza stampa di ieri sera", "2016-02-12", "it", [("ieri sera", "2016-02-11")]),
        ("Tre anni fa morivano", "2016-08-22", "it", [("Tre anni fa", "2013")]),
        ("il 23 gennaio del '43 le truppe", "2011-02-22", "it", [("il 23 gennaio del '43", "1943-01-23")]),
        ("On January 25, protesters gathered", "2011-01-26", "en", [("On January 25", "2011-01-25")]),
        ("Theresa May said on Tuesday", "2011-01-26", "en", [("on Tuesday", "2011-01-25")]),
    ],
)
def test_rule(text: str, published: str | None, language: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, published, language) == expected


def test_anchored_expressions_follow_the_date_before_them() -> None:
    text = "Президенты созвонились 7 октября. Спустя два дня, 9 октября, они встретились."
    assert found(text, "2025-10-24") == [
        ("7 октября", "2025-10-07"),
        ("Спустя два дня", "2025-10-09"),
        ("9 октября", "2025-10-09"),
    ]
    # a month anchor keeps the result at month granularity
    text = "Ранее в октябре Путин встретился с Алиевым. На следующий день российский лидер заявил"
    assert found(text, "2025-10-24") == [("в октябре", "2025-10"), ("На следующий день", "2025-10")]
    # "накануне" is the day before a date in its sentence
    text = "В понедельник, 14 января 2019 года, мэр скончался после того, как накануне на него напали."
    assert found(text, "2019-01-14")[-1] == ("накануне", "2019-01-13")


def test_without_publication_date_only_self_contained_dates() -> None:
    text = "24 октября, в декабре 2024 года, вчера, в 2001–2011 годах"
    assert found(text, None) == [("в декабре 2024 года", "2024-12"), ("в 2001–2011 годах", "2001/2011")]


def test_unsupported_language_gives_nothing() -> None:
    assert extract_dates("am 24. Oktober 2025", "2025-10-24", "de") == ()


def test_person_card_dates_are_dropped_and_birth_dates_flagged() -> None:
    card = "Владимир Путин\nполитик, президент России\n7 октября 1952 года\nИльхам Алиев фото"
    assert extract_dates(card, "2025-10-24", "ru") == ()
    prose = "Константин Валентинович Рябинов родился 20 октября 1964 года в Омске. Умер он 5 марта 2020 года."
    dates = extract_dates(prose, "2020-03-06", "ru")
    assert [background_reason(prose, d) for d in dates] == ["birth", None]
    assert [d.value for d in event_dates(prose, dates)] == ["2020-03-05"]


# ----------------------------------------------------------------------------- calendar rules
def test_month_without_year_leans_to_the_past() -> None:
    ref = dt.date(2025, 10, 24)
    assert cal.year_for_month(2, ref, "default") == 2025
    assert cal.year_for_month(12, ref, "default") == 2025  # two months ahead is still this year
    assert cal.year_for_month(12, ref, "past") == 2024
    assert cal.year_for_month(1, dt.date(2025, 11, 5), "future") == 2026


def test_weekdays_and_seasons() -> None:
    friday = dt.date(2025, 10, 24)
    assert cal.weekday_date(2, friday, None, "default") == dt.date(2025, 10, 22)
    assert cal.weekday_date(4, friday, None, "default") == friday
    assert cal.weekday_date(4, friday, -1, "default") == dt.date(2025, 10, 17)
    assert cal.weekday_date(3, friday, 0, "default") == dt.date(2025, 10, 23)
    assert cal.season_year("summer", friday, None, "default") == 2025
    assert cal.season_year("summer", dt.date(2025, 5, 6), None, "future") == 2025
    assert cal.season_year("winter", friday, None, "default") == 2025  # Dec 2024 - Feb 2025
    assert cal.season_range("winter", 2025) == (dt.date(2024, 12, 1), dt.date(2025, 2, 1))


# ----------------------------------------------------------------------------- the seeds
SEED_DATES = {
    "000": [
        ("в октябре", "2025-10"),
        ("На следующий день", "2025-10"),
        ("в декабре 2024 года", "2024-12"),
        ("В феврале", "2025-02"),
        ("в июне", "2025-06"),
    ],
    "001": [("24 октября", "2025-10-24"), ("9 октября", "2025-10-09"), ("в декабре 2024 г", "2024-12")],
    "002": [
        ("два дня назад", "2025-10-07"),
        ("сегодня", "2025-10-09"),
        ("7 октября", "2025-10-07"),
        ("в марте", "2025-03"),
        ("с октября 2024 года", "2024-10"),
        ("в декабре 2024 года", "2024-12"),
        ("В середине августа", "2025-08"),
        ("Летом", "2025-06/2025-08"),
        ("2001–2011 годов", "2001/2011"),
    ],
    "003": [
        ("24 октября", "2025-10-24"),
        ("9 октября", "2025-10-09"),
        ("в 2025 году", "2025"),
        ("7 октября", "2025-10-07"),
        ("Спустя два дня", "2025-10-09"),
        ("9 октября", "2025-10-09"),
        ("в декабре 2024 года", "2024-12"),
        ("В июне", "2025-06"),
        ("в 2001-2011 годах", "2001/2011"),
        ("9 октября", "2025-10-09"),
    ],
    "004": [
        ("9 октября", "2025-10-09"),
        ("в декабре 2024 года", "2024-12"),
        ("в этом году", "2025"),
        ("сегодня", "2025-10-09"),
    ],
}


@pytest.mark.parametrize("seed", sorted(SEED_DATES))
def test_seed_dates(seed: str, seeds_dir: Path) -> None:
    path = next(seeds_dir.glob(f"{seed}_*.txt"))
    doc, _ = parse_seed(path.read_text(encoding="utf-8"), seed, str(path))
    assert doc is not None
    assert found(doc.text, doc.published) == SEED_DATES[seed]


# ----------------------------------------------------------------------------- metric floors
def test_resolution_on_hand_checked_sample() -> None:
    result = resolution(SAMPLE)
    assert result["all"]["sentences"] >= 100
    assert result["all"]["accuracy"] >= 0.95
    assert result["test"]["accuracy"] >= 0.95
    assert result["all"]["detection"]["recall"] >= 0.97
    assert result["all"]["value_precision"] >= 0.94
    for language in ("ru", "es", "fr", "it"):
        assert result[language]["accuracy"] >= 0.9, language


@pytest.mark.data
def test_detection_against_nerel_dates(shared_data: Path, config: Config) -> None:
    result = detection(shared_data / "nerel" / "documents.jsonl")
    assert result["documents"] == 93
    assert result["overlap"]["f1"] >= 0.88
    assert result["exact"]["f1"] >= 0.82
    assert result["overlap_points"]["recall"] >= 0.91
    assert result["overlap_points"]["precision"] >= 0.94


@pytest.mark.parametrize(
    ("text", "published", "language", "expected"),
    [
        ("Le 22 novembre dernier, les manifestants ont occupé la place.", "2011-12-10", "fr", "2011-11-22"),
        (
            "L'altro ieri, 14 settembre scorso, la polizia ha arrestato due persone.",
            "2011-09-16",
            "it",
            "2011-09-14",
        ),
        ("El pasado 28 de enero miles de personas salieron a las calles.", "2011-02-10", "es", "2011-01-28"),
        ("Le 12 mars prochain, les électeurs voteront.", "2011-02-10", "fr", "2011-03-12"),
    ],
)
def test_day_with_last_or_next_qualifier(text: str, published: str, language: str, expected: str) -> None:
    values = [d.value for d in extract_dates(text, published, language)]
    assert expected in values


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("L'ancien ministre a été condamné le 3 juillet par le tribunal.", "fr"),
        ("Il giornalista è stato assassinato il 3 marzo a Damasco.", "it"),
        ("Il leader è tornato il 3 marzo in patria.", "it"),
    ],
)
def test_participles_ending_like_birth_words_are_not_births(text: str, language: str) -> None:
    (mention,) = extract_dates(text, "2011-08-01", language)
    assert background_reason(text, mention) is None


# ----------------------------------------------------------------------------- ml_crisis_tls lines (es/fr/it)
def test_weekday_before_a_numeric_date_is_part_of_it() -> None:
    text = "Sábado 12/02/2011. Actualizado 14:32h."
    assert found(text, "2011-02-10", "es") == [("Sábado 12/02/2011", "2011-02-12")]


def test_day_heading_alone_on_a_line_is_kept_as_a_heading() -> None:
    text = (
        "Martes, 25 de enero\nMiles de manifestantes se lanzan a protestas en las calles de El Cairo y otras "
        "grandes urbes, convocados por Internet en una jornada conocida como 'el día de la Ira'."
    )
    (mention,) = extract_dates(text, "2011-02-03", "es")
    assert (mention.value, background_reason(text, mention)) == ("2011-01-25", "heading")
    assert event_dates(text, (mention,)) == ()


def test_chronology_entry_takes_the_year_of_the_entry_before_it() -> None:
    text = (
        "- 10 mai 2011 : Sanctions contre 13 figures-clés du régime.\n"
        "- 24 mai : Interdiction de visa et gel des avoirs du président Bachar al-Assad.\n"
        "- 24 septembre : L'UE interdit tout nouvel investissement dans le secteur pétrolier.\n"
        "- 27 février 2012 : Gel des biens de la Banque centrale."
    )
    values = [v for _, v in found(text, "2012-06-25", "fr")]
    assert values == ["2011-05-10", "2011-05-24", "2011-09-24", "2012-02-27"]


def test_chronology_without_years_counts_back_from_its_last_entry() -> None:
    text = (
        "- 18 agosto: EEUU anuncia sanciones a las que se suma por primera vez la UE.\n"
        "- 7 mayo: Elecciones legislativas, boicoteadas por la oposición.\n"
        '- 7 marzo: El rebelde Frente Islámico Sirio (FIS) anuncia "la liberación total" de Al Raqa.'
    )
    assert [v for _, v in found(text, "2013-12-20", "es")] == ["2011-08-18", "2012-05-07", "2013-03-07"]


def test_numbered_review_of_the_year_stays_in_its_year() -> None:
    text = (
        "8 ) 12 febbraio Muore Whitney Houston.\n"
        "9) 14 febbraio Esplode il fenomeno musicale degli One Direction.\n"
        "10) 15 febbraio Massimiliano Latorre e Salvatore Girone vengono accusati di avere ucciso "
        "due pescatori."
    )
    assert [v for _, v in found(text, "2012-12-29", "it")] == ["2012-02-12", "2012-02-14", "2012-02-15"]


def test_french_short_month_after_a_day() -> None:
    text = (
        "- 14 jan: TUNISIE - Le président Zine El Abidine Ben Ali fuit en Arabie saoudite.\n"
        "- 11 fév: EGYPTE - Le président Hosni Moubarak démissionne.\n"
        "- 14 fév: BAHREIN - Début d'une contestation, animée par les chiites."
    )
    assert found(text, "2011-12-22", "fr") == [
        ("14 jan", "2011-01-14"),
        ("11 fév", "2011-02-11"),
        ("14 fév", "2011-02-14"),
    ]
    assert found("Il y a sept ans, ils sont partis.", "2011-12-22", "fr") == [("Il y a sept ans", "2004")]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "el lugar donde se produjo supuestamente el ataque con armas químicas el pasado día 21 "
            "y que acabó",
            "2013-08-25",
            [("el pasado día 21", "2013-08-21")],
        ),
        (
            "Tras la masacre que tuvo lugar el pasado día 8, sin embargo, los portavoces de Nur anunciaron",
            "2013-07-26",
            [("el pasado día 8", "2013-07-08")],
        ),
        (
            'aseguran que "hizo el trabajo" para Occidente, en preparación del bombardeo de EEUU, '
            "Reino Unido y Francia, del pasado día 14.",
            "2018-04-26",
            [("del pasado día 14", "2018-04-14")],
        ),
    ],
)
def test_spanish_day_of_the_month_left_unsaid(
    text: str, published: str, expected: list[tuple[str, str]]
) -> None:
    """ "el pasado día 21" (es_month_day): the latest day 21 on or before publication."""
    assert found(text, published, "es") == expected


@pytest.mark.parametrize(
    ("text", "published", "language", "expected"),
    [
        # weekly schedules (real lines of ml_crisis_tls): neither weekday is last week's day
        (
            "El objetivo es guiar al lector de lunes a viernes entre las informaciones relevantes del día",
            "2011-04-08",
            "es",
            [],
        ),
        ("Du lundi au samedi, découvrez l'essentiel de l'actualité.", "2012-06-13", "fr", []),
        (
            "Du lundi au vendredi, la revue de presse préparée par la rédaction du CRIF",
            "2013-02-25",
            "fr",
            [],
        ),
        # a span in a past sentence: the last such span before publication (a Monday)
        (
            "La repressione da parte delle forze dell'ordine è stata violentissima: da mercoledì a domenica "
            "sono state uccise almeno 250 persone, e i feriti sono centinaia.",
            "2011-02-21",
            "it",
            [("da mercoledì a domenica", "2011-02-16/2011-02-20")],
        ),
    ],
)
def test_weekday_span_is_a_schedule_unless_the_sentence_is_past_or_future(
    text: str, published: str, language: str, expected: list[tuple[str, str]]
) -> None:
    """ "de lunes a viernes" (``*_weekday_span``): one expression; no date in a present sentence."""
    assert found(text, published, language) == expected


def test_weekday_span_in_a_future_sentence_is_the_next_one() -> None:
    assert found("Переговоры пройдут с понедельника по среду.", "2011-02-22", "ru") == [
        ("с понедельника по среду", "2011-02-28/2011-03-02")
    ]


def test_night_from_one_weekday_to_the_next_is_not_a_schedule() -> None:
    """ "в ночь с четверга по пятницу" (a tgcontest line) is one night: the span rule leaves it to the
    weekday rule, as before (which reads it as the last Thursday even in a forecast)."""
    text = (
        "По мнению синоптиков, в ночь с четверга по пятницу на севере Одесской области температура "
        "воздуха понизится до 5 градусов мороза"
    )
    assert [t for t, _ in found(text, "2018-10-23", "ru")] == ["с четверга"]


@pytest.mark.parametrize(
    ("text", "published", "language", "expected"),
    [
        # NEREL (Russian Wikinews): the gold DATE is the whole list
        (
            "12 и 13 января 2013 года в Чехии прошёл первый тур первых прямых президентских выборов.",
            "2013-01-14",
            "ru",
            [("12 и 13 января 2013 года", "2013-01-12/2013-01-13")],
        ),
        # ml_crisis_tls
        (
            'confirma que "la policía egipcia usó munición contra los manifestantes el 28 y el 29 de enero"',
            "2011-04-19",
            "es",
            [("el 28 y el 29 de enero", "2011-01-28/2011-01-29")],
        ),
        (
            "vise à organiser des manifestations partout dans le monde les 15, 16 et 17 mars en solidarité",
            "2012-03-03",
            "fr",
            [("les 15, 16 et 17 mars", "2012-03-15/2012-03-17")],
        ),
        (
            "uno dei due candidati che andranno al ballottaggio alle presidenziali del 16 e 17 giugno",
            "2012-05-28",
            "it",
            [("16 e 17 giugno", "2012-06-16/2012-06-17")],
        ),
        # days that are not in a row are no span: the last day is read alone, as before
        (
            "De momento, sólo ha salido de Siria, en los cargamentos de los días 7 y 27 de enero, un 5%",
            "2014-01-28",
            "es",
            [("27 de enero", "2014-01-27")],
        ),
        # semeval22_task8_sample (English): "between/from … to/and …"
        (
            "the synth-focused electronic music show that’s scheduled to take place in Berlin"
            " between 23 and 25 April.",
            "2020-03-05",
            "en",
            [("between 23 and 25 April", "2020-04-23/2020-04-25")],
        ),
    ],
)
def test_list_of_days_in_a_row_is_one_span(
    text: str, published: str, language: str, expected: list[tuple[str, str]]
) -> None:
    """ "12 и 13 января", "les 15, 16 et 17 mars" (``*_day_list``): one expression from the first day to
    the last, not only the last day."""
    assert found(text, published, language) == expected


# ----------------------------------------------------------------------------- Slavic languages of bsnlp
# (rule, line, publication day, language, expected). Lines are sentences of ../shared/data/bsnlp (none of
# them from the held-out half of tests/data/dates_slavic_sample.jsonl) with their document's date; hr and sk
# documents mostly have none, so 2016-11-15 (the ec topic was collected in late 2016) is given instead.
# The rules in CONSTRUCTED are tested on lines written here instead.
SLAVIC_RULES: list[tuple[str, str, str | None, str, list[tuple[str, str]]]] = [
    (
        "uk_date",
        (
            "Прем'єр-міністр Великої Британії Тереза Мей у четвер, 15 листопада, заявила, що "
            "повністю виключає можливість повторного референдуму з питання Brexit , відмова від "
            'якої недопустиме і зведе всю роботу уряду до нуля, передає "У мене дуже чітка позиція '
            "з питання другого референдуму."
        ),
        "2018-11-16",
        "uk",
        [("у четвер, 15 листопада", "2018-11-15")],
    ),
    (
        "uk_day_range",
        ("Також громадяни країни все менше вірять в локдаун з 8 по 24 січня 2021 року і його ефективність."),
        "2021-01-28",
        "uk",
        [("з 8 по 24 січня 2021 року", "2021-01-08/2021-01-24")],
    ),
    (
        "uk_month_range",
        (
            "Наступний період подання заявок на участь у конкурсах спільних програм відбудеться з "
            "жовтня 2016 р. по лютий 2017 р."
        ),
        None,
        "uk",
        [("з жовтня 2016 р. по лютий 2017 р.", "2016-10/2017-02")],
    ),
    (
        "uk_month_range_dash",
        '\u200e"Високий" сезон грипу починається десь у грудні-січні.',
        "2021-01-28",
        "uk",
        [("у грудні-січні", "2020-12/2021-01")],
    ),
    (
        "uk_month",
        "Про це казали ще у грудні.",
        "2021-01-28",
        "uk",
        [("у грудні", "2020-12")],
    ),
    (
        "uk_year_range",
        "©2000-2018, Українська правда.",
        "2018-07-08",
        "uk",
        [("2000-2018", "2000/2018")],
    ),
    (
        "uk_year",
        "Перший транш отримано у 2015 році.",
        None,
        "uk",
        [("у 2015 році", "2015")],
    ),
    (
        "uk_year_bare",
        "ТОП найбільш перспективних бізнесів у 2021",
        "2021-01-28",
        "uk",
        [("у 2021", "2021")],
    ),
    (
        "uk_year_word",
        (
            "За словами членів команди Байдена, у музичній добірці цьогоріч буде відображено усе "
            "різноманіття американської нації."
        ),
        "2021-01-29",
        "uk",
        [("цьогоріч", "2021")],
    ),
    (
        "uk_decade",
        (
            "З кінця 1980-х років різке збільшення кількості заяв призвело до перевантаження "
            "двоступеневої системи, що складалася із Комісії та структур Суду."
        ),
        None,
        "uk",
        [("1980-х років", "1980/1989")],
    ),
    (
        "uk_season",
        "Купити вакцину проти коронавірусу в Україні можна буде вже навесні.",
        "2021-01-28",
        "uk",
        [("навесні", "2021-03/2021-05")],
    ),
    (
        "uk_quarter",
        "Результатів досліджень у Британії очікують у першому кварталі 2021 року.",
        "2021-01-28",
        "uk",
        [("у першому кварталі 2021 року", "2021-01/2021-03")],
    ),
    (
        "uk_day_word",
        'Про це йдеться в сюжеті "Сьогодні".',
        "2021-01-28",
        "uk",
        [],
    ),
    (
        "uk_ago",
        (
            "З моменту початку вакцинації, місяць тому, більше 2,5 мільйонів з дев'ятимільйонного "
            "населення Ізраїлю вже були вакциновані, повідомило в п'ятницю міністерство охорони "
            "здоров'я."
        ),
        "2021-01-28",
        "uk",
        [("місяць тому", "2020-12"), ("в п'ятницю", "2021-01-22")],
    ),
    (
        "uk_next_day",
        ("Наступного дня британський прем'єр-міністр Тереза Мей повідомила, що уряд підтримав Угоду."),
        "2018-11-21",
        "uk",
        [("Наступного дня", "2018-11-22")],
    ),
    (
        "uk_after",
        (
            "Через тиждень має відбутися позачерговий саміт, присвячений завершенню роботи над "
            "угодою щодо Brexit."
        ),
        "2018-11-18",
        "uk",
        [("Через тиждень", "2018-11-25")],
    ),
    (
        "uk_later",
        (
            "Але ця ж група виборців допомогла обрати губернатора штату від Демократичної партії "
            "два роки по тому - і тепер Джо Байден випереджає Трампа за даними опитувань."
        ),
        "2021-01-29",
        "uk",
        [("два роки по тому", "2023")],
    ),
    (
        "uk_earlier",
        (
            "Днем раніше група з 17 американських штатів поінформувала Верховний суд США, що "
            "підтримує поданий Техасом позов, націлений на відстрочку призначення вибірників, яким "
            "належить визначити наступного президента країни."
        ),
        "2021-01-29",
        "uk",
        [("Днем раніше", "2021-01-28")],
    ),
    (
        "uk_eve",
        "Напередодні з міркувань безпеки адвокат жінки залишив Пакистан.",
        "2018-11-04",
        "uk",
        [("Напередодні", "2018-11-03")],
    ),
    (
        "uk_weekday",
        "Трамп написав про це в п'ятницю у Tweeter.",
        "2021-01-29",
        "uk",
        [("в п'ятницю", "2021-01-29")],
    ),
    (
        "uk_weekday_rel",
        (
            "Під час зустрічі минулої п'ятниці британські міністри узгодили свою позицію щодо "
            "Brexit на переговорах з ЄС."
        ),
        "2018-07-08",
        "uk",
        [("минулої п'ятниці", "2018-07-06")],
    ),
    (
        "uk_weekday_span",
        "Приймальня працює з понеділка по п'ятницю.",
        "2018-07-08",
        "uk",
        [],
    ),
    (
        "uk_relative_period",
        "У цьому році таких голосів рекордна кількість.",
        "2021-01-29",
        "uk",
        [("У цьому році", "2021")],
    ),
    (
        "bg_date",
        (
            "На 26 април (четвъртък) главният преговарящ от името на ЕС за Брекзит Мишел Барние ще "
            "бъде на работно посещение в България."
        ),
        "2018-04-25",
        "bg",
        [("На 26 април", "2018-04-26")],
    ),
    (
        "bg_day_range",
        "От 10 до 23 юни нараства до 84 случая на ден“.",
        "2020-06-24",
        "bg",
        [("От 10 до 23 юни", "2020-06-10/2020-06-23")],
    ),
    (
        "bg_day_list",
        (
            "Това показаха и първите дебати за номинацията на Демократическата партия, които се "
            "проведоха на 26 и 27 юни т.г."
        ),
        "2019-07-06",
        "bg",
        [("на 26 и 27 юни", "2019-06-26/2019-06-27")],
    ),
    (
        "bg_month_range",
        (
            "Той обясни още, че правителството не възнамерява преговорите за търговията да "
            "продължават и през преходния период, като посочва период от октомври 2018 г. до март "
            "2019 г."
        ),
        "2018-04-25",
        "bg",
        [("от октомври 2018 г. до март 2019 г.", "2018-10/2019-03")],
    ),
    (
        "bg_month",
        (
            "Той отбеляза, че днес е бил упълномощен от Съвета на ЕС да преговаря за преходния "
            "срок, а през март Европейският съвет вероятно ще очертае насоките за преговорите за "
            "бъдещите отношения с Лондон."
        ),
        "2018-01-29",
        "bg",
        [("днес", "2018-01-29"), ("през март", "2018-03")],
    ),
    (
        "bg_year_range",
        "© 1998 - 2018 WEB MEDIA GROUP.",
        "2018-02-01",
        "bg",
        [("1998 - 2018", "1998/2018")],
    ),
    (
        "bg_year",
        "„Революцията от 2016 г. продължава.",
        "2018-03-04",
        "bg",
        [("от 2016 г.", "2016")],
    ),
    (
        "bg_year_bare",
        "Вярвате или не, го направих още през 2010.",
        "2020-11-02",
        "bg",
        [("през 2010", "2010")],
    ),
    (
        "bg_year_word",
        (
            "Той призова президента и премиера да поканят 46-тия американски президент на визита у "
            'нас догодина по повод инициативата "Три морета".'
        ),
        "2020-11-09",
        "bg",
        [("догодина", "2021")],
    ),
    (
        "bg_decade",
        "През 50-те този миньорски и индустриален град преживява тежък период.",
        None,
        "bg",
        [("През 50-те", "1950/1959")],
    ),
    (
        "bg_century",
        ("Посочени бяха и примери за недопустимо третиране на работници в ХХI век на територията на ЕС."),
        "2018-03-04",
        "bg",
        [("в ХХI век", "2001/2100")],
    ),
    (
        "bg_season",
        (
            "Болтън напусна правителството през есента на 2019 г. и оттогава е един от гласовитите "
            "критици на Тръмп."
        ),
        "2020-11-24",
        "bg",
        [("през есента на 2019 г.", "2019-09/2019-11")],
    ),
    (
        "bg_quarter",
        (
            "Спадът на БВП се очаква да бъде най-голям в Словакия – 5,4% през първото тримесечие, в "
            "сравнение с 3,3% общо за ЕС."
        ),
        "2020-05-27",
        "bg",
        [("през първото тримесечие", "2020-01/2020-03")],
    ),
    (
        "bg_day_word",
        '"Днес се чувствам в безопасност.',
        "2018-02-28",
        "bg",
        [("Днес", "2018-02-28")],
    ),
    (
        "bg_ago",
        (
            "Голяма част от революционните му преди 4 години предложения сега са част от "
            "платформата и на други кандидати."
        ),
        "2019-07-06",
        "bg",
        [("преди 4 години", "2015")],
    ),
    (
        "bg_next_day",
        "С писмо с гарантирана доставка на следващия ден цената е 6,5 паунда.",
        "2018-02-10",
        "bg",
        [("на следващия ден", "2018-02-11")],
    ),
    (
        "bg_same_day",
        "В същия ден тя била хвърлена в килия, в която е заключена и до днес.",
        "2013-08-29",
        "bg",
        [("В същия ден", "2013-08-29"), ("днес", "2013-08-29")],
    ),
    (
        "bg_after",
        "Той припомни, че Великобритания ще напусне ЕС след година.",
        "2018-02-28",
        "bg",
        [("след година", "2019")],
    ),
    (
        "bg_later",
        "Пет дни по-късно тя била обвинена в богохулство.",
        "2010-11-17",
        "bg",
        [("Пет дни по-късно", "2010-11-22")],
    ),
    (
        "bg_earlier",
        (
            "В рамките на петъчната търговия британската лира се понижава с 0,7% към триседмично "
            "дъно от 1,3790 щатски долара, след като само ден по-рано паундът поскъпна за кратко до "
            "1,4066 нивото, реагирайки позитивно на сигналите от Английската централна банка за "
            "възможно по-скорошно и по-агресивно повишаване на лихвените ставки."
        ),
        "2018-02-09",
        "bg",
        [("ден по-рано", "2018-02-08")],
    ),
    (
        "bg_weekday",
        "В петък той ще изнесе реч.",
        "2018-01-25",
        "bg",
        [("В петък", "2018-01-26")],
    ),
    (
        "bg_weekday_rel",
        "Републиканците възобновиха делото миналата сряда.",
        "2020-12-04",
        "bg",
        [("миналата сряда", "2020-12-02")],
    ),
    (
        "bg_weekday_span",
        (
            "Без значение дали работят от вкъщи или от офис,  от понеделник до петък служителите "
            "трябва да се намират в града, в който е работното им място."
        ),
        "2020-11-29",
        "bg",
        [],
    ),
    (
        "bg_relative_period",
        "„През този месец „проектът“ ЕС навършва 71 години.",
        "2018-04-09",
        "bg",
        [("През този месец", "2018-04")],
    ),
    (
        "pl_date",
        (
            "Wielka Brytania rozpoczęła proces wyjścia z Unii Europejskiej 29 marca ub.r. i powinna "
            "ją opuścić 29 marca 2019 roku."
        ),
        "2018-06-04",
        "pl",
        [("29 marca ub.r.", "2017-03-29"), ("29 marca 2019 roku", "2019-03-29")],
    ),
    (
        "pl_day_range",
        "Europejski Kongres Gospodarczy odbędzie się 14–16 maja w Katowicach.",
        "2018-04-09",
        "pl",
        [("14–16 maja", "2018-05-14/2018-05-16")],
    ),
    (
        "pl_day_list",
        (
            "10 i 11 kwietnia szef Facebooka Mark Zuckerberg odpowiadał na pytania aż 44 "
            "amerykańskich senatorów."
        ),
        "2018-04-16",
        "pl",
        [("10 i 11 kwietnia", "2018-04-10/2018-04-11")],
    ),
    (
        "pl_month_range",
        (
            "Od października 2016 r. do września 2017 r. do Wielkiej Brytanii przybyło 578 tys. "
            "osób, wyemigrowało zaś 334 tys. – podało w czwartek brytyjskie biuro statystyczne ONS."
        ),
        "2018-06-07",
        "pl",
        [("Od października 2016 r. do września 2017 r.", "2016-10/2017-09"), ("w czwartek", "2018-06-07")],
    ),
    (
        "pl_month",
        "Decyzja pod koniec czerwca.",
        "2018-06-13",
        "pl",
        [("pod koniec czerwca", "2018-06")],
    ),
    (
        "pl_year_range",
        "Viktor Orbán – premier Węgier w latach 1998–2002 i od 2010 r.",
        "2018-06-14",
        "pl",
        [("w latach 1998–2002", "1998/2002"), ("od 2010 r.", "2010")],
    ),
    (
        "pl_year",
        "Dane za 11 miesięcy 2017 r.",
        "2018-02-07",
        "pl",
        [("2017 r.", "2017")],
    ),
    (
        "pl_year_bare",
        "2 proc., podobnie jak w 2015.",
        "2018-03-29",
        "pl",
        [("w 2015", "2015")],
    ),
    (
        "pl_decade",
        "Ale trochę wcześniej, bo w latach 50.",
        "2018-01-26",
        "pl",
        [("w latach 50.", "1950/1959")],
    ),
    (
        "pl_century",
        "Wyznawcy Mahometa przybyli tu wraz z arabskimi kupcami dopiero w VI wieku.",
        "2017-12-23",
        "pl",
        [("w VI wieku", "0501/0600")],
    ),
    (
        "pl_season",
        (
            "Ale jednocześnie 51 proc. firm przygotowuje plany ewentualnościowe, na wypadek gdyby "
            "wiosną przyszłego roku perspektywa hard brexit stała się już bardzo realna."
        ),
        "2018-03-28",
        "pl",
        [("wiosną przyszłego roku", "2019-03/2019-05")],
    ),
    (
        "pl_quarter",
        "Polaków, to w trzecim kwartale 2021 roku możemy oczekiwać końca pandemii.",
        "2021-01-01",
        "pl",
        [("w trzecim kwartale 2021 roku", "2021-07/2021-09")],
    ),
    (
        "pl_day_word",
        "Dzisiaj wieczorem (około godz.",
        "2018-01-22",
        "pl",
        [("Dzisiaj", "2018-01-22")],
    ),
    (
        "pl_ago",
        "- Urodziłam tu rok temu syna.",
        "2018-04-12",
        "pl",
        [("rok temu", "2017")],
    ),
    (
        "pl_ago_before",
        "Ceny domów w minionym kwartale były w Luksemburgu o 4,9 proc. wyższe niż przed rokiem.",
        "2018-03-19",
        "pl",
        [("przed rokiem", "2017")],
    ),
    (
        "pl_same_day",
        "Wskazał, że tego dnia do szpitali zostanie przewiezione ok.",
        "2021-01-03",
        "pl",
        [("tego dnia", "2021-01-03")],
    ),
    (
        "pl_after",
        "Dokładnie za rok Wielka Brytania opuści Unię Europejską.",
        "2018-04-01",
        "pl",
        [("za rok", "2019")],
    ),
    (
        "pl_later",
        "We wtorek uczyniła to Wielka Brytania, a dzień później Argentyna.",
        "2021-01-01",
        "pl",
        [("We wtorek", "2020-12-29"), ("dzień później", "2020-12-30")],
    ),
    (
        "pl_earlier",
        "Rok wcześniej zrobiło tak 2478 osób.",
        "2018-04-10",
        "pl",
        [("Rok wcześniej", "2017")],
    ),
    (
        "pl_weekday",
        "W sobotę uda się na Florydę.",
        "2020-10-23",
        "pl",
        [("W sobotę", "2020-10-17")],
    ),
    (
        "pl_weekday_span",
        "Punkt jest czynny od poniedziałku do piątku.",
        "2018-04-10",
        "pl",
        [],
    ),
    (
        "pl_relative_period",
        "W tym roku kandydatką jest m.in.",
        "2017-10-03",
        "pl",
        [("W tym roku", "2017")],
    ),
    (
        "cs_date",
        "Praha 21:18 7. února 2018",
        "2018-02-07",
        "cs",
        [("7. února 2018", "2018-02-07")],
    ),
    (
        "cs_day_range",
        "Školy přejdou od 7. do 15. ledna na distanční výuku.",
        "2021-01-11",
        "cs",
        [("od 7. do 15. ledna", "2021-01-07/2021-01-15")],
    ),
    (
        "cs_day_list",
        (
            "Dne 6. a 7. ledna 2021 konala společná schůze obou komor Kongresu, kde byly oficiálně "
            "sečteny výsledky."
        ),
        "2021-01-11",
        "cs",
        [("6. a 7. ledna 2021", "2021-01-06/2021-01-07")],
    ),
    (
        "cs_month",
        "Na konci srpna to oznámila vláda v Haagu.",
        "2020-09-30",
        "cs",
        [("Na konci srpna", "2020-08")],
    ),
    (
        "cs_month_of_year",
        (
            "Britská premiérka Theresa Mayová oficiálně oznámila Bruselu úmysl své země odejít z EU "
            "loni v březnu."
        ),
        "2018-04-18",
        "cs",
        [("loni v březnu", "2017-03")],
    ),
    (
        "cs_month_range",
        "Od listopadu do března platí zimní režim.",
        "2018-04-18",
        "cs",
        [("Od listopadu do března", "2017-11/2018-03")],
    ),
    (
        "cs_year_range",
        "V letech 2010 až 2016 byl guvernérem České národní banky.",
        "2018-02-13",
        "cs",
        [("V letech 2010 až 2016", "2010/2016")],
    ),
    (
        "cs_year_range_dash",
        "Takzvanou notifikaci získaly zdroje spuštěné v období 2006-2012.",
        None,
        "cs",
        [("2006-2012", "2006/2012")],
    ),
    (
        "cs_year",
        "Co Unii čeká na konci roku 2021?",
        "2021-01-04",
        "cs",
        [("na konci roku 2021", "2021")],
    ),
    (
        "cs_year_word",
        "Jaký faktor bude rozhodující letos?",
        "2021-01-11",
        "cs",
        [("letos", "2021")],
    ),
    (
        "cs_decade",
        (
            "Je scestné si myslet, že se teď Británie vrátí do 70. let, kdy v uličkách nebyla "
            "polská lahůdkářství a pákistánské obchůdky, že znovu vznikne ‚čistá, bílá Británie’."
        ),
        "2018-06-07",
        "cs",
        [("do 70. let", "1970/1979")],
    ),
    (
        "cs_century",
        ("Účast voličů letos přesáhla 66 procent a dosáhla tak nejvyšší úrovně od začátku 20. století."),
        "2021-01-11",
        "cs",
        [("letos", "2021"), ("od začátku 20. století", "1901/2000")],
    ),
    (
        "cs_season",
        "Doufá, že stanovisko Londýna bude jasné letos na podzim.",
        "2018-05-20",
        "cs",
        [("letos na podzim", "2018-09/2018-11")],
    ),
    (
        "cs_quarter",
        (
            "Firma v prvním čtvrtletí dodala zákazníkům 121 letadel, zatímco ve stejném období "
            "loňského roku to bylo 136 letadel."
        ),
        "2018-06-22",
        "cs",
        [("v prvním čtvrtletí", "2018-01/2018-03"), ("loňského roku", "2017")],
    ),
    (
        "cs_day_word",
        "Kde by dnes byla bez Gatese?",
        "2020-07-09",
        "cs",
        [("dnes", "2020-07-09")],
    ),
    (
        "cs_ago",
        "Před čtyřmi lety volilo celkem 55,5 % občanů.",
        "2021-01-11",
        "cs",
        [("Před čtyřmi lety", "2017")],
    ),
    (
        "cs_after",
        ". Vláda se sejde za týden.",
        "2020-09-29",
        "cs",
        [("za týden", "2020-10-06")],
    ),
    (
        "cs_later",
        "Obvinění byla zproštěna na konci října a o týden později mohla opustit vězení.",
        "2018-11-20",
        "cs",
        [("na konci října", "2018-10"), ("o týden později", "2018-10")],
    ),
    (
        "cs_earlier",
        "O den dříve to bylo 4828 nových případů a 117 mrtvých.",
        "2020-08-20",
        "cs",
        [("O den dříve", "2020-08-19")],
    ),
    (
        "cs_weekday",
        (
            "Evropská komise ve středu schválila a zveřejnila návrh právního textu dohody o "
            "vystoupení Velké Británie z Evropské unie."
        ),
        "2018-02-28",
        "cs",
        [("ve středu", "2018-02-28")],
    ),
    (
        "cs_weekday_rel",
        (
            "Mayovou čeká první velký test už tento pátek, kdy by měla pronést svůj projev o "
            "budoucích vztazích s EU."
        ),
        "2018-02-27",
        "cs",
        [("tento pátek", "2018-03-02")],
    ),
    (
        "cs_weekday_span",
        "Poradna je otevřena od pondělí do pátku.",
        "2018-02-27",
        "cs",
        [],
    ),
    (
        "cs_relative_period",
        "Nyní je 1,4, minulý týden bylo 1,6.",
        "2020-09-25",
        "cs",
        [("minulý týden", "2020-09-14/2020-09-20")],
    ),
    (
        "cs_numeric_spaced",
        "28. 1. 2020 18.39 | Autor Zdeněk Drgáč",
        "2021-01-11",
        "cs",
        [("28. 1. 2020", "2020-01-28")],
    ),
    (
        "sk_date",
        (
            "Európska komisia zverejnila 14. septembra 2016 v rámci stratégie jednotného "
            "digitálneho trhu finálnu verziu návrhu zákona o “copyright”, ktorý prináša "
            "modernizáciu pravidiel týkajúcich sa autorských práv vydavateľov."
        ),
        None,
        "sk",
        [("14. septembra 2016", "2016-09-14")],
    ),
    (
        "sk_day_range",
        "Konferencia sa uskutoční od 7. do 9. decembra v Bratislave.",
        "2016-11-15",
        "sk",
        [("od 7. do 9. decembra", "2016-12-07/2016-12-09")],
    ),
    (
        "sk_day_list",
        "Rokovania sa konali 5. a 6. októbra v Bruseli.",
        "2016-11-15",
        "sk",
        [("5. a 6. októbra", "2016-10-05/2016-10-06")],
    ),
    (
        "sk_month",
        "Európski úradníci ešte v auguste zaslali na Slovensko „varovný list“.",
        "2016-11-15",
        "sk",
        [("v auguste", "2016-08")],
    ),
    (
        "sk_month_range",
        "Výzva bola otvorená od marca do júna 2016.",
        "2016-11-15",
        "sk",
        [("od marca do júna 2016", "2016-03/2016-06")],
    ),
    (
        "sk_year_range",
        (
            "Európska komisia schválila Operačný program Kvalita životného prostredia na programové "
            "obdobie 2014 – 2020."
        ),
        None,
        "sk",
        [("obdobie 2014 – 2020", "2014/2020")],
    ),
    (
        "sk_year_range_dash",
        "Fond podporoval projekty 2007-2013.",
        None,
        "sk",
        [("2007-2013", "2007/2013")],
    ),
    (
        "sk_year",
        "Briti už v roku 1975 veľkou väčšinou rozhodli v referende o zotrvaní v EHS.",
        None,
        "sk",
        [("v roku 1975", "1975")],
    ),
    (
        "sk_year_word",
        ("Niekoľko členských tátov EÚ vak vlani komisiu vyzvalo, aby začala rieiť aj problémy s kamiónmi."),
        "2016-11-15",
        "sk",
        [("vlani", "2015")],
    ),
    (
        "sk_decade",
        "Slovensko sa v 90. rokoch uchádzalo o členstvo.",
        None,
        "sk",
        [("v 90. rokoch", "1990/1999")],
    ),
    (
        "sk_century",
        "Začiatkom 20. storočia mesto rástlo.",
        None,
        "sk",
        [("Začiatkom 20. storočia", "1901/2000")],
    ),
    (
        "sk_season",
        ("Podpora priorít a politík Európskej únie zostáva výrazná a od jari 2016 sa ešte zvýšila."),
        None,
        "sk",
        [("od jari 2016", "2016-03/2016-05")],
    ),
    (
        "sk_quarter",
        "Ekonomika v treťom štvrťroku 2016 rástla.",
        None,
        "sk",
        [("v treťom štvrťroku 2016", "2016-07/2016-09")],
    ),
    (
        "sk_day_word",
        (
            "Komisia dnes navrhla zvýšiť prevádzkovú efektívnosť a účinnosť Schengenského "
            "informačného systému (SIS)."
        ),
        "2016-11-15",
        "sk",
        [("dnes", "2016-11-15")],
    ),
    (
        "sk_ago",
        (
            "V rámci rovnakého vyšetrovania Európska komisia pred tromi rokmi uložila pokuty v "
            "celkovej sume 1,04 mld. eur bankám Barclays, Deutsche Bank, RBS a Société Générale."
        ),
        "2016-12-07",
        "sk",
        [("pred tromi rokmi", "2013")],
    ),
    (
        "sk_after",
        "Komisia rozhodne za dva týždne.",
        "2016-11-15",
        "sk",
        [("za dva týždne", "2016-11-29")],
    ),
    (
        "sk_later",
        "Zmluvu podpísali v máji a o mesiac neskôr ju ratifikovali.",
        "2016-11-15",
        "sk",
        [("v máji", "2016-05"), ("o mesiac neskôr", "2016-06")],
    ),
    (
        "sk_earlier",
        "Návrh zverejnili v utorok, o deň skôr ho prerokovala vláda.",
        "2016-11-15",
        "sk",
        [("v utorok", "2016-11-15"), ("o deň skôr", "2016-11-14")],
    ),
    (
        "sk_weekday",
        (
            "Výkonný orgán tohto bloku sa zároveň hodlá zdržať vstupovania do kampane "
            "predchádzajúcej referendu, uviedol v nedeľu komisár EÚ pre hospodárske a menové "
            "záležitosti Pierre Moscovici."
        ),
        "2016-11-15",
        "sk",
        [("v nedeľu", "2016-11-13")],
    ),
    (
        "sk_weekday_rel",
        "Minulý piatok komisia schválila plán.",
        "2016-11-15",
        "sk",
        [("Minulý piatok", "2016-11-11")],
    ),
    (
        "sk_weekday_span",
        "Kancelária je otvorená od pondelka do piatku.",
        "2016-11-15",
        "sk",
        [],
    ),
    (
        "sk_relative_period",
        (
            "Viacero ministrov na národnej úrovni sa zúčastnilo aj na ostatnom fóre, ktoré sa "
            "uskutočnilo v Ulme minulý rok."
        ),
        "2016-11-15",
        "sk",
        [("minulý rok", "2015")],
    ),
    (
        "sk_numeric_spaced",
        "Uzávierka je 31. 1. 2017 o polnoci.",
        None,
        "sk",
        [("31. 1. 2017", "2017-01-31")],
    ),
    (
        "sl_date",
        "31. oktober je vse bliže.",
        "2019-10-21",
        "sl",
        [("31. oktober", "2019-10-31")],
    ),
    (
        "sl_day_list",
        (
            "WHO je nato Kitajsko 1. in 2. januarja zaprosil za podatke o teh primerih, ki so jih "
            "oblasti priskrbele 3. januarja."
        ),
        "2020-07-04",
        "sl",
        [("1. in 2. januarja", "2020-01-01/2020-01-02"), ("3. januarja", "2020-01-03")],
    ),
    (
        "sl_day_range",
        "Igre bi morale biti od 24. julija do 9. avgusta.",
        "2020-03-24",
        "sl",
        [("od 24. julija do 9. avgusta", "2019-07-24/2019-08-09")],
    ),
    (
        "sl_month",
        "Čas za ugovor do konca januarja.",
        "2016-12-21",
        "sl",
        [("do konca januarja", "2017-01")],
    ),
    (
        "sl_month_range",
        (
            "Od januarja do julija so skupaj medtem našteli skoraj 1,07 milijona potnikov, kar je "
            "3,5 odstotka več kot v enakem obdobju lani."
        ),
        "2019-08-21",
        "sl",
        [("Od januarja do julija", "2019-01/2019-07"), ("lani", "2018")],
    ),
    (
        "sl_year_range",
        "Starejši Bush (1924–2018) je nadaljeval politiko Ronalda Reagana.",
        "2020-11-14",
        "sl",
        [("1924–2018", "1924/2018")],
    ),
    (
        "sl_year",
        "Osvoboditev šele leta 1991",
        "2019-05-07",
        "sl",
        [("leta 1991", "1991")],
    ),
    (
        "sl_year_bare",
        (
            "Nič nenavadnega, da je poslovni portal Bloomberg uvrstil AA med deset najslabših "
            "letalskih družb na svetu v 2019.!"
        ),
        "2019-07-24",
        "sl",
        [("v 2019", "2019")],
    ),
    (
        "sl_year_word",
        "Lani smo imeli uspešen vrh.",
        "2020-08-13",
        "sl",
        [("Lani", "2019")],
    ),
    (
        "sl_decade",
        ("V 80. letih prejšnjega stoletja je bil davek na dobiček v zahodni Evropi povprečno 45-odstoten."),
        "2020-05-17",
        "sl",
        [("V 80. letih prejšnjega stoletja", "1980/1989")],
    ),
    (
        "sl_century",
        ("ZDA brez težav izvajajo volitve po pošti praktično od osamosvojitve v 18. stoletju naprej."),
        "2020-10-01",
        "sl",
        [("v 18. stoletju", "1701/1800")],
    ),
    (
        "sl_season",
        (
            'Mi smo sicer omejili nenujne preglede, a upam, da to ne bo trajalo do spomladi," '
            "dodaja Vindišar, ki opaža, da se je število obiska urgence precej zmanjšalo."
        ),
        "2020-11-20",
        "sl",
        [("do spomladi", "2020-03/2020-05")],
    ),
    (
        "sl_quarter",
        (
            "Čeprav jih je podjetje Backblaze v prvem četrtletju letošnjega leta uporabil le 45 "
            "oziroma 99 enot, do sedaj še nobeden izmed njih ni trajno odpovedal."
        ),
        "2019-05-03",
        "sl",
        [("v prvem četrtletju letošnjega leta", "2019-01/2019-03")],
    ),
    (
        "sl_day_word",
        "Včeraj so odvzeli dodatne brise.",
        "2020-08-26",
        "sl",
        [("Včeraj", "2020-08-25")],
    ),
    (
        "sl_ago",
        "Pa jo je pred tednom dni obiskal.",
        "2019-10-27",
        "sl",
        [("pred tednom", "2019-10-20")],
    ),
    (
        "sl_next_day",
        "A jim je uspelo, ogenj so pogasili ob 9.30 naslednjega dne.",
        "2020-04-18",
        "sl",
        [("naslednjega dne", "2020-04-19")],
    ),
    (
        "sl_same_day",
        "Od tistega dne 40-članski (javni) odbor nadzoruje obnovo in se sooča z mnogimi izzivi.",
        "2020-04-18",
        "sl",
        [("tistega dne", "2020-04-18")],
    ),
    (
        "sl_after",
        "Čez štiri leta je sam izgubil s še višjo razliko.",
        "2020-11-14",
        "sl",
        [("Čez štiri leta", "2024")],
    ),
    (
        "sl_later",
        "Na sporedu bodo leto kasneje",
        "2020-03-24",
        "sl",
        [("leto kasneje", "2021")],
    ),
    (
        "sl_earlier",
        "V sredo je bilo z uvozom povezanih 6 primerov, dan prej, v torek pa 8.",
        "2020-10-02",
        "sl",
        [("V sredo", "2020-09-30"), ("dan prej", "2020-09-29"), ("v torek", "2020-09-29")],
    ),
    (
        "sl_weekday",
        "Čestital mu je že v sredo",
        "2020-11-07",
        "sl",
        [("v sredo", "2020-11-04")],
    ),
    (
        "sl_weekday_span",
        "Običajno delajo od ponedeljka do petka, zadnje dni pa kar cel teden.",
        "2020-03-09",
        "sl",
        [],
    ),
    (
        "sl_relative_period",
        "Naslednja imenovanja prihodnji teden",
        "2020-11-24",
        "sl",
        [("prihodnji teden", "2020-11-30/2020-12-06")],
    ),
    (
        "sl_relative_year",
        "Cepivo naj bi bilo splošni javnosti v Rusiji dostopno v začetku prihodnjega leta.",
        "2020-12-05",
        "sl",
        [("prihodnjega leta", "2021")],
    ),
    (
        "hr_date",
        "No on je zaustavljen 7. listopada zbog žalbe sudionika na natječaju.",
        "2016-11-15",
        "hr",
        [("7. listopada", "2016-10-07")],
    ),
    (
        "hr_day_range",
        "Savjetovanje traje od 5. do 20. prosinca.",
        "2016-11-15",
        "hr",
        [("od 5. do 20. prosinca", "2016-12-05/2016-12-20")],
    ),
    (
        "hr_day_list",
        "Sastanci su održani 3. i 4. listopada u Zagrebu.",
        "2016-11-15",
        "hr",
        [("3. i 4. listopada", "2016-10-03/2016-10-04")],
    ),
    (
        "hr_month",
        ("“Njihovo mišljenje očekuje se najkasnije do sredine studenog”, napisao je u e-mailu Radas."),
        "2016-11-15",
        "hr",
        [("do sredine studenog", "2016-11")],
    ),
    (
        "hr_month_range",
        (
            "Komisija će u tom roku također odlučiti hoće li se retroaktivno naplatiti "
            "antidampinška carina na teške ploče od čelika koje su u EU uvezene od kolovoza do "
            "listopada ove godine."
        ),
        "2016-11-15",
        "hr",
        [("od kolovoza do listopada ove godine", "2016-08/2016-10")],
    ),
    (
        "hr_year_range",
        "Istraživanje je obuhvatilo razdoblje 1990. - 2010.",
        None,
        "hr",
        [("razdoblje 1990. - 2010.", "1990/2010")],
    ),
    (
        "hr_year",
        (
            "Hrvatska nije ratificirala Protokol o pristupanju EU-a Međunarodnoj konvenciji "
            "Eurocontrola, potpisan 2002. godine, niti je položila ispravu o njegovoj ratifikaciji."
        ),
        None,
        "hr",
        [("2002. godine", "2002")],
    ),
    (
        "hr_year_bare",
        "Sporazum je potpisan u 2007, a stupio je na snagu kasnije.",
        None,
        "hr",
        [("u 2007", "2007")],
    ),
    (
        "hr_year_word",
        "Isti iznos Hrvatska je dobila i lani.",
        "2016-11-15",
        "hr",
        [("lani", "2015")],
    ),
    (
        "hr_decade",
        ("Zajedno s Parlamentom i Vijećem ministara, osnovana je 1950-ih u okviru osnivačkih ugovora EU-a."),
        None,
        "hr",
        [("1950-ih", "1950/1959")],
    ),
    (
        "hr_century",
        "Most je izgrađen u 19. stoljeću.",
        None,
        "hr",
        [("u 19. stoljeću", "1801/1900")],
    ),
    (
        "hr_season",
        (
            "Potrošačka Agenda objavljena u proljeće 2012 je najavila da će Europska komisija "
            'izraditi "interaktivnu platformu za razmjenu najboljih praksi i distribuciju potrošača '
            "obrazovnih materijala među nastavnicima i drugim stručnjacima koji rade sa učenicima "
            "12-18 godine starosti, uključujući i materijale za digitalnu pismenost, novih "
            'medijskih tehnologija i održivoj potrošnji."'
        ),
        None,
        "hr",
        [("u proljeće 2012", "2012-03/2012-05")],
    ),
    (
        "hr_quarter",
        "U trećem tromjesečju 2016. BDP je porastao.",
        None,
        "hr",
        [("U trećem tromjesečju 2016.", "2016-07/2016-09")],
    ),
    (
        "hr_day_word",
        (
            "Agencija navodi da, uprkos razmjenama brojnih dopisa s hrvatskim vlastima od ožujka "
            "2014. godine do danas, još nisu preduzete mjere potrebne za ratifikaciju Protokola."
        ),
        "2016-11-17",
        "hr",
        [("od ožujka 2014. godine", "2014-03"), ("danas", "2016-11-17")],
    ),
    (
        "hr_ago",
        (
            "Europska komisija, izvršno tijelo Europske unije , čeka iz Hrvatske zahtjev za "
            "financiranje Pelješkog mosta najavljenog hrvatskim građanima prije 13 godina, a vlada "
            "u Zagrebu kaže da je zahtjev u izradi, ali ne iznosi procjene kada bi mogao naći u "
            "Bruxellesu."
        ),
        "2016-11-15",
        "hr",
        [("prije 13 godina", "2003")],
    ),
    (
        "hr_next_day",
        "Ugovor je potpisan u ponedjeljak, a sutradan je poslan u Bruxelles.",
        "2016-11-15",
        "hr",
        [("u ponedjeljak", "2016-11-14"), ("sutradan", "2016-11-15")],
    ),
    (
        "hr_same_day",
        "Ugovor je potpisan 10. listopada, a istog dana je poslan u Bruxelles.",
        "2016-11-15",
        "hr",
        [("10. listopada", "2016-10-10"), ("istog dana", "2016-10-10")],
    ),
    (
        "hr_after",
        "Odluka se očekuje za dva tjedna.",
        "2016-11-15",
        "hr",
        [("za dva tjedna", "2016-11-29")],
    ),
    (
        "hr_later",
        "Zahtjev je predan u svibnju, a mjesec dana kasnije odobren.",
        "2016-11-15",
        "hr",
        [("u svibnju", "2016-05"), ("mjesec dana kasnije", "2016-06")],
    ),
    (
        "hr_earlier",
        "Odluka je donesena u petak, a dan ranije sastala se Vlada.",
        "2016-11-15",
        "hr",
        [("u petak", "2016-11-11"), ("dan ranije", "2016-11-10")],
    ),
    (
        "hr_weekday",
        (
            'Odluka Ustavnog suda treba se provesti kao prioritet", kaže se u izvješću o napretku '
            "Bosne i Hercegovine, koje je u srijedu objavila Europska komisija."
        ),
        "2016-11-15",
        "hr",
        [("u srijedu", "2016-11-09")],
    ),
    (
        "hr_weekday_span",
        "Ured radi od ponedjeljka do petka.",
        "2016-11-15",
        "hr",
        [],
    ),
    (
        "hr_relative_period",
        (
            "U slučaju da se sumnje EK potvrde, najvećoj drutvenoj mreži prijeti kazna do jedan "
            "posto prihoda iz lanjske godine."
        ),
        "2016-11-15",
        "hr",
        [("lanjske godine", "2015")],
    ),
    (
        "hr_numeric_spaced",
        "Objavljeno 12. 12. 2016. u 10:00",
        None,
        "hr",
        [("12. 12. 2016", "2016-12-12")],
    ),
]
# lines written here: the 25 hr / sk documents (or the whole corpus, for weekday spans) hold none
CONSTRUCTED = {
    "cs_month_range",
    "cs_weekday_span",
    "hr_after",
    "hr_century",
    "hr_day_list",
    "hr_day_range",
    "hr_earlier",
    "hr_later",
    "hr_next_day",
    "hr_numeric_spaced",
    "hr_quarter",
    "hr_same_day",
    "hr_weekday_span",
    "hr_year_bare",
    "hr_year_range",
    "hr_year_word",
    "pl_weekday_span",
    "sk_after",
    "sk_century",
    "sk_day_list",
    "sk_day_range",
    "sk_decade",
    "sk_earlier",
    "sk_later",
    "sk_month_range",
    "sk_numeric_spaced",
    "sk_quarter",
    "sk_weekday_rel",
    "sk_weekday_span",
    "sk_year_range_dash",
    "uk_weekday_span",
}


def _rules_that_fired(text: str, language: str) -> set[str]:
    from storyline.annotate.dates import GRAMMARS, _candidates, _select, lower

    low = lower(text)
    return {c.rule.name for c in _select(text, low, _candidates(text, low, (GRAMMARS[language],)))}


@pytest.mark.parametrize(("rule", "text", "published", "language", "expected"), SLAVIC_RULES)
def test_slavic_rule(
    rule: str, text: str, published: str | None, language: str, expected: list[tuple[str, str]]
) -> None:
    """Each rule of the uk, bg, pl, cs, sk, sl, hr grammars on one line: the line's dates, and the rule is
    the one that reads it (a weekday span claims its words: no date outside a past or future sentence)."""
    assert found(text, published, language) == expected
    assert rule in _rules_that_fired(text, language)


def test_every_slavic_rule_has_a_line() -> None:
    from storyline.annotate.dates import GRAMMARS

    named = {r.name for lang in ("uk", "bg", "pl", "cs", "sk", "sl", "hr") for r in GRAMMARS[lang].rules}
    common = {r.name for r in GRAMMARS["ru"].rules if not r.name.startswith("ru_")}
    assert named - common - {rule for rule, *_ in SLAVIC_RULES} == set()


@pytest.mark.data
def test_slavic_rule_lines_are_real(shared_data: Path) -> None:
    """Every line of SLAVIC_RULES outside CONSTRUCTED is text of a bsnlp document in its language."""
    texts: dict[str, list[str]] = {}
    for record in read_jsonl(shared_data / "bsnlp" / "documents.jsonl"):
        texts.setdefault(record["lang"], []).append(record["text"])
    for rule, text, _, language, _ in SLAVIC_RULES:
        assert (rule in CONSTRUCTED) != any(text in t for t in texts[language]), rule


def test_slavic_sample_resolution() -> None:
    """Floors on the hand-resolved bsnlp sample (tests/data/dates_slavic_sample.jsonl), per language."""
    result = resolution(SLAVIC_SAMPLE, per_language=True)
    assert result["all"]["sentences"] == 300
    assert result["all"]["accuracy"] >= 0.92
    assert result["test"]["accuracy"] >= 0.91
    assert result["all"]["detection"]["precision"] >= 0.97
    assert result["all"]["detection"]["recall"] >= 0.96
    for language, figures in result["per_language"].items():
        assert figures["all"]["gold_dates"] >= 20, language
        assert figures["all"]["accuracy"] >= 0.88, language
