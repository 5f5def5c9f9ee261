"""The orchestrator: option, else clinic file, else default; the sections a command asks for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pumpplan.app import Request, make_rule, report
from pumpplan.core.model import Rule
from pumpplan.errors import InputError
from pumpplan.inputs.protocol import Protocol
from pumpplan.render.report import Section

NOW = datetime(2030, 11, 1, tzinfo=UTC)
WHEN = ["2030-12-02 10:00"]


def test_a_rule_with_nothing_given_is_rules_own_default() -> None:
    """No option and no clinic file: the rule is exactly Rule()."""
    assert make_rule(Request(when=WHEN), Protocol()) == Rule()


def test_an_option_wins_over_the_clinic_file_which_wins_over_the_default() -> None:
    """--dump-hours beats the file's dump_hours; the file's pump_every beats the default."""
    clinic = Protocol(rule={"dump_hours": "36", "pump_every": "2h"})
    rule = make_rule(Request(when=WHEN, dump_hours="24"), clinic)
    assert (rule.dump, rule.pump_every, rule.session) == (
        timedelta(hours=24),
        timedelta(hours=2),
        Rule().session,
    )


def test_a_session_longer_than_the_default_cadence_names_the_default() -> None:
    """--session 4h against the default cadence says what the cadence is."""
    with pytest.raises(InputError, match=r"--session '4h' is longer than --pump-every '3h'"):
        make_rule(Request(when=WHEN, session="4h"), Protocol())


@pytest.mark.parametrize(
    ("sections", "has_stash"),
    [
        pytest.param(frozenset({Section.SCHEDULE}), False, id="schedule"),
        pytest.param(frozenset({Section.SCHEDULE, Section.STASH}), True, id="schedule-and-stash"),
        pytest.param(frozenset({Section.STASH, Section.STORAGE}), True, id="stash-command"),
    ],
)
def test_the_stash_is_worked_out_only_when_its_section_is_asked_for(
    sections: frozenset[Section], has_stash: bool, tmp_path: Path
) -> None:
    """The report holds a stash exactly when the command asks for the stash section."""
    made = report(Request(when=WHEN, tz="America/Los_Angeles"), NOW, tmp_path, sections)
    assert (made.stash is not None) == has_stash
    assert made.sections == sections
