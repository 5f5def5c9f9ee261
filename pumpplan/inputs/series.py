"""Expand a repeating course (--every, --rrule) from its first appointment."""

from __future__ import annotations

from datetime import date, datetime, time
from itertools import islice
from zoneinfo import ZoneInfo

from pumpplan.errors import InputError, reject_control_chars, shown
from pumpplan.inputs.timeparse import WEEKDAYS, localize

MOST_INFUSIONS = 5000


def weekdays(text: str) -> list[int]:
    """Parse 'mon,wed,fri' (or 'MO,WE,FR', full names) into weekday numbers, Monday = 0."""
    days = []
    for word in reject_control_chars(text, "--every").lower().replace(" ", "").split(","):
        found = [i for i, name in enumerate(WEEKDAYS) if len(word) >= 2 and name.startswith(word)]
        if len(found) != 1:
            raise InputError(
                f"--every {shown(text)}: {shown(word)} is not a weekday; write e.g. 'mon,wed,fri'"
            )
        days.append(found[0])
    return sorted(set(days))


def every(
    first: datetime, days: list[int], zone: ZoneInfo, count: int | None, until: date | None
) -> list[datetime]:
    """Return a weekly course on the given weekdays, starting with ``first``."""
    from dateutil import rrule

    if count is None and until is None:
        raise InputError("--every needs an end: add --count 6 or --until 2026-12-31")
    local = first.astimezone(zone)
    if local.weekday() not in days:
        names = ",".join(WEEKDAYS[d][:3] for d in days)
        raise InputError(
            f"the first infusion is on a {local:%A}, not one of {names}; start the series on one of them"
        )
    if until is not None and until < local.date():
        raise InputError(
            f"--until {until:%a %b %-d %Y} is before the first infusion, {local:%a %b %-d %Y}; "
            "give the day of the last infusion"
        )
    end = datetime.combine(until, time.max) if until else None
    rule = rrule.rrule(
        rrule.WEEKLY, dtstart=local.replace(tzinfo=None), byweekday=days, count=count, until=end
    )
    return _localized(rule, zone)


def from_rrule(first: datetime, text: str, zone: ZoneInfo) -> list[datetime]:
    """Return the course an RFC 5545 RRULE describes, anchored at ``first``."""
    from dateutil import rrule

    rule_text = reject_control_chars(text, "--rrule").strip()
    if rule_text.upper().startswith("RRULE:"):
        rule_text = rule_text[len("RRULE:") :]
    if "DTSTART" in rule_text.upper():
        raise InputError("--rrule takes its start from the first time given; remove DTSTART")
    local = first.astimezone(zone).replace(tzinfo=None)
    try:
        rule = rrule.rrulestr(rule_text, dtstart=local)
    except (ValueError, TypeError):
        raise InputError(
            f"--rrule {shown(text)} is not a recurrence rule; write e.g. 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6'"
        ) from None
    return _localized(rule, zone)


def _localized(rule: object, zone: ZoneInfo) -> list[datetime]:
    """Take at most MOST_INFUSIONS occurrences and give each the plan's zone."""
    occurrences = list(islice(iter(rule), MOST_INFUSIONS + 1))  # type: ignore[call-overload]
    if len(occurrences) > MOST_INFUSIONS:
        raise InputError(
            f"the series has more than {MOST_INFUSIONS} infusions; end it sooner with a count or end date"
        )
    if not occurrences:
        raise InputError("the series has no infusions; check its days and its end")
    return [localize(moment, zone) for moment in occurrences]
