"""Entities of every language against the BSNLP document-level gold (``bsnlp/documents.jsonl`` format).

The real path: documents with an ``entities`` list are read by storyline's JSONL reader, cleaned and
annotated (``annotate.annotate``: Russian through slovnet, the other languages through
``annotate.entities_multi``); documents without gold are skipped. Scores per language, and overall as
the macro average over languages:

* ``recognition``: document-level precision / recall / F1 of (mention text, type) pairs, relaxed as in
  the BSNLP shared task: a gold mention counts as found when the same text with the same type is
  predicted anywhere in the document. Texts are compared case-insensitively with spaces collapsed
  (the 2017 topics' gold is lower-cased). Gold PRO, EVT and MISC mentions (products, events, other
  names) are outside our three types: they are not in the recall denominator, and a prediction whose
  text is such a gold mention is neither right nor wrong. A predicted mention written without any
  capital letter is not a named mention (the Russian resolver adds role phrases such as "российский
  президент" as PER mentions of a person) and is left out, unless the document's gold is lower-cased.
* ``normalization``: for every recognised gold mention, whether the normal form of the predicted
  mention equals the gold lemma (case-insensitive, ё = е).
* ``linking``: items are (document, gold entity) pairs with at least one recognised mention; the
  predicted cluster of an item is the entity id of its recognised mentions (the most frequent one),
  the gold cluster its ``cross_lingual_id`` (numeric ids, as in the 2017 topics, are scoped by topic).
  B-cubed precision and recall are computed over the items of all documents and languages together
  (cross-document, cross-lingual); a language's figure averages its own items' B-cubed scores.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.annotate import annotate, load_models
from storyline.annotate.models import Models
from storyline.clean import clean, to_article
from storyline.config import Config
from storyline.errors import DataError
from storyline.evaluate.data import read_jsonl
from storyline.ingest import iter_inputs
from storyline.model import Article, Entity, RawDoc

log = logging.getLogger(__name__)

TYPES = frozenset({"PER", "ORG", "LOC"})


@dataclass(frozen=True, slots=True)
class GoldEntity:
    mention: str
    lemma: str
    type: str
    link: str  # cross-lingual id, scoped by topic when it is a bare number


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str
    language: str
    topic: str
    entities: tuple[GoldEntity, ...]
    article: Article  # cleaned, not annotated

    @property
    def lower_cased(self) -> bool:
        return not any(ch.isupper() for e in self.entities for ch in e.mention)


def fold(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def _link(topic: str, raw: Any) -> str:
    link = str(raw or "").strip()
    return f"{topic}:{link}" if link.isdigit() or not link else link


def read_gold(path: Path) -> dict[str, tuple[str, str, tuple[GoldEntity, ...]]]:
    """document id -> (language, topic, gold entities) of the records with an ``entities`` list."""
    out = {}
    for r in read_jsonl(path):
        if r.get("id") is None or not isinstance(r.get("entities"), list):
            continue
        topic = str(r.get("topic") or "")
        entities = tuple(
            GoldEntity(
                str(e.get("mention") or ""),
                str(e.get("lemma") or ""),
                str(e.get("type") or "").partition("-")[0],
                _link(topic, e.get("cross_lingual_id")),
            )
            for e in r["entities"]
            if e.get("mention")
        )
        out[str(r["id"]).strip()] = (str(r.get("lang") or r.get("language") or ""), topic, entities)
    if not out:
        raise DataError(f"{path}: no documents with an 'entities' gold list")
    return out


def load_documents(path: Path, config: Config) -> list[GoldDocument]:
    """The gold documents of ``path`` read by the JSONL reader and cleaned (not yet annotated)."""
    if path.is_dir():
        path = path / "documents.jsonl"
    gold = read_gold(path)
    docs = []
    for item in iter_inputs([path], config.ingest):
        if not isinstance(item, RawDoc) or item.id not in gold:
            continue
        language, topic, entities = gold[item.id]
        article = to_article(item, clean(item, config.clean))
        docs.append(GoldDocument(item.id, language, topic, entities, article))
    return docs


def _annotate_one(args: tuple[Article, Config]) -> Article:
    article, config = args
    return annotate(article, load_models(), config.annotate)


def annotate_documents(
    docs: Sequence[GoldDocument], config: Config, models: Models | None = None, workers: int = 1
) -> dict[str, tuple[Entity, ...]]:
    """Entities of every document: with the shipped models in ``workers`` processes, or in this one
    with ``models`` (a fold's models)."""
    if models is not None or workers <= 1:
        use = models or load_models()
        return {d.id: annotate(d.article, use, config.annotate).entities for d in docs}
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        done = pool.map(_annotate_one, [(d.article, config) for d in docs], chunksize=16)
    return {d.id: a.entities for d, a in zip(docs, done, strict=True)}


# ------------------------------------------------------------------------ scoring
def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


@dataclass(slots=True)
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    normal_right: int = 0
    normal_total: int = 0


def _matches(
    doc: GoldDocument, entities: Sequence[Entity]
) -> tuple[dict[tuple[str, str], list[Entity]], set[str]]:
    """Predicted named mentions by (folded text, type), and the folded texts to leave out."""
    neutral = {fold(e.mention) for e in doc.entities if e.type not in TYPES}
    predicted: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for e in entities:
        if e.type not in TYPES:
            continue
        if not doc.lower_cased and not any(ch.isupper() or ch.isdigit() for ch in e.text):
            continue
        predicted[(fold(e.text), e.type)].append(e)
    return predicted, neutral


def score(docs: Sequence[GoldDocument], predictions: Mapping[str, Sequence[Entity]]) -> dict[str, Any]:
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    items: list[tuple[str, str, str]] = []  # (language, gold link, predicted id)
    errors: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        tally = tallies[doc.language]
        predicted, neutral = _matches(doc, predictions.get(doc.id, ()))
        gold: dict[tuple[str, str], GoldEntity] = {}
        for e in doc.entities:
            if e.type in TYPES:
                gold.setdefault((fold(e.mention), e.type), e)
        ids_of_link: dict[str, Counter[str]] = defaultdict(Counter)
        for key, g in gold.items():
            found = predicted.get(key)
            if not found:
                tally.fn += 1
                errors[doc.language]["fn:" + key[1]] += 1
                continue
            tally.tp += 1
            tally.normal_total += 1
            tally.normal_right += fold(found[0].normal) == fold(g.lemma)
            ids_of_link[g.link].update(e.entity_id for e in found)
        for key in predicted:
            if key not in gold and key[0] not in neutral:
                tally.fp += 1
                errors[doc.language]["fp:" + key[1]] += 1
        for link, ids in ids_of_link.items():
            items.append((doc.language, link, min(ids.items(), key=lambda kv: (-kv[1], kv[0]))[0]))
    linking = _bcubed_by_language(items)
    per_language: dict[str, Any] = {}
    for language in sorted(tallies):
        t = tallies[language]
        per_language[language] = {
            "recognition": _prf(t.tp, t.fp, t.fn),
            "normalization": {"accuracy": t.normal_right / t.normal_total if t.normal_total else 0.0},
            "linking": {"f1": linking.get(language, 0.0)},
        }
        log.info(
            "%s: %d documents, errors %s",
            language,
            sum(1 for d in docs if d.language == language),
            dict(sorted(errors[language].items())),
        )
    languages = list(per_language)

    def macro(get: Any) -> float:
        return sum(get(per_language[x]) for x in languages) / len(languages) if languages else 0.0

    return {
        "per_language": per_language,
        "recognition_f1": macro(lambda r: r["recognition"]["f1"]),
        "normalization_accuracy": macro(lambda r: r["normalization"]["accuracy"]),
        "linking_f1": macro(lambda r: r["linking"]["f1"]),
    }


def _bcubed_by_language(items: Iterable[tuple[str, str, str]]) -> dict[str, float]:
    rows = list(items)
    both = Counter((link, pid) for _, link, pid in rows)
    gold_size = Counter(link for _, link, _ in rows)
    pred_size = Counter(pid for _, _, pid in rows)
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for language, link, pid in rows:
        s = sums[language]
        s[0] += both[(link, pid)] / pred_size[pid]
        s[1] += both[(link, pid)] / gold_size[link]
        s[2] += 1
    out = {}
    for language, (p_sum, r_sum, n) in sums.items():
        p, r = p_sum / n, r_sum / n
        out[language] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    started = time.perf_counter()
    docs = load_documents(path, config)
    loaded = time.perf_counter()
    predictions = annotate_documents(docs, config, workers=config.annotate.workers or 2)
    log.info(
        "%d documents: cleaned in %.1f s, annotated in %.1f s",
        len(docs),
        loaded - started,
        time.perf_counter() - loaded,
    )
    return score(docs, predictions)
