"""Turn the user's text into aware datetimes, durations and zones."""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pumpplan.core.model import QuietHours
from pumpplan.errors import InputError, Phrase, reject_control_chars, shown
from pumpplan.inputs.dates import WEEKDAYS, Reading, day_word, nearest, note_order, numeric_date, time_words
from pumpplan.inputs.spanish import her_word, in_english

__all__ = ["WEEKDAYS", "Reading"]
LONGEST = timedelta(days=30)
THE_TIME = Phrase("the time")  # what a typed start time is called in a message
_DURATION = re.compile(r"(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m(?:in)?)?", re.ASCII)
_CLOCK = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})")
# A time of day as people write it for quiet hours: '23:00', '11pm', '6:30am', 'midnight'.
_HOUR = re.compile(r"\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?", re.IGNORECASE)
# Two defaults that differ in every field tell which fields the text really gave; leap years, for Feb 29.
# A date and time as ISO 8601 writes them, no seconds, no offset: what scripts and the README write.
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", re.ASCII)
_DEFAULTS = (datetime(2000, 1, 1, 0, 0), datetime(2004, 2, 2, 1, 1))  # noqa: DTZ001


def parse_duration(text: str, option: str | Phrase, bare: str = "minutes") -> timedelta:
    """Parse '40m', '1h30m', '2d' or a bare number in ``bare`` units into a positive span."""
    compact = reject_control_chars(text, option).strip().lower().replace(" ", "")
    example = Phrase("'48' or '2d'") if bare == "hours" else Phrase("'40m', '1h30m' or '90'")
    given = {"option": option, "value": shown(text), "example": example}
    if compact.startswith("-") or compact in {"0", "+0"}:
        raise InputError("{option} {value} must be more than zero, e.g. {example}", **given)
    match = _DURATION.fullmatch(compact)
    try:
        if compact.lstrip("+").isdigit() and compact.isascii():
            span = timedelta(**{bare: int(compact)})
        elif compact and match:
            parts = {k: int(v) for k, v in match.groupdict(default="0").items()}
            span = timedelta(days=parts["d"], hours=parts["h"], minutes=parts["m"])
        else:
            raise InputError("{option} {value} is not a length of time; write e.g. {example}", **given)
    except OverflowError:  # more days than timedelta holds
        span = LONGEST + LONGEST
    if span <= timedelta():
        raise InputError("{option} {value} must be more than zero, e.g. {example}", **given)
    if span > LONGEST:
        raise InputError("{option} {value} is longer than 30 days; check the value", **given)
    return span


def parse_quiet(text: str, option: str | Phrase = "--quiet") -> QuietHours:
    """Parse quiet hours written as '23:00-06:00' or '11pm-6am'."""
    parts = time_words(reject_control_chars(text, option)).replace(" ", "").split("-")
    given = {"option": option, "value": shown(text)}
    if len(parts) != 2 or not all(_CLOCK.fullmatch(p) or _HOUR.fullmatch(p) for p in parts):
        raise InputError(
            "{option} {value} is not a span of hours; write e.g. '23:00-06:00' or '11pm-6am'", **given
        )
    try:
        start, end = (_clock_time(part) for part in parts)
    except ValueError:
        raise InputError("{option} {value} has an impossible time; use 00:00 to 23:59", **given) from None
    if start == end:
        raise InputError(
            "{option} {value} starts and ends together; write e.g. '23:00-06:00' or '11pm-6am'", **given
        )
    return QuietHours(start, end)


def _clock_time(text: str) -> time:
    """Return the time of day '23:00' or '11pm' names (ValueError if none)."""
    clock = _CLOCK.fullmatch(text)
    if clock:
        return time(int(clock["h"]), int(clock["m"]))
    from dateutil import parser

    return parser.parse(text, default=_DEFAULTS[0]).time()


def parse_times(
    texts: Sequence[str], zone: ZoneInfo, now: datetime, *, dayfirst: bool | Reading = False
) -> list[datetime]:
    """Parse start times; a day word and a bare time as two words ('tomorrow' '9:30') are one time."""
    reading = _reading(dayfirst)
    times: list[datetime] = []
    index = 0
    while index < len(texts):
        text = reject_control_chars(texts[index], THE_TIME)
        following = texts[index + 1] if index + 1 < len(texts) else None
        if following is not None and _is_bare_time(following) != _is_bare_time(text):
            day_part = text if _is_bare_time(following) else following
            if not _has_time(day_part, reading):
                text, index = f"{text} {reject_control_chars(following, THE_TIME)}", index + 1
        times.append(parse_time(text, zone, now, dayfirst=reading))
        index += 1
    return times


def _reading(dayfirst: bool | Reading) -> Reading:
    """Return how to read numeric dates: --dayfirst as a flag, or a whole reading."""
    return dayfirst if isinstance(dayfirst, Reading) else Reading(dayfirst=dayfirst)


def _is_bare_time(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}(:\d{2})?\s*([ap]\.?m\.?)?", time_words(text).strip(), re.IGNORECASE))


def _has_time(text: str, reading: Reading) -> bool:
    try:
        first, second = _parse_twice(text, reading)
    except InputError:
        return False
    return first.hour == second.hour


def parse_time(text: str, zone: ZoneInfo, now: datetime, *, dayfirst: bool | Reading = False) -> datetime:
    """Parse one start time ('Dec 7 10am', 'mon 9:30', '10am next monday', ISO with offset)."""
    reading = _reading(dayfirst)
    # Read in English words; a message shows her own words, never the ones they were read as.
    english = in_english(text) if reading.spanish else text
    today = now.astimezone(zone).date()
    named = day_word(english.split(), today)
    if named is not None:
        return _on_day(text, english, named, zone, reading, today)
    first, second = _parse_twice(english, reading, text)
    if first.hour != second.hour:
        raise InputError(
            "{value} has no time of day; add one, e.g. '{text} 10:00'", value=shown(text), text=text
        )
    if (first.month, first.day) != (second.month, second.day):
        raise InputError(
            "{value} has no date; write e.g. 'tomorrow {text}', 'mon {text}' or 'Dec 7 {text}'",
            value=shown(text), text=text,
        )  # fmt: skip
    if first.tzinfo is not None:
        return first
    if first.year != second.year:
        first = datetime.combine(_nearest(text, first, today), first.time())
    return localize(first, zone)


def _nearest(text: str, moment: datetime, today: date) -> date:
    """Return the date without a year nearest to today, or say to add the year."""
    found = nearest(moment.month, moment.day, today)
    if found is None:  # Feb 29 with no leap year near
        raise InputError("{value} is not a date within half a year of today; add the year", value=shown(text))
    return found


def _on_day(
    text: str, english: str, named: tuple[date, str, list[str]], zone: ZoneInfo, reading: Reading, today: date
) -> datetime:
    """Place a time written with a day word ('tomorrow 9:30', '10am monday') on that day."""
    day, word, others = named
    rest = " ".join(others)
    said = rest if text == english else text  # in Spanish, the rest's words are not hers
    if not rest:
        raise InputError(
            "{value} has no time of day; add one, e.g. '{text} 10:00'", value=shown(text), text=text
        )
    first, second = _parse_twice(rest, reading, said)
    if first.hour != second.hour or first.tzinfo is not None:
        raise InputError(
            "{value} is not a day and a time; write e.g. '{word} 10:00'",
            value=shown(text), word=word if text == english else her_word(text, word),
        )  # fmt: skip
    whole = (first.month, first.day) == (second.month, second.day)
    if not whole and (first.year == second.year or first.month == second.month or first.day == second.day):
        # 'tue 8 10:00', 'tomorrow 2027 10:00': the 8 or the year would otherwise be dropped unsaid.
        raise InputError(
            "{value} names a day and part of a date; "
            "keep the day, or write the whole date, e.g. 'Dec 8 10:00'",
            value=shown(text),
        )
    if whole:
        dated = first.date() if first.year == second.year else _nearest(said, first, today)
        if word in ("today", "tomorrow", "yesterday") or dated.weekday() != day.weekday():
            raise InputError("{value} names two different days; keep one of them", value=shown(text))
        day = dated
    return localize(datetime.combine(day, first.time()), zone)


def _parse_twice(text: str, reading: Reading, said: str | None = None) -> tuple[datetime, datetime]:
    """Parse with two different defaults, so fields the text lacks can be told apart.

    ``said`` is the text as she typed it, for the message, when ``text`` is its English reading.
    """
    if _ISO.fullmatch(text):  # '2026-12-07 10:00' has every field: no dateutil (7 ms to import)
        with contextlib.suppress(ValueError):  # '2026-02-30 10:00': dateutil says why
            moment = datetime.fromisoformat(text)
            return moment, moment
    from dateutil import parser  # slow to import; only needed when there is a time to read

    numeric = numeric_date(text)
    # Only a date in digits asks whether the day comes first, and only then the locale.
    dayfirst, why = reading.order() if numeric else (False, "")
    words = time_words(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = (
                parser.parse(words, default=_DEFAULTS[0], dayfirst=dayfirst),
                parser.parse(words, default=_DEFAULTS[1], dayfirst=dayfirst),
            )
    except (ValueError, ArithmeticError, parser.UnknownTimezoneWarning):  # decimal errors too
        raise InputError(
            "cannot read {value} as a date and time; write e.g. '2026-12-07 10:00' or 'mon 9:30'",
            value=shown(said if said is not None else text),
        ) from None
    if numeric:
        note_order(numeric, reading, dayfirst, why)
    return parsed


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
            "{time} does not exist in {zone}: the clocks skip that hour; "
            "give the time with its UTC offset, e.g. '{example}'",
            time=wall, zone=zone.key, example=moved.isoformat(timespec="minutes"),
        )  # fmt: skip
    raise InputError(
        "{time} happens twice in {zone}: the clocks go back; add its UTC offset, "
        "'{first}' (the first) or '{second}' (the second)",
        time=wall, zone=zone.key,
        first=earlier.isoformat(timespec="minutes"), second=later.isoformat(timespec="minutes"),
    )  # fmt: skip


def parse_date(text: str, option: str, today: date, *, dayfirst: bool | Reading = False) -> date:
    """Parse a calendar date: '2026-12-31', 'Dec 31' (the nearest one), 'today', 'fri', 'last fri'.

    In Spanish, '31 dic', 'hoy', 'viernes' too.
    """
    reading = _reading(dayfirst)
    reject_control_chars(text, option)
    english = in_english(text) if reading.spanish else text  # '31 dic', 'viernes': as in parse_time
    named = day_word(english.split(), today)
    if named is not None and not named[2]:
        return named[0]
    try:
        first, second = _parse_twice(english, reading)
    except InputError:
        raise InputError(
            "{option} {value} is not a date; write e.g. '2026-12-31'", option=option, value=shown(text)
        ) from None
    if (first.month, first.day) != (second.month, second.day):
        raise InputError(
            "{option} {value} is not a date; write e.g. '2026-12-31'", option=option, value=shown(text)
        )
    if first.year != second.year:
        return _nearest(f"{option} {text}", first, today)
    return first.date()
