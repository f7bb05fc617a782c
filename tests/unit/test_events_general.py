"""General event-coding rules found by running the full pipeline on ordinary wire sentences.

Denials negate what they deny (attributed to the denier); a comma-set participial speech act
belongs to the main clause; a claim of responsibility names the perpetrator; a weapon with a
demonym stands for that country's military; captives are not criminals and an exchange is
coded between the parties; irregular prefixed past forms still match their triggers.

Sentences are written for these tests after common wire phrasing; none is taken from a gold
file.
"""

from __future__ import annotations

import pytest

from newsevents.eventcoding.coding import place_outside_actors
from newsevents.knowledge.actors import load_actor_knowledge
from newsevents.knowledge.event_lexicon import (
    VerbForms,
    load_event_lexicon,
    parse_verb_forms,
    regular_stems,
)
from newsevents.model import Actor, Article, Event, Place, Provenance, Span
from newsevents.stages.actors import analyse_actors
from newsevents.stages.events import extract_events


def _coded(text: str) -> Article:
    from newsevents.stages.nlp import analyse

    article = Article(article_id="t", text=text, provenance=Provenance(published="2021-05-27"))
    return extract_events(analyse_actors(analyse(article)))


def _events(text: str, trigger: str) -> list[Event]:
    return [e for e in _coded(text).events if e.trigger.text.startswith(trigger)]


def _code(actor: Actor | None) -> str | None:
    return actor.code if actor is not None else None


# --- 1. denials and participial speech acts ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "denier"),
    [
        ("Hezbollah denied that it had fired rockets at Israel.", "fired", "Hezbollah"),
        (
            "Ethiopia's army denied reports that it had bombed a market in Tigray.",
            "bombed",
            "Ethiopia",
        ),
        (
            "The ministry rejected claims that its troops had killed civilians.",
            "killed",
            "ministry",
        ),
        (
            "The Taliban denied involvement in the attack on the hotel in Kabul.",
            "attack",
            "Taliban",
        ),
    ],
)
def test_the_content_of_a_denial_is_negated_and_attributed_to_the_denier(
    text: str, trigger: str, denier: str, nlp_available: bool
) -> None:
    events = _events(text, trigger)
    assert events, f"no {trigger!r} event in {text!r}"
    for event in events:
        assert event.status == "negated"
        assert event.attributed_to is not None and denier in event.attributed_to.name


def test_a_denied_claim_is_no_refusal_event(nlp_available: bool) -> None:
    article = _coded("The ministry rejected claims that its troops had killed civilians.")
    assert not [e for e in article.events if e.type == "REJECT"]


def test_denier_is_the_source_of_an_act_without_its_own_subject(nlp_available: bool) -> None:
    events = _events("Iran dismissed allegations of supplying drones to Russia.", "supplying")
    assert events and events[0].status == "negated"
    assert events[0].source is not None and events[0].source.country == "IRN"


def test_participial_accusation_is_the_main_clause_subjects_own_speech_act(
    nlp_available: bool,
) -> None:
    text = (
        "Ethiopia's army denied reports that it had bombed a market in Tigray, accusing the "
        "rebels of spreading propaganda."
    )
    accusations = [e for e in _coded(text).events if e.type == "ACCUSE"]
    assert accusations
    accusation = accusations[0]
    assert accusation.status == "reported" and accusation.attributed_to is None
    assert _code(accusation.source) == "ETHMIL"
    assert accusation.target is not None and accusation.target.role == "REB"


def test_rapid_support_forces_are_a_sudanese_armed_group() -> None:
    kb = load_actor_knowledge()
    hits = kb.aliases.get("rapid support forces") or kb.aliases.get("Rapid Support Forces") or []
    entries = {hit.entry.actor_id: hit.entry for hit in hits}
    assert any(e.country == "SDN" for e in entries.values())


# --- 2. claims of responsibility -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target_country"),
    [
        (
            "The Houthis claimed responsibility for a drone strike on a Saudi oil facility.",
            "strike",
            "YEM",
            "SAU",
        ),
        (
            "The Pakistani Taliban took responsibility for an attack on a Chinese convoy.",
            "attack",
            "PAK",
            "CHN",
        ),
    ],
)
def test_a_claim_of_responsibility_names_the_perpetrator(
    text: str, trigger: str, source: str, target_country: str, nlp_available: bool
) -> None:
    events = _events(text, trigger)
    assert events
    event = events[0]
    assert event.type == "ASSAULT" and event.status == "claimed"
    assert event.source is not None and event.source.country == source
    assert event.attributed_to is not None
    assert event.target is not None and event.target.country == target_country


def test_a_weapon_compound_takes_no_country_from_the_sentence(nlp_available: bool) -> None:
    article = _coded("A drone strike hit a Saudi oil facility on Saturday.")
    drones = [a for a in article.actors if a.text.lower() == "drone"]
    assert all(a.country is None for a in drones)


# --- 3. weapons with a demonym -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "code"),
    [
        ("Israeli air strikes hit Hamas targets in Gaza overnight.", "hit", "ISRMIL"),
        ("Russian missiles struck a power plant in Kharkiv overnight.", "struck", "RUSMIL"),
        ("The border town was hit by Russian rockets on Monday.", "hit", "RUSMIL"),
    ],
)
def test_a_weapon_with_a_demonym_is_that_countrys_military(
    text: str, trigger: str, code: str, nlp_available: bool
) -> None:
    events = _events(text, trigger)
    assert events and events[0].type == "ASSAULT"
    assert _code(events[0].source) == code


# --- 4. captives and exchanges -------------------------------------------------------------


def test_captives_are_not_criminals() -> None:
    roles = load_actor_knowledge().roles
    for word in ("prisoner", "prisoners", "detainees", "hostages", "captives"):
        assert roles.get(word) != "CRM"


@pytest.mark.parametrize(
    "text",
    [
        "Armenia and Azerbaijan agreed to exchange prisoners of war.",
        "Armenia and Azerbaijan exchanged prisoners on Sunday.",
    ],
)
def test_an_exchange_is_coded_between_the_parties(text: str, nlp_available: bool) -> None:
    pairs = {(_code(e.source), _code(e.target)) for e in _coded(text).events}
    assert ("ARM", "AZE") in pairs and ("AZE", "ARM") in pairs
    assert all(target not in ("CRM", "CVL") for _, target in pairs)


def test_a_reciprocal_verb_keeps_a_target_it_reaches_by_a_preposition(
    nlp_available: bool,
) -> None:
    pairs = {
        (_code(e.source), _code(e.target)) for e in _coded("Russia and China met with Iran.").events
    }
    assert pairs == {("RUS", "IRN"), ("CHN", "IRN")}


def test_a_place_naming_another_coordinated_actor_is_not_the_event_place() -> None:
    text = "Russia and Ukraine agreed to talks."
    article = Article(article_id="a", text=text)
    russia = Actor(span=Span(0, 6), text="Russia", name="Russia", actor_id="cty:RUS", country="RUS")
    ukraine = Actor(span=Span(11, 18), text="Ukraine", name="Ukraine", actor_id="cty:UKR")
    place = Place(span=Span(0, 6), text="Russia", name="Russia")
    # The event being placed is Ukraine's; Russia is the other conjunct of the subject.
    assert place_outside_actors(article, place, ukraine, None) == place
    assert place_outside_actors(article, place, ukraine, None, others=(russia, ukraine)) is None


# --- 5. irregular and prefixed past forms ---------------------------------------------------


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("retook", "retake"),
        ("overran", "overrun"),
        ("outfought", "outfight"),
        ("rebuilt", "rebuild"),
        ("withdrew", "withdraw"),
        ("upheld", "uphold"),
        ("shelled", "shell"),
    ],
)
def test_unlemmatised_past_forms_are_repaired(form: str, lemma: str) -> None:
    assert load_event_lexicon().verb_lemma(form, form) == lemma


def test_a_lemmatised_token_is_left_alone() -> None:
    # "found" lemmatised as "find" stays "find"; the table never overrides the model.
    assert load_event_lexicon().verb_lemma("found", "find") == "find"
    assert load_event_lexicon().verb_lemma("Struck", "strike") == "strike"


def test_verb_forms_table_schema_and_prefix_order() -> None:
    forms = parse_verb_forms({"past_forms": {"took": "take"}, "prefixes": ["re", "over", "out"]})
    assert forms == VerbForms({"took": "take"}, ("over", "out", "re"))
    assert forms.base("overtook") == "overtake" and forms.base("rook") is None
    with pytest.raises(Exception, match="past_forms"):
        parse_verb_forms({"prefixes": []})
    assert regular_stems("occupied")[-1] == "occupy"


def test_a_prefixed_irregular_past_form_is_an_event(nlp_available: bool) -> None:
    events = _events("On Friday, Iraqi forces retook Rawa from Islamic State.", "retook")
    assert events and events[0].type == "ASSAULT" and events[0].status == "asserted"
    assert _code(events[0].source) == "IRQMIL"
