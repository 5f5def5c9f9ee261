"""A repeating course is searched within bounds: a rule that never matches ends fast, in one message."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from pumpplan.errors import InputError
from pumpplan.inputs.series import from_rrule
from tests.helpers import LA

FIRST = datetime(2026, 12, 7, 18, tzinfo=UTC)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        pytest.param(
            "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30",
            "--rrule 'FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30' repeats secondly; infusions repeat "
            "DAILY, WEEKLY, MONTHLY or YEARLY",
            id="secondly-never",
        ),
        pytest.param("FREQ=MINUTELY;COUNT=3", "repeats minutely", id="minutely"),
        pytest.param("FREQ=HOURLY;COUNT=3", "repeats hourly", id="hourly"),
        pytest.param(
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3",
            "names no day that exists (BYMONTHDAY with BYMONTH); check the days",
            id="february-30",
        ),
        pytest.param(
            "FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=31;COUNT=3", "names no day that exists", id="april-31"
        ),
        pytest.param(
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=3",
            "the series does not reach COUNT=3 within 10 years; end it sooner",
            id="rare-match",
        ),
        pytest.param("FREQ=DAILY;BYHOUR=1,2,3;COUNT=3", "BYHOUR is not used for infusions", id="byhour"),
        pytest.param(
            "FREQ=DAILY;INTERVAL=0;COUNT=3",
            "INTERVAL=0 must be a whole number from 1, e.g. INTERVAL=2",
            id="interval-0-was-listed-twice",
        ),
        pytest.param("FREQ=YEARLY;COUNT=5000", "does not reach COUNT=5000 within 10 years", id="yearly-5000"),
        pytest.param("FREQ=WEEKLY;UNTIL=20400101", "runs more than 10 years; end it sooner", id="until-far"),
        pytest.param(
            "FREQ=DAILY;BYSETPOS=2;COUNT=3", "BYSETPOS picks more days than the rule gives", id="setpos"
        ),
        pytest.param(
            "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=9;COUNT=3", "BYSETPOS picks more days", id="setpos-weekly"
        ),
        pytest.param("COUNT=3", "is not a recurrence rule; write e.g. 'FREQ=WEEKLY", id="no-freq"),
    ],
)
def test_a_rule_that_could_search_for_long_is_refused_at_once(rule: str, message: str) -> None:
    """Each refusal names the rule's problem and takes well under a second (these took 10 s to hours)."""
    began = time.monotonic()
    with pytest.raises(InputError) as caught:
        from_rrule(FIRST, rule, LA)
    assert time.monotonic() - began < 2
    assert message in str(caught.value)
    assert "rrule.__init__" not in str(caught.value)


def test_a_monthly_course_within_the_bounds_is_expanded() -> None:
    """The bounds leave real courses alone: six monthly infusions."""
    course = from_rrule(FIRST, "FREQ=MONTHLY;COUNT=6", LA)
    assert [t.month for t in course] == [12, 1, 2, 3, 4, 5]
