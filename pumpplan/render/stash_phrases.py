"""The milk stash in plain words for the human outputs."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

from pumpplan.core import stash as st
from pumpplan.core import storage
from pumpplan.core.model import Plan
from pumpplan.core.units import Units
from pumpplan.i18n import _, n_
from pumpplan.render.guidance import storage_sentences, storage_source
from pumpplan.render.phrases import day, span, volume, when
from pumpplan.render.report import Report, Section


def heading() -> str:
    """Return the title of the milk-stash section."""
    return _("Milk to store before the infusions")


def report_lines(report: Report) -> list[str]:
    """Return a report's stash section: need and build-up, and the storage when it shows that."""
    if report.stash is None or not report.shows(Section.STASH):
        return []
    lines = [
        *need_lines(report.stash, report.plan, report.units),
        *build_up_lines(report.stash, report.units),
    ]
    if report.shows(Section.STORAGE):
        lines += storage_lines(report.stash, report.units)
    return lines


def need_lines(stash: st.Stash, plan: Plan, units: Units) -> list[str]:
    """Return the milk each window needs, the total and where the daily intake comes from."""

    def amount(ml: float, low_high: tuple[float, float] | None) -> str:
        if low_high is None:
            return _("about {amount}").format(amount=volume(ml, units))
        low, high = (volume(v, units) for v in low_high)
        return _("about {amount} ({low} to {high})").format(amount=volume(ml, units), low=low, high=high)

    lines = [_intake_line(stash, units)]
    for need in stash.needs:
        lines.append(
            _("{start} to {end} ({length}): {amount}, {bottles}.").format(
                start=when(plan.local(need.window.start)),
                end=when(plan.local(need.window.end)),
                length=span(need.window.length),
                amount=amount(need.ml, need.range_ml),
                bottles=_bottles(need.feeds, stash.feed_ml, units),
            )
        )
    total_range = _total_range(stash)
    lines.append(
        _("In all: {amount}, {bottles}.").format(
            amount=amount(stash.total_ml, total_range),
            bottles=_bottles(stash.total_feeds, stash.feed_ml, units),
        )
    )
    if stash.feed_assumed:
        lines.append(
            _("This plan assumes bottles of {feed}; plan with what your baby usually drinks.").format(
                feed=volume(stash.feed_ml, units)
            )
        )
    return lines


def _intake_line(stash: st.Stash, units: Units) -> str:
    """Return the sentence that says which daily intake the amounts are based on."""
    intake = volume(stash.intake_ml, units)
    if stash.intake_range_ml is None:
        return _("Milk needed while you do not breastfeed, at {intake} a day:").format(intake=intake)
    low, high = (volume(v, units) for v in stash.intake_range_ml)
    return _(
        "Milk needed while you do not breastfeed, at about {intake} a day. "
        "That is the published figure for babies 1 to 6 months ({low} to {high} a day):"
    ).format(intake=intake, low=low, high=high)


def _total_range(stash: st.Stash) -> tuple[float, float] | None:
    """Return the total need across the published range, when the intake comes from it."""
    ranges = [need.range_ml for need in stash.needs]
    if not ranges or any(r is None for r in ranges):
        return None
    return sum(r[0] for r in ranges if r), sum(r[1] for r in ranges if r)


def _bottles(feeds: int, feed_ml: float, units: Units) -> str:
    """Return '51 bottles of 90 mL'."""
    return n_("{count} bottle of {feed}", "{count} bottles of {feed}", feeds).format(
        count=feeds, feed=volume(feed_ml, units)
    )


def _pumping_days(start: date, end: date) -> str:
    """Return 'from Mon Nov 30 to Sun Dec 6', or 'on Wed Nov 25' for a single day."""
    if start == end:
        return _("on {day}").format(day=day(start))
    return _("from {start} to {end}").format(start=day(start), end=day(end))


def build_up_lines(stash: st.Stash, units: Units) -> list[str]:
    """Return the extra pumping that builds the stash, or plainly that it cannot, with the options."""
    build = stash.build_up
    extra = volume(build.yield_ml, units)
    need = volume(stash.total_ml, units)
    lines: list[str] = []
    if build.met:
        lines.append(
            n_(
                "To store it, pump {count} extra time a day, on top of breastfeeding, {days}. "
                "That gives about {expected}, at {extra} each time.",
                "To store it, pump {count} extra times a day, on top of breastfeeding, {days}. "
                "That gives about {expected}, at {extra} each time.",
                build.sessions_per_day,
            ).format(
                count=build.sessions_per_day,
                days=_pumping_days(build.start, build.end),
                expected=volume(build.expected_ml, units),
                extra=extra,
            )
        )
    elif build.days:
        lines.append(
            n_(
                "There is not enough time to pump all this milk first. "
                "Pumping {count} extra time a day, {days}, gives about {got} at {extra} each time. "
                "That is {short} less than the {need} needed.",
                "There is not enough time to pump all this milk first. "
                "Pumping {count} extra times a day, {days}, gives about {got} at {extra} each time. "
                "That is {short} less than the {need} needed.",
                build.max_sessions_per_day,
            ).format(
                days=_pumping_days(build.start, build.end),
                count=build.max_sessions_per_day,
                extra=extra,
                got=volume(stash.total_ml - build.shortfall_ml, units),
                need=need,
                short=volume(build.shortfall_ml, units),
            )
        )
    else:
        lines.append(
            _(
                "There is no day left to pump extra before the first infusion. "
                "None of the {need} needed can be stored first."
            ).format(need=need)
        )
    if not build.met:
        if stash.runs_out is not None and build.shortfall_ml < stash.total_ml:
            lines.append(_("The stored milk would run out on {day}.").format(day=day(stash.runs_out)))
        lines.append(
            _(
                "Talk with your clinic before the first infusion about the milk that is missing. "
                "Formula can make it up, or donor milk from a milk bank. "
                "A shorter time without breastfeeding may be possible, if your clinic allows it."
            )
        )
    if build.yield_assumed and build.days:
        lines.append(
            _("This plan assumes {extra} each extra time you pump; plan with what you really get.").format(
                extra=extra
            )
        )
    return lines


def storage_lines(stash: st.Stash, units: Units) -> list[str]:
    """Return the CDC storage limits, then what to do with each day's pumped milk, oldest first."""
    lines = [
        *storage_sentences(),
        _("Thaw frozen milk in the fridge the evening before. Use the oldest milk first."),
        storage_source(),
    ]
    for pumped, portions in itertools.groupby(stash.portions, key=lambda p: p.pumped):
        lines.append(_batch_line(pumped, list(portions), units))
    return lines


def _batch_line(pumped: date, portions: Sequence[storage.Portion], units: Units) -> str:
    """Return what to do with one day's pumped milk: fridge, freezer and spare parts."""
    total = _sum(portions, units)
    parts = []
    fridge = [p for p in portions if p.storage is storage.Storage.FRIDGE]
    frozen = [p for p in portions if p.storage is storage.Storage.FREEZER and p.used is not None]
    spare = [p for p in portions if p.used is None]
    if fridge:
        parts.append(
            _("keep {amount} in the fridge for {days} (use by {use_by})").format(
                amount=_sum(fridge, units), days=_days(fridge), use_by=day(fridge[0].use_by)
            )
        )
    if frozen:
        parts.append(
            _("freeze {amount} the same day for {days}, {thaw}").format(
                amount=_sum(frozen, units), days=_days(frozen), thaw=_thaw(frozen)
            )
        )
    if spare:
        parts.append(
            _("freeze {amount} that day as spare (best used by {use_by})").format(
                amount=_sum(spare, units), use_by=day(spare[0].use_by)
            )
        )
    return _("{day}, {total} pumped: {what}.").format(day=day(pumped), total=total, what="; ".join(parts))


def _thaw(portions: Sequence[storage.Portion]) -> str:
    """Return when to thaw frozen portions: the evening before each day they are used."""
    evenings = sorted({p.thaw_on for p in portions if p.thaw_on is not None})
    if len(evenings) == 1:
        return _("thawed in the fridge on the evening of {day}").format(day=day(evenings[0]))
    return _("each day's share thawed in the fridge the evening before")


def _sum(portions: Sequence[storage.Portion], units: Units) -> str:
    """Return the amount of some portions together."""
    return volume(sum(p.ml for p in portions), units)


def _days(portions: Sequence[storage.Portion]) -> str:
    """Return the days some portions are used: 'Mon Dec 2', 'Mon Dec 2 to Wed Dec 4'."""
    days = sorted({p.used for p in portions if p.used is not None})
    if len(days) == 1:
        return day(days[0])
    if (days[-1] - days[0]).days == len(days) - 1:
        return _("{first} to {last}").format(first=day(days[0]), last=day(days[-1]))
    return ", ".join(day(d) for d in days)


def reminder_text(reminder: storage.Reminder, units: Units) -> str:
    """Return a calendar reminder's title: freeze today's milk, or thaw tomorrow's tonight."""
    amount = volume(reminder.ml, units)
    if reminder.kind is storage.ReminderKind.FREEZE:
        return _("Freeze {amount} of today's pumped milk tonight").format(amount=amount)
    pumped = ", ".join(day(d) for d in reminder.pumped)
    return _("Thaw {amount} of frozen milk in the fridge tonight for tomorrow (pumped {pumped})").format(
        amount=amount, pumped=pumped
    )
