"""The terminal table, drawn with rich."""

from __future__ import annotations

from io import StringIO

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pumpplan.core.model import EventKind, Plan
from pumpplan.i18n import _
from pumpplan.render import RenderOptions, guidance, phrases, stash_phrases
from pumpplan.render.report import Report, Section

STYLES = {
    EventKind.PUMP_KEEP: "bold green",
    EventKind.INFUSION: "bold magenta",
    EventKind.PUMP_DUMP: "yellow",
    EventKind.RESUME: "bold green",
}


def render_table(report: Report, options: RenderOptions) -> str:
    """Render the plan as a rich table with its summary, rule, warnings and disclaimer."""
    plan = report.plan
    console = Console(
        file=StringIO(),
        width=options.width,
        force_terminal=options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(_summary(report))
    if report.shows(Section.SCHEDULE):
        console.print(_schedule(plan))
    if report.shows(Section.STASH):
        lines = stash_phrases.report_lines(report)
        console.print(Panel(Group(*(Text(line) for line in lines)), title=stash_phrases.heading()))
    rule = [*phrases.rule_lines(plan), *phrases.source_line(report), *guidance.about_lines(report)]
    console.print(Panel(Group(*(Text(line) for line in rule)), title=_("Rule")))
    for text in phrases.warnings(plan):
        console.print(Text(f"! {text}", style="bold red"))
    console.print(Panel(Group(*(Text(line) for line in guidance.why_lines())), title=_("Why wait?")))
    console.print(
        Panel(Group(*(Text(line) for line in guidance.support_lines(report))), title=_("Help is there"))
    )
    console.print(Text(phrases.disclaimer(), style="italic"))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return str(output)


def _summary(report: Report) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label, value in [*phrases.header_lines(report), *phrases.summary_lines(report.plan)]:
        grid.add_row(label, Text(value))
    return Panel(grid, title=phrases.heading(), title_align="left")


def _schedule(plan: Plan) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(_("Day"), no_wrap=True)
    table.add_column(_("Time"), no_wrap=True)
    table.add_column(_("What to do"))
    table.add_column(_("Milk"), no_wrap=True)
    for date, events in phrases.by_day(plan):
        for index, event in enumerate(events):
            start = phrases.clock(plan.local(event.start))
            end = f"-{phrases.clock(plan.local(event.end))}" if event.end else ""
            table.add_row(
                phrases.day(date) if index == 0 else "",
                start + end,
                Text(phrases.title(event.kind), style=STYLES[event.kind]),
                phrases.milk(event.kind),
                end_section=index == len(events) - 1,
            )
    return table
