"""Quote rules: each finds quotations of one shape and the phrase that names their speaker.

Direct speech (text in quotation marks) counts only with an attribution next to it — a speech verb after
a dash ("«…», — сказал он"), inside the quotation ("«…, — сказал он. — …»") or before a colon
("Песков заявил: «…»") — so names and terms in quotation marks («Русский дом», «кризис эмоций») are not
quotes. Indirect speech: "X заявил, что …", "По словам X, …", "Как сообщил X, …" and the trailing
attribution of Russian news "…, сообщил X." Headlines "Песков: …" are direct speech.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from storyline.annotate.quotes.lexicon import ACCORDING_TO, IMPERSONAL, REPORT_NOUN, SPEECH_VERB
from storyline.annotate.quotes.text import Layout
from storyline.model import Entity

Kind = Literal["direct", "indirect"]


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # quote content
    stop: int
    kind: Kind
    speaker_start: int  # the phrase naming the speaker
    speaker_stop: int
    rule: str
    speaker_before_verb: bool = False  # the speaker is the subject before the verb (nearest name wins)
    gender: str = "?"  # what the verb ending says about the speaker: "сказала" -> "f", "сказали" -> "p"


@dataclass(frozen=True, slots=True)
class Doc:
    text: str
    low: str
    layout: Layout
    entities: tuple[Entity, ...]


DASH_AFTER = re.compile(r"\s*[,.!?…]?\s*[—–-]+\s*")
CLAUSE_END = re.compile(r"[.!?\n;:(]|,\s*(?:[—–-]|слова|котор|что|когда|где|а\s|но\s|и\s)|\s[—–]\s")
SPLIT_INSIDE = re.compile(r",\s*[—–]\s*")
THAT = re.compile(r"(?P<mid>[^.!?\n«»:;]{0,80}?),\s*(?:что|будто)\s+")
AS_SAID = re.compile(r"\bкак\s+")
ANAPHORIC = re.compile(r"(?:об\s+этом|о\s+чем|о\s+чём|это|так)\b")
GERUND = re.compile(r"(?:ив|ав|ув|ев)$")
HEADLINE_TOPIC = re.compile(r"(?:\s+о\s+[^:\n]{3,60})?:\s+")


def verb_gender(verb: str) -> str:
    if re.search(r"(?:ла|лась)$", verb):
        return "f"
    if re.search(r"(?:ли|лись|ют|ят|ются|ятся)$", verb):
        return "p"
    if re.search(r"(?:л|лся)$", verb):
        return "m"
    return "?"


def _trim(text: str, start: int, stop: int) -> tuple[int, int]:
    while start < stop and (text[start].isspace() or text[start] in ",—–-"):
        start += 1
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] in ",.;:—–-"):
        stop -= 1
    return start, stop


def _phrase_after(doc: Doc, pos: int, limit: int = 160) -> tuple[int, int]:
    """The speaker phrase after a verb: up to the end of its clause."""
    end = CLAUSE_END.search(doc.low, pos, min(len(doc.low), pos + limit))
    stop = end.start() if end else min(len(doc.low), pos + limit)
    return pos, stop


def _report_speaker(doc: Doc, verb: re.Match[str], start: int, stop: int) -> tuple[int, int]:
    """After "говорится": drop "в (официальном) сообщении" so that the speaker is what follows it."""
    if IMPERSONAL.search(verb.group()):
        report = REPORT_NOUN.match(doc.low, start, stop)
        if report:
            return report.end(), stop
    return start, stop


def direct_after(doc: Doc) -> Iterator[Candidate]:
    """«…», — сказал он. / «…», — говорится в сообщении пресс-службы. / «…» — Песков сказал."""
    for q in doc.layout.quoted:
        dash = DASH_AFTER.match(doc.low, q.stop)
        if not dash or ("—" not in dash.group() and "–" not in dash.group() and "-" not in dash.group()):
            continue
        clause_stop = _phrase_after(doc, dash.end(), 200)[1]
        verb = SPEECH_VERB.search(doc.low, dash.end(), clause_stop)
        if verb is None or verb.start() - dash.end() > 60:
            continue
        start, stop = _trim(doc.text, *q.inner)
        if verb.start() == dash.end():
            p_start, p_stop = _report_speaker(doc, verb, *_phrase_after(doc, verb.end()))
            yield Candidate(
                start, stop, "direct", p_start, p_stop, "direct_after", gender=verb_gender(verb.group())
            )
        else:
            yield Candidate(
                start,
                stop,
                "direct",
                dash.end(),
                verb.start(),
                "direct_after_subject",
                True,
                verb_gender(verb.group()),
            )


def direct_split(doc: Doc) -> Iterator[Candidate]:
    """«Часть, — сказал он. — Часть»: the attribution inside the quotation marks."""
    for q in doc.layout.quoted:
        inner_start, inner_stop = q.inner
        for dash in SPLIT_INSIDE.finditer(doc.low, inner_start, inner_stop):
            verb = SPEECH_VERB.match(doc.low, dash.end())
            if verb is None:
                continue
            p_start, p_stop = _phrase_after(doc, verb.end())
            start, stop = _trim(doc.text, inner_start, inner_stop)
            yield Candidate(
                start,
                stop,
                "direct",
                p_start,
                min(p_stop, inner_stop),
                "direct_split",
                gender=verb_gender(verb.group()),
            )
            break


def direct_colon(doc: Doc) -> Iterator[Candidate]:
    """Песков заявил журналистам: «…» / Она добавила, что …: «…»"""
    for q in doc.layout.quoted:
        s_start = doc.layout.sentence_at(q.start)[0]
        before = doc.low[s_start : q.start]
        if not before.rstrip().endswith(":"):
            continue
        verbs = list(SPEECH_VERB.finditer(doc.low, s_start, q.start))
        if not verbs:
            continue
        verb = verbs[0]
        start, stop = _trim(doc.text, *q.inner)
        yield Candidate(
            start, stop, "direct", s_start, verb.start(), "direct_colon", True, verb_gender(verb.group())
        )


def headline(doc: Doc) -> Iterator[Candidate]:
    """Песков: Путин и Алиев обсудят проблемные вопросы (a line opening with a name and a colon)."""
    for e in doc.entities:
        line_start = doc.text.rfind("\n", 0, e.start) + 1
        if e.type not in ("PER", "ORG") or doc.text[line_start : e.start].strip():
            continue
        colon = HEADLINE_TOPIC.match(doc.text, e.stop)
        if colon is None:
            continue
        line_stop = doc.text.find("\n", colon.end())
        line_stop = len(doc.text) if line_stop < 0 else line_stop
        start, stop = _trim(doc.text, colon.end(), line_stop)
        if len(doc.text[start:stop].split()) >= 3:
            yield Candidate(start, stop, "direct", e.start, e.stop, "headline")


def indirect_that(doc: Doc) -> Iterator[Candidate]:
    """Алиев заявлял, что … / Пресс-служба …, уточнив лишь, что …"""
    for verb in SPEECH_VERB.finditer(doc.low):
        if doc.layout.inside_quote(verb.start()):
            continue
        that = THAT.match(doc.low, verb.end())
        if that is None:
            continue
        s_start, s_stop = doc.layout.sentence_at(verb.start())
        colon = re.compile(r":\s*[«\"„“]").search(doc.text, that.end(), s_stop)
        start, stop = _trim(doc.text, that.end(), colon.start() if colon else s_stop)
        if stop <= start:
            continue
        clause = max(doc.text.rfind(ch, s_start, verb.start()) for ch in ",;:")
        subject_start = clause + 1 if clause >= s_start else s_start
        gender = verb_gender(verb.group())
        if GERUND.search(verb.group()):  # "Пресс-служба … опубликовала сообщение, уточнив, что"
            subject_start = s_start
        if doc.text[subject_start : verb.start()].strip():
            yield Candidate(start, stop, "indirect", subject_start, verb.start(), "that", True, gender)
        else:  # "заявил журналистам Песков, что"
            mid_stop = verb.end() + len(that.group("mid"))
            yield Candidate(start, stop, "indirect", verb.end(), mid_stop, "that_after", gender=gender)


def according_to(doc: Doc) -> Iterator[Candidate]:
    """По словам Пескова, … / По его словам, … / по версии российского СК — …"""
    for m in ACCORDING_TO.finditer(doc.low):
        if doc.layout.inside_quote(m.start()):
            continue
        s_start, s_stop = doc.layout.sentence_at(m.start())
        if m.group("pron"):
            p_start, p_stop = m.start("pron"), m.end("pron")
            after = m.end()
        else:
            sep = re.compile(r"\s*(?:,|[—–]\s)").search(doc.low, m.end(), min(s_stop, m.end() + 80))
            if sep is None:
                continue
            p_start, p_stop, after = m.end(), sep.start(), sep.end()
        dashed = "—" in doc.low[p_stop:after] or "–" in doc.low[p_stop:after]
        if doc.low[s_start : m.start()].strip(' «"—–-') and not dashed:
            # in mid-sentence ("Санкции, по словам политика, будут …"): the sentence is the quote
            start, stop = _trim(doc.text, s_start, s_stop)
        else:
            nxt = ACCORDING_TO.search(doc.low, after, s_stop)
            end = doc.low.rfind(",", after, nxt.start()) if nxt else -1
            start, stop = _trim(doc.text, after, end if end > after else s_stop)
        if stop > start:
            yield Candidate(start, stop, "indirect", p_start, p_stop, "according_to")


def as_said(doc: Doc) -> Iterator[Candidate]:
    """Как сообщила глава района Наталья Жуняева, беспилотник упал …"""
    for m in AS_SAID.finditer(doc.low):
        verb = SPEECH_VERB.match(doc.low, m.end())
        if verb is None or doc.layout.inside_quote(m.start()):
            continue
        s_start, s_stop = doc.layout.sentence_at(m.start())
        if doc.low[s_start : m.start()].strip(' «"—–-'):
            continue
        comma = doc.low.find(",", verb.end(), min(s_stop, verb.end() + 120))
        if comma < 0:
            continue
        start, stop = _trim(doc.text, comma + 1, s_stop)
        if stop > start:
            yield Candidate(
                start, stop, "indirect", verb.end(), comma, "as_said", gender=verb_gender(verb.group())
            )


def trailing(doc: Doc) -> Iterator[Candidate]:
    """…, сообщил журналистам представитель главы государства Дмитрий Песков. / …, отметили в Кремле."""
    for s_start, s_stop in doc.layout.sentences:
        for comma in re.finditer(r",\s*(?:[—–-]\s*)?", doc.low[s_start:s_stop]):
            at = s_start + comma.end()
            verb = SPEECH_VERB.match(doc.low, at)
            if verb is None or doc.layout.inside_quote(at):
                continue
            rest = doc.low[verb.end() : s_stop]
            if re.search(r"[,;:]\s|\s[—–]\s", rest.rstrip(" .!?")) and not re.search(r"[«\"]", rest):
                continue  # the sentence goes on: not a closing attribution
            if re.match(r"\s*(?:что|будто|о\s+том)\b", rest):
                continue
            start, stop = _trim(doc.text, s_start, s_start + comma.start())
            if len(doc.text[start:stop].split()) < 3 or ANAPHORIC.match(doc.low, start):
                continue  # "Об этом сообщили в МЧС": what was said is in another sentence
            p_start, p_stop = _report_speaker(doc, verb, verb.end(), s_stop)
            yield Candidate(
                start, stop, "indirect", p_start, p_stop, "trailing", gender=verb_gender(verb.group())
            )
            break


RULES: tuple[Callable[[Doc], Iterator[Candidate]], ...] = (
    direct_after,
    direct_split,
    direct_colon,
    headline,
    according_to,
    as_said,
    indirect_that,
    trailing,
)
