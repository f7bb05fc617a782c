"""Event-type accuracy (and, with an actors stage, actor-country accuracy) on the PLOVER gold.

    .venv/bin/python benchmarks/plover_type_accuracy.py [GOLD.json] [--split tune|heldout|all]

The records are split deterministically by a hash of their id
(:mod:`newsevents.evaluation.splits`): look at errors (``--show-errors``) only on ``tune``;
``heldout`` is for reporting.

For every record (DOCUMENT rows skipped) the sentence is run through the nlp stage, the actors
stage when it is installed, and the events stage; the top-confidence event is compared with the
gold type after mapping PLOVER 0.5 names (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT, CRIME) to the
16 types with ``plover.yaml``'s ``legacy_types``.  A sentence with no event counts as wrong.
Country accuracy: the top event's source (target) country is right when it is one of the gold
source (target) codes; only records whose gold side has an ISO-3 code are counted.
Not a test: the figure is printed, not asserted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from newsevents.evaluation.plover import country_of_code
from newsevents.evaluation.splits import SPLITS, select
from newsevents.knowledge.ontology import load_ontology
from newsevents.model import Article, Event
from newsevents.stages.events import extract_events
from newsevents.stages.nlp import analyse

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "dev" / "events" / "plover-gsr-dev.json"


def _actor_stage():  # type: ignore[no-untyped-def]
    try:
        from newsevents.stages.actors import make_actors_stage
    except ImportError:
        return None
    return make_actors_stage()


def _codes(side: object) -> set[str]:
    """ISO-3 countries of the gold actors on one side (CAMEO spellings such as JAP mapped as
    ``newsevents eval plover`` maps them); IGO/NGO/IMG codes name no country and are left out."""
    if not isinstance(side, list):
        return set()
    countries = (country_of_code(str(a.get("code") or "")) for a in side)
    return {country for country in countries if country is not None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--split", choices=SPLITS, default="all")
    args = parser.parse_args()
    records = select(
        [r for r in json.loads(args.gold.read_text("utf-8")) if r.get("text")], args.split
    )
    ontology = load_ontology()
    actors = _actor_stage()
    right = 0
    confusion: Counter[tuple[str, str]] = Counter()
    country = {"source": [0, 0], "target": [0, 0]}
    for record in records:
        gold = ontology.normalize_type(record["event"])
        article = analyse(Article(article_id=record["id"], text=record["text"]))
        if actors is not None:
            article = actors(article)
        article = extract_events(article)
        top: Event | None = max(article.events, key=lambda e: e.confidence, default=None)
        predicted = top.type if top else "NONE"
        if predicted == gold:
            right += 1
        else:
            confusion[(str(gold), predicted)] += 1
            if args.show_errors:
                print(f"{gold:9} got {predicted:9} {record['text'][:110]}")
        if actors is not None and top is not None:
            for side, actor in (("source", top.source), ("target", top.target)):
                codes = _codes(record.get(side))
                if codes:
                    country[side][1] += 1
                    if actor is not None and actor.country in codes:
                        country[side][0] += 1
                    elif args.show_errors:
                        ours = f"{actor.text!r}={actor.country}" if actor else "none"
                        print(f"  {side} gold {sorted(codes)} ours {ours}: {record['text'][:90]}")
    total = len(records)
    print(f"split: {args.split}")
    print(f"records: {total}  type accuracy: {right / total:.3f} ({right}/{total})")
    if actors is None:
        print("actor country accuracy: not measured (newsevents.stages.actors is not installed)")
    else:
        for side, (hit, n) in country.items():
            print(f"{side} country accuracy: {hit / max(n, 1):.3f} ({hit}/{n})")
    print("most common confusions (gold -> predicted):")
    for (gold, predicted), n in confusion.most_common(12):
        print(f"  {gold} -> {predicted}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
