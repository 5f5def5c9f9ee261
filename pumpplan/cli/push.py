"""'pumpplan push': keep a CalDAV calendar exactly equal to the plan, so no stale reminder stays."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

import typer

from pumpplan.errors import InputError, Phrase
from pumpplan.i18n import _, dated, n_
from pumpplan.push import DEFAULT_CALENDAR

if TYPE_CHECKING:
    from pumpplan.push.sync import Change, SyncResult
    from pumpplan.render.report import Report


@dataclass(frozen=True)
class Server:
    """Where the plan goes: the server, the user, the calendar, and how carefully."""

    url: str | None
    user: str | None
    calendar: str | None
    dry_run: bool
    yes: bool


def plan_id(report: Report) -> str:
    """Return the plan's identity on the server: whose plan it is, never the appointments.

    A changed plan for the same patient is the same plan, so a push replaces its events; two
    patients (given --name) in one calendar are two plans, and never touch each other's events.
    """
    owner = report.patient or ""
    return "pumpplan-" + hashlib.sha256(owner.encode()).hexdigest()[:16]


def push(report: Report, calendar: bytes, server: Server) -> None:
    """Make the server's calendar hold exactly the plan's events, asking before deleting any."""
    from pumpplan.push.auth import password
    from pumpplan.push.resources import plan_resources
    from pumpplan.push.sync import sync_resources

    if not server.url:
        raise InputError("give the CalDAV server with --url (or PUMPPLAN_CALDAV_URL), e.g. --url https://...")
    secret = password(server.url, server.user, os.environ, _prompt if sys.stdin.isatty() else None)
    plan = plan_id(report)
    run = partial(  # the calendar is read once, for the dry run and for the run
        sync_resources, plan_resources(calendar, plan), plan, server.url,
        calendar=server.calendar or DEFAULT_CALENDAR, username=server.user, password=secret,
    )  # fmt: skip
    preview = run(dry_run=True)
    if server.dry_run or not preview.changes:
        _list(preview, report)
        typer.echo(_summary(preview, dry_run=server.dry_run))
        return
    if preview.deleted and not server.yes:
        _list(preview, report, only="delete")
        count = len(preview.deleted)
        question = n_("Delete this event?", "Delete these {count} events?", count).format(count=count)
        if not sys.stdin.isatty() or not typer.confirm(question):
            raise InputError("nothing was changed; add --yes to delete the plan's old events")
    done = _with_progress(lambda step: run(progress=step), len(preview.changes))
    typer.echo(_summary(done, dry_run=False))


def _prompt(question: Phrase) -> str:
    """Ask for the password without echoing it."""
    words = question.text(_, dated)
    answer: str = typer.prompt(words, hide_input=True, default="", show_default=False, err=True)
    return answer


def _with_progress(run: Callable[[Callable[[Change], None]], SyncResult], total: int) -> SyncResult:
    """Run a push with a progress bar on stderr, one step per event written; none off a terminal."""
    if not sys.stderr.isatty():
        return run(lambda _change: None)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(_("Updating the calendar"), total=total)
        return run(lambda _change: bar.advance(task))


def _list(result: SyncResult, report: Report, only: str | None = None) -> None:
    """Say each change on stderr: what, when (in the plan's zone), and the event's title."""
    from pumpplan.push.sync import ACTIONS
    from pumpplan.render.phrases import printed_on

    words = {action: word.text(_) for action, word in ACTIONS.items()}
    width = max(map(len, words.values())) + 1  # the times line up: 'create  ', 'actualizar '
    with printed_on(report.printed):
        for change in sorted(result.changes, key=_order):
            if only is None or change.action == only:
                typer.echo(
                    f"  {words[change.action]:<{width}} {_when(change, report)}  {change.title}", err=True
                )


def _order(change: Change) -> tuple[int, str]:
    """Sort changes by when they are: what she checks is her days, in order."""
    start = change.start
    return (int(start.timestamp()) if isinstance(start, datetime) else 0, change.title)


def _when(change: Change, report: Report) -> str:
    """Return a change's start as the plan shows times: 'Mon Dec 7 09:00'."""
    from pumpplan.render import phrases

    start = change.start
    if isinstance(start, datetime):
        return phrases.when(report.plan.local(start))
    return str(start or "")


def _summary(result: SyncResult, *, dry_run: bool) -> str:
    """Return the one line a push ends with."""
    counts = result.counts().text(_)
    if not result.changes:
        line = _("the calendar already holds this plan: nothing to change ({count} events)")
        return line.format(count=result.unchanged)
    if dry_run:
        return _("would change: {counts} (dry run: nothing was written)").format(counts=counts)
    return counts
