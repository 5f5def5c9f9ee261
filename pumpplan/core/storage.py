"""Where stored milk waits and until when (CDC; docs/rules.md): oldest first, never past its limit."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# CDC, 'Proper Storage and Preparation of Breast Milk' (cdc.gov/breastfeeding, checked 2026-11-26):
# fresh milk at room temperature, in the fridge and frozen; thawed milk in the fridge.
ROOM_HOURS = 4
ROOM_MAX_F, ROOM_MAX_C = 77, 25
FRIDGE_DAYS = 4
FRIDGE_F, FRIDGE_C = 40, 4
FREEZER_MONTHS = 6  # best within 6 months; a plan never goes past it
FREEZER_MONTHS_ACCEPTABLE = 12
FREEZER_F, FREEZER_C = 0, -18
THAWED_HOURS = 24  # in the fridge, counted from when it is fully thawed
THAWED_ROOM_HOURS = (1, 2)
LEFTOVER_HOURS = 2  # after the baby finishes a feed

EPSILON_ML = 1e-6  # below this an amount is rounding noise, not milk
_DAY = timedelta(days=1)


class Storage(StrEnum):
    """Where a portion of pumped milk waits until it is used."""

    FRIDGE = "fridge"
    FREEZER = "freezer"


@dataclass(frozen=True)
class Portion:
    """Part of one day's pumped milk, stored one way and used on one day (spare when ``used`` is None).

    ``use_by`` is the last day it may be used, to the end of that day. A frozen
    portion is frozen the day it is pumped (``freeze_on``, and ``freeze_by``: there is
    no later day, so that fridge time and thawed time never add up past CDC's limits)
    and thawed in the fridge on the evening of ``thaw_on``, the day before it is used.
    """

    pumped: date
    ml: float
    storage: Storage
    use_by: date
    used: date | None
    freeze_on: date | None = None
    thaw_on: date | None = None

    @property
    def freeze_by(self) -> date | None:
        """Return the last day to freeze it: the day it is pumped, as ``freeze_on``."""
        return self.freeze_on


class ReminderKind(StrEnum):
    """What a storage reminder asks for."""

    FREEZE = "freeze"
    THAW = "thaw"


@dataclass(frozen=True)
class Reminder:
    """A day's storage task, for calendars: freeze the day's milk, or thaw tomorrow's the evening before.

    ``pumped`` names the days whose milk it is, oldest first.
    """

    kind: ReminderKind
    day: date
    ml: float
    pumped: tuple[date, ...]


def allocate(
    batches: Sequence[tuple[date, float]], demand: Sequence[tuple[date, float]]
) -> tuple[tuple[Portion, ...], dict[date, float]]:
    """Give each day of need the oldest milk still within its limit; return the portions and what is short.

    ``batches`` are (pumped, mL), oldest first; ``demand`` is (day, mL), by day.
    Milk no day needs is spare, to be frozen.
    """
    left = [ml for _, ml in batches]
    taken: dict[tuple[int, date], float] = {}
    uncovered: dict[date, float] = {}
    oldest = 0
    for day, need in demand:
        # Milk is used up oldest first and expires oldest first, so both form a prefix to skip.
        while oldest < len(batches) and (
            left[oldest] <= EPSILON_ML or freezer_use_by(batches[oldest][0]) < day
        ):
            oldest += 1
        want = need
        for index in range(oldest, len(batches)):
            amount = min(left[index], want)
            if amount > EPSILON_ML:
                left[index] -= amount
                want -= amount
                taken[(index, day)] = taken.get((index, day), 0.0) + amount
            if want <= EPSILON_ML:
                break
        uncovered[day] = uncovered.get(day, 0.0) + max(want, 0.0)
    portions = [portion(batches[i][0], ml, used) for (i, used), ml in taken.items()]
    portions += [spare(batches[i][0], ml) for i, ml in enumerate(left) if ml > EPSILON_ML]
    portions.sort(key=lambda p: (p.pumped, p.used or date.max))
    return tuple(portions), uncovered


def portion(pumped: date, ml: float, used: date) -> Portion:
    """Return milk pumped on one day for use on a later one: in the fridge if it keeps, else frozen."""
    if used <= fridge_use_by(pumped):
        return Portion(pumped, ml, Storage.FRIDGE, fridge_use_by(pumped), used)
    return Portion(
        pumped, ml, Storage.FREEZER, freezer_use_by(pumped), used,
        freeze_on=pumped, thaw_on=used - _DAY,
    )  # fmt: skip


def spare(pumped: date, ml: float) -> Portion:
    """Return milk no window needs: frozen the day it is pumped."""
    return Portion(
        pumped, ml, Storage.FREEZER, freezer_use_by(pumped), None,
        freeze_on=pumped,
    )  # fmt: skip


def fridge_use_by(pumped: date) -> date:
    """Return the last day fridge milk may be used.

    Only dates are known, so milk pumped any time on a day is used by the end of
    the third day after: never more than the 4 days CDC allows.
    """
    return pumped + (FRIDGE_DAYS - 1) * _DAY


def freezer_use_by(pumped: date) -> date:
    """Return the last day frozen milk may be used: the day before it is 6 months old."""
    return add_months(pumped, FREEZER_MONTHS) - _DAY


def add_months(day: date, months: int) -> date:
    """Return the same day some months later (or earlier), the month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def reminders(portions: Iterable[Portion]) -> tuple[Reminder, ...]:
    """Return a reminder for each day with milk to freeze, and each evening with milk to thaw."""
    freeze: dict[date, list[Portion]] = {}
    thaw: dict[date, list[Portion]] = {}
    for item in portions:
        if item.freeze_on is not None:
            freeze.setdefault(item.freeze_on, []).append(item)
        if item.thaw_on is not None:
            thaw.setdefault(item.thaw_on, []).append(item)
    found = [_reminder(ReminderKind.FREEZE, day, items) for day, items in freeze.items()]
    found += [_reminder(ReminderKind.THAW, day, items) for day, items in thaw.items()]
    return tuple(sorted(found, key=lambda r: (r.day, list(ReminderKind).index(r.kind))))


def _reminder(kind: ReminderKind, day: date, portions: Sequence[Portion]) -> Reminder:
    """Return one day's reminder, adding up its portions."""
    return Reminder(kind, day, sum(p.ml for p in portions), tuple(sorted({p.pumped for p in portions})))
