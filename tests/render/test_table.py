"""The terminal table: its width, its colour only on request, its sections."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pumpplan import i18n
from pumpplan.core.model import Plan
from pumpplan.render import table
from pumpplan.render.report import Report
from tests.helpers import SIX, make_plan, text


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


PLANS = {
    "six-in-los-angeles": lambda: make_plan(*SIX),
    "a-year-every-third-day": lambda: make_plan(
        *(f"{date(2030, 1, 7) + timedelta(days=3 * n)} 10:00" for n in range(40))
    ),
    "back-to-back-merged": lambda: make_plan("2030-12-02 10:00", "2030-12-03 10:00", "2030-12-03 23:30"),
    "one-infusion": lambda: make_plan("2030-12-02 10:00"),
}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("width", "color"), [(100, False), (100, True), (table.NARROW, False), (76, True)])
@pytest.mark.parametrize("name", PLANS)
def test_a_schedule_drawn_by_distinct_rows_is_the_table_rich_draws_whole(
    name: str, width: int, color: bool, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drawn once per distinct row, the schedule is byte for byte the one rich draws row by row."""
    i18n.use(language)
    try:
        report = Report(PLANS[name]())
        monkeypatch.setattr(table, "REPEATS", 10**9)  # never: rich draws every row
        whole = text(report, "table", width=width, color=color)
        monkeypatch.setattr(table, "REPEATS", 1)  # always, even where few rows repeat
        drawn: list[int] = []
        schedule = table._schedule
        monkeypatch.setattr(table, "_schedule", lambda rows: drawn.append(len(rows)) or schedule(rows))
        assert text(report, "table", width=width, color=color) == whole
        assert len(drawn) == 1  # one table of the distinct rows: the layout was as expected
        assert drawn[0] < len(table._rows(report.plan)) + 1
    finally:
        i18n.use("en")
