"""Is a store consistent? Every article grouped once into an event that lists it, every event in a story
that lists it, every story's articles those of its events, every redirect (of an event, story or
topic) leading to a stored id.

``inconsistencies(store)`` reads the whole store (it is for tests, the fault suite and ``storyline
check``, not for a request path) and returns one line per problem; an empty list means consistent.
"""

from __future__ import annotations

from collections import defaultdict

from storyline.store.base import Store


def inconsistencies(store: Store, pending_allowed: bool = False) -> list[str]:
    problems: list[str] = []
    with store.reading():
        ids = store.all_article_ids()
        members = store.memberships(ids)
        waiting = [a for a in ids if not members[a].grouped]
        if waiting and not pending_allowed:
            problems.append(f"{len(waiting)} articles wait to be grouped (first: {waiting[0]!r})")
        by_event: dict[str, set[str]] = defaultdict(set)
        for a, m in members.items():
            if m.grouped:
                if not m.event_id:
                    problems.append(f"article {a!r} is grouped without an event")
                else:
                    by_event[m.event_id].add(a)
        story_ids = store.story_ids()
        story_events = store.story_event_ids(story_ids)
        event_rows = dict((e.id, (e, s)) for e, s in store.events(sorted(by_event)))
        for event_id, arts in sorted(by_event.items()):
            if event_id not in event_rows:
                problems.append(f"event {event_id!r} of {len(arts)} articles is not stored")
                continue
            event, story = event_rows[event_id]
            listed = set(event.article_ids)
            if pending_allowed:
                listed -= set(waiting)  # a changed article waits again, still listed by its old event
            if listed != arts:
                problems.append(
                    f"event {event_id!r} lists {len(event.article_ids)} articles, {len(arts)} belong to it"
                )
            if not story:
                problems.append(f"event {event_id!r} is in no story")
        stored_stories = set(story_ids)
        for event_id, (_, story) in event_rows.items():
            if story and story not in stored_stories:
                problems.append(f"event {event_id!r} names story {story!r}, which is not stored")
        for story_id in story_ids:
            view, _ = store.story(story_id)
            listed = set(view.event_ids)
            actual = set(story_events.get(story_id, []))
            if listed != actual:
                problems.append(f"story {story_id!r} lists {len(listed)} events, {len(actual)} belong to it")
            arts = {a for e in actual if e in event_rows for a in event_rows[e][0].article_ids}
            if set(view.article_ids) != arts:
                problems.append(
                    f"story {story_id!r} lists {len(view.article_ids)} articles, its events have {len(arts)}"
                )
        known_ids = {
            "story": stored_stories,
            "event": set(event_rows) | set(by_event),
            "topic": set(store.topic_states()),
        }
        for old, new, kind in store.redirects():
            target = store.resolve(old)
            known = known_ids.get(kind, set())
            if target not in known:
                problems.append(f"{kind} redirect {old!r} -> {new!r} leads to nothing stored")
    return problems
