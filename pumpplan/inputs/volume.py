"""Amounts of milk and a baby's age: parsed from the user's text, shown as a parent would write them."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from pumpplan.errors import InputError, reject_control_chars, shown
from pumpplan.i18n import p_

ML_PER_OZ = 29.5735  # one US fluid ounce
MOST_PER_DAY_ML = 3000.0  # no baby drinks 3 L a day: a bigger value is a typo
MOST_PER_SESSION_ML = 500.0  # a bigger feed or pumping session is a typo too
LEAST_PER_DAY_ML = 30.0  # even a newborn's first day; less is a typo
LEAST_PER_SESSION_ML = 10.0  # two teaspoons; less is a typo
# Territories whose people measure milk in US fluid ounces (the locale's territory, e.g. en_US).
OZ_TERRITORIES = frozenset({"US", "LR", "MM"})

_AMOUNT = r"(?P<n>\d+(?:\.\d*)?|\.\d+)"
_VOLUME = re.compile(
    _AMOUNT + r"\s*(?P<unit>ml|millilit(?:er|re)s?|l|lit(?:er|re)s?|(?:fl\.?\s*)?oz|(?:fluid\s+)?ounces?)",
    re.IGNORECASE,
)
_AGE = re.compile(_AMOUNT + r"\s*(?P<unit>mos?|months?|w|wks?|weeks?)", re.IGNORECASE)


class Units(StrEnum):
    """How amounts of milk are shown: millilitres or US fluid ounces."""

    ML = "ml"
    OZ = "oz"


class AgeUnit(StrEnum):
    """The unit a baby's age was given in."""

    MONTHS = "months"
    WEEKS = "weeks"


@dataclass(frozen=True)
class Age:
    """A baby's age as the parent gave it: '3mo' is 3 months, '10w' is 10 weeks."""

    amount: float
    unit: AgeUnit


def parse_volume(
    text: str,
    option: str,
    *,
    least: float = LEAST_PER_DAY_ML,
    most: float = MOST_PER_DAY_ML,
    example: str = "'750ml' or '25oz'",
) -> float:
    """Parse '750ml', '750 mL', '25oz', '25 fl oz' or '0.75l' into millilitres."""
    compact = reject_control_chars(text, option).strip()
    if compact.startswith("-"):
        raise InputError(f"{option} {shown(text)} must be more than zero, e.g. {example}")
    if re.fullmatch(r"\+?" + _AMOUNT, compact):
        raise InputError(f"{option} {shown(text)} needs a unit, ml or oz; write e.g. {example}")
    match = _VOLUME.fullmatch(compact.lstrip("+"))
    if match is None:
        raise InputError(f"{option} {shown(text)} is not an amount of milk; write e.g. {example}")
    ml = float(match["n"]) * _ml_per(match["unit"].lower())
    if ml <= 0:
        raise InputError(f"{option} {shown(text)} must be more than zero, e.g. {example}")
    if ml < least:
        limit = f"{format_volume(least, Units.ML)} ({format_volume(least, Units.OZ)})"
        raise InputError(f"{option} {shown(text)} is less than {limit}; check the value, e.g. {example}")
    if ml > most:
        limit = f"{format_volume(most, Units.ML)} ({format_volume(most, Units.OZ)})"
        raise InputError(f"{option} {shown(text)} is more than {limit}; check the value, e.g. {example}")
    return ml


def _ml_per(unit: str) -> float:
    """Return how many millilitres one of a unit holds."""
    if "oz" in unit or "ounce" in unit:
        return ML_PER_OZ
    if unit.startswith("l"):
        return 1000.0
    return 1.0


def parse_age(text: str, option: str = "--baby-age") -> Age:
    """Parse a baby's age written as '3mo', '3 months', '10w' or '6 weeks'."""
    compact = reject_control_chars(text, option).strip()
    example = "'3mo' or '10w'"
    if compact.startswith("-"):
        raise InputError(f"{option} {shown(text)} must be more than zero, e.g. {example}")
    if re.fullmatch(_AMOUNT, compact):
        raise InputError(f"{option} {shown(text)} needs a unit, months or weeks; write e.g. {example}")
    match = _AGE.fullmatch(compact)
    if match is None:
        raise InputError(f"{option} {shown(text)} is not an age; write e.g. {example}")
    amount = float(match["n"])
    if amount <= 0:
        raise InputError(f"{option} {shown(text)} must be more than zero, e.g. {example}")
    unit = AgeUnit.WEEKS if match["unit"].lower().startswith("w") else AgeUnit.MONTHS
    return Age(amount, unit)


def parse_units(text: str, option: str = "--units") -> Units:
    """Parse 'ml' or 'oz' (any case, 'fl oz' too)."""
    word = reject_control_chars(text, option).strip().lower().replace(" ", "").replace(".", "")
    if word in {"ml", "l", "metric"}:
        return Units.ML
    if word in {"oz", "floz", "us"}:
        return Units.OZ
    raise InputError(f"{option} {shown(text)} is not known; use ml or oz")


def default_units(environ: Mapping[str, str]) -> Units:
    """Return the units the locale measures in: US fl oz in the US, Liberia and Myanmar, else mL."""
    for variable in ("LC_ALL", "LC_MEASUREMENT", "LANG"):
        value = environ.get(variable, "")
        if value:
            territory = value.split(".")[0].split("@")[0].partition("_")[2]
            return Units.OZ if territory.upper() in OZ_TERRITORIES else Units.ML
    return Units.ML


def format_volume(ml: float, units: Units) -> str:
    """Return an amount rounded as a parent would write it: '750 mL', '4.5 L', '3.5 oz', '25 oz'.

    Millilitres round to the nearest 10 mL below a litre, then to a tenth of a
    litre ('9 L', not '9.0 L'). Ounces round to the nearest half ounce below
    10 oz (a bottle, '2.5 oz'), then to whole ounces (a day or a stash, '25 oz',
    '306 oz'). An amount above zero never shows as zero.
    """
    if units is Units.OZ:
        oz = _half_up(ml / ML_PER_OZ, 0.5)
        if oz >= 10:
            oz = _half_up(ml / ML_PER_OZ, 1)
        return f"{_number(oz or (0.5 if ml > 0 else 0))} oz"
    tens = _half_up(ml, 10)
    if tens < 1000:
        return f"{_number(tens or (10 if ml > 0 else 0))} mL"
    return f"{_number(_half_up(ml / 1000, 0.1))} L"


def _half_up(value: float, step: float) -> float:
    """Round a non-negative value to a multiple of step, halves up (2.5 -> 3, not 2)."""
    # The small nudge keeps 0.25 L from reading as 0.2 L because 0.25 / 0.1 is 2.4999...
    return round(math.floor(max(value, 0.0) / step + 0.5 + 1e-9) * step, 6)


def _number(value: float) -> str:
    """Return '4.5' or '152' (no trailing '.0'), with the decimal sign of the language in use."""
    text = f"{value:g}" if value < 1e5 else f"{value:.0f}"
    # Translators: the sign between whole and decimal parts, as in 4.5 L; a comma in Spanish.
    return text.replace(".", p_("decimal sign", "."))
