"""How big a plan may be: refused before it is built, with a message that says what to change."""

from __future__ import annotations

from datetime import timedelta

from pumpplan.core.model import Infusion, Rule
from pumpplan.errors import InputError

# The benchmark's 1,000 infusions every third day are about 19,000 events, written as a calendar
# in about a second here; more is a typo or an attack. A real course is a few hundred events.
MOST_EVENTS = 20_000
# The most infusions a course (--every, --rrule) or a file (--from) may hold.
MOST_INFUSIONS = 5000


def check_size(infusions: list[Infusion], rule: Rule) -> None:
    """Refuse, before building it, a plan of more events than anyone could follow or a computer hold.

    The pump-and-discard sessions fill the merged windows at the cadence; each infusion adds its
    own event, a pump before it and at most one resume.
    """
    covered, end = timedelta(), None
    for start in sorted(i.start for i in infusions):
        window_end = start + rule.infusion + rule.dump
        if end is None or start > end:
            covered += window_end - start
        elif window_end > end:
            covered += window_end - end
        end = window_end if end is None else max(end, window_end)
    events = covered // rule.pump_every + 3 * len(infusions)
    if events > MOST_EVENTS:
        raise InputError(
            "this plan would hold about {events} events, more than {most}; "
            "give fewer infusions, a shorter --dump-hours or a longer --pump-every",
            events=f"{events:,}", most=f"{MOST_EVENTS:,}",
        )  # fmt: skip
