"""Timeline-summarization metrics: date F1 and alignment ROUGE-N (align+ m:1).

Written from the definitions in Martschat & Markert (2017), "Improving ROUGE for Timeline
Summarization", as used by the tilse toolkit's ``align_date_content_costs_many_to_one``:

* A timeline is ``{day: [sentence, ...]}``; a day's summary is its sentences.
* Tokens: lower-cased words, stop words of the language removed, Snowball-stemmed
  (``storyline.units.terms``); n-grams are counted within each sentence.
* Alignment costs between a predicted day p and a reference day r:
  ``(1 - 1 / (|p - r| + 1)) * (1 - R1(p, r))`` where R1 is the unigram-overlap F1 of the two day
  summaries. For precision every predicted day goes to its cheapest reference day; for recall every
  reference day goes to its cheapest predicted day (many-to-one both ways).
* Precision = sum over predicted days of ``w * overlap_n(p, f(p))`` / all predicted n-grams, with
  ``w = 1 / (|p - f(p)| + 1)``; recall likewise over reference days / all reference n-grams;
  overlap_n is the clipped n-gram match count. F = 2PR / (P + R).
* Date F1: exact-day set overlap of predicted and reference dates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from storyline.units import terms

Timeline = Mapping[date, Sequence[str]]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def date_prf(predicted: Timeline, reference: Timeline) -> PRF:
    pred, ref = set(predicted), set(reference)
    hit = len(pred & ref)
    return PRF(hit / len(pred) if pred else 0.0, hit / len(ref) if ref else 0.0)


def ngram_counts(sentences: Sequence[str], n: int, language: str | None) -> Counter[tuple[str, ...]]:
    out: Counter[tuple[str, ...]] = Counter()
    for s in sentences:
        toks = terms(s, language)
        out.update(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))
    return out


def _overlap(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> int:
    if len(a) > len(b):
        a, b = b, a
    return sum(min(c, b[g]) for g, c in a.items() if g in b)


def _r1(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> float:
    hit = _overlap(a, b)
    if not hit:
        return 0.0
    p, r = hit / sum(a.values()), hit / sum(b.values())
    return 2 * p * r / (p + r)


def _align(
    source: list[date],
    target: list[date],
    src_uni: Mapping[date, Counter[tuple[str, ...]]],
    tgt_uni: Mapping[date, Counter[tuple[str, ...]]],
) -> dict[date, date]:
    """Each source day to its cheapest target day (date distance times content distance)."""
    out: dict[date, date] = {}
    for s in source:
        best: tuple[float, int] | None = None
        for j, t in enumerate(target):
            gap = abs((s - t).days)
            cost = (1 - 1 / (gap + 1)) * (1 - _r1(src_uni[s], tgt_uni[t]))
            if best is None or cost < best[0]:
                best = (cost, j)
        if best is not None:
            out[s] = target[best[1]]
    return out


def align_rouge(predicted: Timeline, reference: Timeline, n: int, language: str | None) -> PRF:
    """Alignment-based ROUGE-n (align+ m:1) of a predicted timeline against one reference."""
    pdays, rdays = sorted(predicted), sorted(reference)
    if not pdays or not rdays:
        return PRF(0.0, 0.0)
    p_uni = {d: ngram_counts(predicted[d], 1, language) for d in pdays}
    r_uni = {d: ngram_counts(reference[d], 1, language) for d in rdays}
    p_n = p_uni if n == 1 else {d: ngram_counts(predicted[d], n, language) for d in pdays}
    r_n = r_uni if n == 1 else {d: ngram_counts(reference[d], n, language) for d in rdays}
    to_ref = _align(pdays, rdays, p_uni, r_uni)
    to_pred = _align(rdays, pdays, r_uni, p_uni)
    prec_num = sum(_overlap(p_n[p], r_n[r]) / (abs((p - r).days) + 1) for p, r in to_ref.items())
    rec_num = sum(_overlap(p_n[p], r_n[r]) / (abs((p - r).days) + 1) for r, p in to_pred.items())
    prec_den = sum(sum(c.values()) for c in p_n.values())
    rec_den = sum(sum(c.values()) for c in r_n.values())
    return PRF(prec_num / prec_den if prec_den else 0.0, rec_num / rec_den if rec_den else 0.0)
