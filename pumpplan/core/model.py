"""The plan's vocabulary: frozen values, no behaviour beyond simple arithmetic."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from functools import cached_property
from zoneinfo import ZoneInfo

# Supply guidance: however quiet the night, no more than 5 h between milk removals.
MAX_NIGHT_GAP = timedelta(hours=5)
# A break between two windows shorter than this is too short to breastfeed in comfortably.
SHORT_FEEDING_GAP = timedelta(hours=2)
# A window set far below the usual 48 h (a typed '4' for '48', say) is warned about.
UNUSUALLY_SHORT_WINDOW = timedelta(hours=24)


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
    LONG_GAP = "long-gap"  # infusions left no room to pump within the cadence
    SHORT_RULE = "short-rule"  # the window is far shorter than the usual 48 h


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
    """The clinic's protocol, every value configurable; its defaults are pumpplan's only defaults.

    They follow a common clinic instruction (docs/rules.md): a 40-minute infusion
    (0.5 mg/kg over 40 min), one pump kept an hour before it, no breastfeeding until
    48 h after it ends, pumping every 3 h meanwhile, 20 minutes a session.
    """

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
    """One line of the schedule; ``end`` is None for the resume.

    An event knows what it belongs to: ``infusion`` is the infusion itself, or the one a
    pre-infusion pump comes before (None for the other pumps and the resume); ``window``
    is the window it falls in, or for the resume the window it ends (None for a kept pump).
    """

    kind: EventKind
    start: datetime
    end: datetime | None
    infusion: Infusion | None = None
    window: Window | None = None

    @property
    def before_infusion(self) -> bool:
        """Return whether this is the pump before an infusion (kept, or discarded in a window)."""
        return self.infusion is not None and self.kind is not EventKind.INFUSION


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

    def window_at(self, moment: datetime) -> Window | None:
        """Return the window an instant falls in, if any."""
        return window_at(moment, self.windows)

    def free_spans(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """Return the parts of an interval in which she may breastfeed: those no window covers."""
        spans, cursor = [], start
        for window in self.windows[bisect_right(self.windows, start, key=lambda w: w.end) :]:
            if window.start >= end:
                break
            if cursor < window.start:
                spans.append((cursor, window.start))
            cursor = max(cursor, window.end)
        if cursor < end:
            spans.append((cursor, end))
        return spans

    def warnings_between(self, start: datetime, end: datetime) -> tuple[Notice, ...]:
        """Return the warnings that start in an interval, ends included."""
        return self.warnings[
            bisect_right(self._warning_starts, start - _TICK) : bisect_right(self._warning_starts, end)
        ]

    @cached_property
    def _warning_starts(self) -> list[datetime]:
        return [notice.start for notice in self.warnings]


def window_at(moment: datetime, windows: Sequence[Window]) -> Window | None:
    """Return the window (of sorted, disjoint ones) an instant falls in, if any."""
    index = bisect_right(windows, moment, key=lambda w: w.start) - 1
    return windows[index] if index >= 0 and windows[index].contains(moment) else None


_TICK = timedelta(microseconds=1)


def elapsed(moment: datetime, span: timedelta) -> datetime:
    """Add real elapsed time to an aware datetime and keep its zone.

    Python adds a timedelta to wall-clock time; going through UTC makes 48 h
    mean 48 real hours across a daylight-saving change.
    """
    zone = moment.tzinfo
    return (moment.astimezone(UTC) + span).astimezone(zone)
