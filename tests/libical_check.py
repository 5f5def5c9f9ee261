"""Read an .ics on stdin with libical (Evolution's parser, via GObject introspection); print JSON.

Run with the system Python that has python3-gi and gir1.2-ical-3.0 (Debian), not the venv:
``/usr/bin/python3 tests/libical_check.py < plan.ics``. Times are resolved with the
calendar's own VTIMEZONE, never libical's built-in zones, so the VTIMEZONE itself is tested.
"""

import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

UTC = ICalGLib.Timezone.get_utc_timezone()


def utc(calendar, component, kind):
    """Return a DTSTART or DTEND as a UTC string and the TZID it was written with."""
    prop = component.get_first_property(kind)
    if prop is None:
        return None, None
    moment = prop.get_dtstart() if kind == ICalGLib.PropertyKind.DTSTART_PROPERTY else prop.get_dtend()
    tzid = prop.get_parameter_as_string("TZID")
    if tzid is not None:
        zone = calendar.get_timezone(tzid)
        if zone is None:
            return None, f"missing VTIMEZONE {tzid}"
        moment.set_timezone(zone)
    elif not moment.is_utc():
        return None, "floating"
    return moment.convert_to_zone(UTC).as_ical_string(), tzid or "UTC"


def alarm(component):
    """Return one VALARM's action, description and trigger."""
    trigger = component.get_first_property(ICalGLib.PropertyKind.TRIGGER_PROPERTY).get_trigger()
    return {
        "action": component.get_first_property(ICalGLib.PropertyKind.ACTION_PROPERTY).get_value_as_string(),
        "description": component.get_description(),
        "trigger": trigger.get_duration().as_ical_string(),
    }


def status(component):
    """Return an event's STATUS as written, or None."""
    prop = component.get_first_property(ICalGLib.PropertyKind.STATUS_PROPERTY)
    return None if prop is None else prop.get_value_as_string()


def event(calendar, component):
    """Return what libical sees of one VEVENT."""
    start, start_zone = utc(calendar, component, ICalGLib.PropertyKind.DTSTART_PROPERTY)
    end, end_zone = utc(calendar, component, ICalGLib.PropertyKind.DTEND_PROPERTY)
    alarms = []
    inner = component.get_first_component(ICalGLib.ComponentKind.VALARM_COMPONENT)
    while inner is not None:
        alarms.append(alarm(inner))
        inner = component.get_next_component(ICalGLib.ComponentKind.VALARM_COMPONENT)
    return {
        "uid": component.get_uid(),
        "summary": component.get_summary(),
        "description": component.get_description(),
        "status": status(component),
        "start": start,
        "end": end,
        "startZone": start_zone,
        "endZone": end_zone,
        "alarms": alarms,
    }


def restriction_errors(text, *, itip=False):
    """Return what libical finds against RFC 5545's rules of which property may appear how often.

    METHOD is left out for this check unless ``itip``: with it, libical applies iTIP's rules
    (RFC 5546), whose PUBLISH wants an ORGANIZER on every event, and a personal plan has none.
    """
    lines = [line for line in text.split("\r\n") if itip or not line.upper().startswith("METHOD:")]
    checked = ICalGLib.Component.new_from_string("\r\n".join(lines))
    checked.check_restrictions()
    unfolded = checked.as_ical_string().replace("\r\n ", "")
    return [line for line in unfolded.splitlines() if line.startswith("X-LIC-ERROR")]


def main():
    """Parse stdin, check RFC 5545's restrictions and print the events as JSON."""
    text = sys.stdin.read()
    calendar = ICalGLib.Component.new_from_string(text)
    errors = restriction_errors(text)
    events = []
    component = calendar.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    while component is not None:
        events.append(event(calendar, component))
        component = calendar.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    zones = []
    component = calendar.get_first_component(ICalGLib.ComponentKind.VTIMEZONE_COMPONENT)
    while component is not None:
        zones.append(component.get_first_property(ICalGLib.PropertyKind.TZID_PROPERTY).get_tzid())
        component = calendar.get_next_component(ICalGLib.ComponentKind.VTIMEZONE_COMPONENT)
    itip = restriction_errors(text, itip=True)
    json.dump({"errors": errors, "itip": itip, "zones": zones, "events": events}, sys.stdout, indent=2)


if __name__ == "__main__":
    main()
