"""Amounts of milk, a baby's age and lengths of time as values, and how a parent writes them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

ML_PER_OZ = 29.5735  # one US fluid ounce
MOST_PER_DAY_ML = 3000.0  # no baby drinks 3 L a day: a bigger value is a typo
MOST_PER_SESSION_ML = 500.0  # a bigger feed or pumping session is a typo too
LEAST_PER_DAY_ML = 30.0  # even a newborn's first day; less is a typo
LEAST_PER_SESSION_ML = 10.0  # two teaspoons; less is a typo


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


def format_volume(ml: float, units: Units, decimal: str = ".") -> str:
    """Return an amount rounded as a parent would write it: '750 mL', '4.5 L', '3.5 oz', '25 oz'.

    Millilitres round to the nearest 10 mL below a litre, then to a tenth of a
    litre ('9 L', not '9.0 L'). Ounces round to the nearest half ounce below
    10 oz (a bottle, '2.5 oz'), then to whole ounces (a day or a stash, '25 oz',
    '306 oz'). An amount above zero never shows as zero. ``decimal`` is the
    language's decimal sign.
    """
    if units is Units.OZ:
        oz = _half_up(ml / ML_PER_OZ, 0.5)
        if oz >= 10:
            oz = _half_up(ml / ML_PER_OZ, 1)
        return f"{_number(oz or (0.5 if ml > 0 else 0), decimal)} oz"
    tens = _half_up(ml, 10)
    if tens < 1000:
        return f"{_number(tens or (10 if ml > 0 else 0), decimal)} mL"
    return f"{_number(_half_up(ml / 1000, 0.1), decimal)} L"


def _half_up(value: float, step: float) -> float:
    """Round a non-negative value to a multiple of step, halves up (2.5 -> 3, not 2)."""
    # The small nudge keeps 0.25 L from reading as 0.2 L because 0.25 / 0.1 is 2.4999...
    return round(math.floor(max(value, 0.0) / step + 0.5 + 1e-9) * step, 6)


def _number(value: float, decimal: str) -> str:
    """Return '4.5' or '152' (no trailing '.0')."""
    text = f"{value:g}" if value < 1e5 else f"{value:.0f}"
    return text.replace(".", decimal)


def duration_text(span: timedelta) -> str:
    """Return a length as it is typed on the command line: '40m', '3h', '1h30m', '2d'."""
    minutes = round(span / timedelta(minutes=1))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [(days, "d"), (hours, "h"), (minutes, "m")]
    return "".join(f"{amount}{unit}" for amount, unit in parts if amount) or "0m"
