"""From what the user typed to a report: every value checked, with a message for the user.

The one orchestrator: each value comes from its option, else the clinic's file, else the
default (``Rule()``'s, or the stash's); it reads the inputs, runs the engine and the
stash, and returns the report with the sections the command asks for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pumpplan.core.engine import build_plan
from pumpplan.core.limits import check_size
from pumpplan.core.model import Infusion, Plan, Rule
from pumpplan.core.units import LEAST_PER_SESSION_ML, MOST_PER_SESSION_ML, duration_text
from pumpplan.errors import InputError, Phrase, reject_control_chars, shown
from pumpplan.inputs import series
from pumpplan.inputs.protocol import RULE_LENGTHS, Protocol, load_protocol
from pumpplan.inputs.region import in_united_states
from pumpplan.inputs.timeparse import THE_TIME, Reading, parse_date, parse_duration, parse_quiet, parse_times
from pumpplan.inputs.volume import default_units, parse_age, parse_units, parse_volume
from pumpplan.inputs.zones import check_moment, load_zone
from pumpplan.render.report import PastEvent, Report, Section, Support

if TYPE_CHECKING:
    from pumpplan.core.stash import Stash

SHORTEST_CADENCE = timedelta(minutes=30)


@dataclass(frozen=True)
class Request:
    """What the user typed, before any of it is trusted."""

    when: list[str]
    source: Path | None = None
    match: str | None = None
    tz: str | None = None
    dayfirst: bool = False
    monthfirst: bool = False
    duration: str | None = None
    pump_before: str | None = None
    dump_hours: str | None = None
    pump_every: str | None = None
    session: str | None = None
    quiet: str | None = None
    every: str | None = None
    count: str | None = None
    until: str | None = None
    rrule: str | None = None
    protocol: Path | None = None
    no_protocol: bool = False
    name: str | None = None
    clinic: str | None = None
    intake: str | None = None
    baby_age: str | None = None
    feed_size: str | None = None
    units: str | None = None
    start_pumping: str | None = None
    extra_yield: str | None = None
    # The calendar of the earlier plan, whose events the new calendar cancels where they are gone.
    replaces: Path | None = None

    @property
    def asks_for_stash(self) -> bool:
        """Return whether any milk-stash option was given."""
        stash = (self.intake, self.baby_age, self.feed_size, self.units, self.start_pumping, self.extra_yield)
        return any(value is not None for value in stash)


def report(
    request: Request,
    now: datetime,
    config_dir: Path,
    sections: frozenset[Section],
    environ: Mapping[str, str] | None = None,
) -> Report:
    """Check the request, read the clinic's settings, and return the report with its sections.

    The milk stash is worked out when the stash section is asked for; ``environ`` gives the
    locale's units when --units does not, and its order of day and month in numeric dates.
    """
    environ = environ or {}
    protocol = load_protocol(request.protocol, config_dir, ignore_default=request.no_protocol)
    reading = reading_for(request, environ)
    plan = build(request, now, protocol, reading)
    clinic = request.clinic
    if clinic is None and protocol.clinic:
        clinic = ", ".join(part for part in (protocol.clinic, protocol.phone) if part)
    units = parse_units(request.units) if request.units is not None else default_units(environ)
    patient = _label(request.name, "--name")
    return Report(
        plan=plan,
        patient=patient,
        clinic=_label(clinic, "--clinic"),
        source=protocol.citation,
        printed=now.astimezone(plan.zone).date(),
        stash=milk_stash(request, plan, now, reading) if Section.STASH in sections else None,
        units=units,
        sections=sections,
        rule_owner=protocol.clinic,
        logo=(protocol.logo.mime, protocol.logo.data) if protocol.logo else None,
        support=Support(in_united_states(plan.zone.key, environ), protocol.support, protocol.call_us_if),
        notes=tuple(reading.notes),
        earlier=earlier_events(request.replaces, patient, plan) if request.replaces else (),
    )


def earlier_events(path: Path, patient: str | None, plan: Plan) -> tuple[PastEvent, ...]:
    """Return her events in the earlier calendar, refusing a file that holds none of her plan."""
    from pumpplan.inputs.earlier import read_earlier
    from pumpplan.render.replacing import hers

    found, others = read_earlier(path)
    where = shown(path.name)
    if not found:
        raise InputError(
            "--replaces {file} holds no event pumpplan wrote ({others} other events); "
            "give the .ics file pumpplan wrote for the earlier plan",
            file=where,
            others=others,
        )
    mine = hers(found, patient, plan.zone)
    if not mine:
        name = Phrase("the same --name as then") if patient is None else Phrase("the --name it was made with")
        raise InputError(
            "--replaces {file}: none of its {count} pumpplan events is this patient's plan. "
            "They were made with another --name, or none; give {name}",
            file=where,
            count=len(found),
            name=name,
        )
    return tuple(mine)


def reading_for(request: Request, environ: Mapping[str, str]) -> Reading:
    """Return how to read numeric dates: --dayfirst or --monthfirst, else the locale's order."""
    if request.dayfirst and request.monthfirst:
        raise InputError("give either --dayfirst or --monthfirst, not both")
    from pumpplan import i18n

    order = True if request.dayfirst else False if request.monthfirst else None
    return Reading(dayfirst=order, environ=environ, spanish=i18n.language() == "es")


def milk_stash(request: Request, plan: Plan, now: datetime, reading: Reading) -> Stash:
    """Return the stash the plan needs, from --intake or --baby-age (else the published intake)."""
    from pumpplan.core.stash import default_start, plan_stash, published_intake

    if request.intake is not None and request.baby_age is not None:
        raise InputError("give either --intake (what your baby drinks a day) or --baby-age, not both")
    if request.intake is not None:
        intake, spread = parse_volume(request.intake, "--intake"), None
    else:
        age = parse_age(request.baby_age) if request.baby_age is not None else None
        intake, spread = published_intake(age)
    today = now.astimezone(plan.zone).date()
    if request.start_pumping is None:
        start = default_start(plan, today)
    else:
        start = parse_date(request.start_pumping, "--start-pumping", today, dayfirst=reading)
    return plan_stash(
        plan,
        intake_ml=intake,
        intake_range=spread,
        start_pumping=start,
        feed_ml=_per_session(request.feed_size, "--feed-size", Phrase("'90ml' or '3oz'")),
        extra_yield_ml=_per_session(request.extra_yield, "--extra-yield", Phrase("'30ml' or '1oz'")),
    )


def _per_session(text: str | None, option: str, example: Phrase) -> float | None:
    """Return one feed's or one pumping session's amount in mL, or None when not given."""
    if text is None:
        return None
    return parse_volume(text, option, least=LEAST_PER_SESSION_ML, most=MOST_PER_SESSION_ML, example=example)


def _label(text: str | None, option: str) -> str | None:
    """Return a name for the header, refusing control characters and absurd lengths."""
    if text is None or not text.strip():
        return None
    if len(text) > 200:
        raise InputError(
            "{option} is {length} characters long; keep it under 200", option=option, length=len(text)
        )
    return reject_control_chars(text.strip(), option)


def build(request: Request, now: datetime, protocol: Protocol, reading: Reading) -> Plan:
    """Check every value of the request and compute its plan; options win over the clinic's file.

    ``reading`` gathers the notes on how the input was read (a numeric date, a file's events).
    """
    zone = load_zone(request.tz)
    rule = make_rule(request, protocol)
    infusions = _infusions(request, rule, zone, now, reading)
    for infusion in infusions:
        check_moment(infusion.start, Phrase("the infusion at"))
    check_size(infusions, rule)
    return build_plan(infusions, rule, zone, now)


def _infusions(
    request: Request, rule: Rule, zone: ZoneInfo, now: datetime, reading: Reading
) -> list[Infusion]:
    """Return the infusions: from the --from file, else at the WHENs or the series they anchor."""
    if request.source is None:
        if request.match is not None:
            raise InputError("--match picks events from a calendar; add --from FILE.ics")
        if not request.when:
            raise InputError(
                "give the infusion start times, e.g. pumpplan plan '2026-12-07 10:00', or a file with --from"
            )
        return [Infusion(start, rule.infusion) for start in _starts(request, zone, now, reading)]
    if request.when:
        raise InputError("give the infusions either as WHEN or with --from FILE, not both")
    if any(v is not None for v in (request.every, request.count, request.until, request.rrule)):
        raise InputError(
            "--every, --count, --until and --rrule repeat a WHEN; a --from file lists each infusion"
        )
    from pumpplan.inputs.appointments import read_appointments

    return read_appointments(
        request.source, zone=zone, match=request.match, duration=rule.infusion, now=now,
        dayfirst=reading,
    )  # fmt: skip


def make_rule(request: Request, protocol: Protocol) -> Rule:
    """Return the rule: each value from its option, else the clinic's file, else ``Rule()``'s default."""
    typed: dict[str, str] = {}
    lengths: dict[str, Any] = {}  # Rule field -> timedelta

    def label(key: str) -> str:  # where a value came from: the option, or the clinic file's key
        if getattr(request, key) is None and key in protocol.rule:
            return f"{protocol.origin or 'clinic.toml'}: rule.{key}"
        return f"--{key.replace('_', '-')}"

    for key, (field, bare) in RULE_LENGTHS.items():
        given = getattr(request, key)
        text = given if given is not None else protocol.rule.get(key)
        if text is not None:
            typed[key] = str(text)
            lengths[field] = parse_duration(str(text), label(key), bare=bare)
    quiet = request.quiet if request.quiet is not None else protocol.rule.get("quiet")
    rule = replace(Rule(quiet=parse_quiet(quiet, label("quiet")) if quiet else None), **lengths)
    every = f"{label('pump_every')} {shown(typed.get('pump_every', duration_text(rule.pump_every)))}"
    if rule.pump_every < SHORTEST_CADENCE:
        raise InputError("{every} is under 30 minutes; pump at most every 30m", every=every)
    if rule.session > rule.pump_every:
        session = f"{label('session')} {shown(typed.get('session', duration_text(rule.session)))}"
        raise InputError("{session} is longer than {every}; shorten it", session=session, every=every)
    return rule


def _starts(request: Request, zone: ZoneInfo, now: datetime, reading: Reading) -> list[datetime]:
    """Return the infusion start times: the WHENs, or the series they anchor."""
    starts = parse_times(request.when, zone, now, dayfirst=reading)
    for start in starts:  # before a series is expanded from it
        check_moment(start, THE_TIME)
    if request.every is None and request.rrule is None:
        if request.count is not None or request.until is not None:
            raise InputError("--count and --until need --every; e.g. --every mon,wed,fri --count 6")
        return starts
    if request.every is not None and request.rrule is not None:
        raise InputError("give either --every or --rrule, not both")
    if len(starts) != 1:
        raise InputError("a repeating course takes one start time; give only the first infusion")
    if request.rrule is not None:
        if request.count is not None or request.until is not None:
            raise InputError("with --rrule, put the end in the rule: COUNT=6 or UNTIL=20261231")
        return series.from_rrule(starts[0], request.rrule, zone)
    if request.count is not None and request.until is not None:
        raise InputError("give either --count or --until to end the course, not both")
    count = _count(request.count) if request.count is not None else None
    today = now.astimezone(zone).date()
    until = parse_date(request.until, "--until", today, dayfirst=reading) if request.until else None
    days = series.weekdays(request.every or "")
    return series.every(starts[0], days, zone, count, until)


def _count(text: str) -> int:
    """Return the number of infusions --count asks for."""
    if not (text.strip().isascii() and text.strip().isdigit()):
        raise InputError("--count {value} is not a whole number; write e.g. --count 6", value=shown(text))
    if int(text) < 1:
        raise InputError("--count {value} must be 1 or more", value=shown(text))
    return int(text)
