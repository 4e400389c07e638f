"""Outlet comparison: conflict rules on single real lines, differing figures, merged quotes, facts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from storyline.annotate.segment import sentences
from storyline.config import ViewConfig
from storyline.model import Article, Entity, Quote
from storyline.views.compare import conflicts, contrastive_attribution, outlet_facts, story_quotes
from storyline.views.conflicts import MAX_CONFLICTS, figure_conflict, find_conflicts, source_of
from storyline.views.units import Unit, article_units

CFG = ViewConfig()


def art(
    aid: str, text: str, source: str | None = None, quotes: tuple[Quote, ...] = (), day: str = "2025-10-24"
) -> Article:
    return Article(
        id=aid,
        text=text,
        origin=aid,
        content_hash=aid,
        published=day,
        source=source,
        language="ru",
        sentences=sentences(text),
        quotes=quotes,
    )


SAFAROV = (
    "Двое фигурантов — братья Сафаровы — умерли: по версии российского СК — от сердечной "
    "недостаточности, по версии Азербайджана — в результате пыток."
)


def test_contrastive_attribution_in_one_sentence() -> None:
    unit = next(u for u in article_units(art("a", SAFAROV)) if u.index == 0)
    c = contrastive_attribution(unit)
    assert c is not None
    assert c.about.startswith("Двое фигурантов")
    assert [x.by for x in c.claims] == ["российского СК", "Азербайджана"]
    assert "сердечной недостаточности" in c.claims[0].text and "пыток" in c.claims[1].text


HEZBOLLAH = (  # ml_crisis_tls it/syria/2017-01-27/ext_133
    "Le stime variano molto: secondo Ali Alfoneh del Washington Institute, tra la fine del 2012 e il "
    "febbraio 2016 il Partito di Dio ha lasciato sul campo 865 combattenti; secondo l'Osservatorio Siriano "
    "per i Diritti umani questo numero ammonta a 1.387; secondo l'intelligence israeliana, si sale fino a "
    "1.500."
)


def _unit(text: str, language: str = "ru") -> Unit:
    a = replace(art("a", text), language=language)
    return next(u for u in article_units(a) if u.index == 0)


def test_contrastive_attribution_in_other_languages() -> None:
    c = contrastive_attribution(_unit(HEZBOLLAH, "it"))
    assert c is not None and c.about == "Le stime variano molto"
    assert [x.by for x in c.claims] == ["Ali Alfoneh del Washington Institute", "l'intelligence israeliana"]


def test_versions_must_be_of_one_kind() -> None:
    # ml_crisis_tls it/syria/2016-10-31/ext_177: the sources follow the figures, so the cut is wrong
    text = (
        "L'offensiva ha provocato già decine di vittime: 84 secondo l'esercito siriano, almeno 48 secondo "
        "l'Osservatorio per i diritti umani, organizzazione anti-Assad basata a Londra."
    )
    assert contrastive_attribution(_unit(text, "it")) is None
    # ml_crisis_tls fr/egypt/2012-06-18/ext_15: one holder twice
    text = (
        "Tantôt vous dites, selon vos dires toujours, commandités par les Etats-Unis, selon vos dires, "
        "déstabilisé."
    )
    assert contrastive_attribution(_unit(text, "fr")) is None


def test_one_attribution_is_no_conflict() -> None:
    text = "По данным Росавиации, самолет не смог приземлиться в Грозном из-за тумана."
    unit = next(u for u in article_units(art("a", text)) if u.index == 0)
    assert contrastive_attribution(unit) is None


def test_different_figures_for_the_same_count_across_outlets() -> None:
    a = art("a", "При крушении самолета в Актау погибли 38 человек, в том числе семь россиян.", "РБК")
    b = art("b", "При крушении самолета в Актау погибли 39 человек, сообщили власти.", "ТАСС")
    c = art("c", "В Актау самолет разбился при посадке, на борту было 67 человек.", "Ведомости")
    found = conflicts([a, b, c], CFG)
    assert len(found) == 1
    assert {x.by for x in found[0].claims} == {"РБК", "ТАСС"}
    assert "38" in found[0].about and "39" in found[0].about


def test_same_figure_is_no_conflict() -> None:
    a = art("a", "При крушении самолета в Актау погибли 38 человек.", "РБК")
    b = art("b", "При крушении самолета в Актау погибли 38 человек, сообщили власти.", "ТАСС")
    assert conflicts([a, b], CFG) == ()


def test_the_same_quote_in_two_articles_is_one_entry() -> None:
    said = "Подтвержден взаимный настрой на дальнейшее развитие торгово-экономических связей"
    q1 = Quote(said, "Кремль", None, 0, 10)
    q2 = Quote(said + ".", "Кремль", None, 0, 10)
    other = Quote("Мы в данном случае оптимисты", "Дмитрий Песков", None, 0, 5)
    a = art("a", "Текст статьи номер один, достаточно длинный.", "РБК", (q1,), "2025-10-24")
    b = art("b", "Текст статьи номер два, достаточно длинный.", "ТАСС", (q2, other), "2025-10-24")
    quotes = story_quotes([a, b], CFG)
    assert len(quotes) == 2
    merged = next(q for q in quotes if q.speaker == "Кремль")
    assert (
        merged.article_ids == ("a", "b") and merged.outlets == ("РБК", "ТАСС") and merged.date == "2025-10-24"
    )


def test_outlet_facts_mark_what_only_one_outlet_has() -> None:
    shared = (
        "Президент России Владимир Путин провел телефонный разговор с президентом Азербайджана "
        "Ильхамом Алиевым."
    )
    a = art(
        "a",
        shared + "\nПо случаю Дня таможенника Путин примет с докладом главу таможенной службы.",
        "Ведомости",
    )
    b = art("b", shared + "\nАлиев поблагодарил Путина за подробную информацию о ходе следствия.", "РБК")
    facts = outlet_facts([a, b], CFG)
    first = facts[0]
    assert (
        first.outlets == ("Ведомости", "РБК") and first.only is None and set(first.article_ids) == {"a", "b"}
    )
    only = {f.only for f in facts[1:]}
    assert only == {"Ведомости", "РБК"}


def test_conflict_sides_are_named_in_the_nominative(models) -> None:  # type: ignore[no-untyped-def]
    unit = next(u for u in article_units(art("a", SAFAROV)) if u.index == 0)
    c = contrastive_attribution(unit, models.morph)
    assert c is not None
    assert [x.by for x in c.claims] == ["российский СК", "Азербайджан"]
    assert "по версии российского СК" in c.claims[0].text  # the claim keeps the source's words


def _figures(a: Article) -> list:  # type: ignore[type-arg]
    from storyline.views.conflicts import _figures as figures

    return [f for u in article_units(a) if u.index >= 0 for f in figures(u, a)]


def test_a_figure_in_progress_or_in_a_tally_is_no_claim() -> None:
    # bsnlp us_election_2020/ru: standings of a count in progress
    a = art("a", "У Байдена 135 голосов, у Трампа 97.", "A")
    b = art("b", "Как следует из официальных данных, на 21:25 по мск у Байдена 156 голосов.", "B")
    c = art("c", "По предварительным данным, у Байдена 146 голосов.", "C")
    assert find_conflicts([a, b, c], CFG) == []
    assert figure_conflict(_figures(a)[0], _figures(b)[0]) == "running count"
    assert figure_conflict(_figures(a)[0], _figures(c)[0]) == "running count"


def test_names_inside_the_counted_phrase_do_not_align_figures() -> None:
    # bsnlp us_election_2020/uk: two different states, "Колегії вибірників" is the unit's name
    a = art("a", "Штат дає 15 голосів Колегії вибірників.", "A")
    b = art(
        "b",
        "Штат, де кандидати від демократів перемагали останні три кампанії, дає 6 голосів "
        "Колегії вибірників.",
        "B",
    )
    a, b = replace(a, language="uk"), replace(b, language="uk")
    assert figure_conflict(_figures(a)[0], _figures(b)[0]) == "no shared name"


def test_hedged_figures_that_can_both_be_true_agree() -> None:
    a = art("a", "При крушении самолета в Актау погибли более 30 человек.", "РБК")
    b = art("b", "При крушении самолета в Актау погибли 38 человек, сообщили власти.", "ТАСС")
    assert figure_conflict(_figures(a)[0], _figures(b)[0]) == "compatible figures"


def test_one_outlet_is_not_two_sources() -> None:
    a = art("a", "При крушении самолета в Актау погибли 38 человек.", "РБК")
    b = art("b", "При крушении самолета в Актау погибли 39 человек, сообщили власти.", "РБК")
    assert find_conflicts([a, b], CFG) == []


def test_outlet_from_the_address() -> None:
    a = replace(art("a", "Текст."), url="https://www.dnevnik.bg/sviat/2018/11/09/123/")
    assert source_of(a) == "dnevnik.bg"
    assert source_of(replace(a, url="http://www.fromtheweb.eu")) is None  # an address without a path
    assert source_of(replace(a, source="РБК")) == "РБК"


ALIYEV = (  # examples/seeds/002_388b062e0e7cff9a.txt
    "Алиев заявлял, что самолет «был поврежден снаружи в районе города Грозный в России и фактически "
    "потерял управление»."
)
ROSAVIATSIA = (
    "Росавиация сообщала, что самолет не смог приземлиться в Грозном из-за тумана, в связи с чем на высоте "
    "500 м была плохая видимость, а также из-за плана «Ковер», который вводился из-за «террористических "
    "атак Украины»."
)


def _with_speakers(text: str, speakers: dict[str, str]) -> Article:
    a = art("s", text)
    quotes, entities = [], []
    for span in a.sentences:
        sentence = text[span.start : span.stop]
        for name, speaker in speakers.items():
            if sentence.startswith(name):
                quotes.append(Quote(sentence, speaker, speaker, span.start, span.stop, "indirect"))
                entities.append(Entity(name, speaker, "ORG", span.start, span.start + len(name), speaker))
    for word, normal in (("Грозный", "Грозный"), ("Грозном", "Грозный")):
        i = text.find(word)
        entities.append(Entity(word, normal, "LOC", i, i + len(word), "grozny"))
    return replace(a, quotes=tuple(quotes), entities=tuple(sorted(entities, key=lambda e: e.start)))


def test_accounts_set_side_by_side_of_why_the_plane_crashed() -> None:
    a = _with_speakers(ALIYEV + " " + ROSAVIATSIA, {"Алиев": "Ильхам Алиев", "Росавиация": "Росавиация"})
    found = find_conflicts([a], CFG)
    assert len(found) == 1
    assert {x.by for x in found[0].claims} == {"Ильхам Алиев", "Росавиация"}


def test_a_page_shows_a_handful_of_conflicts() -> None:
    pairs = [
        (
            art(f"a{i}", f"В городе Актау {i}-го района погибли {10 + i} человек.", f"A{i}"),
            art(f"b{i}", f"В городе Актау {i}-го района погибли {40 + i} человек.", f"B{i}"),
        )
        for i in range(MAX_CONFLICTS + 3)
    ]
    articles = [x for p in pairs for x in p]
    assert len(conflicts(articles, CFG)) <= MAX_CONFLICTS


def test_conflict_precision_on_the_labelled_pairs(shared_data: Path) -> None:
    """tests/data/conflicts_labelled.jsonl: 152 claim pairs labelled by hand (conflicts_README.md)."""
    from storyline.config import Config
    from storyline.evaluate.conflicts import evaluate

    result = evaluate(shared_data, Config())
    assert result["articles_missing"] == 0
    assert result["reported"] >= 3 and result["precision"] >= 0.85
    assert result["by_collection"]["seeds"]["recall_of_true"] == 1.0  # causes of death, the plane crash
