"""Whether she is in the United States, where the national support lines answer."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.resources import files

from pumpplan.i18n import locale_code


@cache
def _us_zones() -> frozenset[str]:
    """Return the IANA zones of the United States, from the zone database's own table."""
    table = files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return frozenset(row[2] for row in rows if len(row) > 2 and row[0] == "US")


def in_united_states(zone: str, environ: Mapping[str, str]) -> bool:
    """Return whether the plan's zone is a US zone, or the locale is a US one (en_US, es_US)."""
    if zone in _us_zones() or zone.startswith("US/"):
        return True
    return locale_code(environ).partition("_")[2].upper() == "US"
