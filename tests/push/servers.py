"""Real CalDAV servers (Radicale, Xandikos) on 127.0.0.1, and plans to push to them."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import caldav
import icalendar
from typer.testing import CliRunner

from pumpplan.cli import app

# The plan of the brief: Mon/Wed/Fri at 10:00 in Los Angeles, 6 infusions from Mon Dec 2 2030.
BASE = ["2030-12-02 10:00", "--every", "mon,wed,fri", "--count", "6", "--tz", "America/Los_Angeles"]
# Wide enough for every plan the tests push, narrow enough to be a real time-range REPORT.
RANGE = (datetime(2030, 11, 1, tzinfo=UTC), datetime(2031, 3, 1, tzinfo=UTC))
WINDOW_TITLE = "No breastfeeding — pump and discard"
RESUME_LENGTH = timedelta(minutes=15)


@dataclass(frozen=True)
class Server:
    """A running CalDAV server: its URL, the user to log in as (None where it needs none), and a
    client of the tests' own to look at it with (the engine opens its own)."""

    name: str
    url: str
    username: str | None
    client: caldav.DAVClient
    process: subprocess.Popen[bytes]

    def calendar(self, name: str) -> caldav.Calendar:
        """Return the calendar with this display name (it must exist)."""
        for candidate in self.client.get_principal().get_calendars():
            if candidate.get_display_name() == name:
                return candidate
        raise LookupError(name)

    def has_calendar(self, name: str) -> bool:
        return any(c.get_display_name() == name for c in self.client.get_principal().get_calendars())


@contextmanager
def serving(name: str, port: int, username: str | None, process: subprocess.Popen[bytes]) -> Iterator[Server]:
    url = f"http://127.0.0.1:{port}/"
    password = "" if username else None  # no authentication: any password passes
    with caldav.DAVClient(url=url, username=username, password=password, timeout=10) as client:
        yield Server(name, url, username, client, process)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(command: list[str], port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server until the block ends; wait until its port answers HTTP first."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command[2]} exited:\n{log.read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                    sock.sendall(b"OPTIONS / HTTP/1.0\r\n\r\n")
                    if sock.recv(12).startswith(b"HTTP/"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{command[2]} did not answer on port {port}:\n{log.read_text()}")
            time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def radicale(root: Path, htpasswd: str | None = None) -> Iterator[Server]:
    """Radicale with its storage under root; no authentication unless an htpasswd line is given."""
    port = free_port()
    auth = "type = none\n"
    if htpasswd is not None:
        (root / "users").write_text(htpasswd + "\n")
        auth = f"type = htpasswd\nhtpasswd_filename = {root / 'users'}\nhtpasswd_encryption = plain\n"
    config = root / "config"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        # delay = 0: Radicale waits about a second after each refused login, and caldav's first
        # request goes without credentials (it answers the 401 challenge).
        f"[auth]\n{auth}delay = 0\n"
        f"[storage]\nfilesystem_folder = {root / 'collections'}\n"
        "[logging]\nlevel = warning\n"
    )
    command = [sys.executable, "-m", "radicale", "--config", str(config)]
    with (
        running(command, port, root / "log") as process,
        serving("radicale", port, "nurse", process) as server,
    ):
        yield server


@contextmanager
def xandikos(root: Path) -> Iterator[Server]:
    """Xandikos serving a fresh directory, creating the principal and its calendar home itself."""
    port = free_port()
    command = [sys.executable, "-m", "xandikos", "serve", "--defaults", "-d", str(root / "data")]
    command += ["--state-dir", str(root / "state"), "-l", "127.0.0.1", "-p", str(port)]
    with (
        running(command, port, root / "log") as process,
        serving("xandikos", port, None, process) as server,
    ):
        yield server


def plan(*args: str, fmt: str = "ics") -> bytes:
    """Return pumpplan's output for `pumpplan plan ARGS -f FMT`."""
    result = CliRunner().invoke(app, ["plan", *args, "-f", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def events_of(ics: bytes | str) -> dict[str, icalendar.Event]:
    """Return the VEVENTs of a calendar by UID."""
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}


def server_events(server: Server, calendar: str) -> dict[str, icalendar.Event]:
    """Read the calendar back with a time-range REPORT (calendar-query, not expanded), by UID."""
    found: dict[str, icalendar.Event] = {}
    objects = server.calendar(calendar).search(start=RANGE[0], end=RANGE[1], event=True, expand=False)
    for obj in objects:
        for uid, event in events_of(obj.data).items():
            assert uid not in found, f"UID {uid} is in two resources"
            found[uid] = event
    return found


def everything(server: Server, calendar: str) -> dict[str, tuple[str, str | None]]:
    """Return every resource of the calendar (no time range): URL -> (data, ETag)."""
    objects = server.calendar(calendar).search(event=True, expand=False)
    return {str(obj.url): (obj.data, obj.etag) for obj in objects}


def shape(event: icalendar.Event) -> tuple[Any, ...]:
    """What a patient sees of an event: title, start and end instants, and its alarms' triggers."""
    alarms = tuple(sorted(str(a["TRIGGER"].to_ical()) for a in event.walk("VALARM")))
    return (str(event["SUMMARY"]), event["DTSTART"].dt, event["DTEND"].dt, alarms)


def json_shapes(text: bytes) -> list[tuple[str, datetime, datetime]]:
    """Return (title, start, end) of every event the plan's JSON describes, windows included."""
    data = json.loads(text)
    rows = [(e["title"], e["start"], e["end"]) for e in data["events"]]
    rows += [(WINDOW_TITLE, w["start"], w["end"]) for w in data["windows"]]
    shapes = []
    for title, start, end in rows:
        begins = datetime.fromisoformat(start)
        # The JSON's "Resume breastfeeding" is an instant (end null); the .ics gives it 15 minutes.
        shapes.append((title, begins, datetime.fromisoformat(end) if end else begins + RESUME_LENGTH))
    return sorted(shapes)
