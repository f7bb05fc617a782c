"""Score the events stage on the seed article against ``shared/corpus/seed/gold.yaml``.

    .venv/bin/python benchmarks/seed_events_score.py

Runs nlp -> actors -> places -> dates -> events on the seed article (whichever of actors,
places and dates are installed) and, for every gold event, looks for a produced event in the
sentence of its trigger (or an alt_trigger) with an allowed type, matching source and target
(by alias, else by country + role), and the gold status.  Also counts `not_asserted`
violations: asserted events whose source is the named actor.  Prints, does not assert.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from newsevents.model import Actor, Article, Event, Provenance
from newsevents.stages.events import extract_events
from newsevents.stages.nlp import analyse

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed"
OPTIONAL_STAGES = (
    ("newsevents.stages.actors", "make_actors_stage"),
    ("newsevents.stages.places", "make_places_stage"),
    ("newsevents.stages.dates", "make_dates_stage"),
)


def _run(article: Article) -> Article:
    article = analyse(article)
    for module_name, factory in OPTIONAL_STAGES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            print(f"({module_name} not installed: skipped)")
            continue
        article = getattr(module, factory)()(article)
    return extract_events(article)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def actor_matches(actor: Actor | None, gold_ids: list[str], actors: dict[str, Any]) -> bool:
    if not gold_ids:
        return actor is None
    if actor is None:
        return False
    for gold_id in gold_ids:
        spec = actors[gold_id]
        names = {a.lower() for a in [spec["name"], *spec.get("aliases", [])]}
        if actor.text.lower() in names or actor.name.lower() in names:
            return True
        roles = _as_list(spec.get("role"))
        if (
            spec.get("country")
            and actor.country == spec["country"]
            and (not roles or actor.role in roles)
        ):
            return True
    return False


def _sentence_hits(event: Event, triggers: list[list[int]]) -> bool:
    return any(
        event.sentence_span.start <= start < event.sentence_span.end for start, _ in triggers
    )


def main() -> int:
    gold = yaml.safe_load((SEED / "gold.yaml").read_text("utf-8"))
    meta = json.loads((SEED / "article.json").read_text("utf-8"))
    article = Article(
        article_id=meta["id"],
        text=(SEED / "article.txt").read_text("utf-8"),
        provenance=Provenance(published=meta["published"], language="en"),
    )
    article = _run(article)
    # A place key in an event's source/target stands for any actor of that place's country.
    places = {
        key: {"name": p["name"], "aliases": p.get("aliases", []), "country": p.get("country")}
        for key, p in gold.get("places", {}).items()
    }
    actors = {**places, **gold["actors"]}
    required_found = required_total = status_right = 0
    for spec in gold["events"]:
        triggers = [spec["trigger"], *spec.get("alt_triggers", [])]
        types = _as_list(spec["type"])
        candidates = [e for e in article.events if _sentence_hits(e, triggers)]
        found = [
            e
            for e in candidates
            if e.type in types
            and actor_matches(e.source, _as_list(spec.get("source")), actors)
            and actor_matches(e.target, _as_list(spec.get("target")), actors)
        ]
        required = spec.get("required", True)
        required_total += int(required)
        ok_status = any(e.status == spec["status"] for e in found)
        if found and required:
            required_found += 1
            status_right += int(ok_status)
        got = "; ".join(
            f"{e.type}/{e.status} {e.source.name if e.source else None}->"
            f"{e.target.name if e.target else None}"
            for e in candidates
        )
        mark = "OK " if found and ok_status else ("st " if found else "-- ")
        print(f"{mark}{spec['id']:20} req={required!s:5} got: {got or 'nothing'}")
    violations = [
        (rule, e)
        for rule in gold.get("not_asserted", [])
        for e in article.events
        if e.status == "asserted"
        and actor_matches(e.source, [rule["source"]], actors)
        and ("type" not in rule or e.type == rule["type"])
    ]
    print(f"required events found with type/source/target: {required_found}/{required_total}")
    print(f"  of those with the gold status: {status_right}/{required_found}")
    print(f"not_asserted violations: {len(violations)}")
    for rule, event in violations:
        print(f"  {rule['note']}: {event.type} {event.trigger.text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
