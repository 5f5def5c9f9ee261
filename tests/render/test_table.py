"""The terminal table: its width, its colour only on request, its sections."""

from __future__ import annotations

from pumpplan.core.model import Plan
from pumpplan.render.report import Report
from tests.helpers import text


def test_the_table_fits_the_width_it_is_given(course: Plan) -> None:
    """Every line fits the terminal's width."""
    for width in (80, 120):
        lines = text(Report(course), "table", width=width).splitlines()
        assert max(len(line) for line in lines) <= width


def test_colour_codes_only_when_asked(course: Plan) -> None:
    """No escape codes for a pipe; colour for a terminal."""
    assert "\x1b[" not in text(Report(course), "table")
    assert "\x1b[" in text(Report(course), "table", color=True)


def test_the_table_has_the_schedule_the_summary_and_the_disclaimer(course: Plan) -> None:
    """The summary, each day, the resume and the disclaimer are all there."""
    table = text(Report(course), "table")
    for shown in (
        "Breastfeeding resumes",
        "Mon Dec 2",
        "Sun Dec 15",
        "Resume breastfeeding",
        "Not medical advice",
    ):
        assert shown in table
