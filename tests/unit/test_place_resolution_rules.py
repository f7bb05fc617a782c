"""Small resolution and recognition rules, each checked with and without its trigger."""

from __future__ import annotations

import pytest

from newsevents.geoparse.candidates import Candidate
from newsevents.geoparse.resolve import _Context, _stand_in_nearest
from newsevents.knowledge.gazetteer import Feature
from newsevents.model import Span


def _feature(feature_id: int, name: str, kind: int = 0) -> Feature:
    return Feature(id=feature_id, name=name, lat=44.98, lon=-93.26, country="USA",
                   admin1="Minnesota", admin1_id=5037779, precision="city",
                   population=400_000, source="test", capital=False, name_kind=kind)


@pytest.mark.parametrize("in_place_context", [True, False])
def test_an_unplaced_name_stands_in_for_its_town_only_when_the_text_puts_it_there(
    in_place_context: bool,
) -> None:
    """"at Plymouth Hall" in a Minneapolis story is in Minneapolis; "Pawlenty's spokesman"
    (a lossy transliteration match, no place words around it) is placed nowhere."""
    town = Candidate(span=Span(0, 11), text="Minneapolis", label="GPE", tokens=[],
                     features=(_feature(5037649, "Minneapolis"),))
    town.resolved = town.features[0]
    name = Candidate(span=Span(40, 48), text="Pawlenty", label="GPE", tokens=[],
                     features=(_feature(1, "Pawlen", kind=3),))
    name.in_place_context = in_place_context
    context = _Context()
    context.countries["USA"].update({"minneapolis", "minnesota"})
    _stand_in_nearest([town, name], context)
    assert (name.resolved is not None) is in_place_context
    assert name.stand_in is in_place_context


@pytest.mark.parametrize(("text", "mention", "is_place"), [
    ("The city hired Stevens & Wilkinson, a design firm from Columbia.", "Stevens", False),
    ("The city hired Stevens & Wilkinson, a design firm from Columbia.", "Wilkinson", False),
    ("Julian LeCraw & Co. has asked for the land near Atlanta.", "Co.", False),
    ("Snow fell on Denver, Colo., on Sunday.", "Colo.", True),
    ("Officers responded to the call, Nelson said.", "Nelson", False),
    ("A fire in Nelson destroyed two homes, police said.", "Nelson", True),
    ("CHARLESTON, W.Va. -- A Kanawha County man was arrested Tuesday.", "W.Va.", True),
    ("A 1992 Toyota Corolla was hit by a truck.", "Toyota", False),
    ("Lin-Manuel Miranda has shingles. Miranda tweeted the news on Thursday.", "Miranda", False),
    ("Fans in Victoria cheered as the team won.", "Victoria", True),
])
def test_firm_names_speakers_and_abbreviations(
    nlp_available: bool, text: str, mention: str, is_place: bool
) -> None:
    from newsevents.api import process

    start = text.index(mention)
    span = Span(start, start + len(mention))
    places = [p for p in process(text).places if p.span is not None and p.span.overlaps(span)]
    assert bool(places) is is_place, places


@pytest.mark.parametrize(("text", "name", "placed"), [
    ("Gorham police arrested two men on Monday.", "Gorham", True),
    ("The Gorham mayoral race drew four candidates.", "Gorham", True),
    ("Gorham arrested two men on Monday.", "Gorham", False),
])
def test_a_following_place_noun_is_place_context(
    nlp_available: bool, text: str, name: str, placed: bool
) -> None:
    """"Sochi mayor", "Huntsville police": the noun after a name says it is a place."""
    from newsevents.geoparse.candidates import find_candidates, has_place_context
    from newsevents.knowledge.gazetteer import load_gazetteer, load_geo_lexicon
    from newsevents.model import Article
    from newsevents.stages.nlp import analyse

    article = analyse(Article("t", text))
    lexicon = load_geo_lexicon()
    (candidate,) = [c for c in find_candidates(article, load_gazetteer(), lexicon)
                    if c.text == name]
    assert has_place_context(article, candidate, lexicon) is placed
