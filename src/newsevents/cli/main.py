"""The ``newsevents`` command line."""

from __future__ import annotations

import typer

app = typer.Typer(help="Turn news articles into auditable event records.", no_args_is_help=True)


@app.command()
def version() -> None:
    """Print the installed newsevents version."""
    from newsevents import __version__

    typer.echo(__version__)
