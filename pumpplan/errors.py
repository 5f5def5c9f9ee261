"""Errors whose messages are written for the patient or the nurse."""

import unicodedata

INPUT = 2
IO = 1


class PumpplanError(Exception):
    """A problem the user can fix; its message says what and how."""

    exit_code = INPUT


class InputError(PumpplanError):
    """A value on the command line or in a file cannot be used."""


class ScheduleError(InputError):
    """The appointments cannot form a plan (duplicates, overlaps)."""


class ReadError(PumpplanError):
    """A file cannot be read."""

    exit_code = IO


class OutputError(PumpplanError):
    """A file cannot be written."""

    exit_code = IO


def shown(value: str, limit: int = 60) -> str:
    """Quote a user value for an error message, control characters escaped."""
    text = "".join(
        ch if unicodedata.category(ch)[0] != "C" else ch.encode("unicode_escape").decode() for ch in value
    )
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def reject_control_chars(value: str, what: str) -> str:
    """Return value, or raise if it holds control characters."""
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise InputError(f"{what} {shown(value)} contains a control character; type it without one")
    return value
