"""The plan's warnings in plain words: one instruction a sentence, her days named."""

from __future__ import annotations

from pumpplan.core.model import Notice, Plan, WarningKind
from pumpplan.i18n import _, n_, weekday_name
from pumpplan.render.phrases import clock, hours, listing, span, when


def warning(notice: Notice, plan: Plan) -> str:
    """Return one warning in plain words."""
    start = plan.local(notice.start)
    end = plan.local(notice.end) if notice.end else start
    length = span(notice.end - notice.start) if notice.end else ""
    match notice.kind:
        case WarningKind.MERGED:
            return _(
                "Your {days} infusions are close together, so the no-breastfeeding times join up. "
                "No breastfeeding from {start} to {end} ({length}). "
                "Discard the milk you pump before the later infusions."
            ).format(days=_days_of(plan, notice), length=length, start=when(start), end=when(end))
        case WarningKind.SHORT_GAP:
            return _(
                "You have only {length} to breastfeed, from {start} to {end}. "
                "You may prefer to pump and keep the milk then."
            ).format(length=length, start=when(start), end=when(end))
        case WarningKind.CLOCK_CHANGE:
            return _(
                "The clocks change on {start}, while you are not breastfeeding. "
                "The wait counts real hours. "
                "So you may breastfeed again at {end}, by the new clock time."
            ).format(start=when(start), end=when(end))
        case WarningKind.PAST:
            return n_(
                "{count} infusion is in the past ({start}). Check the dates.",
                "{count} infusions are in the past (from {start}). Check the dates.",
                notice.infusions,
            ).format(count=notice.infusions, start=when(start))
        case WarningKind.PUMP_IN_WINDOW:
            return _(
                "You pump at {start}, before the {time} infusion. "
                "You are not breastfeeding yet at that time, so discard that milk."
            ).format(start=when(start), time=clock(end))
        case WarningKind.LONG_GAP:
            return _(
                "You cannot pump from {start} to {end} ({length}): an infusion is in the way. "
                "Pump as soon as you can."
            ).format(start=when(start), end=when(end), length=length)
        case WarningKind.SHORT_RULE:
            return _(
                "Your plan says no breastfeeding for {length} after each infusion. The usual is 48 h. "
                "Check that this is what your clinic told you."
            ).format(length=hours(plan.rule.dump))


def _days_of(plan: Plan, notice: Notice) -> str:
    """Return the weekdays of the infusions a merged notice covers: 'Monday, Wednesday and Friday'."""
    window = plan.window_at(notice.start)
    infusions = window.infusions if window else ()
    names = dict.fromkeys(weekday_name(plan.local(infusion.start)) for infusion in infusions)
    return listing(list(names))


def warnings(plan: Plan) -> list[str]:
    """Return every warning of the plan in plain words."""
    return [warning(notice, plan) for notice in plan.warnings]
