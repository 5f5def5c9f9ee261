"""Errors whose messages are written for the patient or the nurse."""

import unicodedata

INPUT = 2
IO = 1
# Characters that change what a person sees rather than show themselves: controls (Cc), format
# characters such as bidi overrides and zero-width spaces (Cf), line and paragraph separators,
# private-use, unassigned and lone surrogates (what undecodable arguments become).
HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs"})
# The zero-width joiner builds emoji and is needed in some scripts' names: allowed in text.
JOINER = "\u200d"


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


def hidden(ch: str) -> bool:
    """Return whether a character would act on the terminal or the text instead of showing."""
    return unicodedata.category(ch) in HIDDEN


def visible(text: str) -> str:
    """Return text with every hidden character written as its escape, e.g. '\\x1b' or '\\u202e'."""
    return "".join(_escape(ch) if hidden(ch) else ch for ch in text)


def _escape(ch: str) -> str:
    """Return a character as Python writes it escaped: '\\x1b', '\\u202e', '\\udcff'."""
    return ch.encode("unicode_escape").decode("ascii")


def shown(value: str, limit: int = 60) -> str:
    """Quote outside text (a value, a path, a file's words) for a message, hidden characters escaped."""
    text = visible(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def reject_control_chars(value: str, what: str) -> str:
    """Return value, or raise if it holds a control, bidi or invisible character."""
    bad = next((ch for ch in value if hidden(ch) and ch != JOINER), None)
    if bad is not None:
        kind = "a control character" if unicodedata.category(bad) == "Cc" else "an invisible character"
        raise InputError(f"{what} {shown(value)} contains {kind} ({visible(bad)}); type it without one")
    return value
