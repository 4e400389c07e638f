"""Timeline-summarization metrics: date F1 and alignment-based ROUGE-N ("align+ m:1").

Written from the definitions in Martschat & Markert (2017), "Improving ROUGE for Timeline
Summarization", as the tilse toolkit computes them (``evaluate_align_date_content_costs_many_to_one``)
and as Ghalandari & Ifrim (2020, the DATEWISE paper) report them:

* A timeline is ``{day: [sentence, ...]}``; a day's summary is its sentences.
* **Alignment.** The cost of pairing a predicted day p with a reference day r is
  ``(1 - 1 / (|p - r| + 1)) * (1 - R1~(p, r))``, where R1~ is tilse's quick ROUGE-1 F on the plain
  whitespace tokens of the two day summaries (case kept, nothing removed or stemmed; predicted
  sentences are first tokenised like the reference, punctuation and elisions split off). For
  precision every predicted day goes to its cheapest reference day; for recall every reference day
  to its cheapest predicted day (many-to-one both ways; ties go to the earliest day).
* **Counts.** Precision = ``sum_p w(p, f(p)) * hits_n(p, f(p)) / sum_p |n-grams(p)|``, with
  ``w = 1 / (|p - f(p)| + 1)``; recall likewise over the reference days. ``hits_n`` is the clipped
  n-gram match count. F = 2PR / (P + R).
* **ROUGE tokens** follow ROUGE-1.5.5 as tilse runs it (``-m -s``: stemming, stop words removed):
  lower-cased, split at every character that is not a letter or digit (so apostrophes and hyphens
  split words), stop words and one-letter tokens dropped, the rest stemmed; a day's sentences are
  joined before n-grams are taken. ROUGE-1.5.5 is English-only (Porter stemmer, SMART stop list,
  ASCII letters); for es/fr/it the stemmer and stop list are the language's own (Snowball, package
  ``stop-words``) and letters are Unicode letters.
* **Date F1**: exact-day set overlap of predicted and reference days.
* **Averaging** over timelines (``mean_prf``): precision and recall are averaged and F is taken from
  the averages, as in the DATEWISE paper's evaluation script.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from storyline.views.units import stem, stop_words

Timeline = Mapping[date, Sequence[str]]
Grams = Counter[tuple[str, ...]]
K = TypeVar("K", str, tuple[str, ...])

ROUGE_TOKEN = re.compile(r"[^\W_]+")
# the reference files' tokenisation: numbers with separators, words (an elision keeps its apostrophe),
# every other non-space character alone
GOLD_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+['’]?|[^\w\s]")


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f_score(self.precision, self.recall)


def f_score(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def mean_prf(scores: Iterable[PRF]) -> PRF:
    """Precision and recall averaged over timelines (F of the averages is the reported F)."""
    items = list(scores)
    if not items:
        return PRF(0.0, 0.0)
    return PRF(sum(s.precision for s in items) / len(items), sum(s.recall for s in items) / len(items))


def date_prf(predicted: Timeline, reference: Timeline) -> PRF:
    pred, ref = set(predicted), set(reference)
    hit = len(pred & ref)
    return PRF(hit / len(pred) if pred else 0.0, hit / len(ref) if ref else 0.0)


def rouge_tokens(text: str, language: str | None) -> list[str]:
    """Lower-cased letter/digit runs without stop words and single letters, stemmed."""
    lang = language or "en"
    stops = stop_words(lang)
    out = []
    for w in ROUGE_TOKEN.findall(text.lower()):
        if w.isdigit():
            out.append(w)
        elif len(w) > 1 and w not in stops:
            out.append(stem(w, lang))
    return out


def ngram_counts(sentences: Sequence[str], n: int, language: str | None) -> Grams:
    """n-grams of a day summary (its sentences joined, as ROUGE-1.5.5 reads a summary)."""
    toks = [t for s in sentences for t in rouge_tokens(s, language)]
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def gold_tokens(sentences: Sequence[str]) -> Counter[str]:
    """Whitespace tokens of a day summary tokenised like the reference files (for the alignment)."""
    return Counter(t for s in sentences for t in GOLD_TOKEN.findall(s))


def clipped_hits(a: Counter[K], b: Counter[K]) -> int:
    """Clipped matches of two multisets."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(c, b[g]) for g, c in a.items() if g in b)


def _approx_r1(pred: Counter[str], ref: Counter[str]) -> float:
    hit = clipped_hits(pred, ref)
    if not hit:
        return 0.0
    return f_score(hit / sum(pred.values()), hit / sum(ref.values()))


def _align(pdays: list[date], rdays: list[date], sim: list[list[float]], by_pred: bool) -> dict[int, int]:
    """Each day of one side to its cheapest day of the other (date distance times content distance)."""
    out: dict[int, int] = {}
    rows, cols = (pdays, rdays) if by_pred else (rdays, pdays)
    for i, s in enumerate(rows):
        best: tuple[float, int] | None = None
        for j, t in enumerate(cols):
            r1 = sim[i][j] if by_pred else sim[j][i]
            cost = (1 - 1 / (abs((s - t).days) + 1)) * (1 - r1)
            if best is None or cost < best[0]:
                best = (cost, j)
        if best is not None:
            out[i] = best[1]
    return out


def align_rouge(predicted: Timeline, reference: Timeline, n: int, language: str | None) -> PRF:
    """Alignment-based ROUGE-n (align+ m:1) of a predicted timeline against one reference."""
    return align_rouge_many(predicted, reference, (n,), language)[0]


def align_rouge_many(
    predicted: Timeline, reference: Timeline, ns: Sequence[int], language: str | None
) -> list[PRF]:
    """``align_rouge`` for several n at once (the alignment does not depend on n)."""
    pdays, rdays = sorted(predicted), sorted(reference)
    if not pdays or not rdays:
        return [PRF(0.0, 0.0) for _ in ns]
    p_raw = [gold_tokens(predicted[d]) for d in pdays]
    r_raw = [gold_tokens(reference[d]) for d in rdays]
    sim = [[_approx_r1(p, r) for r in r_raw] for p in p_raw]
    to_ref = _align(pdays, rdays, sim, True)
    to_pred = _align(pdays, rdays, sim, False)
    out = []
    for n in ns:
        p_n = [ngram_counts(predicted[d], n, language) for d in pdays]
        r_n = [ngram_counts(reference[d], n, language) for d in rdays]
        prec = sum(
            clipped_hits(p_n[i], r_n[j]) / (abs((pdays[i] - rdays[j]).days) + 1) for i, j in to_ref.items()
        )
        rec = sum(
            clipped_hits(p_n[j], r_n[i]) / (abs((pdays[j] - rdays[i]).days) + 1) for i, j in to_pred.items()
        )
        p_den = sum(sum(c.values()) for c in p_n)
        r_den = sum(sum(c.values()) for c in r_n)
        out.append(PRF(prec / p_den if p_den else 0.0, rec / r_den if r_den else 0.0))
    return out
