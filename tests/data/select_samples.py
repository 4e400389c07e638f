"""Pick the sentences of the hand-labelled samples by a fixed rule (not by what the rules find).

    python tests/data/select_samples.py dates > candidates.jsonl
    python tests/data/select_samples.py quotes > candidates.jsonl

**dates** (``dates_slavic_sample.jsonl``):

For each bsnlp language other than Russian: split every document into sentences (razdel, paragraph
breaks kept), keep sentences of 30-400 characters that contain a digit or one of the date words below
(month, weekday and yesterday/today/tomorrow stems of the language), order them by the SHA-1 of their id
and take the first ``PER_LANGUAGE``, at most ``PER_DOCUMENT`` from one document. Documents need a usable
publication date (ISO date or datetime, not 1970-01-01), except in hr and sk, where only 5 and 3 of the 25
documents have one: their undated documents are taken too, with ``published`` null. ``split`` is ``test``
when the first eight hex digits of SHA-1(id) are odd, else ``dev``.

The gold mentions and values were then written by hand into ``dates_slavic_sample.jsonl``.

**quotes** (``quotes_multilingual_sample.jsonl``): windows of two consecutive sentences (the sentence and
the one before it, so that a pronoun's antecedent can be in view) from bsnlp (uk, bg, pl, cs, sk, sl, hr),
ml_crisis_tls (es, fr, it) and the English texts of semeval22_task8_sample. A window qualifies when its
second sentence has 30-500 characters and the window at most 900. Per language, ordered by SHA-1 of the
window id: the first ``QUOTE_CUED`` windows whose second sentence has a quotation mark or one of the few
reporting words in ``QUOTE_CUES`` (a list fixed before any rule was written), then the first
``QUOTE_OTHER`` of the remaining windows (no such cue: negatives, and quotes the cue list misses); at most
two windows per document, none overlapping. ``split`` as for dates.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

from storyline.annotate.segment import sentences
from storyline.evaluate.data import data_root, read_jsonl

PER_LANGUAGE = 44
PER_DOCUMENT = 2
DATE_WORDS = {
    "uk": r"січ|лют|берез|квіт|травн|трав[еі]н|черв|лип|серп|верес|жовт|листопад|груд|"
    r"понеділ|вівтор|серед|четвер|п['’ʼ]?ятниц|субот|неділ|вчора|учора|сьогодні|завтра",
    "bg": r"януари|февруари|март|април|май|юни|юли|август|септември|октомври|ноември|декември|"
    r"понеделник|вторник|сряда|четвъртък|петък|събота|неделя|вчера|днес|утре",
    "pl": r"stycz|lut|marc|marz|kwie|maj|czerw|lip|sierp|wrze[sś]|pa[zź]dziernik|listopad|grud|"
    r"poniedział|wtor|[śs]rod|czwart|piąt|sobot|niedziel|wczoraj|dzi[sś]|jutr",
    "cs": r"led[en]|únor|břez|dub[en]|květ|červ|srp[en]|září|říj|listopad|prosin|"
    r"pondělí|úterý|střed|čtvrt|pát[ek]|sobot|neděl|včera|dnes|zítra",
    "sk": r"január|február|mar[ec]|apríl|máj|jún|júl|august|septem|októb|novem|decem|"
    r"pondel|utor|stred|štvrt|piat|sobot|nedeľ|včera|dnes|zajtra",
    "sl": r"januar|februar|mar[ec]|april|maj|junij|julij|avgust|septem|oktob|novem|decem|"
    r"ponedelj|tor[ek]|sred|četrt|pet[ek]|sobot|nedelj|včeraj|danes|jutri",
    "hr": r"siječ|velj|ožuj|trav|svib|lip|srp|kolovoz|ruj|listopad|studen|prosin|"
    r"ponedjelj|utor|srijed|četvrt|petak|petk|subot|nedjelj|jučer|danas|sutra",
}


def publication_day(value: object) -> str | None:
    text = str(value or "")
    if re.match(r"\d{4}-\d\d-\d\d", text) and not text.startswith("1970"):
        return text[:10]
    return None


def split_of(identifier: str) -> str:
    return "test" if int(hashlib.sha1(identifier.encode()).hexdigest()[:8], 16) % 2 else "dev"


def date_candidates(root: Path) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    documents = list(read_jsonl(root / "bsnlp" / "documents.jsonl"))
    for lang, words in DATE_WORDS.items():
        cue = re.compile(rf"\d|\b(?:{words})", re.IGNORECASE)
        pool: list[tuple[str, dict[str, object]]] = []
        for doc in documents:
            if doc["lang"] != lang:
                continue
            published = publication_day(doc.get("date"))
            if published is None and lang not in ("hr", "sk"):
                continue
            text = doc["text"]
            for k, span in enumerate(sentences(text)):
                sentence = text[span.start : span.stop]
                if not 30 <= len(sentence) <= 400 or not cue.search(sentence):
                    continue
                identifier = f"bsnlp:{doc['id']}#s{k}"
                record = {
                    "id": identifier,
                    "split": split_of(identifier),
                    "lang": lang,
                    "published": published,
                    "published_note": "bsnlp document date" if published else "no publication date in bsnlp",
                    "text": sentence,
                    "dates": [],
                }
                pool.append((hashlib.sha1(identifier.encode()).hexdigest(), record))
        per_doc: Counter[str] = Counter()
        taken = 0
        for _, record in sorted(pool, key=lambda x: x[0]):
            doc_id = str(record["id"]).split("#")[0]
            if per_doc[doc_id] >= PER_DOCUMENT:
                continue
            per_doc[doc_id] += 1
            out.append(record)
            taken += 1
            if taken == PER_LANGUAGE:
                break
    return out


QUOTE_CUED = 30
QUOTE_OTHER = 6
QUOTE_MARKS = re.compile(r"[«»„“”\"‹›]")
QUOTE_CUES = {
    "en": r"said|says|told|according to",
    "es": r"dijo|afirmó|aseguró|según|declaró",
    "fr": r"a déclaré|a dit|selon|a affirmé|estime",
    "it": r"ha detto|ha dichiarato|secondo|ha affermato|ha spiegato",
    "pl": r"powiedzia|stwierdzi|według|zaznaczy|doda",
    "cs": r"řekl|uvedl|podle|prohlásil|dodal",
    "sk": r"povedal|uviedol|podľa|vyhlásil|dodal",
    "sl": r"dejal|povedal|po besedah|poudaril|izjavil",
    "hr": r"rekao|rekla|izjavi|prema|kazao|istaknu",
    "uk": r"заяви|сказа|за словами|зазначи|повідоми",
    "bg": r"каза|заяви|според|посочи|подчерта",
}


def quote_documents(root: Path) -> list[tuple[str, str, str]]:
    """(language, document id, text) of the sources of the quote sample."""
    out: list[tuple[str, str, str]] = []
    for doc in read_jsonl(root / "bsnlp" / "documents.jsonl"):
        if doc["lang"] in QUOTE_CUES:
            out.append((doc["lang"], f"bsnlp:{doc['id']}", doc["text"]))
    for doc in read_jsonl(root / "ml_crisis_tls" / "articles.jsonl"):
        if doc["lang"] in QUOTE_CUES:
            out.append((doc["lang"], f"ml_crisis_tls:{doc['id']}", doc["text"]))
    seen: set[str] = set()
    for pair in read_jsonl(root / "semeval22_task8_sample" / "pairs.jsonl"):
        for side in ("1", "2"):
            if pair[f"lang{side}"] == "en" and pair[f"id{side}"] not in seen:
                seen.add(pair[f"id{side}"])
                out.append(("en", f"semeval22:{pair[f'id{side}']}", pair[f"text{side}"]))
    return out


def quote_candidates(root: Path) -> list[dict[str, object]]:
    pools: dict[str, list[tuple[str, bool, dict[str, object]]]] = {lang: [] for lang in QUOTE_CUES}
    for lang, doc_id, text in quote_documents(root):
        cue = re.compile(rf"\b(?:{QUOTE_CUES[lang]})", re.IGNORECASE)
        spans = sentences(text)
        for k in range(1, len(spans)):
            first, second = spans[k - 1], spans[k]
            sentence = text[second.start : second.stop]
            if not 30 <= len(sentence) <= 500 or second.stop - first.start > 900:
                continue
            identifier = f"{doc_id}#w{k}"
            record = {
                "id": identifier,
                "split": split_of(identifier),
                "lang": lang,
                "source": f"{doc_id}, sentences {k - 1}-{k}",
                "text": text[first.start : second.stop],
                "quotes": [],
            }
            cued = bool(QUOTE_MARKS.search(sentence) or cue.search(sentence))
            pools[lang].append((hashlib.sha1(identifier.encode()).hexdigest(), cued, record))
    out: list[dict[str, object]] = []
    for pool in pools.values():
        taken: dict[str, list[int]] = {}
        for want_cued, quota in ((True, QUOTE_CUED), (False, QUOTE_OTHER)):
            count = 0
            for _, cued, record in sorted(pool, key=lambda x: x[0]):
                if cued != want_cued or count == quota:
                    continue
                doc_id, _, k = str(record["id"]).rpartition("#w")
                windows = taken.setdefault(doc_id, [])
                if len(windows) >= PER_DOCUMENT or any(abs(int(k) - w) < 2 for w in windows):
                    continue
                windows.append(int(k))
                out.append(record)
                count += 1
    return out


def main() -> None:
    if sys.argv[1:] == ["dates"]:
        for record in date_candidates(data_root()):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif sys.argv[1:] == ["quotes"]:
        for record in quote_candidates(data_root()):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        sys.exit("usage: select_samples.py dates|quotes")


if __name__ == "__main__":
    main()
