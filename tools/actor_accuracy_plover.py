"""Actor country and sector accuracy on the PLOVER gold-standard sentences (a dev set).

For each gold source/target actor text in ``../shared/dev/events/plover-gsr-dev.json``, find the
actor mention overlapping it (newsevents.stages.actors.actor_at) and compare:
  * country: gold ``code`` when it is an ISO 3166 alpha-3 code, else the actor's code prefix
    (IGO, IMG, NGO) — the first three letters of our ``code``;
  * sector: the first three letters of gold ``sector`` where given (``***`` skipped).
Run: .venv/bin/python tools/actor_accuracy_plover.py [path/to/plover-gsr-dev.json] [--show-misses]
     [--split tune|heldout|all]  (deterministic halves by id hash: inspect misses on tune only)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pycountry

from newsevents.evaluation.splits import SPLITS, Split, select
from newsevents.model import Article, Span
from newsevents.stages.actors import actor_at, analyse_actors
from newsevents.stages.nlp import analyse_batch

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "events" / "plover-gsr-dev.json"
ISO3 = {c.alpha_3 for c in pycountry.countries}


def gold_span(text: str, actor_text: str) -> Span | None:
    """Where the gold actor text sits in the sentence ("U.S. ... negotiators" -> its first part)."""
    for piece in [actor_text, *actor_text.split("...")]:
        piece = " ".join(piece.split())
        if not piece:
            continue
        at = text.find(piece)
        if at >= 0:
            return Span(at, at + len(piece))
    return None


def measure(path: Path, show_misses: bool = False, split: Split = "all") -> dict[str, float]:
    records = select(
        [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text")], split
    )
    articles = [Article(article_id=r["id"], text=r["text"]) for r in records]
    analysed = [analyse_actors(a) for a in analyse_batch(articles)]
    counts = {"gold": 0, "located": 0, "found": 0, "country_total": 0, "country_ok": 0,
              "sector_total": 0, "sector_ok": 0}
    for record, article in zip(records, analysed, strict=True):
        for side in ("source", "target"):
            for gold in record.get(side) or []:
                if not isinstance(gold, dict) or not gold.get("actorText"):
                    continue
                counts["gold"] += 1
                span = gold_span(article.text, gold["actorText"])
                if span is None:
                    continue
                counts["located"] += 1
                actor = actor_at(article, span)
                code = gold.get("code", "")[:3]
                sector = (gold.get("sector") or "")[:3].upper()
                counts["country_total"] += 1
                if sector and sector != "***":
                    counts["sector_total"] += 1
                if actor is None:
                    if show_misses:
                        print(f"MISS  {gold['actorText']!r} ({code}{sector}) in: {article.text}")
                    continue
                counts["found"] += 1
                ours = actor.country if code in ISO3 else (actor.code or "")[:3]
                if ours == code:
                    counts["country_ok"] += 1
                elif show_misses:
                    print(f"CTRY  {gold['actorText']!r} gold {code} ours {actor.country}/{actor.code} ({actor.text!r})")
                if sector and sector != "***":
                    if actor.role == sector:
                        counts["sector_ok"] += 1
                    elif show_misses:
                        print(f"SECT  {gold['actorText']!r} gold {sector} ours {actor.role} ({actor.text!r})")
    return {
        **{k: float(v) for k, v in counts.items()},
        "found_rate": counts["found"] / max(counts["located"], 1),
        "country_accuracy": counts["country_ok"] / max(counts["country_total"], 1),
        "sector_accuracy": counts["sector_ok"] / max(counts["sector_total"], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--split", choices=SPLITS, default="all")
    args = parser.parse_args()
    result = measure(args.gold, show_misses=args.show_misses, split=args.split)
    print(f"data set: {args.gold}  split: {args.split}")
    print(f"gold actors: {int(result['gold'])}, located in text: {int(result['located'])}, "
          f"matched by an actor mention: {int(result['found'])} ({result['found_rate']:.1%})")
    print(f"country accuracy: {int(result['country_ok'])}/{int(result['country_total'])} = "
          f"{result['country_accuracy']:.1%}")
    print(f"sector accuracy:  {int(result['sector_ok'])}/{int(result['sector_total'])} = "
          f"{result['sector_accuracy']:.1%}")


if __name__ == "__main__":
    main()
