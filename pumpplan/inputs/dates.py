"""How a date she typed is read: the year it leaves out, her locale's day/month order, day words.

Nothing here guesses silently: whenever a reading could go two ways (3/4/2027), the reading
keeps a note saying which way it went, for the command line to show.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from pumpplan.errors import Phrase, shown
from pumpplan.i18n import locale_code

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A date without a year is the one of last year, this year or next year nearest to today:
# never more than half a year away, so "Tuesday's" date stays in the past and "Jan 5" in
# late November is next year's.
NEAREST = timedelta(days=183)
# Words dateutil does not know, as the times they mean; midnight is the start of its day.
TIME_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
_TIME_WORD = re.compile(r"\b(" + "|".join(TIME_WORDS) + r")\b", re.IGNORECASE)
# Day, month and maybe year in digits: '3/4', '3/4/2027', '7.12.2026' (not ISO's 2026-12-07).
_NUMERIC = re.compile(r"(?<![\d:])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?(?![\d:])")
_ISO = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}")


@dataclass
class Reading:
    """How to read numeric dates, and the notes that say how her input was read.

    ``dayfirst`` is True for --dayfirst, False for --monthfirst, None for her locale's order,
    which is looked up (with Babel) only when a numeric date is read.
    """

    dayfirst: bool | None = None
    environ: Mapping[str, str] = field(default_factory=dict)
    # Read Spanish day and month names too ('lunes 10:00', '7 dic'): the plan is in Spanish.
    spanish: bool = False
    notes: list[Phrase] = field(default_factory=list)
    _order: tuple[bool, str | Phrase] | None = None

    def order(self) -> tuple[bool, str | Phrase]:
        """Return whether 3/4 is the 3rd of April, and the reason, for a note."""
        if self.dayfirst is not None:
            return self.dayfirst, "--dayfirst" if self.dayfirst else "--monthfirst"
        if self._order is None:
            self._order = locale_order(self.environ)
        return self._order

    def note(self, text: Phrase) -> None:
        """Keep a note once, however often the same text is read."""
        if str(text) not in map(str, self.notes):
            self.notes.append(text)


def locale_order(environ: Mapping[str, str]) -> tuple[bool, str | Phrase]:
    """Return whether the locale (LC_ALL, LC_TIME, LANG) writes the day first, and why, per CLDR."""
    code = locale_code(environ, "LC_TIME")
    if not code:
        return False, Phrase("month first: no locale is set")
    from babel import Locale, UnknownLocaleError  # only when a numeric date is read

    try:
        pattern = Locale.parse(code).date_formats["short"].pattern
    except (UnknownLocaleError, ValueError, TypeError):
        return False, Phrase("month first: the locale {locale} is unknown", locale=shown(code))
    dayfirst = 0 <= pattern.find("d") < pattern.find("M")
    if dayfirst:
        return True, Phrase("day first, as your locale {locale} writes dates", locale=code)
    return False, Phrase("month first, as your locale {locale} writes dates", locale=code)


def is_iso(text: str) -> bool:
    """Return whether the text starts with an ISO date, which is never day first."""
    return bool(_ISO.match(text))


def numeric_date(text: str) -> re.Match[str] | None:
    """Return the digits-only date in the text ('3/4/2027'), if it has one."""
    if is_iso(text):
        return None
    found = _NUMERIC.search(text)
    if found and (found[2] == "/" or found[4]):  # '10.30' alone is no date
        return found
    return None


def note_order(found: re.Match[str], reading: Reading, dayfirst: bool, why: str | Phrase) -> None:
    """Note how a numeric date whose both numbers could be a month was read."""
    one, two = int(found[1]), int(found[3])
    if one == two or one > 12 or two > 12 or not (one and two):
        return
    year = int(found[4]) if found[4] else None
    if year is not None and year < 100:
        year += 2000
    month, day = (two, one) if dayfirst else (one, two)
    other = "--monthfirst" if dayfirst else "--dayfirst"
    reading.note(
        Phrase(
            "read {value} as {day} ({why}); {other} reads it as {then}",
            value=shown(found[0]),
            day=_day(year, month, day),
            why=why,
            other=other,
            then=_day(year, day, month),
        )
    )


def _day(year: int | None, month: int, day: int) -> Phrase:
    """Return 'Wed Mar 4 2027', or 'Mar 4' without a year."""
    if year is None:
        return Phrase("{month:%b} {day}", month=date(2000, month, 1), day=day)
    try:
        return Phrase("{day:%a %b %-d %Y}", day=date(year, month, day))
    except ValueError:
        return Phrase("{month:%b} {day} {year}", month=date(2000, month, 1), day=day, year=year)


def time_words(text: str) -> str:
    """Return the text with 'noon' and 'midnight' written as clock times."""
    return _TIME_WORD.sub(lambda m: TIME_WORDS[m[1].lower()], text)


def nearest(month: int, day: int, today: date) -> date | None:
    """Return the date with this month and day nearest to today, None if none is within half a year."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # Feb 29 outside a leap year
            continue
    if not candidates:
        return None
    # On a tie (half a year either way) the future wins.
    best = min(candidates, key=lambda d: (abs(d - today), d < today))
    return best if abs(best - today) <= NEAREST else None


def day_word(tokens: list[str], today: date) -> tuple[date, str, list[str]] | None:
    """Find a day word among the tokens: its date, the words themselves, and the other tokens.

    Day words: 'today', 'tomorrow', 'yesterday', a weekday (the next one, never today),
    'next <weekday>' (the same), 'last <weekday>' (the latest one before today).
    """
    words = [token.lower().strip(".,") for token in tokens]
    for index, word in enumerate(words):
        fixed = {"today": 0, "tomorrow": 1, "yesterday": -1}.get(word)
        if fixed is not None:
            return today + timedelta(days=fixed), word, tokens[:index] + tokens[index + 1 :]
        weekday = weekday_number(word)
        if weekday is None:
            continue
        before = words[index - 1] if index else ""
        start = index - 1 if before in ("next", "last") else index
        rest = tokens[:start] + tokens[index + 1 :]
        if before == "last":
            back = (today.weekday() - weekday - 1) % 7 + 1
            return today - timedelta(days=back), f"last {word}", rest
        ahead = (weekday - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead), word, rest
    return None


def weekday_number(word: str, *, shortest: int = 3) -> int | None:
    """Return the weekday a word names ('mon', 'Tuesday'), Monday = 0; None if it names none or two."""
    found = [i for i, name in enumerate(WEEKDAYS) if len(word) >= shortest and name.startswith(word)]
    return found[0] if len(found) == 1 else None
