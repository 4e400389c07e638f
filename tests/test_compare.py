"""Outlet comparison: conflict rules on single real lines, differing figures, merged quotes, facts."""

from __future__ import annotations

from storyline.annotate.segment import sentences
from storyline.config import ViewConfig
from storyline.model import Article, Quote
from storyline.views.compare import conflicts, contrastive_attribution, outlet_facts, story_quotes
from storyline.views.units import article_units

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


def test_contrastive_attribution_in_other_languages() -> None:
    text = "Según el gobierno, murieron 12 personas, según los activistas — más de cuarenta."
    unit = next(u for u in article_units(art("a", text)) if u.index == 0)
    c = contrastive_attribution(unit)
    assert c is not None and len(c.claims) == 2


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
