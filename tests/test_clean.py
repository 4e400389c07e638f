"""Cleaning: one test per named rule on a real line, golden output on the seeds, metric floors.

The golden file ``tests/data/seeds_cleaning/expected.txt`` is the cleaner's decision on every
line of the five seeds, checked by hand against the hand labels (``gold.jsonl``). To refresh it
after a deliberate change: ``python tests/test_clean.py > tests/data/seeds_cleaning/expected.txt``
and read the diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from storyline.clean import build_context, clean, outlet_key, to_article
from storyline.clean.block import body_blocks, body_value, main_block
from storyline.clean.core import analyse
from storyline.clean.lists import is_archive_link, is_numeric, mark_lists, signature
from storyline.clean.meta import outlet_in_text
from storyline.clean.outlet import ContextCounter, doc_lines, line_hash, norm
from storyline.clean.rules import (
    archive_link,
    byline,
    caption_like_credit,
    caption_of_credit,
    copyright_line,
    credit_after_label,
    dateline,
    headline_list,
    list_label,
    no_letters,
    photo_credit,
    repeated_in_outlet,
    site_notice,
    standfirst,
    standing_line,
    teaser_headline,
    teaser_label,
    teaser_rubric,
)
from storyline.clean.shape import shape, unescape
from storyline.clean.templates import HEAD_PREFIX, line_heads
from storyline.config import CleanConfig, Config
from storyline.evaluate.cleaning import align, evaluate
from storyline.ingest.files import read_file
from storyline.model import RawDoc

HERE = Path(__file__).resolve().parent
SEEDS_GOLD = HERE / "data" / "seeds_cleaning"
CFG = CleanConfig()

# real body paragraphs (seed 000 and 004) to put a line in context
BODY_A = (
    "В ходе телефонного разговора президент России Владимир Путин и азербайджанский лидер Ильхам Алиев "
    "договорились поддерживать контакты на различных уровнях, сообщила пресс-служба Кремля."
)
BODY_B = (
    "Ранее в октябре Путин встретился с Алиевым на саммите в Таджикистане. На следующий день российский "
    "лидер заявил, что между странами не было кризиса межгосударственных отношений, это был «кризис эмоций»."
)
BODY_C = (
    "Алиев поблагодарил коллегу за объективное расследование причин крушения. Азербайджанский лидер также "
    "выразил признательность Путину за то, что он лично контролирует ход следствия."
)


def page(*lines: str, config: CleanConfig = CFG):  # type: ignore[no-untyped-def]
    return analyse(lines, config)


# ------------------------------------------------------------------ line shape and body block


def test_shape_unescapes_html_entities() -> None:
    assert unescape("Ильхам&nbsp;Алиев и Владимир Путин") == "Ильхам Алиев и Владимир Путин"
    assert shape("Ильхам&nbsp;Алиев и Владимир Путин").words == 5


def test_shape_sentence_and_case() -> None:
    s = shape("Главы государств также условились развивать торгово-экономические связи и совместные проекты.")
    assert s.terminal and s.words == 10 and s.lower_ratio > 0.6
    assert not shape("Путин поговорил по телефону с Алиевым").terminal
    assert shape("蔡健雅（Tanya Chua），1975年1月28日出生于新加坡").words >= 6  # CJK counted by characters


def test_body_value_prose_positive_menu_negative() -> None:
    assert body_value(shape(BODY_A), CFG) > 1
    assert body_value(shape("Перейти к основному контенту"), CFG) < 0
    # a sentence without a final stop but with an inner one is prose too (seed 002's subtitle)
    subtitle = (
        "Президенты встретятся впервые за год. Отношения стран с тех пор значительно охладились, однако "
        "два дня назад Алиев все же поздравил Путина с днем рождения"
    )
    assert body_value(shape(subtitle), CFG) > 1


def test_main_block_is_the_densest_run() -> None:
    assert main_block([-1, -1, 3, -1, 2, -1, -1, 1]) == (2, 5)
    assert main_block([-1, -1]) == (0, 0)


def test_short_lines_inside_the_body_stay() -> None:
    lines = [
        "Перейти к основному контенту",
        BODY_A,
        "Обострение отношений и выход из «кризиса эмоций»",  # a subheading (seed 003)
        BODY_B,
        "Персоны",
    ]
    values = [body_value(shape(x), CFG) for x in lines]
    assert body_blocks(values, CFG) == [(1, 4)]


def test_table_rows_join_the_body() -> None:
    cells = [
        "Pos",
        "Player",
        "Plays",
        "Stats",
        "DL",
        "Larry Ogunjobi",
        "63",
        "85%",
        "DL",
        "Myles Garrett",
        "57",
    ]
    p = page(BODY_A, *cells, "77%", BODY_B)
    assert all(p.inside)
    assert is_numeric(shape("85%")) and not is_numeric(shape("Myles Garrett"))


def test_templated_rows_share_a_signature() -> None:
    a = shape("June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL")
    b = shape("Aug. 14 -- Hollywood Casino Amphitheatre – St. Louis, St. Louis, MO")
    assert signature(a) == signature(b) == ("A", "0", "p")


# ------------------------------------------------------------------ one test per named rule


def test_rule_no_letters() -> None:
    p = page("Политика,", "0", BODY_A)
    assert no_letters(p, 1) and not no_letters(p, 0)


def test_rule_no_letters_keeps_a_figure_in_the_body() -> None:
    # a price between product lines of a deals article (zyte benchmark page); a bare count is a counter
    p = page(BODY_A, "$164.99", BODY_B, "55", BODY_C)
    assert all(p.inside)
    assert not no_letters(p, 1) and no_letters(p, 3)


def test_quantities_are_one_table() -> None:
    # ingredients of a recipe (traf benchmark page): digit-led lines whose units differ in case
    lines = [
        "1 Pck. Vanillepuddingpulver",
        "350 g Zucker",
        "500 ml Milch",
        "4 EL Milch",
        "450 g weiche Butter",
    ]
    shapes = [shape(x) for x in lines]
    values = [body_value(s, CFG) for s in shapes]
    assert mark_lists(shapes, values, CFG) == [True] * 5
    assert all(v > 0 for v in values)


def test_rule_photo_credit() -> None:
    for line in (
        "Фото:Александр Казаков / ТАСС",
        "Ильхам Алиев и Владимир Путин (Фото: Global Look Press )",
        "Президент России Владимир Путин и лидер Азербайджана Ильхам Алиев Фото: president.az",
        "Natalie Naccache | Bloomberg | Getty Images",
    ):
        assert photo_credit(page(line, BODY_A), 0), line
    assert not photo_credit(page(BODY_A), 0)
    # a "source" in running text is not a credit
    text = "The men were flown out on US choppers, according to a local police source. Their release came."
    assert not photo_credit(page(text), 0)


def test_rule_credit_after_label() -> None:
    p = page(BODY_A, "Фото:", "личный архив Андрея Рудькова", BODY_B)
    assert credit_after_label(p, 2) and not credit_after_label(p, 3)


def test_rule_copyright() -> None:
    assert copyright_line(page("© 2019 CBS Interactive Inc. All Rights Reserved."), 0)


def test_rule_archive_link() -> None:
    assert archive_link(page("December 2012"), 0) and archive_link(page("Dakwah (60)"), 0)
    assert is_archive_link(shape("2014年4月")) and not is_archive_link(shape("June 9 -- Coral Sky"))


def test_rule_repeated_in_outlet() -> None:
    docs = [
        RawDoc(f"d{i}", f"Политика,\n{body}", "x", "seed", source="rbc.ru")
        for i, body in enumerate((BODY_A, BODY_B))
    ]
    context = build_context(docs)[outlet_key(docs[0])]
    assert context.seen_elsewhere("Политика,") == 1
    p = analyse(("Политика,", BODY_C), CleanConfig(repeated_line_min_docs=1), context)
    assert repeated_in_outlet(p, 0) and not repeated_in_outlet(p, 1)


def test_rule_site_notice() -> None:
    # notices of ml_crisis_tls outlets (Global Voices, El Mundo, RBC.UA); copyright is left to its rule
    for line in (
        "Este post es parte de nuestra cobertura especial Protestas en Yemen 2011",
        "Usamos cookies a fin de mejorar nuestro servicio. Encontrará más información en nuestras Políticas "
        "de privacidad.",
        'Читайте нас у Telegram. Підписуйтесь на наш канал "УП. Кляті питання"',
    ):
        assert site_notice(page(line, BODY_A), 0), line
    assert not site_notice(page("© La Vanguardia Ediciones Todos los derechos reservados"), 0)
    news = (
        "Pretendere che una donna condivida con dei funzionari governativi dettagli personali sulla propria "
        "vita sessuale significa violare la sua privacy."
    )
    assert not site_notice(page(news), 0)
    # a line of text that ends with a call to subscribe (tgcontest: the whole article on one line)
    puzzle = (
        "Fill the grid so that every row, every column and every 3x3 box contains the numbers 1 to 9. Buy "
        "the next issue of the Guardian or subscribe to our Digital Edition to see the completed puzzle."
    )
    assert not site_notice(page(puzzle, BODY_A), 0)
    assert site_notice(page("Abonnez-vous à la newsletter", BODY_A), 0)
    assert not site_notice(page("Abonnez-vous à la newsletter"), 0)  # an article of one line


def _outlet(lines: list[str], source: str = "globalvoices.org") -> list[RawDoc]:
    return [RawDoc(f"d{i}", f"{line}\n{BODY_A}", "x", "seed", source=source) for i, line in enumerate(lines)]


def test_rule_standing_line() -> None:
    # Global Voices' standing notes (ml_crisis_tls): the first eight words are shared, the end changes
    notes = [
        "Este post es parte de nuestra cobertura especial Protestas en Yemen 2011",
        "Este post es parte de nuestra cobertura especial de las Protestas en Egipto 2011.",
        "Este post es parte de nuestra cobertura especial Revolución en Egipto 2011.",
        "Este post es parte de nuestra cobertura especial Los egipcios derrocan a Morsi.",
    ]
    docs = _outlet(notes)
    assert line_heads(notes[0])[1] == HEAD_PREFIX + "8:este post es parte de nuestra cobertura especial"
    context = build_context(docs)[outlet_key(docs[0])]
    p = analyse((notes[0], BODY_A), CFG, context)
    assert standing_line(p, 0) and not standing_line(p, 1)
    assert not standing_line(page(notes[0], BODY_A), 0)  # no head counts without a context
    # leads of one outlet that start alike (bsnlp, sl): five shared words of 10 to 18 stay
    leads = [
        "Ameriški predsednik Donald Trump je v nedeljo tvitnil, da je s koronavirusom okužen njegov odvetnik "
        "Rudy Giuliani.",
        "Ameriški predsednik Donald Trump je v četrtek prvič po volitvah 3.",
        "Ameriški predsednik Donald Trump je več kot dva tedna po porazu na volitvah 3.",
        "Ameriški predsednik Donald Trump je v sredo napovedal, da bo vrhovno sodišče ZDA odločalo o izidu "
        "predsedniških volitev 3.",
    ]
    docs = _outlet(leads, "24ur.com")
    context = build_context(docs)[outlet_key(docs[0])]
    assert context.shared_head(leads[1], CFG.template_min_docs) == (5, 10)
    assert not any(standing_line(analyse((lead, BODY_A), CFG, context), 0) for lead in leads)
    # news a feed reports often (paraphraser headlines): five shared words of six, second in the text
    banks = [
        "Банк России отозвал лицензию у СтройКомБанка.",
        "Банк России отозвал лицензию у московского Идеалбанка.",
        "Банк России отозвал лицензию у двух московских банков.",
        "Банк России отозвал лицензию у московского Таурус банка.",
    ]
    docs = [RawDoc(f"b{i}", f"{BODY_B}\n{b}", "x", "seed", source="ria.ru") for i, b in enumerate(banks)]
    context = build_context(docs)[outlet_key(docs[0])]
    assert context.shared_head(banks[0], CFG.template_min_docs) == (5, 6)
    assert not standing_line(analyse((BODY_B, banks[0]), CFG, context), 1)  # heads of eight words count
    loose = CleanConfig(template_min_words=5)
    assert standing_line(analyse((BODY_B, banks[0]), loose, context), 1)
    assert not standing_line(analyse((banks[0], BODY_B), loose, context), 0)  # the lead stays


def test_heads_share_the_line_map_and_the_store_keeps_them() -> None:
    # heads are hashed beside the lines under a prefix no line has
    notes = [
        "Este post es parte de nuestra cobertura especial Protestas en Yemen 2011",
        "Este post es parte de nuestra cobertura especial de las Protestas en Egipto 2011.",
        "Este post es parte de nuestra cobertura especial Revolución en Egipto 2011.",
        "Este post es parte de nuestra cobertura especial Los egipcios derrocan a Morsi.",
        "Este post es parte de nuestra cobertura especial Siria.",
    ]
    docs = _outlet(notes)
    heads = {line_hash(h) for h in line_heads(notes[0])}
    assert heads <= set(doc_lines(docs[0])) and line_hash(norm(notes[0])) in doc_lines(docs[0])
    five = RawDoc("f", "Este post es parte de", "x", "seed", source="globalvoices.org")
    assert len(doc_lines(five)) == 2  # the line of five words and its five-word head, apart
    # an input in two halves, the first stored (its doc_lines counted per outlet as the store does),
    # gives the second half the context of one run over both
    whole = build_context(docs)[outlet_key(docs[0])]
    stored: dict[str, dict[int, int]] = {}
    for doc in docs[:2]:
        counts = stored.setdefault(outlet_key(doc), {})
        for h in doc_lines(doc):
            counts[h] = counts.get(h, 0) + 1
    counter = ContextCounter()
    for doc in docs[2:]:
        counter.add(doc)
    later = counter.contexts(stored)[outlet_key(docs[0])]
    assert dict(later.line_docs) == dict(whole.line_docs)
    assert later.shared_head(notes[4], CFG.template_min_docs, CFG.template_min_words) == (8, 9)
    alone = build_context(docs[2:])[outlet_key(docs[0])]
    assert alone.shared_head(notes[4], CFG.template_min_docs, CFG.template_min_words) == (0, 9)


def test_rule_caption_of_credit() -> None:
    p = page(
        BODY_A,
        "Ильхам Алиев и Владимир Путин",
        "Ильхам Алиев и Владимир Путин (Фото: Global Look Press )",
        BODY_B,
    )
    assert caption_of_credit(p, 1)


def test_rule_caption_like_credit() -> None:
    caption = (
        "Президент России Владимир Путин и лидер Азербайджана Ильхам Алиев перед неформальным ужином "
        "глав государств СНГ в Душанбе"
    )
    credited = "Президент России Владимир Путин и лидер Азербайджана Ильхам Алиев Фото: president.az"
    p = page(BODY_A, credited, BODY_B, caption, BODY_C)
    assert caption_like_credit(p, 3)
    assert not caption_like_credit(page(BODY_A, caption, BODY_B), 1)


def test_rule_teaser_headline_and_rubric() -> None:
    p = page(
        BODY_A, "Путин поговорил по телефону с Алиевым", "Политика", "Фото:Александр Казаков / ТАСС", BODY_B
    )
    assert teaser_headline(p, 1) and teaser_rubric(p, 2)
    teaser = "Эксперт оценил, приведет ли встреча Путина с Алиевым к разрядке отношений с Баку"
    p = page(BODY_A, teaser, "Политика / Международные отношения", BODY_B)
    assert teaser_headline(p, 1) and teaser_rubric(p, 2)
    # a subheading followed by prose is not a teaser
    p = page(BODY_A, "Как прошли переговоры Путина и Алиева", BODY_B)
    assert not teaser_headline(p, 1)


def test_rule_teaser_label() -> None:
    p = page(BODY_A, "SEE MORE: Hong Kong protests: 800 students under siege in university", BODY_B)
    assert teaser_label(p, 1)


def test_rule_dateline() -> None:
    p = page(BODY_A, "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019", BODY_B)
    assert dateline(p, 1) and not dateline(p, 0)


def test_rule_byline() -> None:
    assert byline(page("By Laura Mowat"), 0)
    assert not byline(page("Как прошли переговоры Путина и Алиева"), 0)


def test_rule_headline_list_and_label() -> None:
    p = page(
        BODY_A,
        "Most popular",
        "Phone Intercepts Suggest Russian Control Over Ukraine Separatists Ahead of Malaysia Shootdown",
        "Iran Hands Out Cash, Backs Pro-Regime Rallies to Stop Protests",
        "Apollo 11 First Moon Landing Receives Royal Treatment in 'The Crown'",
        BODY_B,
    )
    assert list_label(p, 1)
    assert headline_list(p, 3)


def test_rule_standfirst() -> None:
    p = page("Leslie Clio präsentiert das Album 'Brave New Woman'", BODY_A)
    assert standfirst(p, 0)
    assert not standfirst(
        page("Песков: Путин и Алиев обсудят проблемные вопросы в отношениях Москвы и Баку"), 0
    )


def test_title_is_searched_above_the_main_block() -> None:
    # dhb.de (traf benchmark page): a browser warning at the top is kept as a side block; the title and
    # subtitle sit above the article itself
    lines = (
        "Liebe Handballer und Handballerinnen, Liebe Handballfans,",
        "wir freuen uns sehr über Euren Besuch und Euer damit verbundenes Interesse an unserer "
        "Verbandshomepage www.dhb.de. Leider verwendet Ihr mit dem Internet Explorer jedoch einen veralteten "
        "Browser, der unsere neusten Technologien nicht mehr unterstützt.",
        "Mozilla Firefox",
        "Google Chrome",
        "Microsoft Edge",
        "Apple Safari",
        "Sportliche Grüße,",
        "WIR.IHR.ALLE",
        "Zurück",
        "News",
        "Nationalteams",
        "Männer",
        "Frauen",
        "U-Teams",
        "Beach-Teams",
        "Arena-Magazine",
        "Podcast",
        "Athletenservice",
        "Termine",
        "Erneuter Verzicht auf Regionallehrgang",
        "Nächste Maßnahme der Nationalmannschaft im März mit Länderspielen gegen die Niederlande",
        "Nach der für Januar geplanten Maßnahme wird der Deutsche Handballbund auch auf den vom 21. bis "
        "zum 23. Februar angesetzten Regionallehrgang der Frauen-Nationalmannschaft verzichten. Grund "
        "hierfür ist die weiterhin hohe Zahl von Spielausfällen, welche die Handball Bundesliga Frauen in "
        "Folge der Corona-Pandemie verzeichnen muss.",
        "HBF und Liga können die freigewordenen Termine für mögliche Nachholspiele nutzen.",
        "News",
    )
    cleaned = clean(RawDoc("dhb", "\n".join(lines), "x", "seed"), CFG)
    assert cleaned.lines[1].keep  # the side block
    assert cleaned.title is not None and cleaned.title.startswith(("Erneuter", "Nächste"))


def test_outlet_named_in_text() -> None:
    assert outlet_in_text(["Эти переговоры стали предвестником, отмечали опрошенные РБК эксперты."]) == "РБК"
    assert (
        outlet_in_text(["Депутат Госдумы Анатолий Вассерман в беседе с NEWS.ru отметил, что ..."])
        == "NEWS.ru"
    )
    assert outlet_in_text(["Глава редакции «Sputnik Азербайджан» Игорь Картавых, сообщил ТАСС."]) is None


# ------------------------------------------------------------------ seeds: golden output and floors


def _seed_docs() -> list[RawDoc]:
    docs = []
    for line in (SEEDS_GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        path = SEEDS_GOLD / f"{json.loads(line)['id']}.txt"
        docs += [d for d in read_file(path, Config().ingest) if isinstance(d, RawDoc)]
    return docs


def render_seeds() -> str:
    """The cleaner's view of the seeds, as checked in: title, outlet, lead, then every line."""
    docs = _seed_docs()
    contexts = build_context(docs)
    out = []
    for doc in docs:
        cleaned = clean(doc, CFG, contexts.get(outlet_key(doc)))
        out += [
            f"== {doc.id}",
            f"title: {cleaned.title}",
            f"outlet: {cleaned.source}",
            f"lead: {cleaned.lead}",
        ]
        out += [f"{'+' if d.keep else '-'} [{d.rule}] {d.text}" for d in cleaned.lines]
        out.append("")
    return "\n".join(out)


def test_seeds_golden_output() -> None:
    expected = (SEEDS_GOLD / "expected.txt").read_text(encoding="utf-8")
    assert render_seeds() == expected


def test_seeds_title_outlet_and_clean_text() -> None:
    docs = _seed_docs()
    contexts = build_context(docs)
    by_id = {d.id[:3]: clean(d, CFG, contexts.get(outlet_key(d))) for d in docs}
    assert by_id["001"].title == "Путин поговорил по телефону с Алиевым"
    assert by_id["001"].source == "Ведомости"
    assert by_id["003"].title is None and by_id["004"].title is None
    assert by_id["002"].lead is not None and by_id["002"].lead.startswith(
        "Президенты встретятся впервые за год."
    )
    assert "&nbsp;" not in by_id["002"].text
    article = to_article(docs[0], by_id["000"])
    assert article.title == by_id["000"].title and "Перейти к основному контенту" not in article.text


def test_seed_hand_labels_floor() -> None:
    result = evaluate(SEEDS_GOLD, Config())
    assert result["misaligned_pages"] == 0
    assert result["by_source"]["seeds"]["pages"] == 5
    assert result["content_lines"] == 57 and result["boilerplate_lines"] == 34
    assert result["body_recall"] >= 0.98
    assert result["boilerplate_f1"] >= 0.97
    assert result["title_accuracy"] >= 0.66


def test_gold_lines_are_the_non_blank_lines() -> None:
    pages = [
        json.loads(line) for line in (SEEDS_GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    docs = {d.id: d for d in _seed_docs()}
    for p in pages:
        lines = [ln.strip() for ln in docs[p["id"]].text.split("\n") if ln.strip()]
        assert [g["text"] for g in p["lines"]] == lines


def test_align_skips_a_gold_line_the_reader_dropped() -> None:
    assert align(["\ufeff", "Kompostierung", "Essbare Gärten"], ["Kompostierung", "Essbare Gärten"]) == [
        None,
        0,
        1,
    ]


# ------------------------------------------------------------------ floors on the human-labelled pages


@pytest.mark.data
def test_cleaning_floors(shared_data: Path) -> None:
    """Floors about 0.01 under what the rules reach (zyte + traf micro); a regression fails."""
    result = evaluate(shared_data / "cleaning", Config())
    assert result["pages"] >= 600 and result["misaligned_pages"] == 0
    assert result["body_recall"] >= 0.95  # reached 0.9554
    assert result["boilerplate_f1"] >= 0.885  # reached 0.8921
    assert result["by_source"]["zyte"]["body_recall"] >= 0.95  # reached 0.9579
    assert result["by_source"]["lang_ru"]["body_recall"] >= 0.89  # reached 0.899
    assert all(f["body_recall"] >= 0.95 and f["boilerplate_f1"] >= 0.875 for f in result["by_fold"].values())
    assert result["title_accuracy"] >= 0.40  # reached 0.410


if __name__ == "__main__":
    sys.stdout.write(render_seeds())


def test_an_articles_outlet_is_its_source_else_its_addresss_host() -> None:
    from storyline.clean.core import outlet_from_url

    assert outlet_from_url("https://www.bbc.co.uk/news/world-123") == "bbc.co.uk"
    assert outlet_from_url("http://novinata.bg/?p=249561") == "novinata.bg"
    assert outlet_from_url("https://user@Example.com:8443/a") == "example.com"
    assert outlet_from_url("https://example.com/") is None  # a bare site names no article
    assert outlet_from_url(None) is None and outlet_from_url("not a url") is None
