"""The accuracy gate: floors, ceilings, gold digests, and the floors file's own checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsevents.errors import ConfigError
from newsevents.evaluation.base import EvalResult
from newsevents.evaluation.gate import check_gate, load_floors

REPO = Path(__file__).resolve().parents[2]


def write_floors(tmp_path: Path, floors: dict[str, Any], digest: str | None = "abc") -> Path:
    path = tmp_path / "floors.json"
    path.write_text(
        json.dumps({"sets": {"tiny": {"gold_sha256": digest, "floors": floors}}}),
        encoding="utf-8",
    )
    return path


def result(digest: str | None = "abc", **metrics: float) -> EvalResult:
    return EvalResult("tiny", 1, dict(metrics), gold_digest=digest)


FLOORS = {
    "recall": {"floor": 0.5, "direction": "min", "reason": "measured"},
    "violations": {"floor": 0.0, "direction": "max", "reason": "none allowed"},
}


def test_scores_at_or_above_floors_pass(tmp_path: Path) -> None:
    report = check_gate([result(recall=0.5, violations=0.0)], write_floors(tmp_path, FLOORS))
    assert report.passed
    assert report.checked == ["tiny.recall", "tiny.violations"]


def test_score_below_floor_fails(tmp_path: Path) -> None:
    report = check_gate([result(recall=0.49, violations=0.0)], write_floors(tmp_path, FLOORS))
    assert not report.passed
    assert "tiny.recall" in report.failures[0] and "below its floor" in report.failures[0]


def test_error_metric_above_ceiling_fails(tmp_path: Path) -> None:
    report = check_gate([result(recall=1.0, violations=1.0)], write_floors(tmp_path, FLOORS))
    assert [f.split(" ")[0] for f in report.failures] == ["tiny.violations"]


def test_changed_gold_fails_and_says_to_repin(tmp_path: Path) -> None:
    report = check_gate(
        [result(digest="def", recall=1.0, violations=0.0)], write_floors(tmp_path, FLOORS)
    )
    assert not report.passed
    assert "gold changed" in report.failures[0] and "pin_floors" in report.failures[0]


def test_metric_the_scorer_dropped_fails(tmp_path: Path) -> None:
    report = check_gate([result(violations=0.0)], write_floors(tmp_path, FLOORS))
    assert "no longer reports" in report.failures[0]


def test_set_without_floors_is_a_note(tmp_path: Path) -> None:
    report = check_gate([result(recall=0.0)], write_floors(tmp_path, {}))
    assert report.passed and "no floors pinned" in report.notes[0]


@pytest.mark.parametrize(
    "bad",
    [
        {"floor": "high", "direction": "min", "reason": "x"},
        {"floor": 0.1, "direction": "up", "reason": "x"},
        {"floor": 0.1, "direction": "min", "reason": " "},
    ],
)
def test_floors_file_is_checked(tmp_path: Path, bad: dict[str, Any]) -> None:
    with pytest.raises(ConfigError, match="floors.json"):
        load_floors(write_floors(tmp_path, {"recall": bad}))


def test_pinned_floors_file_is_valid_and_every_floor_has_a_reason() -> None:
    floors = load_floors(REPO / "eval" / "floors.json")
    assert {"seed", "plover"} <= set(floors["sets"])
    for entry in floors["sets"].values():
        for floor in entry["floors"].values():
            assert floor["reason"].strip()
