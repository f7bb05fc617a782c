"""Embedded DuckDB store with idempotent per-article writes."""

from newsevents.store.duckdb_store import ProblemRow, Store, StoredArticle

__all__ = ["ProblemRow", "Store", "StoredArticle"]
