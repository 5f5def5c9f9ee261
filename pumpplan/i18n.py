"""Translations: gettext catalogues under pumpplan/locale, one language per run."""

from __future__ import annotations

import gettext
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from pumpplan.errors import InputError, shown

DOMAIN = "pumpplan"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "es")
_catalogue: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def use(language: str) -> gettext.NullTranslations:
    """Translate every following message into a language pumpplan knows ('en' or 'es').

    Returns the catalogue in use, to which a fallback for missing messages may be added.
    """
    global _catalogue, _language
    if language not in LANGUAGES:
        # Said in English: the language to say it in is the one that is not known.
        raise InputError(
            "--lang {value} is not available; use one of {languages}",
            value=shown(language), languages=", ".join(LANGUAGES),
        )  # fmt: skip
    if language == "en":
        _catalogue = gettext.NullTranslations()
    else:
        _catalogue = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    _language = language
    return _catalogue


def language() -> str:
    """Return the language in use."""
    return _language


def from_environment(environ: Mapping[str, str]) -> str:
    """Return the language the locale variables ask for, if pumpplan has it, else English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        for item in value.split(":"):
            code = item.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
        if value:
            return "en"
    return "en"


def locale_code(environ: Mapping[str, str], *categories: str) -> str:
    """Return the locale a category follows (LC_ALL, the category, then LANG) as 'en_US', or ''.

    '' for no locale: none set, or C or POSIX, which set no conventions.
    """
    name = next((environ[v] for v in ("LC_ALL", *categories, "LANG") if environ.get(v)), "")
    code = name.split(".")[0].split("@")[0]
    return "" if code in ("C", "POSIX") else code


def _(message: str) -> str:
    """Return a message in the language in use."""
    return _catalogue.gettext(message)


def n_(singular: str, plural: str, count: int) -> str:
    """Return the singular or plural form of a message for a count."""
    return _catalogue.ngettext(singular, plural, count)


def p_(context: str, message: str) -> str:
    """Return a message whose meaning depends on a context, such as 'weekday' for 'Mon'."""
    return _catalogue.pgettext(context, message)


# strftime's names of days and months, which Python writes in English whatever the language.
_NAMES = re.compile(r"%[aAb]")


class Dated:
    """A date or time whose format (``%a %b %-d``) names its day and month in the language in use."""

    def __init__(self, value: date) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        named = _NAMES.sub(lambda found: _name(found[0], self.value).replace("%", "%%"), spec)
        return format(self.value, named)


def dated(value: date) -> Dated:
    """Return a date or time for a message, to be written in the language in use."""
    return Dated(value)


def _name(code: str, value: date) -> str:
    """Return what strftime's %a, %A or %b writes for a day, in the language in use."""
    if code == "%b":
        return month(value)
    return weekday(value) if code == "%a" else weekday_name(value)


def weekday(moment: date) -> str:
    """Return the short weekday name, 'Mon'."""
    names = (
        p_("weekday", "Mon"), p_("weekday", "Tue"), p_("weekday", "Wed"), p_("weekday", "Thu"),
        p_("weekday", "Fri"), p_("weekday", "Sat"), p_("weekday", "Sun"),
    )  # fmt: skip
    return names[moment.weekday()]


def weekday_name(moment: date) -> str:
    """Return the full weekday name, 'Monday'."""
    names = (
        p_("weekday", "Monday"), p_("weekday", "Tuesday"), p_("weekday", "Wednesday"),
        p_("weekday", "Thursday"), p_("weekday", "Friday"), p_("weekday", "Saturday"),
        p_("weekday", "Sunday"),
    )  # fmt: skip
    return names[moment.weekday()]


def month(moment: date) -> str:
    """Return the short month name, 'Dec'."""
    names = (
        p_("month", "Jan"), p_("month", "Feb"), p_("month", "Mar"), p_("month", "Apr"),
        p_("month", "May"), p_("month", "Jun"), p_("month", "Jul"), p_("month", "Aug"),
        p_("month", "Sep"), p_("month", "Oct"), p_("month", "Nov"), p_("month", "Dec"),
    )  # fmt: skip
    return names[moment.month - 1]
