"""What every output renders: a plan, the sections asked for, and what is printed around it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from pumpplan.core.model import Plan
from pumpplan.core.stash import Stash
from pumpplan.core.units import Units
from pumpplan.errors import Phrase


class Section(StrEnum):
    """A part of a report that a command asks for."""

    SCHEDULE = "schedule"  # every event, day by day
    STASH = "stash"  # the milk to store first and how to pump it ahead
    STORAGE = "storage"  # what to do with each day's pumped milk


@dataclass(frozen=True)
class Support:
    """Where she finds help: the clinic's own lines, else the national lines where she lives."""

    united_states: bool = False
    clinic_lines: tuple[str, ...] = ()
    call_us_if: str | None = None


class PastEvent(Protocol):
    """An event pumpplan wrote in an earlier calendar of the plan (--replaces), as it was written."""

    @property
    def uid(self) -> str: ...
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...
    @property
    def summary(self) -> str: ...
    @property
    def sequence(self) -> int: ...


@dataclass(frozen=True)
class Report:
    """A plan and what the outputs print around it: who it is for, the clinic, its source.

    ``sections`` says what to show; the stash section needs a ``stash``. ``rule_owner`` names
    the clinic whose settings file gave the rule; None means pumpplan's usual rule.
    """

    plan: Plan
    patient: str | None = None
    clinic: str | None = None
    source: str | None = None
    printed: date | None = None
    stash: Stash | None = None
    units: Units = Units.ML
    sections: frozenset[Section] = frozenset({Section.SCHEDULE})
    rule_owner: str | None = None
    # The clinic's logo for the handout: (MIME type, bytes), a PNG or JPEG.
    logo: tuple[str, bytes] | None = None
    support: Support = Support()
    # How the input was read ('read 3/4/2027 as ...'): said on stderr, in her language, by the command line.
    notes: tuple[Phrase, ...] = ()
    # The patient's events of an earlier calendar (--replaces): the calendar cancels those now gone.
    earlier: tuple[PastEvent, ...] = ()

    def __post_init__(self) -> None:
        """Refuse a stash section without a stash: that is a mistake in the caller."""
        if Section.STASH in self.sections and self.stash is None:
            raise ValueError("a report with the stash section needs a stash")

    def shows(self, section: Section) -> bool:
        """Return whether the report has a section."""
        return section in self.sections
