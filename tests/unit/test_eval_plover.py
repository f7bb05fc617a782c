"""The PLOVER scorer on a tiny hand-made gold and prediction (tests/data/eval/plover)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsevents.errors import MalformedInputError
from newsevents.evaluation.plover import (
    GoldActor,
    PloverItem,
    Prediction,
    country_of_code,
    locate,
    parse_plover,
    score_plover,
    sector_of,
    top_event,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "eval" / "plover"


@pytest.fixture(scope="module")
def items() -> list[PloverItem]:
    return parse_plover(DATA / "gold.json")


@pytest.fixture()
def perfect() -> dict[str, Prediction]:
    records: dict[str, Any] = json.loads((DATA / "perfect.json").read_text(encoding="utf-8"))
    return {
        key: Prediction(value["article"], value["events"])
        for key, value in records.items()
        if key != "about"
    }


def test_parser_skips_document_and_maps_old_types(items: list[PloverItem]) -> None:
    assert [item.item_id for item in items] == [
        "TINY-AGREE-0001",
        "TINY-DEMAND-0001",
        "TINY-FIGHT-0001",
    ]
    assert [item.gold_type for item in items] == ["AGREE", "REQUEST", "ASSAULT"]
    assert items[0].targets == ()


def test_codes_give_iso_countries_or_none() -> None:
    assert country_of_code("USA") == "USA"
    assert country_of_code("JAP") == "JPN"  # CAMEO's spelling of Japan
    assert country_of_code("IGO") is None
    assert country_of_code("USAGOV") == "USA"
    assert country_of_code(None) is None


def test_sectors_keep_our_roles_only() -> None:
    assert sector_of("ISR", "MILisr") == "MIL"
    assert sector_of("SRB", "CIVsrp") == "CVL"
    assert sector_of("IGO", "***") is None
    assert sector_of("IRQMIL", None) == "MIL"
    assert sector_of("USA", None) is None


def test_locate_finds_whole_words_and_prefers_the_exact_case() -> None:
    text = "The Turkish government has refused to help the US-led war."
    assert locate(text, "US") == (47, 49)  # not the "us" of "refused"
    assert locate("Police in Paris, and the police chief said", "police") == (25, 31)
    assert locate("the Kurdish-held town", "Kurd") == (4, 8)  # gold cutting a word still found


def test_locate_ignores_spacing_case_and_elisions() -> None:
    text = "Israeli tanks shelled Palestinian positions and residential areas."
    assert locate(text, "israeli  tanks") == (0, 13)
    assert locate(text, "Palestinian ... residential areas") == (22, 65)
    assert locate(text, "Syrian army") is None


def test_top_event_breaks_ties_by_order() -> None:
    first = {"type": "AGREE", "confidence": 0.5}
    second = {"type": "REJECT", "confidence": 0.5}
    assert top_event([first, second]) is first
    assert top_event([]) is None


def test_perfect_prediction_scores_full_marks(
    items: list[PloverItem], perfect: dict[str, Prediction]
) -> None:
    result = score_plover(items, perfect)
    assert result.metrics == {name: 1.0 for name in result.metrics}
    counts = result.details["counts"]
    assert counts["source_country"] == {"right": 4, "total": 4}
    assert counts["target_country"] == {"right": 2, "total": 2}
    assert counts["source_sector"]["total"] == 2  # USA has no sector, IGO's is "***"
    assert counts["actor_mention"]["total"] == 6


def test_empty_prediction_scores_zero(items: list[PloverItem]) -> None:
    result = score_plover(items, {})
    assert set(result.metrics.values()) == {0.0}


def test_wrong_type_counts_once(items: list[PloverItem], perfect: dict[str, Prediction]) -> None:
    perfect["TINY-AGREE-0001"].events[0]["type"] = "REJECT"  # the top event (first of a tie)
    result = score_plover(items, perfect)
    assert result.metrics["event_type_accuracy"] == pytest.approx(2 / 3)
    assert result.metrics["source_country_accuracy"] == 1.0
    assert result.details["wrong_types"] == [
        {"id": "TINY-AGREE-0001", "gold": "AGREE", "predicted": "REJECT"}
    ]


def test_low_confidence_right_type_does_not_count(
    items: list[PloverItem], perfect: dict[str, Prediction]
) -> None:
    perfect["TINY-FIGHT-0001"].events[1]["confidence"] = 0.1  # COERCE (0.4) is now on top
    assert score_plover(items, perfect).metrics["event_type_accuracy"] == pytest.approx(2 / 3)


def test_off_by_one_actor_span_still_overlaps(
    items: list[PloverItem], perfect: dict[str, Prediction]
) -> None:
    for event in perfect["TINY-DEMAND-0001"].events:
        event["source"]["span"] = [5, 19]
    assert score_plover(items, perfect).metrics["source_country_accuracy"] == 1.0


def test_actor_in_wrong_place_is_missed(
    items: list[PloverItem], perfect: dict[str, Prediction]
) -> None:
    perfect["TINY-DEMAND-0001"].article["actors"][1]["span"] = [0, 3]  # "The", not the army
    result = score_plover(items, perfect)
    assert result.metrics["actor_mention_recall"] == pytest.approx(5 / 6)
    assert result.metrics["actor_sector_accuracy"] == pytest.approx(3 / 4)


def test_wrong_country_and_sector(items: list[PloverItem], perfect: dict[str, Prediction]) -> None:
    target = perfect["TINY-DEMAND-0001"].events[0]["target"]
    target.update(country="PSE", role="CVL")
    metrics = score_plover(items, perfect).metrics
    assert metrics["target_country_accuracy"] == 0.5
    assert metrics["target_sector_accuracy"] == 0.5


def test_normalized_text_keeps_actor_alignment() -> None:
    # The pipeline squeezed the double space; gold offsets must be carried over to its text.
    text = "The  Israeli army said the United Nations must leave."
    gold = GoldActor("United Nations", "IGO", None, None, locate(text, "United Nations"))
    assert gold.span == (27, 41)
    item = PloverItem("X", text, "REQUEST", "DEMAND", sources=(gold,))
    squeezed = " ".join(text.split())
    assert squeezed[26:40] == "United Nations"
    right = Prediction({"text": squeezed}, [{"type": "REQUEST", "source": {"span": [26, 40]}}])
    wrong = Prediction({"text": squeezed}, [{"type": "REQUEST", "source": {"span": [40, 45]}}])
    assert score_plover([item], {"X": right}).metrics["source_country_accuracy"] == 1.0
    assert score_plover([item], {"X": wrong}).metrics["source_country_accuracy"] == 0.0


def test_malformed_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a list"}', encoding="utf-8")
    with pytest.raises(MalformedInputError, match="bad.json"):
        parse_plover(bad)
