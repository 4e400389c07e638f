"""Train the multilingual name models (uk bg pl cs sl hr sk; applied to en es fr it too) on BSNLP gold.

    python scripts/train_ner_multi.py                 # leave-one-topic-out figures, then the shipped models
    python scripts/train_ner_multi.py --no-loto       # only train and write the shipped models
    python scripts/train_ner_multi.py --loto-only     # only the leave-one-topic-out figures

Data: ``bsnlp/documents.jsonl`` records with an ``entities`` list, read and cleaned through the real
path (``evaluate.entities.load_documents``). The document-level gold is projected onto the cleaned
text (``entities_multi.project``) to give BIO labels for the tagger; the (mention, lemma) pairs give
the normal-form model; the ``cross_lingual_id`` groups give the key lexicon.

Leave-one-topic-out: for every topic with gold, all three models are trained on the other topics and
the topic's documents are annotated through ``annotate.annotate`` with those models; the predictions of
all folds are scored together by ``evaluate.entities.score`` (the same code as ``storyline eval
entities``). Writes ``src/storyline/resources/{ner_multi,lemma_multi}.crfsuite`` and
``entity_keys.json`` and, with ``--record``, the figures to ``docs/entities_loto.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pycrfsuite

from storyline.annotate.entities_multi import (
    CASING_FILE,
    LEMMA_FILE,
    RESOURCES,
    TAGGER_FILE,
    MultiModels,
    load_multi,
    save_casing,
)
from storyline.annotate.entities_multi.features import casing_lexicon, sequence_features, sequences
from storyline.annotate.entities_multi.keys import KEYS_FILE, KeyLexicon
from storyline.annotate.entities_multi.lemmas import rewrite_label, word_features
from storyline.annotate.entities_multi.project import bio, project
from storyline.annotate.models import load_models
from storyline.annotate.segment import tokenize
from storyline.config import Config
from storyline.evaluate.data import data_path, read_jsonl
from storyline.evaluate.entities import GoldDocument, annotate_documents, load_documents, score

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "docs" / "entities_loto.json"
SAMPLE = ROOT / "tests" / "data" / "entities_sample.jsonl"
# unlabelled news of the other languages for the casing lexicon (es fr it en de pl tr ar, ru)
CASING_SOURCES = (
    "ml_crisis_tls/articles.jsonl",
    "semeval22_task8_sample/pairs.jsonl",
    "tgcontest_categories/articles.jsonl",
    "tgcontest_pairs/articles.jsonl",
)
TAGGER_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
LEMMA_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 100}
# rewrites seen fewer times are learned as "keep the word": with all 290 labels training takes 20x longer
LEMMA_MIN_LABEL = 5
TAGGER_MIN_FREQ = 2
# the tagger learns from every language with gold (Russian too: its names help Ukrainian and Bulgarian)
log = logging.getLogger("train_ner_multi")


def tagger_sequences(
    docs: Sequence[GoldDocument], casing: dict[str, str]
) -> Iterator[tuple[list[list[str]], list[str]]]:
    for doc in docs:
        text = doc.article.text
        tokens = tokenize(text)
        labels = bio(len(tokens), project(text, tokens, ((e.mention, e.type) for e in doc.entities)))
        for seq in sequences(text, tokens):
            words = [tokens[i].text for i in seq]
            yield sequence_features(words, doc.language, casing), [labels[i] for i in seq]


def lemma_sequences(docs: Sequence[GoldDocument]) -> Iterator[tuple[list[list[str]], list[str]]]:
    seen: set[tuple[str, str, str, str]] = set()
    for doc in docs:
        for e in doc.entities:
            key = (doc.language, e.type, e.mention, e.lemma)
            if key in seen:
                continue
            seen.add(key)
            words = [t.text for t in tokenize(e.mention)]
            lemmas = [t.text for t in tokenize(e.lemma)]
            if not words or len(words) != len(lemmas):
                continue
            type_ = e.type if e.type in ("PER", "ORG", "LOC") else "OTH"
            yield (
                word_features(words, type_, doc.language),
                [rewrite_label(w, m) for w, m in zip(words, lemmas, strict=True)],
            )


def _train(
    rows: Iterator[tuple[list[list[str]], list[str]]],
    params: Mapping[str, object],
    path: Path,
    min_label: int = 0,
) -> int:
    trainer = pycrfsuite.Trainer(verbose=False)
    data = list(rows)
    counts = Counter(label for _, yseq in data for label in yseq)
    for xseq, yseq in data:
        trainer.append(xseq, [y if counts[y] >= min_label else "0:" for y in yseq])
    trainer.set_params(params)
    trainer.train(str(path))
    return len(data)


def lexicon_names(docs: Sequence[GoldDocument]) -> Iterator[tuple[str, str, str]]:
    for doc in docs:
        for e in doc.entities:
            type_ = e.type if e.type in ("PER", "ORG", "LOC") else "OTH"
            for name in {e.lemma, e.mention}:
                yield type_, name, e.link


def unlabelled_texts(data: Path, held_out_topic: str | None, skip_ids: set[str]) -> Iterator[str]:
    """Raw texts for the casing lexicon: every bsnlp document outside the held-out topic (gold or
    not), and the other languages' news in shared/data, less the documents of the hand-checked sample."""
    for row in read_jsonl(data):
        if row.get("topic") != held_out_topic and row.get("text"):
            yield row["text"]
    root = data_path("")
    for relative in CASING_SOURCES:
        path = root / relative
        if not path.exists():
            log.warning("%s not found: the casing lexicon is built without it", path)
            continue
        for row in read_jsonl(path):
            for suffix in ("", "1", "2"):  # semeval22 pairs hold two texts
                text, doc_id = row.get("text" + suffix), str(row.get("id" + suffix))
                lang = row.get("lang" + suffix) or row.get("lang")
                if text and doc_id not in skip_ids and f"{lang}-{doc_id}" not in skip_ids:
                    yield text


def train_models(
    docs: Sequence[GoldDocument], texts: Iterator[str], directory: Path
) -> tuple[MultiModels, dict[str, float]]:
    started = time.perf_counter()
    casing = casing_lexicon(texts)
    save_casing(casing, directory / CASING_FILE)
    n_tag = _train(
        tagger_sequences(docs, casing),
        {**TAGGER_PARAMS, "feature.minfreq": TAGGER_MIN_FREQ},
        directory / TAGGER_FILE,
    )
    tagged = time.perf_counter()
    n_lemma = _train(lemma_sequences(docs), LEMMA_PARAMS, directory / LEMMA_FILE, LEMMA_MIN_LABEL)
    lemmatized = time.perf_counter()
    KeyLexicon.learn(lexicon_names(docs)).save(directory / KEYS_FILE.name)
    log.info("trained on %d sequences, %d mentions", n_tag, n_lemma)
    seconds = {
        "seconds_tagger": round(tagged - started, 1),
        "seconds_lemmatizer": round(lemmatized - tagged, 1),
        "seconds_lexicon": round(time.perf_counter() - lemmatized, 1),
    }
    return load_multi(directory), seconds


def sample_ids() -> set[str]:
    return {str(r["id"]) for r in read_jsonl(SAMPLE)} if SAMPLE.exists() else set()


def leave_one_topic_out(
    docs: Sequence[GoldDocument], data: Path, config: Config, only: Sequence[str] = ()
) -> dict[str, object]:
    base = load_models()
    topics = sorted(only or {d.topic for d in docs})
    predictions = {}
    folds = {}
    for topic in topics:
        train = [d for d in docs if d.topic != topic]
        test = [d for d in docs if d.topic == topic]
        with tempfile.TemporaryDirectory() as tmp:
            texts = unlabelled_texts(data, topic, sample_ids())
            multi, seconds = train_models(train, texts, Path(tmp))
            models = dataclasses.replace(base, multi=multi)
            fold = annotate_documents(test, config, models=models)
        predictions.update(fold)
        result = score(test, fold)
        folds[topic] = {
            "documents": len(test),
            **seconds,
            **{k: v for k, v in result.items() if k != "per_language"},
        }
        log.info("fold %s: %s", topic, json.dumps(folds[topic]))
    overall = score([d for d in docs if d.topic in topics], predictions)
    return {"loto": overall, "folds": folds, "predictions": predictions}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=data_path("bsnlp/documents.jsonl"))
    parser.add_argument("--no-loto", action="store_true")
    parser.add_argument("--lexicon-only", action="store_true", help="only learn the shipped key lexicon")
    parser.add_argument("--folds", nargs="*", default=[], help="hold out only these topics (a quick look)")
    parser.add_argument("--loto-only", action="store_true")
    parser.add_argument("--record", action="store_true", help=f"write the figures to {RECORD}")
    parser.add_argument("--dump", type=Path, help="write the leave-one-topic-out entities to this JSON file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    config = Config()
    started = time.perf_counter()
    docs = load_documents(args.data, config)
    log.info("%d gold documents cleaned in %.1f s", len(docs), time.perf_counter() - started)
    record: dict[str, object] = {}
    if args.lexicon_only:
        KeyLexicon.learn(lexicon_names(docs)).save(KEYS_FILE)
        return 0
    if not args.no_loto:
        record.update(leave_one_topic_out(docs, args.data, config, args.folds))
        predictions = record.pop("predictions")
        if args.dump:
            args.dump.write_text(
                json.dumps(
                    {k: [dataclasses.asdict(e) for e in v] for k, v in predictions.items()},  # type: ignore[attr-defined]
                    ensure_ascii=False,
                ),
                encoding="utf-8",
            )
        print(json.dumps({k: v for k, v in record["loto"].items() if k != "per_language"}, indent=1))  # type: ignore[attr-defined]
        for lang, row in record["loto"]["per_language"].items():  # type: ignore[index]
            print(lang, json.dumps({k: v for k, v in row.items() if k != "errors"}))
    if not args.loto_only:
        started = time.perf_counter()
        _, seconds = train_models(docs, unlabelled_texts(args.data, None, sample_ids()), RESOURCES)
        record["shipped"] = {"seconds_total": round(time.perf_counter() - started, 1), **seconds}
        sizes = {
            p.name: p.stat().st_size for p in (RESOURCES / TAGGER_FILE, RESOURCES / LEMMA_FILE, KEYS_FILE)
        }
        record["shipped"]["bytes"] = sizes  # type: ignore[index]
        print(json.dumps(record["shipped"], indent=1))
    if args.record:
        RECORD.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
