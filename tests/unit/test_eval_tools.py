"""tools/pin_floors.py (floors only move up unless told) and tools/scorecard.py."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from newsevents.evaluation.base import EvalResult
from newsevents.evaluation.runner import EvalRun, write_json

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def load_tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"tool_{name}", TOOLS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pin_floors = load_tool("pin_floors")
scorecard = load_tool("scorecard")


def floors_with(recall: float, errors: float) -> dict[str, Any]:
    return {
        "sets": {
            "tiny": {
                "gold_sha256": "old",
                "floors": {
                    "recall": {"floor": recall, "direction": "min", "reason": "before"},
                    "mean_error_km": {"floor": errors, "direction": "max", "reason": "before"},
                },
            }
        }
    }


def tiny(recall: float, errors: float, digest: str = "old") -> EvalResult:
    return EvalResult("tiny", 5, {"recall": recall, "mean_error_km": errors}, gold_digest=digest)


def test_improvements_raise_floors_and_lower_ceilings() -> None:
    floors = floors_with(0.5, 100.0)
    messages = pin_floors.pin(floors, tiny(0.61234, 80.00001), reason="better places")
    entry = floors["sets"]["tiny"]["floors"]
    assert entry["recall"] == {"floor": 0.6123, "direction": "min", "reason": "better places"}
    assert entry["mean_error_km"]["floor"] == 80.0001  # rounded towards passing
    assert len(messages) == 2
    assert floors["sets"]["tiny"]["history"][0]["reason"] == "better places"


def test_regressions_are_refused_without_allow_lower() -> None:
    floors = floors_with(0.5, 100.0)
    messages = pin_floors.pin(floors, tiny(0.4, 120.0), reason="oops")
    assert all(m.startswith("refused") for m in messages)
    assert floors["sets"]["tiny"]["floors"]["recall"]["floor"] == 0.5
    assert "history" not in floors["sets"]["tiny"]


def test_allow_lower_loosens_and_records_why() -> None:
    floors = floors_with(0.5, 100.0)
    pin_floors.pin(floors, tiny(0.4, 120.0, digest="new"), reason="gold fixed", allow_lower=True)
    entry = floors["sets"]["tiny"]
    assert entry["floors"]["recall"]["floor"] == 0.4
    assert entry["gold_sha256"] == "new"
    assert entry["floors"]["mean_error_km"]["reason"] == "gold fixed"


def test_new_set_gets_directions_from_metric_names() -> None:
    floors: dict[str, Any] = {"sets": {}}
    pin_floors.pin(floors, tiny(0.3, 50.0), reason="first pin")
    pinned = floors["sets"]["tiny"]["floors"]
    assert (pinned["recall"]["direction"], pinned["mean_error_km"]["direction"]) == ("min", "max")


def test_command_line_writes_the_file(tmp_path: Path) -> None:
    floors_path = tmp_path / "floors.json"
    floors_path.write_text(json.dumps(floors_with(0.5, 100.0)), encoding="utf-8")
    results = tmp_path / "results.json"
    write_json(EvalRun(results=[tiny(0.7, 90.0)]), results)
    args = ["--set", "tiny", "--from", str(results), "--reason", "r", "--floors", str(floors_path)]
    assert pin_floors.main(args) == 0
    assert json.loads(floors_path.read_text())["sets"]["tiny"]["floors"]["recall"]["floor"] == 0.7
    other_set = ["--set", "nonesuch", *args[2:]]
    assert pin_floors.main(other_set) == 2


def test_command_line_exits_1_when_a_floor_would_drop(tmp_path: Path) -> None:
    floors_path = tmp_path / "floors.json"
    floors_path.write_text(json.dumps(floors_with(0.5, 100.0)), encoding="utf-8")
    results = tmp_path / "results.json"
    write_json(EvalRun(results=[tiny(0.1, 100.0)]), results)
    args = ["--set", "tiny", "--from", str(results), "--reason", "r", "--floors", str(floors_path)]
    assert pin_floors.main(args) == 1
    assert json.loads(floors_path.read_text())["sets"]["tiny"]["floors"]["recall"]["floor"] == 0.5


ANCHORS = [
    {
        "set": "geowebnews",
        "metrics": ["accuracy_161km"],
        "label": "within 161 km",
        "value": 0.941,
        "system": "mordecai3",
        "source": "issue 5",
    }
]


def test_table_puts_anchors_beside_figures_and_na_elsewhere() -> None:
    results = [
        EvalResult("geowebnews", 200, {"accuracy_161km": 0.5}),
        EvalResult("seed", 11, {"actor_recall": 0.25}),
    ]
    table = scorecard.render_table(results, ANCHORS)
    assert "| geowebnews (200) | accuracy_161km | 50.0% | mordecai3 94.1% |" in table
    assert "| seed (11) | actor_recall | 25.0% | n/a |" in table


def test_unmeasured_anchor_still_shown() -> None:
    table = scorecard.render_table([], ANCHORS, {"geowebnews": "scorer not installed"})
    assert "not measured: scorer not installed | mordecai3 94.1% |" in table


def test_readme_changes_only_between_markers() -> None:
    readme = f"intro\n{scorecard.START}\nold table\n{scorecard.END}\noutro\n"
    updated = scorecard.replace_between_markers(readme, "new table")
    assert updated == f"intro\n{scorecard.START}\nnew table\n{scorecard.END}\noutro\n"
    assert scorecard.replace_between_markers("no markers here\n", "x") == "no markers here\n"


def test_scorecard_command_writes_doc_and_leaves_markerless_readme(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    write_json(EvalRun(results=[EvalResult("seed", 11, {"actor_recall": 0.25})]), results)
    anchors = tmp_path / "anchors.json"
    anchors.write_text(json.dumps({"anchors": ANCHORS}), encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text("# title\n", encoding="utf-8")
    doc = tmp_path / "docs" / "scorecard.md"
    args = ["--results", str(results), "--anchors", str(anchors), "--doc", str(doc)]
    assert scorecard.main([*args, "--readme", str(readme)]) == 0
    assert "actor_recall" in doc.read_text(encoding="utf-8")
    assert scorecard.REPRODUCE in doc.read_text(encoding="utf-8")
    assert readme.read_text(encoding="utf-8") == "# title\n"
