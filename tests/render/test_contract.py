"""The JSON contract: the plan and the milk stash, read back by json."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as hs

from pumpplan import i18n
from pumpplan.core.model import Plan
from pumpplan.core.stash import (
    INTAKE_RANGE_ML,
    TYPICAL_INTAKE_ML,
    plan_stash,
)
from pumpplan.render import RenderOptions, contract
from pumpplan.render.contract import dumps, plan_document, render_json, stash_document
from pumpplan.render.report import Report, Section


def test_the_json_stash_is_millilitres_and_iso_dates(course: Plan) -> None:
    """stash_document survives json and reads back in mL with ISO dates and the plan's offsets."""
    stash = plan_stash(
        course, intake_ml=TYPICAL_INTAKE_ML, intake_range=INTAKE_RANGE_ML, start_pumping=date(2030, 11, 25)
    )
    document = json.loads(json.dumps(stash_document(stash, course)))
    assert document["intake_ml_per_day"] == 750
    assert document["intake_range_ml_per_day"] == [570, 900]
    assert document["total_need_ml"] == 9041.7
    assert [w["start"] for w in document["windows"]] == [
        "2030-12-02T10:00:00-08:00",
        "2030-12-09T10:00:00-08:00",
    ]
    assert [w["feeds"] for w in document["windows"]] == [51, 51]
    assert document["windows"][0]["days"][0] == {"date": "2030-12-02", "need_ml": 437.5}
    build = document["build_up"]
    assert (build["start"], build["end"], build["days"], build["met"]) == (
        "2030-11-25",
        "2030-12-01",
        7,
        False,
    )
    assert (build["extra_sessions_per_day"], build["expected_ml"], build["runs_out"]) == (
        3,
        630,
        "2030-12-03",
    )
    assert build["shortfall_ml"] == 8411.7
    assert document["storage"][0] == {
        "pumped": "2030-11-25", "ml": 90, "storage": "freezer", "used": "2030-12-02", "use_by": "2031-05-24",
        "freeze_on": "2030-11-25", "freeze_by": "2030-11-25", "thaw_on": "2030-12-01",
    }  # fmt: skip
    assert document["limits"]["fridge_days"] == 4
    assert sum(p["ml"] for p in document["storage"]) == pytest.approx(630, abs=0.5)


SCHEDULE_AND_STASH = frozenset({Section.SCHEDULE, Section.STASH})
SCALARS = hs.one_of(hs.none(), hs.booleans(), hs.integers(), hs.floats(allow_nan=False), hs.text(max_size=8))
DOCUMENTS = hs.recursive(
    SCALARS,
    lambda inner: hs.one_of(
        hs.lists(inner, max_size=4),
        hs.dictionaries(hs.text(max_size=6), inner, max_size=4),
        hs.lists(hs.dictionaries(hs.text(max_size=6), SCALARS, min_size=1, max_size=4), max_size=4),
    ),
    max_leaves=30,
)


@given(DOCUMENTS)
def test_dumps_is_json_dumps_with_an_indent(document: object) -> None:
    """Any document with string keys (lists of flat objects, empties, quotes, braces) is json's text."""
    assert dumps(document) == json.dumps(document, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("titles", ["en", "es", "quotes"])
def test_the_contract_is_json_dumps_with_an_indent(
    course: Plan, titles: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan and its stash are written exactly as json.dumps(indent=2, ensure_ascii=False) writes them."""
    i18n.use("en" if titles == "quotes" else titles)  # Spanish: letters json could escape, and does not
    if titles == "quotes":
        monkeypatch.setattr(contract, "title", lambda kind: f'a "{kind}" \\ ñ\t/')
    stash = plan_stash(course, intake_ml=TYPICAL_INTAKE_ML, start_pumping=date(2030, 11, 25))
    written = render_json(Report(course, stash=stash, sections=SCHEDULE_AND_STASH), RenderOptions())
    document = json.loads(written)
    assert document["stash"] == json.loads(json.dumps(stash_document(stash, course)))
    assert document["events"] == plan_document(course)["events"]
    assert written == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
