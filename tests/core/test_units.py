"""Amounts as a parent writes them: rounded, never zero, with the language's decimal sign."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pumpplan.core.units import ML_PER_OZ, Units, format_volume
from pumpplan.inputs.volume import parse_volume


@pytest.mark.parametrize(
    ("ml", "units", "shown"),
    [
        pytest.param(750, Units.ML, "750 mL", id="tens"),
        pytest.param(437.5, Units.ML, "440 mL", id="half-ten-up"),
        pytest.param(994, Units.ML, "990 mL", id="under-a-litre"),
        pytest.param(995, Units.ML, "1 L", id="rounds-to-a-litre"),
        pytest.param(4520.8, Units.ML, "4.5 L", id="window"),
        pytest.param(9041.7, Units.ML, "9 L", id="no-trailing-zero"),
        pytest.param(1250, Units.ML, "1.3 L", id="half-tenth-up"),
        pytest.param(3, Units.ML, "10 mL", id="never-zero"),
        pytest.param(0, Units.ML, "0 mL", id="zero"),
        pytest.param(90, Units.OZ, "3 oz", id="bottle"),
        pytest.param(74, Units.OZ, "2.5 oz", id="half-ounce"),
        pytest.param(4, Units.OZ, "0.5 oz", id="never-zero-oz"),
        pytest.param(750, Units.OZ, "25 oz", id="a-day"),
        pytest.param(290, Units.OZ, "10 oz", id="ten-and-over-whole"),
        pytest.param(9041.7, Units.OZ, "306 oz", id="stash"),
    ],
)
def test_volumes_are_rounded_as_a_parent_writes_them(ml: float, units: Units, shown: str) -> None:
    """10 mL steps under a litre, then tenths of a litre; half ounces under 10 oz, then whole."""
    assert format_volume(ml, units) == shown


@given(ml=st.floats(10, 100_000), units=st.sampled_from(Units))
def test_a_shown_volume_reads_back_within_half_its_rounding_step(ml: float, units: Units) -> None:
    """Parsing what format_volume shows gives the amount back to within half a rounding step."""
    shown = format_volume(ml, units)
    again = parse_volume(shown, "--x", least=0, most=float("inf"))
    if units is Units.ML:
        step = 10.0 if ml < 995 else 100.0
    else:
        step = 0.5 * ML_PER_OZ if ml / ML_PER_OZ < 9.75 else ML_PER_OZ
    assert abs(again - ml) <= step / 2 + 1e-6
