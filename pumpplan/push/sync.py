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

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, cast
from urllib.parse import quote

from pumpplan.errors import OutputError, Phrase, shown
from pumpplan.push import DEFAULT_CALENDAR
from pumpplan.push.failures import ServerError, reason, reported
from pumpplan.push.resources import Resource, plan_resources, server_resource

if TYPE_CHECKING:
    from caldav.calendarobjectresource import CalendarObjectResource
    from caldav.collection import Calendar
    from caldav.davclient import DAVClient

_ICS = {"Content-Type": "text/calendar; charset=utf-8"}

Action = Literal["create", "update", "delete"]
# What each action is called in a message: 'The server refused to update ...'.
ACTIONS = {"create": Phrase("create"), "update": Phrase("update"), "delete": Phrase("delete")}


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
        return str(self.counts())

    def counts(self) -> Phrase:
        """Return the summary in words to be put in the reader's language."""
        return Phrase(
            "{created} created, {updated} updated, {deleted} deleted",
            created=len(self.created), updated=len(self.updated), deleted=len(self.deleted),
        )  # fmt: skip


class SyncConflict(OutputError):
    """An event of the plan was edited on the server; it was left as it is (exit code 1)."""

    def __init__(self, change: Change, done: SyncResult, more: int = 0) -> None:
        self.change = change
        self.done = done
        others: str | Phrase = ""
        if more == 1:
            others = Phrase(" (and 1 more event)")
        elif more:
            others = Phrase(" (and {count} more events)", count=more)
        if done.changes:
            written = Phrase("done before stopping: {done}", done=done.counts())
        else:
            written = Phrase("nothing was written")
        super().__init__(
            Phrase(
                "{title} on {when}{others} was changed in the calendar since pumpplan wrote it. "
                "The push stopped and left it as it is; {written}. "
                "Delete that event in your calendar app, then push again",
                title=shown(change.title),
                when=_local(change.start),
                others=others,
                written=written,
            )
        )


def sync(ics: bytes, plan_id: str, url: str, **options: Any) -> SyncResult:
    """Make the calendar at url hold exactly the events of the plan's .ics: see sync_resources.

    Raises InputError for an unusable .ics or plan_id, besides what sync_resources raises.
    """
    return sync_resources(plan_resources(ics, plan_id), plan_id, url, **options)


def sync_resources(
    wanted: dict[str, Resource],
    plan_id: str,
    url: str,
    *,
    calendar: str = DEFAULT_CALENDAR,
    username: str | None = None,
    password: str | None = None,
    dry_run: bool = False,
    progress: Callable[[Change], None] | None = None,
    timeout: int = 30,
) -> SyncResult:
    """Make the calendar named `calendar` at url hold exactly the plan's events, and return what changed.

    ``wanted`` are the plan's events as plan_resources() reads them from its .ics: read once, they
    serve the dry run that a confirmation needs and the run that follows.

    Creates the calendar (MKCALENDAR) if no calendar has that display name. Only events stamped
    X-PUMPPLAN-PLAN:<plan_id> are ever updated or deleted. Every change is planned from one listing
    first; with dry_run nothing is written (not even the calendar) and the result lists the changes
    and conflicts. Otherwise conflicts raise SyncConflict before any write, and a 412 during the
    writes raises SyncConflict with what was done so far. progress is called after each write.
    Raises ServerError for network and HTTP failures.
    """
    done: dict[Action, list[Change]] = {"create": [], "update": [], "delete": []}
    with reported(url, password, lambda: _result(done).counts() if any(done.values()) else None):
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
                    "The server gave no ETag for {title}; it cannot be changed safely",
                    title=shown(change.title),
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
                "The server refused to {action} {title} (HTTP {status}); "
                "the push stopped, done before stopping: {done}",
                action=ACTIONS[change.action], title=shown(change.title), status=response.status,
                done=_result(done).counts(),
            )  # fmt: skip
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
            "Cannot create the calendar {name} on the server: {reason}",
            name=shown(name),
            reason=reason(failure),
        ) from None


def _listing(target: Calendar, plan_id: str) -> dict[str, Resource]:
    """Return the calendar's events by UID, read with one calendar-query REPORT (no time range)."""
    found: dict[str, Resource] = {}
    for obj in cast("list[CalendarObjectResource]", target.search(event=True, expand=False)):
        resource = server_resource(obj.data, str(obj.url), obj.etag, plan_id)
        if resource is not None:
            found[resource.uid] = resource
    return found


def _local(start: datetime | date | None) -> Phrase:
    """Return e.g. 'Sun Dec 8 10:40', in the event's own zone."""
    if isinstance(start, datetime):
        return Phrase("{when:%a %b %-d %H:%M}", when=start)
    if isinstance(start, date):
        return Phrase("{day:%a %b %-d}", day=start)
    return Phrase("an unknown day")
