"""Scorer for the PLOVER gold-standard records (``dev/events/plover-gsr-dev.json``).

Each gold record's ``text`` becomes one article. Measures:

* ``event_type_accuracy`` — the predicted event with the highest confidence (first on ties)
  has the gold type, after mapping PLOVER 0.5 types onto the 16 current ones; no event is wrong;
* ``source_country_accuracy`` / ``target_country_accuracy`` — over gold actors with a code: a
  predicted event's source (target) whose span overlaps the gold actor text has the gold
  country. The gold codes here are bare three-letter CAMEO codes (``USA``, ``IGO``, ``PSE``);
  the country is the code when it is an ISO 3166-1 alpha-3 code, or the ISO code of a CAMEO
  spelling listed in ``data/evaluation/plover_gsr.yaml`` (``JAP`` → ``JPN``); other codes
  (``IGO``, ``NGO``, ``IMG``, ``ISM``) mean "no country", which a prediction of null matches;
* ``source_sector_accuracy`` / ``target_sector_accuracy`` — the gold ``sector`` field (or a
  code's letters after the country, when a code has them), its first three letters upper-cased
  and mapped to our roles; gold sectors outside our roles (``ELI``, ``***``) are not scored;
* ``actor_mention_recall``, ``actor_country_accuracy``, ``actor_sector_accuracy`` — the
  actors stage alone: an article actor mention overlapping each gold actor text.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

from newsevents.errors import InputError, KnowledgeError, MalformedInputError
from newsevents.evaluation.base import EvalResult
from newsevents.evaluation.matching import OffsetMap, overlaps, ratio

Record = dict[str, Any]

SET_NAME = "plover"
CROSSWALK_FILE = "data/evaluation/plover_gsr.yaml"


@dataclass(frozen=True)
class Crosswalk:
    types_v05: dict[str, str]
    cameo_countries: dict[str, str]
    sector_aliases: dict[str, str]
    roles: frozenset[str]


@functools.lru_cache(maxsize=1)
def load_crosswalk() -> Crosswalk:
    """The packaged 0.5-type, country-code and sector mappings, schema-checked."""
    resource = resources.files("newsevents").joinpath(CROSSWALK_FILE)
    try:
        data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise KnowledgeError(
            f"cannot read {CROSSWALK_FILE}: {error}",
            path=CROSSWALK_FILE,
            hint="reinstall newsevents",
        ) from error
    sections = ("types_v05", "cameo_countries", "sector_aliases", "roles")
    if not isinstance(data, dict) or any(name not in data for name in sections):
        raise KnowledgeError(
            f"{CROSSWALK_FILE} must have the sections {', '.join(sections)}",
            path=CROSSWALK_FILE,
            hint="restore the packaged file",
        )
    for name in sections[:3]:
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in data[name].items()):
            raise KnowledgeError(
                f"{CROSSWALK_FILE}: {name} must map codes to codes",
                path=CROSSWALK_FILE,
                hint="quote the codes",
            )
    return Crosswalk(
        dict(data["types_v05"]),
        dict(data["cameo_countries"]),
        dict(data["sector_aliases"]),
        frozenset(data["roles"]),
    )


@dataclass(frozen=True)
class GoldActor:
    text: str
    code: str | None
    country: str | None
    sector: str | None  # one of our roles, or None when the gold gives none we can score
    span: tuple[int, int] | None  # where ``text`` was found in the item text


@dataclass(frozen=True)
class PloverItem:
    item_id: str
    text: str
    gold_type: str  # mapped onto the 16 current types
    original_type: str
    date: str | None = None
    sources: tuple[GoldActor, ...] = ()
    targets: tuple[GoldActor, ...] = ()


@dataclass
class Prediction:
    """What the pipeline made of one item: its article record and event records."""

    article: Record = field(default_factory=dict)
    events: list[Record] = field(default_factory=list)


def country_of_code(code: str | None) -> str | None:
    if not code or len(code) < 3:
        return None
    prefix = code[:3].upper()
    crosswalk = load_crosswalk()
    if prefix in crosswalk.cameo_countries:
        return crosswalk.cameo_countries[prefix]
    return prefix if pycountry.countries.get(alpha_3=prefix) is not None else None


def sector_of(code: str | None, sector: str | None) -> str | None:
    raw = sector or (code[3:6] if code and len(code) >= 6 else None)
    if not raw:
        return None
    crosswalk = load_crosswalk()
    head = raw[:3].upper()
    head = crosswalk.sector_aliases.get(head, head)
    return head if head in crosswalk.roles else None


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    """First occurrence of ``phrase`` in ``text`` as whole words, ignoring spacing; an elided
    phrase ("Palestinian ... residential areas") spans its first to its last piece.

    Exact case is tried first, then any case, then (for gold text that cuts a word) a match
    inside words: "US" is the "US" of "the US-led war", not the "us" of "refused"."""
    pieces = [piece.split() for piece in re.split(r"\.\.\.|…", phrase) if piece.strip()]
    if not pieces:
        return None
    for flags, bounded in ((0, True), (re.IGNORECASE, True), (re.IGNORECASE, False)):
        found = _locate_pieces(text, pieces, flags, bounded)
        if found is not None:
            return found
    return None


def _locate_pieces(
    text: str, pieces: list[list[str]], flags: int, bounded: bool
) -> tuple[int, int] | None:
    found: list[tuple[int, int]] = []
    position = 0
    for words in pieces:
        pattern = r"\s+".join(re.escape(word) for word in words)
        if bounded:
            pattern = rf"(?<!\w){pattern}(?!\w)"
        match = re.compile(pattern, flags).search(text, position)
        if match is None:
            return None
        found.append(match.span())
        position = match.end()
    return found[0][0], found[-1][1]


def _gold_actors(value: Any, text: str, item_id: str) -> tuple[GoldActor, ...]:
    if value in (None, ""):
        return ()
    if not isinstance(value, list):
        raise MalformedInputError(
            "actor list is neither a list nor empty",
            record=item_id,
            hint="expected [{'actorText', 'code'}]",
        )
    actors = []
    for entry in value:
        actor_text = str(entry.get("actorText", ""))
        code = entry.get("code") or None
        actors.append(
            GoldActor(
                actor_text,
                code,
                country_of_code(code),
                sector_of(code, entry.get("sector")),
                locate(text, actor_text),
            )
        )
    return tuple(actors)


def parse_plover(path: Path) -> list[PloverItem]:
    """Read the gold records, skipping the DOCUMENT entry that documents the file itself."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise MalformedInputError(
            f"cannot read PLOVER gold: {error}",
            path=str(path),
            hint="expected a JSON list of PLOVER records",
        ) from error
    if not isinstance(records, list):
        raise MalformedInputError(
            "PLOVER gold is not a JSON list",
            path=str(path),
            hint="expected a JSON list of PLOVER records",
        )
    types_v05 = load_crosswalk().types_v05
    items = []
    for record in records:
        event = record.get("event")
        if event == "DOCUMENT":
            continue
        item_id = str(record.get("id"))
        text = record.get("text")
        if not isinstance(text, str) or not isinstance(event, str):
            raise MalformedInputError(
                "record lacks 'text' or 'event'",
                path=str(path),
                record=item_id,
                hint="fix or drop the record",
            )
        items.append(
            PloverItem(
                item_id=item_id,
                text=text,
                gold_type=types_v05.get(event, event),
                original_type=event,
                date=record.get("date") or None,
                sources=_gold_actors(record.get("source"), text, item_id),
                targets=_gold_actors(record.get("target"), text, item_id),
            )
        )
    return items


# --- scoring ------------------------------------------------------------------------------


def top_event(events: list[Record]) -> Record | None:
    best: Record | None = None
    for event in events:
        if best is None or float(event.get("confidence", 0.0)) > float(best.get("confidence", 0.0)):
            best = event
    return best


def _span_of(record: Record | None) -> tuple[int, int] | None:
    span = None if record is None else record.get("span")
    return None if span is None else (int(span[0]), int(span[1]))


def _find_actor(
    gold: GoldActor, candidates: list[Record], offsets: OffsetMap | None
) -> Record | None:
    """The predicted actor standing for ``gold``: overlapping its text, or, when the gold
    text could not be located, one with the gold country."""
    gold_span = gold.span
    if gold_span is not None and offsets is not None:
        gold_span = offsets.span(*gold_span)
    for candidate in candidates:
        span = _span_of(candidate)
        if gold_span is not None and span is not None and overlaps(gold_span, span):
            return candidate
    if gold.span is None:
        for candidate in candidates:
            if candidate.get("country") == gold.country:
                return candidate
    return None


@dataclass
class _Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += ok

    @property
    def accuracy(self) -> float:
        return ratio(self.right, self.total)


def score_plover(items: list[PloverItem], predictions: Mapping[str, Prediction]) -> EvalResult:
    """Score predictions (by item id; a missing id counts as no output) against the gold."""
    types = _Tally()
    tallies = {
        name: _Tally()
        for name in (
            "source_country",
            "target_country",
            "source_sector",
            "target_sector",
            "actor_mention",
            "actor_country",
            "actor_sector",
        )
    }
    confusion: dict[str, dict[str, int]] = {}
    wrong_types: list[dict[str, Any]] = []
    for item in items:
        prediction = predictions.get(item.item_id, Prediction())
        predicted_text = prediction.article.get("text")
        # The pipeline may normalize the text; carry gold offsets over when it did.
        offsets = (
            OffsetMap(item.text, predicted_text)
            if isinstance(predicted_text, str) and predicted_text != item.text
            else None
        )
        best = top_event(prediction.events)
        predicted_type = None if best is None else best.get("type")
        types.add(predicted_type == item.gold_type)
        row = confusion.setdefault(item.gold_type, {})
        row[str(predicted_type)] = row.get(str(predicted_type), 0) + 1
        if predicted_type != item.gold_type:
            wrong_types.append(
                {"id": item.item_id, "gold": item.gold_type, "predicted": predicted_type}
            )
        for slot, gold_actors in (("source", item.sources), ("target", item.targets)):
            candidates = [e[slot] for e in prediction.events if e.get(slot)]
            for gold in gold_actors:
                if gold.code is None:
                    continue
                match = _find_actor(gold, candidates, offsets)
                tallies[f"{slot}_country"].add(
                    match is not None and match.get("country") == gold.country
                )
                if gold.sector is not None:
                    tallies[f"{slot}_sector"].add(
                        match is not None and match.get("role") == gold.sector
                    )
        mentions = list(prediction.article.get("actors", []) or [])
        for gold in (*item.sources, *item.targets):
            if gold.span is None:
                continue
            match = _find_actor(gold, mentions, offsets)
            tallies["actor_mention"].add(match is not None)
            if gold.code is not None:
                tallies["actor_country"].add(
                    match is not None and match.get("country") == gold.country
                )
            if gold.sector is not None:
                tallies["actor_sector"].add(match is not None and match.get("role") == gold.sector)
    metrics = {"event_type_accuracy": types.accuracy}
    metrics.update(
        {
            "source_country_accuracy": tallies["source_country"].accuracy,
            "target_country_accuracy": tallies["target_country"].accuracy,
            "source_sector_accuracy": tallies["source_sector"].accuracy,
            "target_sector_accuracy": tallies["target_sector"].accuracy,
            "actor_mention_recall": tallies["actor_mention"].accuracy,
            "actor_country_accuracy": tallies["actor_country"].accuracy,
            "actor_sector_accuracy": tallies["actor_sector"].accuracy,
        }
    )
    details: dict[str, Any] = {
        "counts": {name: {"right": t.right, "total": t.total} for name, t in tallies.items()},
        "type_confusion": confusion,
        "wrong_types": wrong_types,
        "unlocated_actor_texts": [
            {"id": item.item_id, "text": actor.text}
            for item in items
            for actor in (*item.sources, *item.targets)
            if actor.span is None
        ],
    }
    return EvalResult(set_name=SET_NAME, n_items=len(items), metrics=metrics, details=details)


def run_plover(path: Path, *, limit: int | None = None, split: str = "all") -> EvalResult:
    """Code every gold sentence with the default pipeline and score the result.

    ``split`` keeps one hash-selected half (``tune`` or ``heldout``, see
    :mod:`newsevents.evaluation.splits`) so tuning can be checked on data it did not see.
    """
    from newsevents.evaluation.splits import split_of
    from newsevents.model import Article, Provenance, article_to_dict, event_to_dict
    from newsevents.pipeline.default import default_pipeline

    if not path.is_file():
        raise InputError(
            "PLOVER gold file missing",
            path=str(path),
            hint="point --data at shared/dev/events/plover-gsr-dev.json",
        )
    items = [i for i in parse_plover(path) if split == "all" or split_of(i.item_id) == split]
    if limit is not None:
        items = items[:limit]
    articles = [
        Article(
            article_id=item.item_id,
            text=item.text,
            provenance=Provenance(published=item.date, language="en"),
        )
        for item in items
    ]
    coded = default_pipeline().run_batch(articles)
    predictions = {
        article.article_id: Prediction(
            article_to_dict(article), [event_to_dict(event) for event in article.events]
        )
        for article in coded
    }
    return score_plover(items, predictions)
