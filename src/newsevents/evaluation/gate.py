"""The accuracy gate: results must not fall below the floors pinned in ``eval/floors.json``.

The floors file holds, per set, the sha256 of the gold files the set reads and, per metric,
``{"floor", "direction", "reason"}``. ``direction`` is ``min`` (higher is better; the value
must be at least the floor) or ``max`` (an error count or distance; the value must be at most
the floor). A changed gold digest fails the gate: floors measured on other gold mean nothing,
so they must be re-pinned with a stated reason (``tools/pin_floors.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.errors import ConfigError
from newsevents.evaluation.base import EvalResult

# Float noise from summing ratios must not fail the gate.
TOLERANCE = 1e-9
DIRECTIONS = ("min", "max")


def load_floors(path: Path) -> dict[str, Any]:
    """Read and check the floors file."""
    try:
        floors: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ConfigError(
            f"cannot read the floors file: {error}",
            path=str(path),
            hint="restore eval/floors.json from version control",
        ) from error
    sets = floors.get("sets") if isinstance(floors, dict) else None
    if not isinstance(sets, dict):
        raise ConfigError(
            "floors file lacks its 'sets' object",
            path=str(path),
            hint="see the docstring of newsevents.evaluation.gate",
        )
    for set_name, entry in sets.items():
        for metric, floor in (entry.get("floors") or {}).items():
            where = f"{set_name}.{metric}"
            if not isinstance(floor.get("floor"), (int, float)):
                raise ConfigError(
                    f"floor {where} has no numeric 'floor'", path=str(path), hint="give it a number"
                )
            if floor.get("direction", "min") not in DIRECTIONS:
                raise ConfigError(
                    f"floor {where} has direction {floor.get('direction')!r}",
                    path=str(path),
                    hint="use 'min' or 'max'",
                )
            if not str(floor.get("reason", "")).strip():
                raise ConfigError(
                    f"floor {where} has no reason",
                    path=str(path),
                    hint="every floor says why it is where it is",
                )
    return floors


@dataclass
class GateReport:
    failures: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def metric_passes(value: float, floor: float, direction: str) -> bool:
    if direction == "max":
        return value <= floor + TOLERANCE
    return value >= floor - TOLERANCE


def check_result(result: EvalResult, floors: dict[str, Any], report: GateReport) -> None:
    """Compare one set's result with its pinned entry, adding to ``report``."""
    entry = floors["sets"].get(result.set_name)
    if entry is None or not entry.get("floors"):
        report.notes.append(
            f"{result.set_name}: no floors pinned yet (pin them with tools/pin_floors.py)"
        )
        return
    pinned_digest = entry.get("gold_sha256")
    if pinned_digest and result.gold_digest and pinned_digest != result.gold_digest:
        report.failures.append(
            f"{result.set_name}: the gold changed (sha256 {result.gold_digest[:12]}… ≠ pinned "
            f"{pinned_digest[:12]}…); floors measured on the old gold no longer apply — re-pin "
            "them with `python tools/pin_floors.py --set "
            f'{result.set_name} --from RESULTS.json --reason "…" --allow-lower` if lower'
        )
        return
    for metric, floor in entry["floors"].items():
        where = f"{result.set_name}.{metric}"
        if metric not in result.metrics:
            report.failures.append(f"{where}: pinned but the scorer no longer reports it")
            continue
        value = result.metrics[metric]
        direction = floor.get("direction", "min")
        report.checked.append(where)
        if not metric_passes(value, float(floor["floor"]), direction):
            relation = "below its floor" if direction == "min" else "above its ceiling"
            report.failures.append(
                f"{where} = {value:.4f} is {relation} {floor['floor']:.4f} "
                f"(pinned because: {floor.get('reason')})"
            )


def check_gate(results: list[EvalResult], floors_path: Path) -> GateReport:
    floors = load_floors(floors_path)
    report = GateReport()
    for result in results:
        check_result(result, floors, report)
    return report
