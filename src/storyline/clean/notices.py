"""Notices an outlet sets around its articles: sentences about the site, not news.

A notice addresses the reader about the publication itself: a standing note that the post belongs
to a coverage series ("Este post es parte de nuestra cobertura especial Protestas en Yemen 2011"),
the privacy or cookie policy, a call to subscribe or to follow a channel, copyright, the comment
section, how to report a typo. Each rule below names one kind and matches the fixed wording such
notices use in the languages of the data (ru, uk, bg, pl, cs, sk, sl, hr, en, de, es, fr, it, pt);
none knows a particular outlet. A rule fires on wording that addresses the reader ("our privacy
policy", "подпишитесь", "abonnez-vous") rather than on a topic word, so a news sentence about a
privacy law or a subscription price is not a notice.

``notice(text)`` gives the name of the first rule that fires. The clean stage drops short lines
that are notices (``rules.site_notice``); the views keep notices out of headlines, summaries and
timelines (``views.units.notice_sentence``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

# a notice is one or two sentences; a longer line that matches is text quoting the wording
NOTICE_MAX_WORDS = 40

# "this post / article is part of ..." in the languages of the data
COVERAGE_NOTE = re.compile(
    r"\b(?:this|este|esta|ce|cet|cette|questo|questa|dieser|diese|этот|эта|этот|цей|ця|тази|този|"
    r"ten|ta|tento|táto|ovaj|ova)\s+(?:\w+\s+)?"
    r"(?:post|billet|article|artículo|articulo|articolo|publicación|entrada|pubblicazione|publication|"
    r"beitrag|artikel|пост|материал|текст|матеріал|допис|публикация|статия|материал|wpis|artykuł|"
    r"tekst|článek|článok|příspěvek|príspevok|prispevek|članek|članak|objava)\s+"
    r"(?:is|es|forma|fait|fa|faz|ist|является|входит|є|входить|е|jest|je)\s+"
    r"(?:a\s+)?(?:part|parte|partie|teil|частью|в\s+\w+|частиною|до|част|częścią|součástí|súčasťou|"
    r"del|dio)\b"
    # "Lea más en nuestra cobertura especial ...", "see our special coverage"
    # "Lea más en nuestra cobertura especial …", "visita nuestra página de cobertura especial"
    r"|\b(?:our|nuestra|notre|nostro|nossa)\s+(?:\w+\s+(?:\w+\s+)?)?(?:special\s+coverage|"
    r"cobertura\s+especial|couverture\s+spéciale|speciale)\b",
    re.IGNORECASE,
)

# the site's privacy policy or terms of use ("privacy" alone is also a news topic)
PRIVACY_WORD = (
    r"privacy|privacidad|privacidade|confidentialité|datenschutz|конфиденциальност\w*|"
    r"конфіденційност\w*|поверителност\w*|prywatności|soukromí|súkromia|zasebnost\w*|privatnost\w*"
)
POLICY_WORD = (
    r"policy|policies|notice|statement|settings|preferences|polític\w*|politique\w*|informativa|"
    r"normativa|richtlinie|erklärung|политик\w*|політик\w*|polityk\w*|zásad\w*|pravil\w*|politik\w*"
)
PERSONAL_DATA = (
    r"(?:personal|personales|personnelles|personali|personenbezogenen|персональн\w+|особист\w+|лични|"
    r"osobowych|osobních|osobných|osebnih|osobnih)\s+(?:data|datos|données|dati|daten|данн\w+|дан\w+|"
    r"danych|údajů|údajov|podatkov|podataka)|"
    r"(?:datos|données|dati|daten|danych|údajů|údajov|podatkov|podataka)\s+(?:personales|personnelles|"
    r"personali|osobowych|osobních|osobných|osebnih|osobnih)"
)
TERMS_OF_USE = (
    r"(?:terms|condiciones|conditions|condizioni|правил\w*|умов\w*|regulamin\w*|podmínk\w*)\s+"
    r"(?:of\s+use|de\s+uso|d'utilisation|générales|d'uso|di\s+utilizzo|использования|"
    r"користування|пользования|korzystania|użytkowania|používání|používania)"
)
PRIVACY_TERMS = (
    rf"\b(?:{POLICY_WORD})(?:\s+\S+){{0,4}}\s+(?:{PRIVACY_WORD})|\b(?:{PRIVACY_WORD})\s+(?:{POLICY_WORD})|"
    rf"datenschutzerklärung|{PERSONAL_DATA}|{TERMS_OF_USE}"
)
# words by which a site addresses its reader or speaks for itself (not "su", "sua", "sie", "lei":
# they also mean "his", "her", "they")
READER = (
    r"you|your|usted|ustedes|tu|tus|tienes|vous|votre|vos|tua|tue|tuoi|ihr|ihre[nmrs]?|вы|вас|вам|"
    r"ваш\w*|ви|вие|вашите|państwo|twoj\w*|wasz\w*|vy|vás|váš\w*|vaš\w*|tvoj\w*|"
    r"our|we|us|nuestr[ao]s?|nosotros|notre|nos|nous|nostr[aoei]|nossa|unser\w*|wir|мы|нас|наш\w*|"
    r"ми|нашите|nasz\w*|náš|naše\w*|našich|našem|naš\w*"
)
# a reader addressed by a gerund or a formal "you": "Cliccando sul bottone", "Può ritirare il consenso"
ADDRESS = (
    r"cliccando|clicking|haciendo\s+clic|en\s+cliquant|нажимая|натискаючи|klikając|kliknutím|può|puede|"
    r"ritirare|revocar|retirer|withdraw|отозвать|відкликати"
)
CONSENT = (
    r"consenso|consentimiento|consentement|consent|einwilligung|согласие|згоду|zgod[ęaey]|souhlas|súhlas"
)
DATA = r"dati|datos|données|data|daten|данны\w+|дані|danych|údaj\w*|podatk\w*|podatak\w*"
PRIVACY_TERMS_RE = re.compile(PRIVACY_TERMS, re.IGNORECASE)
PRIVACY_WORD_RE = re.compile(rf"\b(?:{PRIVACY_WORD})", re.IGNORECASE)
READER_RE = re.compile(rf"\b(?:{READER})\b", re.IGNORECASE)
# a reader told to accept, consult or read the policy
ACTION_RE = re.compile(
    r"\b(?:accept\w*|acept\w*|consult\w*|lea|lee|lire|leggi|akzeptier\w*|принима\w*|приймаєте|"
    r"ознакомил\w*|ознайомил\w*|ознайомит\w*|akceptuj\w*|souhlas\w*|súhlas\w*|ingrese)\b",
    re.IGNORECASE,
)
ADDRESS_RE = re.compile(rf"\b(?:{ADDRESS})\b", re.IGNORECASE)
CONSENT_RE = re.compile(rf"\b(?:{CONSENT})\b", re.IGNORECASE)
DATA_RE = re.compile(rf"\b(?:{DATA}|commenti|comentarios|commentaires|comments)\b", re.IGNORECASE)

COOKIE_NOTICE = re.compile(
    r"\bcookies?\b|\bкуки\b|\bфайл\w* cookie|\bciasteczk\w+|\bpiškotk\w+|\bkolačić\w*|"
    r"\bбисквитк\w+",
    re.IGNORECASE,
)
# the site, its use of cookies or the reader's consent ("you" alone also speaks of biscuits)
COOKIE_CONTEXT = re.compile(
    r"\b(?:site|sitio|sito|website|web|navega\w*|navigat\w*|naviga\w*|brows\w*|"
    r"сайт\w*|страниц\w*|stron\w*|strán\w*|stran\w*|usamos|utilizziamo|"
    r"utiliz\w*|utilis\w*|informativa|use|uses|используем|використовуємо|використовує|використання|používáme|používame|"
    r"uporabljamo|koristimo|używamy|accept\w*|acept\w*|consent\w*|consenso|preferen\w*|settings|"
    r"impostazioni|paramètres|configuración)\b",
    re.IGNORECASE,
)

# a call to subscribe, sign up for a newsletter or follow a channel (imperatives and first-person
# offers, not the verb in a news sentence: "users who choose not to subscribe")
SUBSCRIBE = (
    r"subscribe\s+(?:to|now|here|for|today)|sign\s+up\s+(?:for|to|here|now)|suscr[ií]bete|suscríbase|"
    r"suscribite|suscribirte|abónate|abonnez|abonne-toi|abbonati|abbonarti|iscriviti|inscrivez-vous|"
    r"assine|abonnieren\s+sie|подписывайтесь|подпишитесь|подписывайся|подпишись|"
    r"підписуйтесь|підписуйтеся|підпишіться|підписуйся|абонирайте\s+се|zasubskrybuj|subskrybuj|"
    r"zapisz\s+się|przihlaste\s+se|přihlaste\s+se|prihláste\s+sa|naročite\s+se|pretplatite\s+se|"
    r"predplaťte|předplaťte"
)
NEWSLETTER = r"newsletters?|boletín|рассылк\w+|розсилк\w+"
RECEIVE = (
    r"recib\w+|reciba|recevez|recevoir|ricevi\w*|receive|get|получайте|получать|отримуйте|"
    r"otrzymuj\w*|odebírejte|inscri\w+|iscriviti|sign\w*|envoyer|inviare|enviar"
)
SUBSCRIPTION_CALL = re.compile(
    rf"\b(?:{SUBSCRIBE})\b"
    rf"|\b(?:{NEWSLETTER})\b.*\b(?:{READER}|{RECEIVE})\b|\b(?:{READER}|{RECEIVE})\b.*\b(?:{NEWSLETTER})\b"
    r"|\b(?:читайте|следите|слідкуйте|follow)\b.*\b(?:telegram|viber|twitter|facebook|instagram|"
    r"youtube|дзен\w*|канал\w*)\b"
    # asks for money: "¿Nos ayudas a hacer un periodismo valiente?", "S'abonner, c'est soutenir …"
    r"|\b(?:nos\s+ayudas|ayúdanos|apóyanos|sostienici|sostieni|soutenez|support\s+us|поддержите|"
    r"підтримайте|wesprzyj|podpořte)\b.*\b(?:periodismo|journalism|journalisme|giornalismo|"
    r"журналисти\w*|журналісти\w*|dziennikarstw\w*|novinařin\w*|noi|nous|nos|nas|нас)\b"
    r"|\bs'abonner\b|\boffres\s+d'abonnement\b",
    re.IGNORECASE,
)

COPYRIGHT_NOTICE = re.compile(
    # "©" (not the "Ã©" of UTF-8 text read as Latin-1), "Copyright 2019", "Copyright ©"
    r"(?<!Ã)©|\(c\)\s*\d{4}|\bcopyright\s*(?:©|\(c\)|\d{4}|:)|all\s+rights\s+reserved|"
    r"derechos\s+reservados|droits\s+réservés|diritti\s+riservati|riproduzione\s+riservata|"
    r"alle\s+rechte\s+vorbehalten|direitos\s+reservados|все\s+права\s+защищены|"
    r"(?:всі|усі)\s+права\s+захищені|всички\s+права\s+запазени|wszelkie\s+prawa\s+zastrzeżone|"
    r"všechna\s+práva\s+vyhrazena|všetky\s+práva\s+vyhradené|vse\s+pravice\s+pridržane|"
    r"sva\s+prava\s+(?:pridržana|zadržana)",
    re.IGNORECASE,
)

# the comment section: log in or register to comment, comments closed
COMMENT_WORD = (
    r"comments|(?:a|to|your|post)\s+comment|commenter|commentaires?|commenti|commentare|commentabile|"
    r"comentar|comentarios?|комментари\w*|комментировать|комментирования|коментар\w*|коментувати|"
    r"komentarz\w*|komentowa[ćc]|komentáře|komentovat"
)
LOGIN_WORD = (
    r"log(?:ged)?\s*in|sign\s*in|register|registered|regístrate|regístrese|registrarse|registrado|"
    r"registrati|registrarti|registrieren|connectez|connecter|авториз\w+|зарегистр\w+|зареєстр\w+|"
    r"увійдіть|zaloguj\w*|přihlas\w+|prihlás\w+|prijav\w+|"
    # what the reader must do, or what happens to the comments
    r"you\s+must|debes|tienes\s+que|devi|vous\s+devez|approvat\w*|aprobad\w*|approuvés|chiusi|"
    r"cerrados|fermés|closed|закрыт\w*|закрит\w*"
)
COMMENT_NOTICE = re.compile(
    rf"\b(?:{COMMENT_WORD})\b.*\b(?:{LOGIN_WORD})\b|\b(?:{LOGIN_WORD})\b.*\b(?:{COMMENT_WORD})\b"
    r"|\b(?:iniciar|inicia|inicie)\s+sesión\b|non\s+è\s+più\s+commentabile|comments\s+are\s+closed|"
    r"commentaires\s+sont\s+fermés|обсуждение\s+закрыто|коментування\s+закрито",
    re.IGNORECASE,
)

# "Temps de lecture: 2 min", "5 min read"
READING_TIME = re.compile(
    r"\b(?:temps\s+de\s+lecture|tiempo\s+de\s+lectura|tempo\s+di\s+lettura|reading\s+time|"
    r"lesezeit|время\s+чтения|час\s+читання|czas\s+czytania|čas\s+čtení|čas\s+čítania)\s*:?\s*\d"
    r"|\b\d+\s*min\.?\s+read\b",
    re.IGNORECASE,
)

# "if you found a typo, select it and press Ctrl+Enter"
ERROR_REPORT = re.compile(r"ctrl\s*\+\s*enter", re.IGNORECASE)


# the site's account form: password, user name, "remember me" ("¿Olvidaste tu contraseña?")
ACCOUNT_MAX_WORDS = 12
ACCOUNT_FORM = re.compile(
    r"\b(?:password|passwords|contraseña|mot\s+de\s+passe|passwort|пароль|пароля|hasło|hasła|heslo|geslo|"
    r"lozinka|lozinku|palavra-passe|senha)\b"
    r"|\b(?:user\s*name|nombre\s+de\s+usuario|datos\s+de\s+usuario|nom\s+d'utilisateur|benutzername|"
    r"nome\s+utente|имя\s+пользователя|nazwa\s+użytkownika|uživatelské\s+jméno)\b"
    r"|\b(?:remember\s+me|recordar\s+mi\s+usuario|recuérdame|se\s+souvenir\s+de\s+moi|ricordami|"
    r"angemeldet\s+bleiben|запомнить\s+меня|запам'ятати\s+мене|zapamiętaj\s+mnie)\b",
    re.IGNORECASE,
)
# an outlet's offer to its members or subscribers, in its own voice or addressed to the reader:
# "Consulta la edición digital y contenidos exclusivos. Sé parte de El Economista Club"
MEMBERS_OFFER = re.compile(
    r"\b(?:edición\s+digital|édition\s+numérique|digital\s+edition|edizione\s+digitale|"
    r"digitale\s+ausgabe|contenidos\s+exclusivos|contenus\s+exclusifs|exclusive\s+content|"
    r"contenuti\s+esclusivi|exklusive\s+inhalte|nuestras\s+promociones|nos\s+offres|our\s+offers|"
    r"le\s+nostre\s+offerte|эксклюзивные\s+материалы|ексклюзивні\s+матеріали)\b",
    re.IGNORECASE,
)
OFFER_ACTION = re.compile(
    rf"\b(?:{READER}|consulta|accede|acceda|disfruta|disfrute|sé|únete|consultez|accédez|profitez|"
    r"rejoignez|consulta|accedi|scopri|unisciti|access|enjoy|join|read|lesen|entdecken)\b",
    re.IGNORECASE,
)


# a label of when the page was published or updated: "время публикации: 24 ноября 2020 г., 19:49 |
# последнее обновление: 24 ноября 2020 г., 23:27" (a news sentence says who published what)
STAMP_MAX_WORDS = 20
PUBLICATION_STAMP = re.compile(
    r"^\W*(?:время\s+публикации|дата\s+публикации|опубликовано|обновлено|последнее\s+обновление|"
    r"час\s+публікації|дата\s+публікації|опубліковано|оновлено|публикувано|обновено|"
    r"published(?:\s+on)?|updated(?:\s+on)?|last\s+updated|first\s+published|publié\s+le|mis\s+à\s+jour|"
    r"publicado(?:\s+el)?|actualizado(?:\s+el)?|pubblicato(?:\s+il)?|aggiornato(?:\s+il)?|"
    r"veröffentlicht(?:\s+am)?|aktualisiert(?:\s+am)?|opublikowano|zaktualizowano|publikováno|"
    r"aktualizováno|publikované|aktualizované|objavljeno|posodobljeno|ažurirano)\b\s*:?\s*\d",
    re.IGNORECASE,
)
# the text is another outlet's, republished under a partnership: "Цей матеріал опубліковано на
# Корреспондент.net в рамках офіційної партнерської угоди з Deutsche Welle" ("Originally published on
# Live Science" is body text by the cleaning benchmark's gold, so it is not a notice here)
SYNDICATION_NOTE = re.compile(
    r"\b(?:партнерск\w+\s+(?:соглашени\w+|договор\w*)|партнерськ\w+\s+угод\w+|партньорск\w+\s+споразумени\w+|"
    r"partnership\s+agreement|accord\s+de\s+partenariat|acuerdo\s+de\s+(?:colaboración|asociación)|"
    r"accordo\s+di\s+(?:partnership|collaborazione)|umowy\s+partnerskiej|partnerské\s+smlouvy)\b",
    re.IGNORECASE,
)


# the outlet's mass-media registration: "Название: NTV.RU Эл № ФС 77-69486 Учредитель (соучредители) СМИ"
MEDIA_REGISTRATION = re.compile(
    r"\b(?:эл|пи|ЭЛ|ПИ)\s*№\s*(?:фс|ФС|ту|ТУ)\s*\d|свидетельство\s+о\s+регистрации\s+(?:сми|средства)|"
    r"учредител\w*\s*(?:\(соучредител\w*\)\s*)?(?:сми|:)|зарегистрирован\w*\s+(?:в\s+)?роскомнадзор\w*|"
    r"свідоцтво\s+про\s+(?:державну\s+)?реєстрацію",
    re.IGNORECASE,
)


# a link to another article of the site: "Читайте также: Президент Чехии …", "Read more: …"
READ_ALSO = re.compile(
    r"^\W*(?:читайте\s+также|читайте\s+також|прочетете\s+още|вижте\s+още|read\s+(?:also|more)|see\s+also|"
    r"related\s*:|lea\s+también|lee\s+también|lire\s+aussi|à\s+lire\s+aussi|leggi\s+anche|lesen\s+sie\s+auch|"
    r"czytaj\s+(?:też|także|również)|čtěte\s+(?:také|též)|čítajte\s+aj|preberite\s+še|pročitajte\s+(?:i|još))\b",
    re.IGNORECASE,
)


# Each rule first checks that the case-folded text holds one of its key fragments (plain substring
# tests, cheap); only then do its patterns run. Every pattern of a rule needs one of its fragments.
COVERAGE_KEYS = (
    "part", "teil", "част", "dio", "součástí", "súčasťou", "входит", "входить", "speciale", "special",
    "especial", "spéciale",
)  # fmt: skip
PRIVACY_KEYS = (
    "privac", "confidential", "datenschutz", "конфиденц", "конфіденц", "поверител", "prywatn", "soukrom",
    "súkrom", "zasebn", "privatn", "person", "персональн", "особист", "лични", "osobow", "osobn",
    "osebn", "terms", "condicion", "condition", "condizion", "правил", "умов", "regulamin", "podmín",
    "consen", "согласи", "згод", "zgod", "souhlas", "súhlas", "einwillig",
)  # fmt: skip
COOKIE_KEYS = ("cookie", "куки", "ciasteczk", "piškotk", "kolačić", "бисквитк")
SUBSCRIPTION_KEYS = (
    "newsletter", "boletín", "рассылк", "розсилк", "subscri", "sign", "suscr", "abón", "abonn", "abbona",
    "iscriv", "inscri", "assine", "abonnier", "подпис", "підпис", "подпиш", "підпиш", "абонир",
    "subskryb", "zapisz",
    "přihlas", "prihlás", "naroč", "pretplat", "předplat", "predplat", "telegram", "viber", "twitter",
    "facebook", "instagram", "youtube", "дзен", "канал", "ayud", "apóyanos", "sostien", "soutenez",
    "support", "поддержите", "підтримайте", "wesprzyj", "podpoř",
)  # fmt: skip
COPYRIGHT_KEYS = (
    "©", "(c)", "copyright", "rights", "derechos", "droits", "diritti", "riproduzione", "rechte",
    "direitos", "права", "prawa", "práva", "pravice", "prava",
)  # fmt: skip
COMMENT_KEYS = (
    "comment", "coment", "коммент", "комент", "komentar", "komentow", "komentá", "komentovat", "sesión",
    "обсуждение",
)  # fmt: skip
ACCOUNT_KEYS = (
    "pass", "contraseña", "usuario", "utilisateur", "benutzer", "utente", "пароль", "пароля",
    "пользовател", "hasł", "heslo", "geslo", "lozink", "senha", "remember", "recuérdame", "souvenir",
    "ricordami", "angemeldet", "запомнить", "запам", "zapamiętaj", "user", "użytkownik", "uživatel",
)  # fmt: skip
OFFER_KEYS = (
    "digital", "numérique", "exclusiv", "esclusiv", "exklusiv", "промоц", "promociones", "offres",
    "offers", "offerte", "эксклюзив", "ексклюзив",
)  # fmt: skip
STAMP_KEYS = (
    "публикац", "опубликов", "обновл", "публікац", "опубліков", "оновл", "публикув", "обновен",
    "published", "updated", "publié", "mis à jour", "publicado", "actualizado", "pubblicato",
    "aggiornato", "veröffentlicht", "aktualisiert", "opublikowano", "zaktualizowano", "publikov",
    "aktualizov", "objavljeno", "posodobljeno", "ažurirano",
)  # fmt: skip
SYNDICATION_KEYS = (
    "партнерск", "партнерськ", "партньорск", "partnership", "partenariat", "colaboración", "asociación",
    "collaborazione", "partnersk",
)  # fmt: skip
READ_ALSO_KEYS = (
    "читайте", "прочетете", "вижте", "read", "see also", "related", "también", "lire", "leggi", "lesen",
    "czytaj", "čtěte", "čítajte", "preberite", "pročitajte",
)  # fmt: skip
REGISTRATION_KEYS = ("№", "свидетельство", "учредител", "роскомнадзор", "свідоцтво")
READING_KEYS = (
    "lecture", "lectura", "lettura", "reading", "lesezeit", "чтения", "читання", "czytania", "čtení",
    "čítania", "min",
)  # fmt: skip


def _holds(text: str, keys: tuple[str, ...]) -> bool:
    folded = text.casefold()
    return any(k in folded for k in keys)


def coverage_note(text: str) -> bool:
    """The post belongs to a coverage series: "Ce billet fait partie de notre dossier sur le
    soulèvement en Syrie 2011-2012"."""
    return _holds(text, COVERAGE_KEYS) and bool(COVERAGE_NOTE.search(text))


def privacy_notice(text: str) -> bool:
    """The site's privacy policy or the reader's data: "Para poder iniciar sesión tienes que
    aceptar nuestra política de privacidad."."""
    if not _holds(text, PRIVACY_KEYS):
        return False
    # separate searches: one pattern with ".*" between the alternatives backtracks badly
    if PRIVACY_TERMS_RE.search(text) and (READER_RE.search(text) or ACTION_RE.search(text)):
        return True
    if ACTION_RE.search(text) and PRIVACY_WORD_RE.search(text):
        return True
    # consent to the use of the reader's data: "conferisce il proprio pieno consenso all'utilizzo dei dati"
    return bool(
        CONSENT_RE.search(text)
        and DATA_RE.search(text)
        and (READER_RE.search(text) or ADDRESS_RE.search(text))
    )


def cookie_notice(text: str) -> bool:
    """Cookies of the site: "Usamos cookies a fin de mejorar nuestro servicio."."""
    return _holds(text, COOKIE_KEYS) and bool(COOKIE_NOTICE.search(text) and COOKIE_CONTEXT.search(text))


def subscription_call(text: str) -> bool:
    """A call to subscribe or follow: "Читайте нас у Telegram. Підписуйтесь на наш канал"."""
    return _holds(text, SUBSCRIPTION_KEYS) and bool(SUBSCRIPTION_CALL.search(text))


def copyright_notice(text: str) -> bool:
    """ "© La Vanguardia Ediciones Todos los derechos reservados"."""
    return _holds(text, COPYRIGHT_KEYS) and bool(COPYRIGHT_NOTICE.search(text))


def comment_notice(text: str) -> bool:
    """ "Questo articolo non è più commentabile. Abbonati al Post per commentare le altre notizie."."""
    return _holds(text, COMMENT_KEYS) and bool(COMMENT_NOTICE.search(text))


def reading_time(text: str) -> bool:
    """ "Temps de lecture: 2 min"."""
    return _holds(text, READING_KEYS) and bool(READING_TIME.search(text))


def account_form(text: str) -> bool:
    """The site's log-in form: "¿Olvidaste tu contraseña?", "Recordar mi usuario" (a label or a
    prompt of a few words: a news sentence about stolen passwords is longer)."""
    short = len(text.split()) <= ACCOUNT_MAX_WORDS
    return short and _holds(text, ACCOUNT_KEYS) and bool(ACCOUNT_FORM.search(text))


def members_offer(text: str) -> bool:
    """An offer to members or subscribers: "Consulta la edición digital y contenidos exclusivos"."""
    return _holds(text, OFFER_KEYS) and bool(MEMBERS_OFFER.search(text) and OFFER_ACTION.search(text))


def publication_stamp(text: str) -> bool:
    """When the page was published or updated: "время публикации: 24 ноября 2020 г., 19:49"."""
    short = len(text.split()) <= STAMP_MAX_WORDS
    return short and _holds(text, STAMP_KEYS) and bool(PUBLICATION_STAMP.search(text))


def syndication_note(text: str) -> bool:
    """Republished from another outlet: "Цей матеріал опубліковано на Корреспондент.net в рамках
    офіційної партнерської угоди з Deutsche Welle"."""
    return _holds(text, SYNDICATION_KEYS) and bool(SYNDICATION_NOTE.search(text))


def read_also(text: str) -> bool:
    """A link to another article of the site: "Читайте также: Президент Чехии Милош Земан …"."""
    return _holds(text, READ_ALSO_KEYS) and bool(READ_ALSO.search(text))


def media_registration(text: str) -> bool:
    """The outlet's registration as mass media: "Эл № ФС 77-69486 Учредитель (соучредители) СМИ"."""
    return _holds(text, REGISTRATION_KEYS) and bool(MEDIA_REGISTRATION.search(text))


def error_report(text: str) -> bool:
    """ "Если вы заметили ошибку, выделите необходимый текст и нажмите Ctrl+Enter"."""
    return "ctrl" in text.casefold() and bool(ERROR_REPORT.search(text))


NOTICE_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("coverage_note", coverage_note),
    ("privacy_notice", privacy_notice),
    ("cookie_notice", cookie_notice),
    ("subscription_call", subscription_call),
    ("copyright_notice", copyright_notice),
    ("comment_notice", comment_notice),
    ("reading_time", reading_time),
    ("error_report", error_report),
    ("account_form", account_form),
    ("members_offer", members_offer),
    ("publication_stamp", publication_stamp),
    ("syndication_note", syndication_note),
    ("media_registration", media_registration),
    ("read_also", read_also),
)


@functools.lru_cache(maxsize=65536)
def notice(text: str, max_words: int = NOTICE_MAX_WORDS) -> str | None:
    """The name of the first notice rule ``text`` matches, or None (also for text longer than
    ``max_words`` words, which is not a notice but a text that quotes one)."""
    if len(text.split()) > max_words:
        return None
    for name, rule in NOTICE_RULES:
        if rule(text):
            return name
    return None
