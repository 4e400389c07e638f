"""Events into stories and stories into topics, online.

A **story** is one development followed over days or weeks. An event joins the open story whose centroid
(the sum of its events' profile rows: evidence from the whole story, not from one link) it is most like,
when the cosine is at least ``join_threshold``; a story is open to an event when its last event is at most
``quiet_days`` before it and its first at most ``span_days`` before it. Otherwise the event opens a story.
So a story never chains into a months-long blob: after a quiet gap, or past its span, new events open a
new story of the same topic.

A **topic** is a long-running subject (Brexit, Covid-19, the war in Syria). A new story joins the topic
whose centroid (the sum of its stories' centroids) it is most like, when the cosine is at least
``topic_threshold`` and the topic's last day is at most ``topic_gap_days`` before the story; otherwise it
opens a topic. Touched topics that are alike (``topic_merge_threshold``) merge, and a small topic (at most
``small_topic_articles`` articles) attaches to the most similar larger one at ``attach_threshold``. When
topics merge, the one with more articles keeps its id, so an id keeps naming its subject.

Stories keep the topic they were given; topics keep their stories' centroids as stored sums, so a
long-running topic is compared without reading its history.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np

from storyline.config import StoryConfig
from storyline.stories.profile import EventDoc, profile_rows

log = logging.getLogger(__name__)

EPOCH = "1970-01-01"  # unix time 0: how a missing date often reaches a feed


def is_dated(value: str | None) -> bool:
    """False for a missing date and for the unix epoch placeholder."""
    return bool(value) and not str(value).startswith(EPOCH)


def day_number(value: str | None) -> int | None:
    """Day number of an ISO date; None for undated."""
    if not value or not is_dated(value):
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def new_story_id(event_id: str) -> str:
    return "st-" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:12]


def new_topic_id(story_id: str) -> str:
    return "tp-" + hashlib.sha1(story_id.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True, eq=False)
class StoryState:
    """What linking keeps of a story: its days, size, centroid (sum of its events' rows) and topic."""

    id: str
    first: int | None
    last: int | None
    articles: int
    centroid: np.ndarray
    topic: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class TopicState:
    id: str
    first: int | None
    last: int | None
    articles: int
    centroid: np.ndarray  # sum of its stories' centroids


@dataclass(frozen=True, slots=True, eq=False)
class Linking:
    story_of: dict[str, str]  # every event given -> its story
    stories: dict[str, StoryState]  # stories whose events changed, after linking (topic set)
    topics: dict[str, TopicState]  # topics that changed, after linking
    topic_merges: tuple[tuple[str, str], ...] = ()  # (old topic, surviving topic)
    emptied: tuple[str, ...] = field(default_factory=tuple)  # stories left without events


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


def _span(a: int | None, b: int | None, lo: bool) -> int | None:
    known = [d for d in (a, b) if d is not None]
    if not known:
        return None
    return min(known) if lo else max(known)


def link(
    events: Sequence[EventDoc],
    story_of: Mapping[str, str],
    stories: Mapping[str, StoryState],
    topics: Mapping[str, TopicState],
    fresh: Sequence[str],
    changed_stories: Sequence[str],
    emptied: Sequence[str],
    config: StoryConfig,
    rows: Mapping[str, np.ndarray] | None = None,
) -> Linking:
    """Link the ``fresh`` events (no story yet) into stories and their new stories into topics.

    ``events``: every event of the window after the event plan (the fresh ones, the ones already in a
    story, the touched ones); ``story_of``: the story of the events that have one; ``stories``: the
    stored state of those stories and of the stories ``touched`` events left; ``topics``: candidate
    topics (stored state). ``changed_stories``: stories whose events changed (an event grew, or left by
    a merge); ``emptied``: stories that lost every event (their events merged into others); ``rows``:
    the events' profile rows when the caller has them.
    """
    if rows is None:  # a row depends on its event alone (``profile_rows``): callers may pass them in
        computed = profile_rows(events, config) if events else np.zeros((0, 1), np.float32)
        rows = {e.id: computed[k] for k, e in enumerate(events)}
    row_of = {e.id: rows[e.id] for e in events}
    docs = {e.id: e for e in events}
    assigned: dict[str, str] = {e: s for e, s in story_of.items() if e in docs}
    members: dict[str, list[str]] = {}
    for e, s in assigned.items():
        members.setdefault(s, []).append(e)
    state: dict[str, StoryState] = {}
    for s, evs in members.items():
        days = [d for e in evs if (d := day_number(docs[e].date)) is not None]
        lasts = [d for e in evs if (d := _last_day(docs[e])) is not None]
        stored = stories.get(s)
        state[s] = StoryState(
            s,
            min(days) if days else None,
            max(lasts) if lasts else None,
            sum(len(docs[e].articles) for e in evs),
            np.sum([row_of[e] for e in evs], axis=0),
            stored.topic if stored else None,
        )
    changed = {s for s in changed_stories if s in state}
    order = sorted(fresh, key=lambda e: (day_number(docs[e].date) or 10**9, e))
    for e in order:
        doc, row = docs[e], row_of[e]
        first, last = day_number(doc.date), _last_day(doc)
        best, best_sim = None, -2.0
        for s, st in state.items():
            closed = st.last is not None and st.first is not None and first is not None
            if closed and (st.last < first - config.quiet_days or st.first < first - config.span_days):  # type: ignore[operator]
                continue
            sim = float(_unit(st.centroid) @ _unit(row))
            if sim > best_sim:
                best, best_sim = s, sim
        if best is not None and best_sim >= config.join_threshold:
            st = state[best]
            state[best] = replace(
                st,
                first=_span(st.first, first, True),
                last=_span(st.last, last, False),
                articles=st.articles + len(doc.articles),
                centroid=st.centroid + row,
            )
        else:
            best = new_story_id(e)
            state[best] = StoryState(best, first, last, len(doc.articles), row.copy(), None)
        assigned[e] = best
        changed.add(best)
    result_stories = {s: state[s] for s in changed if s in state}
    gone = tuple(sorted(set(emptied) - set(state)))
    topics_out, merges, final_stories = _topics(result_stories, stories, topics, gone, config)
    return Linking(assigned, final_stories, topics_out, merges, gone)


def _last_day(doc: EventDoc) -> int | None:
    days = [d for a in doc.articles if (d := day_number(a.published)) is not None]
    return max(days) if days else day_number(doc.date)


def _topics(
    changed: Mapping[str, StoryState],
    stored_stories: Mapping[str, StoryState],
    stored_topics: Mapping[str, TopicState],
    emptied: Sequence[str],
    config: StoryConfig,
) -> tuple[dict[str, TopicState], tuple[tuple[str, str], ...], dict[str, StoryState]]:
    topics: dict[str, TopicState] = dict(stored_topics)
    touched: set[str] = set()

    def adjust(topic: str, old: StoryState | None, new: StoryState | None) -> None:
        t = topics.get(topic)
        if t is None:
            return
        centroid = t.centroid.copy()
        articles = t.articles
        if old is not None:
            centroid -= old.centroid
            articles -= old.articles
        if new is not None:
            centroid += new.centroid
            articles += new.articles
        first = _span(t.first, new.first if new else None, True)
        last = _span(t.last, new.last if new else None, False)
        topics[topic] = replace(t, centroid=centroid, articles=max(0, articles), first=first, last=last)
        touched.add(topic)

    out: dict[str, StoryState] = {}
    for s in emptied:
        old = stored_stories.get(s)
        if old is not None and old.topic:
            adjust(old.topic, old, None)
    pending = []
    for s, st in changed.items():
        if st.topic and st.topic in topics:
            adjust(st.topic, stored_stories.get(s), st)
            out[s] = st
        else:
            pending.append(st)
    for st in sorted(pending, key=lambda x: (x.first if x.first is not None else 10**9, x.id)):
        best, best_sim = None, -2.0
        for t in topics.values():
            if st.first is not None and t.last is not None and st.first - t.last > config.topic_gap_days:
                continue
            sim = float(_unit(st.centroid) @ _unit(t.centroid))
            if sim > best_sim:
                best, best_sim = t.id, sim
        if best is not None and best_sim >= config.topic_threshold:
            topic = best
            adjust(topic, None, st)
        else:
            topic = new_topic_id(st.id)
            topics[topic] = TopicState(topic, st.first, st.last, st.articles, st.centroid.copy())
            touched.add(topic)
        out[st.id] = replace(st, topic=topic)
    merges = _merge_topics(topics, touched, config)
    final = {m_old: m_new for m_old, m_new in merges}

    def resolve(t: str) -> str:
        while t in final:
            t = final[t]
        return t

    out = {s: replace(st, topic=resolve(st.topic)) if st.topic else st for s, st in out.items()}
    changed_topics = {resolve(t) for t in touched}
    return {t: topics[t] for t in changed_topics if t in topics}, merges, out


def _merge_topics(
    topics: dict[str, TopicState], touched: set[str], config: StoryConfig
) -> tuple[tuple[str, str], ...]:
    """Merge touched topics into alike ones (in place), then attach small touched topics to the most alike
    large one; the topic with more articles keeps its id."""
    merges: list[tuple[str, str]] = []
    while True:  # merges: the most alike pair first, until no pair reaches the threshold
        pair = _best_pair(topics, touched, lambda q, other: True, config.topic_merge_threshold)
        if pair is None:
            break
        merges.append(_join(topics, touched, *pair))
    small = config.small_topic_articles
    for q in sorted(t for t in touched if t in topics and topics[t].articles <= small):
        if q not in topics or topics[q].articles > small:
            continue
        pair = _best_pair(
            topics, {q}, lambda q, other: topics[other].articles > small, config.attach_threshold
        )
        if pair is not None:
            merges.append(_join(topics, touched, *pair))
    return tuple(merges)


def _best_pair(
    topics: Mapping[str, TopicState], queries: set[str], allowed: Any, threshold: float
) -> tuple[float, str, str] | None:
    live = sorted(topics)
    if len(live) < 2:
        return None
    units = np.vstack([_unit(topics[t].centroid) for t in live])
    best: tuple[float, str, str] | None = None
    for k, q in enumerate(live):
        if q not in queries:
            continue
        sims = units @ units[k]
        sims[k] = -2.0
        for j in np.argsort(-sims)[:5]:
            other, sim = live[int(j)], float(sims[j])
            if sim >= threshold and allowed(q, other) and (best is None or sim > best[0]):
                best = (sim, q, other)
    return best


def _join(topics: dict[str, TopicState], touched: set[str], sim: float, a: str, b: str) -> tuple[str, str]:
    keep, gone = (a, b) if (topics[a].articles, b) >= (topics[b].articles, a) else (b, a)
    k, g = topics[keep], topics.pop(gone)
    topics[keep] = replace(
        k,
        centroid=k.centroid + g.centroid,
        articles=k.articles + g.articles,
        first=_span(k.first, g.first, True),
        last=_span(k.last, g.last, False),
    )
    touched.discard(gone)
    touched.add(keep)
    log.info("topics %s and %s are alike (%.2f): merged into %s", gone, keep, sim, keep)
    return gone, keep
