"""What every scorer returns, so the CLI, the gate and the scorecard treat them alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class EvalResult:
    """Scores of one gold set: flat metric names to numbers, plus per-item details.

    ``data_path`` and ``gold_digest`` are filled by the runner (which gold it read, and the
    sha256 the gate compares with the pinned one); scorers may leave them empty.
    """

    set_name: str
    n_items: int
    metrics: dict[str, float]
    details: dict[str, Any] = field(default_factory=dict)
    data_path: str | None = None
    gold_digest: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "set": self.set_name,
            "n_items": self.n_items,
            "metrics": self.metrics,
            "details": self.details,
            "data_path": self.data_path,
            "gold_digest": self.gold_digest,
        }

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> EvalResult:
        return cls(
            set_name=str(record["set"]),
            n_items=int(record.get("n_items", 0)),
            metrics={str(k): float(v) for k, v in (record.get("metrics") or {}).items()},
            details=dict(record.get("details") or {}),
            data_path=record.get("data_path"),
            gold_digest=record.get("gold_digest"),
        )
