"""Keep a CalDAV calendar equal to a plan: create, update and delete only this plan's events.

Each VEVENT of the plan's .ics becomes one resource (with the VTIMEZONEs it uses), stamped with
X-PUMPPLAN-PLAN (whose plan it is) and X-PUMPPLAN-HASH (a digest of what pumpplan wrote). A server
event of this plan whose content no longer matches its digest was edited elsewhere (a phone, say)
and is never overwritten or deleted: the push stops before writing anything and says which event.
Writes are conditional (If-None-Match: * to create, If-Match: <ETag> to update and delete), so an
edit that lands while the push runs gets a 412 from the server: the push stops there and the error
says what was already done. The engine prints nothing; the CLI words the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal, cast
from urllib.parse import quote, urlsplit

from pumpplan.errors import InputError, OutputError, shown
from pumpplan.push.resources import Resource, plan_resources, server_resource

if TYPE_CHECKING:
    from caldav.calendarobjectresource import CalendarObjectResource
    from caldav.collection import Calendar
    from caldav.davclient import DAVClient

_ICS = {"Content-Type": "text/calendar; charset=utf-8"}

Action = Literal["create", "update", "delete"]


@dataclass(frozen=True)
class Change:
    """One write the push makes (or would make): its event's UID, title and start."""

    action: Action
    uid: str
    title: str
    start: datetime | date | None


@dataclass(frozen=True)
class SyncResult:
    """What a push did, or with dry_run what it would do; conflicts are the events edited elsewhere."""

    created: tuple[Change, ...] = ()
    updated: tuple[Change, ...] = ()
    deleted: tuple[Change, ...] = ()
    unchanged: int = 0
    conflicts: tuple[Change, ...] = ()
    dry_run: bool = False

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every change, in the order the push makes them."""
        return self.created + self.updated + self.deleted

    def summary(self) -> str:
        """Return e.g. '108 created, 0 updated, 0 deleted'."""
        return f"{len(self.created)} created, {len(self.updated)} updated, {len(self.deleted)} deleted"


class ServerError(OutputError):
    """The CalDAV server cannot be reached or refuses a request (exit code 1)."""


class SyncConflict(OutputError):
    """An event of the plan was edited on the server; it was left as it is (exit code 1)."""

    def __init__(self, change: Change, done: SyncResult, more: int = 0) -> None:
        self.change = change
        self.done = done
        others = f" (and {more} more event{'s' if more != 1 else ''})" if more else ""
        written = f"done before stopping: {done.summary()}" if done.changes else "nothing was written"
        super().__init__(
            f"{shown(change.title)} on {_local(change.start)}{others} was changed in the calendar since "
            f"pumpplan wrote it, so the push stopped and left it as it is; {written}. "
            "Delete that event in your calendar app, then push again"
        )


def sync(
    ics: bytes,
    plan_id: str,
    url: str,
    *,
    calendar: str = "Breastfeeding plan",
    username: str | None = None,
    password: str | None = None,
    dry_run: bool = False,
    progress: Callable[[Change], None] | None = None,
    timeout: int = 30,
) -> SyncResult:
    """Make the calendar named `calendar` at url hold exactly the plan's events, and return what changed.

    Creates the calendar (MKCALENDAR) if no calendar has that display name. Only events stamped
    X-PUMPPLAN-PLAN:<plan_id> are ever updated or deleted. Every change is planned from one listing
    first; with dry_run nothing is written (not even the calendar) and the result lists the changes
    and conflicts. Otherwise conflicts raise SyncConflict before any write, and a 412 during the
    writes raises SyncConflict with what was done so far. progress is called after each write.
    Raises InputError for an unusable .ics or plan_id and ServerError for network and HTTP failures.
    """
    wanted = plan_resources(ics, plan_id)
    done: dict[Action, list[Change]] = {"create": [], "update": [], "delete": []}
    with _reported(url, password, done):
        from caldav.davclient import DAVClient

        client = DAVClient(
            url=url,
            username=username,
            password=password if password is not None else ("" if username else None),
            timeout=timeout,
        )
        with client:
            target = _calendar(client, calendar, create=not dry_run)
            server: dict[str, Resource] = _listing(target, plan_id) if target is not None else {}
            result = _plan(wanted, server, dry_run)
            if dry_run:
                return result
            if result.conflicts:
                raise SyncConflict(result.conflicts[0], SyncResult(), len(result.conflicts) - 1)
            return _apply(client, target, result, wanted, server, progress, done)


def _plan(wanted: dict[str, Resource], server: dict[str, Resource], dry_run: bool) -> SyncResult:
    """Compare the plan with the server's copy: what to create, update and delete, and the conflicts."""
    created: list[Change] = []
    updated: list[Change] = []
    deleted: list[Change] = []
    conflicts: list[Change] = []
    unchanged = 0
    for uid, mine in wanted.items():
        theirs = server.get(uid)
        if theirs is None:
            created.append(Change("create", uid, mine.title, mine.start))
        elif theirs.canonical == mine.canonical and theirs.plan is not None:
            unchanged += 1
        elif theirs.edited:
            conflicts.append(Change("update", uid, theirs.title, theirs.start))
        else:
            updated.append(Change("update", uid, mine.title, mine.start))
    for uid, theirs in server.items():
        if uid not in wanted and theirs.plan is not None:
            change = Change("delete", uid, theirs.title, theirs.start)
            (conflicts if theirs.edited else deleted).append(change)
    return SyncResult(tuple(created), tuple(updated), tuple(deleted), unchanged, tuple(conflicts), dry_run)


def _apply(
    client: DAVClient,
    target: Calendar | None,
    plan: SyncResult,
    wanted: dict[str, Resource],
    server: dict[str, Resource],
    progress: Callable[[Change], None] | None,
    done: dict[Action, list[Change]],
) -> SyncResult:
    """Write the planned changes in order, noting each in done; stop at the first 412 or failure."""
    assert target is not None
    assert target.url is not None
    for change in plan.changes:
        if change.action == "create":
            href = str(target.url.join(quote(change.uid, safe="") + ".ics"))
            response = client.put(href, wanted[change.uid].body.decode(), _ICS | {"If-None-Match": "*"})
        else:
            theirs = server[change.uid]
            if not theirs.etag:
                raise ServerError(
                    f"The server gave no ETag for {shown(change.title)}; it cannot be changed safely"
                )
            if change.action == "update":
                body = wanted[change.uid].body.decode()
                response = client.put(theirs.url, body, _ICS | {"If-Match": theirs.etag})
            else:
                response = client.delete(theirs.url, {"If-Match": theirs.etag})
        if response.status == 404 and change.action == "delete":
            pass  # gone already, which is what the plan wants
        elif response.status == 412:
            title, start = (
                (server[change.uid].title, server[change.uid].start)
                if change.uid in server
                else (change.title, change.start)
            )
            raise SyncConflict(Change(change.action, change.uid, title, start), _result(done))
        elif response.status >= 300:
            raise ServerError(
                f"The server refused to {change.action} {shown(change.title)} (HTTP {response.status}); "
                f"the push stopped, done before stopping: {_result(done).summary()}"
            )
        done[change.action].append(change)
        if progress is not None:
            progress(change)
    return _result(done, plan.unchanged)


def _result(done: dict[Action, list[Change]], unchanged: int = 0) -> SyncResult:
    return SyncResult(tuple(done["create"]), tuple(done["update"]), tuple(done["delete"]), unchanged)


def _calendar(client: DAVClient, name: str, create: bool) -> Calendar | None:
    """Return the principal's calendar with this display name, made if missing (None if not made)."""
    from caldav.lib import error

    # A sync DAVClient returns lists and objects; the coroutine half of caldav's unions is the async one.
    principal = client.get_principal()
    for candidate in cast("list[Calendar]", principal.get_calendars()):
        if candidate.get_display_name() == name:
            return candidate
    if not create:
        return None
    try:
        return cast("Calendar", principal.make_calendar(name=name))
    except error.DAVError as failure:
        raise ServerError(
            f"Cannot create the calendar {shown(name)} on the server: {_reason(failure)}"
        ) from None


def _listing(target: Calendar, plan_id: str) -> dict[str, Resource]:
    """Return the calendar's events by UID, read with one calendar-query REPORT (no time range)."""
    found: dict[str, Resource] = {}
    for obj in cast("list[CalendarObjectResource]", target.search(event=True, expand=False)):
        resource = server_resource(obj.data, str(obj.url), obj.etag, plan_id)
        if resource is not None:
            found[resource.uid] = resource
    return found


def _local(start: datetime | date | None) -> str:
    """Return e.g. 'Sun Dec 8 10:40', in the event's own zone."""
    if isinstance(start, datetime):
        return f"{start:%a %b} {start.day} {start:%H:%M}"
    if isinstance(start, date):
        return f"{start:%a %b} {start.day}"
    return "an unknown day"


class _reported:
    """Turn caldav's and the HTTP library's failures into one-line ServerErrors without the password."""

    def __init__(self, url: str, password: str | None, done: dict[Action, list[Change]]) -> None:
        parts = urlsplit(url)
        self.where = (
            f"{parts.scheme}://{parts.hostname or ''}{f':{parts.port}' if parts.port else ''}{parts.path}"
        )
        self.password = password
        self.done = done

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, failure: BaseException | None, _: object
    ) -> Literal[False]:
        if failure is None or isinstance(failure, OutputError | InputError):
            return False
        from caldav.lib import error
        from caldav.lib.http_sync import requests as http  # niquests, or requests where that is missing

        if isinstance(failure, error.AuthorizationError):
            message = f"The CalDAV server at {self.where} refused the login: check the user and app password"
        elif isinstance(failure, error.NotFoundError):
            message = f"The CalDAV server has no calendars at {self.where} (404): check the URL"
        elif isinstance(failure, error.DAVError):
            message = f"The CalDAV server at {self.where} failed: {_reason(failure)}"
        elif isinstance(failure, http.exceptions.SSLError):
            message = (
                f"Cannot make a secure (TLS) connection to {self.where}: check the URL and its certificate"
            )
        elif isinstance(failure, http.exceptions.Timeout):
            message = f"The CalDAV server at {self.where} did not answer in time"
        elif isinstance(failure, http.exceptions.RequestException | OSError):
            message = f"Cannot connect to the CalDAV server at {self.where}: {_reason(failure)}"
        else:
            return False
        if any(self.done.values()):
            message += f"; the push stopped, done before stopping: {_result(self.done).summary()}"
        if self.password:
            message = message.replace(self.password, "***")
        raise ServerError(message) from None


def _reason(failure: BaseException) -> str:
    """Return the short cause of a failure, e.g. 'Connection refused' or 'HTTP 500'."""
    text = str(failure)
    errno = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if errno:
        return errno.group(1).strip()
    status = getattr(failure, "status", None)
    if status:
        return f"HTTP {status}"
    return text.splitlines()[0][:120] if text else type(failure).__name__
