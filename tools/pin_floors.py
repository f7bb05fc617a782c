"""Move the pinned accuracy floors of one gold set to its current scores.

    python tools/pin_floors.py --set seed --from eval/results.json --reason "events stage v1"

Floors only move up (ceilings, for ``max`` metrics such as error counts, only move down)
unless ``--allow-lower`` is given; every change needs a ``--reason``, which is stored beside
the floor and in the set's history. The gold digest is re-pinned from the results file.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import sys
from pathlib import Path
from typing import Any

from newsevents.evaluation.base import EvalResult
from newsevents.evaluation.runner import read_results

DEFAULT_FLOORS = Path(__file__).resolve().parents[1] / "eval" / "floors.json"
# Error-like metrics, where lower is better: the floor is a ceiling.
MAX_SUFFIXES = ("_km", "violations", "_error", "error_auc")


def default_direction(metric: str) -> str:
    return "max" if metric.endswith(MAX_SUFFIXES) else "min"


def _rounded(value: float, direction: str) -> float:
    # Round towards passing so a pinned value never fails on the scores it came from.
    scaled = value * 10_000
    return (math.floor(scaled) if direction == "min" else math.ceil(scaled)) / 10_000


def pin(
    floors: dict[str, Any],
    result: EvalResult,
    *,
    reason: str,
    allow_lower: bool = False,
    metrics: list[str] | None = None,
) -> list[str]:
    """Update ``floors`` in place from ``result``; returns one line per change or refusal."""
    entry = floors["sets"].setdefault(result.set_name, {"gold_sha256": None, "floors": {}})
    entry.setdefault("floors", {})
    messages: list[str] = []
    if result.gold_digest and entry.get("gold_sha256") != result.gold_digest:
        messages.append(
            f"gold digest re-pinned: {entry.get('gold_sha256')} -> {result.gold_digest}"
        )
        entry["gold_sha256"] = result.gold_digest
    for metric in metrics or list(result.metrics):
        if metric not in result.metrics:
            messages.append(f"refused {metric}: not in the results")
            continue
        current = entry["floors"].get(metric)
        direction = current.get("direction", "min") if current else default_direction(metric)
        new = _rounded(result.metrics[metric], direction)
        if current is not None:
            old = float(current["floor"])
            lowers = new < old if direction == "min" else new > old
            if new == old:
                continue
            if lowers and not allow_lower:
                messages.append(
                    f"refused {metric}: {old} -> {new} would loosen the gate "
                    "(pass --allow-lower with a reason if that is intended)"
                )
                continue
        entry["floors"][metric] = {"floor": new, "direction": direction, "reason": reason}
        old_text = "unpinned" if current is None else current["floor"]
        messages.append(f"{metric}: {old_text} -> {new} ({direction})")
    if any(not m.startswith("refused") for m in messages):
        entry.setdefault("history", []).append(
            {
                "date": datetime.date.today().isoformat(),
                "reason": reason,
                "changes": [m for m in messages if not m.startswith("refused")],
            }
        )
    return messages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--set", required=True, dest="set_name", help="gold set to re-pin")
    parser.add_argument(
        "--from",
        required=True,
        dest="results",
        type=Path,
        help="results JSON written by `newsevents eval ... --out`",
    )
    parser.add_argument("--reason", required=True, help="why the floors move (kept in the file)")
    parser.add_argument(
        "--allow-lower", action="store_true", help="permit loosening a floor; say why in --reason"
    )
    parser.add_argument("--metric", action="append", help="only these metrics (repeatable)")
    parser.add_argument("--floors", type=Path, default=DEFAULT_FLOORS, help="floors file")
    args = parser.parse_args(argv)

    if not args.reason.strip():
        parser.error("--reason must say why the floors move")
    results = {r.set_name: r for r in read_results(args.results)}
    if args.set_name not in results:
        print(
            f"{args.results}: no results for set {args.set_name!r} "
            f"(it has: {', '.join(results) or 'none'})",
            file=sys.stderr,
        )
        return 2
    floors = json.loads(args.floors.read_text(encoding="utf-8"))
    messages = pin(
        floors,
        results[args.set_name],
        reason=args.reason,
        allow_lower=args.allow_lower,
        metrics=args.metric,
    )
    args.floors.write_text(
        json.dumps(floors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    for message in messages or ["nothing to change"]:
        print(message)
    return 1 if any(m.startswith("refused") for m in messages) else 0


if __name__ == "__main__":
    sys.exit(main())
