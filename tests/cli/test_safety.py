"""What she is told to do is safe and honest: through the command, in English and Spanish."""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pumpplan.cli import app
from tests.helpers import run
from tests.ics_readers import read_ical

LA = ["--tz", "America/Los_Angeles"]


def plain(*args: str) -> str:
    """Return the plain-text plan of some arguments, checking it succeeded."""
    code, out, err = run("plan", *args, "-f", "plain")
    assert (code, err) == (0, ""), err
    return out


def test_the_pump_before_an_infusion_a_few_minutes_after_another_is_discarded_not_kept() -> None:
    """10:00 and 10:50: the second pump would run into the first infusion; it moves after it, discarded."""
    out = plain("2030-12-02 10:00", "2030-12-02 10:50", *LA)
    assert "09:50" not in out
    assert "10:40-10:50    Pump and discard the milk" in out
    assert out.count("Pump and keep the milk (before the infusion)") == 1


def test_no_session_is_dropped_before_a_window() -> None:
    """Pump-before 2 h with infusions at 10:00 and 13:30 leaves no 3 h 30 min without pumping."""
    out = plain("2030-12-02 10:00", "2030-12-02 13:30", "--pump-before", "2h", "--tz", "UTC")
    assert "08:00-08:20    Pump and keep" in out
    assert "10:40-11:00    Pump and discard the milk" in out
    assert "You cannot pump" not in out


@pytest.mark.parametrize(
    ("language", "warning"),
    [
        ("en", "You cannot pump from Mon Dec 2 2030 08:30 to Mon Dec 2 2030 12:00 (3 h 30 min)"),
        (
            "es",
            "No podrá extraer leche del lun 2 dic 2030 08:30 al lun 2 dic 2030 12:00 (3 h 30 min)",
        ),
    ],
)
def test_a_rule_that_cannot_keep_its_cadence_says_so(language: str, warning: str) -> None:
    """A 2 h infusion after a pump 90 min ahead leaves 3 h 30 min without pumping: the plan says so."""
    out = plain(
        "2030-12-02 10:00", "--duration", "2h", "--pump-before", "90m", "--tz", "UTC", "--lang", language
    )
    assert warning in out


@pytest.mark.parametrize(
    ("language", "warning"),
    [
        ("en", "Your plan says no breastfeeding for 4 h after each infusion. The usual is 48 h."),
        ("es", "Su plan dice no amamantar durante 4 h después de cada infusión. Lo habitual son 48 h."),
    ],
)
def test_a_window_far_shorter_than_usual_is_warned_about(language: str, warning: str) -> None:
    """--dump-hours 4 (a typed 4 for 48?) is allowed, and questioned."""
    out = plain("2030-12-02 10:00", "--dump-hours", "4", *LA, "--lang", language)
    assert warning in out
    assert "The usual" not in plain("2030-12-02 10:00", "--dump-hours", "24", *LA)


def test_the_resume_reminder_rings_at_the_resume_through_the_command() -> None:
    """-f ics: pumping rings 10 minutes ahead; the resume rings at its instant, never before."""
    result = CliRunner().invoke(app, ["plan", "2030-12-02 10:00", *LA, "-f", "ics"])
    events = read_ical(result.stdout_bytes)
    (resume,) = [e for e in events if e.summary == "Resume breastfeeding"]
    assert resume.alarms == (0,)
    assert {e.alarms for e in events if e.summary.startswith("Pump")} == {(-10,)}
    assert b"DESCRIPTION:You can breastfeed again now." in result.stdout_bytes


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "en",
            [
                "These times use pumpplan's usual rule, from a common clinic instruction.",
                "“Day three” means: 48 hours after the infusion ends.",
                "If an infusion starts late, everything after it moves by the same time.",
                "less than 1% of the mother's dose",
                "Esketamine nasal spray (Spravato)",
                "LactMed, Ketamine (National Library of Medicine, revised July 2023)",
                "1-833-TLC-MAMA (1-833-852-6262)",
                "In a crisis, call or text 988. For Spanish, press 2, or text AYUDA to 988.",
                "In an emergency, call 911.",
                "Is part of your breast painful, red or hard?",
                "Not medical advice: check this plan with your clinic.",
            ],
        ),
        (
            "es",
            [
                "Estos horarios siguen las indicaciones habituales de pumpplan",
                "«El tercer día» significa: 48 horas después de que termina la infusión.",
                "Si una infusión empieza tarde",
                "menos del 1% de la dosis de la madre",
                "Spravato",
                "1-833-TLC-MAMA (1-833-852-6262)",
                "Para español, marque 2, o envíe AYUDA al 988.",
                "llame al 911",
                "No es un consejo médico: revise este plan con su clínica.",
            ],
        ),
    ],
)
def test_every_output_says_whose_rule_why_and_where_to_find_help(language: str, texts: list[str]) -> None:
    """In the US, plain text, Markdown, the table and the handout carry the why and the help lines."""
    for fmt in ("plain", "markdown", "table", "html"):
        code, out, _ = run(
            "plan", "2030-12-02 10:00", *LA, "--lang", language, "-f", fmt, env={"COLUMNS": "300"}
        )
        assert code == 0
        shown = re.sub(r"<[^>]+>", "", html.unescape(out)) if fmt == "html" else out
        flat = " ".join(shown.replace("\\", "").replace("│", " ").split())
        for text in texts:
            assert text in flat, (fmt, text)


def test_the_national_lines_are_for_the_united_states_only() -> None:
    """A plan in Berlin with a German locale names no US number; the body-safety line stays."""
    code, out, _ = run(
        "plan", "2030-12-02 10:00", "--tz", "Europe/Berlin", "-f", "plain", env={"LANG": "de_DE.UTF-8"}
    )
    assert code == 0
    assert "988" not in out
    assert "1-833" not in out
    assert "lactation consultant" in out
    code, out, _ = run(
        "plan", "2030-12-02 10:00", "--tz", "Europe/Berlin", "-f", "plain", env={"LANG": "en_US.UTF-8"}
    )
    assert "988" in out  # a US locale travelling abroad


def test_a_clinic_file_replaces_the_support_lines_and_names_whose_rule_it_is(tmp_path: Path) -> None:
    """[support] lines and 'call us if' replace the national lines; the rule is the clinic's."""
    clinic = tmp_path / "clinic.toml"
    clinic.write_text(
        '[clinic]\nname = "Westside Infusion"\n\n[support]\nlines = ["Nurse line, day and night: 555-0199"]\n'
        'call_us_if = "you feel unwell or the plan is unclear."\n',
        encoding="utf-8",
    )
    out = plain("2030-12-02 10:00", *LA, "--protocol", str(clinic))
    assert "These times use the rule from Westside Infusion's settings." in out
    assert "Nurse line, day and night: 555-0199" in out
    assert "Call us if: you feel unwell or the plan is unclear." in out
    assert "988" not in out
    code, out, _ = run("plan", "2030-12-02 10:00", *LA, "--protocol", str(clinic), "-f", "json")
    assert code == 0
    assert json.loads(out)["rule_source"] == {"clinic": "Westside Infusion", "citation": None}


def test_json_carries_the_disclaimer_and_csv_stays_pure_data() -> None:
    """JSON gains the disclaimer; CSV is one row per event and nothing else."""
    code, out, _ = run("plan", "2030-12-02 10:00", *LA, "-f", "json")
    assert code == 0
    assert json.loads(out)["disclaimer"] == "Not medical advice: check this plan with your clinic."
    code, out, _ = run("plan", "2030-12-02 10:00", *LA, "-f", "csv")
    assert code == 0
    assert "medical" not in out
    assert out.splitlines()[0] == "date,weekday,start,end,kind,milk,title"


@pytest.mark.parametrize("command", ["plan", "stash", "push"])
def test_each_commands_help_ends_with_the_disclaimer(command: str) -> None:
    """plan --help and stash --help end, as pumpplan --help does, with the disclaimer."""
    code, out, _ = run(command, "--help")
    assert code == 0
    assert out.strip().endswith("Not medical advice: check every plan with your clinic.")


def test_stored_milk_is_frozen_the_day_it_is_pumped_when_the_fridge_will_not_do() -> None:
    """The reported case: milk pumped Fri for the following Tue is frozen that Friday, no 'by Mon'."""
    code, out, _ = run(
        "stash", "2030-12-02 10:00", "--start-pumping", "2030-11-25", *LA, "-f", "plain", "--intake", "750ml"
    )
    assert code == 0
    assert "at the latest" not in out
    assert "freeze" in out
    assert "the same day for" in out


def test_quiet_hours_follow_the_plans_zone_not_the_computers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same plan with quiet hours, whatever zone the computer is set to."""
    args = ("2030-12-02 10:00", "--tz", "Asia/Kolkata", "--quiet", "23:00-06:00")
    first = plain(*args)
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    try:
        assert plain(*args) == first
    finally:
        monkeypatch.undo()
        time.tzset()
    assert "06:00-06:20    Pump and discard the milk" in first


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


def test_the_clinic_logo_is_embedded_in_the_handout(tmp_path: Path) -> None:
    """[clinic] logo, a PNG beside the clinic file, travels inside the page as a data: image."""
    (tmp_path / "logo.png").write_bytes(PNG)
    clinic = tmp_path / "clinic.toml"
    clinic.write_text('[clinic]\nname = "Westside Infusion"\nlogo = "logo.png"\n', encoding="utf-8")
    code, out, err = run("plan", "2030-12-02 10:00", *LA, "--protocol", str(clinic), "-f", "html")
    assert code == 0, err
    assert '<img class="logo" alt="Westside Infusion" src="data:image/png;base64,' in out
    import base64

    assert base64.b64encode(PNG).decode() in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"<svg onload='alert(1)'/>", "is not a PNG or JPEG image", id="svg"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"0" * 300_000, "is larger than 200 KB", id="too-large"),
    ],
)
def test_a_logo_that_is_not_a_small_image_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    """Only a PNG or JPEG of at most 200 KB goes into the page; anything else is one line, exit 2."""
    (tmp_path / "logo.png").write_bytes(content)
    clinic = tmp_path / "clinic.toml"
    clinic.write_text('[clinic]\nlogo = "logo.png"\n', encoding="utf-8")
    code, out, err = run("plan", "2030-12-02 10:00", *LA, "--protocol", str(clinic), "-f", "html")
    assert (code, out) == (2, "")
    assert message in err
    assert err.count("\n") == 1


def test_the_handout_has_lines_for_notes_and_larger_times_for_a_short_plan() -> None:
    """A space to write in, and a one-infusion plan's checklist at 12 pt; a long course stays compact."""
    code, out, _ = run("plan", "2030-12-02 10:00", *LA, "-f", "html")
    assert code == 0
    assert out.count('<div class="line"></div>') == 5
    assert '<table class="days roomy">' in out
    code, out, _ = run(
        "plan", "2030-12-02 10:00", "--every", "mon,wed,fri", "--count", "6", *LA, "-f", "html"
    )
    assert '<table class="days">' in out
