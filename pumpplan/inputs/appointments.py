"""Infusion appointments read from a file: a calendar (.ics) or a table (.csv)."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pumpplan.core.model import Infusion
from pumpplan.errors import InputError, shown
from pumpplan.files import read_regular
from pumpplan.inputs.timeparse import Reading, parse_duration, parse_time

MAX_BYTES = 5 * 1024 * 1024
MAX_APPOINTMENTS = 5000
CALENDAR_SUFFIXES = (".ics", ".ical", ".icalendar")
CSV_HEADER = "'start' or 'start,duration'"


def read_appointments(
    path: Path,
    *,
    zone: ZoneInfo,
    match: str | None,
    duration: timedelta,
    now: datetime,
    dayfirst: bool | Reading = False,
) -> list[Infusion]:
    """Return the infusions a .ics or .csv file lists, each ``duration`` long unless it says.

    A calendar's events must share one title (or be picked with ``match``): a calendar also holds
    other appointments, which are not infusions. What was read is noted in a ``Reading``.

    Raises:
        InputError: the file is missing, too large, or holds no usable appointments.
        ReadError: the file cannot be read (permissions, a disk error).
    """
    where = shown(path.name)
    suffix = path.suffix.lower()
    if suffix not in (*CALENDAR_SUFFIXES, ".csv"):
        raise InputError(
            f"--from {where}: cannot tell the kind of file from its name; "
            "give a calendar file ending in .ics or a table ending in .csv"
        )
    text = _text(_load(path), where)
    if suffix == ".csv":
        if match is not None:
            raise InputError("--match picks calendar events by title; a .csv has no titles: leave it out")
        rows = _from_csv(text, where, zone=zone, duration=duration, now=now, dayfirst=dayfirst)
        _note(dayfirst, f"read {_infusions(len(rows))} from {where}")
        return rows
    from pumpplan.inputs.calendar_file import read_calendar  # imports icalendar: only when a calendar is read

    found = read_calendar(text, where, zone=zone, match=match, limit=MAX_APPOINTMENTS)
    titles = Counter(o.title for o in found)
    if len(titles) > 1 and match is None:
        listed = ", ".join(f"{shown(t, 30)} ({n})" for t, n in titles.most_common(6))
        likely = _likely(titles)
        raise InputError(
            f"{where} holds appointments with {len(titles)} different titles: {listed}; only infusions "
            f"belong in the plan: pick them by title, e.g. --match {shown(likely, 30)}"
        )
    named = ", ".join(shown(t, 30) for t in titles)
    _note(dayfirst, f"read {_infusions(len(found))} titled {named} from {where}")
    return [Infusion(o.start, o.length or duration) for o in found]


def _likely(titles: Counter[str]) -> str:
    """Return the title that most likely names the infusions, for the suggested --match."""
    for word in ("ketamine", "infusion", "spravato"):
        for title in titles:
            if word in title.casefold():
                return title
    return titles.most_common(1)[0][0]


def _infusions(count: int) -> str:
    return f"{count} infusion" if count == 1 else f"{count} infusions"


def _note(reading: bool | Reading, text: str) -> None:
    """Say what was read, where the caller keeps the notes."""
    if isinstance(reading, Reading):
        reading.note(text)


def _load(path: Path) -> bytes:
    """Return the file's bytes, refusing a missing, unreadable or oversized file."""
    where = shown(str(path), limit=200)
    data = read_regular(path, MAX_BYTES, f"--from {where}")
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{where} is larger than {MAX_BYTES // 2**20} MB; a file of appointments is far smaller: "
            "export only the clinic's calendar or a few months of it"
        )
    return data


def _text(data: bytes, where: str) -> str:
    """Decode a text file: UTF-8, or UTF-16 with its byte-order mark as Windows saves it; not binary."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\0" in data:
        raise InputError(f"{where} is not a text file; give the .ics or .csv file itself")
    return data.decode("utf-8-sig", errors="replace")


def _from_csv(
    text: str, where: str, *, zone: ZoneInfo, duration: timedelta, now: datetime, dayfirst: bool | Reading
) -> list[Infusion]:
    """Return the infusions of a table whose header is 'start' or 'start,duration'."""
    reader = csv.reader(io.StringIO(text))
    columns = _header(next(reader, []), where)
    infusions: list[Infusion] = []

    def start(text: str) -> datetime:
        return parse_time(text, zone, now, dayfirst=dayfirst)

    try:
        for row in reader:
            if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                continue
            infusions.append(_row(row, columns, start, duration, f"{where} line {reader.line_num}"))
            if len(infusions) > MAX_APPOINTMENTS:
                raise InputError(f"{where} lists more than {MAX_APPOINTMENTS} appointments; split it up")
    except csv.Error as error:
        raise InputError(f"{where} line {reader.line_num}: not a readable CSV row ({error})") from None
    if not infusions:
        raise InputError(f"{where} lists no appointments; add one row per infusion under the header")
    return infusions


def _header(row: list[str], where: str) -> list[str]:
    """Return the table's column names, checked."""
    columns = [cell.strip().lower() for cell in row]
    unknown = [c for c in columns if c not in ("start", "duration")]
    if "start" not in columns or unknown or len(set(columns)) != len(columns):
        found = shown(",".join(row)) if row else "nothing"
        raise InputError(f"{where} line 1 must be the header {CSV_HEADER}, found {found}")
    return columns


def _row(
    row: list[str], columns: list[str], start: Callable[[str], datetime], duration: timedelta, where: str
) -> Infusion:
    """Return the infusion one row of the table gives."""
    if len(row) > len(columns):
        raise InputError(f"{where}: {shown(','.join(row))} has more cells than the header {CSV_HEADER}")
    cells = {name: cell.strip() for name, cell in zip(columns, row, strict=False)}
    try:
        if not cells.get("start"):
            raise InputError("the start is empty; write e.g. '2026-12-07 10:00'")
        moment = start(cells["start"])
        length = parse_duration(cells["duration"], "the duration") if cells.get("duration") else duration
    except InputError as error:
        raise InputError(f"{where}: {error}") from None
    return Infusion(moment, length)
