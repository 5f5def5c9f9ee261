"""The plan's vocabulary: frozen values, no behaviour beyond simple arithmetic."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pumpplan.inputs.volume import Units

if TYPE_CHECKING:
    from pumpplan.core.stash import Stash


class EventKind(StrEnum):
    """What an event asks the mother to do."""

    PUMP_KEEP = "pump-keep"
    INFUSION = "infusion"
    PUMP_DUMP = "pump-dump"
    RESUME = "resume"


class WarningKind(StrEnum):
    """Things about a plan the patient should notice."""

    MERGED = "merged"
    SHORT_GAP = "short-gap"
    CLOCK_CHANGE = "clock-change"
    PAST = "past"
    PUMP_IN_WINDOW = "pump-in-window"


@dataclass(frozen=True)
class QuietHours:
    """A nightly span of wall-clock time in which pumping is thinned."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        """Return whether a wall-clock time falls in the quiet span."""
        if self.start <= self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


@dataclass(frozen=True)
class Rule:
    """The clinic's protocol, every value configurable."""

    infusion: timedelta = timedelta(minutes=40)
    pump_before: timedelta = timedelta(minutes=60)
    dump: timedelta = timedelta(hours=48)
    pump_every: timedelta = timedelta(hours=3)
    session: timedelta = timedelta(minutes=20)
    quiet: QuietHours | None = None


@dataclass(frozen=True)
class Infusion:
    """One appointment: an aware start time and a length."""

    start: datetime
    duration: timedelta

    @cached_property
    def end(self) -> datetime:
        """Return the end instant (elapsed time, whatever the clocks do)."""
        return elapsed(self.start, self.duration)


@dataclass(frozen=True)
class Window:
    """A span without breastfeeding, covering one or more infusions."""

    start: datetime
    end: datetime
    infusions: tuple[Infusion, ...]

    @property
    def length(self) -> timedelta:
        """Return the elapsed length of the window."""
        return self.end - self.start

    def contains(self, moment: datetime) -> bool:
        """Return whether an instant falls inside (start included, end excluded)."""
        return self.start <= moment < self.end


@dataclass(frozen=True)
class Event:
    """One line of the schedule; ``end`` is None for the resume."""

    kind: EventKind
    start: datetime
    end: datetime | None


@dataclass(frozen=True)
class Notice:
    """A warning about the plan, kept as data so each output can word it."""

    kind: WarningKind
    start: datetime
    end: datetime | None = None
    infusions: int = 0


@dataclass(frozen=True)
class Plan:
    """Everything the renderers need: the rule, the zone and the computed schedule.

    Its times are in UTC, so that comparing and subtracting them is always
    elapsed time; ``local`` shows one in the plan's zone.
    """

    rule: Rule
    zone: ZoneInfo
    infusions: tuple[Infusion, ...]
    windows: tuple[Window, ...]
    events: tuple[Event, ...]
    warnings: tuple[Notice, ...] = field(default=())

    @property
    def time_without_breastfeeding(self) -> timedelta:
        """Return the total elapsed time inside windows."""
        return sum((w.length for w in self.windows), timedelta())

    def local(self, moment: datetime) -> datetime:
        """Return an instant in the plan's zone."""
        return moment.astimezone(self.zone)

    @property
    def resume(self) -> datetime:
        """Return when breastfeeding finally resumes."""
        return self.windows[-1].end

    def count(self, kind: EventKind) -> int:
        """Return how many events of a kind the plan holds."""
        return sum(1 for event in self.events if event.kind is kind)


@dataclass(frozen=True)
class Report:
    """A plan and what the outputs print around it: who it is for, the clinic, its source.

    With a ``stash``, the human outputs add the milk it needs and how to pump it ahead;
    ``storage`` (the stash command) puts the day-by-day storage in place of the schedule.
    """

    plan: Plan
    patient: str | None = None
    clinic: str | None = None
    source: str | None = None
    printed: date | None = None
    stash: Stash | None = None
    units: Units = Units.ML
    storage: bool = False


def elapsed(moment: datetime, span: timedelta) -> datetime:
    """Add real elapsed time to an aware datetime and keep its zone.

    Python adds a timedelta to wall-clock time; going through UTC makes 48 h
    mean 48 real hours across a daylight-saving change.
    """
    zone = moment.tzinfo
    return (moment.astimezone(UTC) + span).astimezone(zone)
