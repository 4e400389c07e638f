"""Set aside the events lockbox: about 28 % of the shared Russian tgcontest pairs, by connected
component of the pair graph, with a fixed seed (tests/data/events_lockbox/pairs.txt).

Written once, before any result of the issue-15 work was looked at; the texts of these pairs are
never read by training or model selection (``storyline.evaluate.events.lockbox_ids`` drops them),
and ``storyline eval events`` scores them once with the shipped model (``lockbox``).

    python scripts/make_events_lockbox.py [DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from storyline.evaluate.data import data_root, read_jsonl
from storyline.events.training import components

SEED = 15
SHARE = 0.28
OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "events_lockbox" / "pairs.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dir", nargs="?", type=Path, default=data_root() / "tgcontest_pairs")
    args = parser.parse_args()
    rows = [r for r in read_jsonl(args.dir / "pairs.jsonl") if r["lang"] == "ru"]
    ids = sorted({r["id1"] for r in rows} | {r["id2"] for r in rows})
    node = {a: k for k, a in enumerate(ids)}
    comp = components([node[r["id1"]] for r in rows], [node[r["id2"]] for r in rows], len(ids))
    order = np.random.default_rng(SEED).permutation(np.unique(comp))
    target, chosen, taken = SHARE * len(rows), set(), 0
    for c in order.tolist():
        if taken >= target:
            break
        chosen.add(c)
        taken += int(np.sum(comp == c))
    picked = sorted(r["pair_id"] for r, c in zip(rows, comp.tolist(), strict=True) if c in chosen)
    OUT.write_text("".join(p + "\n" for p in picked), encoding="utf-8")
    same = sum(r["label"] == "OK" for r in rows if r["pair_id"] in set(picked))
    print(f"{len(picked)} of {len(rows)} ru pairs ({same} same-event) in {len(chosen)} components -> {OUT}")


if __name__ == "__main__":
    main()
