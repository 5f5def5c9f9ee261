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
def test_amounts_take_the_decimal_sign_of_the_locale(ml: float, units: Units, spanish: str) -> None:
    """'4,5 L' for es_ES, as CLDR writes it; '4.5 L' for es_MX, es_US and English."""
    from pumpplan.render.conventions import for_locale, using

    with using(for_locale("es_ES", "es")):
        assert phrases.volume(ml, units) == spanish
    for code in ("es_MX", "es_US", "en_US", ""):
        with using(for_locale(code, "es")):
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
    assert "An infusion lasts 1 h." in phrases.rule_lines(same)
    assert "Your infusions last 40 min to 1 h." in phrases.rule_lines(mixed)
