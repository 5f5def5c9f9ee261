"""Every output: one renderer per format, each ``(report, options) -> text or bytes``.

This module is the one table of formats, their file suffixes and the render options; it
imports no renderer until one is used, so that the help can read it and stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pumpplan.render.report import Report

# The calendar reminder rings this long before each pumping session.
DEFAULT_ALARM = timedelta(minutes=10)


@dataclass(frozen=True)
class RenderOptions:
    """How to render: the terminal's width and colour, her locale, the calendar's stamp and reminders.

    ``stamp`` is when the export is made (the calendar's DTSTAMP and SEQUENCE); ``alarm``
    is how long before a pumping session its reminder rings, None for no reminders.
    ``locale`` ('en_US', '' for none) and ``clock`` (12 or 24, None for the locale's) say how
    the human formats write times and numbers.
    ``discreet`` writes the calendar and the handout's scan code in words others may see
    (--discreet): no medicine, no rule, no name.
    """

    color: bool = False
    width: int = 100
    stamp: datetime | None = None
    alarm: timedelta | None = DEFAULT_ALARM
    locale: str = ""
    clock: int | None = None
    discreet: bool = False


class Renderer(Protocol):
    """A function that renders a report: text, or bytes where line ends must stay as written."""

    def __call__(self, report: Report, options: RenderOptions, /) -> str | bytes: ...


@dataclass(frozen=True)
class Format:
    """An output format: the module and function that render it, its file suffixes, what it needs."""

    module: str
    function: str
    suffixes: tuple[str, ...] = ()
    # A list of the schedule's events and nothing else (CSV): it needs the schedule section.
    events_only: bool = False
    # Read by a person: times and numbers as her locale writes them (CLDR, through Babel).
    human: bool = False


FORMATS = {
    "table": Format("table", "render_table", human=True),
    "plain": Format("text", "render_plain", (".txt",), human=True),
    "markdown": Format("text", "render_markdown", (".md",), human=True),
    "csv": Format("text", "render_csv", (".csv",), events_only=True),
    "json": Format("contract", "render_json", (".json",)),
    "ics": Format("ics", "render_ics", (".ics",), human=True),
    "html": Format("html", "render_html", (".html", ".htm"), human=True),
}
SUFFIXES = {suffix: name for name, fmt in FORMATS.items() for suffix in fmt.suffixes}


def renderer(name: str) -> Renderer:
    """Return the renderer of a known format, importing its module only now."""
    fmt = FORMATS[name]
    found: Renderer = getattr(import_module(f"pumpplan.render.{fmt.module}"), fmt.function)
    return found


def render(report: Report, name: str, options: RenderOptions | None = None) -> str | bytes:
    """Render a report in a known format; days outside the report's printing year show their year.

    A human format writes times and numbers as the locale does; the others keep ISO-like defaults.
    """
    from pumpplan.i18n import language
    from pumpplan.render.conventions import Conventions, for_locale, using
    from pumpplan.render.phrases import printed_on
    from pumpplan.render.typography import tidy

    options = options or RenderOptions()
    human = FORMATS[name].human
    conventions = for_locale(options.locale, language(), options.clock) if human else Conventions()
    with printed_on(report.printed), using(conventions):
        written = renderer(name)(report, options)
        return tidy(written) if human and isinstance(written, str) else written
