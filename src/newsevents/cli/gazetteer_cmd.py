"""``newsevents gazetteer build``: build the offline place index (thin wrapper over the builder)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsevents.errors import NewsEventsError

EXIT_ERROR = 2


def register(app: typer.Typer) -> None:
    """Add the ``gazetteer`` command group to ``app``."""
    group = typer.Typer(help="Build and inspect the offline gazetteer.", no_args_is_help=True)

    @group.command(name="build")
    def build_command(
        from_geonames: Annotated[
            Path | None,
            typer.Option(
                "--from-geonames",
                help="GeoNames allCountries.txt (or a country file) to build from instead of "
                "the installed packages.",
            ),
        ] = None,
        alternate_names: Annotated[
            Path | None,
            typer.Option(
                "--alternate-names",
                help="GeoNames alternateNamesV2.txt to add (only with --from-geonames).",
            ),
        ] = None,
        out: Annotated[
            Path | None,
            typer.Option("--out", help="Index file to write (default: the data dir's "
                         "gazetteer-vN.sqlite for the current index version)."),
        ] = None,
    ) -> None:
        """Build the gazetteer index (about 20 s from the installed packages)."""
        from newsevents.knowledge.gazetteer import default_index_path
        from newsevents.knowledge.gazetteer_build import build_gazetteer

        if alternate_names is not None and from_geonames is None:
            typer.echo("error: --alternate-names needs --from-geonames", err=True)
            raise typer.Exit(EXIT_ERROR)
        target = out or default_index_path()
        try:
            path = build_gazetteer(
                target, geonames_dump=from_geonames, alternate_names=alternate_names
            )
        except NewsEventsError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(EXIT_ERROR) from error
        typer.echo(str(path))

    app.add_typer(group, name="gazetteer")
