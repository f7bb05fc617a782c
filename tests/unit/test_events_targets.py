"""Regression tests for territory targets, own-forces objects of a withdrawal, and the actor
rules they rely on (deed possessors, residence of ethnic groups, "anti-X" modifiers).

Sentences are written for these tests from common wire phrasing; none is taken from a gold file.
"""

from __future__ import annotations

import pytest

from newsevents.eventcoding.arguments import PLACE_TARGET
from newsevents.knowledge.event_lexicon import load_event_lexicon
from newsevents.model import Actor, Article, Event
from newsevents.stages.actors import analyse_actors
from newsevents.stages.events import extract_events


def _coded(text: str) -> Article:
    from newsevents.stages.nlp import analyse

    return extract_events(analyse_actors(analyse(Article(article_id="t", text=text))))


def _of_type(article: Article, plover_type: str) -> list[Event]:
    return [e for e in article.events if e.type == plover_type]


def _actor_covering(article: Article, phrase: str) -> Actor | None:
    start = article.text.index(phrase)
    for actor in article.actors:
        if actor.span is not None and actor.span.start <= start < actor.span.end:
            return actor
    return None


def test_place_target_types_come_from_the_lexicon() -> None:
    lexicon = load_event_lexicon()
    assert "in" in lexicon.place_preps("COERCE")
    assert "from" in lexicon.place_preps("RETREAT")
    assert lexicon.place_preps("ACCUSE") == ()  # speech acts are never aimed at a territory


@pytest.mark.parametrize(
    ("text", "plover_type", "country", "place_text"),
    [
        ("The army imposed a curfew in Sudan on Monday.", "COERCE", "SDN", "Sudan"),
        ("Rebels shelled targets in central Baghdad on Monday.", "ASSAULT", "IRQ", "Baghdad"),
        ("Thousands of farmers protested in Nairobi on Friday.", "PROTEST", "KEN", "Nairobi"),
    ],
)
def test_territory_is_the_target_when_no_actor_is(
    text: str, plover_type: str, country: str, place_text: str, nlp_available: bool
) -> None:
    events = _of_type(_coded(text), plover_type)
    assert events, f"no {plover_type} event in {text!r}"
    target = events[0].target
    assert target is not None and target.country == country
    assert target.extractor == PLACE_TARGET and target.text == place_text


def test_an_actor_target_wins_over_the_territory(nlp_available: bool) -> None:
    events = _of_type(_coded("Israeli troops attacked Hamas fighters in Gaza."), "ASSAULT")
    assert events and events[0].target is not None
    assert events[0].target.extractor != PLACE_TARGET


def test_speech_events_get_no_territory_target(nlp_available: bool) -> None:
    events = _coded("The minister criticised the election results in Kenya.").events
    assert all(e.target is None or e.target.extractor != PLACE_TARGET for e in events)


def test_withdrawn_own_troops_are_not_the_target(nlp_available: bool) -> None:
    events = _of_type(_coded("Turkey withdrew its troops from Syria on Tuesday."), "RETREAT")
    assert events and events[0].target is not None
    assert events[0].target.country == "SYR"


def test_territory_target_keeps_the_event_place(nlp_available: bool) -> None:
    article = _coded("The army imposed a curfew in Sudan on Monday.")
    from newsevents.eventcoding.coding import place_outside_actors
    from newsevents.model import Place

    event = _of_type(article, "COERCE")[0]
    assert event.target is not None and event.target.span is not None
    place = Place(span=event.target.span, text="Sudan", name="Sudan")
    assert place_outside_actors(article, place, event.source, event.target) == place


def test_country_owning_a_deed_is_an_actor(nlp_available: bool) -> None:
    article = _coded("Hundreds marched against Sweden's decision to expel the refugees.")
    actor = _actor_covering(article, "Sweden")
    assert actor is not None and actor.country == "SWE"


def test_country_owning_a_place_is_not_an_actor(nlp_available: bool) -> None:
    article = _coded("Fighting continued in Syria's north on Sunday.")
    assert _actor_covering(article, "Syria") is None


def test_ethnic_group_takes_its_country_of_residence(nlp_available: bool) -> None:
    article = _coded("Police detained ethnic Hungarians in Romania on Friday.")
    actor = _actor_covering(article, "Hungarians")
    assert actor is not None and actor.country == "ROU"


def test_country_demonym_before_a_people_is_their_residence(nlp_available: bool) -> None:
    article = _coded("Iraqi Turkmens rallied in the city on Friday.")
    actor = _actor_covering(article, "Turkmens")
    assert actor is not None and actor.country == "IRQ"


def test_anti_country_modifier_is_not_a_nationality(nlp_available: bool) -> None:
    article = _coded("An anti-Iran journalist was arrested on Monday.")
    actor = _actor_covering(article, "journalist")
    assert actor is not None and actor.country != "IRN"
