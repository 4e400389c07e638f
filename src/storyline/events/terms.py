"""What the pair features compare, per article: terms, names, numbers and entity keys.

Each extractor is a small named rule over one headline or text, testable on one line of real news.
Russian (and Ukrainian / Bulgarian) words are lemmatised with pymorphy3; other languages are
lower-cased words. Names and entity keys are compared as 5-letter stems, so that inflected and
derived forms of one name meet ("Беляевском" / "Беляевкой", "Ставрополье" / "Ставрополе").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.annotate.vectors import title_text
from storyline.model import Article

STEM = 5
LEMMATISED = frozenset({"ru", "uk", "bg"})
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
NUMBER = re.compile(r"(?<![\w.,\-])(\d{1,3}(?:[  ]\d{3})+|\d+)(?:[.,](\d+))?(?![\d])")
SCALE_WORDS = {
    "тыс": 1_000,
    "тысяча": 1_000,
    "млн": 1_000_000,
    "миллион": 1_000_000,
    "млрд": 10**9,
    "миллиард": 10**9,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 10**9,
}
# cardinal words (after lemmatisation) that headlines use instead of digits
NUMBER_WORDS = {
    "два": 2,
    "двое": 2,
    "три": 3,
    "трое": 3,
    "четыре": 4,
    "четверо": 4,
    "пять": 5,
    "пятеро": 5,
    "шесть": 6,
    "шестеро": 6,
    "семь": 7,
    "семеро": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
PROPER_TAGS = ("Geox", "Name", "Surn", "Patr", "Orgn", "Trad")
LEAD_CHARS = 600
LEAD_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class Terms:
    """The comparable content of one article (all strings; hashed into matrices later)."""

    title: tuple[str, ...]  # title lemmas (content words)
    body: tuple[str, ...]  # lemmas of title and text
    names: frozenset[str]  # stems of proper names in the title
    stems: frozenset[str]  # stems of every word of title and text
    title_numbers: frozenset[str]
    numbers: frozenset[str]  # numbers in title and lead
    text_numbers: frozenset[str]  # numbers anywhere in title and text
    entities: frozenset[str]  # "TYPE:stem stem" keys of the text's named entities
    lead_people: frozenset[str]  # entity ids of the people named in the lead (first sentences)
    lead_places: frozenset[str]
    lead_entities: frozenset[str]  # people, places and organisations of the lead
    name_keys: frozenset[str] = frozenset()  # sound keys of the title names (``sound_key``)
    cap_keys: frozenset[str] = frozenset()  # sound keys of every capitalised word of title and text
    title_speech: frozenset[str] = frozenset()  # {"speech"} when the headline reports what someone said


def stem(word: str) -> str:
    return word.casefold().replace("ё", "е")[:STEM]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def lemmatiser(morph: Any) -> Callable[[str], str]:
    def lemma(word: str) -> str:
        return str(morph.parse(word.lower())[0].normal_form)

    return lemma


def plain_terms(text: str) -> tuple[str, ...]:
    """Lower-cased words of at least 3 letters (languages without a lemmatiser here)."""
    return tuple(w.casefold() for w in words(text) if len(w) >= 3)


# --------------------------------------------------------------------------- rules: numbers
def _scaled(value: float, next_word: str | None, lemma: Callable[[str], str]) -> float:
    if next_word:
        scale = SCALE_WORDS.get(next_word.casefold().rstrip(".")) or SCALE_WORDS.get(lemma(next_word))
        if scale:
            return value * scale
    return value


def digit_numbers(text: str, lemma: Callable[[str], str]) -> set[str]:
    """Numbers written with digits, "1,4 тыс." = "1 400" = "1400"; "12-й" = "12"."""
    out: set[str] = set()
    for m in NUMBER.finditer(text):
        whole = re.sub(r"[  ]", "", m.group(1))
        value = float(whole + ("." + m.group(2) if m.group(2) else ""))
        after = WORD.match(text, m.end() + 1) if m.end() < len(text) else None
        value = _scaled(value, after.group(0) if after else None, lemma)
        out.add(f"{value:g}")
    return out


def word_numbers(tokens: Sequence[str], lemma: Callable[[str], str]) -> set[str]:
    """Cardinals written as words: "четверо раненых" -> 4."""
    out = set()
    for w in tokens:
        value = NUMBER_WORDS.get(w.casefold()) or NUMBER_WORDS.get(lemma(w))
        if value:
            out.add(f"{value:g}")
    return out


def numbers(text: str, lemma: Callable[[str], str]) -> frozenset[str]:
    return frozenset(digit_numbers(text, lemma) | word_numbers(words(text), lemma))


# --------------------------------------------------------------------------- rules: names in headlines
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
POSSESSIVE = re.compile(r"'s?$", re.I)
TITLE_CASE_SHARE = 0.6  # a headline with this share of capitalised words is written in title case


def name_parts(word: str) -> list[str]:
    """A name word without its possessive ending, split at hyphens: "Kong’s" -> ["Kong"],
    "Санкт-Петербург" -> ["Санкт", "Петербург"], "Чудово-Петербург" -> ["Чудово", "Петербург"]."""
    return [p for p in POSSESSIVE.sub("", word.translate(APOSTROPHES)).split("-") if len(p) >= 2]


def is_proper(word: str, initial: bool, morph: Any | None) -> bool:
    """A name: an abbreviation, a capitalised word that does not start a sentence, or a sentence-initial
    word the dictionary knows as a name or a place."""
    if len(word) < 2:
        return False
    if word.isupper():
        return True
    if not word[:1].isupper():
        return False
    if not initial:
        return True
    if morph is None:
        return False
    return any(t in morph.parse(word)[0].tag for t in PROPER_TAGS)


SENTENCE_START = re.compile(r"(?:^|[:.!?«\"“(—]\s*)$")


def capitalised_in_text(text: str) -> frozenset[str]:
    """Stems of the words the text writes capitalised inside a sentence (its names, by usage)."""
    return frozenset(
        stem(p)
        for m in WORD.finditer(text)
        if m.group(0)[:1].isupper() and not SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()])
        for p in name_parts(m.group(0))
    )


INITIALISM_WORDS = (2, 4)


def initialisms(text: str) -> frozenset[str]:
    """First letters of runs of 2-4 words that start with a capitalised word, so that an abbreviation
    in one headline meets its expansion in another article: "Великой Отечественной войны" -> "вов",
    "Российской Федерации" -> "рф". Read from the headline and lead (where an abbreviation is spelled
    out), which keeps the rows small."""
    tokens = words(text)
    low, high = INITIALISM_WORDS
    return frozenset(
        "".join(w[0] for w in tokens[k : k + n]).casefold()
        for k, first in enumerate(tokens)
        if first[:1].isupper()
        for n in range(low, min(high, len(tokens) - k) + 1)
    )


# --------------------------------------------------------------------------- rules: names across scripts
CYRILLIC_SOUNDS = {
    "б": "b",
    "в": "v",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "ж": "j",
    "з": "z",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ф": "f",
    "х": "h",
    "ц": "z",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
}  # vowels, й, ь and ъ carry no sound key
LATIN_SPELLINGS = (
    ("sch", "sh"),
    ("ph", "f"),
    ("ck", "k"),
    ("th", "t"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ch", "1"),
    ("ts", "z"),
    ("tz", "z"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("c", "k"),
)
KEY_SOUNDS = 4


def sound_key(word: str) -> str:
    """The first consonants of a word as it sounds, the same for a name in Latin and in Cyrillic
    letters: "Google" / "Гугл" -> "gl", "Microsoft" / "Майкрософт" -> "mkrs", "Samsung" / "Самсунга"
    -> "smsn", "NATO" / "НАТО" -> "nt". "" when fewer than two consonants are left. A general rule
    instead of alias lists (a translated name such as США / USA still needs the initials rule)."""
    low = word.casefold().replace("дж", "j")
    if any("a" <= ch <= "z" for ch in low):
        for spelled, sound in LATIN_SPELLINGS:
            low = low.replace(spelled, sound)
    latin = "".join(CYRILLIC_SOUNDS.get(ch, ch if "a" <= ch <= "z" or ch in "12" else "a") for ch in low)
    latin = latin.replace("ch", "1").replace("sh", "2")  # two-letter sounds kept whole
    out: list[str] = []
    for ch in latin:
        if ch in "aeiouy" or (out and out[-1] == ch) or (ch == "h" and out):
            continue
        out.append(ch)
    key = "".join(out[:KEY_SOUNDS]).replace("1", "ch").replace("2", "sh")
    return key if len(out) >= 2 else ""


def capitalised_keys(text: str) -> frozenset[str]:
    """Sound keys of every capitalised word (and hyphen part) of a text."""
    return frozenset(
        k
        for m in WORD.finditer(text)
        if m.group(0)[:1].isupper()
        for p in name_parts(m.group(0))
        if (k := sound_key(p))
    )


def title_case(title: str) -> bool:
    found = [w for w in words(title) if len(w) >= 3]
    return bool(found) and sum(w[:1].isupper() for w in found) >= TITLE_CASE_SHARE * len(found)


def title_names(title: str, morph: Any | None, text: str = "") -> frozenset[str]:
    """Stems (of lemmas, when ``morph`` is given) of the proper names in a headline
    (``title_name_words``)."""
    lemma = lemmatiser(morph) if morph is not None else str.casefold
    return frozenset(stem(lemma(w)) for w in title_name_words(title, morph, text))


def title_name_words(title: str, morph: Any | None, text: str = "") -> list[str]:
    """The proper names of a headline as written. Where the headline's own casing cannot tell (the
    first word of a sentence; every word of a title-case headline), a word is a name when the
    article's ``text`` writes it capitalised inside a sentence."""
    used = capitalised_in_text(text) if text else frozenset()
    caps_everywhere = morph is None and title_case(title)
    found: list[str] = []
    for m in WORD.finditer(title):
        word = m.group(0)
        initial = caps_everywhere or bool(SENTENCE_START.search(title[: m.start()]))
        if is_proper(word, initial, morph) or (
            initial and word[:1].isupper() and any(stem(p) in used for p in name_parts(word))
        ):
            found.extend(name_parts(word))
    return found


# --------------------------------------------------------------------------- rules: a reaction headline
# The guideline: "an event in one article and someone's comment on it in the other" are two events.
# A headline reports a reaction when its predicate is a verb of saying or judging, or when it is
# attributed speech ("Песков: ...", "Trump: ..."). Verbs of reporting news ("сообщить") are left out:
# they introduce the happening itself.
SPEECH_VERBS = frozenset(
    {
        "заявить", "заявлять", "сказать", "говорить", "назвать", "называть", "прокомментировать",
        "комментировать", "ответить", "отвечать", "отреагировать", "реагировать", "призвать", "призывать",
        "пообещать", "обещать", "раскритиковать", "критиковать", "осудить", "опровергнуть", "отрицать",
        "признать", "считать", "высказаться", "пояснить", "объяснить", "оценить", "усомниться",
        "предупредить", "пригрозить", "потребовать", "возмутиться", "рассказать", "указать",
        "say", "says", "said", "call", "calls", "called", "comment", "comments", "respond", "responds",
        "react", "reacts", "urge", "urges", "warn", "warns", "deny", "denies", "slam", "slams",
        "criticize", "criticizes", "criticise", "blast", "blasts", "claim", "claims", "vow", "vows",
        "promise", "promises", "insist", "insists", "dismiss", "dismisses", "condemn", "condemns",
        "praise", "praises", "explain", "explains", "reply", "replies",
    }
)  # fmt: skip
ATTRIBUTED = re.compile(r"^\W*(?:[^\W\d_][\w.\-]*\s+){0,3}[^\W\d_][\w.\-]*\s*:\s+\S")


def reports_speech(title: str, lemma: Callable[[str], str]) -> bool:
    """The headline reports what someone said: "Песков: ...", "Зеленский ответил на ...", "Trump
    slams ..."."""
    if ATTRIBUTED.match(title):
        return True
    return any(w.casefold() in SPEECH_VERBS or lemma(w) in SPEECH_VERBS for w in words(title))


def lead_end(article: Article) -> int:
    """Character offset where the lead (the first LEAD_SENTENCES sentences) ends."""
    if len(article.sentences) > LEAD_SENTENCES:
        return article.sentences[LEAD_SENTENCES - 1].stop
    return len(article.text)


def lead_entity_ids(article: Article, types: frozenset[str]) -> frozenset[str]:
    end = lead_end(article)
    return frozenset(e.entity_id for e in article.entities if e.start < end and e.type in types)


def entity_key(type_: str, normal: str) -> str:
    return type_ + ":" + " ".join(stem(w) for w in words(normal))


# --------------------------------------------------------------------------- per article
def article_terms(article: Article, morph: Any) -> Terms:
    """Terms of one annotated article; ``morph`` is the pymorphy3 analyser of the annotate models."""
    title = title_text(article)
    text = article.text
    lemma = lemmatiser(morph)
    if article.language in LEMMATISED or (article.language is None and article.lemmas):
        from storyline.annotate.segment import content_lemmas

        title_terms = content_lemmas(title, morph) if title else ()
        body = (*title_terms, *title_terms, *article.lemmas)
    else:
        title_terms = plain_terms(title)
        body = (*title_terms, *title_terms, *plain_terms(text))
    head = title + "\n" + text[:LEAD_CHARS]
    return Terms(
        title=title_terms,
        body=body,
        names=title_names(title, morph if article.language in LEMMATISED else None, text),
        stems=frozenset(stem(p) for w in (*words(title + "\n" + text), *body) for p in (w, *name_parts(w)))
        | initialisms(head),
        title_numbers=numbers(title, lemma),
        numbers=numbers(head, lemma),
        text_numbers=numbers(title + "\n" + text, lemma),
        entities=frozenset(entity_key(e.type, e.normal) for e in article.entities),
        lead_people=lead_entity_ids(article, frozenset({"PER"})),
        lead_places=lead_entity_ids(article, frozenset({"LOC"})),
        lead_entities=lead_entity_ids(article, frozenset({"PER", "LOC", "ORG"})),
        name_keys=frozenset(
            k
            for w in title_name_words(title, morph if article.language in LEMMATISED else None, text)
            if (k := sound_key(w))
        ),
        cap_keys=capitalised_keys(title + "\n" + text),
        title_speech=frozenset({"speech"}) if reports_speech(title, lemma) else frozenset(),
    )
