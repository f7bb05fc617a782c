"""Where newsevents keeps the data it builds (gazetteer index and the like)."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """``$NEWSEVENTS_DATA_DIR`` if set, else ``~/.cache/newsevents``; created on demand."""
    configured = os.environ.get("NEWSEVENTS_DATA_DIR")
    path = Path(configured) if configured else Path.home() / ".cache" / "newsevents"
    path.mkdir(parents=True, exist_ok=True)
    return path
