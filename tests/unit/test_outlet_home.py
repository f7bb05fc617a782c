"""The outlet's home country (from the article URL) as a weak prior for toponym resolution."""

from __future__ import annotations

import pytest

from newsevents.knowledge.outlet_home import home_country, load_outlet_homes


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.thesun.co.uk/news/5940257/x/", "GBR"),  # .uk is not an ISO alpha-2 code
    ("https://news.bbc.co.uk/2/hi/", "GBR"),  # a parent domain in the outlet table
    ("https://www.abc.net.au/news/2018-04-05/x", "AUS"),
    ("http://www.rte.ie/news/", "IRL"),
    ("https://www.nytimes.com/2018/04/05/x.html", "USA"),  # .com: only from the table
    ("https://www.aljazeera.com/news/", "QAT"),
    ("http://www.kob.com/news/x", None),  # an unknown .com says nothing
    ("https://example.tv/x", None),  # ccTLD sold for generic use
    ("https://europa.eu/x", None),
    ("www.presstv.ir/Detail/1", "IRN"),  # no scheme
    ("not a url", None),
    (None, None),
])
def test_home_country(url: str | None, expected: str | None) -> None:
    assert home_country(url) == expected


def test_table_codes_are_alpha3() -> None:
    homes = load_outlet_homes()
    assert homes.source
    assert all(len(code) == 3 and code.isupper() for code in homes.outlets.values())


@pytest.mark.usefixtures("nlp_available")
def test_home_country_tips_a_bare_namesake_but_not_what_the_text_says() -> None:
    from newsevents.api import process

    sentence = "The council in Richmond approved the plan on Tuesday."

    def country(text: str, url: str | None) -> str | None:
        places = [p for p in process(text, url=url).places if p.text == "Richmond"]
        return places[0].country if places else None

    assert country(sentence, "https://www.cbc.ca/news/1") == "CAN"
    assert country(sentence, "https://www.nzherald.co.nz/1") == "NZL"
    assert country(sentence, "https://www.thesun.co.uk/news/1") == "GBR"
    # The text outweighs the prior.
    assert country("The council in Richmond, Virginia, approved the plan.",
                   "https://www.thesun.co.uk/news/1") == "USA"


def test_regional_outlets_name_their_division() -> None:
    from newsevents.knowledge.outlet_home import outlet_home

    assert outlet_home("https://www.ajc.com/news/local/x").division == "Georgia"
    assert outlet_home("https://www.ajc.com/news/local/x").country == "USA"
    assert outlet_home("https://www.thesun.co.uk/news/1").division is None


def test_every_regional_division_is_in_the_gazetteer() -> None:
    """A misspelt division would silently give no prior."""
    from newsevents.knowledge.gazetteer import load_gazetteer
    from newsevents.knowledge.outlet_home import OutletHome
    from newsevents.stages.places import _division_id

    gazetteer = load_gazetteer()
    for host, (country, division) in load_outlet_homes().regional.items():
        assert _division_id(gazetteer, OutletHome(country, division)) is not None, host


@pytest.mark.usefixtures("nlp_available")
def test_a_regional_paper_places_its_namesakes_at_home() -> None:
    from newsevents.api import process

    def division(url: str | None) -> str | None:
        places = process("The mayor of Albany spoke on Monday.", url=url).places
        return places[0].admin1 if places else None

    assert division("https://www.ajc.com/news/x") == "Georgia"
    assert division("https://www.timesunion.com/x") == "New York"
    assert division(None) == "New York"  # the bigger namesake without a prior
