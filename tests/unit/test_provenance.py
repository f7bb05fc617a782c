"""Syndication credits, licences and language (newsevents.provenance.v1)."""

from __future__ import annotations

import pytest

from newsevents.knowledge.provenance import provenance_knowledge
from newsevents.model import Article, Provenance
from newsevents.pipeline.stage import make_stage
from newsevents.stages.normalize import normalize_article
from newsevents.stages.provenance import (
    STAGE_NAME,
    add_provenance,
    detect_language,
    find_syndication_credit,
    identify_licence,
    normalize_language_code,
)

ENGLISH = (
    "Government forces recaptured the town after three days of fighting, the army said on "
    "Sunday, adding that hundreds of residents had fled to nearby villages."
)


def test_seed_article_credits_press_tv_and_cc_by(seed_article: Article) -> None:
    for article in (seed_article, normalize_article(seed_article)):
        result = make_stage(STAGE_NAME)(article)
        assert result.provenance.syndicated_from == "Press TV"
        assert result.provenance.licence == "CC BY 4.0"
        assert result.provenance.language == "en"
        assert not result.problems


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("(Reuters) - The central bank raised rates on Tuesday.", "Reuters"),
        ("BAGHDAD (AFP) - Iraqi forces advanced on Monday.", "AFP"),
        ("BEIJING, Nov. 21 (Xinhua) -- China said on Tuesday.", "Xinhua"),
        ("New Delhi [India], Nov 21 (ANI): The minister said.", "ANI"),
        ("MOSCOW, November 21. /TASS/. Russia said on Tuesday.", "TASS"),
        ("The talks ended without a deal.\n\n— AFP", "AFP"),
        ("The talks ended without a deal. (Source: presstv)", "Press TV"),
        ("The talks ended without a deal.\nSource: IRNA", "IRNA"),
        ("SEOUL (Yonhap) -- North Korea fired a missile.", "Yonhap"),
        ("The talks ended without a deal. (With AFP)", "AFP"),
    ],
)
def test_credit_lines_name_the_source(text: str, credit: str) -> None:
    assert find_syndication_credit(text) == credit


@pytest.mark.parametrize(
    "text",
    [
        "Reuters reported that the talks had failed.",
        "The minister told AFP that the talks would resume.",
        "An AFP photographer saw smoke over the city.",
        "According to the Associated Press, the vote was delayed.",
        "He said (AFP was not present) that nothing changed.",
        ENGLISH,
    ],
)
def test_prose_mentions_are_not_credits(text: str) -> None:
    assert find_syndication_credit(text) is None


@pytest.mark.parametrize(
    ("text", "licence"),
    [
        ("licensed under a Creative Commons Attribution 4.0 International License.", "CC BY 4.0"),
        ("Creative Commons Attribution-ShareAlike 4.0 International", "CC BY-SA 4.0"),
        ("Creative Commons Attribution-NonCommercial 4.0 International", "CC BY-NC 4.0"),
        ("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0", "CC BY-NC-ND 4.0"),
        ("see https://creativecommons.org/licenses/by-sa/3.0/ for terms", "CC BY-SA 3.0"),
        ("Text available under CC BY-NC-SA 4.0.", "CC BY-NC-SA 4.0"),
        ("Dedicated to the public domain under CC0.", "CC0 1.0"),
    ],
)
def test_licence_lines_give_short_ids(text: str, licence: str) -> None:
    assert identify_licence(text) == licence


def test_no_licence_in_plain_news() -> None:
    assert identify_licence(ENGLISH) is None


def test_metadata_licence_url_is_shortened() -> None:
    article = Article(
        article_id="x",
        text=ENGLISH,
        provenance=Provenance(
            language="en", licence="https://creativecommons.org/licenses/by/4.0/"
        ),
    )
    assert add_provenance(article).provenance.licence == "CC BY 4.0"


def test_language_is_detected_and_non_english_is_marked_not_coded() -> None:
    french = Article(
        article_id="fr",
        text="Des milliers d'agriculteurs ont manifesté mardi à Lyon pour protester contre la "
        "hausse du prix du gazole, selon les organisateurs.",
    )
    result = add_provenance(french)
    assert result.provenance.language == "fr"
    assert len(result.problems) == 1
    assert "not coded" in result.problems[0].message
    assert "French" in result.problems[0].message


def test_english_is_detected_without_problem() -> None:
    result = add_provenance(Article(article_id="en", text=ENGLISH))
    assert result.provenance.language == "en"
    assert result.problems == ()


def test_short_text_stays_unknown() -> None:
    assert detect_language("Talks resume.") is None
    assert add_provenance(Article(article_id="s", text="Talks resume.")).provenance.language is None


def test_given_language_is_kept_and_normalized() -> None:
    article = Article(article_id="x", text=ENGLISH, provenance=Provenance(language="en-GB"))
    assert add_provenance(article).provenance.language == "en"
    assert normalize_language_code("eng") == "en"
    assert normalize_language_code("French") == "fr"
    assert normalize_language_code("xx") is None


def test_stage_declares_its_fields_and_any_language() -> None:
    stage = make_stage(STAGE_NAME)
    assert stage.requires == ("text",)
    assert stage.provides == ("provenance",)
    assert getattr(stage, "languages", None) is None


def test_existing_credit_is_not_overwritten() -> None:
    article = Article(
        article_id="x",
        text="(Reuters) - " + ENGLISH,
        provenance=Provenance(language="en", syndicated_from="AFP"),
    )
    assert add_provenance(article).provenance.syndicated_from == "AFP"


def test_every_credit_pattern_can_match_every_alias() -> None:
    knowledge = provenance_knowledge()
    assert knowledge.outlet_by_alias["presstv"] == "Press TV"
    for alias, name in knowledge.outlet_by_alias.items():
        assert find_syndication_credit(f"CITY ({alias.upper()}) - Text.", knowledge) == name


def test_stage_returns_a_copy() -> None:
    article = Article(article_id="x", text="(Reuters) - " + ENGLISH)
    result = add_provenance(article)
    assert article.provenance.syndicated_from is None
    assert result.provenance.syndicated_from == "Reuters"
