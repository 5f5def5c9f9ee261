"""The code's shape holds: checked layers, no import cycle, small modules, one home per fact."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "pumpplan"
COURSE = ["2030-12-02 10:00", "--tz", "America/Los_Angeles"]


def test_the_layer_contracts_hold() -> None:
    """import-linter finds every contract in pyproject.toml kept: nothing imports up the layers."""
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([linter], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


def test_no_module_imports_one_that_imports_it_back() -> None:
    """The package has no import cycle, not even through a function-level import."""
    graph = grimp.build_graph("pumpplan")
    cycles = sorted(
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if module < imported and graph.chain_exists(importer=imported, imported=module)
    )
    assert cycles == []


@pytest.mark.parametrize("module", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_small(module: Path) -> None:
    """No module grows past about 300 lines: a longer one is two modules."""
    assert len(module.read_text(encoding="utf-8").splitlines()) <= 310


# A default changed in its one home, and where each output must show the change.
EDITS = {
    "window": (
        "core/model.py",
        "dump: timedelta = timedelta(hours=48)",
        "dump: timedelta = timedelta(hours=24)",
        [
            ["plan", "--help"],
            ["plan", "-f", "json"],
            ["plan", "-f", "plain"],
            ["plan", "-f", "html"],
            ["plan", "-f", "ics"],
        ],
        ["[default: 24]", '"dump_hours": 24', "until 24 h after it ends", "until 24 h after it ends", "24 h"],
    ),
    "alarm": (
        "render/__init__.py",
        "DEFAULT_ALARM = timedelta(minutes=10)",
        "DEFAULT_ALARM = timedelta(minutes=25)",
        [["plan", "--help"], ["plan", "-f", "ics"]],
        ["[default: 25m]", "TRIGGER:-PT25M"],
    ),
    "fridge": (
        "core/storage.py",
        "FRIDGE_DAYS = 4",
        "FRIDGE_DAYS = 3",
        [["plan", "-f", "html"], ["plan", "-f", "ics"], ["stash", "-f", "plain"]],
        ["up to 3 days", "3 days in the fridge", "up to 3 days"],
    ),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_default_changed_in_its_one_home_changes_every_output(edit: str, tmp_path: Path) -> None:
    """Edit one default in a copy of the package: the help, the plan and every renderer follow."""
    module, before, after, runs, expected = EDITS[edit]
    copy = tmp_path / "pumpplan"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    source = copy / module
    text = source.read_text(encoding="utf-8")
    assert text.count(before) == 1
    source.write_text(text.replace(before, after), encoding="utf-8")
    for args, shown in zip(runs, expected, strict=True):
        result = subprocess.run(
            [sys.executable, "-m", "pumpplan", *args[:1], *COURSE, *args[1:]],
            cwd=tmp_path, capture_output=True, text=True, check=False,
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "COLUMNS": "200", "PYTHONPATH": str(tmp_path)},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        flat = " ".join(result.stdout.replace("\r\n ", "").split())
        assert shown in flat, (args, shown)
    if edit == "window":
        command = [sys.executable, "-m", "pumpplan", "plan", *COURSE, "-f", "json"]
        environment = {"PYTHONPATH": str(tmp_path), "LANG": "C.UTF-8"}
        made = subprocess.run(
            command, cwd=tmp_path, capture_output=True, text=True, check=True, env=environment
        )
        document = json.loads(made.stdout)
        assert document["windows"][0]["end"] == "2030-12-03T10:40:00-08:00"
