"""The hand-worked expression table (tests/data/dates/expressions.yaml) through the real stage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from newsevents.model import Article, Provenance

TABLE = Path(__file__).resolve().parents[1] / "data" / "dates" / "expressions.yaml"
ROWS: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["rows"]


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 60


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['published']}|{r['text']}|{i}" for i, r in enumerate(ROWS)])
def test_expression(row: dict[str, Any], nlp_available: bool) -> None:
    article = Article(
        article_id="table",
        text=row["sentence"],
        provenance=Provenance(published=row["published"], language="en"),
    )
    result = _pipeline().run(article)
    assert not result.problems
    found = [t for t in result.timexes if t.text == row["text"]]
    assert found, f"{row['text']!r} not found; got {[t.text for t in result.timexes]}"
    assert (found[-1].value, found[-1].type) == (row["value"], row["type"])
    assert all(t.span.of(result.text) == t.text for t in result.timexes)


_CACHE: dict[str, Any] = {}


def _pipeline() -> Any:
    import newsevents.stages.dates
    import newsevents.stages.nlp  # noqa: F401 - registers the stage
    from newsevents.pipeline.runner import Pipeline

    if "pipeline" not in _CACHE:
        _CACHE["pipeline"] = Pipeline.from_names(["newsevents.nlp.v1", "newsevents.dates.v1"])
    return _CACHE["pipeline"]
