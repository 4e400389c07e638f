"""Headlines and cited summaries for events and stories (baseline: central article's title and lead)."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Article, Citation


def first_sentence(article: Article) -> str:
    if article.sentences:
        s = article.sentences[0]
        return article.text[s.start : s.stop]
    return article.text.split("\n", 1)[0][:300]


def headline(articles: Sequence[Article]) -> str | None:
    """The title most outlets' wording is closest to (shortest among the most common words)."""
    titled = [a for a in articles if a.title]
    if not titled:
        return first_sentence(articles[0])[:160] if articles else None
    words = [set(t.lower().split()) for t in (a.title or "" for a in titled)]

    def centrality(k: int) -> float:
        return sum(len(words[k] & w) / max(len(words[k] | w), 1) for w in words)

    best = max(range(len(titled)), key=lambda k: (centrality(k), -len(titled[k].title or "")))
    return titled[best].title


def event_summary(articles: Sequence[Article]) -> tuple[Citation, ...]:
    """The lead sentence of each article, citing it (baseline)."""
    out: list[Citation] = []
    seen: set[str] = set()
    for a in articles[:4]:
        text = first_sentence(a)
        if text and text not in seen:
            seen.add(text)
            out.append(Citation(text, (a.id,)))
    return tuple(out)
