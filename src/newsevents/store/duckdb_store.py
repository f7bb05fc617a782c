"""The embedded DuckDB store: articles, mentions, events and problems.

Writes are idempotent per article: one transaction deletes whatever the store held for an
article id and inserts the new rows, so a run killed at any point leaves each article either
wholly stored or absent, and a re-run neither loses nor duplicates rows.  Child tables carry no
primary keys on purpose: DuckDB checks key constraints eagerly inside a transaction, which
rejects a delete-then-insert of the same key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import duckdb

from newsevents.errors import StoreError
from newsevents.model import Article, article_from_dict, article_to_dict, event_to_dict

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    source_path VARCHAR,
    source_record VARCHAR,
    outlet VARCHAR,
    published VARCHAR,
    language VARCHAR,
    duplicate_of VARCHAR,
    minhash BLOB,
    record JSON NOT NULL,
    stored_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    record JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    type VARCHAR,
    status VARCHAR,
    record JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS problems (
    problem_key VARCHAR NOT NULL,
    source_path VARCHAR,
    source_record VARCHAR,
    article_id VARCHAR,
    stage VARCHAR NOT NULL,
    code VARCHAR,
    message VARCHAR NOT NULL,
    stored_at TIMESTAMP DEFAULT current_timestamp
);
"""

MENTION_KINDS = {
    "actor": "actors",
    "place": "places",
    "timex": "timexes",
    "loaded_language": "loaded_language",
}


@dataclass(frozen=True)
class StoredArticle:
    """What the store already knows of an article id, for resume decisions."""

    article_id: str
    content_hash: str
    pipeline_version: str


@dataclass(frozen=True)
class ProblemRow:
    source_path: str | None
    source_record: str | None
    article_id: str | None
    stage: str
    code: str | None
    message: str


class Store:
    """A DuckDB file (or ``:memory:``) holding everything ``newsevents code`` produced."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self._con = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path = "newsevents.duckdb", *, read_only: bool = False) -> Store:
        target = str(path)
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = duckdb.connect(target, read_only=read_only)
        except duckdb.Error as error:
            raise StoreError(
                f"cannot open the DuckDB store: {error}",
                path=target,
                hint="check the path, that no other newsevents process holds it, "
                "and that the file is a newsevents store",
            ) from error
        if not read_only:
            connection.execute(SCHEMA)
        return cls(connection, target)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writes -----------------------------------------------------------------------

    def write_articles(
        self,
        articles: Sequence[Article],
        *,
        content_hashes: Sequence[str],
        pipeline_version: str,
        minhashes: Sequence[bytes | None] | None = None,
    ) -> None:
        """Store coded articles (with their mentions and events) in one transaction."""
        con = self._con
        try:
            con.execute("BEGIN TRANSACTION")
            for index, article in enumerate(articles):
                record = article_to_dict(article)
                prov = article.provenance
                article_id = article.article_id
                for table in ("articles", "mentions", "events"):
                    con.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
                con.execute(
                    "DELETE FROM problems WHERE article_id = ? AND source_record IS NOT DISTINCT "
                    "FROM 'article'",
                    [article_id],
                )
                con.execute(
                    "INSERT INTO articles (article_id, content_hash, pipeline_version, "
                    "source_path, source_record, outlet, published, language, duplicate_of, "
                    "minhash, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        article_id,
                        content_hashes[index],
                        pipeline_version,
                        prov.source_path,
                        prov.source_record,
                        prov.outlet,
                        prov.published,
                        prov.language,
                        article.duplicate_of,
                        None if minhashes is None else minhashes[index],
                        json.dumps(record, ensure_ascii=False),
                    ],
                )
                mention_rows = [
                    [article_id, kind, position, json.dumps(item, ensure_ascii=False)]
                    for kind, field_name in MENTION_KINDS.items()
                    for position, item in enumerate(record[field_name])
                ]
                if mention_rows:
                    con.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?)", mention_rows)
                event_rows = [
                    [e.event_id, article_id, e.type, e.status,
                     json.dumps(event_to_dict(e), ensure_ascii=False)]
                    for e in article.events
                ]
                if event_rows:
                    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", event_rows)
                problem_rows = [
                    [f"{article_id}|{p.stage}|{p.message}", prov.source_path, "article",
                     article_id, p.stage, p.code, p.message]
                    for p in article.problems
                ]
                if problem_rows:
                    con.executemany(
                        "INSERT INTO problems (problem_key, source_path, source_record, "
                        "article_id, stage, code, message) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        problem_rows,
                    )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def record_problem(self, problem: ProblemRow) -> None:
        """Store an input-level failure once, however often the same input is re-run."""
        key = f"{problem.source_path}|{problem.source_record}|{problem.code}"
        self._con.execute("BEGIN TRANSACTION")
        self._con.execute("DELETE FROM problems WHERE problem_key = ?", [key])
        self._con.execute(
            "INSERT INTO problems (problem_key, source_path, source_record, article_id, stage, "
            "code, message) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [key, problem.source_path, problem.source_record, problem.article_id,
             problem.stage, problem.code, problem.message],
        )
        self._con.execute("COMMIT")

    def clear_problems_for(self, input_path: str) -> None:
        """Forget ingest failures of an input (a file, or every file under a folder) before it
        is read again, so a fixed file stops being reported."""
        self._con.execute(
            "DELETE FROM problems WHERE stage = 'ingest' AND (source_path = ? OR "
            "starts_with(source_path, ?))",
            [input_path, input_path.rstrip("/") + "/"],
        )

    # --- reads ------------------------------------------------------------------------

    def stored(self, article_id: str) -> StoredArticle | None:
        row = self._con.execute(
            "SELECT article_id, content_hash, pipeline_version FROM articles "
            "WHERE article_id = ?",
            [article_id],
        ).fetchone()
        return None if row is None else StoredArticle(*row)

    def minhashes(self) -> Iterator[tuple[str, str, bytes]]:
        """``(article_id, content_hash, minhash)`` of every stored article, oldest first."""
        rows = self._con.execute(
            "SELECT article_id, content_hash, minhash FROM articles WHERE minhash IS NOT NULL "
            "ORDER BY stored_at, article_id"
        ).fetchall()
        for article_id, text_hash, blob in rows:
            yield article_id, text_hash, bytes(blob)

    def article_records(self, article_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        for article_id, record in self._select("articles", article_ids, "record"):
            del article_id
            yield json.loads(record)

    def event_records(self, article_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        for _, record in self._select("events", article_ids, "record"):
            yield json.loads(record)

    def _select(
        self, table: str, article_ids: Iterable[str] | None, column: str
    ) -> Iterator[tuple[str, str]]:
        order = "stored_at, article_id" if table == "articles" else "article_id, event_id"
        if article_ids is None:
            yield from self._con.execute(
                f"SELECT article_id, {column} FROM {table} ORDER BY {order}"
            ).fetchall()
            return
        # Keep the caller's order (input order) rather than the store's.
        for article_id in article_ids:
            rows = self._con.execute(
                f"SELECT article_id, {column} FROM {table} WHERE article_id = ? ORDER BY {order}",
                [article_id],
            ).fetchall()
            yield from rows

    def load_article(self, article_id: str) -> Article | None:
        row = self._con.execute(
            "SELECT record FROM articles WHERE article_id = ?", [article_id]
        ).fetchone()
        if row is None:
            return None
        events = list(self.event_records([article_id]))
        return article_from_dict(json.loads(row[0]), events)

    def load_event(self, event_id: str) -> tuple[Article, str] | None:
        """The article holding ``event_id`` (with its events), and the id itself."""
        row = self._con.execute(
            "SELECT article_id FROM events WHERE event_id = ?", [event_id]
        ).fetchone()
        if row is None:
            return None
        article = self.load_article(row[0])
        return None if article is None else (article, event_id)

    def problems(self) -> list[ProblemRow]:
        rows = self._con.execute(
            "SELECT source_path, source_record, article_id, stage, code, message FROM problems "
            "ORDER BY stored_at, problem_key"
        ).fetchall()
        return [ProblemRow(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        result = {}
        for table in ("articles", "mentions", "events", "problems"):
            row = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()
            result[table] = int(row[0]) if row else 0
        return result

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Read-only helper for stats and exports."""
        return self._con.execute(sql, list(params)).fetchall()
