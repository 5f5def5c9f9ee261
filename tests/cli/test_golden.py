"""Every output, byte for byte, for the README's kinds of plan: a refactoring must not change one.

The files under ``tests/cli/golden/`` are what the command printed when they were made. A change
that is meant to alter an output regenerates them (``PUMPPLAN_UPDATE_GOLDEN=1 pytest
tests/cli/test_golden.py``) and the commit shows the difference for review. Dates lie in 2030
so that no "in the past" warning appears; the export stamp and the printing date, which follow
the clock, are blanked before comparing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pumpplan.cli import app

GOLDEN = Path(__file__).parent / "golden"
LA = ["--tz", "America/Los_Angeles"]
COURSE = ["2030-12-02 10:00", "--every", "mon,wed,fri", "--count", "6", *LA]
# The README's examples, with fixed dates.
PLANS = {
    "two": ["plan", "2030-12-02 10:00", "2030-12-04 10:00", *LA],
    "course": ["plan", *COURSE, "--name", "Maria Lopez", "--clinic", "Westside Infusion, 555-0100"],
    "short-rule": ["plan", "2030-12-03 09:30", "--dump-hours", "24", *LA],
    "quiet": [
        "plan",
        "2030-12-02 10:00",
        "--rrule",
        "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4",
        "--quiet",
        "23:00-06:00",
        *LA,
    ],
    "spanish": ["plan", "2030-12-02 10:00", "--lang", "es", "--name", "María <b>", *LA],
    "clock-change": ["plan", "2030-11-01 10:00", "2030-11-04 10:00", "--alarm", "15m", *LA],
    "stash-plan": ["plan", *COURSE, "--intake", "750ml", "--start-pumping", "2030-11-25"],
    "stash": [
        "stash",
        "2030-12-02 10:00",
        "--every",
        "mon,thu",
        "--count",
        "6",
        "--start-pumping",
        "2030-11-25",
        "--units",
        "oz",
        *LA,
    ],
}
FORMATS = ["table", "plain", "markdown", "csv", "json", "ics", "html"]
VOLATILE = [
    (re.compile(rb"^(DTSTAMP|SEQUENCE):.*\r$", re.MULTILINE), rb"\1:-\r"),
    (re.compile(rb"(<dt>(?:Printed|Impreso)</dt><dd>)[^<]*(</dd>)"), rb"\1-\2"),
]


def cases() -> list[tuple[str, str]]:
    """Return every (plan, format) pair the command writes."""
    pairs = [(name, fmt) for name in PLANS for fmt in FORMATS]
    return [(name, fmt) for name, fmt in pairs if (PLANS[name][0], fmt) != ("stash", "csv")]


def steady(output: bytes) -> bytes:
    """Blank what follows the clock: the calendar's stamp and sequence, the handout's printing date."""
    for pattern, replacement in VOLATILE:
        output = pattern.sub(replacement, output)
    return output


@pytest.mark.parametrize(("name", "fmt"), cases())
def test_output_is_byte_identical_to_its_golden_file(name: str, fmt: str) -> None:
    """The command prints exactly what it printed when the golden file was made."""
    result = CliRunner().invoke(app, [*PLANS[name], "--format", fmt])
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / f"{name}.{fmt}"
    output = steady(result.stdout_bytes)
    if os.environ.get("PUMPPLAN_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(output)
    assert output == golden.read_bytes()
