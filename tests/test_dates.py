"""Dates: one-line rules on real text, golden dates of the seeds, metric floors (NEREL, hand-checked)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.annotate.dates import background_reason, event_dates, extract_dates
from storyline.annotate.dates import calendar as cal
from storyline.config import Config
from storyline.evaluate.dates import SAMPLE, detection, resolution
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
