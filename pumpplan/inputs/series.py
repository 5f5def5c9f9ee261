"""Expand a repeating course (--every, --rrule) from its first appointment."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pumpplan.core.limits import MOST_INFUSIONS
from pumpplan.errors import InputError, Phrase, reject_control_chars, shown
from pumpplan.inputs.dates import weekday_number
from pumpplan.inputs.spanish import weekday_word
from pumpplan.inputs.timeparse import localize
from pumpplan.inputs.zones import LAST_YEAR

if TYPE_CHECKING:
    from dateutil.rrule import rrule

# How far a repeat is searched: dateutil walks every day of it even when none matches (~0.4 s a
# year for 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'), so the search is bounded, not only the count,
# and check_rule() refuses first the rules that match nothing for that reason.
LONGEST_COURSE = timedelta(days=3653)
YEARS = Phrase("10 years")
TOO_OFTEN = ("SECONDLY", "MINUTELY", "HOURLY")
# How often a rule repeats, in the words a message says it: 'repeats hourly'.
HOW_OFTEN = {
    "SECONDLY": Phrase("secondly"),
    "MINUTELY": Phrase("minutely"),
    "HOURLY": Phrase("hourly"),
    "DAILY": Phrase("daily"),
    "WEEKLY": Phrase("weekly"),
}
# The weekdays as --every takes them, for a message that lists a course's days: 'mon,wed,fri'.
DAY_WORDS = (
    Phrase("mon"), Phrase("tue"), Phrase("wed"), Phrase("thu"), Phrase("fri"), Phrase("sat"), Phrase("sun"),
)  # fmt: skip
# Parts that pick times within a day or weeks of a year: no course of infusions needs them, and
# they multiply the search (BYHOUR x BYMINUTE x BYSECOND per day).
REFUSED_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND", "BYYEARDAY", "BYWEEKNO")
_PART = re.compile(r"([A-Z]+)=([^;]*)")


def weekdays(text: str) -> list[int]:
    """Parse 'mon,wed,fri' (or 'MO,WE,FR', full names) into weekday numbers, Monday = 0."""
    days = []
    for given in reject_control_chars(text, "--every").lower().replace(" ", "").split(","):
        word = weekday_word(given)  # 'lun,mié,vie' too: no Spanish weekday is an English one
        found = weekday_number(word, shortest=2)  # 'MO', as RRULE's BYDAY writes it
        if found is None:
            raise InputError(
                "--every {value}: {day} is not a weekday; write e.g. 'mon,wed,fri'",
                value=shown(text), day=shown(given),
            )  # fmt: skip
        days.append(found)
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
        names: str | Phrase = ""
        for number in days:
            word = DAY_WORDS[number]
            names = Phrase("{days},{day}", days=names, day=word) if names else word
        raise InputError(
            "the first infusion is on a {day:%A}, not one of {days}; start the series on one of them",
            day=local, days=names,
        )  # fmt: skip
    if until is not None and until < local.date():
        raise InputError(
            "--until {until:%a %b %-d %Y} is before the first infusion, {first:%a %b %-d %Y}; "
            "give the day of the last infusion",
            until=until, first=local,
        )  # fmt: skip
    end = datetime.combine(until, time.max) if until else None
    rule = rrule.rrule(
        rrule.WEEKLY, dtstart=local.replace(tzinfo=None), byweekday=days, count=count, until=end
    )
    return _localized(expand(rule, MOST_INFUSIONS, Phrase("the --every course")), zone)


def from_rrule(first: datetime, text: str, zone: ZoneInfo) -> list[datetime]:
    """Return the course an RFC 5545 RRULE describes, anchored at ``first``."""
    from dateutil import rrule

    rule_text = reject_control_chars(text, "--rrule").strip()
    if rule_text.upper().startswith("RRULE:"):
        rule_text = rule_text[len("RRULE:") :]
    if "DTSTART" in rule_text.upper():
        raise InputError("--rrule takes its start from the first time given; remove DTSTART")
    local = first.astimezone(zone).replace(tzinfo=None)
    check_rule(rule_text, f"--rrule {shown(text)}")
    try:
        rule = rrule.rrulestr(rule_text, dtstart=local)
    except (ValueError, TypeError, IndexError, KeyError):
        raise InputError(
            "--rrule {value} is not a recurrence rule; write e.g. 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6'",
            value=shown(text),
        ) from None
    if not isinstance(rule, rrule.rrule):
        raise InputError("--rrule {value} holds more than one rule; give one", value=shown(text))
    found = expand(rule, MOST_INFUSIONS, Phrase("the series"))
    if not found:
        raise InputError("the series has no infusions; check its days and its end")
    return _localized(found, zone)


def check_rule(text: str, what: str | Phrase) -> None:
    """Refuse, before any search, a rule whose expansion could take long or never match."""
    parts = dict(_PART.findall(text.upper()))
    freq = parts.get("FREQ")
    if freq in TOO_OFTEN:
        raise InputError(
            "{what} repeats {often}; infusions repeat DAILY, WEEKLY, MONTHLY or YEARLY",
            what=what, often=HOW_OFTEN[freq],
        )  # fmt: skip
    if "COUNT" in parts and "UNTIL" in parts:  # RFC 5545 forbids both; dateutil would drop COUNT
        raise InputError("{what} has both COUNT and UNTIL; keep one of them", what=what)
    refused = [part for part in REFUSED_PARTS if part in parts]
    if refused:
        raise InputError(
            "{what}: {part} is not used for infusions; repeat by day, week or month",
            what=what,
            part=refused[0],
        )
    interval = parts.get("INTERVAL", "1")
    if not interval.isascii() or not interval.isdigit() or not 1 <= int(interval) <= 1000:
        raise InputError(
            "{what}: INTERVAL={interval} must be a whole number from 1, e.g. INTERVAL=2",
            what=what, interval=interval,
        )  # fmt: skip
    if "BYMONTHDAY" in parts and not _some_day(parts["BYMONTHDAY"], parts.get("BYMONTH")):
        raise InputError(
            "{what} names no day that exists (BYMONTHDAY with BYMONTH); check the days", what=what
        )
    if "BYSETPOS" in parts and not _within_set(parts, freq):
        raise InputError("{what}: BYSETPOS picks more days than the rule gives; check it", what=what)


def _within_set(parts: dict[str, str], freq: str | None) -> bool:
    """Return whether every BYSETPOS falls within the days one period of the rule can give."""
    days = len(parts["BYDAY"].split(",")) if "BYDAY" in parts else 0
    monthdays = len(parts["BYMONTHDAY"].split(",")) if "BYMONTHDAY" in parts else 0
    size = {"DAILY": 1, "WEEKLY": days or 1, "MONTHLY": 5 * days + monthdays or 1}.get(freq or "", 366)
    try:
        return all(1 <= abs(int(n)) <= size for n in parts["BYSETPOS"].split(","))
    except ValueError:
        return True  # dateutil says what is wrong with the numbers


def _some_day(days: str, months: str | None) -> bool:
    """Return whether some BYMONTHDAY falls in some BYMONTH in a leap year (Feb 29 counts)."""
    try:
        wanted = [int(d) for d in days.split(",")]
        in_months = [int(m) for m in months.split(",")] if months else list(range(1, 13))
    except ValueError:
        return True  # dateutil says what is wrong with the numbers
    lengths = [calendar.monthrange(2028, m)[1] for m in in_months if 1 <= m <= 12]
    return any(1 <= abs(d) <= length for d in wanted for length in lengths)


def expand(rule: rrule, limit: int, what: Phrase, advice: Phrase | None = None) -> list[datetime]:
    """Return the wall-clock times of a rule (at most limit + 1), searched no further than LONGEST_COURSE."""
    start: datetime = rule._dtstart  # type: ignore[attr-defined]
    count: int | None = rule._count  # type: ignore[attr-defined]
    until: datetime | None = rule._until  # type: ignore[attr-defined]
    if count is None and until is None:
        raise InputError(
            "{what} repeats without end; {advice}",
            what=what, advice=advice or Phrase("end it with COUNT=6 or UNTIL=20261231"),
        )  # fmt: skip
    last = datetime(LAST_YEAR, 12, 31, 23, 59)  # noqa: DTZ001 - wall-clock, as dateutil expands
    horizon = min(start + LONGEST_COURSE, last) if start.year <= LAST_YEAR else start
    if until is not None and until.replace(tzinfo=None) <= horizon:
        horizon = until.replace(tzinfo=None)
    elif until is not None:
        raise InputError(
            "{what} runs more than {years}; {advice}",
            what=what,
            years=YEARS,
            advice=advice or Phrase("end it sooner"),
        )
    bounded = rule.replace(count=None, until=horizon.replace(tzinfo=until.tzinfo if until else None))
    found = list(islice(bounded, min(count or limit + 1, limit + 1)))
    if len(found) > limit or (count or 0) > limit:
        raise InputError(
            "{what} has more than {limit} infusions; {advice}",
            what=what, limit=limit, advice=advice or Phrase("end it sooner with a count or end date"),
        )  # fmt: skip
    if count is not None and len(found) < count:
        raise InputError(
            "{what} does not reach COUNT={count} within {years}; {advice}",
            what=what, count=count, years=YEARS, advice=advice or Phrase("end it sooner"),
        )  # fmt: skip
    return found


def _localized(occurrences: list[datetime], zone: ZoneInfo) -> list[datetime]:
    """Give each occurrence the plan's zone."""
    return [localize(moment, zone) for moment in occurrences]
