"""The words of reported speech beyond Russian: one small lexicon per language (uk, bg, pl, cs, sk, sl, hr,
en, es, fr, it), over the same rules (``rules``) as Russian (``lexicon.RU``).

Each lexicon names the language's reporting verbs (in the forms news use: Polish "powiedział",
"powiedziała", Slovene "je dejal", French "a déclaré", "a-t-il ajouté"), its "according to" ("według",
"podle", "selon", "según"), its complementiser ("że", "da", "que"), its quotation marks („…“ in pl, cs, sk,
sl, hr, bg; «…» in uk, fr, es, it; »…« in sl and hr; "…" everywhere) and the shapes its news write
attribution in (``Lexicon`` flags). No NER exists for these languages yet, so a speaker is the
capitalised name phrase next to the verb (``names_as_speakers``); the entity id stays empty until the
entity stage gives entities.
"""

from __future__ import annotations

import re

from storyline.annotate.quotes.lexicon import NEVER, RU, Lexicon
from storyline.annotate.quotes.text import ALL_UPPER, Marks

END = r"(?![^\W\d_])"


def _words(*forms: str) -> str:
    return "|".join(forms)


def _stems(stems: str, endings: str) -> str:
    """ "powiedzia|doda" with "ł|ła|li" -> the verb forms."""
    return rf"(?:{stems})(?:{endings})"


def _lexicon(
    language: str,
    *,
    gerund_clause: str = "",
    verbs: str,
    according: str,
    as_said: str,
    that: str,
    anaphoric: str,
    goes_on: str,
    clause_end: str,
    pronouns: dict[str, str],
    marks: dict[str, str],
    impersonal: str = "",
    report_nouns: str = "",
    gerunds: str = "",
    gender: tuple[tuple[str, str], ...] = (),
    female_name: str = "",
    addressees: str = "",
    stopwords: str = "",
    prepositions: str = "",
    relatives: str = "",
    addressed: str = "",
    speech_noun: str = "",
    comma_attribution: bool = True,
    dash_speech: bool = False,
    trailing_dash: bool = False,
    subject_after: bool = False,
    according_needs_name: bool = False,
) -> Lexicon:
    flags = re.IGNORECASE
    speech = rf"\b(?:{verbs}{'|' + impersonal if impersonal else ''}){END}"
    return Lexicon(
        language=language,
        speech_verb=re.compile(speech, flags),
        impersonal=re.compile(rf"(?:{impersonal})$", flags) if impersonal else NEVER,
        report_noun=re.compile(rf"\s*(?:{report_nouns}){END}", flags) if report_nouns else NEVER,
        according_to=re.compile(according, flags),
        as_said=re.compile(as_said, flags),
        that=re.compile(that, flags),
        anaphoric=re.compile(anaphoric, flags),
        gerund=re.compile(rf"(?:{gerunds})$", flags) if gerunds else NEVER,
        # "…», tłumaczył, dodając, że …": a gerund after a comma starts another clause
        clause_end=re.compile(
            rf"{clause_end}|,\s*[^\W\d_]+{gerund_clause}{END}" if gerund_clause else clause_end, flags
        ),
        headline_topic=re.compile(r":\s+"),
        goes_on=re.compile(goes_on, flags),
        gender_endings=tuple((re.compile(p), g) for p, g in gender),
        pronouns=pronouns,
        person_roles=NEVER,
        head_roles=NEVER,
        feminine_role=NEVER,
        org_heads=NEVER,
        prepositions=frozenset(),
        citing=NEVER,
        addressee=re.compile(rf"^(?:{addressees})$", flags) if addressees else NEVER,
        past_verb=NEVER,
        female_name=re.compile(female_name) if female_name else NEVER,
        marks=Marks(marks, ALL_UPPER, loose=True),
        comma_attribution=comma_attribution,
        dash_speech=dash_speech,
        trailing_dash=trailing_dash,
        according_to_at_end=True,
        subject_after=subject_after,
        names_as_speakers=True,
        according_needs_name=according_needs_name,
        speech_noun=re.compile(speech_noun, flags) if speech_noun else NEVER,
        name_stopwords=frozenset(stopwords.split()),
        name_prepositions=frozenset(prepositions.split()),
        relatives=frozenset(relatives.split()),
        addressed=re.compile(rf"(?:{addressed})$", flags) if addressed else NEVER,
    )


# clause ends shared by all: sentence punctuation (not the dot of an initial or of "ELMUNDO.es"), a dash
# between spaces
# "said Dr. Stefan Sommer", "prof. Kowalski": abbreviations whose dot ends no clause
_TITLES = (
    "dr",
    "mr",
    "ms",
    "st",
    "mrs",
    "sgt",
    "gen",
    "col",
    "sen",
    "rep",
    "gov",
    "prof",
    "ing",
    "mgr",
    "doc",
)
_ABBREVIATIONS = "".join(rf"(?<!\b{a})" for a in (*_TITLES, "lt", "jr", "sr", "mme"))
_END = rf"(?<!\b[^\W\d_]){_ABBREVIATIONS}\.(?=\s|$)|[!?\n;:(]|\s[—–]\s"
_LATIN_MARKS = {"«": "»", "“": "”"}
_SLAVIC_MARKS = {"„": "“”", "»": "«"}  # „…“ (and „…”), »…«

EN = _lexicon(
    "en",
    verbs=_words(
        "said|says|say|told|tells|added|adds|stated|declared|announced|explained|explains|noted|notes|warned",
        "warns|insisted|insists|argued|argues|claimed|claims|stressed|stresses|wrote|writes|replied|responded",
        "confirmed|confirms|denied|acknowledged|admitted|admits|suggested|suggests|believes|believed|thinks",
        "continued|concluded|pointed\\s+out|urged|tweeted|recalled|recalls|complained|observed|commented",
        "predicted|predicts|shared|reported|saying|insisting|adding|explaining|warning",
    ),
    according=r"\baccording\s+to\b(?:\s+(?P<pron>him|her|them)\b)?",
    as_said=r"(?!)",
    # "said that …", "said he would …", and (no complementiser) "said the appointment was made …"
    that=r"(?P<mid>(?:\s+[^\s.!?\"“”:;,]+){0,3}?),?\s+(?:that\s+|(?=(?:he|she|they|it|we|i|there)\s+(?:would|will|was"
    r"|were|is|are|had|has|have|could|should|might|must|did|does|do|can)\b)|(?<=said\s)(?=(?:the|a|an|his|her|their"
    r"|its)\s))",
    anaphoric=r"(?:this|that|so)\b",
    goes_on=r"\s*that\b",
    clause_end=rf"{_END}|,\s*(?:[—–-]|who|which|that|when|where|but|and)\b|\s(?:who|which|that|when|where|after|because)\s",
    pronouns={"he": "?", "she": "?", "they": "p", "him": "?", "her": "?", "them": "p"},
    marks={"“": "”"},
    gerunds="ing",
    addressees="reporters|journalists|the\\s+bbc|cnn|afp|reuters",
    stopwords="the a an he she they it this that in on at mr mrs ms according",
    subject_after=True,
    prepositions="to in at on for with from by about",
    relatives="who which that",
    gerund_clause=r"ing",
)

_ES_PARTICIPLES = (
    "dicho|afirmado|asegurado|declarado|explicado|señalado|indicado|añadido|agregado|advertido|manifestado|"
    "subrayado|destacado|apuntado|comentado|informado|anunciado|denunciado|insistido|reconocido|precisado|"
    "sostenido|recordado|expresado|escrito|contado|relatado|confirmado|negado|criticado|alertado|aclarado|"
    "considerado|opinado|replicado|concluido"
)
ES = _lexicon(
    "es",
    verbs=_words(
        rf"(?:ha|han|había|habían|habría|hubiera)\s+(?:{_ES_PARTICIPLES})",
        "dijo|dice|dicen|dijeron|afirmó|afirma|afirman|aseguró|asegura|aseguran|aseguraba|declaró|declara",
        "explicó|explica|explicaba|señaló|señala|indicó|indica|añadió|añade|agregó|agrega|advirtió|advierte",
        "manifestó|subrayó|subraya|destacó|destaca|apuntó|apunta|comentó|informó|informa|anunció|denunció",
        "denuncia|insistió|insiste|reconoció|reconoce|precisó|sostuvo|sostiene|recordó|recuerda|aseveró",
        "expresó|escribió|escribe|contó|relató|confirmó|negó|criticó|alertó|aclaró|consideró|considera|opinó",
        "opina|puntualizó|replicó|replica|concluyó|concluye|decía|afirmaba|estimó|estima|cree|creen|piensa",
        "al\\s+(?:señalar|afirmar|decir|asegurar|explicar|indicar|subrayar|advertir)",
        "diciendo|afirmando|asegurando|señalando|explicando|añadiendo|agregando|advirtiendo|indicando",
    ),
    according=r"\b(?:según|de\s+acuerdo\s+con)\b(?:\s+(?P<pron>él|ella|ellos|ellas)\b)?",
    as_said=r"\bcomo\s+",
    that=r"(?P<mid>(?:\s+[^\s.!?«»\"“”:;,]+){0,3}?),?\s+que\s+",
    anaphoric=r"(?:así|esto|eso)\b",
    goes_on=r"\s*que\b",
    clause_end=rf"{_END}|,\s*(?:[—–-]|que|quien|quienes|cuando|donde|pero|y|e)\b|\s(?:que|quien|cuando|tras)\s",
    pronouns={"él": "?", "ella": "?", "ellos": "p", "ellas": "p"},
    marks=_LATIN_MARKS,
    gerunds="ndo",
    stopwords="el la los las un una según en para de del",
    prepositions="a en con para por sobre ante al",
    relatives="que quien quienes cual",
    gerund_clause=r"ndo",
)

_FR_PARTICIPLES = (
    "dit|déclaré|affirmé|assuré|expliqué|indiqué|souligné|ajouté|estimé|précisé|annoncé|averti|rappelé|confié|"
    "écrit|dénoncé|insisté|martelé|lancé|reconnu|prévenu|jugé|répondu|raconté|confirmé|démenti|noté|observé|"
    "regretté|conclu|commenté|poursuivi|analysé|résumé|considéré|admis|soutenu|relevé|plaidé|stipulé|tranché"
)
_FR_PRESENT = (
    "dit|disent|déclare|affirme|assure|explique|indique|souligne|ajoute|estime|précise|annonce|avertit|rappelle|"
    "confie|écrit|dénonce|insiste|martèle|lance|reconnaît|juge|répond|raconte|confirme|note|observe|regrette|"
    "conclut|commente|poursuit|analyse|résume|considère|admet|soutient|relève|plaide|stipule|tranche|"
    "déclara|affirma|ajouta|expliqua|indiqua|souligna|estima|précisa|confirme|estiment|affirment|expliquent"
)
FR = _lexicon(
    "fr",
    verbs=_words(
        rf"(?:a|ont|avait|avaient|aurait|auraient)(?:-t-(?:il|elle|on)|-(?:ils|elles))?\s+(?:ré)?(?:{_FR_PARTICIPLES})",
        rf"(?:{_FR_PRESENT})(?:-t-(?:il|elle|on)|-(?:il|elle|ils|elles))?",
        "ajoutant|affirmant|soulignant|estimant|expliquant|précisant|assurant|déclarant",
    ),
    according=r"\b(?:selon|d['’]après)\b(?:\s+(?P<pron>lui|elle|eux|elles)\b)?",
    as_said=r"\bcomme\s+(?:l['’])?",
    that=r"(?P<mid>(?:\s+[^\s.!?«»\"“”:;,]+){0,3}?),?\s+qu(?:e\s+|['’])",
    anaphoric=r"(?:ainsi|c['’]est\s+ce)\b",
    goes_on=r"\s*qu",
    clause_end=rf"{_END}|,\s*(?:[—–-]|qui|que|quand|où|mais|et)\b|\s(?:qui|que|dont|lors)\s",
    pronouns={"il": "?", "elle": "?", "ils": "p", "elles": "p", "lui": "?", "eux": "p"},
    marks=_LATIN_MARKS,
    gerunds="ant",
    stopwords="le la les l un une selon en de du des m mme",
    prepositions="à au aux en dans sur pour par avec",
    relatives="qui que lequel laquelle",
    gerund_clause=r"ant",
)

_IT_PARTICIPLES = (
    "detto|dichiarato|affermato|spiegato|sottolineato|aggiunto|precisato|annunciato|ribadito|assicurato|"
    "osservato|scritto|raccontato|denunciato|commentato|confermato|ammesso|sostenuto|riferito|avvertito|"
    "evidenziato|rilevato|concluso|replicato|fatto\\s+sapere|insistito|chiarito|ricordato"
)
IT = _lexicon(
    "it",
    verbs=_words(
        rf"(?:ha|hanno|aveva|avevano|avrebbe|avrebbero)\s+(?:{_IT_PARTICIPLES})",
        "dice|dicono|afferma|affermano|spiega|sottolinea|aggiunge|precisa|dichiara|scrive|racconta|osserva",
        "ribadisce|assicura|conclude|commenta|denuncia|ricorda|riferisce|sostiene|avverte|ammette|replica",
        "disse|dichiarò|affermò|aggiunse|spiegò|sottolineò|precisò|annunciò|ribadì|scrisse|raccontò",
        "dire|dichiarare|affermare|spiegare|dicendo|affermando|spiegando|aggiungendo|sottolineando|suggerisce",
    ),
    according=r"\b(?:secondo|a\s+detta\s+di)\b(?:\s+(?P<pron>lui|lei|loro)\b)?",
    as_said=r"\bcome\s+",
    that=r"(?P<mid>(?:\s+[^\s.!?«»\"“”:;,]+){0,3}?),?\s+che\s+",
    anaphoric=r"(?:così|lo\s+ha)\b",
    goes_on=r"\s*che\b",
    clause_end=rf"{_END}|,\s*(?:[—–-]|che|chi|quando|dove|ma|e)\b|\s(?:che|quando|dopo)\s",
    pronouns={"lui": "?", "lei": "?", "loro": "p"},
    marks=_LATIN_MARKS,
    gerunds="ndo",
    stopwords="il lo la i gli le un una secondo in di del della",
    prepositions="a al alla in nel nella da con per su",
    relatives="che chi il quale",
    gerund_clause=r"ndo",
)

PL = _lexicon(
    "pl",
    verbs=_words(
        _stems(
            "powiedzia|mówi|stwierdzi|oświadczy|zaznaczy|doda|podkreśli|przekonywa|wyjaśni|oceni|przyzna|"
            "zapowiedzia|poinformowa|napisa|przypomnia|zauważy|tłumaczy|argumentowa|wskaza|zapewni|oznajmi|"
            "odpowiedzia|zaapelowa|apelowa|ogłosi|informowa|przekaza|skomentowa|komentowa|ostrzega|ostrzeg|"
            "dodawa|przestrzeg|poda|zadeklarowa|uzna|ocenia",
            "ł|ła|li|ło|ły",
        ),
        "mówi|mówią|twierdzi|twierdzą|uważa|uważają|podkreśla|zaznacza|dodaje|dodają|pisze|piszą|przekonuje",
        "wyjaśnia|ocenia|przyznaje|ostrzega|informuje|zapewnia|tłumaczy|wskazuje|argumentuje|komentuje",
        "zauważa|przypomina|podaje|podają|oświadcza|stwierdza|zapowiada|apeluje",
    ),
    impersonal="podano|poinformowano|stwierdzono|zaznaczono|napisano|czytamy|przekazano|podkreślono",
    report_nouns=r"w\s+(?:komunikacie|oświadczeniu|informacji|raporcie|liście|wpisie|dokumencie)",
    according=r"\b(?:(?:według|zdaniem)\s+(?=(?:niego|niej|nich)\b)|(?=(?:jego|jej|ich)\s+zdaniem))"
    r"(?P<pron>niego|niej|nich|jego|jej|ich)(?:\s+zdaniem)?\b|\b(?:według|zdaniem)\b",
    as_said=r"\bjak\s+(?:to\s+)?",
    that=r"(?P<mid>[^.!?\n«»\"„”:;]{0,80}?),\s*(?:że|iż)\s+",
    anaphoric=r"(?:o\s+tym|to|tak)\b",
    goes_on=r"\s*(?:że|iż|o\s+tym)\b",
    clause_end=rf"{_END}|,\s*(?:[—–-]|któr|że|gdy|kiedy|gdzie|a\s|ale\s|i\s)|\s-\s",
    pronouns={"on": "m", "ona": "f", "oni": "p", "one": "p", "niego": "m", "niej": "f", "nich": "p"},
    marks={"„": "”“", "«": "»"},
    gender=((r"(?:ła)$", "f"), (r"(?:li|ły)$", "p"), (r"ł$", "m")),
    female_name=r"(?:ska|cka|dzka|owa|ewa|na|ta|ia|ja)$",
    addressees="dziennikarzom|reporterom|mediom|pap|dgp|agencji|portalowi|rmf|radiu",
    stopwords="w we z na do jak według zdaniem pan pani",
    speech_noun=r"\s*(?:słów|opinii)",
    dash_speech=True,
    trailing_dash=True,
    according_needs_name=True,
    prepositions="w we na do z ze o od dla przez po u",
    relatives="który która które którzy",
    gerund_clause=r"ąc",
)

CS = _lexicon(
    "cs",
    verbs=_words(
        _stems(
            "řek|uved|prohlási|doda|sděli|upozorni|zdůrazni|tvrdi|napsa|oznámi|konstatova|varova|poznamena|"
            "vysvětli|připomně|odhad|oceni|slíbi|přizna|podotk|doplni|informova|vzkáza|prohlašova|uváděl|"
            "dodáva|zopakova|ujisti|potvrdi|odmít|reagova|míni|mysle|soudi",
            "l|la|li|lo|ly",
        ),
        "říká|říkají|uvádí|uvádějí|tvrdí|míní|myslí|dodává|dodávají|píše|píšou|upozorňuje|zdůrazňuje",
        "prohlašuje|konstatuje|varuje|vysvětluje|připomíná|soudí|sděluje|poznamenává|věří",
    ),
    impersonal=r"uvádí\s+se|píše\s+se|stojí|uvedlo|sdělilo|oznámilo",
    report_nouns=r"(?:v|ve|na)\s+(?:prohlášení|zprávě|tiskové\s+zprávě|stránkách|dopise|webu|dokumentu)",
    according=r"\bpodle(?:\s+(?P<pron>něj|ní|nich|jeho|jejích|jejich|svých)(?:\s+slov)?)?\b",
    as_said=r"\bjak\s+(?:to\s+)?",
    that=r"(?P<mid>[^.!?\n«»\"„“:;]{0,80}?),\s*že\s+",
    anaphoric=r"(?:o\s+tom|to|tak)\b",
    goes_on=r"\s*(?:že|o\s+tom)\b",
    clause_end=rf"{_END}|,\s*(?:[—–-]|kter|že|když|kde|a\s|ale\s)",
    pronouns={
        "on": "m",
        "ona": "f",
        "oni": "p",
        "něj": "m",
        "ní": "f",
        "nich": "p",
        "jeho": "m",
        "svých": "?",
    },
    marks=_SLAVIC_MARKS,
    gender=((r"la$", "f"), (r"(?:li|ly)$", "p"), (r"l$", "m")),
    female_name=r"(?:ová|ská|cká|á)$",
    addressees="novinářům|čtk|agentuře|serveru|deníku|listu|bbc|afp|reuters",
    stopwords="v ve podle pan paní na s",
    speech_noun=r"\s*(?:slov|mínění|názoru|odhadu)",
    according_needs_name=True,
    prepositions="v ve na do z ze o od pro u k ke po",
    relatives="který která které kteří",
    gerund_clause=r"(?:íc|ouc)",
)

SK = _lexicon(
    "sk",
    verbs=_words(
        _stems(
            "povedal|vyhlásil|dodal|oznámil|zdôraznil|tvrdil|napísal|informoval|upozornil|poznamenal|vysvetlil|"
            "pripomenul|konštatoval|skonštatoval|priznal|varoval|vyjadril|spresnil|doplnil|hovoril|potvrdil|"
            "ubezpečil|avizoval|zhodnotil|odkázal|reagoval",
            "|a|i|o",
        ),
        "uviedol|uviedla|uviedli|uviedlo",
        "hovorí|hovoria|tvrdí|tvrdia|uvádza|uvádzajú|dodáva|píše|myslí|mieni|upozorňuje|zdôrazňuje|vyhlasuje",
        "konštatuje|varuje|vysvetľuje|pripomína|odkazuje",
    ),
    impersonal=r"uvádza\s+sa|píše\s+sa|konštatuje\s+sa",
    report_nouns=r"(?:v|vo)\s+(?:správe|vyhlásení|stanovisku|liste|tlačovej\s+správe)",
    according=r"\bpodľa(?:\s+(?P<pron>neho|nej|nich|jeho|jej|ich|svojich)(?:\s+slov)?)?\b",
    as_said=r"\bako\s+(?:to\s+)?",
    that=r"(?P<mid>[^.!?\n«»\"„“:;]{0,80}?),\s*že\s+",
    anaphoric=r"(?:o\s+tom|to|tak)\b",
    goes_on=r"\s*(?:že|o\s+tom)\b",
    clause_end=rf"{_END}|,\s*(?:[—–-]|ktor|že|keď|kde|a\s|ale\s)",
    pronouns={"on": "m", "ona": "f", "oni": "p", "neho": "m", "nej": "f", "nich": "p"},
    marks=_SLAVIC_MARKS,
    gender=((r"la$", "f"), (r"li$", "p"), (r"l$", "m")),
    female_name=r"(?:ová|ská|cká|á)$",
    addressees="novinárom|tasr|agentúre|denníku|serveru",
    stopwords="v vo podľa pán pani na s",
    speech_noun=r"\s*(?:slov|názoru)",
    according_needs_name=True,
    prepositions="v vo na do z zo o od pre u k ku po",
    relatives="ktorý ktorá ktoré ktorí",
    gerund_clause=r"(?:úc|iac)",
)

_SL_AUX = r"(?:(?:je|so|sta|smo|ste|sem|bo|bi)\s+(?:(?:še|tudi|ob\s+tem|za\s+\S+|v\s+\S+)\s+)?)?"
SL = _lexicon(
    "sl",
    verbs=_words(
        _SL_AUX
        + _stems(
            "dejal|povedal|poudaril|dodal|izjavil|zatrdil|pojasnil|opozoril|ocenil|menil|napisal|sporočil|"
            "zapisal|odgovoril|priznal|spomnil|izpostavil|zagotovil|napovedal|razložil|trdil|nadaljeval|sklenil|"
            "ugotovil|potrdil|povzel|opisal|pripomnil|posvaril|svaril|obljubil|odvrnil|dodajal|navedel|rekel|"
            "naznanil|zaključil|vztrajal|izrazil\\s+(?:prepričanje|upanje|mnenje)",
            "|a|i|e|o",
        ),
        _SL_AUX + "(?:navedla|navedli|rekla|rekli)",
        "pravi|pravijo|meni|menijo|piše|pišejo|dodaja|poudarja|opozarja|pojasnjuje|ugotavlja|zatrjuje|trdi",
        "trdijo|odvrne|pove|povedo|razlaga|navaja|navajajo|ocenjuje|pojasni|sklepa",
    ),
    impersonal=r"piše|je\s+zapisano|so\s+zapisali|so\s+sporočili",
    report_nouns=r"(?:v|na)\s+(?:sporočilu|izjavi|poročilu|pismu|dokumentu|objavi|spletni\s+strani)",
    according=r"\bpo\s+(?:(?P<pron>njegovih|njenih|njihovih)\s+)?(?:besedah|mnenju|navedbah|oceni)\b",
    as_said=r"\b(?:kot|kakor)\s+",
    that=r"(?P<mid>(?:\s+[^\s.!?«»\"„“:;,]+){0,4}?),\s*da\s+",
    anaphoric=r"(?:o\s+tem|to|tako)\b",
    goes_on=r"\s*(?:da|o\s+tem)\b",
    clause_end=rf"{_END}|,\s*(?:[—–-]|ki\s|da\s|ko\s|kjer|a\s|ampak|in\s)|\s(?:ki|ko)\s",
    pronouns={"on": "m", "ona": "f", "oni": "p", "njegovih": "m", "njenih": "f", "njihovih": "p"},
    marks={"»": "«", "„": "“”", "“": "”"},
    gender=((r"la$", "f"), (r"(?:li|le)$", "p"), (r"l$", "m")),
    female_name=r"(?:ova|eva|ska|na|ja|ka)$",
    addressees="sta|novinarjem|medijem",
    stopwords="v po na pri za",
    prepositions="v na do iz z s o od za pri po k",
    relatives="ki kateri katera",
    gerund_clause=r"č",
)

_HR_AUX = r"(?:(?:je|su|sam|smo|ste)\s+)?"
HR = _lexicon(
    "hr",
    verbs=_words(
        _HR_AUX
        + "(?:rekao|rekla|rekli|izjavio|izjavila|izjavili|kazao|kazala|kazali|naglasio|naglasila|dodao|"
        "dodala|"
        "istaknuo|istaknula|objasnio|objasnila|poručio|poručila|upozorio|upozorila|tvrdio|tvrdila|naveo|navela|"
        "priopćio|priopćila|napisao|napisala|ocijenio|ocijenila|pojasnio|pojasnila|zaključio|najavio|potvrdio|"
        "potvrdila|odgovorio|ustvrdio|ustvrdila|smatrao)(?:\\s+je|\\s+su)?",
        "kaže|kažu|smatra|smatraju|tvrdi|tvrde|navodi|navode|ističe|ističu|piše|izjavljuje|poručuje|upozorava",
        "naglašava|objašnjava|dodaje|napominje",
    ),
    impersonal=r"(?:ističe|navodi|kaže|naglašava)\s+se|se\s+(?:ističe|navodi|kaže|naglašava)|priopćeno\s+je|"
    r"objavljeno\s+je|stoji",
    report_nouns=r"(?:u|na)\s+(?:priopćenju|izjavi|izvješću|tužbi|pismu|dokumentu|odluci|objavi|stranici)",
    according=r"\bprema\s+(?:(?P<pron>njegovim|njezinim|njihovim)\s+)?(?:riječima\b)?",
    as_said=r"\bkako\s+",
    that=r"(?P<mid>(?:\s+[^\s.!?«»\"„“:;,]+){0,3}?),?\s+(?:da|kako)\s+",
    anaphoric=r"(?:o\s+tome|to|tako)\b",
    goes_on=r"\s*(?:da|kako|o\s+tome)\b",
    clause_end=rf"{_END}|,\s*(?:[—–-]|koj|da\s|kada|gdje|a\s|ali\s)|\s(?:koji|koja|koje)\s",
    pronouns={"on": "m", "ona": "f", "oni": "p", "njegovim": "m", "njezinim": "f", "njihovim": "p"},
    marks=_SLAVIC_MARKS,
    gender=((r"la(?:\s+je)?$", "f"), (r"(?:li|le)(?:\s+su)?$", "p"), (r"o(?:\s+je)?$", "m")),
    female_name=r"(?:ić|ova|eva|na|ja|ka)$",
    addressees="novinarima|hini|medijima",
    stopwords="u na prema za s sa",
    speech_noun=r"riječima",
    according_needs_name=True,
    prepositions="u na do iz s sa o od za pri po k",
    relatives="koji koja koje",
    gerund_clause=r"ći",
)

UK = _lexicon(
    "uk",
    verbs=_words(
        _stems(
            "заяви|сказа|зазначи|повідоми|наголоси|дода|підкресли|поясни|написа|зауважи|нагада|вислови|"
            "відзначи|визна|попереди|запевни|оголоси|уточни|заявля|стверджува|наголошува|розпові|відпові|"
            "прокоментува|резюмува|констатува|пообіця|переконува|передава",
            "в|ла|ли|ло",
        ),
        "каже|кажуть|вважає|вважають|говорить|говорять|пише|пишуть|заявляє|заявляють|зазначає|зазначають",
        "наголошує|підкреслює|стверджує|стверджують|додає|пояснює|переконаний|переконана|впевнений|упевнений",
        "передає|цитує",
    ),
    impersonal=r"йдеться|повідомляється|зазначається|сказано|наголошується|ідеться",
    report_nouns=r"(?:в|у)\s+(?:повідомленні|заяві|пресрелізі|прес-релізі|документі|листі|зверненні|дописі|"
    r"публікації|статті|коментарі|інтерв['’]ю|матеріалі)",
    according=r"\b(?:за|на)\s+(?:(?P<pron>його|її|їхніми|їх)\s+)?(?:словами|думку|твердженням|оцінкою|версією)\b",
    as_said=r"\bяк\s+",
    that=r"(?P<mid>[^.!?\n«»\"„“:;]{0,80}?),\s*(?:що|нібито|мовляв)\s+",
    anaphoric=r"(?:про\s+це|це|так)\b",
    goes_on=r"\s*(?:що|про\s+те)\b",
    clause_end=rf"{_END}|,\s*(?:[—–-]|котр|як(?:ий|а|і)\b|що|коли|де|а\s|але\s|і\s)",
    pronouns={"він": "m", "вона": "f", "вони": "p", "його": "m", "її": "f", "їх": "p"},
    marks={"«": "»", "„": "“”"},
    gender=((r"ла$", "f"), (r"ли$", "p"), (r"в$", "m")),
    female_name=r"(?:ова|ева|єва|ська|цька|на|ая|ія)$",
    addressees="журналістам|укрінформ|унн|агентству|виданню",
    stopwords="в у за на як",
    prepositions="в у на до з із про від для за при",
    relatives="який яка які що",
    gerund_clause=r"(?:чи|ши)",
)

BG = _lexicon(
    "bg",
    verbs=_words(
        "каза|казаха|заяви|заявиха|заявява|заявяват|посочи|посочиха|подчерта|подчертаха|добави|добавиха|обясни",
        "обясниха|обяви|обявиха|съобщи|съобщиха|смята|смятат|коментира|изтъкна|допълни|отбеляза|отбелязаха",
        "увери|предупреди|предупредиха|написа|пише|пишат|твърди|твърдят|призна|уточни|заключи|казва|казват",
        "подчертава|предаде|предадоха|категоричен|категорична",
    ),
    impersonal=r"се\s+(?:казва|посочва|подчертава|отбелязва|съобщава)",
    report_nouns=r"в\s+(?:съобщението|съобщение|изявлението|изявление|позицията|писмото|документа|интервю|доклада|статия)",
    according=r"\b(?:по\s+думите\s+|според\s+)(?P<pron>му|й|им|него|нея|тях)\b|\b(?:по\s+думите\s+на|според)\b",
    as_said=r"\b(?:както|като)\s+",
    that=r"(?P<mid>[^.!?\n«»\"„“:;]{0,80}?),\s*(?:че|как)\s+",
    anaphoric=r"(?:за\s+това|това|така)\b",
    goes_on=r"\s*(?:че|за\s+това)\b",
    clause_end=rf"{_END}|,\s*(?:[—–-]|който|която|които|което|че|когато|където|а\s|но\s|и\s|цитиран)",
    pronouns={
        "той": "m",
        "тя": "f",
        "те": "p",
        "него": "m",
        "нея": "f",
        "тях": "p",
        "му": "m",
        "й": "f",
        "им": "p",
    },
    marks={"„": "“”", "«": "»"},
    female_name=r"(?:ова|ева|ска|на|ая)$",
    addressees="журналисти|бта|агенцията|изданието",
    stopwords="в на според за от",
    according_needs_name=True,
    prepositions="в във на до от за с със при по към",
    relatives="който която които",
    gerund_clause=r"йки",
)

LEXICONS: dict[str, Lexicon] = {lex.language: lex for lex in (RU, UK, BG, PL, CS, SK, SL, HR, EN, ES, FR, IT)}
