"""Errors whose messages are written for the patient or the nurse, in the language she reads.

A message is an English template with named fields: ``InputError("{file} does not exist", file=...)``.
``str(error)`` is the English; the command line's one boundary puts it into her language with
``error.text(translate, dated)``. Only the templates are translated: a field is outside text
(``shown()``, a path, the system's own words), a number, a date or time (written by the
template's format, ``{day:%a %b %-d %Y}``, its names in her language), or words of its own (a
``Phrase``, or the error that caused this one). A template is always a literal, never an
f-string, so that ``pybabel extract`` finds it (tools/translations.sh; tests/test_messages.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from datetime import date

INPUT = 2
IO = 1
# Characters that change what a person sees rather than show themselves: controls (Cc), format
# characters such as bidi overrides and zero-width spaces (Cf), line and paragraph separators,
# private-use, unassigned and lone surrogates (what undecodable arguments become).
HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs"})
# The zero-width joiner builds emoji and is needed in some scripts' names: allowed in text.
JOINER = "\u200d"

Translate = Callable[[str], str]
DateNames = Callable[[date], object]  # a date as its format names days and months: i18n.dated


def _as_written(value: str) -> str:
    return value


def _plain(value: date) -> object:
    return value


class Phrase:
    """Words for the reader with values in them, put into her language only when shown."""

    __slots__ = ("fields", "template")

    def __init__(self, template: str, /, **fields: object) -> None:
        self.template = template
        self.fields = fields

    def text(self, translate: Translate = _as_written, dated: DateNames = _plain) -> str:
        """Return the words in the language ``translate`` gives, dates named as ``dated`` names them."""
        values = {name: _value(value, translate, dated) for name, value in self.fields.items()}
        for template in (translate(self.template), self.template):
            try:
                return template.format_map(values)
            except (KeyError, IndexError, ValueError, AttributeError):  # a broken translation: the English
                continue
        return self.template  # not a template at all: words written out already

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"Phrase({self.template!r})"


def _value(value: object, translate: Translate, dated: DateNames) -> object:
    """Return a field ready for the template: words translated, dates named, the rest as given."""
    if isinstance(value, Phrase | PumpplanError):
        return value.text(translate, dated)
    if isinstance(value, date):
        return dated(value)
    return value


def either(choices: Sequence[str]) -> str | Phrase:
    """Return "'a' or 'b' or 'c'", its 'or' in the reader's language."""
    if len(choices) < 2:
        return "".join(choices)
    return Phrase("{choices} or {last}", choices=either(choices[:-1]), last=choices[-1])


class PumpplanError(Exception):
    """A problem the user can fix; its message says what and how."""

    exit_code = INPUT

    def __init__(self, template: str | Phrase, /, **fields: object) -> None:
        self.message = template if isinstance(template, Phrase) else Phrase(template, **fields)
        super().__init__(self.message.text())

    def text(self, translate: Translate = _as_written, dated: DateNames = _plain) -> str:
        """Return the message in the language ``translate`` gives (see Phrase.text)."""
        return self.message.text(translate, dated)


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


def reject_control_chars(value: str, what: str | Phrase) -> str:
    """Return value, or raise if it holds a control, bidi or invisible character."""
    bad = next((ch for ch in value if hidden(ch) and ch != JOINER), None)
    if bad is not None:
        if unicodedata.category(bad) == "Cc":
            kind = Phrase("a control character")
        else:
            kind = Phrase("an invisible character")
        raise InputError(
            "{what} {value} contains {kind} ({character}); type it without one",
            what=what, value=shown(value), kind=kind, character=visible(bad),
        )  # fmt: skip
    return value
