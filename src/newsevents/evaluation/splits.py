"""A deterministic tuning / held-out split of development records.

Development data (the PLOVER gold-standard sentences) is used both to tune rules and to report
accuracy.  To keep the report honest, records are split by a stable hash of their id: errors
are inspected only on the ``tune`` half and the ``heldout`` half is only scored.  The hash is
SHA-1 (not Python's ``hash``), so the split does not depend on PYTHONHASHSEED or file order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any, Literal

Split = Literal["tune", "heldout", "all"]
SPLITS: tuple[Split, ...] = ("tune", "heldout", "all")


def split_of(record_id: str) -> Literal["tune", "heldout"]:
    """``tune`` or ``heldout`` for one record id; the same id always lands in the same half."""
    digest = hashlib.sha1(record_id.encode("utf-8"), usedforsecurity=False).digest()
    return "tune" if digest[0] % 2 == 0 else "heldout"


def select(records: Iterable[Mapping[str, Any]], split: Split) -> list[Mapping[str, Any]]:
    """The records of one half (``all``: every record), in file order."""
    return [r for r in records if split == "all" or split_of(str(r.get("id", ""))) == split]


__all__ = ["SPLITS", "Split", "select", "split_of"]
