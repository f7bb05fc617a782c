"""The public surface is small and explicit, and every command documents itself."""

from __future__ import annotations

import types

import typer
from typer.main import get_command

import newsevents
from newsevents.cli.main import app


def test_all_matches_public_names() -> None:
    # Submodules become attributes once imported anywhere; only non-module names are API.
    public = {
        name for name, value in vars(newsevents).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
        and name not in ("annotations", "Any")
    }
    assert public | {"errors"} == set(newsevents.__all__) - {"__version__"}


def test_every_command_and_option_has_help() -> None:
    command = get_command(app)
    assert isinstance(command, typer.core.TyperGroup)
    for name, sub in command.commands.items():
        assert sub.help, f"command {name} has no help text"
        for param in sub.params:
            if isinstance(param, typer.core.TyperOption):
                assert param.help, f"option {param.name} of {name} has no help text"
            else:
                assert getattr(param, "help", None), f"argument {param.name} of {name} has no help"


def test_every_error_has_a_distinct_code() -> None:
    classes = [getattr(newsevents.errors, n) for n in newsevents.errors.__all__]
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes))


def test_cli_reference_is_generated_from_help() -> None:
    import subprocess
    import sys
    from pathlib import Path

    tool = Path(__file__).resolve().parents[2] / "tools" / "cli_reference.py"
    result = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
