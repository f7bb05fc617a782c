"""``newsevents eval SET``: score the pipeline on a gold set (a thin wrapper over run_eval)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsevents.errors import ConfigError, NewsEventsError

EXIT_OK = 0
EXIT_ERROR = 2
EXIT_GATE_FAILED = 1


def register(app: typer.Typer) -> None:
    """Add the ``eval`` command to ``app``."""

    @app.command(name="eval")
    def eval_command(
        set_name: Annotated[
            str,
            typer.Argument(
                metavar="SET",
                help="Gold set: seed, plover, geowebnews, geo-xml, meantime, timeml, or all.",
            ),
        ],
        data: Annotated[
            Path | None,
            typer.Option(
                "--data",
                help="Gold data file or folder (default: its copy in "
                "../shared; required for geo-xml and timeml).",
            ),
        ] = None,
        out: Annotated[
            Path | None, typer.Option("--out", help="Write the results as JSON to this file.")
        ] = None,
        limit: Annotated[
            int | None, typer.Option("--limit", min=1, help="Score only the first N items.")
        ] = None,
        split: Annotated[
            str,
            typer.Option(
                "--split",
                help="all, or tune / heldout: score one half of plover or geowebnews (rules "
                "are tuned on 'tune' only, so 'heldout' is the honest figure).",
            ),
        ] = "all",
        gate: Annotated[
            bool,
            typer.Option(
                "--gate",
                help="Also check the results against eval/floors.json; "
                "exit 1 when a floor is broken.",
            ),
        ] = False,
        floors: Annotated[Path, typer.Option("--floors", help="Floors file for --gate.")] = Path(
            "eval/floors.json"
        ),
    ) -> None:
        """Score the pipeline on a gold set, print a table, and optionally write JSON."""
        from rich.console import Console

        from newsevents.evaluation.gate import check_gate
        from newsevents.evaluation.runner import print_run, run_eval, write_json

        console = Console(stderr=True)
        try:
            if split not in ("all", "tune", "heldout"):
                raise ConfigError(f"unknown split {split!r}", hint="use all, tune or heldout")
            if gate and split != "all":
                raise ConfigError("floors are pinned for whole sets", hint="drop --split or --gate")
            run = run_eval(set_name, data, limit=limit, split=split)
            print_run(run)
            if out is not None:
                write_json(run, out)
                console.print(f"wrote {out}")
            if gate:
                report = check_gate(run.results, floors)
        except NewsEventsError as error:
            console.print(f"[bold red]error[/] {error}", highlight=False)
            raise typer.Exit(EXIT_ERROR) from error
        if gate:
            for note in report.notes:
                console.print(f"[yellow]note[/] {note}", highlight=False)
            for failure in report.failures:
                console.print(f"[bold red]gate[/] {failure}", highlight=False)
            if not report.passed:
                raise typer.Exit(EXIT_GATE_FAILED)
            console.print(f"gate passed: {len(report.checked)} floors checked")
