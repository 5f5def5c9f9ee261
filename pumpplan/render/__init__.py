"""One renderer per output format; each turns a Plan into text."""

from __future__ import annotations

from importlib import import_module

from pumpplan.errors import InputError, shown
from pumpplan.model import Report

# format -> (module, function); imported on use so that --help stays fast.
RENDERERS = {
    "table": ("table", "render_table"),
    "plain": ("text", "render_plain"),
    "markdown": ("text", "render_markdown"),
    "csv": ("text", "render_csv"),
    "json": ("text", "render_json"),
    "html": ("html", "render_html"),
}
SUFFIXES = {
    ".txt": "plain",
    ".md": "markdown",
    ".csv": "csv",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}


def check_format(name: str) -> str:
    """Return a known format name, or raise naming the choices."""
    if name not in RENDERERS:
        raise InputError(f"--format {shown(name)} is not known; use one of {', '.join(RENDERERS)}")
    return name


def format_for_suffix(suffix: str) -> str:
    """Return the format a file name's suffix asks for."""
    try:
        return SUFFIXES[suffix.lower()]
    except KeyError:
        known = " ".join(SUFFIXES)
        raise InputError(
            f"cannot tell the format from {shown(suffix or 'no suffix')}; "
            f"end the file name with one of {known} or add --format"
        ) from None


def render(report: Report, name: str, *, color: bool = False, width: int = 100) -> str:
    """Render a report in the named format."""
    module, function = RENDERERS[check_format(name)]
    renderer = getattr(import_module(f"pumpplan.render.{module}"), function)
    if name == "table":
        return str(renderer(report, color=color, width=width))
    return str(renderer(report))
