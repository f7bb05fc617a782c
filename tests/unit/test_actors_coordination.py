"""Actors shared across coordination and plural anaphora, and wire credits (needs the spaCy model).

Sentences written for these tests from common wire phrasing; none is taken from a gold file.
"""

from __future__ import annotations

from newsevents.model import Article
from newsevents.stages.actors import analyse_actors, credit_spans
from newsevents.stages.nlp import analyse


def _actors(text: str) -> list[tuple[str, str | None, str | None]]:
    article = analyse_actors(analyse(Article(article_id="c", text=text)))
    return [(a.text, a.country, a.role) for a in article.actors]


def test_demonyms_distribute_over_coordinated_role_nouns(nlp_available: bool) -> None:
    found = _actors("The envoy praised the Egyptian and Jordanian peoples, governments and armies.")
    assert ("governments", "EGY", "GOV") in found
    assert ("governments", "JOR", "GOV") in found
    assert ("armies", "EGY", "MIL") in found
    assert ("armies", "JOR", "MIL") in found
    assert not [a for a in found if a[0] in ("governments", "armies") and a[1] is None]


def test_a_role_noun_with_its_own_country_is_not_redistributed(nlp_available: bool) -> None:
    found = _actors("Turkish troops and Russian police patrolled the border.")
    assert ("Russian police", "RUS", "COP") in found
    assert not any(a[0] == "Russian police" and a[1] == "TUR" for a in found)


def test_the_two_countries_are_the_last_two_named(nlp_available: bool) -> None:
    found = _actors(
        "Armenia and Azerbaijan fought over the region. France urged the two countries to talk."
    )
    assert ("two countries", "ARM", None) in found
    assert ("two countries", "AZE", None) in found


def test_two_countries_needs_two_antecedents(nlp_available: bool) -> None:
    found = _actors("Only Chile spoke. The two countries did not reply.")
    assert not any(a[0] == "two countries" for a in found)


def test_wire_credits_hold_no_actor(nlp_available: bool) -> None:
    for text in (
        "GENEVA (AP) - The talks resumed on Monday.",
        "BAGHDAD (Reuters) - Iraqi forces advanced on Monday.",
    ):
        credits = credit_spans(text)
        assert credits
        article = analyse_actors(analyse(Article(article_id="w", text=text)))
        assert not any(
            a.span is not None and any(a.span.overlaps(c) for c in credits) for a in article.actors
        )
    # Prose naming an agency is not a credit.
    assert credit_spans("Reuters reported that the talks resumed.") == []


def test_unnamed_role_actor_takes_the_sentence_country(nlp_available: bool) -> None:
    found = _actors("Kenyan police used tear gas to disperse demonstrators on Monday.")
    assert any(a[0] == "demonstrators" and a[1] == "KEN" for a in found)
    located = _actors("The agency sent food to refugees fleeing the fighting in Sudan.")
    assert any(a[0] == "refugees" and a[1] == "SDN" for a in located)


def test_two_countries_in_the_sentence_leave_the_actor_without_one(nlp_available: bool) -> None:
    found = _actors("Indian and Pakistani officials blamed protesters for the unrest.")
    assert any(a[0] == "protesters" and a[1] is None for a in found)
