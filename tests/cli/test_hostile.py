"""The attack pass's reproducers, one each: the message, the exit code and what is on disk after."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import installed, run

WHEN = "2030-12-02 10:00"


def attempt(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """Run 'pumpplan plan' writing to tmp_path/plan.ics; return the code, stdout and stderr."""
    return run("plan", *args, "-o", str(tmp_path / "plan.ics"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["9999-12-28 10:00", "--tz", "UTC"],
            "error: the time 9999-12-28 10:00 is in the year 9999; pumpplan plans between 1900 and 2200\n",
            id="year-9999",
        ),
        pytest.param(
            ["2026-12-07T10:00+25:00", "--tz", "UTC"],
            "error: the time 2026-12-07 10:00 has the UTC offset +25:00; offsets run from -12:00 to +14:00\n",
            id="offset-25h",
        ),
        pytest.param(
            [WHEN, "--tz", "UTC", "--duration", "²"],
            "error: --duration '²' is not a length of time; write e.g. '40m', '1h30m' or '90'\n",
            id="unicode-digit",
        ),
        pytest.param(
            [WHEN, "--tz", "UTC", "--every", "mon", "--count", "٣"],
            "error: --count '٣' is not a whole number; write e.g. --count 6\n",
            id="arabic-digit-count",
        ),
        pytest.param(
            [WHEN, "--tz", "America"],
            "error: unknown time zone 'America'; use an IANA name such as 'America/",
            id="zone-folder",
        ),
        pytest.param(
            [WHEN, "--tz", "Pacifc/Auckland"],
            "error: unknown time zone 'Pacifc/Auckland'; use an IANA name such as 'Pacific/Auckland'",
            id="zone-typo",
        ),
        pytest.param(
            [WHEN, "--tz", "UTC", "--rrule", "FREQ=DAILY;INTERVAL=0;COUNT=3"],
            "error: --rrule 'FREQ=DAILY;INTERVAL=0;COUNT=3': INTERVAL=0 must be a whole number from 1",
            id="interval-0",
        ),
        pytest.param(
            [WHEN, "--tz", "UTC", "--rrule", "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30"],
            "error: --rrule 'FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30' repeats secondly;",
            id="never-matching-rule",
        ),
        pytest.param(
            [
                WHEN,
                "--tz",
                "UTC",
                "--rrule",
                "FREQ=WEEKLY;COUNT=150",
                "--dump-hours",
                "30d",
                "--pump-every",
                "30m",
                "--session",
                "1m",
            ],
            "error: this plan would hold about 51,955 events, more than 20,000; give fewer infusions, "
            "a shorter --dump-hours or a longer --pump-every\n",
            id="millions-of-events",
        ),
    ],
)
def test_hostile_values_are_one_line_exit_2_and_nothing_written(
    tmp_path: Path, args: list[str], message: str
) -> None:
    """Each used to be a traceback, a wrong plan or a hang; now one line, exit 2, no file."""
    code, out, err = attempt(tmp_path, *args)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("typed", ["utc", "america/chicago"])
def test_a_zone_in_another_case_makes_the_plan(tmp_path: Path, typed: str) -> None:
    """An unambiguous case difference is the right zone, written as IANA spells it."""
    code, _, err = run("plan", WHEN, "--tz", typed, "-f", "json", "-o", str(tmp_path / "plan.json"))
    assert (code, err) == (0, f"wrote {tmp_path / 'plan.json'}\n")
    key = "UTC" if typed == "utc" else "America/Chicago"
    assert f'"timezone": "{key}"' in (tmp_path / "plan.json").read_text(encoding="utf-8")


def test_tz_as_a_path_plans_in_that_zone_not_the_systems() -> None:
    """TZ=/usr/share/zoneinfo/Asia/Tokyo used to plan in /etc/localtime's zone with exit 0."""
    result = installed("plan", WHEN, "-f", "json", env={"TZ": "/usr/share/zoneinfo/Asia/Tokyo"})
    assert result.returncode == 0, result.stderr
    assert '"timezone": "Asia/Tokyo"' in result.stdout
    assert '"start": "2030-12-02T10:00:00+09:00"' in result.stdout


def test_a_tz_posix_rule_is_an_error_naming_tz(tmp_path: Path) -> None:
    """TZ=JST-9 is not silently replaced by another zone: one line naming --tz, exit 2, no file."""
    result = installed("plan", WHEN, "-o", str(tmp_path / "plan.ics"), env={"TZ": "JST-9"})
    assert result.returncode == 2
    assert result.stderr == (
        "error: the TZ setting 'JST-9' is not an IANA time zone name; give the zone with --tz, "
        "e.g. --tz America/Chicago, or set TZ to such a name\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_output_to_a_device_is_refused_without_suggesting_force(device: str) -> None:
    """-o /dev/null --force replaced the device as root; -o /dev/full said 'add --force'."""
    for force in ([], ["--force"]):
        code, out, err = run("plan", WHEN, "--tz", "UTC", "-f", "ics", "-o", device, *force)
        assert (code, out) == (1, "")
        refusal = f"{device} is not a file but a device, a pipe or a socket; give a file name, e.g. plan.ics"
        assert err == f"error: {refusal}\n"
    assert Path(device).is_char_device()


@pytest.mark.parametrize("option", ["--from", "--protocol"])
def test_a_fifo_as_an_input_file_is_refused_at_once(tmp_path: Path, option: str) -> None:
    """A named pipe given to --from or --protocol blocked forever; now one line, exit 2."""
    fifo = tmp_path / ("invite.ics" if option == "--from" else "clinic.toml")
    os.mkfifo(fifo)
    args = [option, str(fifo)] if option == "--from" else [WHEN, option, str(fifo)]
    result = installed("plan", "--tz", "UTC", *args, timeout=20)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert "is not a file but a device, a pipe or a socket; save it as a file and give that" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [fifo.name]


def test_a_utf16_table_from_windows_is_read(tmp_path: Path) -> None:
    """A UTF-16 CSV (Excel's 'Unicode text') was 'not a text file'; it is read as its text."""
    table = tmp_path / "appointments.csv"
    table.write_bytes("start\r\n2030-12-02 10:00\r\n".encode("utf-16"))
    code, out, err = run("plan", "--from", str(table), "--tz", "UTC", "-f", "json")
    assert (code, err) == (0, "read 1 infusion from 'appointments.csv'\n")
    assert '"start": "2030-12-02T10:00:00+00:00"' in out


def test_a_clinic_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Notepad's UTF-8 byte-order mark made the TOML 'not valid'; it is read as any other."""
    clinic = tmp_path / "clinic.toml"
    clinic.write_bytes(b"\xef\xbb\xbf[rule]\ndump_hours = 36\n")
    code, out, err = run("plan", WHEN, "--tz", "UTC", "-f", "json", "--protocol", str(clinic))
    assert (code, err) == (0, "")
    assert '"dump_hours": 36' in out


def test_a_broken_user_config_names_its_path_and_the_way_around_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user file's errors name its full path and key, and say --no-protocol plans without it."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    (config / "pumpplan").mkdir(parents=True)
    clinic = config / "pumpplan" / "clinic.toml"
    clinic.write_text("[rule]\npump_every = '10m'\n", encoding="utf-8")
    code, out, err = run("plan", WHEN, "--tz", "UTC", "-f", "json")
    assert (code, out) == (2, "")
    assert err == f"error: {clinic}: rule.pump_every '10m' is under 30 minutes; pump at most every 30m\n"
    clinic.write_text("[rule\n", encoding="utf-8")
    code, out, err = run("plan", WHEN, "--tz", "UTC", "-f", "json")
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {clinic} is not valid TOML (")
    assert err.endswith("; add --no-protocol to plan without it\n")
    code, out, err = run("plan", WHEN, "--tz", "UTC", "-f", "json", "--no-protocol")
    assert (code, err) == (0, "")
    assert clinic.read_text(encoding="utf-8") == "[rule\n"


def test_a_terminal_escape_in_a_clinic_file_key_is_shown_not_run(tmp_path: Path) -> None:
    """A key named '\\x1b[2K\\x1b[1Gwrote plan.ics' erased the error line; it is printed escaped."""
    clinic = tmp_path / "clinic.toml"
    clinic.write_text('[rule]\n"\\u001b[2K\\u001b[1Gwrote plan.ics" = 1\n', encoding="utf-8")
    code, out, err = run(
        "plan", WHEN, "--tz", "UTC", "--protocol", str(clinic), "-o", str(tmp_path / "p.ics")
    )
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {clinic}: unknown key rule.\\x1b[2K\\x1b[1Gwrote plan.ics; [rule] takes ")
    assert "\x1b" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.toml"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        pytest.param(
            ["-f", "json", "-o", "plan.ics"],
            2,
            "error: --output 'plan.ics' names a ics file but --format is json; name it e.g. plan.json, "
            "or leave out --format\n",
            id="format-contradicts-suffix",
        ),
        pytest.param(
            ["--clinic", "Westside \u202e0010-555"],
            2,
            "error: --clinic 'Westside \\u202e0010-555' contains an invisible character (\\u202e); "
            "type it without one\n",
            id="bidi-in-clinic",
        ),
        pytest.param(
            ["--name", "Ana\u200b"],
            2,
            "error: --name 'Ana\\u200b' contains an invisible",
            id="zero-width-name",
        ),
    ],
)
def test_output_and_label_mistakes_are_one_line_with_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, message: str
) -> None:
    """A contradicting suffix, a folder as the file, or a bidi override in a label: one line, no file."""
    monkeypatch.chdir(tmp_path)
    exit_code, out, err = run("plan", WHEN, "--tz", "UTC", *args)
    assert (exit_code, out) == (code, "")
    assert message in err
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("alarm", ["0", "00", "0m", "+0"])
def test_an_alarm_at_the_start_is_zero_however_written(alarm: str) -> None:
    """--alarm 0 passed but 00 failed; every way of writing zero rings at the start."""
    code, out, err = run("plan", WHEN, "--tz", "UTC", "-f", "ics", "--alarm", alarm)
    assert code == 0
    assert "error" not in err
    assert "TRIGGER:P0D" in out
    assert "TRIGGER:-PT10M" not in out


def test_a_folder_as_the_output_is_a_file_problem_exit_1(tmp_path: Path) -> None:
    """-o a folder exited 2 (Typer's usage error) where the README says file problems exit 1."""
    for folder in (tmp_path / "plan.ics", tmp_path / "plans"):
        folder.mkdir()
        code, out, err = run("plan", WHEN, "--tz", "UTC", "-o", str(folder))
        assert (code, out) == (1, "")
        assert err == f"error: {folder} is a folder; give a file name such as {folder / 'plan.ics'}\n"
        assert list(folder.iterdir()) == []


def test_an_unsearchable_user_config_does_not_lock_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ~/.config left to root by a sudo run: one line naming the path and --no-protocol, exit 1."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    clinic = tmp_path / "pumpplan" / "clinic.toml"
    real_stat = os.stat

    def locked(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path) == str(clinic):
            raise PermissionError(13, "Permission denied")
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("pumpplan.inputs.protocol.os.stat", locked)  # root could enter any folder
    code, out, err = run("plan", WHEN, "--tz", "UTC", "-f", "json")
    assert (code, out) == (1, "")
    assert err == f"error: cannot read {clinic}: permission denied; add --no-protocol to plan without it\n"
    code, out, err = run("plan", WHEN, "--tz", "UTC", "-f", "json", "--lang", "es")
    assert err.startswith(f"error: no se puede leer {clinic}: no tiene permiso;")  # the system's reason too
    code, out, err = run("plan", WHEN, "--tz", "UTC", "-f", "json", "--no-protocol")
    assert (code, err) == (0, "")
    assert list(tmp_path.iterdir()) == []


def test_a_bidi_override_in_the_clinic_file_is_refused(tmp_path: Path) -> None:
    """'Westside \\u202e0010-555' from clinic.toml printed as another phone number on the handout."""
    clinic = tmp_path / "clinic.toml"
    clinic.write_text('[clinic]\nname = "Westside"\nphone = "\\u202e0010-555"\n', encoding="utf-8")
    code, out, err = run(
        "plan", WHEN, "--tz", "UTC", "--protocol", str(clinic), "-o", str(tmp_path / "p.html")
    )
    assert (code, out) == (2, "")
    assert err == (
        f"error: {clinic}: clinic.phone '\\u202e0010-555' contains an invisible character (\\u202e); "
        "type it without one\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.toml"]
