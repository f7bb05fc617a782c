"""Summary figures of a store, for ``newsevents stats``."""

from __future__ import annotations

from typing import Any

from newsevents.store import Store


def store_stats(store: Store) -> dict[str, Any]:
    """Counts of rows, and events by type and status, languages and duplicates."""

    def grouped(sql: str) -> dict[str, int]:
        return {str(key): int(count) for key, count in store.query(sql)}

    return {
        "counts": store.counts(),
        "events_by_type": grouped(
            "SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) DESC, type"
        ),
        "events_by_status": grouped(
            "SELECT status, count(*) FROM events GROUP BY status ORDER BY count(*) DESC, status"
        ),
        "articles_by_language": grouped(
            "SELECT coalesce(language, 'unknown'), count(*) FROM articles GROUP BY 1 "
            "ORDER BY 2 DESC, 1"
        ),
        "duplicate_articles": int(
            store.query("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")[0][0]
        ),
        "problems_by_stage": grouped(
            "SELECT stage, count(*) FROM problems GROUP BY stage ORDER BY 2 DESC, 1"
        ),
    }
