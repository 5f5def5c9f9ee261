"""Errors in Spanish under --lang es or a Spanish locale, from every part of pumpplan; English as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import installed, run

UTC = ["--tz", "UTC"]
ALL_DAY = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:1@test\r\n"
    "DTSTAMP:20300101T000000Z\r\nSUMMARY:Infusión\r\nDTSTART;VALUE=DATE:20301202\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)
# One error from each part that raises them: the arguments ({dir} is the test's folder), the exit
# code, the English exactly as pumpplan has always said it, and the Spanish.
CASES = [
    pytest.param(
        ["plan", "banana", *UTC], 2,
        "cannot read 'banana' as a date and time; write e.g. '2026-12-07 10:00' or 'mon 9:30'",
        "no se puede leer 'banana' como fecha y hora; escriba por ejemplo '7 dic 10:00' o 'lunes 9:30'",
        id="inputs.timeparse",
    ),
    pytest.param(
        ["plan", "2030-12-02 10:00", "--tz", "Pacifico"], 2,
        "unknown time zone 'Pacifico'; use an IANA name such as 'US/Pacific' or 'Pacific/Samoa' or "
        "'Pacific/Yap'",
        "la zona horaria 'Pacifico' no existe; use un nombre IANA como 'US/Pacific' o 'Pacific/Samoa' o "
        "'Pacific/Yap'",
        id="inputs.zones",
    ),
    pytest.param(
        ["plan", "2030-12-03 10:00", *UTC, "--every", "mon,wed", "--count", "2"], 2,
        "the first infusion is on a Tuesday, not one of mon,wed; start the series on one of them",
        "la primera infusión cae en martes, no en lun,mié; empiece la serie en uno de esos días",
        id="inputs.series",
    ),
    pytest.param(
        ["stash", "2030-12-03 10:00", *UTC, "--intake", "750"], 2,
        "--intake '750' needs a unit, ml or oz; write e.g. '750ml' or '25oz'",
        "--intake '750' necesita una unidad, ml u oz; escriba por ejemplo '750ml' o '25oz'",
        id="inputs.volume",
    ),
    pytest.param(
        ["plan", "--from", "{dir}/notes.txt", *UTC], 2,
        "--from 'notes.txt': cannot tell the kind of file from its name; "
        "give a calendar file ending in .ics or a table ending in .csv",
        "--from 'notes.txt': el nombre no indica qué tipo de archivo es; "
        "use un calendario .ics o una tabla .csv",
        id="inputs.appointments",
    ),
    pytest.param(
        ["plan", "--from", "{dir}/allday.ics", *UTC], 2,
        "in 'allday.ics', the event 'Infusión': it is an all-day event on Mon Dec 2 2030, not an appointment "
        "with a time; give the infusion times, or --match the infusion events",
        "en 'allday.ics', el evento 'Infusión': es un evento de todo el día, el lun 2 dic 2030, "
        "no una cita con hora; indique las horas de las infusiones, o use --match para elegirlas",
        id="inputs.calendar_event",
    ),
    pytest.param(
        ["plan", "2030-12-02 10:00", *UTC, "--protocol", "{dir}/clinic.toml"], 2,
        "{dir}/clinic.toml: unknown section [clinica]; use [clinic], [rule], [source], [support]",
        "{dir}/clinic.toml: la sección [clinica] no existe; use [clinic], [rule], [source], [support]",
        id="inputs.protocol",
    ),
    pytest.param(
        ["plan", "2030-12-02 10:00", *UTC, "--replaces", "{dir}/old.ics", "-o", "{dir}/new.ics"], 2,
        "--replaces '{dir}/old.ics' does not exist; check the file's name and folder",
        "--replaces '{dir}/old.ics' no existe; revise el nombre del archivo y la carpeta",
        id="inputs.earlier",
    ),
    pytest.param(
        ["plan", "2030-12-02 10:00", *UTC, "-o", "{dir}/missing/plan.ics"], 1,
        "the folder {dir}/missing does not exist; create it first",
        "la carpeta {dir}/missing no existe; créela primero",
        id="files",
    ),
    pytest.param(
        ["plan", "2030-12-02 10:00", *UTC, "--dayfirst", "--monthfirst"], 2,
        "give either --dayfirst or --monthfirst, not both",
        "use --dayfirst o --monthfirst, no los dos",
        id="app",
    ),
    pytest.param(
        ["plan", "2030-12-02 10:00", "2030-12-02 10:30", *UTC], 2,
        "the infusion at Mon Dec 2 10:30 starts before the previous one ends (10:40); "
        "check the times or --duration",
        "la infusión del lun 2 dic 10:30 empieza antes de que termine la anterior (10:40); "
        "revise las horas o --duration",
        id="core.engine",
    ),
    pytest.param(
        ["stash", "2030-12-02 10:00", *UTC, "--baby-age", "9mo"], 2,
        "--baby-age 9 months: pumpplan has published intake figures only for babies 1 to 6 months old; "
        "give how much your baby drinks a day instead, with --intake (in ml or oz)",
        "--baby-age 9 meses: pumpplan solo tiene cifras publicadas de cuánto toman los bebés de 1 a 6 meses; "
        "indique cuánto toma su bebé al día con --intake (en ml u oz)",
        id="core.stash",
    ),
    pytest.param(
        ["plan", "2030-12-02 10:00", *UTC, "--rrule", "FREQ=DAILY;COUNT=3000"], 2,
        "this plan would hold about 33,008 events, more than 20,000; "
        "give fewer infusions, a shorter --dump-hours or a longer --pump-every",
        "este plan tendría unos 33,008 eventos, más de 20,000; "
        "indique menos infusiones, un --dump-hours más corto o un --pump-every más largo",
        id="core.limits",
    ),
    pytest.param(
        ["plan", "2030-12-02 10:00", *UTC, "--clock", "13"], 2,
        "--clock '13' is not a clock; use 12 (2:00 p.m.) or 24 (14:00)",
        "--clock '13' no es un formato de hora; use 12 (2:00 p.m.) o 24 (14:00)",
        id="cli.output",
    ),
    pytest.param(
        ["plan", "2030-12-02 10:00", *UTC, "--replaces", "{dir}/allday.ics", "-f", "json"], 2,
        "--replaces cancels events in a calendar, but this plan comes out as json; "
        "save it as .ics (-o plan.ics)",
        "--replaces cancela eventos de un calendario, pero este plan sale en formato json; "
        "guárdelo como .ics (-o plan.ics)",
        id="cli.main",
    ),
    pytest.param(
        ["push", "2030-12-02 10:00", *UTC], 2,
        "give the CalDAV server with --url (or PUMPPLAN_CALDAV_URL), e.g. --url https://...",
        "indique el servidor CalDAV con --url (o PUMPPLAN_CALDAV_URL), por ejemplo --url https://...",
        id="cli.push",
    ),
    pytest.param(
        ["push", "2030-12-02 10:00", *UTC, "--url", "http://127.0.0.1:9/"], 1,
        "Cannot connect to the CalDAV server at http://127.0.0.1:9/: Connection refused",
        "No se puede conectar con el servidor CalDAV en http://127.0.0.1:9/: Connection refused",
        id="push.failures",
    ),
]  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Return a folder with a calendar of one all-day event and a clinic file with a misspelt section."""
    (tmp_path / "allday.ics").write_text(ALL_DAY, encoding="utf-8", newline="")
    (tmp_path / "clinic.toml").write_text('[clinica]\nname = "Oeste"\n', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("lunes 10:00\n", encoding="utf-8")
    return tmp_path


def _in(folder: Path, texts: list[str]) -> list[str]:
    return [text.replace("{dir}", str(folder)) for text in texts]


@pytest.mark.parametrize(("args", "code", "english", "spanish"), CASES)
def test_each_part_says_its_error_in_spanish_and_its_english_as_before(
    args: list[str], code: int, english: str, spanish: str, folder: Path
) -> None:
    """LANG=es_MX and --lang es give the Spanish; an English locale the English, byte for byte; same exit."""
    args = _in(folder, args)
    [english, spanish] = _in(folder, [english, spanish])
    assert run(*args, env={"LANG": "C.UTF-8"}) == (code, "", f"error: {english}\n")
    assert run(*args, env={"LANG": "es_MX.UTF-8"}) == (code, "", f"error: {spanish}\n")
    assert run(*args, "--lang", "es", env={"LANG": "en_US.UTF-8"}) == (code, "", f"error: {spanish}\n")
    assert run(*args, "--lang", "en", env={"LANG": "es_MX.UTF-8"}) == (code, "", f"error: {english}\n")


def test_outside_text_in_a_spanish_message_stays_as_typed_and_escaped() -> None:
    """Her words and the file's are never translated, and a control character shows as its escape."""
    code, out, err = run("plan", "tomorrow\x1b[2J 10:00", *UTC, "--lang", "es")
    assert (code, out) == (2, "")
    assert err == (
        "error: la hora 'tomorrow\\x1b[2J 10:00' contiene un carácter de control (\\x1b); "
        "escríbalo sin ese carácter\n"
    )


def test_a_spanish_time_that_cannot_be_read_is_shown_as_she_typed_it() -> None:
    """'mañana 25:00' is quoted in her words, not in the English words it was read as."""
    code, _, err = run("plan", "mañana 25:00", *UTC, "--lang", "es")
    assert code == 2
    assert "'mañana 25:00'" in err
    assert "tomorrow" not in err


def test_a_bug_is_reported_in_spanish_without_health_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bug line is Spanish too, exit 70, with neither the exception's text nor the times."""

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("María 2030-12-02 10:00")

    monkeypatch.setattr("pumpplan.app.report", broken)
    code, out, err = run("plan", "2030-12-02 10:00", *UTC, "--lang", "es")
    assert (code, out) == (70, "")
    assert err.startswith("error: esto es una falla de pumpplan ")
    assert "por favor, repórtela: ValueError at " in err
    assert "María" not in err
    assert "2030" not in err


def test_how_her_input_was_read_is_said_in_spanish(folder: Path) -> None:
    """The note on stderr about what a file gave is Spanish under --lang es, English otherwise."""
    (folder / "citas.csv").write_text("start\n7 dic 10:00\n", encoding="utf-8")
    code, _, err = run("plan", "--from", str(folder / "citas.csv"), *UTC, "-f", "json", "--lang", "es")
    assert (code, err) == (0, "se leyó 1 infusión de 'citas.csv'\n")
    (folder / "visits.csv").write_text("start\nDec 7 10:00\n", encoding="utf-8")
    code, _, err = run("plan", "--from", str(folder / "visits.csv"), *UTC, "-f", "json", "--lang", "en")
    assert (code, err) == (0, "read 1 infusion from 'visits.csv'\n")


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        pytest.param(
            ["plan", "mañana 10:00", "--nope"], {"LANG": "es_MX.UTF-8"},
            "error: No existe la opción --nope (vea 'pumpplan plan --help')\n", id="unknown-option",
        ),
        pytest.param(
            ["plan", "mañana 10:00", "--lang", "es", "--quite", "23:00-06:00"], {"LANG": "C.UTF-8"},
            "error: No existe la opción --quite (opciones parecidas: --quiet) (vea 'pumpplan plan --help')\n",
            id="near-option",
        ),
        pytest.param(
            ["plan", "mañana 10:00", "--lang=es", "--tz"], {"LANG": "C.UTF-8"},
            "error: La opción '--tz' necesita un valor (vea 'pumpplan plan --help')\n", id="missing-value",
        ),
        pytest.param(
            ["plan", "mañana 10:00", "--force=sí"], {"LANG": "es_MX.UTF-8"},
            "error: La opción '--force' no acepta un valor (vea 'pumpplan plan --help')\n",
            id="flag-with-value",
        ),
        pytest.param(
            ["plam"], {"LANG": "es_MX.UTF-8"},
            "error: No existe el comando 'plam'. ¿Quiso decir 'plan'? (vea 'pumpplan --help')\n",
            id="unknown-command",
        ),
        pytest.param(
            ["plan", "--version"], {"LANG": "es_MX.UTF-8"},
            "error: --version es una opción de pumpplan, no de un comando: escriba 'pumpplan --version' "
            "(vea 'pumpplan plan --help')\n",
            id="root-option",
        ),
        pytest.param(
            ["plan", "mañana 10:00", "--lang", "es", "--nope"], {"LANG": "C.UTF-8"},
            "error: No existe la opción --nope (vea 'pumpplan plan --help')\n", id="lang-es",
        ),
        pytest.param(
            ["plan", "mañana 10:00", "--lang", "en", "--nope"], {"LANG": "es_MX.UTF-8"},
            "error: No such option: --nope (see 'pumpplan plan --help')\n", id="lang-en",
        ),
        pytest.param(
            ["plan", "tomorrow 10:00", "--tz"], {"LANG": "C.UTF-8"},
            "error: Option '--tz' requires an argument. (see 'pumpplan plan --help')\n", id="english",
        ),
    ],
)  # fmt: skip
def test_usage_slips_are_in_the_language_asked_for(
    args: list[str], env: dict[str, str], message: str
) -> None:
    """Click's slips, worded before --lang is read, are said in Spanish when --lang or LANG asks."""
    result = installed(*args, env=env)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_a_language_pumpplan_lacks_is_refused_in_english() -> None:
    """--lang fr is refused before any language is chosen: in English, even under a Spanish locale."""
    code, _, err = run("plan", "2030-12-02 10:00", "--lang", "fr", env={"LANG": "es_MX.UTF-8"})
    assert code == 2
    assert err == "error: --lang 'fr' is not available; use one of en, es\n"
