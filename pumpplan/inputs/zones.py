"""Time zones from what the user typed or the system says, and the range of times a plan may use."""

from __future__ import annotations

import contextlib
import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pumpplan.errors import InputError, Phrase, either, reject_control_chars, shown

# IANA names are short ASCII words and slashes ('America/Argentina/Buenos_Aires', 'Etc/GMT+5').
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+){0,3}")
LONGEST_ZONE_NAME = 64
# The years a plan may fall in: far enough for any course, and the zone rules and the calendar
# arithmetic (48 h past 9999-12-31 is no date) hold throughout.
FIRST_YEAR, LAST_YEAR = 1900, 2200
LONGEST_OFFSET = timedelta(hours=18)  # what ISO 8601 and RFC 5545 allow; real ones are -12 to +14


def load_zone(name: str | None) -> ZoneInfo:
    """Return the named IANA zone (any case), or the system's when no name is given."""
    option = "--tz"
    if name is None:
        name, option = system_zone_name(), "TZ"
        if name is None:
            raise InputError("cannot tell this computer's time zone; give one, e.g. --tz America/Chicago")
    reject_control_chars(name, option)
    found = _zone(name)
    if found is None:
        _unknown_zone(name, option)
    return found


def _zone(name: str) -> ZoneInfo | None:
    """Return the zone of that name, checked before the zone database is touched; None if none."""
    if len(name) > LONGEST_ZONE_NAME or not _ZONE_NAME.fullmatch(name) or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of zones such as 'America'
        pass
    same = [zone for zone in _zone_names() if zone.lower() == name.lower()]
    return ZoneInfo(same[0]) if len(same) == 1 else None


def _zone_names() -> set[str]:
    """Return every IANA name the zone database holds (read only when a name is not found as typed)."""
    import zoneinfo

    return zoneinfo.available_timezones()


def _unknown_zone(name: str, option: str) -> NoReturn:
    """Refuse a zone that is not one, naming the closest IANA names."""
    import difflib

    names = {zone.lower(): zone for zone in _zone_names()}
    close = difflib.get_close_matches(name.lower()[:LONGEST_ZONE_NAME], names, n=3, cutoff=0.5)
    if not close:  # 'Pacific', 'America': a region's zones start with its name
        close = sorted(z for z in names if z.startswith(name.lower().rstrip("/") + "/"))[:3]
    hint = either([f"'{names[z]}'" for z in close] or ["'America/Los_Angeles'"])
    if option == "TZ":
        raise InputError(
            "the TZ setting {value} is not an IANA time zone name; "
            "give the zone with --tz, e.g. --tz America/Chicago, or set TZ to such a name",
            value=shown(name),
        )
    raise InputError(
        "unknown time zone {value}; use an IANA name such as {names}", value=shown(name), names=hint
    )


def system_zone_name() -> str | None:
    """Return the system zone's IANA name from TZ (kept even if unusable), /etc/localtime or /etc/timezone."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:  # set: it is what every other program uses, so it must not be passed over silently
        return tz.rpartition("zoneinfo/")[2] if "zoneinfo/" in tz else tz
    candidates = []
    with contextlib.suppress(OSError, RuntimeError):  # RuntimeError: a symlink loop
        localtime = Path("/etc/localtime")
        if localtime.is_symlink():
            candidates.append(str(localtime.resolve()).partition("zoneinfo/")[2])
    with contextlib.suppress(OSError):
        timezone_file = Path("/etc/timezone")
        if timezone_file.is_file():
            candidates.append(timezone_file.read_text(encoding="utf-8", errors="replace").strip())
    for candidate in candidates:
        if candidate and _zone(candidate) is not None:
            return candidate
    return None


def check_moment(moment: datetime, what: str | Phrase) -> datetime:
    """Return a parsed time, refusing a year outside 1900-2200 or a UTC offset of 18 hours or more."""
    given = {"what": what, "time": f"{moment.year:04d}-{moment:%m-%d %H:%M}"}
    # Asked of the zone itself: datetime.utcoffset() raises on 24 h or more instead of saying it.
    offset = moment.tzinfo.utcoffset(moment) if moment.tzinfo is not None else None
    if offset is not None and abs(offset) >= LONGEST_OFFSET:
        raise InputError(
            "{what} {time} has the UTC offset {offset}; offsets run from -12:00 to +14:00",
            **given, offset=offset_text(offset),
        )  # fmt: skip
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise InputError(
            "{what} {time} is in the year {year}; pumpplan plans between {first} and {last}",
            **given, year=moment.year, first=FIRST_YEAR, last=LAST_YEAR,
        )  # fmt: skip
    return moment


def offset_text(offset: timedelta) -> str:
    """Return a UTC offset as '+25:00' or '-03:30'."""
    sign = "-" if offset < timedelta() else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
