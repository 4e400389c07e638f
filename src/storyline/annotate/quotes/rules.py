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

from storyline.annotate.quotes.lexicon import RU, Lexicon, gender_of_verb
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
    # the subject phrase starts after a comma: with no name in it, the speaker may be named before the comma
    # ("Federica Mogherini, usó un tono similar al señalar que …"; used only without entities)
    speaker_may_precede: bool = False


@dataclass(frozen=True, slots=True)
class Doc:
    text: str
    low: str
    layout: Layout
    entities: tuple[Entity, ...]
    lex: Lexicon = RU

    def gender(self, verb: re.Match[str]) -> str:
        """What the verb ending says about the speaker: "сказала" -> "f", "сказали" -> "p"."""
        return gender_of_verb(self.lex, verb.group())


DASH_AFTER = re.compile(r"\s*[,.!?…]?\s*[—–-]+\s*")
SPLIT_INSIDE = re.compile(r",\s*[—–]\s*")
# beyond Russian the attribution inside a quotation may stand between hyphens: "Eravamo - ha raccontato X -"
SPLIT_LOOSE = re.compile(r"(?:,\s*|\s)[—–-]\s*")
# after a quotation without a dash ("…», a déclaré X", "…,” he said", "…“ hovorí X")
COMMA_AFTER = re.compile(r"[ \t]*[,.]?[ \t]*")
# a dialogue dash opening a sentence ("– Jest zbyt wcześnie …"), one before the attribution ("– powiedział")
OPENING_DASH = re.compile(r"[–—-]\s+")
CLOSING_DASH = re.compile(r",?\s+[–—-]\s+")
SUBJECT_WORDS = 4  # "…," Paxton said / "…, the England captain said": at most this many words before the verb


def _trim(text: str, start: int, stop: int) -> tuple[int, int]:
    while start < stop and (text[start].isspace() or text[start] in ",—–-"):
        start += 1
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] in ",.;:—–-"):
        stop -= 1
    return start, stop


def _phrase_after(doc: Doc, pos: int, limit: int = 160) -> tuple[int, int]:
    """The speaker phrase after a verb: up to the end of its clause."""
    end = doc.lex.clause_end.search(doc.low, pos, min(len(doc.low), pos + limit))
    stop = end.start() if end else min(len(doc.low), pos + limit)
    return pos, stop


def _report_speaker(doc: Doc, verb: re.Match[str], start: int, stop: int) -> tuple[int, int]:
    """After "говорится": drop "в (официальном) сообщении" so that the speaker is what follows it."""
    if doc.lex.impersonal.search(verb.group()):
        report = doc.lex.report_noun.match(doc.low, start, stop)
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
        verb = doc.lex.speech_verb.search(doc.low, dash.end(), clause_stop)
        if verb is None or verb.start() - dash.end() > 60:
            continue
        start, stop = _trim(doc.text, *q.inner)
        if verb.start() == dash.end():
            p_start, p_stop = _report_speaker(doc, verb, *_phrase_after(doc, verb.end()))
            yield Candidate(start, stop, "direct", p_start, p_stop, "direct_after", gender=doc.gender(verb))
        else:
            yield Candidate(
                start,
                stop,
                "direct",
                dash.end(),
                verb.start(),
                "direct_after_subject",
                True,
                doc.gender(verb),
            )


def direct_split(doc: Doc) -> Iterator[Candidate]:
    """«Часть, — сказал он. — Часть»: the attribution inside the quotation marks."""
    split = SPLIT_INSIDE if doc.lex.language == "ru" else SPLIT_LOOSE
    for q in doc.layout.quoted:
        inner_start, inner_stop = q.inner
        for dash in split.finditer(doc.low, inner_start, inner_stop):
            verb = doc.lex.speech_verb.match(doc.low, dash.end())
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
                gender=doc.gender(verb),
            )
            break


def direct_colon(doc: Doc) -> Iterator[Candidate]:
    """Песков заявил журналистам: «…» / Она добавила, что …: «…» (beyond Russian also a quotation left open
    to the paragraph end: "Paxton added Monday: “We can’t prevent every incident, …")"""
    for q in (*doc.layout.quoted, *doc.layout.open_quoted):
        s_start = doc.layout.sentence_at(q.start)[0]
        before = doc.low[s_start : q.start]
        if not before.rstrip().endswith(":"):
            continue
        verbs = list(doc.lex.speech_verb.finditer(doc.low, s_start, q.start))
        if not verbs:
            continue
        verb = (
            verbs[0] if doc.lex.language == "ru" else verbs[-1]
        )  # beyond Russian the verb nearest the colon
        start, stop = _trim(doc.text, *q.inner)
        yield Candidate(start, stop, "direct", s_start, verb.start(), "direct_colon", True, doc.gender(verb))


def headline(doc: Doc) -> Iterator[Candidate]:
    """Песков: Путин и Алиев обсудят проблемные вопросы (a line opening with a name and a colon)."""
    for e in doc.entities:
        line_start = doc.text.rfind("\n", 0, e.start) + 1
        if e.type not in ("PER", "ORG") or doc.text[line_start : e.start].strip():
            continue
        colon = doc.lex.headline_topic.match(doc.text, e.stop)
        if colon is None:
            continue
        line_stop = doc.text.find("\n", colon.end())
        line_stop = len(doc.text) if line_stop < 0 else line_stop
        start, stop = _trim(doc.text, colon.end(), line_stop)
        if len(doc.text[start:stop].split()) >= 3:
            yield Candidate(start, stop, "direct", e.start, e.stop, "headline")


def indirect_that(doc: Doc) -> Iterator[Candidate]:
    """Алиев заявлял, что … / Пресс-служба …, уточнив лишь, что …"""
    for verb in doc.lex.speech_verb.finditer(doc.low):
        if doc.layout.inside_quote(verb.start()):
            continue
        that = doc.lex.that.match(doc.low, verb.end())
        if that is None:
            continue
        s_start, s_stop = doc.layout.sentence_at(verb.start())
        colon = re.compile(rf':\s*["{re.escape(doc.lex.marks.openers)}]').search(doc.text, that.end(), s_stop)
        start, stop = _trim(doc.text, that.end(), colon.start() if colon else s_stop)
        if doc.lex.language != "ru":  # "…, že X, a dodal, že Y": the second report is a quote of its own
            stop = _next_report(doc, start, stop)
        if stop <= start:
            continue
        clause = max(doc.text.rfind(ch, s_start, verb.start()) for ch in ",;:")
        subject_start = clause + 1 if clause >= s_start else s_start
        gender = doc.gender(verb)
        if doc.lex.gerund.search(verb.group()):  # "Пресс-служба … опубликовала сообщение, уточнив, что"
            subject_start = s_start
        if doc.text[subject_start : verb.start()].strip():
            yield Candidate(
                start, stop, "indirect", subject_start, verb.start(), "that", True, gender, clause >= s_start
            )
        else:  # "заявил журналистам Песков, что"
            mid_stop = verb.end() + len(that.group("mid"))
            yield Candidate(start, stop, "indirect", verb.end(), mid_stop, "that_after", gender=gender)


def _next_report(doc: Doc, start: int, stop: int) -> int:
    """Where a that-clause ends before a second report of the same sentence ("…, pero subrayó que …")."""
    for comma in re.finditer(r",\s+", doc.low[start:stop]):
        at = start + comma.end()
        for word in (None, *re.finditer(r"\S+\s+", doc.low[at : at + 40])):  # ", mais a affirmé que"
            pos = at + (word.end() if word else 0)
            verb = doc.lex.speech_verb.match(doc.low, pos)
            if verb is not None and doc.lex.that.match(doc.low, verb.end()):
                return _trim(doc.text, start, start + comma.start())[1]
            if word is not None and word.end() > 25:
                break
    return stop


def according_to(doc: Doc) -> Iterator[Candidate]:
    """По словам Пескова, … / По его словам, … / по версии российского СК — …"""
    for m in doc.lex.according_to.finditer(doc.low):
        if doc.layout.inside_quote(m.start()):
            continue
        s_start, s_stop = doc.layout.sentence_at(m.start())
        if doc.lex.language != "ru" and doc.low.rfind("(", s_start, m.start()) > doc.low.rfind(
            ")", s_start, m.start()
        ):
            continue  # "(Francia o Turquía, según los años)": an aside, not a source
        if m.group("pron"):
            p_start, p_stop = m.start("pron"), m.end("pron")
            after = m.end()
        else:
            sep = re.compile(r"\s*(?:,|[—–]\s)").search(doc.low, m.end(), min(s_stop, m.end() + 80))
            if sep is None:
                at_end = _according_to_at_end(doc, m, s_start, s_stop)
                if at_end is not None:
                    yield at_end
                continue
            p_start, p_stop, after = m.end(), sep.start(), sep.end()
        if doc.lex.according_needs_name and not m.group("pron") and not _names_someone(doc, p_start, p_stop):
            continue
        dashed = "—" in doc.low[p_stop:after] or "–" in doc.low[p_stop:after]
        if doc.low[s_start : m.start()].strip(' «"—–-') and not dashed:
            # in mid-sentence ("Санкции, по словам политика, будут …"): the sentence is the quote
            start, stop = _trim(doc.text, s_start, s_stop)
        else:
            nxt = doc.lex.according_to.search(doc.low, after, s_stop)
            end = doc.low.rfind(",", after, nxt.start()) if nxt else -1
            start, stop = _trim(doc.text, after, end if end > after else s_stop)
        if stop > start:
            yield Candidate(start, stop, "indirect", p_start, p_stop, "according_to")


def _names_someone(doc: Doc, start: int, stop: int) -> bool:
    """ "podle Prymuly", "według ministra Kowalskiego": a capital in the phrase (not "podle plánu")."""
    first = doc.low[start:stop].split()[:1]
    return (
        any(ch.isupper() for ch in doc.text[start:stop])
        or bool(doc.lex.speech_noun.match(doc.low, start))
        or (bool(first) and first[0] in doc.lex.pronouns)
    )


def _according_to_at_end(doc: Doc, m: re.Match[str], s_start: int, s_stop: int) -> Candidate | None:
    """…, selon un correspondant de l'AFP. / …, according to officials. (the source closes the sentence)"""
    if not doc.lex.according_to_at_end or m.group("pron"):
        return None
    p_start, p_stop = _trim(doc.text, m.end(), s_stop)
    if len(doc.text[p_start:p_stop].split()) > 10 or re.search(r"[,;:]", doc.low[p_start:p_stop]):
        return None
    if doc.lex.according_needs_name and not _names_someone(doc, p_start, p_stop):
        return None
    start, stop = _trim(doc.text, s_start, m.start())
    if len(doc.text[start:stop].split()) < 3:
        return None
    return Candidate(start, stop, "indirect", p_start, p_stop, "trailing_according")  # ranked as "trailing"


def as_said(doc: Doc) -> Iterator[Candidate]:
    """Как сообщила глава района Наталья Жуняева, беспилотник упал …"""
    for m in doc.lex.as_said.finditer(doc.low):
        verb = doc.lex.speech_verb.match(doc.low, m.end())
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
            yield Candidate(start, stop, "indirect", verb.end(), comma, "as_said", gender=doc.gender(verb))


def trailing(doc: Doc) -> Iterator[Candidate]:
    """…, сообщил журналистам представитель главы государства Дмитрий Песков. / …, отметили в Кремле."""
    for s_start, s_stop in doc.layout.sentences:
        for comma in re.finditer(r",\s*(?:[—–-]\s*)?", doc.low[s_start:s_stop]):
            at = s_start + comma.end()
            verb = doc.lex.speech_verb.match(doc.low, at)
            if verb is None or doc.layout.inside_quote(at) or doc.lex.addressed.search(verb.group()):
                continue
            rest = doc.low[verb.end() : s_stop]
            if re.search(r"[,;:]\s|\s[—–]\s", rest.rstrip(" .!?")) and not re.search(r"[«\"]", rest):
                continue  # the sentence goes on: not a closing attribution
            if doc.lex.goes_on.match(rest) or (doc.lex.language != "ru" and doc.lex.goes_on.search(rest)):
                continue  # "…, ha annunciato al termine di una riunione che …": a report, not its close
            start, stop = _trim(doc.text, s_start, s_start + comma.start())
            if len(doc.text[start:stop].split()) < 3 or doc.lex.anaphoric.match(doc.low, start):
                continue  # "Об этом сообщили в МЧС": what was said is in another sentence
            p_end = s_stop if doc.lex.language == "ru" else _phrase_after(doc, verb.end())[1]
            p_start, p_stop = _report_speaker(doc, verb, verb.end(), p_end)
            yield Candidate(start, stop, "indirect", p_start, p_stop, "trailing", gender=doc.gender(verb))
            break


# ----------------------------------------------------------------------------- shapes beyond Russian
def _closes_speech(doc: Doc, q_stop: int) -> bool:
    """A quotation that reads as speech: it ends in punctuation, or a comma follows it ("«…», a dit X"),
    unlike a quoted name before a verb ("the paper \"Le Monde\" reported")."""
    inner_end = q_stop - 2
    while inner_end > 0 and doc.text[inner_end].isspace():
        inner_end -= 1
    return doc.text[inner_end] in ",.!?…" or doc.text[q_stop : q_stop + 1] == ","


def direct_comma(doc: Doc) -> Iterator[Candidate]:
    """«…», a déclaré M.Poutine. / "…," povedal predseda BSK. / “…,” Pels said. (no dash after the quote)"""
    if not doc.lex.comma_attribution:
        return
    for q in doc.layout.quoted:
        after = COMMA_AFTER.match(doc.low, q.stop)
        if after is None or not _closes_speech(doc, q.stop):
            continue
        start, stop = _trim(doc.text, *q.inner)
        clause_stop = _phrase_after(doc, after.end(), 120)[1]
        verb = doc.lex.speech_verb.match(doc.low, after.end())
        if verb is not None and not doc.lex.addressed.search(verb.group()):  # verb first: "…», a déclaré X"
            p_start, p_stop = _report_speaker(doc, verb, *_phrase_after(doc, verb.end()))
            yield Candidate(start, stop, "direct", p_start, p_stop, "direct_comma", gender=doc.gender(verb))
            continue
        if not doc.lex.subject_after:
            continue
        verb = doc.lex.speech_verb.search(doc.low, after.end(), clause_stop)
        if verb is None or len(doc.low[after.end() : verb.start()].split()) > SUBJECT_WORDS:
            continue  # subject first: "…,” Pels said.
        yield Candidate(
            start, stop, "direct", after.end(), verb.start(), "direct_comma_subject", True, doc.gender(verb)
        )


def dash_speech(doc: Doc) -> Iterator[Candidate]:
    """– Jest zbyt wcześnie, aby przesądzać – powiedział DGP Henryk Kowalczyk. (dialogue dashes instead of
    quotation marks: a sentence opening with a dash, then a dash before the reporting verb)"""
    if not doc.lex.dash_speech:
        return
    for s_start, _ in doc.layout.sentences:
        opening = OPENING_DASH.match(doc.text, s_start)
        if opening is None:
            continue
        p_stop = doc.text.find("\n", opening.end())
        p_stop = len(doc.text) if p_stop < 0 else p_stop
        for dash in CLOSING_DASH.finditer(doc.low, opening.end(), p_stop):
            verb = doc.lex.speech_verb.match(doc.low, dash.end())
            if verb is None:
                continue
            start, stop = _trim(doc.text, opening.end(), dash.start())
            p_start, p_end = _phrase_after(doc, verb.end())
            if stop > start:
                yield Candidate(start, stop, "direct", p_start, p_end, "dash_speech", gender=doc.gender(verb))
            break


def trailing_dash(doc: Doc) -> Iterator[Candidate]:
    """… nie da się uniknąć konfliktów – zaznaczył Olbrycht. (a dash instead of the comma before the verb;
    a sentence that opens with a dash is ``dash_speech``)"""
    if not doc.lex.trailing_dash:
        return
    for s_start, s_stop in doc.layout.sentences:
        if OPENING_DASH.match(doc.text, s_start):
            continue
        for dash in CLOSING_DASH.finditer(doc.low, s_start, s_stop):
            verb = doc.lex.speech_verb.match(doc.low, dash.end())
            if verb is None or doc.layout.inside_quote(dash.end()):
                continue
            rest = doc.low[verb.end() : s_stop]
            if re.search(r"[,;:]\s|\s[—–]\s", rest.rstrip(" .!?")) or doc.lex.goes_on.match(rest):
                continue
            start, stop = _trim(doc.text, s_start, dash.start())
            if len(doc.text[start:stop].split()) < 3 or doc.lex.anaphoric.match(doc.low, start):
                continue
            p_start, p_stop = _report_speaker(doc, verb, verb.end(), s_stop)
            yield Candidate(
                start, stop, "indirect", p_start, p_stop, "trailing_dash", gender=doc.gender(verb)
            )
            break


def trailing_subject(doc: Doc) -> Iterator[Candidate]:
    """…, authorities said. / …, the England captain said. (English: the subject before the verb)"""
    if not doc.lex.subject_after:
        return
    for s_start, s_stop in doc.layout.sentences:
        for comma in re.finditer(r",\s+", doc.low[s_start:s_stop]):
            at = s_start + comma.end()
            if doc.layout.inside_quote(at):
                continue
            verb = doc.lex.speech_verb.search(doc.low, at, s_stop)
            if verb is None or verb.start() == at or len(doc.low[at : verb.start()].split()) > SUBJECT_WORDS:
                continue
            if re.search(r"[,;:]", doc.low[at : verb.start()]) or doc.low[verb.end() : s_stop].strip(
                ' .!?"”'
            ):
                continue  # the verb must close the sentence
            start, stop = _trim(doc.text, s_start, s_start + comma.start())
            if len(doc.text[start:stop].split()) < 3:
                continue
            yield Candidate(
                start, stop, "indirect", at, verb.start(), "trailing_subject", True, doc.gender(verb)
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
    direct_comma,
    dash_speech,
    trailing_dash,
    trailing_subject,
)
