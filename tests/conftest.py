"""Shared fixtures: the ../shared folder (skipped with a reason when absent) and the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.model import Article, Provenance

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this clone; gold-data tests need it")
    return SHARED


@pytest.fixture(scope="session")
def seed_article(shared_dir: Path) -> Article:
    """The seed article exactly as on disk (already NFC; keeps its U+00A0 for gold offsets)."""
    seed = shared_dir / "corpus" / "seed"
    meta = json.loads((seed / "article.json").read_text(encoding="utf-8"))
    text = (seed / "article.txt").read_text(encoding="utf-8")
    return Article(
        article_id=meta["id"],
        text=text,
        provenance=Provenance(
            outlet=meta["outlet"], published=meta["published"], language=meta["language"]
        ),
    )


@pytest.fixture(scope="session")
def nlp_available() -> bool:
    try:
        from newsevents.stages.nlp import load_nlp

        load_nlp()
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"the pinned spaCy model cannot be loaded: {error}")
    return True
