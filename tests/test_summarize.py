"""Headlines and cited extractive summaries on the five real seed articles."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from storyline.annotate.segment import sentences
from storyline.clean import build_context, clean, outlet_key, to_article
from storyline.config import Config, ViewConfig
from storyline.ingest import read_paths
from storyline.model import Article
from storyline.views.summary import clickbait, event_summary, headline, story_summary
from storyline.views.units import cosine, terms

CFG = ViewConfig()


@pytest.fixture(scope="module")
def seed_articles(seeds_dir: Path) -> list[Article]:
    """The seeds cleaned and split into sentences (no models needed)."""
    config = Config()
    docs, _ = read_paths([seeds_dir], config.ingest)
    contexts = build_context(docs)
    out = []
    for d in docs:
        a = to_article(d, clean(d, config.clean, contexts.get(outlet_key(d))))
        out.append(dataclasses.replace(a, language="ru", sentences=sentences(a.text)))
    return out


@pytest.mark.parametrize(
    ("title", "rules"),
    [
        ("Путин поговорил по телефону с Алиевым", []),
        ("Путин и Алиев договорились поддерживать контакты на разных уровнях", []),
        ("Кремль раскрыл, что обсудят Путин и Алиев на первой за год встрече", ["teaser_words"]),
        (
            "Эксперт оценил, приведет ли встреча Путина с Алиевым к разрядке отношений с Баку",
            ["teaser_words"],
        ),
        ("Что еще Путин и Алиев обсуждали в Душанбе", ["teaser_start"]),
        ("Как будут развиваться отношения России и Азербайджана", ["teaser_start"]),
    ],
)
def test_clickbait_rules_on_real_titles(title: str, rules: list[str]) -> None:
    assert clickbait(title) == rules


def test_headline_prefers_the_informative_title(seed_articles: list[Article]) -> None:
    title = headline(seed_articles, CFG)
    assert title is not None and not clickbait(title)
    assert title in {a.title for a in seed_articles}


def test_an_untitled_article_is_not_headed_by_a_list_item_or_a_cut_quotation() -> None:
    """ml_crisis articles have no titles; their first sentences were list items and quote fragments."""
    item = "- 15 marzo: Primeras protestas bajo el lema Una Siria sin tiranía en Damasco."
    lead = "Las fuerzas de seguridad dispersaron este viernes una protesta de cientos de personas en Damasco."
    fragment = '"Queremos ver un régimen fundamentalmente diferente en Damasco.'
    for first in (item, fragment):
        text = f"{first}\n{lead}"
        spans = sentences(text)
        article = Article("a1", text, "t", "h1", published="2011-03-15", language="es", sentences=spans)
        assert headline([article], CFG) == lead


def test_an_untitled_article_opening_with_a_headline_line_is_headed_by_it() -> None:
    """ml_crisis texts open with their headline, unpunctuated, while the title field is empty."""
    text = (
        "Alemania sopesa apoyar bombardeos sobre Siria\n"
        "El Panavia Tornado, avión de combate bimotor del Ejército alemán.\n"
        "En Alemania, el partido de Angela Merkel es el único que pide considerar la posibilidad."
    )
    article = Article("a1", text, "t", "h1", published="2018-11-26", language="es", sentences=sentences(text))
    assert headline([article], CFG) == "Alemania sopesa apoyar bombardeos sobre Siria"


def _check_cited(summary: tuple, articles: list[Article]) -> None:  # type: ignore[type-arg]
    by_id = {a.id: a for a in articles}
    assert 3 <= len(summary) <= 6
    for c in summary:
        assert c.article_ids and all(i in by_id for i in c.article_ids)
        assert any(c.text in by_id[i].text for i in c.article_ids)  # extractive, from a cited article
    bags = [{t: 1.0 for t in terms(c.text, "ru")} for c in summary]
    for i in range(len(bags)):
        for j in range(i + 1, len(bags)):
            assert cosine(bags[i], bags[j]) < 0.6, (summary[i].text, summary[j].text)


def test_event_summary_is_cited_and_not_repetitive(seed_articles: list[Article]) -> None:
    call = [a for a in seed_articles if a.day == "2025-10-24"]
    summary = event_summary(call, CFG)
    _check_cited(summary, call)
    assert any(len(c.article_ids) >= 2 for c in summary)  # what several outlets report cites them all


def test_story_summary_says_where_it_stands_now(seed_articles: list[Article]) -> None:
    summary = story_summary(seed_articles, CFG)
    _check_cited(summary, seed_articles)
    latest = {a.id for a in seed_articles if a.day == "2025-10-24"}
    assert set(summary[-1].article_ids) & latest  # it ends with the latest development


def test_long_story_is_read_through_a_selection_spread_over_its_events(seed_articles: list[Article]) -> None:
    from storyline.model import Event
    from storyline.views.story import spread_over_events, story_view, view_selection

    ids = sorted(a.id for a in seed_articles)
    meeting = Event("ev-meeting", (ids[2], ids[4]), "2025-10-09")
    call = Event("ev-call", (ids[0], ids[1], ids[3]), "2025-10-24")
    # latest event first, then round by round: every event is read before any event's second copy
    assert spread_over_events([meeting, call], 2) == {ids[0], ids[2]}
    assert spread_over_events([meeting, call], 9) == set(ids)
    chosen = view_selection([meeting, call], 3)
    assert len(chosen) == 3 and view_selection([meeting, call], 5) == set(ids)
    meta = {a.id: (a.published, a.source) for a in seed_articles}
    read = [a for a in seed_articles if a.id in chosen]
    story, _, _ = story_view("st-1", [meeting, call], meta, read, CFG)
    assert sorted(story.article_ids) == ids  # membership counts every article
    cited = {aid for entry in story.timeline for aid in entry.article_ids}
    cited |= {aid for c in story.summary for aid in c.article_ids}
    assert cited and cited <= {ids[0], ids[1], ids[2]}
