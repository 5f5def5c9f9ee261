"""Amounts of milk, a baby's age and units, read from what the user typed."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pumpplan.core.units import (
    LEAST_PER_DAY_ML,
    ML_PER_OZ,
    MOST_PER_DAY_ML,
    Age,
    AgeUnit,
    Units,
    format_volume,
)
from pumpplan.errors import InputError, Phrase, reject_control_chars, shown
from pumpplan.i18n import locale_code

# Territories whose people measure milk in US fluid ounces (the locale's territory, e.g. en_US).
OZ_TERRITORIES = frozenset({"US", "LR", "MM"})

_AMOUNT = r"(?P<n>\d+(?:\.\d*)?|\.\d+)"
_VOLUME = re.compile(
    _AMOUNT + r"\s*(?P<unit>ml|millilit(?:er|re)s?|l|lit(?:er|re)s?|(?:fl\.?\s*)?oz|(?:fluid\s+)?ounces?)",
    re.IGNORECASE,
)
# In English or Spanish: '3mo', '10 weeks', '3 meses', '10 semanas'.
_AGE = re.compile(
    _AMOUNT + r"\s*(?P<unit>mos?|months?|w|wks?|weeks?|mes(?:es)?|sem(?:anas?)?)", re.IGNORECASE
)


def parse_volume(
    text: str,
    option: str,
    *,
    least: float = LEAST_PER_DAY_ML,
    most: float = MOST_PER_DAY_ML,
    example: str | Phrase | None = None,
) -> float:
    """Parse '750ml', '750 mL', '25oz', '25 fl oz' or '0.75l' into millilitres."""
    compact = reject_control_chars(text, option).strip()
    given = {"option": option, "value": shown(text), "example": example or Phrase("'750ml' or '25oz'")}
    if compact.startswith("-"):
        raise InputError("{option} {value} must be more than zero, e.g. {example}", **given)
    if re.fullmatch(r"\+?" + _AMOUNT, compact):
        raise InputError("{option} {value} needs a unit, ml or oz; write e.g. {example}", **given)
    match = _VOLUME.fullmatch(compact.lstrip("+"))
    if match is None:
        raise InputError("{option} {value} is not an amount of milk; write e.g. {example}", **given)
    ml = float(match["n"]) * _ml_per(match["unit"].lower())
    if ml <= 0:
        raise InputError("{option} {value} must be more than zero, e.g. {example}", **given)
    if ml < least:
        limit = f"{format_volume(least, Units.ML)} ({format_volume(least, Units.OZ)})"
        raise InputError(
            "{option} {value} is less than {limit}; check the value, e.g. {example}", **given, limit=limit
        )
    if ml > most:
        limit = f"{format_volume(most, Units.ML)} ({format_volume(most, Units.OZ)})"
        raise InputError(
            "{option} {value} is more than {limit}; check the value, e.g. {example}", **given, limit=limit
        )
    return ml


def _ml_per(unit: str) -> float:
    """Return how many millilitres one of a unit holds."""
    if "oz" in unit or "ounce" in unit:
        return ML_PER_OZ
    if unit.startswith("l"):
        return 1000.0
    return 1.0


def parse_age(text: str, option: str = "--baby-age") -> Age:
    """Parse a baby's age written as '3mo', '3 months', '10w' or '6 weeks' ('3 meses', '10 semanas')."""
    compact = reject_control_chars(text, option).strip()
    given = {"option": option, "value": shown(text), "example": Phrase("'3mo' or '10w'")}
    if compact.startswith("-"):
        raise InputError("{option} {value} must be more than zero, e.g. {example}", **given)
    if re.fullmatch(_AMOUNT, compact):
        raise InputError("{option} {value} needs a unit, months or weeks; write e.g. {example}", **given)
    match = _AGE.fullmatch(compact)
    if match is None:
        raise InputError("{option} {value} is not an age; write e.g. {example}", **given)
    amount = float(match["n"])
    if amount <= 0:
        raise InputError("{option} {value} must be more than zero, e.g. {example}", **given)
    unit = AgeUnit.WEEKS if match["unit"].lower().startswith(("w", "s")) else AgeUnit.MONTHS
    return Age(amount, unit)


def parse_units(text: str, option: str = "--units") -> Units:
    """Parse 'ml' or 'oz' (any case, 'fl oz' too)."""
    word = reject_control_chars(text, option).strip().lower().replace(" ", "").replace(".", "")
    if word in {"ml", "l", "metric"}:
        return Units.ML
    if word in {"oz", "floz", "us"}:
        return Units.OZ
    raise InputError("{option} {value} is not known; use ml or oz", option=option, value=shown(text))


def default_units(environ: Mapping[str, str]) -> Units:
    """Return the units the locale measures in: US fl oz in the US, Liberia and Myanmar, else mL."""
    territory = locale_code(environ, "LC_MEASUREMENT").partition("_")[2]
    return Units.OZ if territory.upper() in OZ_TERRITORIES else Units.ML
