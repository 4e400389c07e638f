"""What each outlet reports, where the accounts conflict, and who said what.

* Facts: statements of all the story's articles grouped by wording (stemmed-term cosine); each fact
  lists the outlets that report it and is marked when only one outlet has it.
* Conflicts (``storyline.views.conflicts``): claims of different sources about the same thing that cannot
  both be true — versions set against each other in one sentence, competing explanations of one
  happening, different figures for the same count.
* Quotes: the articles' quotes, the same quote reported by several articles merged into one.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.config import ViewConfig
from storyline.model import Article, OutletFact, StoryQuote
from storyline.views.conflicts import conflicts, contrastive_attribution, find_conflicts
from storyline.views.summary import Scored, candidates, pick
from storyline.views.units import cosine, outlet_of, terms


# ---------------------------------------------------------------- facts per outlet
def outlet_facts(articles: Sequence[Article], config: ViewConfig) -> tuple[OutletFact, ...]:
    """The story's main facts, each with the outlets reporting it; ``only`` names a sole outlet.

    A fact is a central sentence together with every article that has a sentence saying the same
    thing; facts several outlets share come first, then facts only one outlet has."""
    pool = candidates(articles, config)
    outlet = {a.id: outlet_of(a.source, a.id) for a in articles}
    in_story = set(outlet.values())

    def names(s: Scored) -> tuple[str, ...]:
        return tuple(sorted({outlet[a] for a in s.cited}))

    ranked = sorted(pool, key=lambda s: (-len(names(s)), -s.score))
    shared = [s for s in ranked if len(names(s)) > 1]
    single = [s for s in ranked if len(names(s)) == 1]
    chosen = pick(shared, [], max(1, config.max_facts // 2), config.redundancy, keep_order=True)
    chosen += pick(single, chosen, config.max_facts - len(chosen), config.redundancy, keep_order=True)
    out = []
    for s in chosen:
        n = names(s)
        only = n[0] if len(n) == 1 and len(in_story) > 1 else None
        out.append(OutletFact(s.unit.text, n, s.cited, only))
    return tuple(out)


# ---------------------------------------------------------------- conflicts
# the rules live in storyline.views.conflicts; re-exported here, where the story view takes them from
__all__ = ["conflicts", "contrastive_attribution", "find_conflicts", "outlet_facts", "story_quotes"]


# ---------------------------------------------------------------- quotes
def story_quotes(articles: Sequence[Article], config: ViewConfig) -> tuple[StoryQuote, ...]:
    """Who said what, when first reported, and by which outlets; one entry per quote."""
    found: list[tuple[StoryQuote, dict[str, float]]] = []
    for a in sorted(articles, key=lambda a: a.published or ""):
        for q in a.quotes:
            vec = {t: 1.0 for t in terms(q.text, a.language)}
            if not vec:
                continue
            outlet = outlet_of(a.source, a.id)
            for k, (sq, v) in enumerate(found):
                same_speaker = not sq.speaker or not q.speaker or sq.speaker == q.speaker
                if same_speaker and cosine(vec, v) >= 0.6:
                    found[k] = (
                        StoryQuote(
                            sq.text if len(sq.text) >= len(q.text) else q.text,
                            sq.speaker or q.speaker,
                            sq.date,
                            tuple(dict.fromkeys((*sq.article_ids, a.id))),
                            tuple(dict.fromkeys((*sq.outlets, outlet))),
                        ),
                        v,
                    )
                    break
            else:
                found.append((StoryQuote(q.text, q.speaker, a.day, (a.id,), (outlet,)), vec))
    return tuple(sq for sq, _ in found)
