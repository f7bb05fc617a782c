"""Arrow schemas of the flat (tabular) forms of events and articles.

Nested record fields become prefixed columns (``source_country``, ``place_lat``) so the
tables load into pandas, DuckDB, R or a spreadsheet without JSON parsing.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

_ACTOR_COLUMNS = ("name", "actor_id", "country", "role", "code")
_PLACE_COLUMNS = ("name", "geonames_id", "lat", "lon", "country", "admin1", "precision")

EVENT_SCHEMA = pa.schema(
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("type", pa.string(), nullable=False),
        pa.field("mode", pa.string()),
        pa.field("cameo", pa.string()),
        pa.field("quad_class", pa.int8()),
        pa.field("acled_event_type", pa.string()),
        pa.field("acled_sub_event_type", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("attributed_to", pa.string()),
        *[pa.field(f"source_{c}", pa.string()) for c in _ACTOR_COLUMNS],
        *[pa.field(f"target_{c}", pa.string()) for c in _ACTOR_COLUMNS],
        pa.field("place_name", pa.string()),
        pa.field("place_geonames_id", pa.int64()),
        pa.field("place_lat", pa.float64()),
        pa.field("place_lon", pa.float64()),
        pa.field("place_country", pa.string()),
        pa.field("place_admin1", pa.string()),
        pa.field("place_precision", pa.string()),
        pa.field("date_value", pa.string()),
        pa.field("date_precision", pa.string()),
        pa.field("date_basis", pa.string()),
        pa.field("trigger_text", pa.string()),
        pa.field("trigger_start", pa.int64()),
        pa.field("trigger_end", pa.int64()),
        pa.field("sentence_start", pa.int64()),
        pa.field("sentence_end", pa.int64()),
        pa.field("confidence", pa.float64()),
        pa.field("extractor", pa.string()),
    ]
)

ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("url", pa.string()),
        pa.field("outlet", pa.string()),
        pa.field("published", pa.string()),
        pa.field("language", pa.string()),
        pa.field("syndicated_from", pa.string()),
        pa.field("licence", pa.string()),
        pa.field("duplicate_of", pa.string()),
        pa.field("n_actors", pa.int32()),
        pa.field("n_places", pa.int32()),
        pa.field("n_timexes", pa.int32()),
        pa.field("n_problems", pa.int32()),
        pa.field("text", pa.string(), nullable=False),
    ]
)


def flatten_event(record: dict[str, Any]) -> dict[str, Any]:
    """One ``events.jsonl`` record as a row of EVENT_SCHEMA."""
    row: dict[str, Any] = {
        name: record.get(name)
        for name in ("event_id", "article_id", "type", "mode", "cameo", "quad_class", "status",
                     "confidence", "extractor")
    }
    acled = record.get("acled") or {}
    row["acled_event_type"] = acled.get("event_type")
    row["acled_sub_event_type"] = acled.get("sub_event_type")
    attributed = record.get("attributed_to") or {}
    row["attributed_to"] = attributed.get("name")
    for role in ("source", "target"):
        actor = record.get(role) or {}
        for column in _ACTOR_COLUMNS:
            row[f"{role}_{column}"] = actor.get(column)
    place = record.get("place") or {}
    for column in _PLACE_COLUMNS:
        row[f"place_{column}"] = place.get(column)
    date = record.get("date") or {}
    row["date_value"] = date.get("value")
    row["date_precision"] = date.get("precision")
    row["date_basis"] = date.get("basis")
    trigger = record.get("trigger") or {}
    trigger_span = trigger.get("span") or [None, None]
    row["trigger_text"] = trigger.get("text")
    row["trigger_start"], row["trigger_end"] = trigger_span
    row["sentence_start"], row["sentence_end"] = record.get("sentence_span") or [None, None]
    return row


def flatten_article(record: dict[str, Any]) -> dict[str, Any]:
    row = {name: record.get(name) for name in ARTICLE_SCHEMA.names if not name.startswith("n_")}
    for name in ("actors", "places", "timexes", "problems"):
        row[f"n_{name}"] = len(record.get(name) or [])
    return row


def events_table(records: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist([flatten_event(r) for r in records], schema=EVENT_SCHEMA)


def articles_table(records: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist([flatten_article(r) for r in records], schema=ARTICLE_SCHEMA)
