"""The terminal table, drawn with rich.

rich takes a quarter of a millisecond to lay out each row: 25 ms for a six-infusion course,
five seconds for a thousand infusions. Most rows repeat (the same session at the same time
on another day), so a schedule is drawn by rich once per distinct row, at the column widths
of the whole table, and the rows' lines are then repeated in order: the same bytes, as a
test checks.
"""

from __future__ import annotations

import re
from io import StringIO

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pumpplan.core.model import EventKind, Plan
from pumpplan.i18n import _
from pumpplan.render import RenderOptions, guidance, notices, phrases, stash_phrases
from pumpplan.render.report import Report, Section

STYLES = {
    EventKind.PUMP_KEEP: "bold green",
    EventKind.INFUSION: "bold magenta",
    EventKind.PUMP_DUMP: "yellow",
    EventKind.RESUME: "bold green",
}


def render_table(report: Report, options: RenderOptions) -> str:
    """Render the plan as a rich table with its summary, rule, warnings and disclaimer."""
    if options.width < NARROW:  # too narrow for four columns: the plain layout reads better
        from pumpplan.render.text import render_plain

        return render_plain(report, options)
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
        _print_schedule(console, _rows(plan))
    if report.shows(Section.STASH):
        lines = stash_phrases.report_lines(report)
        console.print(Panel(Group(*(Text(line) for line in lines)), title=stash_phrases.heading()))
    rule = [*phrases.rule_lines(plan), *phrases.source_line(report), *guidance.about_lines(report)]
    console.print(Panel(Group(*(Text(line) for line in rule)), title=_("Rule")))
    for text in notices.warnings(plan):
        console.print(Text(f"! {text}", style="bold red"))
    console.print(Panel(Group(*(Text(line) for line in guidance.why_lines())), title=_("Why wait?")))
    console.print(
        Panel(Group(*(Text(line) for line in guidance.support_lines(report))), title=_("Help is there"))
    )
    console.print(Text(phrases.disclaimer(), style="italic"))
    output = str(console.file.getvalue())  # type: ignore[attr-defined]
    # rich pads every line to the width: piped or pasted, the padding is only noise.
    return "".join(line.rstrip(" ") + "\n" for line in output.splitlines())


def _summary(report: Report) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label, value in [*phrases.header_lines(report), *phrases.summary_lines(report.plan)]:
        grid.add_row(label, Text(value))
    return Panel(grid, title=phrases.heading(), title_align="left")


# A row of the schedule: day, time, title, milk, the event's kind (its style); whether a day ends.
Row = tuple[tuple[str, str, str, str, EventKind], bool]
# Below this many columns the table's rows wrap onto several lines: the plain layout is shorter.
NARROW = 72
# The schedule is drawn once per distinct row when each row repeats this often on average.
REPEATS = 2
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _rows(plan: Plan) -> list[Row]:
    """Return the schedule's rows, the day named on its first."""
    rows = []
    for date, events in phrases.by_day(plan):
        for index, event in enumerate(events):
            day = phrases.day(date) if index == 0 else ""
            cells = (
                day,
                phrases.times(plan, event),
                phrases.title(event.kind),
                phrases.milk(event.kind),
                event.kind,
            )
            rows.append((cells, index == len(events) - 1))
    return rows


def _schedule(rows: list[Row]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(_("Day"), no_wrap=True)
    table.add_column(_("Time"), no_wrap=True)
    table.add_column(_("What to do"))
    table.add_column(_("Milk"), no_wrap=True)
    for (day, clock, title, milk, kind), end_section in rows:
        table.add_row(day, clock, Text(title, style=STYLES[kind]), milk, end_section=end_section)
    return table


def _print_schedule(console: Console, rows: list[Row]) -> None:
    """Print the schedule, drawn once per distinct row when rows repeat: the same bytes as the whole table."""
    distinct = list(dict.fromkeys(cells for cells, _ in rows))
    if len(distinct) * REPEATS > len(rows):
        console.print(_schedule(rows))
        return
    # The widths of a table are those its cells measure, so a table of the distinct rows has the
    # same columns. Its first row is empty: one blank line and the section's blank line mark
    # where the header ends; every other row ends a section, so a blank line follows each.
    empty: Row = (("", "", "", "", EventKind.INFUSION), True)
    with console.capture() as capture:
        console.print(_schedule([empty, *((cells, True) for cells in distinct)]))
    lines = capture.get().splitlines(keepends=True)
    blank = [not _ANSI.sub("", line).strip() for line in lines]
    try:
        top = blank.index(True)
    except ValueError:
        top = -1
    chunks: list[list[str]] = [[]]
    for line, is_blank in zip(lines[top + 2 :], blank[top + 2 :], strict=True):
        if is_blank:
            chunks.append([])
        else:
            chunks[-1].append(line)
    if top < 0 or blank[top + 1 : top + 2] != [True] or len(chunks) != len(distinct) or not all(chunks):
        console.print(_schedule(rows))  # not laid out as expected: let rich draw it all
        return
    drawn = {cells: "".join(chunk) for cells, chunk in zip(distinct, chunks, strict=True)}
    separator = lines[top + 1]
    out = lines[:top]
    for index, (cells, end_section) in enumerate(rows):
        out.append(drawn[cells])
        if end_section and index < len(rows) - 1:
            out.append(separator)
    console.file.write("".join(out))
