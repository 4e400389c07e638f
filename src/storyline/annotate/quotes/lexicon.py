"""Russian words of reported speech: speech verbs, impersonal report forms, pronouns and role nouns.

All patterns are matched against lower-cased text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.annotate.quotes.text import RU_MARKS, Marks

_PAST = (
    "сказа|заяви|отмети|подчеркну|добави|сообщи|рассказа|поясни|уточни|указа|призна|замети|напомни|ответи|"
    "объясни|предупреди|констатирова|написа|резюмирова|заключи|пообеща|завери|повтори|посетова|"
    "прокомментирова|объяви|подтверди|счита|полага|утвержда|заверя|настаива|отмеча|подчеркива|подчёркива|"
    "добавля|поясня|уточня|заявля|сообща|рассказыва|говори|признава|напомина|указыва|обеща|сетова|"
    "предположи|допусти|оцени"
)
_OPINION = "выразил[аи]?\\s+(?:уверенность|надежду|мнение|сожаление|опасение)"
_PRESENT = (
    "говорит|говорят|считает|считают|полагает|полагают|утверждает|утверждают|заявляет|заявляют|отмечает|"
    "отмечают|подчеркивает|подчёркивает|подчеркивают|добавляет|добавляют|пишет|пишут|сообщает|сообщают|"
    "рассказывает|рассказывают|поясняет|поясняют|уточняет|уточняют|указывает|указывают|признает|признаёт|"
    "напоминает|напоминают|уверен|уверена|уверены|убежден|убеждена|убеждены|уверяет|уверяют|настаивает|"
    "настаивают|предупреждает|предупреждают|обещает|обещают|резюмирует|заключает|цитирует|приводит\\s+слова"
)
_GERUND = "заявив|отметив|подчеркнув|добавив|уточнив|сообщив|пояснив|указав|напомнив|признав|подтвердив"
_IMPERSONAL = (
    "говорится|отмечается|сообщается|подчеркивается|подчёркивается|указывается|уточняется|поясняется|"
    "сказано|отмечено|указано|заявлено|говорилось|отмечалось|сообщалось|подчеркивалось"
)

# a finite or gerund speech verb ("сказал", "отметили", "считает", "уточнив", "выразил уверенность")
SPEECH_VERB = re.compile(
    rf"\b(?:(?:{_PAST})(?:л|ла|ли|ло)(?:сь|ся)?|{_OPINION}|(?:{_PRESENT})|(?:{_GERUND})|(?:{_IMPERSONAL}))(?![а-яё])"
)
IMPERSONAL = re.compile(rf"(?:{_IMPERSONAL})$")
# "в (официальном) сообщении мэрии": the report named after an impersonal verb, dropped from the speaker
REPORT_NOUN = re.compile(
    r"\s*(?:в|во)\s+(?:(?:официальном|опубликованном|совместном|распространенном|распространённом|"
    r"специальном|том)\s+)*(?:сообщении|заявлении|релизе|пресс-релизе|документе|письме|обращении|тексте|"
    r"комментарии|материале|докладе|отчете|отчёте|телеграм-канале|telegram-канале|канале|посте|публикации|"
    r"статье|интервью|решении|постановлении|приговоре)(?![а-яё])"
)
PRONOUNS = {"он": "m", "она": "f", "они": "p", "его": "m", "ее": "f", "её": "f", "их": "p"}
# singular people named by their role ("парламентарий", "собеседник агентства"): the speaker named before
PERSON_ROLES = re.compile(
    r"\b(?:лидер|президент|глав[аеуы]|премьер|министр|пресс-секретар|представител|депутат|парламентари|политик|"
    r"собеседни|сотрудни|следовател|губернатор|мэр|посол|посл|спикер|председател|директор|руководител|генсек|"
    r"канцлер|оппозиционер|соосновател|основател|эксперт|аналитик|тренер|нападающ|врач|чиновни|генерал|"
    r"командующ|прокурор|адвокат|судь|замминистр|вице-|экс-)[а-яё]*"
)
# heads of state or government: resolved through the person they were introduced with ("президент РФ Путин")
HEAD_ROLES = re.compile(r"\b(?:лидер|президент|глав[аеуы]\s+(?:государства|страны|рф|россии)|премьер)[а-яё]*")
FEMININE_ROLE = re.compile(r"(?:ница|ница|ка|иса|есса|ая)$")
# organisation units speaking for their organisation: the phrase is kept as the speaker
ORG_HEADS = re.compile(
    r"^(?:пресс-служб|пресс-центр|ведомств|министерств|минобороны|администраци|горадминистраци|мэри|штаб|"
    r"прокуратур|полици|суд|управлени|департамент|правительств|посольств|комитет|служб|аппарат|офис|"
    r"секретариат|совет|дирекци|руководств|командовани|компани|организаци|партии|парти)"
)
PREPOSITIONS = frozenset({"в", "во", "на", "у", "от", "из", "с", "со"})
# "цитирует РИА «Новости» президента": the agency reports, the person named after it speaks
CITING = re.compile(r"(?:цитиру|процитирова|приводит\s+слова|привод)")
# whom it was said to ("сообщили журналистам", "сказал ТАСС"): not the speaker
ADDRESSEE = re.compile(
    r"^(?:журналистам|репортерам|репортёрам|корреспонденту|корреспондентам|агентству|изданию|газете|"
    r"телеканалу|радиостанции|порталу|сайту|тасс|риа|интерфаксу|рбк)$"
)
PAST_VERB = re.compile(r"[а-яё]{3,}(?:л|ла|ло|ли|лся|лась|лось|лись)$")
# "по словам X, ..." and its kin
ACCORDING_TO = re.compile(
    r"\bпо\s+(?:(?P<pron>его|ее|её|их)\s+)?(?:словам|мнению|утверждению|оценке|заявлению|версии|убеждению)(?![а-яё])"
)
FEMALE_NAME = re.compile(r"(?:ова|ева|ёва|ина|ына|ая|ская|цкая)$|^\S+[ая]\s")

# ----------------------------------------------------------------------------- the words of one language
NEVER = re.compile(r"(?!)")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the quote rules and the speaker resolver need to know about one language."""

    language: str
    speech_verb: re.Pattern[str]  # a reporting verb ("сказал", "powiedział", "a déclaré", "je dejal")
    impersonal: re.Pattern[str]  # impersonal report forms, ``$``-anchored ("говорится", "podano")
    report_noun: re.Pattern[str]  # "в сообщении": after an impersonal verb, dropped from the speaker
    according_to: re.Pattern[str]  # "по словам X", "według X" (optional group ``pron``: "по его словам")
    as_said: re.Pattern[str]  # "как" of "Как сообщил X, …"
    that: re.Pattern[str]  # "…, что " after a verb (group ``mid``: words between the verb and the comma)
    anaphoric: re.Pattern[str]  # "об этом": what was said is in another sentence
    gerund: re.Pattern[str]  # gerund endings of reporting verbs ("уточнив, что")
    clause_end: re.Pattern[str]  # where a speaker phrase after a verb ends
    headline_topic: re.Pattern[str]  # "Песков о встрече: …"
    goes_on: re.Pattern[str]  # after a trailing verb: the sentence reports on ("что", "о том")
    gender_endings: tuple[tuple[re.Pattern[str], str], ...]  # verb endings -> "f", "p", "m"
    pronouns: dict[str, str]
    person_roles: re.Pattern[str]
    head_roles: re.Pattern[str]
    feminine_role: re.Pattern[str]
    org_heads: re.Pattern[str]
    prepositions: frozenset[str]
    citing: re.Pattern[str]
    addressee: re.Pattern[str]
    past_verb: re.Pattern[str]
    female_name: re.Pattern[str]
    marks: Marks = RU_MARKS
    # shapes of the languages beyond Russian (all off for Russian):
    comma_attribution: bool = False  # «…», a déclaré X / "…," said X / „…“, řekl X: no dash after the quote
    dash_speech: bool = False  # "– Tekst – powiedział X." (a dialogue dash instead of quotation marks)
    trailing_dash: bool = False  # "… – powiedział X." (a dash instead of the comma before the verb)
    according_to_at_end: bool = False  # "…, according to X." / "…, selon X."
    subject_after: bool = False  # "…," Smith said. / "…, Smith said." (subject, then the verb)
    names_as_speakers: bool = False  # no entities: a capitalised name phrase is the speaker
    according_needs_name: bool = (
        False  # "podle X" is a source only when X has a capital ("podle plánu" is not)
    )
    speech_noun: re.Pattern[str] = NEVER  # "podle slov", "według słów": a source without a capital
    name_stopwords: frozenset[str] = frozenset()  # capitalised words that start no name ("The", "Según")
    # a name right after one of these is not the speaker ("je dejal v Fokusu na Pop TV", "explicó a El PAÍS")
    name_prepositions: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()  # "Джуліані, який заявив": the speaker is named before "який"
    addressed: re.Pattern[str] = NEVER  # "told": the phrase after the verb is whom it was said to


def gender_of_verb(lexicon: Lexicon, verb: str) -> str:
    for pattern, gender in lexicon.gender_endings:
        if pattern.search(verb):
            return gender
    return "?"


RU = Lexicon(
    language="ru",
    speech_verb=SPEECH_VERB,
    impersonal=IMPERSONAL,
    report_noun=REPORT_NOUN,
    according_to=ACCORDING_TO,
    as_said=re.compile(r"\bкак\s+"),
    that=re.compile(r"(?P<mid>[^.!?\n«»:;]{0,80}?),\s*(?:что|будто)\s+"),
    anaphoric=re.compile(r"(?:об\s+этом|о\s+чем|о\s+чём|это|так)\b"),
    gerund=re.compile(r"(?:ив|ав|ув|ев)$"),
    clause_end=re.compile(r"[.!?\n;:(]|,\s*(?:[—–-]|слова|котор|что|когда|где|а\s|но\s|и\s)|\s[—–]\s"),
    headline_topic=re.compile(r"(?:\s+о\s+[^:\n]{3,60})?:\s+"),
    goes_on=re.compile(r"\s*(?:что|будто|о\s+том)\b"),
    gender_endings=(
        (re.compile(r"(?:ла|лась)$"), "f"),
        (re.compile(r"(?:ли|лись|ют|ят|ются|ятся)$"), "p"),
        (re.compile(r"(?:л|лся)$"), "m"),
    ),
    pronouns=PRONOUNS,
    person_roles=PERSON_ROLES,
    head_roles=HEAD_ROLES,
    feminine_role=FEMININE_ROLE,
    org_heads=ORG_HEADS,
    prepositions=PREPOSITIONS,
    citing=CITING,
    addressee=ADDRESSEE,
    past_verb=PAST_VERB,
    female_name=FEMALE_NAME,
)
