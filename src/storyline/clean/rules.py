"""Named line rules. Each looks at one line of a page (with its neighbours and body blocks).

``ALWAYS_DROP`` rules drop a line wherever it is; ``BODY_DROP`` rules drop furniture embedded in
the body blocks (captions, credits, teasers of other articles, datelines, bylines, lists of
headlines). Rules use the shape of lines only; none knows particular sentences. The few label
words below ("photo", "фото", "foto", ...) are the words captions use to introduce a credit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from storyline.clean.lists import is_archive_link, is_headline, is_numeric
from storyline.clean.notices import notice
from storyline.clean.outlet import OutletContext
from storyline.clean.shape import Shape
from storyline.config import CleanConfig

# a caption's credit: a label word for a picture or its source, then ":", "by" or "..."
CREDIT = re.compile(
    r"(?i)(?<![\w-])(photo|foto|фото|image|imagen|bild|credit|crédit|picture|pic|illustration|"
    r"иллюстрация|скриншот|кадр|video|видео|zdjęcie|quelle|source|источник)s?\s*(:|\bby\b|\.\.\.)"
    r"|(?<![\w-])fot\.\s"
)
CREDIT_TAIL = re.compile(r"\((?:[^()]*[:©][^()]*)\)\s*$")  # "... (Image: GETTY )", "(© AP)"
CREDIT_TAIL_WORDS = 8  # a credit at the end of a caption names at most this many words
AGENCY_SPLIT = re.compile(r"\s*[/|]\s*")
DATE_TIME = re.compile(r"(?<!\d)(1[89]|20)\d\d(?!\d)|(?<!\d)\d{1,2}:\d\d(?!\d)")
LABEL_PREFIX = re.compile(r"^[^\W\d_][\w'’.]*(?:\s[\w'’.]+)?\s*:\s+\S")
PROSE_VALUE = 1.0  # body value of a full sentence of prose (see block.body_value)
FIGURE = re.compile(r"\d[.,]\d|[%$€£₽¥₩]")  # a price, a share or a decimal number
NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*[.]?$")


@dataclass(frozen=True, slots=True)
class Page:
    """One article's lines with what the rules need to know about them."""

    lines: tuple[str, ...]
    shapes: tuple[Shape, ...]
    values: tuple[float, ...]  # body values (see block.py)
    listed: tuple[bool, ...]  # rows of a table or items of a list (see lists.py)
    inside: tuple[bool, ...]  # in a body block
    main_start: int  # first line of the main body block (see block.main_block)
    credits: tuple[bool, ...]  # picture credits (see is_credit)
    credit_heads: frozenset[tuple[str, ...]]  # first words of the credited captions
    context: OutletContext | None
    config: CleanConfig

    def shape(self, i: int) -> Shape | None:
        return self.shapes[i] if 0 <= i < len(self.shapes) else None


LineRule = Callable[[Page, int], bool]


def _unpunctuated(s: Shape | None) -> bool:
    """Headline-like: a capitalised line of several words without a sentence end."""
    return s is not None and s.words >= 4 and not s.terminal and s.text[:1].isupper()


def _rubric(s: Shape | None) -> bool:
    """A rubric or section name: one to four capitalised words, no digits, no sentence end."""
    return (
        s is not None
        and 1 <= s.words <= 4
        and not s.terminal
        and s.digits == 0
        and s.text[:1].isupper()
        and s.chars <= 48
    )


def is_credit(s: Shape) -> bool:
    """The line starts with a credit, or is a caption that ends with one."""
    text = s.text
    if (text.endswith(")") and CREDIT_TAIL.search(text)) or _agency(s):
        return True
    folded = text.casefold()
    if ":" not in text and "..." not in text and "by" not in folded and "fot." not in folded:
        return False  # every credit pattern needs one of these
    match = CREDIT.search(text)
    if match is None:
        return False
    tail = s.text[match.end() :].split()
    return match.start() == 0 or (len(tail) <= CREDIT_TAIL_WORDS and s.words <= 4 * CREDIT_TAIL_WORDS)


def _agency(s: Shape) -> bool:
    """Names split by "/" or "|": "Natalie Naccache | Bloomberg | Getty Images", "PAP/ Rafał Guz"."""
    if s.words > 8 or s.terminal or ("/" not in s.text and "|" not in s.text):
        return False
    parts = [p for p in AGENCY_SPLIT.split(s.text) if p.strip()]
    words = s.text.replace("/", " ").replace("|", " ").split()
    return len(parts) >= 2 and all(w[:1].isupper() for w in words if w[:1].isalpha())


# ---------------------------------------------------------------- rules for every line


def no_letters(page: Page, i: int) -> bool:
    """No word at all ("0", "•", "|"), unless the line is a cell of a table in the body or a figure
    in the body ("$164.99", "12,5 %"; a bare count such as "0" or "55" is a counter)."""
    s = page.shapes[i]
    if s.words or not page.inside[i] or not is_numeric(s):
        return s.words == 0
    return not (page.listed[i] or FIGURE.search(s.text))


def photo_credit(page: Page, i: int) -> bool:
    """A picture credit or a caption ending in one: "Фото:Александр Казаков / ТАСС",
    "Ильхам Алиев и Владимир Путин (Фото: Global Look Press )", "... Фото: president.az"."""
    return page.credits[i]


def archive_link(page: Page, i: int) -> bool:
    """A link of an archive or category list: "December 2012", "2014年4月", "Dakwah (60)"."""
    return is_archive_link(page.shapes[i])


def credit_after_label(page: Page, i: int) -> bool:
    """The name under a bare credit label: "личный архив Андрея Рудькова" after "Фото:"."""
    prev = page.shape(i - 1)
    return (
        prev is not None
        and page.credits[i - 1]
        and prev.words <= 2
        and prev.text.endswith(":")
        and page.shapes[i].words <= page.config.short_line_words
        and not page.shapes[i].terminal
    )


def copyright_line(page: Page, i: int) -> bool:
    """A short line with a copyright sign: "© 2019 CBS Interactive Inc. All Rights Reserved."."""
    s = page.shapes[i]
    return "©" in s.text and s.words <= page.config.short_line_words * 2


def repeated_in_outlet(page: Page, i: int) -> bool:
    """A line that other articles of the same outlet carry too (menus, footers, standing teasers),
    unless it is long prose."""
    if page.context is None:
        return False
    s = page.shapes[i]
    seen = page.context.seen_elsewhere(s.text.casefold(), normalised=True)
    return seen >= page.config.repeated_line_min_docs and s.words < page.config.prose_cap_words // 2


def site_notice(page: Page, i: int) -> bool:
    """A notice of the site about itself (``notices.py``): a standing note of a coverage series
    ("Este post es parte de nuestra cobertura especial Protestas en Yemen 2011"), the privacy or
    cookie policy, a call to subscribe, the comment section; a line of at most ``notice_max_words``
    words (a longer one holds text too). Copyright lines are left to ``copyright_line``: some
    outlets append them to the last paragraph."""
    if len(page.lines) == 1:
        return False  # the whole article on one line: a notice may close it, it is not only a notice
    kind = notice(page.shapes[i].text, page.config.notice_max_words)
    return kind is not None and kind != "copyright_notice"


def standing_line(page: Page, i: int) -> bool:
    """A line most of whose words other articles of the outlet start a line with, the end changing:
    "Este post es parte de nuestra cobertura especial Protestas en Yemen 2011" beside "… de las
    Protestas en Egipto 2011" (see templates.py; the head counts are in the outlet context).
    A templated headline ("Путин провел телефонный разговор с …") may still be the title (core.py)."""
    context = page.context
    if context is None or len(page.lines) == 1:
        return False
    if page.inside[i] and not any(page.inside[:i]):
        return False  # the lead: news of a kind an outlet reports often starts alike ("Банк России
        # отозвал лицензию у …", "Число погибших при землетрясении в Непале превысило …")
    config = page.config
    shared, words = context.shared_head(
        page.shapes[i].text, config.template_min_docs, config.template_min_words
    )
    return shared > 0 and shared >= config.template_share * words


# ---------------------------------------------------------------- rules inside the body


def caption_of_credit(page: Page, i: int) -> bool:
    """A caption repeated with its credit on a neighbouring line: "Ильхам Алиев и Владимир Путин"
    before "Ильхам Алиев и Владимир Путин (Фото: Global Look Press )"."""
    text = page.shapes[i].text
    if page.values[i] > 2 or len(text) < 8:
        return False
    for j in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= j < len(page.shapes) and page.credits[j] and page.shapes[j].text.startswith(text):
            return True
    return False


def caption_like_credit(page: Page, i: int) -> bool:
    """A caption without a credit that starts like a credited caption of the same page:
    "Президент России Владимир Путин и лидер Азербайджана Ильхам Алиев перед неформальным ужином"
    beside "Президент России Владимир Путин и лидер Азербайджана Ильхам Алиев Фото: president.az"."""
    s = page.shapes[i]
    k = page.config.caption_prefix_words
    if s.terminal or s.words < k or page.credits[i]:
        return False
    return tuple(s.text.split()[:k]) in page.credit_heads


def teaser_headline(page: Page, i: int) -> bool:
    """The headline of another article set into the body, followed by its rubric line (and maybe a
    picture credit) and then by the body again: "Путин поговорил по телефону с Алиевым", "Политика",
    "Фото:Александр Казаков / ТАСС"."""
    if not (
        _unpunctuated(page.shapes[i])
        and page.shapes[i].words <= page.config.teaser_max_words
        and _rubric(page.shape(i + 1))
    ):
        return False
    after = i + 2
    while after < len(page.shapes) and page.credits[after]:
        after += 1
    if after >= len(page.shapes):
        return True
    # the body goes on with a new paragraph, not with the rest of a sentence split around a link
    # ("The authors of the research published in the journal" / "JAMA Psychiatry" / "argued that")
    head = page.shapes[after].text[:1]
    return page.values[after] >= PROSE_VALUE and not (head.islower() or head in ",.;:)]")


def teaser_rubric(page: Page, i: int) -> bool:
    """The rubric line under a teaser headline: "Политика / Международные отношения"."""
    return i > 0 and teaser_headline(page, i - 1)


def teaser_label(page: Page, i: int) -> bool:
    """A labelled link to another article: "SEE MORE: Hong Kong protests: 800 students under
    siege in university", "Czytaj też: Amerykanie inwestują w bomby i nowe pociski"."""
    s = page.shapes[i]
    return bool(LABEL_PREFIX.match(s.text)) and not s.terminal and s.words >= 4 and page.values[i] <= 0


def dateline(page: Page, i: int) -> bool:
    """A date or time stamp: "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019"."""
    s = page.shapes[i]
    return (
        bool(DATE_TIME.search(s.text))
        and s.words <= page.config.short_line_words + 2
        and not s.terminal
        and not _list_item(page, i)
    )


def byline(page: Page, i: int) -> bool:
    """An author line: a short word and a name, "By Laura Mowat", "Von Sina Giebel"."""
    s = page.shapes[i]
    words = s.text.split()
    return (
        3 <= len(words) <= 4
        and s.digits == 0
        and not s.terminal
        and len(words[0]) <= 3
        and words[0].isalpha()
        and all(w[:1].isupper() and NAME_WORD.match(w) for w in words[1:])
    )


def headline_list(page: Page, i: int) -> bool:
    """Three or more headline-shaped lines in a row: links to other articles."""
    if not is_headline(page.shapes[i]) or page.values[i] > 0:
        return False
    near = range(max(0, i - 2), min(len(page.shapes), i + 3))
    return sum(1 for j in near if is_headline(page.shapes[j]) and page.values[j] <= 0) >= 3


def list_label(page: Page, i: int) -> bool:
    """A section label over links to other articles: "Related articles", "DON'T MISS"."""
    s1, s2 = page.shape(i + 1), page.shape(i + 2)
    return (
        _rubric(page.shapes[i])
        and s1 is not None
        and s2 is not None
        and is_headline(s1)
        and is_headline(s2)
        and page.values[i + 1] <= 0
    )


def _list_item(page: Page, i: int) -> bool:
    """Part of a table or list of the body (see lists.py)."""
    return page.listed[i]


def standfirst(page: Page, i: int) -> bool:
    """A subtitle between the title and the body: a headline-shaped line of several words that is
    not a labelled teaser, a dateline or a byline ("Leslie Clio präsentiert das Album 'Brave New
    Woman'")."""
    s = page.shapes[i]
    return (
        s.words >= page.config.standfirst_min_words
        and (s.text[:1].isupper() or s.caseless or s.text[:1] in "«\"„“'")
        and not LABEL_PREFIX.match(s.text)
        and not dateline(page, i)
        and not byline(page, i)
    )


ALWAYS_DROP: tuple[tuple[str, LineRule], ...] = (
    ("no_letters", no_letters),
    ("photo_credit", photo_credit),
    ("credit_after_label", credit_after_label),
    ("copyright", copyright_line),
    ("site_notice", site_notice),
    ("archive_link", archive_link),
    ("repeated_in_outlet", repeated_in_outlet),
    ("standing_line", standing_line),
)

BODY_DROP: tuple[tuple[str, LineRule], ...] = (
    ("caption_of_credit", caption_of_credit),
    ("caption_like_credit", caption_like_credit),
    ("teaser_headline", teaser_headline),
    ("teaser_rubric", teaser_rubric),
    ("teaser_label", teaser_label),
    ("list_label", list_label),
    ("headline_list", headline_list),
    ("dateline", dateline),
    ("byline", byline),
)
