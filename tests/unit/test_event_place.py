"""Where an event happened: the place the sentence ties to the trigger, not the dateline."""

from __future__ import annotations

import pytest

import newsevents
from newsevents.geoparse.event_place import is_dateline


def _event_places(text: str) -> dict[str, str | None]:
    article = newsevents.process(text, published="2021-03-04")
    return {e.trigger.text: (e.place.name if e.place else None) for e in article.events}


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (("KABUL, March 3 (Reuters) - Taliban fighters attacked a police checkpoint in Kunduz "
         "province on Tuesday, a provincial spokesman said."), "attacked", "Kunduz"),
        ("BAGHDAD (AFP) - Gunmen killed three soldiers near the city of Samarra on Sunday.",
         "killed", "Sāmarrā’"),
    ],
)
def test_sentence_place_beats_the_dateline(
    nlp_available: bool, text: str, trigger: str, expected: str
) -> None:
    assert _event_places(text)[trigger] == expected


def test_dateline_is_still_the_fallback(nlp_available: bool) -> None:
    places = _event_places("MOSUL, Iraq (AP) - Militants attacked an army convoy on Monday.")
    assert places["attacked"] in {"Mosul", "Iraq", "Al Mawşil"}


def test_dateline_detection(nlp_available: bool) -> None:
    article = newsevents.process(
        "BAGHDAD (AFP) - Police in Basra said the city was calm.", published="2021-03-04"
    )
    flags = [(p.text, is_dateline(article, p)) for p in article.places]
    assert ("BAGHDAD", True) in flags
    assert ("Basra", False) in flags


def test_a_dash_inside_a_sentence_is_not_a_dateline(nlp_available: bool) -> None:
    article = newsevents.process(
        "Troops entered Homs - the third city - on Sunday.", published="2021-03-04"
    )
    assert [is_dateline(article, p) for p in article.places if p.text == "Homs"] == [False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters rallied outside the Russian Embassy in Washington on Friday.", "Washington"),
        ("Protesters rallied outside the Russian Embassy on Friday.", None),
        ("Hundreds protested outside the Israeli embassy.", None),
        ("Protesters rallied in Russia on Friday.", "Russia"),
    ],
)
def test_a_country_naming_its_embassy_is_not_where_the_event_happened(
    nlp_available: bool, text: str, expected: str | None
) -> None:
    """The mission stands in the host country; GDELT-style coding puts such protests in the
    embassy's country."""
    places = _event_places(text)
    trigger = next(t for t in places if t.startswith(("rall", "protest")))
    assert places[trigger] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government forces attacked rebels in Darfur on Monday.", "Darfur"),
        ("Iran thanked Lebanon's Hezbollah for its help.", None),
    ],
)
def test_a_place_inside_an_actor_phrase_counts_only_where_it_locates_the_actor(
    nlp_available: bool, text: str, expected: str | None
) -> None:
    """"rebels in Darfur" says where they were attacked; "Lebanon's Hezbollah" says who."""
    places = _event_places(text)
    assert list(places.values()) == [expected]
