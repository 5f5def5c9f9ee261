"""The README does not drift: its commands run, its output is real, its options exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pumpplan.cli import app
from tests.push.servers import Server

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


INVITE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Westside Infusion//EN\r\nBEGIN:VEVENT\r\n"
    "UID:1@westside.example\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261207T180000Z\r\n"
    "DURATION:PT40M\r\nSUMMARY:Ketamine infusion\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def blocks(language: str) -> list[str]:
    """Return the README's fenced code blocks in a language."""
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def example_commands(command: str = "") -> list[str]:
    """Return every 'pumpplan ...' line in the README's shell blocks (of one command, if named)."""
    lines = [line for block in blocks("sh") for line in block.splitlines() if line.startswith("pumpplan ")]
    return [line for line in lines if line.split()[1] == command] if command else lines


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs exactly the test command the README gives."""
    test_command = blocks("sh")[1].strip()
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_readme_install_command_installs_and_runs_a_plan() -> None:
    """The first command installs the package and runs a plan."""
    install = blocks("sh")[0].strip()
    assert "pip install ." in install
    assert "pumpplan plan" in install


@pytest.mark.parametrize("command", [c for c in example_commands() if c.split()[1] != "push"])
def test_readme_examples_run(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example command in the README succeeds, reading the files it names from --from."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "appointments.csv").write_text("start,duration\n2026-12-07 10:00,40m\n", encoding="utf-8")
    (tmp_path / "clinic-invite.ics").write_text(INVITE, encoding="utf-8", newline="")
    result = CliRunner().invoke(app, [*shlex.split(command)[1:], "--tz", "America/Los_Angeles"])
    assert result.exit_code == 0, result.stderr


def test_readme_example_output_is_what_the_command_prints() -> None:
    """The console example shows the command's real output."""
    console = blocks("console")[0]
    command, _, shown = console.partition("\n")
    result = CliRunner().invoke(app, shlex.split(command.removeprefix("$ "))[1:])

    # The example's date will pass one day; the warning about that is all that may differ.
    def lines(text: str) -> list[str]:
        return [
            line for line in text.splitlines() if line and line != "Warnings:" and "in the past" not in line
        ]

    assert result.exit_code == 0
    assert lines(result.stdout) == lines(shown)


def test_every_option_is_documented() -> None:
    """Each option in 'plan --help', 'stash --help' and 'push --help' appears in the README."""
    commands = ("plan", "stash", "push")
    help_text = "".join(CliRunner().invoke(app, [command, "--help"]).stdout for command in commands)
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
    assert options
    assert sorted(o for o in options if o not in README) == []


def test_readme_push_examples_run_against_a_real_server(server: Server, calendar: str) -> None:
    """The README's push lines work against Radicale and Xandikos (their URL in place of iCloud's)."""
    examples = example_commands("push")
    assert examples
    user = {"PUMPPLAN_CALDAV_USER": server.username} if server.username else {}
    env = {"PUMPPLAN_CALDAV_URL": server.url, **user}
    for command in examples:
        args = [*shlex.split(command)[1:], "--calendar", calendar, "--tz", "America/Los_Angeles"]
        result = CliRunner().invoke(app, args, env=env)
        assert result.exit_code == 0, result.stderr
    assert server.has_calendar(calendar)
