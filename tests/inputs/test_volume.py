"""Amounts of milk, ages and units: parsed from text, shown as a parent would write them."""

from __future__ import annotations

import pytest

from pumpplan.core.units import MOST_PER_SESSION_ML, Age, AgeUnit, Units
from pumpplan.errors import InputError
from pumpplan.inputs.volume import default_units, parse_age, parse_units, parse_volume


@pytest.mark.parametrize(
    ("text", "ml"),
    [
        pytest.param("750ml", 750, id="ml"),
        pytest.param("750 mL", 750, id="spaced-mL"),
        pytest.param("25oz", 25 * 29.5735, id="oz"),
        pytest.param("25 fl oz", 25 * 29.5735, id="fl-oz"),
        pytest.param("25 fl. oz", 25 * 29.5735, id="fl-dot-oz"),
        pytest.param("3 ounces", 3 * 29.5735, id="ounces"),
        pytest.param("0.75l", 750, id="litres"),
        pytest.param("0.75 L", 750, id="spaced-L"),
        pytest.param(".5 litre", 500, id="leading-point"),
        pytest.param("1 liter", 1000, id="liter"),
        pytest.param(" +650 ML ", 650, id="plus-and-spaces"),
    ],
)
def test_volumes_take_millilitres_ounces_or_litres(text: str, ml: float) -> None:
    """'750ml', '25 fl oz' and '0.75l' all come back in millilitres."""
    assert parse_volume(text, "--intake") == pytest.approx(ml)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("750", "'750' needs a unit, ml or oz; write e.g. '750ml' or '25oz'", id="bare"),
        pytest.param("0ml", "'0ml' must be more than zero", id="zero"),
        pytest.param("0 oz", "'0 oz' must be more than zero", id="zero-oz"),
        pytest.param("-5oz", "'-5oz' must be more than zero", id="negative"),
        pytest.param("5000ml", r"'5000ml' is more than 3 L \(101 oz\); check the value", id="absurd"),
        pytest.param("4l", r"'4l' is more than 3 L", id="absurd-litres"),
        pytest.param("9" * 400 + "ml", "is more than 3 L", id="huge"),
        pytest.param("lots", "'lots' is not an amount of milk", id="word"),
        pytest.param("1,000ml", "is not an amount of milk", id="thousands-comma"),
        pytest.param("25 cups", "is not an amount of milk", id="unknown-unit"),
        pytest.param("", "is not an amount of milk", id="empty"),
        pytest.param("750ml\x1b", "control character", id="control"),
    ],
)
def test_bad_volumes_are_refused_naming_the_option_and_value(text: str, message: str) -> None:
    """Bare numbers, zero, negative, absurd and unreadable amounts raise with the fix."""
    with pytest.raises(InputError, match=message) as raised:
        parse_volume(text, "--intake")
    assert str(raised.value).startswith("--intake ")


def test_a_per_session_limit_refuses_a_bottle_of_a_litre() -> None:
    """The caller sets the absurd limit: 1 L is a day's milk but not one session's."""
    with pytest.raises(InputError, match=r"--extra-yield '1l' is more than 500 mL \(17 oz\)"):
        parse_volume("1l", "--extra-yield", most=MOST_PER_SESSION_ML, example="'30ml' or '1oz'")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("3mo", Age(3, AgeUnit.MONTHS)),
        ("3 months", Age(3, AgeUnit.MONTHS)),
        ("1 month", Age(1, AgeUnit.MONTHS)),
        ("3.5 Mos", Age(3.5, AgeUnit.MONTHS)),
        ("10w", Age(10, AgeUnit.WEEKS)),
        ("6 weeks", Age(6, AgeUnit.WEEKS)),
        ("10 wks", Age(10, AgeUnit.WEEKS)),
        ("3 meses", Age(3, AgeUnit.MONTHS)),
        ("1 mes", Age(1, AgeUnit.MONTHS)),
        ("10 semanas", Age(10, AgeUnit.WEEKS)),
        ("1 Semana", Age(1, AgeUnit.WEEKS)),
        ("6sem", Age(6, AgeUnit.WEEKS)),
    ],
)
def test_ages_take_months_or_weeks(text: str, age: Age) -> None:
    """'3mo', '3 months', '10w', '6 weeks' and in Spanish '3 meses', '10 semanas' keep the parent's unit."""
    assert parse_age(text) == age


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3", "'3' needs a unit, months or weeks; write e.g. '3mo' or '10w'"),
        ("0w", "'0w' must be more than zero"),
        ("-2mo", "'-2mo' must be more than zero"),
        ("3m", "'3m' is not an age"),  # minutes or months: never guess
        ("three months", "is not an age"),
    ],
)
def test_bad_ages_are_refused_with_the_value_named(text: str, message: str) -> None:
    """A bare number, zero, a negative or an ambiguous unit raises naming --baby-age."""
    with pytest.raises(InputError, match=message) as raised:
        parse_age(text)
    assert str(raised.value).startswith("--baby-age ")


@pytest.mark.parametrize(
    ("text", "units"),
    [("ml", Units.ML), ("mL", Units.ML), ("oz", Units.OZ), ("OZ", Units.OZ), ("fl oz", Units.OZ)],
)
def test_units_parse_in_any_case(text: str, units: Units) -> None:
    """--units takes ml or oz, in any case."""
    assert parse_units(text) is units


def test_unknown_units_are_refused_with_the_choices() -> None:
    """--units cups says which units exist."""
    with pytest.raises(InputError, match="--units 'cups' is not known; use ml or oz"):
        parse_units("cups")


@pytest.mark.parametrize(
    ("environ", "units"),
    [
        pytest.param({"LANG": "en_US.UTF-8"}, Units.OZ, id="us"),
        pytest.param({"LANG": "es_US.UTF-8"}, Units.OZ, id="spanish-us"),
        pytest.param({"LANG": "en_LR"}, Units.OZ, id="liberia"),
        pytest.param({"LANG": "my_MM.UTF-8"}, Units.OZ, id="myanmar"),
        pytest.param({"LANG": "en_GB.UTF-8"}, Units.ML, id="uk"),
        pytest.param({"LANG": "en_CA.UTF-8"}, Units.ML, id="canada"),
        pytest.param({"LANG": "C.UTF-8"}, Units.ML, id="c-locale"),
        pytest.param({}, Units.ML, id="nothing-set"),
        pytest.param({"LC_ALL": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, Units.OZ, id="lc-all-wins"),
        pytest.param(
            {"LC_MEASUREMENT": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, Units.ML, id="measurement-wins"
        ),
        pytest.param({"LC_ALL": "", "LANG": "en_US.UTF-8"}, Units.OZ, id="empty-skipped"),
        pytest.param({"LANG": "en_US@euro"}, Units.OZ, id="modifier"),
    ],
)
def test_default_units_follow_the_locale_territory(environ: dict[str, str], units: Units) -> None:
    """US, Liberia and Myanmar measure in ounces; LC_ALL, then LC_MEASUREMENT, then LANG decide."""
    assert default_units(environ) is units
