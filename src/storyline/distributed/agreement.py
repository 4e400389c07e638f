"""How far two runs agree: events and stories as partitions of the articles, compared pair by pair.

``groupings(store)`` reads the article sets of every event and story; ``agreement(a, b)`` gives, for two
partitions of the same articles, the pairwise precision and recall of ``a`` against ``b`` (pairs of
articles put together), their F1, and how many articles sit in a group that is not identical in both.
Used to compare the Ray engine with the serial engine (tests, benchmarks).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from storyline.store.base import Store


@dataclass(frozen=True, slots=True)
class Groupings:
    events: Mapping[str, str]  # article -> event
    stories: Mapping[str, str]  # article -> story
    duplicate_of: Mapping[str, str | None]  # article -> canonical article (None: canonical or alone)


def groupings(store: Store) -> Groupings:
    with store.reading():
        ids = store.all_article_ids()
        members = store.memberships(ids)
        stories: dict[str, str] = {}
        for story_id in store.story_ids():
            story, _ = store.story(story_id)
            for a in story.article_ids:
                stories[a] = story_id
    events = {a: m.event_id for a, m in members.items() if m.event_id}
    return Groupings(events, stories, {a: m.duplicate_of for a, m in members.items()})


def _pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


@dataclass(frozen=True, slots=True)
class Agreement:
    articles: int  # articles grouped in both
    pairs_a: int
    pairs_b: int
    pairs_both: int
    differing: int  # articles whose group is not the same set of articles in both

    @property
    def precision(self) -> float:
        return self.pairs_both / self.pairs_a if self.pairs_a else 1.0

    @property
    def recall(self) -> float:
        return self.pairs_both / self.pairs_b if self.pairs_b else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "articles": self.articles,
            "pairs_a": self.pairs_a,
            "pairs_b": self.pairs_b,
            "pairs_both": self.pairs_both,
            "precision": round(self.precision, 6),
            "recall": round(self.recall, 6),
            "f1": round(self.f1, 6),
            "differing_articles": self.differing,
        }


def agreement(a: Mapping[str, str], b: Mapping[str, str]) -> Agreement:
    """Pairwise agreement of two groupings (article -> group id) over the articles both group."""
    common = sorted(set(a) & set(b))
    size_a = Counter(a[x] for x in common)
    size_b = Counter(b[x] for x in common)
    both = Counter((a[x], b[x]) for x in common)
    differing = sum(1 for x in common if not (size_a[a[x]] == size_b[b[x]] == both[(a[x], b[x])]))
    return Agreement(
        len(common), _pairs(size_a.values()), _pairs(size_b.values()), _pairs(both.values()), differing
    )
