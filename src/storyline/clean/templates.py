"""Standing lines of an outlet whose last words change: the first words a line shares with lines of
other articles of the same outlet.

An outlet repeats some lines word for word (menus, footers: ``OutletContext.seen_elsewhere``) and
others with a changing end: a note that the post belongs to a coverage series ("Este post es parte
de nuestra cobertura especial Protestas en Yemen 2011" / "… de las Protestas en Egipto 2011"), a
print-edition note with its date, "Consultez les articles de la rubrique …". Such a line starts
like lines of several other articles, and the shared start is most of the line. A news lead that
starts like other leads ("МОСКВА (Рейтер) - Президент России Владимир Путин заявил …") shares only
a few of its words, so it stays.

The outlet context (``outlet.py``) counts, per outlet, in how many articles a line starts with each
*head*: its first 5, 8 or 12 words (letters only, case-folded; digits are left out so dates and
counts do not make lines differ), for lines of at most ``HEAD_MAX_WORDS`` words. Heads are hashed
into the same map as whole lines (``outlet.doc_lines``), under a prefix no line can have, so the
store keeps them with the line counts and a run in two halves cleans like one run.
"""

from __future__ import annotations

from storyline.clean.shape import WORD, unescape

HEAD_LENGTHS = (5, 8, 12)  # words of a line's head, shortest first
HEAD_MAX_WORDS = 24  # longer lines are text, not standing notes: their heads are not counted
HEAD_PREFIX = "\x00head:"  # heads are hashed under this prefix: no normalised line starts with NUL


def template_words(line: str) -> list[str]:
    """The letter words of a line, case-folded (digits and punctuation left out)."""
    return WORD.findall(unescape(line).casefold())


def head_key(words: list[str], length: int) -> str:
    """The key hashed for the first ``length`` words (``HEAD_PREFIX`` keeps it apart from lines)."""
    return f"{HEAD_PREFIX}{length}:{' '.join(words[:length])}"


def line_heads(line: str) -> list[str]:
    """The head keys of a line (none for a line of more than ``HEAD_MAX_WORDS`` words)."""
    words = template_words(line)
    if len(words) > HEAD_MAX_WORDS:
        return []
    return [head_key(words, k) for k in HEAD_LENGTHS if k <= len(words)]
