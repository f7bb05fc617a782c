"""The seed scorer on a tiny hand-made gold and prediction (tests/data/eval/seed)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from newsevents.evaluation.seed import load_seed_gold, score_seed

Record = dict[str, Any]
DATA = Path(__file__).resolve().parents[1] / "data" / "eval" / "seed"


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return load_seed_gold(DATA / "gold.yaml")


@pytest.fixture(scope="module")
def raw_text() -> str:
    return (DATA / "article.txt").read_text(encoding="utf-8")


@pytest.fixture()
def perfect() -> dict[str, Any]:
    record: dict[str, Any] = json.loads((DATA / "perfect.json").read_text(encoding="utf-8"))
    return record


def score(gold: dict[str, Any], prediction: dict[str, Any], raw_text: str) -> dict[str, float]:
    result = score_seed(gold, prediction["article"], prediction["events"], raw_text=raw_text)
    return result.metrics


def event(prediction: dict[str, Any], event_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(e for e in prediction["events"] if e["event_id"] == event_id)
    return found


def test_yaml_dates_come_back_as_strings(gold: dict[str, Any]) -> None:
    assert gold["events"][0]["date"]["value"] == "2020-03-06"


def test_perfect_prediction_scores_full_marks(gold: Record, perfect: Record, raw_text: str) -> None:
    metrics = score(gold, perfect, raw_text)
    assert metrics.pop("not_asserted_violations") == 0.0
    assert metrics == {name: 1.0 for name in metrics}


def test_empty_prediction_scores_zero(gold: Record, raw_text: str) -> None:
    text = " ".join(raw_text.split())
    metrics = score(gold, {"article": {"text": text}, "events": []}, raw_text)
    assert set(metrics.values()) == {0.0}


def test_offsets_survive_whitespace_collapsing(
    gold: Record, perfect: Record, raw_text: str
) -> None:
    # The praise and shelling triggers sit one character earlier than in the raw file.
    assert raw_text[77:84] == "praised"
    assert perfect["article"]["text"][76:83] == "praised"
    assert score(gold, perfect, raw_text)["event_match_recall"] == 1.0


def test_off_by_one_spans_still_match(gold: Record, perfect: Record, raw_text: str) -> None:
    for item in perfect["events"]:
        start, end = item["trigger"]["span"]
        item["trigger"]["span"] = [start + 1, end + 1]
    perfect["article"]["loaded_language"][0]["span"] = [49, 62]
    metrics = score(gold, perfect, raw_text)
    assert metrics["required_events_found"] == 1.0
    assert metrics["loaded_language_recall"] == 1.0


def test_adjacent_span_is_not_an_overlap(gold: Record, perfect: Record, raw_text: str) -> None:
    perfect["article"]["loaded_language"][0]["span"] = [40, 48]  # ends where the gold span starts
    assert score(gold, perfect, raw_text)["loaded_language_recall"] == 0.0


def test_trigger_in_other_sentence_does_not_match(
    gold: Record, perfect: Record, raw_text: str
) -> None:
    event(perfect, "e2")["trigger"]["span"] = [96, 100]  # in the third sentence
    metrics = score(gold, perfect, raw_text)
    assert metrics["required_events_found"] == 0.5
    assert metrics["event_match_recall"] == pytest.approx(2 / 3)


def test_wrong_type_loses_the_event(gold: Record, perfect: Record, raw_text: str) -> None:
    event(perfect, "e1")["type"] = "PROTEST"
    result = score_seed(gold, perfect["article"], perfect["events"], raw_text=raw_text)
    assert result.metrics["required_events_found"] == 0.5
    assert result.metrics["place_accuracy"] == 0.0  # the only gold place was on that event
    assert [f["gold_event"] for f in result.details["failed_events"]] == ["rawa"]


def test_wrong_status_counts_against_status_only(
    gold: Record, perfect: Record, raw_text: str
) -> None:
    event(perfect, "e2")["status"] = "asserted"
    metrics = score(gold, perfect, raw_text)
    assert metrics["status_accuracy"] == pytest.approx(2 / 3)
    assert metrics["required_events_found"] == 1.0
    assert metrics["not_asserted_violations"] == 0.0


def test_claim_coded_as_asserted_is_a_violation(
    gold: Record, perfect: Record, raw_text: str
) -> None:
    event(perfect, "e3")["status"] = "asserted"
    result = score_seed(gold, perfect["article"], perfect["events"], raw_text=raw_text)
    assert result.metrics["not_asserted_violations"] == 1.0
    assert result.metrics["status_accuracy"] == pytest.approx(2 / 3)
    assert result.details["violations"][0]["predicted_event"] == "e3"


def test_wrong_source_fails_the_required_event(
    gold: Record, perfect: Record, raw_text: str
) -> None:
    event(perfect, "e1")["source"] = {"name": "Syrian army", "country": "SYR", "role": "MIL"}
    metrics = score(gold, perfect, raw_text)
    assert metrics["required_events_found"] == 0.5
    assert metrics["source_accuracy"] == pytest.approx(2 / 3)


def test_place_outside_radius_is_wrong(gold: Record, perfect: Record, raw_text: str) -> None:
    copy_ = copy.deepcopy(perfect)
    event(copy_, "e1")["place"].update(lat=35.0, lon=41.92)  # about 59 km north
    copy_["article"]["places"][0].update(lat=35.0)
    metrics = score(gold, copy_, raw_text)
    assert metrics["place_accuracy"] == 0.0
    assert metrics["place_recall"] == 0.0


def test_date_needs_value_and_precision(gold: Record, perfect: Record, raw_text: str) -> None:
    event(perfect, "e1")["date"]["precision"] = "month"
    assert score(gold, perfect, raw_text)["date_accuracy"] == 0.0


def test_actor_with_wrong_role_is_not_recalled(
    gold: Record, perfect: Record, raw_text: str
) -> None:
    perfect["article"]["actors"][2]["role"] = "MIL"  # the minister is GOV
    metrics = score(gold, perfect, raw_text)
    assert metrics["actor_recall"] == pytest.approx(3 / 4)


def test_provenance_fields_counted_one_by_one(gold: Record, perfect: Record, raw_text: str) -> None:
    perfect["article"]["licence"] = None
    assert score(gold, perfect, raw_text)["provenance_accuracy"] == pytest.approx(2 / 3)


def prediction_from_gold(gold: Record, text: str) -> Record:
    """What a perfect coder would output for the real seed gold, built from the gold itself."""

    def actor(key: str) -> Record:
        definition = gold["actors"].get(key) or gold["places"][key]
        role = definition.get("role")
        return {
            "name": definition["name"],
            "country": definition.get("country"),
            "role": role[0] if isinstance(role, list) else role,
        }

    def place(key: str) -> Record:
        definition = gold["places"][key]
        return {k: definition.get(k) for k in ("name", "lat", "lon", "country", "precision")}

    def first(value: Any) -> Any:
        return value[0] if isinstance(value, list) else value

    events = []
    for index, item in enumerate(gold["events"]):
        start, end = item["trigger"]
        events.append(
            {
                "event_id": f"e{index}",
                "type": first(item["type"]),
                "status": item["status"],
                "trigger": {"text": text[start:end], "span": [start, end]},
                "source": actor(item["source"]),
                "target": actor(first(item["target"])) if item.get("target") else None,
                "place": place(first(item["place"])) if item.get("place") else None,
                "date": item.get("date"),
            }
        )
    article = {
        "text": text,
        **gold["article"],
        "loaded_language": [{"span": span} for span in gold["loaded_language"]],
        "actors": [actor(key) for key in gold["actors"]],
        "places": [{**place(key), "text": gold["places"][key]["name"]} for key in gold["places"]],
    }
    return {"article": article, "events": events}


def test_real_seed_gold_is_fully_readable(shared_dir: Path) -> None:
    seed = shared_dir / "corpus" / "seed"
    gold = load_seed_gold(seed / "gold.yaml")
    raw = (seed / "article.txt").read_text(encoding="utf-8")
    prediction = prediction_from_gold(gold, raw)
    metrics = score(gold, prediction, raw)
    assert metrics.pop("not_asserted_violations") == 0.0
    assert metrics == {name: 1.0 for name in metrics}
    assert score(gold, {"article": {"text": raw}, "events": []}, raw)["actor_recall"] == 0.0
