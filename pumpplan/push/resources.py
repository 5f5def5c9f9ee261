"""Cut a plan's .ics into CalDAV resources, and tell a server copy edited elsewhere from pumpplan's own.

A CalDAV resource holds the components of one UID (RFC 4791 section 4.1) and the VTIMEZONEs they use,
and no METHOD. Each VEVENT is stamped with X-PUMPPLAN-PLAN (whose plan it is: only those are ever
deleted) and X-PUMPPLAN-HASH (a digest of its content as pumpplan wrote it). Read back from a server,
an event whose content no longer gives its digest was changed by someone else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pumpplan.errors import InputError, Phrase, reject_control_chars, shown

if TYPE_CHECKING:
    from icalendar.cal import Component

PLAN_PROPERTY = "X-PUMPPLAN-PLAN"
HASH_PROPERTY = "X-PUMPPLAN-HASH"
# Left out of the comparison: what a server or a calendar app may stamp on an event without the
# patient changing it (revision stamps, alarm acknowledgements, other programs' X- properties).
_IGNORED = {"DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "CREATED", "ACKNOWLEDGED", HASH_PROPERTY}


@dataclass
class Resource:
    """The events of one UID: their title and start, comparable content, and where they are stored.

    canonical is the content without the ignored properties: equal canonicals mean nothing to write.
    From the plan, body is what to PUT. From a server, url and etag say which version was read,
    plan is the X-PUMPPLAN-PLAN it carries (None if none), and edited is True when its content no
    longer matches the digest pumpplan stamped on it (or it has none).
    """

    uid: str
    title: str
    start: datetime | date | None
    canonical: str
    body: bytes = b""
    url: str = ""
    etag: str | None = None
    plan: str | None = None
    edited: bool = False


def plan_resources(ics: bytes, plan_id: str) -> dict[str, Resource]:
    """Split a plan's .ics into one resource per UID, stamped with plan_id and a digest; by UID.

    Raises InputError for an empty plan_id, an unreadable .ics, an event without a UID, or one
    already stamped with another plan.
    """
    import icalendar

    plan_id = reject_control_chars(plan_id, Phrase("The plan id"))
    if not plan_id.strip():
        raise InputError("The plan id is empty; give the patient's name")
    try:
        source = icalendar.Calendar.from_ical(ics)
    except ValueError as error:
        raise InputError("The plan's calendar cannot be read: {reason}", reason=str(error)) from None
    zones = {str(tz["TZID"]): tz for tz in source.walk("VTIMEZONE")}
    grouped: dict[str, list[Component]] = {}
    for event in source.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        if not uid:
            raise InputError("The event {title} has no UID", title=shown(str(event.get("SUMMARY", ""))))
        owner = event.get(PLAN_PROPERTY)
        if owner is not None and str(owner) != plan_id:
            raise InputError(
                "The event {uid} belongs to plan {owner}, not {plan}",
                uid=shown(uid), owner=shown(str(owner)), plan=shown(plan_id),
            )  # fmt: skip
        event.pop(PLAN_PROPERTY, None)
        event.add(PLAN_PROPERTY, plan_id)
        grouped.setdefault(uid, []).append(event)
    found = {}
    for uid, events in grouped.items():
        canonical = _canonical(events)
        out = icalendar.Calendar()
        out.add("VERSION", source.get("VERSION", "2.0"))
        out.add("PRODID", source.get("PRODID", "-//pumpplan//pumpplan//EN"))
        if "CALSCALE" in source:
            out.add("CALSCALE", source["CALSCALE"])
        for tzid in sorted({tzid for event in events for tzid in _tzids(event)}):
            if tzid in zones:
                out.add_component(zones[tzid])
        for event in events:
            event.pop(HASH_PROPERTY, None)
            event.add(HASH_PROPERTY, _digest(canonical))
            out.add_component(event)
        found[uid] = Resource(uid, *_title_start(events), canonical, body=out.to_ical())
    return found


def server_resource(data: str | bytes, url: str, etag: str | None, plan_id: str) -> Resource | None:
    """Read one resource from the server; None if it holds no VEVENT."""
    import icalendar

    events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
    if not events:
        return None
    canonical = _canonical(events)
    mine = any(str(event.get(PLAN_PROPERTY, "")) == plan_id for event in events)
    stamped = {str(event.get(HASH_PROPERTY, "")) for event in events}
    resource = Resource(str(events[0].get("UID", "")), *_title_start(events), canonical, url=url, etag=etag)
    resource.plan = plan_id if mine else None
    resource.edited = stamped != {_digest(canonical)}
    return resource


def _digest(canonical: str) -> str:
    return hashlib.sha256(canonical.encode()).hexdigest()


def _canonical(events: list[Component]) -> str:
    """Return the events' content as sorted text, without the properties left out of the comparison."""
    return "\n".join(sorted("\n".join(_lines(event)) for event in events))


def _lines(component: Component) -> Iterator[str]:
    yield f"BEGIN:{component.name}"
    lines = []
    for name, value in component.property_items(recursive=False, sorted=False):
        if name in ("BEGIN", "END") or name in _IGNORED:
            continue
        if name.startswith("X-") and not name.startswith("X-PUMPPLAN-"):
            continue
        if component.name == "VALARM" and name in ("UID", "RELATED-TO"):
            continue  # some calendar apps give each alarm its own UID
        params = sorted((str(key).upper(), str(param)) for key, param in getattr(value, "params", {}).items())
        text = value.to_ical() if hasattr(value, "to_ical") else str(value).encode()
        lines.append(f"{name}{params}:{text.decode()}")
    yield from sorted(lines)
    yield from sorted("\n".join(_lines(sub)) for sub in component.subcomponents)


def _tzids(component: Component) -> Iterator[str]:
    for _, value in component.property_items(recursive=True, sorted=False):
        tzid = getattr(value, "params", {}).get("TZID")
        if tzid:
            yield str(tzid)


def _title_start(events: list[Component]) -> tuple[str, datetime | date | None]:
    master = next((event for event in events if "RECURRENCE-ID" not in event), events[0])
    start: Any = master.get("DTSTART")
    return str(master.get("SUMMARY", "")), (start.dt if start is not None else None)
