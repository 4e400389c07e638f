"""Site notices (clean/notices.py): one real line per rule, and real news lines that must not match.

Lines are from ../shared/data: ml_crisis_tls (es, fr, it), bsnlp (ru, uk, bg) and the cleaning benchmark.
"""

from __future__ import annotations

import pytest

from storyline.clean.notices import (
    account_form,
    comment_notice,
    cookie_notice,
    copyright_notice,
    coverage_note,
    error_report,
    members_offer,
    notice,
    privacy_notice,
    publication_stamp,
    subscription_call,
    syndication_note,
)
from storyline.model import Article
from storyline.views.units import article_units, is_statement, notice_sentence


def test_coverage_note() -> None:
    assert coverage_note("Este post es parte de nuestra cobertura especial Protestas en Yemen 2011")
    assert coverage_note("Ce billet fait partie de notre dossier sur le soulèvement en Syrie 2011-2012")
    assert coverage_note("Questo post fa parte del nostro speciale sulle Proteste in Siria 2011.")
    assert coverage_note("Lea más en nuestra cobertura especial Baño de sangre en Egipto.")
    assert not coverage_note("Karman fa parte di Al Islah, il principale partito di opposizione yemenita.")


def test_privacy_notice() -> None:
    assert privacy_notice("Para poder iniciar sesión tienes que aceptar nuestra política de privacidad.")
    assert privacy_notice("Pour exercer vos droits, consultez notre Politique de données personnelles.")
    assert privacy_notice(
        "Продовжуючи переглядати RBC.UA Ви підтверджуєте, що ознайомилися з Політикою конфіденційності"
    )
    # news: a woman's privacy ("sua" is "her"), not the site's policy
    assert not privacy_notice(
        "Pretendere che una donna condivida con dei funzionari governativi dettagli personali sulla propria "
        "vita sessuale significa violare la sua privacy."
    )


def test_cookie_notice() -> None:
    assert cookie_notice("Usamos cookies a fin de mejorar nuestro servicio.")
    assert cookie_notice("Наша страница использует файлы cookies.")
    assert cookie_notice("Ми використовуємо файли Cookie, щоб надавати вам персоналізовану інформацію.")
    # a feature on a bakery (tgcontest): cookies to eat
    assert not cookie_notice(
        "And if you can't get enough of the cookies while you're there, you can load up a box to take home."
    )


def test_subscription_call() -> None:
    assert subscription_call("Recibe el boletín de Internacional")
    assert subscription_call("Подписывайтесь на наш канал в Telegram")
    assert subscription_call("Abonnez-vous à la newsletter")
    # news about subscribers and ballots
    assert not subscription_call(
        "Люди, подписавшиеся на сервис, могут получить новую бесплатную игру, уже завтра, 26 мая."
    )
    assert not subscription_call("Users who choose not to subscribe will now have ads inside the app.")
    assert not subscription_call(
        'На записа, разпространен от "Вашингтон пост", Доналд Тръмп настоява, че е спечелил изборите в '
        "Джорджия и се позовава на слухове, че има унищожени бюлетини."
    )


def test_copyright_notice() -> None:
    assert copyright_notice("© La Vanguardia Ediciones Todos los derechos reservados")
    assert copyright_notice("Превод и редакция: Иван Христов © 2018 Всички права запазени.")
    # "©" inside UTF-8 text read as Latin-1, and copyright as a topic
    assert not copyright_notice(
        "La oposiciÃ³n parlamentaria, que decidiÃ³ reanudar el diÃ¡logo con el rÃ©gimen, no se asociÃ³."
    )
    assert not copyright_notice(
        "These include protecting copyright for UK creators, despite exiting EU legislative arrangements."
    )


def test_comment_notice() -> None:
    assert comment_notice("Questo articolo non è più commentabile.")
    assert comment_notice("Авторизуйся или зарегистрируйся, чтобы оставлять комментарии.")
    assert not comment_notice("A spokesperson for the NYAG declined to comment.")
    assert not comment_notice(
        "Ministerstvo pro brexit, které vede David Davis, odmítlo zprávu serveru BuzzFeed News komentovat."
    )


def test_error_report() -> None:
    assert error_report("Если вы заметили ошибку, выделите ее мышкой и нажмите Ctrl+Enter.")
    assert not error_report("Путин поговорил по телефону с Алиевым")


def test_account_form_and_members_offer() -> None:
    for line in ("¿Olvidaste tu contraseña?", "Recordar mi usuario", "Forgot your password?", "Пароль"):
        assert account_form(line), line
    assert (
        notice(
            "Consulta la edición digital y contenidos exclusivos. Sé parte de El Economista Club y "
            "de la biblioteca virtual Leader Summaries. Disfruta de nuestras promociones."
        )
        == "members_offer"
    )
    assert not account_form(
        "Los piratas informáticos robaron las contraseñas de millones de usuarios de la red social, "
        "según informó la empresa el martes."
    )
    assert not members_offer("El diario lanzó su edición digital en 1996.")


def test_publication_stamp_and_syndication_note() -> None:
    stamp = "время публикации: 24 ноября 2020 г., 19:49 | последнее обновление: 24 ноября 2020 г., 23:27"
    assert notice(stamp) == "publication_stamp"
    assert notice("Updated: 12 March 2019") == "publication_stamp"
    assert not publication_stamp("Опубликовано письмо 24 депутатов к премьер-министру о реформе.")
    note = (
        "Цей матеріал опубліковано на Корреспондент.net в рамках офіційної партнерської угоди з "
        "Deutsche Welle"
    )
    assert notice(note) == "syndication_note"
    assert notice("Originally published on Live Science.") is None  # body text by the benchmark's gold
    assert not syndication_note("Компании подписали партнерство в сфере энергетики.")
    registration = (
        "от 25.04.2017 г. Название: NTV.RU Эл № ФС 77-69486 Учредитель (соучредители) СМИ сетевого "
        "издания «NTV.RU»: Акционерное общество «Телекомпания НТВ»."
    )
    assert notice(registration) == "media_registration"
    assert notice("Учредитель компании Павел Дуров заявил о запуске нового сервиса.") is None
    teaser = "Читайте также: Президент Чехии Милош Земан определил лидера движения ANO Андрея Бабиша."
    assert notice(teaser) == "read_also"
    assert notice("Он призвал читайте также внимательно документы.") is None


@pytest.mark.parametrize(
    "line",
    [
        "В ходе телефонного разговора президент России Владимир Путин и азербайджанский лидер Ильхам Алиев "
        "договорились поддерживать контакты на различных уровнях, сообщила пресс-служба Кремля.",
        "El régimen de Mubarak primero bloqueó el acceso a Twitter cuando las manifestaciones empezaron "
        "el 25 de enero.",
        "Le chef de la Coalition d'opposition, Ahmed Moaz al-Khatib, s'était dit prêt fin janvier à entamer "
        "des discussions directes.",
    ],
)
def test_news_is_no_notice(line: str) -> None:
    assert notice(line) is None


def test_a_long_line_quoting_a_notice_is_text() -> None:
    long = "Este post es parte de nuestra cobertura especial " + "y sigue la noticia " * 10
    assert coverage_note(long) and notice(long) is None


def test_views_skip_notices() -> None:
    text = (
        "Este post es parte de nuestra cobertura especial de las Protestas en Egipto 2011.\n\n"
        "El régimen de Mubarak primero bloqueó el acceso a Twitter cuando las manifestaciones empezaron el "
        "25 de enero."
    )
    article = Article(id="a", text=text, origin="x", content_hash="h", language="es")
    units = article_units(article)
    assert [notice_sentence(u) for u in units] == [True, False]
    assert [is_statement(u) for u in units] == [False, True]
