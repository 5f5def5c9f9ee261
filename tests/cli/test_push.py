"""'pumpplan push' through the command: a real Radicale and Xandikos end up holding exactly the plan."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import run
from tests.push.servers import Server, events_of, plan, server_events

COURSE = ["2030-12-02 10:00", "--every", "mon,wed,fri", "--count", "6", "--tz", "America/Los_Angeles"]


def push(server: Server, calendar: str, *args: str, password: str = "") -> tuple[int, str, str]:
    """Run 'pumpplan push' at a test server, its password in the environment as a user would set it."""
    user = ["--user", server.username] if server.username else []
    env = {"PUMPPLAN_CALDAV_PASSWORD": password} if password else None
    return run("push", *args, "--url", server.url, *user, "--calendar", calendar, env=env)


def test_push_puts_the_plan_into_the_calendar_and_a_changed_plan_replaces_it(
    server: Server, calendar: str
) -> None:
    """The course lands whole; a longer window then leaves no stale resume; a second push changes nothing."""
    code, out, err = push(server, calendar, *COURSE)
    assert (code, err) == (0, ""), err
    expected = events_of(plan(*COURSE))
    assert out == f"{len(expected)} created, 0 updated, 0 deleted\n"
    assert set(server_events(server, calendar)) == set(expected)

    changed = [*COURSE, "--dump-hours", "72"]
    code, out, err = push(server, calendar, *changed, "--yes")
    assert code == 0, err
    now = server_events(server, calendar)
    assert set(now) == set(events_of(plan(*changed)))
    resumes = [e for e in now.values() if str(e["SUMMARY"]) == "Resume breastfeeding"]
    assert len(resumes) == 1  # the old resumes, now inside the longer window, are gone

    code, out, _ = push(server, calendar, *changed)
    assert code == 0
    assert out.startswith("the calendar already holds this plan: nothing to change")


def test_a_dry_run_lists_the_changes_and_writes_nothing(server: Server, calendar: str) -> None:
    """--dry-run names each event it would create, in the plan's local time, and the server stays empty."""
    code, out, err = push(server, calendar, "2030-12-02 10:00", "--tz", "America/Los_Angeles", "--dry-run")
    assert code == 0
    assert "would change: " in out
    assert "(dry run: nothing was written)" in out
    assert "create  Mon Dec 2 2030 09:00  Pump and keep the milk (before the infusion)" in err
    assert not server.has_calendar(calendar)


def test_a_dry_run_in_spanish_says_the_changes_in_spanish(server: Server, calendar: str) -> None:
    """--lang es: each change and the summary line are Spanish; the times still line up."""
    code, out, err = push(
        server, calendar, "2030-12-02 10:00", "--tz", "America/Los_Angeles", "--dry-run", "--lang", "es"
    )
    assert code == 0
    assert out == "cambiaría: creados: 20, actualizados: 0, borrados: 0 (simulación: no se escribió nada)\n"
    assert "  crear       lun 2 dic 2030 09:00  Extraer la leche y guardarla (antes de la infusión)\n" in err
    assert not server.has_calendar(calendar)


def test_deleting_asks_first_and_without_a_terminal_needs_yes(server: Server, calendar: str) -> None:
    """A push that would delete events lists them and, with no one to ask, changes nothing."""
    assert push(server, calendar, *COURSE)[0] == 0
    before = server_events(server, calendar)
    code, _, err = push(server, calendar, *COURSE[:-4], "--count", "5", "--tz", "America/Los_Angeles")
    assert code == 2
    assert "delete " in err
    assert "error: nothing was changed; add --yes to delete the plan's old events" in err
    assert set(server_events(server, calendar)) == set(before)


def test_a_push_needs_a_server() -> None:
    """Without --url (or PUMPPLAN_CALDAV_URL) the push says what to give."""
    code, _, err = run("push", "2030-12-02 10:00", "--tz", "UTC")
    assert code == 2
    assert "give the CalDAV server with --url" in err


def test_the_password_is_never_an_option_and_never_printed(unused_port: int) -> None:
    """There is no --password; a refused connection names the server, never the password."""
    code, _, err = run("push", "2030-12-02 10:00", "--tz", "UTC", "--password", "hunter2")
    assert code == 2
    assert "No such option: --password" in err
    url = f"http://127.0.0.1:{unused_port}/"
    code, _, err = run("push", "2030-12-02 10:00", "--tz", "UTC", "--url", url, "--user", "ana",
                       env={"PUMPPLAN_CALDAV_PASSWORD": "hunter2"})  # fmt: skip
    assert code == 1
    assert "hunter2" not in err
    assert err.startswith("error: Cannot connect to the CalDAV server")


@pytest.mark.parametrize("command", ["plan", "stash", "push"])
def test_each_command_takes_only_its_own_options(command: str) -> None:
    """plan and stash write files and take no server; push takes a server and writes no file."""
    code, out, _ = run(command, "--help")
    assert code == 0
    assert ("--url" in out) == (command == "push")
    assert ("--output" in out) == (command != "push")


def test_push_help_starts_without_the_calendar_libraries() -> None:
    """'pumpplan push --help' imports neither caldav, keyring, icalendar nor segno: it stays fast."""
    probe = (
        "import sys; from pumpplan.cli import main; sys.argv=['pumpplan','push','--help']\n"
        "try: main()\nexcept SystemExit: pass\n"
        "print(sorted(m for m in ('caldav','keyring','icalendar','segno') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
