"""Places stage: recognise toponyms, resolve them in the offline gazetteer, pick event places.

The work lives in :mod:`newsevents.geoparse`: ``candidates`` (recognition), ``resolve``
(disambiguation) and ``event_place`` (where an event happened).  This module wires them into
the stage ``newsevents.places.v1``; ``choose_event_place`` is the stable API the events stage
calls.  Countries are ISO 3166-1 alpha-3 codes.
"""

from __future__ import annotations

import dataclasses
import math

from newsevents.geoparse.candidates import (
    Candidate,
    find_candidates,
    has_place_context,
    keep_candidate,
    mark_facility_names,
    named_divisions,
    person_name_parts,
)
from newsevents.geoparse.event_place import choose_event_place
from newsevents.geoparse.resolve import mark_qualifiers, resolve_candidates
from newsevents.knowledge.gazetteer import (
    Gazetteer,
    GeoLexicon,
    fold_name,
    load_gazetteer,
    load_geo_lexicon,
)
from newsevents.knowledge.outlet_home import OutletHome, outlet_home
from newsevents.model import Article, Place
from newsevents.pipeline.stage import FunctionStage, register_stage

STAGE_NAME = "newsevents.places.v1"
EXTRACTOR = "rule:places-v6"
__all__ = ["EXTRACTOR", "STAGE_NAME", "choose_event_place", "find_places", "make_places_stage",
           "resolve_places"]


def _to_place(candidate: Candidate) -> Place:
    feature = candidate.resolved
    assert feature is not None
    # Squash the raw score to 0–1 for the record; it orders, it is not a probability.
    confidence = round(1.0 / (1.0 + math.exp(-(candidate.score - 3.0) / 1.5)), 3)
    return Place(
        span=candidate.span,
        text=candidate.text,
        name=feature.name,
        geonames_id=feature.geonames_id,
        lat=feature.lat,
        lon=feature.lon,
        country=feature.country,
        admin1=feature.admin1 if feature.precision not in {"country", "region"} else None,
        precision=feature.precision,
        score=confidence,
        extractor=f"{EXTRACTOR}:nearest-named-place" if candidate.stand_in
        else EXTRACTOR if candidate.label != "DEMONYM" else f"{EXTRACTOR}:demonym",
    )


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _mostly_people(
    article: Article, candidates: list[Candidate], lexicon: GeoLexicon
) -> set[str]:
    """Names the NER calls a person more often than a place, that only small towns bear,
    and that no mention puts in a place context ("in X", "X, Texas", "province of X").

    One sense per article cuts both ways: "Zara" tagged PERSON six times and GPE once is
    the person, unless the name is a big city or a state or a big county ("Kent",
    "Cheltenham") or the text
    once uses it as a place ("driving to Castlegar").
    """
    people: dict[str, int] = {}
    places: dict[str, int] = {}
    small: dict[str, bool] = {}
    placed: set[str] = set()
    for candidate in candidates:
        key = fold_name(candidate.text)
        if candidate.label == "PERSON":
            people[key] = people.get(key, 0) + 1
        elif candidate.label in _PLACE_LABELS:
            places[key] = places.get(key, 0) + 1
        # Alternate names do not count: "Zara" is an old name of Zadar, which is no reason.
        small[key] = small.get(key, True) and all(
            f.precision in {"city", "admin2"} and f.population < 100_000
            for f in candidate.features if f.name_kind <= 1)
    for candidate in candidates:
        key = fold_name(candidate.text)
        # A possessor is not the preposition's object: "at Zara's headquarters".
        possessor = article.text.startswith(("'s", "’s"), candidate.span.end)
        if key in people and key not in placed and not possessor \
                and has_place_context(article, candidate, lexicon):
            placed.add(key)
    return {key for key, count in people.items()
            if count > places.get(key, 0) and small[key] and key not in placed}


def find_places(article: Article, gazetteer: Gazetteer | None = None) -> tuple[Place, ...]:
    """Every resolved toponym mention in the article, in text order."""
    if not article.tokens:
        return ()
    gazetteer = gazetteer or load_gazetteer()
    lexicon = load_geo_lexicon()
    person_parts = person_name_parts(article)
    candidates = find_candidates(article, gazetteer, lexicon, person_parts)
    mark_qualifiers(article, candidates)
    mark_facility_names(article, candidates, lexicon)
    divisions = named_divisions(candidates)
    kept_keys = {
        fold_name(c.text) for c in candidates
        if keep_candidate(article, c, lexicon, person_parts, divisions)
    } - _mostly_people(article, candidates, lexicon)
    # One sense per article: a name kept once is a place at each of its mentions.
    candidates = [c for c in candidates if fold_name(c.text) in kept_keys]
    for candidate in candidates:
        candidate.in_place_context = has_place_context(article, candidate, lexicon)
    home = outlet_home(article.provenance.url)
    resolve_candidates(candidates, home.country, _division_id(gazetteer, home))
    return tuple(_to_place(c) for c in candidates if c.resolved is not None)


def _division_id(gazetteer: Gazetteer, home: OutletHome) -> int | None:
    """The gazetteer id of a regional outlet's home division ("Georgia" in the USA)."""
    if home.division is None:
        return None
    matches = [f for f in gazetteer.lookup(home.division)
               if f.precision == "admin1" and f.country == home.country and f.name_kind <= 1]
    return max(matches, key=lambda f: f.population).id if matches else None


def resolve_places(article: Article) -> Article:
    """The stage function: fills ``Article.places``."""
    return dataclasses.replace(article, places=find_places(article))


@register_stage(STAGE_NAME)
def make_places_stage() -> FunctionStage:
    return FunctionStage(
        name=STAGE_NAME,
        requires=("tokens", "entities"),
        provides=("places",),
        function=resolve_places,
        languages=("en",),
    )
