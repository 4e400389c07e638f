"""Standing lines of an outlet whose last words change: the first words a line shares with lines of
other articles of the same outlet.

An outlet repeats some lines word for word (menus, footers: ``OutletContext.seen_elsewhere``) and
others with a changing end: a note that the post belongs to a coverage series ("Este post es parte
de nuestra cobertura especial Protestas en Yemen 2011" / "… de las Protestas en Egipto 2011"), a
print-edition note with its date, "Consultez les articles de la rubrique …". Such a line starts
like lines of several other articles, and the shared start is most of the line. A news lead that
starts like other leads ("МОСКВА (Рейтер) - Президент России Владимир Путин заявил …") shares only
a few of its words, so it stays.

The context counts, per outlet, in how many articles a line starts with each *head*: its first
5, 8 or 12 words (letters only, case-folded; digits are left out so dates and counts do not make
lines differ), for lines of at most ``HEAD_MAX_WORDS`` words.

Proposed to be merged into ``OutletContext`` (``head_docs`` counted in ``build_context`` beside
``line_docs``); until then ``TemplateContext`` extends it and ``build_template_context`` builds it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.clean.outlet import OutletContext, build_context, outlet_key
from storyline.clean.shape import WORD, unescape
from storyline.model import RawDoc

HEAD_LENGTHS = (5, 8, 12)  # words of a line's head, shortest first
HEAD_MAX_WORDS = 24  # longer lines are text, not standing notes: their heads are not counted


def template_words(line: str) -> list[str]:
    """The letter words of a line, case-folded (digits and punctuation left out)."""
    return WORD.findall(unescape(line).casefold())


def head_key(words: list[str], length: int) -> str:
    return f"{length}:{' '.join(words[:length])}"


def line_heads(line: str) -> list[str]:
    """The head keys of a line (none for a line of more than ``HEAD_MAX_WORDS`` words)."""
    words = template_words(line)
    if len(words) > HEAD_MAX_WORDS:
        return []
    return [head_key(words, k) for k in HEAD_LENGTHS if k <= len(words)]


@dataclass(frozen=True, slots=True)
class TemplateContext(OutletContext):
    """An outlet's repeated lines and, per head key, in how many of its articles a line starts so."""

    head_docs: dict[str, int] = field(default_factory=dict)

    def head_seen_elsewhere(self, key: str) -> int:
        """In how many other articles of the outlet a line has the head ``key`` (see ``head_key``)."""
        return max(0, self.head_docs.get(key, 0) - 1)

    def shared_head(self, line: str, min_docs: int, min_words: int = HEAD_LENGTHS[0]) -> tuple[int, int]:
        """(words of the longest head of ``line``, at least ``min_words`` long, that at least
        ``min_docs`` other articles share, words of the line); (0, words) when none is shared or the
        line is too long."""
        words = template_words(line)
        if len(words) > HEAD_MAX_WORDS:
            return 0, len(words)
        for k in reversed(HEAD_LENGTHS):
            if k < min_words:
                break
            if k <= len(words) and self.head_seen_elsewhere(head_key(words, k)) >= min_docs:
                return k, len(words)
        return 0, len(words)


def build_template_context(docs: Iterable[RawDoc]) -> dict[str, TemplateContext]:
    """``build_context`` plus the head counts, per outlet (``outlet_key``)."""
    docs = list(docs)
    heads: dict[str, Counter[str]] = {}
    for doc in docs:
        keys = {k for line in doc.text.split("\n") if line.strip() for k in line_heads(line)}
        heads.setdefault(outlet_key(doc), Counter()).update(keys)
    return {
        key: TemplateContext(context.line_docs, dict(heads.get(key, Counter())))
        for key, context in build_context(docs).items()
    }
