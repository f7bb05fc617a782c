"""``NAME.json`` beside ``NAME.txt`` (or ``NAME.html``): the article's metadata."""

from __future__ import annotations

import json
from pathlib import Path

from newsevents.ingest.article import clean_metadata

SIDECAR_SUFFIX = ".json"


def sidecar_path(path: Path) -> Path:
    """``a/NAME.json`` for ``a/NAME.txt``, ``a/NAME.html`` and ``a/NAME.txt.gz``."""
    if path.suffix.lower() == ".gz":
        path = path.with_suffix("")
    return path.with_suffix(SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> tuple[dict[str, str | None], list[str]]:
    """The sidecar's metadata (empty when none) and notes on anything wrong with it.

    A broken sidecar does not lose the article: it is read without metadata and the note
    becomes a Problem on it.
    """
    side = sidecar_path(path)
    if not side.is_file():
        return {}, []
    try:
        raw = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return {}, [f"the sidecar {side} could not be read ({error}); metadata ignored — fix it"]
    if not isinstance(raw, dict):
        return {}, [f"the sidecar {side} is not a JSON object; metadata ignored — fix it"]
    return {k: v for k, v in clean_metadata(raw).items() if v is not None}, []
