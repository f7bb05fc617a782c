"""Scorer for the hand-made seed gold (``corpus/seed/gold.yaml``).

The pure part, :func:`score_seed`, compares one article record and its event records (the
``records.md`` shapes) with the gold; :func:`run_seed` builds the article, runs the default
pipeline and scores what it produced.

Matching rules, from the gold file's header:

* a predicted event matches a gold event when its trigger starts inside the sentence of the
  gold trigger (or of an ``alt_triggers`` entry) and its type is one of the gold types;
* an actor matches by name or alias, or by country plus role (gold role null = any role of
  that country, a list = any of those roles); a gold target may name a *place*, which then
  stands for any actor of that place's country;
* a place matches within ``km`` of the gold point, or by name/alias when the gold has no
  point (a country-level gold place also matches a country-precision place of that country);
* a gold event without ``target``/``place``/``date`` does not score that field.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from newsevents.errors import InputError, MalformedInputError
from newsevents.evaluation.base import EvalResult
from newsevents.evaluation.matching import (
    OffsetMap,
    fold,
    haversine_km,
    overlaps,
    ratio,
    sentence_containing,
    split_sentences,
)

Record = dict[str, Any]

SET_NAME = "seed"
GOLD_FILES = ("gold.yaml", "article.txt", "article.json")
PROVENANCE_FIELDS = ("syndicated_from", "licence", "language")


def load_seed_gold(path: Path) -> Record:
    """Read ``gold.yaml``; dates YAML parsed as ``date``/``int`` are turned back into strings."""
    try:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise MalformedInputError(
            f"cannot read the seed gold: {error}", path=str(path), hint="check the YAML syntax"
        ) from error
    if not isinstance(gold, dict) or "events" not in gold or "actors" not in gold:
        raise MalformedInputError(
            "seed gold lacks its 'actors' or 'events' section",
            path=str(path),
            hint="compare with the header comments of corpus/seed/gold.yaml",
        )
    for event in gold["events"]:
        date = event.get("date")
        if isinstance(date, dict) and date.get("value") is not None:
            value = date["value"]
            date["value"] = value.isoformat() if isinstance(value, datetime.date) else str(value)
    return gold


# --- field comparisons -------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _names_of(definition: Record) -> set[str]:
    names = {fold(definition.get("name"))}
    names.update(fold(alias) for alias in definition.get("aliases", []) or [])
    names.discard("")
    return names


def _role_ok(gold_role: Any, predicted_role: Any) -> bool:
    if gold_role is None:
        return True
    return predicted_role in _as_list(gold_role)


def actor_matches(definition: Record, predicted: Record | None) -> bool:
    """Does a predicted actor record stand for the gold actor ``definition``?"""
    if not predicted:
        return False
    names = _names_of(definition)
    if fold(predicted.get("name")) in names or fold(predicted.get("text")) in names:
        return True
    country = definition.get("country")
    if predicted.get("country") != country:
        return False
    if country is None and definition.get("role") is None:
        return False  # "no country, any role" would match every unknown actor
    return _role_ok(definition.get("role"), predicted.get("role"))


def _actor_definition(gold: Record, key: str) -> Record:
    """A gold actor by key; a place key stands for any actor of that place's country."""
    if key in gold.get("actors", {}):
        return dict(gold["actors"][key])
    place = gold.get("places", {}).get(key)
    if place is None:
        raise MalformedInputError(
            f"gold refers to unknown actor or place {key!r}", hint="define it under actors/places"
        )
    return {
        "name": place.get("name"),
        "aliases": place.get("aliases", []),
        "country": place.get("country"),
        "role": None,
    }


def place_matches(definition: Record, predicted: Record | None) -> bool:
    if not predicted:
        return False
    lat, lon = definition.get("lat"), definition.get("lon")
    if lat is not None and lon is not None:
        if predicted.get("lat") is None or predicted.get("lon") is None:
            return False
        distance = haversine_km(lat, lon, float(predicted["lat"]), float(predicted["lon"]))
        return distance <= float(definition.get("km", 25))
    if fold(predicted.get("name")) in _names_of(definition) or fold(
        predicted.get("text")
    ) in _names_of(definition):
        return definition.get("country") is None or predicted.get("country") in (
            None,
            definition.get("country"),
        )
    return (
        definition.get("precision") == "country"
        and predicted.get("precision") == "country"
        and predicted.get("country") == definition.get("country")
    )


def date_matches(gold_date: Record, predicted: Record | None) -> bool:
    if gold_date.get("value") is None:
        return predicted is None or predicted.get("value") is None
    if not predicted:
        return False
    return str(predicted.get("value")) == gold_date["value"] and predicted.get(
        "precision"
    ) == gold_date.get("precision")


# --- event matching -----------------------------------------------------------------------


@dataclass
class _EventCheck:
    """How one predicted event fares against one gold event, field by field."""

    event_index: int
    fields: dict[str, bool]

    @property
    def score(self) -> int:
        return sum(self.fields.values())


def _check_event(gold: Record, gold_event: Record, predicted: Record, index: int) -> _EventCheck:
    fields: dict[str, bool] = {}
    source_key = gold_event.get("source")
    if source_key is not None:
        fields["source"] = actor_matches(
            _actor_definition(gold, source_key), predicted.get("source")
        )
    targets = _as_list(gold_event.get("target"))
    if targets:
        fields["target"] = any(
            actor_matches(_actor_definition(gold, key), predicted.get("target")) for key in targets
        )
    places = _as_list(gold_event.get("place"))
    if places:
        fields["place"] = any(
            place_matches(gold["places"][key], predicted.get("place")) for key in places
        )
    if gold_event.get("date") is not None:
        fields["date"] = date_matches(gold_event["date"], predicted.get("date"))
    fields["status"] = predicted.get("status") == gold_event.get("status")
    return _EventCheck(index, fields)


def _gold_sentences(
    gold_event: Record, sentences: list[tuple[int, int]], offsets: OffsetMap
) -> list[tuple[int, int]]:
    """The predicted-text spans of the sentences holding the gold trigger and alt triggers."""
    found: list[tuple[int, int]] = []
    for trigger in [gold_event["trigger"], *(gold_event.get("alt_triggers") or [])]:
        sentence = sentence_containing(sentences, int(trigger[0]))
        if sentence is not None:
            found.append(offsets.span(*sentence))
    return found


def _trigger_start(event: Record) -> int | None:
    trigger = event.get("trigger") or {}
    span = trigger.get("span")
    return None if span is None else int(span[0])


def _match_events(
    gold: Record, events: list[Record], raw_text: str, offsets: OffsetMap
) -> tuple[dict[str, _EventCheck], list[dict[str, Any]]]:
    sentences = split_sentences(raw_text)
    used: set[int] = set()
    matches: dict[str, _EventCheck] = {}
    failures: list[dict[str, Any]] = []
    for gold_event in gold["events"]:
        windows = _gold_sentences(gold_event, sentences, offsets)
        types = set(_as_list(gold_event.get("type")))
        candidates = []
        for index, event in enumerate(events):
            start = _trigger_start(event)
            if start is None or event.get("type") not in types:
                continue
            if any(begin <= start < end for begin, end in windows):
                candidates.append(_check_event(gold, gold_event, event, index))
        if not candidates:
            failures.append(
                {
                    "gold_event": gold_event["id"],
                    "why": "no predicted event of type "
                    f"{sorted(types)} with its trigger in the gold sentence",
                }
            )
            continue
        # Prefer events no other gold event took, then the one with most fields right.
        best = max(candidates, key=lambda c: (c.event_index not in used, c.score, -c.event_index))
        used.add(best.event_index)
        matches[gold_event["id"]] = best
        wrong = [name for name, ok in best.fields.items() if not ok]
        if wrong:
            failures.append(
                {
                    "gold_event": gold_event["id"],
                    "why": f"wrong {', '.join(wrong)}",
                    "predicted_event": events[best.event_index].get("event_id"),
                }
            )
    return matches, failures


def _violations(gold: Record, events: list[Record]) -> list[dict[str, Any]]:
    found = []
    for rule in gold.get("not_asserted", []) or []:
        definition = _actor_definition(gold, rule["source"])
        for event in events:
            if event.get("status") != "asserted":
                continue
            if rule.get("type") is not None and event.get("type") != rule["type"]:
                continue
            if actor_matches(definition, event.get("source")):
                found.append(
                    {
                        "rule": rule.get("note", rule["source"]),
                        "predicted_event": event.get("event_id"),
                    }
                )
    return found


# --- article-level measures ---------------------------------------------------------------


def _loaded_language_recall(
    gold: Record, article: Record, offsets: OffsetMap
) -> tuple[float, list[list[int]]]:
    gold_spans = [offsets.span(int(s), int(e)) for s, e in gold.get("loaded_language", []) or []]
    predicted = [tuple(m["span"]) for m in article.get("loaded_language", []) or []]
    missed = [list(span) for span in gold_spans if not any(overlaps(span, p) for p in predicted)]
    return ratio(len(gold_spans) - len(missed), len(gold_spans)), missed


def _provenance(gold: Record, article: Record) -> tuple[float, list[str]]:
    expected = gold.get("article", {}) or {}
    checked = [name for name in PROVENANCE_FIELDS if name in expected]
    wrong = [n for n in checked if fold(str(article.get(n) or "")) != fold(str(expected[n]))]
    return ratio(len(checked) - len(wrong), len(checked)), wrong


def _actor_recall(gold: Record, article: Record) -> tuple[float, list[str]]:
    actors = article.get("actors", []) or []
    missed = []
    for key, definition in gold.get("actors", {}).items():
        names = _names_of(definition)
        if not any(
            (fold(a.get("name")) in names or fold(a.get("text")) in names)
            and a.get("country") == definition.get("country")
            and _role_ok(definition.get("role"), a.get("role"))
            for a in actors
        ):
            missed.append(key)
    total = len(gold.get("actors", {}))
    return ratio(total - len(missed), total), missed


def _place_recall(gold: Record, article: Record) -> tuple[float, list[str]]:
    places = article.get("places", []) or []
    missed = []
    for key, definition in gold.get("places", {}).items():
        names = _names_of(definition)
        named = [p for p in places if fold(p.get("text")) in names or fold(p.get("name")) in names]
        if not any(place_matches(definition, p) for p in named):
            missed.append(key)
    total = len(gold.get("places", {}))
    return ratio(total - len(missed), total), missed


def score_seed(
    gold: Record,
    article_record: Record,
    event_records: list[Record],
    *,
    raw_text: str | None = None,
) -> EvalResult:
    """Score one coded article against the seed gold.

    ``raw_text`` is the text the gold offsets index (``article.txt``); when left out, the
    article record's own text is taken to be it.
    """
    text = article_record.get("text") or ""
    offsets = OffsetMap(raw_text if raw_text is not None else text, text)
    source_text = raw_text if raw_text is not None else text
    matches, failures = _match_events(gold, event_records, source_text, offsets)

    required = [e for e in gold["events"] if e.get("required", True)]
    found_required = [
        e["id"]
        for e in required
        if e["id"] in matches
        and all(matches[e["id"]].fields.get(name, True) for name in ("source", "target"))
    ]

    def field_accuracy(name: str) -> float:
        scored = [m.fields[name] for m in matches.values() if name in m.fields]
        return ratio(sum(scored), len(scored))

    violations = _violations(gold, event_records)
    loaded_recall, loaded_missed = _loaded_language_recall(gold, article_record, offsets)
    provenance, provenance_wrong = _provenance(gold, article_record)
    actor_recall, actors_missed = _actor_recall(gold, article_record)
    place_recall, places_missed = _place_recall(gold, article_record)
    matched_ids = {m.event_index for m in matches.values()}

    metrics = {
        "required_events_found": ratio(len(found_required), len(required)),
        "event_match_recall": ratio(len(matches), len(gold["events"])),
        "source_accuracy": field_accuracy("source"),
        "target_accuracy": field_accuracy("target"),
        "place_accuracy": field_accuracy("place"),
        "date_accuracy": field_accuracy("date"),
        "status_accuracy": field_accuracy("status"),
        "not_asserted_violations": float(len(violations)),
        "loaded_language_recall": loaded_recall,
        "provenance_accuracy": provenance,
        "actor_recall": actor_recall,
        "place_recall": place_recall,
    }
    details = {
        "required_found": found_required,
        "required_total": len(required),
        "matched_events": {key: check.fields for key, check in matches.items()},
        "failed_events": failures,
        "violations": violations,
        "loaded_language_missed": loaded_missed,
        "provenance_wrong": provenance_wrong,
        "actors_missed": actors_missed,
        "places_missed": places_missed,
        "unmatched_predicted_events": len(event_records) - len(matched_ids),
    }
    return EvalResult(
        set_name=SET_NAME, n_items=len(gold["events"]), metrics=metrics, details=details
    )


def run_seed(data_dir: Path, *, limit: int | None = None) -> EvalResult:
    """Code ``data_dir/article.txt`` with the default pipeline and score it (``limit`` unused:
    the set has one article)."""
    from newsevents.model import Article, Provenance, article_to_dict, event_to_dict
    from newsevents.pipeline.default import default_pipeline

    text_path, meta_path = data_dir / "article.txt", data_dir / "article.json"
    for path in (text_path, meta_path, data_dir / "gold.yaml"):
        if not path.is_file():
            raise InputError(
                f"seed gold file missing: {path.name}",
                path=str(path),
                hint="point --data at shared/corpus/seed",
            )
    gold = load_seed_gold(data_dir / "gold.yaml")
    raw_text = text_path.read_text(encoding="utf-8")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    article = Article(
        article_id=meta.get("id", "seed"),
        text=raw_text,
        provenance=Provenance(
            outlet=meta.get("outlet"),
            url=meta.get("url"),
            published=meta.get("published"),
            language="en",
        ),
    )
    (coded,) = default_pipeline().run_batch([article])
    return score_seed(
        gold,
        article_to_dict(coded),
        [event_to_dict(event) for event in coded.events],
        raw_text=raw_text,
    )
