"""Line-level boilerplate removal against the ``cleaning`` gold (see its README).

Each ``<id>.txt`` is read exactly as a user file (the seed reader) and cleaned; every text line gets
the cleaner's keep/drop decision. Over lines labelled ``content`` / ``boilerplate`` only:
body recall/precision (kept content) and boilerplate precision/recall/F1 (dropped boilerplate),
micro-averaged over the human-labelled pages; the silver ``fundus`` pages are reported apart.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.clean import build_context, clean, outlet_key
from storyline.config import Config
from storyline.errors import DataError, InputProblem
from storyline.evaluate.data import read_jsonl
from storyline.ingest.files import read_file
from storyline.model import RawDoc

log = logging.getLogger(__name__)

SILVER = {"fundus"}


@dataclass(slots=True)
class Tally:
    kept_content: int = 0
    kept_boiler: int = 0
    dropped_content: int = 0
    dropped_boiler: int = 0
    pages: int = 0
    page_scores: list[tuple[float, float]] = field(default_factory=list)  # (body recall, boilerplate F1)

    def add(self, keep: bool, label: str, weight: int = 1) -> None:
        if label == "content":
            if keep:
                self.kept_content += weight
            else:
                self.dropped_content += weight
        elif keep:
            self.kept_boiler += weight
        else:
            self.dropped_boiler += weight

    def metrics(self) -> dict[str, float | int]:
        content = self.kept_content + self.dropped_content
        boiler = self.kept_boiler + self.dropped_boiler
        kept = self.kept_content + self.kept_boiler
        dropped = self.dropped_content + self.dropped_boiler
        p_keep = _div(self.kept_content, kept)
        r_keep = _div(self.kept_content, content)
        p_drop = _div(self.dropped_boiler, dropped)
        r_drop = _div(self.dropped_boiler, boiler)
        out: dict[str, float | int] = {
            "body_recall": r_keep,
            "body_precision": p_keep,
            "body_f1": _f1(p_keep, r_keep),
            "boilerplate_precision": p_drop,
            "boilerplate_recall": r_drop,
            "boilerplate_f1": _f1(p_drop, r_drop),
            "content_lines": content,
            "boilerplate_lines": boiler,
            "pages": self.pages,
        }
        if self.page_scores:
            out["macro_body_recall"] = sum(r for r, _ in self.page_scores) / len(self.page_scores)
            out["macro_boilerplate_f1"] = sum(f for _, f in self.page_scores) / len(self.page_scores)
        return out


def _div(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _load_doc(path: Path, config: Config) -> RawDoc | None:
    for item in read_file(path, config.ingest):
        if isinstance(item, RawDoc):
            return item
        if isinstance(item, InputProblem) and item.skipped:
            log.warning("%s", item)
    return None


def evaluate(path: Path, config: Config) -> dict[str, Any]:
    gold_file = path / "gold.jsonl"
    if not gold_file.exists():
        raise DataError(f"{path}: no gold.jsonl here (expected the cleaning dataset folder)")
    pages = list(read_jsonl(gold_file))
    docs: dict[str, RawDoc] = {}
    for page in pages:
        doc = _load_doc(path / f"{page['id']}.txt", config)
        if doc is not None:
            docs[page["id"]] = doc
    contexts = build_context(docs.values())

    groups: dict[str, Tally] = defaultdict(Tally)
    chars: dict[str, Tally] = defaultdict(Tally)
    misaligned = 0
    for page in pages:
        doc = docs.get(page["id"])
        gold = page["lines"]
        if doc is None:
            decisions = [False] * len(gold)  # an unreadable page keeps nothing
        else:
            cleaned = clean(doc, config.clean, contexts.get(outlet_key(doc)))
            decisions = [d.keep for d in cleaned.lines]
            texts = [d.text for d in cleaned.lines]
            if len(decisions) != len(gold) or any(
                " ".join(t.split()) != " ".join(g["text"].split()) for t, g in zip(texts, gold, strict=False)
            ):
                misaligned += 1
                log.warning("%s: %d cleaned lines vs %d gold lines", page["id"], len(decisions), len(gold))
                decisions = (decisions + [False] * len(gold))[: len(gold)]
        keys = ["silver_fundus"] if page["source"] in SILVER else ["all", page["source"]]
        if page.get("lang") == "ru":
            keys.append("lang_ru")
        page_tally = Tally()
        for keep, line in zip(decisions, gold, strict=True):
            if line["label"] not in ("content", "boilerplate"):
                continue
            page_tally.add(keep, line["label"])
            for key in keys:
                groups[key].add(keep, line["label"])
                chars[key].add(keep, line["label"], len(line["text"]))
        scored = page_tally.kept_content + page_tally.dropped_content + page_tally.kept_boiler
        scored += page_tally.dropped_boiler
        if scored:
            m = page_tally.metrics()
            for key in keys:
                groups[key].pages += 1
                groups[key].page_scores.append(
                    (
                        float(m["body_recall"]) if m["content_lines"] else 1.0,
                        float(m["boilerplate_f1"]) if m["boilerplate_lines"] else 1.0,
                    )
                )
    result: dict[str, Any] = dict(groups["all"].metrics())
    result["char_weighted"] = {k: v for k, v in chars["all"].metrics().items() if k != "pages"}
    result["by_source"] = {k: groups[k].metrics() for k in sorted(groups) if k not in ("all",)}
    result["misaligned_pages"] = misaligned
    return result
