"""The quality gate: every gold set in ../shared scored by the real pipeline stays at or above
the floors pinned in eval/floors.json, on exactly the gold those floors were measured on."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.evaluation.gate import GateReport, check_result, load_floors
from newsevents.evaluation.runner import REGISTRY, ScorerNotInstalled, run_set

REPO = Path(__file__).resolve().parents[2]
FLOORS = REPO / "eval" / "floors.json"


@pytest.mark.needs_shared
@pytest.mark.parametrize("set_name", sorted(REGISTRY))
def test_pinned_gold_digest_matches(shared_dir: Path, set_name: str) -> None:
    eval_set = REGISTRY[set_name]
    pinned = load_floors(FLOORS)["sets"].get(set_name, {}).get("gold_sha256")
    if eval_set.default_path is None or pinned is None:
        pytest.skip(f"{set_name}: no gold copy in ../shared, so no digest is pinned")
    assert eval_set.digest(shared_dir / eval_set.default_path) == pinned, (
        f"the {set_name} gold changed: re-measure and re-pin its floors with "
        "tools/pin_floors.py and a --reason"
    )


@pytest.mark.needs_shared
@pytest.mark.needs_model
@pytest.mark.slow
@pytest.mark.parametrize("set_name", sorted(REGISTRY))
def test_scores_stay_above_pinned_floors(
    shared_dir: Path, nlp_available: bool, set_name: str
) -> None:
    eval_set = REGISTRY[set_name]
    if eval_set.default_path is None:
        pytest.skip(f"{set_name}: no copy in ../shared (score it with --data PATH)")
    data = shared_dir / eval_set.default_path
    if not data.exists():
        pytest.skip(f"{set_name}: {data} is absent")
    entry = load_floors(FLOORS)["sets"].get(set_name, {})
    if not entry.get("floors"):
        pytest.skip(f"{set_name}: no floors pinned yet (tools/pin_floors.py)")
    try:
        result = run_set(set_name, data)
    except ScorerNotInstalled as error:
        pytest.skip(str(error))
    report = GateReport()
    check_result(result, load_floors(FLOORS), report)
    assert report.passed, "\n".join(report.failures)
    assert report.checked, f"{set_name}: no floor was checked"
