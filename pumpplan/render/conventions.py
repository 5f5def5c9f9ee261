"""How her locale writes times and numbers: 12- or 24-hour clock, decimal sign, zone names.

The formats she reads (the table, text, the handout and the calendar's descriptions) take
them from CLDR, through Babel, imported only then; JSON and CSV, read by programs, keep the
defaults and never load Babel.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from zoneinfo import ZoneInfo

# A Spanish reader with no locale: Latin American conventions, as a clinic in Los Angeles prints.
_DEFAULT_TERRITORY = {"es": "419"}


@dataclass(frozen=True)
class Conventions:
    """How times and numbers are written: the clock, the decimal sign, the locale of zone names.

    ``zone_locale`` None writes a zone by its IANA name, 'America/Los_Angeles'.
    """

    clock12: bool = False
    decimal: str = "."
    zone_locale: str | None = None


# Conventions is frozen, so one shared default is safe.
_current: ContextVar[Conventions] = ContextVar("conventions", default=Conventions())  # noqa: B039


def current() -> Conventions:
    """Return the conventions in use."""
    return _current.get()


def for_locale(code: str, language: str, clock: int | None = None) -> Conventions:
    """Return the conventions of a locale per CLDR, zone names in ``language``; ``clock`` overrides."""
    from babel import Locale, UnknownLocaleError  # only for a human format
    from babel.numbers import get_decimal_symbol

    try:
        locale = Locale.parse(code) if code else None
    except (UnknownLocaleError, ValueError, TypeError):
        locale = None
    if locale is None:  # no locale: the 24-hour clock and a point, as POSIX writes them
        clock12, decimal = False, "."
        territory = _DEFAULT_TERRITORY.get(language)
    else:
        clock12 = any(letter in locale.time_formats["short"].pattern for letter in "hK")
        decimal = get_decimal_symbol(locale)
        territory = locale.territory
    names = language
    if territory:
        try:
            names = str(Locale.parse(f"{language}_{territory}"))
        except (UnknownLocaleError, ValueError):
            names = language
    return Conventions(clock12 if clock is None else clock == 12, decimal, names)


@contextmanager
def using(conventions: Conventions) -> Iterator[None]:
    """Write times and numbers by these conventions while rendering."""
    token = _current.set(conventions)
    try:
        yield
    finally:
        _current.reset(token)


def zone_name(zone: ZoneInfo) -> str:
    """Return a zone as people say it, 'Pacific Time (Los Angeles)', else its IANA name."""
    names = current().zone_locale
    if zone.key in _UTC:
        return "UTC"
    if names is None or zone.key.startswith(("UTC", "Etc/")) or "/" not in zone.key:
        return zone.key
    from babel import Locale
    from babel.core import get_global
    from babel.dates import get_timezone_location, get_timezone_name

    metazone = get_global("meta_zones").get(get_global("zone_aliases").get(zone.key, zone.key))
    if "generic" not in Locale.parse(names).meta_zones.get(metazone, {}).get("long", {}):
        # Named after its country, 'hora de Reino Unido': Babel's Latin American Spanish data has
        # the summer form there ('hora de verano de Reino Unido', even for India), the language's not.
        names = names.split("_")[0]
    generic = get_timezone_name(zone, "long", locale=names, zone_variant="generic")
    city = get_timezone_location(zone, locale=current().zone_locale, return_city=True)
    if not generic or city in generic:
        return generic or zone.key
    return f"{generic} ({city})"


# The names of coordinated universal time, which people write 'UTC'.
_UTC = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"})
