"""Plain text, Markdown and CSV, through the renderers' one interface."""

from __future__ import annotations

import csv
import io

from pumpplan.core.model import Plan
from pumpplan.core.stash import plan_stash
from pumpplan.render.report import Report, Section
from tests.helpers import text


def test_csv_has_one_row_per_event_under_its_header(course: Plan) -> None:
    """The CSV is pure data: its header, then each event with its kind, in order."""
    rows = list(csv.reader(io.StringIO(text(Report(course), "csv"))))
    assert rows[0] == ["date", "weekday", "start", "end", "kind", "milk", "title"]
    assert [row[4] for row in rows[1:]] == [event.kind.value for event in course.events]


def test_markdown_shows_user_text_as_typed(course: Plan) -> None:
    """A name with Markdown's special characters is escaped, so it shows as written."""
    page = text(Report(course, patient="Ana *Ruiz* [x]"), "markdown")
    assert "- **For:** Ana \\*Ruiz\\* \\[x\\]" in page


def test_the_stash_command_shows_storage_instead_of_the_schedule(course: Plan) -> None:
    """Without the schedule section, plain text has no day-by-day list, but the storage."""
    from datetime import date

    stash = plan_stash(course, intake_ml=750, start_pumping=date(2030, 11, 25))
    schedule = text(Report(course), "plain")
    detail = text(Report(course, stash=stash, sections=frozenset({Section.STASH, Section.STORAGE})), "plain")
    assert "Pump and discard the milk" in schedule
    assert "Pump and discard the milk" not in detail
    assert "Fridge, 40 °F (4 °C): up to 4 days." in detail
