"""What she should notice about a plan: merged windows, short breaks, clock changes, past dates."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pumpplan.core.model import (
    SHORT_FEEDING_GAP,
    UNUSUALLY_SHORT_WINDOW,
    Infusion,
    Notice,
    Rule,
    WarningKind,
    Window,
    window_at,
)


def rule_notices(rule: Rule, first: datetime) -> list[Notice]:
    """Return what is unusual about the rule itself: a window far shorter than usual."""
    if rule.dump < UNUSUALLY_SHORT_WINDOW:
        return [Notice(WarningKind.SHORT_RULE, first)]
    return []


def notices(
    infusions: Sequence[Infusion],
    pre_pumps: dict[Infusion, datetime],
    windows: Sequence[Window],
    zone: ZoneInfo,
    now: datetime | None,
    found: Sequence[Notice] = (),
) -> tuple[Notice, ...]:
    """Collect what the patient should notice about the plan, with the notices ``found`` already."""
    noticed: list[Notice] = list(found)
    past = [i for i in infusions if now is not None and i.start < now]
    if past:
        noticed.append(Notice(WarningKind.PAST, past[0].start, infusions=len(past)))
    for window in windows:
        if len(window.infusions) > 1:
            noticed.append(Notice(WarningKind.MERGED, window.start, window.end, len(window.infusions)))
        change = clock_change(window.start, window.end, zone)
        if change is not None:
            noticed.append(Notice(WarningKind.CLOCK_CHANGE, change, window.end))
    for earlier, later in itertools.pairwise(windows):
        if later.start - earlier.end < SHORT_FEEDING_GAP:
            noticed.append(Notice(WarningKind.SHORT_GAP, earlier.end, later.start))
    own = {infusion: window for window in windows for infusion in window.infusions}
    for infusion, pump in pre_pumps.items():
        if window_at(pump, windows) not in (None, own[infusion]):
            noticed.append(Notice(WarningKind.PUMP_IN_WINDOW, pump, infusion.start))
    return tuple(sorted(noticed, key=lambda n: n.start))


def clock_change(start: datetime, end: datetime, zone: ZoneInfo) -> datetime | None:
    """Return the instant the zone's UTC offset changes between two instants, if it does."""
    if start.astimezone(zone).utcoffset() == end.astimezone(zone).utcoffset():
        return None
    low, high = start, end
    while high - low > timedelta.resolution:  # to the microsecond: high is then the change itself
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
            low = middle
        else:
            high = middle
    return high
