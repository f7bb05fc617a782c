from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsevents.errors import ConfigError
from newsevents.export import export
from newsevents.model import Actor, Article, Event, Place, Provenance, Span, Trigger
from newsevents.model.arrow import EVENT_SCHEMA
from newsevents.stats import store_stats
from newsevents.store import Store

TEXT = "Iraqi forces retook Rawa on Friday. Officials met in Geneva."


def _event(event_id: str, place: Place | None) -> Event:
    return Event(
        event_id=event_id, article_id="a1", type="ASSAULT", status="asserted",
        trigger=Trigger("retook", Span(13, 19)), sentence_span=Span(0, 35),
        extractor="rule:test", confidence=0.8,
        source=Actor(Span(0, 12), "Iraqi forces", "Iraqi forces", None, "IRQ", "MIL", "IRQMIL"),
        place=place,
    )


@pytest.fixture
def store() -> Store:
    rawa = Place(Span(20, 24), "Rawa", "Rawa", 99134, 34.47, 41.92, "IRQ", "Anbar", "city")
    article = Article(
        article_id="a1", text=TEXT, provenance=Provenance(outlet="Wire", language="en"),
        events=(_event("e1", rawa), _event("e2", None)),
    )
    opened = Store.open(":memory:")
    opened.write_articles([article], content_hashes=["h"], pipeline_version="v", minhashes=[None])
    return opened


def test_jsonl_export_is_the_events_contract(store: Store, tmp_path: Path) -> None:
    assert export(store, "jsonl", tmp_path / "e.jsonl") == 2
    records = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text("utf-8").splitlines()]
    assert {r["event_id"] for r in records} == {"e1", "e2"}
    assert records[0]["source"]["code"] == "IRQMIL"


def test_csv_and_parquet_are_flat_with_the_arrow_schema(store: Store, tmp_path: Path) -> None:
    assert export(store, "parquet", tmp_path / "e.parquet") == 2
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.schema.equals(EVENT_SCHEMA)
    assert sorted(table.column("place_lat").to_pylist(), key=str) == [34.47, None]
    assert export(store, "csv", tmp_path / "e.csv") == 2
    with (tmp_path / "e.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["source_country"] == "IRQ"


def test_geojson_maps_only_placed_events(store: Store, tmp_path: Path) -> None:
    assert export(store, "geojson", tmp_path / "e.geojson") == 1
    collection = json.loads((tmp_path / "e.geojson").read_text("utf-8"))
    (feature,) = collection["features"]
    assert feature["geometry"]["coordinates"] == [41.92, 34.47]
    assert feature["properties"]["place"]["precision"] == "city"


def test_articles_table_and_bad_format(store: Store, tmp_path: Path) -> None:
    assert export(store, "csv", tmp_path / "a.csv", table="articles") == 1
    with pytest.raises(ConfigError, match="unknown export format"):
        export(store, "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(ConfigError, match="GeoJSON"):
        export(store, "geojson", tmp_path / "a.geojson", table="articles")


def test_stats_count_what_was_stored(store: Store) -> None:
    figures = store_stats(store)
    assert figures["counts"]["events"] == 2
    assert figures["events_by_type"] == {"ASSAULT": 2}
    assert figures["articles_by_language"] == {"en": 1}
