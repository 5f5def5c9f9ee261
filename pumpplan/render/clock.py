"""Times of day as she reads them: '2:00 p.m.' or '14:00', midnight and noon unmistakable."""

from __future__ import annotations

from datetime import time

from pumpplan.i18n import _, p_
from pumpplan.render.conventions import current

MIDNIGHT, NOON = time(0), time(12)


def clock(moment: time) -> str:
    """Return '9:30 a.m.', '12:00 a.m. (midnight)', or '09:30' on the 24-hour clock."""
    if not current().clock12:
        return f"{moment:%H:%M}"
    return f"{_digits(moment)} {_period(moment)}{_named(moment)}"


def clock_range(start: time, end: time) -> str:
    """Return '9:00-9:20 a.m.', '11:40 a.m.-12:00 p.m. (noon)' or '09:00-09:20'."""
    if not current().clock12:
        return f"{start:%H:%M}-{end:%H:%M}"
    if _period(start) == _period(end):
        return f"{_digits(start)}-{_digits(end)} {_period(end)}{_named(start)}"
    return f"{_digits(start)} {_period(start)}{_named(start)}-{clock(end)}"


def digits(moment: time) -> str:
    """Return the time without its period, '9:30' (or '09:30' on the 24-hour clock)."""
    return _digits(moment) if current().clock12 else f"{moment:%H:%M}"


def short_period(moment: time) -> str:
    """Return 'a.m.', 'p.m.', 'midnight' or 'noon' for a narrow column; '' on the 24-hour clock."""
    if not current().clock12:
        return ""
    exact = moment.replace(second=0, microsecond=0)
    if exact in (MIDNIGHT, NOON):
        return _("midnight") if exact == MIDNIGHT else _("noon")
    return _period(moment)


def _digits(moment: time) -> str:
    return f"{moment.hour % 12 or 12}:{moment.minute:02d}"


def _period(moment: time) -> str:
    # Translators: the 12-hour clock's morning and afternoon marks, as a clinic prints them.
    return p_("clock", "a.m.") if moment.hour < 12 else p_("clock", "p.m.")


def _named(moment: time) -> str:
    """Return ' (midnight)' or ' (noon)': '12:00 a.m.' alone is often misread."""
    if moment.replace(second=0, microsecond=0) == MIDNIGHT:
        return " " + _("(midnight)")
    if moment.replace(second=0, microsecond=0) == NOON:
        return " " + _("(noon)")
    return ""
