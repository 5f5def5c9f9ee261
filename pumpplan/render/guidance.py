"""What a plan tells her beyond the schedule: storing milk, why the wait, whose rule, where to find help.

Every figure here has its source beside it; docs/rules.md lists them with their dates.
"""

from __future__ import annotations

from datetime import timedelta

from pumpplan.core import storage
from pumpplan.i18n import _, n_
from pumpplan.render.report import Report

# LactMed, "Ketamine", National Library of Medicine (NIH), record revised July 2023: relative infant
# doses below 1 % after IV infusions (ketamine 0.34-0.57 %, norketamine 0.29-0.95 %; Majdinasab 2023),
# and very little drug in milk 12 hours after a dose. Cited by why_lines().
# CDC, "Proper Storage and Preparation of Breast Milk" and its storage chart (checked 2026-11-26).
CDC = "CDC, Proper Storage and Preparation of Breast Milk"
# US Spravato (esketamine) prescribing information, 8.2 Lactation: "breastfeeding is not
# recommended during treatment with SPRAVATO" (Janssen; quoted as of 2025-10-30).
# 988 Suicide & Crisis Lifeline (988lifeline.org, checked 2026-11-26): call or text 988; Spanish:
# press 2 when calling, or text AYUDA to 988.
# National Maternal Mental Health Hotline (HRSA, mchb.hrsa.gov, checked 2026-11-26):
# 1-833-TLC-MAMA (1-833-852-6262), call or text, free, 24/7, English and Spanish; not a crisis line.
HOTLINE = "1-833-TLC-MAMA (1-833-852-6262)"
# 911, the US emergency number (911.gov). A painful, red or hard area of the breast, or a fever,
# are signs of mastitis (Mayo Clinic, 'Mastitis: symptoms and causes', checked 2026-11-26):
# pumpplan only says whom to call.


def storage_guidance() -> list[tuple[str, str]]:
    """Return the CDC's guidance for stored milk, as (what, how long or how), in one wording."""
    s = storage
    return [
        (
            _("Room temperature, up to {f} °F ({c} °C)").format(f=s.ROOM_MAX_F, c=s.ROOM_MAX_C),
            n_("up to {count} hour", "up to {count} hours", s.ROOM_HOURS).format(count=s.ROOM_HOURS),
        ),
        (
            _("Fridge, {f} °F ({c} °C)").format(f=s.FRIDGE_F, c=s.FRIDGE_C),
            n_("up to {count} day", "up to {count} days", s.FRIDGE_DAYS).format(count=s.FRIDGE_DAYS)
            + ". "
            + _("Milk you will not use within {days} days: freeze it the day you pump it.").format(
                days=s.FRIDGE_DAYS
            ),
        ),
        (
            _("Freezer, {f} °F ({c} °C) or colder").format(f=s.FREEZER_F, c=s.FREEZER_C),
            _("best within {best} months; up to {acceptable} months is acceptable").format(
                best=s.FREEZER_MONTHS, acceptable=s.FREEZER_MONTHS_ACCEPTABLE
            ),
        ),
        (
            _("Thawed milk"),
            _(
                "up to {hours} hours in the fridge, counted from when it is fully thawed; "
                "{low} to {high} hours at room temperature. Never refreeze it."
            ).format(hours=s.THAWED_HOURS, low=s.THAWED_ROOM_HOURS[0], high=s.THAWED_ROOM_HOURS[1]),
        ),
        (
            _("After a feed"),
            _("use what is left within {hours} hours, then throw it away.").format(hours=s.LEFTOVER_HOURS),
        ),
        (
            _("Always"),
            _("label each bag with the day you pumped it. Never thaw or warm milk in a microwave."),
        ),
    ]


def fresh_milk_keeps() -> str:
    """Return how long fresh milk keeps, in one sentence."""
    return _(
        "Fresh milk keeps {room} h at room temperature or {fridge} days in the fridge; freeze it for longer."
    ).format(room=storage.ROOM_HOURS, fridge=storage.FRIDGE_DAYS)


def storage_sentences() -> list[str]:
    """Return the CDC's guidance as sentences: 'Fridge, 40 °F (4 °C): up to 4 days.'"""
    return [
        _("{what}: {how}").format(what=what, how=how.rstrip(".") + ".") for what, how in storage_guidance()
    ]


def storage_source() -> str:
    """Return the line that names the storage guidance's source."""
    return _("Source: {source}.").format(source=CDC)


def about_lines(report: Report, *, printed: bool = False) -> list[str]:
    """Return whose rule this is, how day three is read, and what to do if an infusion runs late.

    ``printed`` is for the handout: a late infusion there means asking for a new printout.
    """
    dump = report.plan.rule.dump
    hours = int(dump // timedelta(hours=1)) if dump % timedelta(hours=1) == timedelta() else None
    lines = [
        _("These times use the rule from {clinic}'s settings.").format(clinic=report.rule_owner)
        if report.rule_owner
        else _(
            "These times use pumpplan's usual rule, from a common clinic instruction. "
            "Check that it matches what your clinic told you."
        )
    ]
    if hours is not None:
        lines.append(_("“Day three” means: {hours} hours after the infusion ends.").format(hours=hours))
    lines.append(_("If an infusion starts late, everything after it moves by the same time."))
    if printed:
        lines.append(_("Then ask the clinic to print a new plan with the real start time."))
    else:
        lines.append(_("Then make the plan again with the real start time."))
    return lines


def why_lines() -> list[str]:
    """Return why she waits, what the evidence says, and what the plan is for."""
    return [
        _("The wait is a cautious clinic rule."),
        # The figure is a placeholder: a literal '1%' reads to gettext tools as a printf format.
        _(
            "Studies found very little ketamine in breast milk: less than {percent} of the mother's dose."
        ).format(percent=_("{number}%").format(number=1)),
        _("Very little was left in milk 12 hours after a dose."),
        _("If the time without breastfeeding is hard, ask your clinic whether a shorter time is possible."),
        _("This plan is for ketamine given by IV infusion."),
        _(
            "Esketamine nasal spray (Spravato) is different. "
            "Its label says breastfeeding is not recommended during treatment."
        ),
        # Translators: the source's name and title stay as published; the words in brackets may change.
        _("Source: {source}.").format(
            source=_("LactMed, Ketamine (National Library of Medicine, revised July 2023)")
        ),
    ]


def support_lines(report: Report) -> list[str]:
    """Return where to find help: the clinic's own lines, or in the US the national lines."""
    support = report.support
    lines = list(support.clinic_lines)
    if support.call_us_if:
        lines.append(_("Call us if: {reasons}").format(reasons=support.call_us_if))
    if not support.clinic_lines and support.united_states:
        lines += [
            _("Need to talk? Call or text the National Maternal Mental Health Hotline: {number}.").format(
                number=HOTLINE
            ),
            _("It is free, day and night, in English and Spanish."),
            _("In a crisis, call or text 988. For Spanish, press 2, or text AYUDA to 988."),
            _("In an emergency, call 911."),
        ]
    lines.append(
        _(
            "Is part of your breast painful, red or hard? Do you have a fever? "
            "Call your clinic or a lactation consultant."
        )
    )
    return lines
