"""What every scorer returns, so the CLI, the gate and the scorecard treat them alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class EvalResult:
    """Scores of one gold set: flat metric names to numbers, plus per-item details."""

    set_name: str
    n_items: int
    metrics: dict[str, float]
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "set": self.set_name,
            "n_items": self.n_items,
            "metrics": self.metrics,
            "details": self.details,
        }
