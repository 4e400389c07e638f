"""Cleaning and annotation on hostile text, as the pipeline feeds them (through the ingest guards),
and cleaning on raw text as a library user might: no traceback ever, spans inside the text."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.annotate import annotate
from storyline.clean import clean, content_hash, to_article
from storyline.config import Config
from storyline.ingest.guards import guard
from storyline.model import RawDoc

from .strategies import any_text, examples, hostile_text

pytestmark = pytest.mark.fuzz

CFG = Config()
TODAY = date(2026, 1, 1)

docs = st.builds(
    RawDoc,
    id=hostile_text.filter(lambda s: s.strip() != ""),
    text=any_text,
    origin=st.just("fuzz.jsonl:1"),
    format=st.sampled_from(["seed", "jsonl", "html"]),
    published=st.sampled_from([None, "2025-10-24", "2025-10-24T10:00:00"]),
    title=st.one_of(st.none(), hostile_text),
    source=st.one_of(st.none(), hostile_text),
    url=st.one_of(st.none(), hostile_text),
    language=st.sampled_from([None, "ru", "en", "xx", ""]),
    prepared=st.booleans(),
)


@settings(max_examples=examples(40))
@given(doc=docs)
def test_cleaning_guarded_documents(doc: RawDoc) -> None:
    guarded, _ = guard(doc, CFG.ingest, TODAY)
    if guarded is None:
        return
    cleaned = clean(guarded, CFG.clean, None)
    article = to_article(guarded, cleaned)
    article.text.encode("utf-8")
    content_hash(guarded)


@settings(max_examples=examples(30))
@given(doc=docs)
def test_annotating_guarded_documents(models: Any, doc: RawDoc) -> None:  # models: loaded once (conftest)
    guarded, _ = guard(doc, CFG.ingest, TODAY)
    if guarded is None:
        return
    article = annotate(to_article(guarded, clean(guarded, CFG.clean, None)), models, CFG.annotate)
    n = len(article.text)
    for span in (*article.entities, *article.dates, *article.quotes):
        assert 0 <= span.start <= span.stop <= n, span


@settings(max_examples=examples(30))
@given(text=hostile_text, prepared=st.booleans())
def test_cleaning_raw_text_as_a_library_user_might(text: str, prepared: bool) -> None:
    doc = RawDoc(id="x", text=text, origin="x.txt", format="seed", prepared=prepared)
    clean(doc, CFG.clean, None)
