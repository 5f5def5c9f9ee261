"""The plan in words: amounts, lengths, days and the CDC's storage guidance from its one home."""

from __future__ import annotations

from datetime import date

import pytest

from pumpplan.core.engine import build_plan
from pumpplan.core.model import Infusion, Rule
from pumpplan.core.units import Units
from pumpplan.render import phrases
from tests.helpers import LA, at, minutes


@pytest.mark.parametrize(
    ("ml", "units", "spanish"),
    [(4520.8, Units.ML, "4,5 L"), (75, Units.OZ, "2,5 oz"), (750, Units.ML, "750 mL")],
)
def test_spanish_amounts_take_a_decimal_comma(ml: float, units: Units, spanish: str) -> None:
    """'4,5 L' in Spanish, as a Spanish reader writes it; English keeps '4.5 L'."""
    from pumpplan import i18n

    i18n.use("es")
    try:
        assert phrases.volume(ml, units) == spanish
    finally:
        i18n.use("en")
    assert phrases.volume(ml, units) == spanish.replace(",", ".")


def test_titles_follow_the_language_switched_at_run_time() -> None:
    """A title asked in English, then in Spanish, then in English again, is each time in that language."""
    from pumpplan import i18n
    from pumpplan.core.model import EventKind

    assert phrases.title(EventKind.PUMP_DUMP) == "Pump and discard the milk"
    i18n.use("es")
    try:
        assert phrases.title(EventKind.PUMP_DUMP) == "Extraer la leche y desecharla"
    finally:
        i18n.use("en")
    assert phrases.title(EventKind.PUMP_DUMP) == "Pump and discard the milk"


def test_a_day_shows_its_year_only_outside_the_printing_year() -> None:
    """While a report printed in 2030 renders, 2031's days show their year and 2030's do not."""
    with phrases.printed_on(date(2030, 12, 20)):
        assert phrases.day(date(2030, 12, 30)) == "Mon Dec 30"
        assert phrases.when(at("2031-01-06 10:00")) == "Mon Jan 6 2031 10:00"
        assert phrases.day(date(2031, 1, 6), year=False) == "Mon Jan 6"
    assert phrases.day(date(2031, 1, 6)) == "Mon Jan 6"  # no report rendering: as before
    assert phrases.day(date(2031, 1, 6), year=True) == "Mon Jan 6 2031"


def test_the_spanish_day_puts_the_year_last() -> None:
    """'lun 6 ene 2031' in Spanish."""
    from pumpplan import i18n

    i18n.use("es")
    try:
        assert phrases.day(date(2031, 1, 6), year=True) == "lun 6 ene 2031"
    finally:
        i18n.use("en")


def test_the_rule_line_gives_the_lengths_of_the_infusions_planned() -> None:
    """One length: 'an infusion lasts 1 h'; lengths that differ: 'infusions last 40 min to 1 h'."""
    first, second = at("2030-12-02 10:00"), at("2030-12-04 10:00")
    same = build_plan([Infusion(first, minutes(60)), Infusion(second, minutes(60))], Rule(), LA)
    mixed = build_plan([Infusion(first, minutes(40)), Infusion(second, minutes(60))], Rule(), LA)
    assert "(an infusion lasts 1 h)." in phrases.rule_lines(same)[0]
    assert "(infusions last 40 min to 1 h)." in phrases.rule_lines(mixed)[0]
