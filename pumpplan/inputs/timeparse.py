"""Turn the user's text into aware datetimes, durations and zones."""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pumpplan.core.model import QuietHours
from pumpplan.errors import InputError, reject_control_chars, shown

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
LONGEST = timedelta(days=30)
_DURATION = re.compile(r"(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m(?:in)?)?", re.ASCII)
_CLOCK = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})")
_ISO_DATE = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}")
_RELATIVE = re.compile(r"(?P<word>[a-z]+)\.?,?(?:\s+(?P<rest>.*))?", re.IGNORECASE)
# Two defaults that differ in every field tell which fields the text really gave.
_DEFAULTS = (datetime(2000, 1, 1, 0, 0), datetime(2001, 2, 2, 1, 1))  # noqa: DTZ001


def parse_duration(text: str, option: str, bare: str = "minutes") -> timedelta:
    """Parse '40m', '1h30m', '2d' or a bare number in ``bare`` units into a positive span."""
    compact = reject_control_chars(text, option).strip().lower().replace(" ", "")
    example = "'48' or '2d'" if bare == "hours" else "'40m', '1h30m' or '90'"
    if compact.startswith("-") or compact in {"0", "+0"}:
        raise InputError(f"{option} {shown(text)} must be more than zero, e.g. {example}")
    match = _DURATION.fullmatch(compact)
    try:
        if compact.lstrip("+").isdigit() and compact.isascii():
            span = timedelta(**{bare: int(compact)})
        elif compact and match:
            parts = {k: int(v) for k, v in match.groupdict(default="0").items()}
            span = timedelta(days=parts["d"], hours=parts["h"], minutes=parts["m"])
        else:
            raise InputError(f"{option} {shown(text)} is not a length of time; write e.g. {example}")
    except OverflowError:  # more days than timedelta holds
        span = LONGEST + LONGEST
    if span <= timedelta():
        raise InputError(f"{option} {shown(text)} must be more than zero, e.g. {example}")
    if span > LONGEST:
        raise InputError(f"{option} {shown(text)} is longer than 30 days; check the value")
    return span


def parse_quiet(text: str, option: str = "--quiet") -> QuietHours:
    """Parse quiet hours written as '23:00-06:00'."""
    parts = reject_control_chars(text, option).replace(" ", "").split("-")
    clocks = [_CLOCK.fullmatch(part) for part in parts]
    if len(parts) != 2 or not all(clocks):
        raise InputError(f"{option} {shown(text)} is not a span of hours; write e.g. '23:00-06:00'")
    try:
        start, end = (time(int(c["h"]), int(c["m"])) for c in clocks if c)
    except ValueError:
        raise InputError(f"{option} {shown(text)} has an impossible time; use 00:00 to 23:59") from None
    if start == end:
        raise InputError(f"{option} {shown(text)} starts and ends together; write e.g. '23:00-06:00'")
    return QuietHours(start, end)


def parse_times(
    texts: Sequence[str], zone: ZoneInfo, now: datetime, *, dayfirst: bool = False
) -> list[datetime]:
    """Parse start times; a date word followed by a bare time ('tomorrow' '9:30') is one time."""
    times: list[datetime] = []
    index = 0
    while index < len(texts):
        text = reject_control_chars(texts[index], "the time")
        following = texts[index + 1] if index + 1 < len(texts) else None
        if following is not None and _is_bare_time(following) and not _is_bare_time(text):
            joined = f"{text} {reject_control_chars(following, 'the time')}"
            if not _has_time(text, dayfirst):
                text, index = joined, index + 1
        times.append(parse_time(text, zone, now, dayfirst=dayfirst))
        index += 1
    return times


def _is_bare_time(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}(:\d{2})?\s*([ap]\.?m\.?)?", text.strip(), re.IGNORECASE))


def _has_time(text: str, dayfirst: bool) -> bool:
    try:
        first, second = _parse_twice(text, dayfirst)
    except InputError:
        return False
    return first.hour == second.hour


def parse_time(text: str, zone: ZoneInfo, now: datetime, *, dayfirst: bool = False) -> datetime:
    """Parse one start time ('Dec 7 10am', 'mon 9:30', 'tomorrow 8:00', ISO with offset)."""
    today = now.astimezone(zone).date()
    relative = _RELATIVE.fullmatch(text.strip())
    word = relative["word"].lower() if relative else ""
    day = _relative_day(word, today)
    if relative and day is not None:
        rest = relative["rest"] or ""
        return _on_day(text, rest, day, word, zone, dayfirst)
    first, second = _parse_twice(text, dayfirst)
    if first.hour != second.hour:
        raise InputError(f"{shown(text)} has no time of day; add one, e.g. '{text} 10:00'")
    if (first.month, first.day) != (second.month, second.day):
        raise InputError(
            f"{shown(text)} has no date; write e.g. 'tomorrow {text}', 'mon {text}' or 'Dec 7 {text}'"
        )
    if first.tzinfo is not None:
        return first
    if first.year != second.year:
        first = first.replace(year=today.year)
        if first.date() < today:
            first = _next_year(text, first)
    return localize(first, zone)


def _next_year(text: str, moment: datetime) -> datetime:
    try:
        return moment.replace(year=moment.year + 1)
    except ValueError:  # Feb 29
        raise InputError(f"{shown(text)} is not a date next year; add the year") from None


def _relative_day(word: str, today: date) -> date | None:
    """Return the date a leading word names: today, tomorrow, or the next such weekday."""
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    matches = [i for i, name in enumerate(WEEKDAYS) if len(word) >= 3 and name.startswith(word)]
    if len(matches) != 1:
        return None
    ahead = (matches[0] - today.weekday() - 1) % 7 + 1
    return today + timedelta(days=ahead)


def _on_day(text: str, rest: str, day: date, word: str, zone: ZoneInfo, dayfirst: bool) -> datetime:
    """Place a time written after a relative day word on that day."""
    if not rest:
        raise InputError(f"{shown(text)} has no time of day; add one, e.g. '{text} 10:00'")
    first, second = _parse_twice(rest, dayfirst)
    if first.hour != second.hour or first.tzinfo is not None:
        raise InputError(f"{shown(text)} is not a day and a time; write e.g. '{word} 10:00'")
    if (first.month, first.day) == (second.month, second.day):
        dated = first if first.year == second.year else first.replace(year=day.year)
        if word in ("today", "tomorrow") or dated.weekday() != WEEKDAYS.index(_full(word)):
            raise InputError(f"{shown(text)} names two different days; keep one of them")
        return localize(dated, zone)
    return localize(datetime.combine(day, first.time()), zone)


def _full(word: str) -> str:
    return next(name for name in WEEKDAYS if name.startswith(word))


def _parse_twice(text: str, dayfirst: bool) -> tuple[datetime, datetime]:
    """Parse with two different defaults, so fields the text lacks can be told apart."""
    from dateutil import parser  # slow to import; only needed when there is a time to read

    # dateutil would read ISO '2026-12-07' as 12 July under dayfirst; ISO is never day-first.
    dayfirst = dayfirst and not _ISO_DATE.match(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return (
                parser.parse(text, default=_DEFAULTS[0], dayfirst=dayfirst),
                parser.parse(text, default=_DEFAULTS[1], dayfirst=dayfirst),
            )
    except (ValueError, ArithmeticError, parser.UnknownTimezoneWarning):  # decimal errors too
        raise InputError(
            f"cannot read {shown(text)} as a date and time; write e.g. '2026-12-07 10:00' or 'mon 9:30'"
        ) from None


def localize(naive: datetime, zone: ZoneInfo) -> datetime:
    """Attach a zone to a wall-clock time, refusing times a DST change skips or repeats."""
    naive = naive.replace(second=0, microsecond=0)
    earlier, later = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if earlier.utcoffset() == later.utcoffset():
        return earlier
    wall = f"{naive:%Y-%m-%d %H:%M}"
    if earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        moved = earlier.astimezone(UTC).astimezone(zone)
        raise InputError(
            f"{wall} does not exist in {zone.key}: the clocks skip that hour; "
            f"give the time with its UTC offset, e.g. '{moved.isoformat(timespec='minutes')}'"
        )
    raise InputError(
        f"{wall} happens twice in {zone.key}: the clocks go back; add its UTC offset, "
        f"'{earlier.isoformat(timespec='minutes')}' (the first) "
        f"or '{later.isoformat(timespec='minutes')}' (the second)"
    )


def parse_date(text: str, option: str, today: date, *, dayfirst: bool = False) -> date:
    """Parse a calendar date: '2026-12-31', 'Dec 31' (the next one on or after today), 'today', 'fri'."""
    named = _relative_day(reject_control_chars(text, option).strip().lower(), today)
    if named is not None:
        return named
    try:
        first, second = _parse_twice(text, dayfirst)
    except InputError:
        raise InputError(f"{option} {shown(text)} is not a date; write e.g. '2026-12-31'") from None
    if (first.month, first.day) != (second.month, second.day):
        raise InputError(f"{option} {shown(text)} is not a date; write e.g. '2026-12-31'")
    if first.year != second.year:
        first = first.replace(year=today.year)
        if first.date() < today:
            first = _next_year(text, first)
    return first.date()
