"""Export stored records as JSON Lines, CSV, Parquet or GeoJSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from newsevents.errors import ConfigError
from newsevents.model.arrow import articles_table, events_table
from newsevents.store import Store

FORMATS = ("jsonl", "csv", "parquet", "geojson")
TABLES = ("events", "articles")


def _records(store: Store, table: str) -> list[dict[str, Any]]:
    if table == "events":
        return list(store.event_records())
    return list(store.article_records())


def _geojson(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Events with a resolved place become Point features; the rest cannot be mapped."""
    features = []
    for record in records:
        place = record.get("place") or {}
        if place.get("lat") is None or place.get("lon") is None:
            continue
        properties = {k: v for k, v in record.items() if k != "place"}
        properties["place"] = {k: v for k, v in place.items() if k not in ("lat", "lon")}
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def export(store: Store, fmt: str, out: Path, *, table: str = "events") -> int:
    """Write ``table`` from ``store`` to ``out`` in ``fmt``; returns the number of rows written."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ConfigError(f"unknown table {table!r}", hint=f"use one of {', '.join(TABLES)}")
    if fmt == "geojson" and table != "events":
        raise ConfigError("GeoJSON export is for events", hint="use --table events")
    records = _records(store, table)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        with out.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        return len(records)
    if fmt == "geojson":
        collection = _geojson(records)
        out.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
        return len(collection["features"])
    arrow_table = events_table(records) if table == "events" else articles_table(records)
    if fmt == "csv":
        pa_csv.write_csv(arrow_table, out)
    else:
        pq.write_table(arrow_table, out)
    return int(arrow_table.num_rows)
