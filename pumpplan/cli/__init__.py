"""The command line: the Typer app and the one place that prints, writes and exits."""

from pumpplan.cli.main import app, main

__all__ = ["app", "main"]
