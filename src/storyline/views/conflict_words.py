"""Word lists of the conflict rules (``storyline.views.conflicts``), per language where it matters.

General lexicon written from grammar and dictionaries, not from labelled items: how a number is hedged
("более", "около", "at least"), scale words ("млн", "tys."), percent words, time words that make a number a
date or a duration, words that mark a running count ("пока", "so far"), attribution ("по данным",
"according to") and causal links ("из-за", "because of").
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------- hedges before a number
# kind: "more" (more than v), "least" (v or more), "less" (less than v), "most" (up to v), "about" (near v)
HEDGES: dict[str, tuple[str, ...]] = {
    "more": (
        r"более\s+чем",
        r"более",
        r"свыше",
        r"больше",
        r"больше\s+чем",
        r"понад",
        r"більше\s+ніж",
        r"більше",
        r"повече\s+от",
        r"над",
        r"ponad",
        r"przeszło",
        r"więcej\s+niż",
        r"ponad",
        r"více\s+než",
        r"přes",
        r"viac\s+ako",
        r"vyše",
        r"več\s+kot",
        r"preko",
        r"više\s+od",
        r"više\s+nego",
        r"more\s+than",
        r"over",
        r"above",
        r"in\s+excess\s+of",
        r"más\s+de",
        r"plus\s+de",
        r"oltre",
        r"più\s+di",
    ),
    "least": (
        r"не\s+менее",
        r"не\s+меньше",
        r"как\s+минимум",
        r"по\s+меньшей\s+мере",
        r"минимум",
        r"щонайменше",
        r"принаймні",
        r"не\s+менше",
        r"най-малко",
        r"поне",
        r"co\s+najmniej",
        r"minimum",
        r"nejméně",
        r"alespoň",
        r"minimálně",
        r"najmenej",
        r"aspoň",
        r"vsaj",
        r"najmanj",
        r"najmanje",
        r"barem",
        r"at\s+least",
        r"no\s+fewer\s+than",
        r"al\s+menos",
        r"por\s+lo\s+menos",
        r"como\s+mínimo",
        r"au\s+moins",
        r"almeno",
        r"come\s+minimo",
    ),
    "less": (
        r"менее",
        r"меньше",
        r"менше",
        r"менш\s+ніж",
        r"по-малко\s+от",
        r"под",
        r"poniżej",
        r"mniej\s+niż",
        r"méně\s+než",
        r"menej\s+ako",
        r"manj\s+kot",
        r"manje\s+od",
        r"less\s+than",
        r"fewer\s+than",
        r"under",
        r"below",
        r"menos\s+de",
        r"moins\s+de",
        r"meno\s+di",
    ),
    "most": (
        r"до",
        r"не\s+более",
        r"не\s+больше",
        r"максимум",
        r"не\s+більше",
        r"до",
        r"най-много",
        r"до",
        r"do",
        r"maksymalnie",
        r"nanejvýš",
        r"maximálně",
        r"až",
        r"največ",
        r"najviše",
        r"up\s+to",
        r"at\s+most",
        r"no\s+more\s+than",
        r"hasta",
        r"como\s+máximo",
        r"jusqu['’]à",
        r"au\s+plus",
        r"fino\s+a",
        r"al\s+massimo",
    ),
    "about": (
        r"около",
        r"примерно",
        r"приблизительно",
        r"порядка",
        r"почти",
        r"почти",
        r"почти",
        r"близко",
        r"приблизно",
        r"близько",
        r"майже",
        r"близо",
        r"почти",
        r"около",
        r"około",
        r"blisko",
        r"prawie",
        r"niemal",
        r"mniej\s+więcej",
        r"zhruba",
        r"asi",
        r"téměř",
        r"skoro",
        r"přibližně",
        r"okolo",
        r"približne",
        r"takmer",
        r"okrog",
        r"približno",
        r"skoraj",
        r"oko",
        r"gotovo",
        r"otprilike",
        r"about",
        r"around",
        r"nearly",
        r"almost",
        r"roughly",
        r"some",
        r"approximately",
        r"close\s+to",
        r"unos",
        r"unas",
        r"cerca\s+de",
        r"alrededor\s+de",
        r"casi",
        r"aproximadamente",
        r"environ",
        r"près\s+de",
        r"presque",
        r"quelque",
        r"quelques",
        r"circa",
        r"quasi",
        r"intorno\s+a",
    ),
}
HEDGE = {
    kind: re.compile(rf"(?:^|[\s(«\"„])(?:{'|'.join(words)})\s*[:~]?\s*$", re.IGNORECASE)
    for kind, words in HEDGES.items()
}

# ---------------------------------------------------------------- scale and percent words after a number
SCALES: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(p, re.IGNORECASE), v)
    for p, v in (
        (
            r"тыс\.?|тысяч\w*|тис\.?|тисяч\w*|хил\.?|хиляд\w*|tys\.?|tysi[ęą]c\w*|tis\.?|tisíc\w*|tisoč\w*|"
            r"tisuć\w*|thousand|mil|mila|milliers?|mille",
            1e3,
        ),
        (
            r"млн\.?|миллион\w*|мільйон\w*|милион\w*|mln\.?|milion\w*|milión\w*|milijon\w*|milijun\w*|"
            r"millions?|mill[oó]n\w*|milion[ei]|mio\.?",
            1e6,
        ),
        (
            r"млрд\.?|миллиард\w*|мільярд\w*|милиард\w*|mld\.?|miliard\w*|milijard\w*|billions?|bn|"
            r"milliards?|miliard[oi]",
            1e9,
        ),
    )
)
PERCENT = re.compile(
    r"%|процент\w*|відсот\w*|проц\.?|proc\.?|procent\w*|percent\w*|per\s+cent|odstot\w*|posto|"
    r"por\s+ciento|pour\s+cent|pourcents?|per\s+cento",
    re.IGNORECASE,
)

# ---------------------------------------------------------------- time words after a number
# (months, weekdays and day/week/month/year units come from the date grammars of storyline.annotate.dates)
TIME_WORDS = re.compile(
    r"(?:час\w*|годин\w*|минут\w*|секунд\w*|век\w*|столет\w*|hours?|minutes?|seconds?|century|centuries|"
    r"hod\w*|godzin\w*|ur[aei]?|sati?|hor[ae]s?|heures?|or[ae]|ore|h|ч|г|гг|р|рр|r|g|hod|min|"
    r"год\w*|лет|роки|років|рік|години|годишн\w*|let|lat|rok\w*|leta|godin\w*|years?|años?|ans?|anni|anno|"
    r"дн\w*|день|сут\w*|тиж\w*|недел\w*|месяц\w*|місяц\w*|месец\w*|dni|dn[ií]|dan\w*|days?|días?|jours?|giorni|"
    r"weeks?|months?|semanas?|meses|mois|semaines?|settiman\w*|mesi|mese)",
    re.IGNORECASE,
)

# ---------------------------------------------------------------- a running count
# A figure reported with these words is a count in progress ("so far", "по предварительным данным"): two
# outlets reporting it at different hours of one day do not contradict each other.
RUNNING = re.compile(
    r"\b(?:пока|уже|на\s+данный\s+момент|на\s+момент|по\s+состоянию\s+на|по\s+предварительным|предварительн\w*|"
    r"к\s+(?:утру|вечеру|полудню)|станом\s+на|поки\s+що|вже|наразі|попередні\w*|досега|засега|вече|"
    r"предварителн\w*|dotychczas|do\s+tej\s+pory|na\s+razie|już|obecnie|wstępn\w*|zatím|dosud|již|už|"
    r"předběžn\w*|zatiaľ|doteraz|predbežn\w*|zaenkrat|doslej|že|trenutno|dosad|zasad|already|so\s+far|"
    r"currently|preliminary|provisional|as\s+of|by\s+(?:morning|evening|noon)|leading|leads|ahead|"
    r"hasta\s+ahora|por\s+ahora|ya|provisional\w*|jusqu['’]ici|déjà|pour\s+l['’]instant|provisoire\w*|"
    r"finora|già|per\s+ora|provvisori\w*|сейчас|теперь|зараз|тепер|сега|teraz|nyní|teď|zdaj|sada|now|ahora|"
    r"maintenant|ora|лидир\w*|лідир\w*|води\b|prowadz\w*|vede\w*|vodi\w*)",
    re.IGNORECASE,
)

# ---------------------------------------------------------------- attribution ("по данным X, ...")
ATTRIBUTION = re.compile(
    r"(?:по\s+версии|по\s+данным|по\s+словам|по\s+мнению|по\s+информации|по\s+оценке|по\s+оценкам|согласно|"
    r"за\s+версією|за\s+даними|за\s+словами|за\s+інформацією|згідно\s+з|на\s+думку|"
    r"според|по\s+данни\s+на|по\s+думите\s+на|"
    r"według|zdaniem|wedle|podle|podľa|po\s+navedbah|po\s+besedah|po\s+podatkih|prema|po\s+riječima|"
    r"according\s+to|según|selon|d['’]après|secondo|stando\s+a)\s+",
    re.IGNORECASE,
)

# ---------------------------------------------------------------- causal links ("из-за", "because of")
CAUSE = re.compile(
    r"(?:из-за|в\s+результате|вследствие|по\s+причине|причин\w*|вызван\w*|"
    r"внаслідок|в\s+результаті|у\s+результаті|через\s+те|спричин\w*|"
    r"заради|поради|в\s+резултат|причин\w*|предизвика\w*|"
    r"z\s+powodu|w\s+wyniku|wskutek|przyczyn\w*|spowodowa\w*|"
    r"kvůli|v\s+důsledku|příčin\w*|způsob\w*|kvôli|v\s+dôsledku|príčin\w*|spôsob\w*|"
    r"zaradi|vzrok\w*|povzroči\w*|zbog|uslijed|uzrok\w*|prouzroči\w*|"
    r"because\s+of|due\s+to|caused\s+by|as\s+a\s+result\s+of|the\s+cause|blamed|"
    r"debido\s+a|a\s+causa\s+de|por\s+culpa\s+de|causad\w*|como\s+consecuencia\s+de|"
    r"à\s+cause\s+de|en\s+raison\s+de|dû\s+à|due\s+à|causée?s?\s+par|suite\s+à|"
    r"a\s+causa\s+di|causat\w*|dovut[oa]\s+a|per\s+colpa\s+di|in\s+seguito\s+a)(?![^\W\d_])",
    re.IGNORECASE,
)
