"""The plan in words: amounts, lengths, days and the CDC's storage guidance from its one home."""

from __future__ import annotations

import pytest

from pumpplan.core.units import Units
from pumpplan.render import phrases


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
