"""Typer commands, each a thin wrapper over one library function."""
