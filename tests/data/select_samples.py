"""Pick the sentences of the hand-labelled Slavic date sample by a fixed rule (not by what the rules find).

    python tests/data/select_samples.py dates > candidates.jsonl

For each bsnlp language other than Russian: split every document into sentences (razdel, paragraph
breaks kept), keep sentences of 30-400 characters that contain a digit or one of the date words below
(month, weekday and yesterday/today/tomorrow stems of the language), order them by the SHA-1 of their id
and take the first ``PER_LANGUAGE``, at most ``PER_DOCUMENT`` from one document. Documents need a usable
publication date (ISO date or datetime, not 1970-01-01), except in hr and sk, where only 5 and 3 of the 25
documents have one: their undated documents are taken too, with ``published`` null. ``split`` is ``test``
when the first eight hex digits of SHA-1(id) are odd, else ``dev``.

The gold mentions and values were then written by hand into ``dates_slavic_sample.jsonl``.
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


def main() -> None:
    if sys.argv[1:] == ["dates"]:
        for record in date_candidates(data_root()):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        sys.exit("usage: select_samples.py dates")


if __name__ == "__main__":
    main()
