"""Clinic settings in a TOML file: applied, overridden by options, checked key by key."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pumpplan.cli import app
from pumpplan.inputs.protocol import EXAMPLE

PLAN = ["plan", "2030-12-02 10:00", "--tz", "America/Los_Angeles"]


def run(*args: str) -> tuple[int, str, str]:
    """Run pumpplan in-process and return exit code, stdout and stderr."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, text: str) -> Path:
    """Write a clinic.toml into a folder and return its path."""
    path = folder / "clinic.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_protocol_file_sets_the_rule_clinic_and_source(tmp_path: Path) -> None:
    """The file's rule values, clinic and cited source all reach the output."""
    path = write(tmp_path, EXAMPLE.replace("dump_hours = 48", "dump_hours = 24"))
    code, out, err = run(*PLAN, "--protocol", str(path), "-f", "plain")
    assert (code, err) == (0, "")
    assert "Clinic:                Westside Infusion, 555-0100" in out
    assert "until 24 h after it ends" in out
    assert "Clinic protocol: Westside Infusion lactation protocol (2026-03-01)." in out


def test_options_win_over_the_protocol_file(tmp_path: Path) -> None:
    """--dump-hours on the command line beats the file's dump_hours."""
    path = write(tmp_path, "[rule]\ndump_hours = 24\npump_every = '2h'\n")
    code, out, _ = run(*PLAN, "--protocol", str(path), "--dump-hours", "36", "-f", "json")
    rule = json.loads(out)["rule"]
    assert code == 0
    assert (rule["dump_hours"], rule["pump_every_minutes"]) == (36, 120)


def test_clinic_toml_in_the_user_config_folder_is_read() -> None:
    """Without --protocol, clinic.toml in the user config folder applies."""
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "pumpplan"
    folder.mkdir()
    write(folder, "[rule]\nsession = '15m'\n")
    code, out, _ = run(*PLAN, "-f", "json")
    assert code == 0
    assert json.loads(out)["rule"]["session_minutes"] == 15


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("[clinc]\nname = 'x'\n", "unknown section [clinc]", id="unknown-section"),
        pytest.param("[rule]\ndump = 48\n", "unknown key rule.dump; [rule] takes", id="unknown-key"),
        pytest.param("[rule]\ndump_hours = 0\n", "rule.dump_hours '0' must be more than zero", id="zero"),
        pytest.param(
            "[rule]\npump_every = 'often'\n", "rule.pump_every 'often' is not a length", id="garbage"
        ),
        pytest.param("[rule]\nduration = true\n", "rule.duration must be text", id="boolean"),
        pytest.param("[rule]\nquiet = '23-06'\n", "rule.quiet '23-06' is not a span of hours", id="quiet"),
        pytest.param("[clinic]\nname = 5\n", "clinic.name must be text", id="number-name"),
        pytest.param("[source]\ndate = 'last year'\n", "source.date 'last year' is not a date", id="date"),
        pytest.param("rule = 3\n", "rule must be a [rule] table", id="not-a-table"),
        pytest.param("[rule\n", "is not valid TOML", id="broken"),
    ],
)
def test_bad_protocol_files_are_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    """Unknown keys and bad values name the key and exit 2, with no output."""
    code, out, err = run(*PLAN, "--protocol", str(write(tmp_path, text)))
    assert (code, out) == (2, "")
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert message in err


def test_missing_protocol_file_is_a_file_error(tmp_path: Path) -> None:
    """A --protocol file that cannot be read exits 1."""
    code, _, err = run(*PLAN, "--protocol", str(tmp_path / "nope.toml"))
    assert code == 1
    assert "cannot read" in err
    assert "nope.toml" in err


def test_name_and_clinic_options_head_the_plan() -> None:
    """--name and --clinic appear at the top, as typed."""
    code, out, _ = run(*PLAN, "--name", "Maria <b>Lopez</b>", "--clinic", "Westside, 555-0100")
    assert code == 0
    assert "Maria <b>Lopez</b>" in out
    assert "Westside, 555-0100" in out


def test_name_with_control_characters_is_refused() -> None:
    """Terminal escapes in a name are refused rather than printed."""
    code, _, err = run(*PLAN, "--name", "Maria\x1b[2J")
    assert code == 2
    assert "--name 'Maria\\x1b[2J' contains a control character" in err
