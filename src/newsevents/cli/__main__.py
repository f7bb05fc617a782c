"""``python -m newsevents.cli`` runs the command line (tests use it without the entry point)."""

from newsevents.cli.main import app

app(prog_name="newsevents")
