"""``newsevents explain EVENT_ID``: show the evidence behind one stored event."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsevents.errors import NewsEventsError, StoreError
from newsevents.explain import explain_event
from newsevents.model import Article, Event


def load_event_with_article(store_path: Path, event_id: str) -> tuple[Article, Event]:
    """The stored event and its article; the one place that knows the store's API."""
    from newsevents.store import Store

    if not store_path.exists():
        raise StoreError(
            "no store at this path", path=str(store_path), hint="run `newsevents code` first"
        )
    store = Store.open(store_path, read_only=True)
    try:
        found = store.load_event(event_id)
    finally:
        store.close()
    article: Article | None = None
    if isinstance(found, tuple):
        article = found[0]
    elif isinstance(found, Article):
        article = found
    event = None
    if article is not None:
        event = next((e for e in article.events if e.event_id == event_id), None)
    if article is None or event is None:
        raise StoreError(
            f"no event {event_id!r} in the store",
            path=str(store_path),
            hint="list ids with `newsevents query` or check events.jsonl",
        )
    return article, event


def register(app: typer.Typer) -> None:
    """Add the ``explain`` command to the CLI app."""

    @app.command("explain")
    def explain(
        event_id: Annotated[str, typer.Argument(help="Event id as in events.jsonl.")],
        store: Annotated[
            Path, typer.Option("--store", help="DuckDB store written by `code`.")
        ] = Path("newsevents.duckdb"),
    ) -> None:
        """Print an event's sentence with the evidence for each field highlighted."""
        try:
            article, event = load_event_with_article(store, event_id)
        except NewsEventsError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(code=1) from error
        Console().print(explain_event(article, event))
