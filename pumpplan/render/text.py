"""Plain text, Markdown and CSV."""

from __future__ import annotations

import csv
import io
import re

from pumpplan.core.model import Plan
from pumpplan.i18n import _
from pumpplan.render import RenderOptions, guidance, notices, phrases, stash_phrases
from pumpplan.render.report import Report, Section

_BARE_LINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?=//)|\bwww\.|@", re.IGNORECASE)


def render_plain(report: Report, options: RenderOptions) -> str:
    """Render the plan as plain text for a terminal, an e-mail or a text message."""
    plan = report.plan
    pairs = [*phrases.header_lines(report), *phrases.summary_lines(plan)]
    width = max(len(label) for label, _ in pairs)
    lines = [phrases.heading(), ""]
    lines += [f"{label + ':' if label else '':<{width + 1}} {value}" for label, value in pairs]
    if report.shows(Section.SCHEDULE):
        times = {e: phrases.times(plan, e) for e in plan.events}  # worked out once: each sets the column
        column = max(13, *map(len, times.values()))
        for date, events in phrases.by_day(plan):
            lines += ["", phrases.day(date)]
            lines += [f"  {times[e]:<{column}}  {phrases.title(e.kind)}" for e in events]
    if report.shows(Section.STASH):
        lines += [
            "",
            stash_phrases.heading() + ":",
            *(f"  {line}" for line in stash_phrases.report_lines(report)),
        ]
    rule = [*phrases.rule_lines(plan), *phrases.source_line(report), *guidance.about_lines(report)]
    lines += ["", _("Rule:"), *(f"  {line}" for line in rule)]
    if plan.warnings:
        lines += ["", _("Warnings:"), *(f"  ! {text}" for text in notices.warnings(plan))]
    lines += ["", _("Why wait?"), *(f"  {line}" for line in guidance.why_lines())]
    lines += ["", _("Help is there:"), *(f"  {line}" for line in guidance.support_lines(report))]
    lines += ["", phrases.disclaimer()]
    return "\n".join(lines) + "\n"


def render_markdown(report: Report, options: RenderOptions) -> str:
    """Render the plan as a Markdown document."""
    plan = report.plan
    pairs = [*phrases.header_lines(report), *phrases.summary_lines(plan)]
    lines = [f"# {phrases.heading()}", ""]
    for label, values in phrases.grouped(pairs):
        if len(values) == 1:
            lines.append(f"- **{label}:** {_md(values[0])}")
        else:
            lines += [f"- **{label}:**", *(f"  - {_md(value)}" for value in values)]
    if report.shows(Section.SCHEDULE):
        lines += ["", *_markdown_schedule(plan)]
    if report.shows(Section.STASH):
        section = stash_phrases.report_lines(report)
        lines += ["", "## " + stash_phrases.heading(), "", *(f"- {line}" for line in section)]
    rule = [
        *phrases.rule_lines(plan),
        *(_md(line) for line in phrases.source_line(report)),
        *(_md(line) for line in guidance.about_lines(report)),
    ]
    lines += ["", "## " + _("Rule"), "", *(f"- {line}" for line in rule)]
    if plan.warnings:
        lines += ["", "## " + _("Warnings"), "", *(f"- {text}" for text in notices.warnings(plan))]
    lines += ["", "## " + _("Why wait?"), "", *(f"- {_md(line)}" for line in guidance.why_lines())]
    lines += [
        "",
        "## " + _("Help is there"),
        "",
        *(f"- {_md(line)}" for line in guidance.support_lines(report)),
    ]
    lines += ["", f"*{phrases.disclaimer()}*"]
    return "\n".join(lines) + "\n"


def _markdown_schedule(plan: Plan) -> list[str]:
    """Return the events as a Markdown table, the day named on its first row."""
    headers = _("Day"), _("Time"), _("What to do"), _("Milk")
    lines = ["| " + " | ".join(headers) + " |", "|---|---|---|---|"]
    for date, events in phrases.by_day(plan):
        for index, event in enumerate(events):
            label = phrases.day(date) if index == 0 else ""
            lines.append(
                f"| {label} | {phrases.times(plan, event)} | {phrases.title(event.kind)} "
                f"| {phrases.milk(event.kind)} |"
            )
    return lines


def render_csv(report: Report, options: RenderOptions) -> str:
    """Render the events as CSV, one row per event, for spreadsheets."""
    plan = report.plan
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "weekday", "start", "end", "kind", "milk", "title"])
    for event in plan.events:
        start = plan.local(event.start)
        end = plan.local(event.end) if event.end else None
        writer.writerow(
            [
                start.date().isoformat(),
                f"{start:%A}",
                start.isoformat(timespec="minutes"),
                end.isoformat(timespec="minutes") if end else "",
                event.kind.value,
                phrases.milk(event.kind),
                phrases.title(event.kind),
            ]
        )
    return out.getvalue()


def _md(text: str) -> str:
    """Escape text a user typed, inside a line, so Markdown shows it as written and links nothing."""
    # Only what acts mid-line: emphasis, code, links, HTML and entities, GFM's ~~strikethrough~~;
    # then what starts GFM's bare links: the ':' of 'https://', the '.' of 'www.', an e-mail's '@'.
    escaped = "".join(f"\\{ch}" if ch in "\\`*_[]<&~" else ch for ch in text)
    return _BARE_LINK.sub(lambda found: found[0][:-1] + "\\" + found[0][-1], escaped)
