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

from pumpplan.core.limits import MOST_INFUSIONS
from pumpplan.core.model import Infusion
from pumpplan.errors import InputError, Phrase, shown
from pumpplan.files import read_regular
from pumpplan.inputs.timeparse import Reading, parse_duration, parse_time

MAX_BYTES = 5 * 1024 * 1024
CALENDAR_SUFFIXES = (".ics", ".ical", ".icalendar")
HEADER = Phrase("'start' or 'start,duration'")  # the table's first line


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
            "--from {file}: cannot tell the kind of file from its name; "
            "give a calendar file ending in .ics or a table ending in .csv",
            file=where,
        )
    text = _text(_load(path), where)
    if suffix == ".csv":
        if match is not None:
            raise InputError("--match picks calendar events by title; a .csv has no titles: leave it out")
        rows = _from_csv(text, where, zone=zone, duration=duration, now=now, dayfirst=dayfirst)
        _note(dayfirst, _read(len(rows), where))
        return rows
    from pumpplan.inputs.calendar_file import read_calendar  # imports icalendar: only when a calendar is read

    found = read_calendar(text, where, zone=zone, match=match, limit=MOST_INFUSIONS)
    titles = Counter(o.title for o in found)
    if len(titles) > 1 and match is None:
        listed = ", ".join(f"{shown(t, 30)} ({n})" for t, n in titles.most_common(6))
        raise InputError(
            "{file} holds appointments with {count} different titles: {titles}; only infusions "
            "belong in the plan: pick them by title, e.g. --match {likely}",
            file=where, count=len(titles), titles=listed, likely=shown(_likely(titles), 30),
        )  # fmt: skip
    named = ", ".join(shown(t, 30) for t in titles)
    _note(dayfirst, _read(len(found), where, named))
    return [Infusion(o.start, o.length or duration) for o in found]


def _likely(titles: Counter[str]) -> str:
    """Return the title that most likely names the infusions, for the suggested --match."""
    for word in ("ketamine", "infusion", "spravato"):
        for title in titles:
            if word in title.casefold():
                return title
    return titles.most_common(1)[0][0]


def _read(count: int, where: str, titles: str | None = None) -> Phrase:
    """Return what was read: "read 6 infusions titled 'Ketamine' from 'plan.ics'".

    One or many, as English and Spanish count.
    """
    if titles is None and count == 1:
        return Phrase("read 1 infusion from {file}", file=where)
    if titles is None:
        return Phrase("read {count} infusions from {file}", count=count, file=where)
    if count == 1:
        return Phrase("read 1 infusion titled {titles} from {file}", titles=titles, file=where)
    return Phrase(
        "read {count} infusions titled {titles} from {file}", count=count, titles=titles, file=where
    )


def _note(reading: bool | Reading, text: Phrase) -> None:
    """Say what was read, where the caller keeps the notes."""
    if isinstance(reading, Reading):
        reading.note(text)


def _load(path: Path) -> bytes:
    """Return the file's bytes, refusing a missing, unreadable or oversized file."""
    where = shown(str(path), limit=200)
    data = read_regular(path, MAX_BYTES, f"--from {where}")
    if len(data) > MAX_BYTES:
        raise InputError(
            "{file} is larger than {size} MB; a file of appointments is far smaller. "
            "Export only the clinic's calendar, or a few months of it",
            file=where, size=MAX_BYTES // 2**20,
        )  # fmt: skip
    return data


def _text(data: bytes, where: str) -> str:
    """Decode a text file: UTF-8, or UTF-16 with its byte-order mark as Windows saves it; not binary."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\0" in data:
        raise InputError("{file} is not a text file; give the .ics or .csv file itself", file=where)
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
            line = Phrase("{file} line {number}", file=where, number=reader.line_num)
            infusions.append(_row(row, columns, start, duration, line))
            if len(infusions) > MOST_INFUSIONS:
                raise InputError(
                    "{file} lists more than {most} appointments; split it up",
                    file=where,
                    most=MOST_INFUSIONS,
                )
    except csv.Error as error:
        raise InputError(
            "{file} line {number}: not a readable CSV row ({reason})",
            file=where, number=reader.line_num, reason=str(error),
        ) from None  # fmt: skip
    if not infusions:
        raise InputError(
            "{file} lists no appointments; add one row per infusion under the header", file=where
        )
    return infusions


def _header(row: list[str], where: str) -> list[str]:
    """Return the table's column names, checked."""
    columns = [cell.strip().lower() for cell in row]
    unknown = [c for c in columns if c not in ("start", "duration")]
    if "start" not in columns or unknown or len(set(columns)) != len(columns):
        found = shown(",".join(row)) if row else Phrase("nothing")
        raise InputError(
            "{file} line 1 must be the header {header}, found {found}", file=where, header=HEADER, found=found
        )
    return columns


def _row(
    row: list[str], columns: list[str], start: Callable[[str], datetime], duration: timedelta, where: Phrase
) -> Infusion:
    """Return the infusion one row of the table gives."""
    if len(row) > len(columns):
        raise InputError(
            "{line}: {value} has more cells than the header {header}",
            line=where, value=shown(",".join(row)), header=HEADER,
        )  # fmt: skip
    cells = {name: cell.strip() for name, cell in zip(columns, row, strict=False)}
    try:
        if not cells.get("start"):
            raise InputError("the start is empty; write e.g. '2026-12-07 10:00'")
        moment = start(cells["start"])
        if cells.get("duration"):
            length = parse_duration(cells["duration"], Phrase("the duration"))
        else:
            length = duration
    except InputError as error:
        raise InputError("{line}: {reason}", line=where, reason=error) from None
    return Infusion(moment, length)
