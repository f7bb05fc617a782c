"""The ``newsevents`` command line: each command parses flags and calls one library function."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsevents.errors import NewsEventsError

app = typer.Typer(
    help="Turn news articles into auditable event records.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)

StoreOption = Annotated[
    Path, typer.Option("--store", help="DuckDB store file (created if missing).")
]
DEFAULT_STORE = Path("newsevents.duckdb")


def _fail(error: NewsEventsError, exit_code: int = 2) -> typer.Exit:
    console.print(f"[bold red]error[/] {error}", highlight=False)
    return typer.Exit(exit_code)


@app.command()
def code(
    inputs: Annotated[
        list[Path], typer.Argument(help="Files or folders: .txt (+ .json sidecar), .html, "
                                   ".jsonl, RSS/Atom .xml, .warc/.warc.gz.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for articles.jsonl and "
                                      "events.jsonl.")] = Path("out"),
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date YYYY-MM-DD for every input."),
    ] = None,
    store: StoreOption = DEFAULT_STORE,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Articles per NLP batch.")] = 16,
    max_article_bytes: Annotated[
        int, typer.Option("--max-article-bytes", help="Refuse single articles larger than this.")
    ] = 20_000_000,
    workers: Annotated[
        int, typer.Option("--workers", help="Code files in parallel with this many Dask "
                          "worker processes (1: no Dask).")
    ] = 1,
) -> None:
    """Code articles into events; resumes an interrupted run without loss or duplicates."""
    from newsevents.batch import code_inputs
    from newsevents.store import Store

    try:
        with Store.open(store) as opened, Progress(
            SpinnerColumn(), TextColumn("[progress.description]{task.description}"),
            BarColumn(), TextColumn("{task.completed} articles"), TimeElapsedColumn(),
            console=console, transient=True,
        ) as progress:
            task = progress.add_task("coding", total=None)
            summary = code_inputs(
                inputs, store=opened, out_dir=out, published=published,
                batch_size=batch_size, max_article_bytes=max_article_bytes,
                workers=workers,
                on_progress=lambda n: progress.advance(task, n),
            )
    except NewsEventsError as error:
        raise _fail(error) from error

    table = Table(title="newsevents code", show_header=False)
    table.add_row("articles read", str(summary.articles_read))
    table.add_row("coded now", str(summary.articles_coded))
    table.add_row("already in store (resumed)", str(summary.articles_resumed))
    table.add_row("duplicates", str(summary.duplicates))
    table.add_row("articles with problems", str(summary.degraded))
    table.add_row("inputs that failed", str(len(summary.failures)))
    table.add_row("events", str(summary.events))
    table.add_row("output", f"{out}/articles.jsonl, events.jsonl, fused_events.jsonl")
    table.add_row("store", str(store))
    console.print(table)
    for failure in summary.failures:
        console.print(f"[yellow]failed[/] {failure.message}", highlight=False)
    raise typer.Exit(summary.exit_code)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet or geojson.")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default: "
                                             "events.FORMAT).")] = None,
    table: Annotated[str, typer.Option("--table", help="events or articles.")] = "events",
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Export stored events (or articles) for other tools."""
    from newsevents.export import export as export_records
    from newsevents.store import Store

    target = out or Path(f"{table}.{fmt}")
    try:
        with Store.open(store, read_only=True) as opened:
            rows = export_records(opened, fmt, target, table=table)
    except NewsEventsError as error:
        raise _fail(error) from error
    console.print(f"wrote {rows} rows to {target}")


@app.command()
def stats(
    store: StoreOption = DEFAULT_STORE,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Show what the store holds: counts, event types and statuses, languages, problems."""
    from newsevents.stats import store_stats
    from newsevents.store import Store

    try:
        with Store.open(store, read_only=True) as opened:
            figures = store_stats(opened)
    except NewsEventsError as error:
        raise _fail(error) from error
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    for section, values in figures.items():
        if not isinstance(values, dict):
            console.print(f"{section}: {values}")
            continue
        table = Table(title=section)
        table.add_column("key")
        table.add_column("count", justify="right")
        for key, count in values.items():
            table.add_row(key, str(count))
        console.print(table)


from newsevents.cli import eval_cmd, explain_cmd, gazetteer_cmd  # after the core commands

eval_cmd.register(app)
explain_cmd.register(app)
gazetteer_cmd.register(app)


@app.command()
def version() -> None:
    """Print the installed newsevents version."""
    from newsevents import __version__

    typer.echo(__version__)
