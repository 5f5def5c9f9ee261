"""Translations: gettext catalogues under pumpplan/locale, one language per run."""

from __future__ import annotations

import gettext
from collections.abc import Mapping
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
        raise InputError(f"--lang {shown(language)} is not available; use one of {', '.join(LANGUAGES)}")
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


def _(message: str) -> str:
    """Return a message in the language in use."""
    return _catalogue.gettext(message)


def n_(singular: str, plural: str, count: int) -> str:
    """Return the singular or plural form of a message for a count."""
    return _catalogue.ngettext(singular, plural, count)


def p_(context: str, message: str) -> str:
    """Return a message whose meaning depends on a context, such as 'weekday' for 'Mon'."""
    return _catalogue.pgettext(context, message)
