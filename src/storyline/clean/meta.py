"""Title, lead and outlet of a cleaned article.

- Title: the headline line nearest above the body (the first of several stacked headlines, such as a
  title over an alternative headline), skipping captions, credits, bylines, datelines and rubrics.
- Lead: the first kept paragraph that is a sentence of prose.
- Outlet: a masthead line right under the title ("Ведомости"), or the outlet naming itself in the
  text ("опрошенные РБК эксперты", "в беседе с NEWS.ru", "в материале NEWS.ru"): a domain, an
  acronym or a quoted name after a phrase by which a newsroom refers to itself (phrases that also
  cite other outlets, such as "сообщил ТАСС" or "told Reuters", are not used).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from storyline.clean.shape import Shape

# names an outlet may have in running text: a domain, an acronym, or a quoted name
_NAME = (
    r"(?P<name>[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,6}|[A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,6}|«[^»]{2,30}»|\"[^\"]{2,30}\")"
)
SELF_REFERENCE = (
    # "опрошенные РБК эксперты", "по мнению опрошенных NEWS.ru экспертов"
    re.compile(r"(?i:опрошенн\w+)\s+" + _NAME + r"\s+(?i:эксперт|аналитик|специалист|экономист|политолог)"),
    # "в беседе с NEWS.ru", "в разговоре с РБК"
    re.compile(r"(?i:в\s+(?:беседе|разговоре)\s+с)\s+" + _NAME + r"(?![\w.])"),
    # "— в материале NEWS.ru"
    re.compile(r"(?i:в\s+материале)\s+" + _NAME + r"(?![\w.])"),
)
MASTHEAD = re.compile(r"^(?:[^\W\d_]{3,}|[\w-]+\.[^\W\d_]{2,6})$")


def is_title_shaped(s: Shape, min_words: int, max_words: int) -> bool:
    """A headline: a few words, capitalised (or a caseless script), no full stop at the end."""
    text = s.text
    return (
        min_words <= s.words <= max_words
        and not text.endswith((".", ":", ";", ",", "(", "["))
        and (text[:1].isupper() or s.caseless or text[:1] in "«\"'“")
        and s.digits * 4 < max(s.chars, 1)
    )


def find_title(
    shapes: Sequence[Shape],
    eligible: Sequence[bool],
    body_start: int,
    min_words: int,
    max_words: int,
    window: int,
) -> int | None:
    """Index of the title line among the ``window`` lines above ``body_start``: the most
    headline-like eligible line (several words, ideally 6 to 20), nearer lines preferred; a headline
    stacked directly under another one (an alternative headline) yields to the upper one.
    ``eligible`` excludes captions, credits, bylines, datelines."""
    lo = max(0, body_start - window)
    candidates = [
        i for i in range(lo, body_start) if eligible[i] and is_title_shaped(shapes[i], min_words, max_words)
    ]
    if not candidates:
        return None

    def score(i: int) -> float:
        s = shapes[i]
        return min(s.words, 6) + (s.words <= 20) - (body_start - i) / window - 3 * (s.lower_ratio >= 0.8)

    title = max(candidates, key=score)
    while title - 1 in candidates and shapes[title - 1].words >= shapes[title].words // 2:
        title -= 1
    return title


def find_masthead(shapes: Sequence[Shape], title: int | None, body_start: int) -> int | None:
    """A one-word masthead line right under the title: "Ведомости"."""
    if title is None or title + 1 >= body_start:
        return None
    s = shapes[title + 1]
    return title + 1 if MASTHEAD.match(s.text) and s.text[:1].isupper() else None


def outlet_in_text(paragraphs: Sequence[str]) -> str | None:
    """The name most often used where the text refers to its own newsroom."""
    names: Counter[str] = Counter()
    for text in paragraphs:
        for pattern in SELF_REFERENCE:
            for match in pattern.finditer(text):
                names[match.group("name").strip('«»"')] += 1
    return names.most_common(1)[0][0] if names else None


def find_lead(shapes: Sequence[Shape], kept: Sequence[int], min_words: int) -> int | None:
    """The first kept line that is prose (a subtitle set above the body counts)."""
    for i in kept:
        s = shapes[i]
        if (s.terminal or s.inner_stops) and s.words >= min_words:
            return i
    return kept[0] if kept else None
