"""Clinic settings kept once in a TOML file: the clinic, its rule and the source it cites."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from pumpplan.errors import InputError, Phrase, PumpplanError, ReadError, reject_control_chars, shown, visible
from pumpplan.files import read_regular, reason
from pumpplan.inputs.timeparse import parse_duration, parse_quiet

FILE_NAME = "clinic.toml"
LARGEST = 64 * 1024
# The rule's lengths as the clinic file and the options name them: key -> (Rule field, how a
# bare number reads). The option is the key with dashes: dump_hours is --dump-hours.
RULE_LENGTHS = {
    "duration": ("infusion", "minutes"),
    "pump_before": ("pump_before", "minutes"),
    "dump_hours": ("dump", "hours"),
    "pump_every": ("pump_every", "minutes"),
    "session": ("session", "minutes"),
}
SECTIONS = {
    "clinic": {"name", "phone", "logo"},
    "rule": {*RULE_LENGTHS, "quiet"},
    "source": {"title", "date", "url"},
    "support": {"lines", "call_us_if"},
}
EXAMPLE = """\
[clinic]
name = "Westside Infusion"
phone = "555-0100"

[rule]
duration = "40m"
pump_before = "60m"
dump_hours = 48
pump_every = "3h"
session = "20m"

[source]
title = "Westside Infusion lactation protocol"
date = 2026-03-01
"""


@dataclass(frozen=True)
class Protocol:
    """A clinic's settings: its name and phone, rule values as option text, and its cited source."""

    clinic: str | None = None
    phone: str | None = None
    source: str | None = None
    source_date: date | None = None
    url: str | None = None
    rule: Mapping[str, str] = field(default_factory=dict)
    # The clinic's own support lines (replacing the national ones) and when to call it.
    support: tuple[str, ...] = ()
    call_us_if: str | None = None
    origin: str | None = None  # the file's path, to name where a value came from
    logo: Logo | None = None

    @property
    def citation(self) -> str | None:
        """Return 'Title (2026-03-01)' for the source the clinic cites, if any."""
        if self.source is None:
            return None
        dated = f" ({self.source_date.isoformat()})" if self.source_date else ""
        return f"{self.source}{dated}" + (f", {self.url}" if self.url else "")


def load_protocol(path: Path | None, config_dir: Path, *, ignore_default: bool = False) -> Protocol:
    """Read --protocol FILE, else clinic.toml in the user config folder (unless ignored), else nothing."""
    default = path is None
    if path is None:
        if ignore_default:
            return Protocol()
        path = config_dir / FILE_NAME
    where = visible(str(path))
    try:
        try:
            os.stat(path)
        except OSError as error:  # missing, or e.g. a ~/.config left to root by a sudo run
            if default and isinstance(error, FileNotFoundError | NotADirectoryError):
                return Protocol()  # no user file: no settings
            raise ReadError("cannot read {what}: {reason}", what=where, reason=reason(error)) from None
        return _load(path, where)
    except PumpplanError as error:
        if not default:
            raise
        # A broken user file must not lock every command: the message says how to go around it.
        raise type(error)(Phrase("{problem}; add --no-protocol to plan without it", problem=error)) from None


def _load(path: Path, where: str) -> Protocol:
    """Read and check a clinic file that is there."""
    data = read_regular(path, LARGEST, where)
    if len(data) > LARGEST:
        raise InputError("{file} is larger than 64 KB; is it really a clinic settings file?", file=where)
    import tomllib  # only when a clinic file is read: most plans have none

    try:
        # utf-8-sig: Windows' Notepad starts the file with a byte-order mark.
        table = tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        reason = str(error).splitlines()[0] if str(error) else Phrase("unreadable")
        raise InputError(
            "{file} is not valid TOML ({reason}); see the example in the README", file=where, reason=reason
        ) from None
    found = _protocol(table, where)
    return replace(found, origin=where, logo=_logo(table.get("clinic", {}), path.parent, where))


def _protocol(table: dict[str, Any], name: str) -> Protocol:
    """Check the table's keys and values and build the Protocol."""
    _check_keys(table, name)
    clinic, rule, source, support = (table.get(s, {}) for s in ("clinic", "rule", "source", "support"))
    when = source.get("date")
    if when is not None and not isinstance(when, date):
        raise InputError(
            "{file}: source.date {value} is not a date; write e.g. date = 2026-03-01",
            file=name, value=shown(str(when)),
        )  # fmt: skip
    return Protocol(
        clinic=_text(clinic, "name", name, "clinic"),
        phone=_text(clinic, "phone", name, "clinic"),
        source=_text(source, "title", name, "source"),
        source_date=when,
        url=_text(source, "url", name, "source"),
        rule={key: _rule_value(key, value, name) for key, value in rule.items()},
        support=_lines(support, name),
        call_us_if=_text(support, "call_us_if", name, "support"),
    )


@dataclass(frozen=True)
class Logo:
    """The clinic's logo for the handout: an image's type and its bytes."""

    mime: str
    data: bytes


# The handout is self-contained, so the logo travels inside it: small, and only an image type
# that a browser shows and that cannot run anything (no SVG).
LOGO_LARGEST = 200 * 1024
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def _logo(clinic: dict[str, Any], folder: Path, name: str) -> Logo | None:
    """Read clinic.logo, a PNG or JPEG file named relative to the clinic file, at most 200 KB."""
    given = clinic.get("logo")
    if given is None:
        return None
    if not isinstance(given, str) or not given.strip():
        raise InputError(
            '{file}: clinic.logo must be a file name in quotes, e.g. logo = "logo.png"', file=name
        )
    path = folder / reject_control_chars(given.strip(), f"{name}: clinic.logo")
    where = f"{name}: clinic.logo {shown(given)}"
    data = read_regular(path, LOGO_LARGEST, where)
    if len(data) > LOGO_LARGEST:
        raise InputError("{file} is larger than 200 KB; save a smaller PNG or JPEG", file=where)
    mime = next((kind for magic, kind in LOGO_TYPES.items() if data.startswith(magic)), None)
    if mime is None:
        raise InputError("{file} is not a PNG or JPEG image; save the logo as one", file=where)
    return Logo(mime, data)


def _lines(support: dict[str, Any], name: str) -> tuple[str, ...]:
    """Return the clinic's support lines: a list of short texts."""
    lines = support.get("lines", [])
    if not isinstance(lines, list) or not all(isinstance(line, str) and line.strip() for line in lines):
        raise InputError(
            '{file}: support.lines must be a list of texts, e.g. lines = ["Call us: 555-0100"]', file=name
        )
    return tuple(reject_control_chars(line.strip(), f"{name}: support.lines") for line in lines)


def _check_keys(table: dict[str, Any], name: str) -> None:
    for section, value in table.items():
        if section not in SECTIONS:
            raise InputError(
                "{file}: unknown section [{section}]; use {sections}",
                file=name, section=visible(section), sections=", ".join(f"[{s}]" for s in SECTIONS),
            )  # fmt: skip
        if not isinstance(value, dict):
            raise InputError("{file}: {section} must be a [{section}] table", file=name, section=section)
        unknown = sorted(set(value) - SECTIONS[section])
        if unknown:
            raise InputError(
                "{file}: unknown key {key}; [{section}] takes {keys}",
                file=name, key=visible(f"{section}.{unknown[0]}"), section=section,
                keys=", ".join(sorted(SECTIONS[section])),
            )  # fmt: skip


def _text(table: dict[str, Any], key: str, name: str, section: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(
            "{file}: {section}.{key} must be text in quotes", file=name, section=section, key=key
        )
    return reject_control_chars(value.strip(), f"{name}: {section}.{key}")


def _rule_value(key: str, value: object, name: str) -> str:
    """Return a rule value as option text, after checking it parses."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError('{file}: rule.{key} must be text like "40m" or a whole number', file=name, key=key)
    text = str(value)
    label = f"{name}: rule.{key}"
    if key == "quiet":
        parse_quiet(text, label)
    else:
        parse_duration(text, label, bare=RULE_LENGTHS[key][1])
    return text
