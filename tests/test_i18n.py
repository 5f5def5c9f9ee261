"""Spanish: every message translated, catalogues compiled, dates in Spanish, --lang and the locale."""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from pumpplan import i18n
from pumpplan.cli import app
from pumpplan.core.model import QuietHours, Rule
from pumpplan.core.stash import plan_stash
from pumpplan.render import FORMATS, RenderOptions, render
from pumpplan.render.report import Report, Section
from tests.helpers import make_plan

PACKAGE = Path(i18n.__file__).parent
PO = PACKAGE / "locale" / "es" / "LC_MESSAGES" / "pumpplan.po"
# The keywords tools/translations.sh extracts with: _, n_, p_, the errors and Phrase.
KEYWORDS = parse_keywords(re.findall(r"-k (\S+)", (PACKAGE.parent / "tools" / "translations.sh").read_text()))
# A field's name, whatever format the translation gives it: '{day:%a %b %-d}' is the field 'day'.
PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::[^{}]*)?\}")


def catalogue() -> dict[tuple[str | None, str], object]:
    """Return the Spanish catalogue's translations by (context, message id)."""
    with PO.open("rb") as handle:
        po = read_po(handle)
    return {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in po if m.id}


def source_messages() -> Iterator[tuple[str | None, str]]:
    """Yield every (context, message) the package marks for translation."""
    for _file, _line, message, _comments, context in extract_from_dir(str(PACKAGE), keywords=KEYWORDS):
        yield context, message[0] if isinstance(message, tuple) else message


def test_every_message_in_the_code_has_a_spanish_translation() -> None:
    """No marked message lacks a Spanish string, and none is left fuzzy."""
    entries = catalogue()
    untranslated = []
    for key in set(source_messages()):
        entry = entries.get(key)
        strings = getattr(entry, "string", None)
        filled = all(strings) if isinstance(strings, tuple) else bool(strings)
        if entry is None or not filled or getattr(entry, "fuzzy", False):
            untranslated.append(key)
    assert sorted(untranslated, key=str) == []


def test_translations_keep_every_placeholder() -> None:
    """A translation uses exactly the placeholders of its message, so .format() never fails."""
    for (_context, message), entry in catalogue().items():
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)  # type: ignore[attr-defined]
        ids = entry.id if isinstance(entry.id, tuple) else (message,)  # type: ignore[attr-defined]
        expected = {p for text in ids for p in PLACEHOLDER.findall(text)}
        for text in filter(None, strings):  # untranslated entries fail the test above
            assert set(PLACEHOLDER.findall(text)) <= expected, (message, text)
            assert set(PLACEHOLDER.findall(text)) >= set(PLACEHOLDER.findall(ids[0])) - {"count"}, (
                message,
                text,
            )


def test_compiled_catalogue_matches_the_po_file() -> None:
    """The shipped .mo is compiled from the current .po (run tools/translations.sh after editing)."""
    with PO.open("rb") as handle:
        po = read_po(handle)
    compiled = io.BytesIO()
    write_mo(compiled, po)
    assert PO.with_suffix(".mo").read_bytes() == compiled.getvalue()


class Recorder(gettext.NullTranslations):
    """Remember every message the Spanish catalogue could not translate."""

    def __init__(self) -> None:
        super().__init__()
        self.missing: set[str] = set()

    def gettext(self, message: str) -> str:
        self.missing.add(message)
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.missing.add(singular)
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        self.missing.add(f"{context}|{message}")
        return message


def busy_report() -> Report:
    """Return a report whose plan has every kind of warning, quiet hours and a header."""
    rule = Rule(quiet=QuietHours(time(23), time(6)))
    plan = make_plan(
        "2030-03-01 10:00", "2030-03-03 11:30", "2030-03-05 12:10", "2030-03-07 10:00", "2030-03-09 10:00",
        rule=rule, now=datetime(2030, 3, 2, tzinfo=UTC),
    )  # fmt: skip
    return Report(
        plan,
        patient="María",
        clinic="Clínica Oeste",
        source="Protocolo (2026)",
        printed=plan.infusions[0].start.date(),
    )


def test_every_output_in_spanish_uses_only_translated_messages() -> None:
    """Rendering every human format with every kind of warning asks for no missing message."""
    recorder = Recorder()
    i18n.use("es").add_fallback(recorder)
    report = busy_report()
    assert {n.kind.value for n in report.plan.warnings} >= {
        "merged",
        "short-gap",
        "clock-change",
        "past",
        "pump-in-window",
    }
    first = report.plan.infusions[0].start.date()
    stashes = [
        # Met with the published intake, and short from a week before with a given intake.
        plan_stash(
            report.plan, intake_ml=750, intake_range=(570, 900), start_pumping=first - timedelta(days=90)
        ),
        plan_stash(report.plan, intake_ml=900, start_pumping=first - timedelta(days=7)),
        plan_stash(report.plan, intake_ml=900, start_pumping=first),
    ]
    every_section = frozenset(Section)
    options = RenderOptions(stamp=datetime(2030, 1, 1, tzinfo=UTC))
    for with_stash in (report, *(replace(report, stash=s, sections=every_section) for s in stashes)):
        for name in FORMATS:
            render(with_stash, name, options)
    assert recorder.missing == set()


def test_spanish_plan_has_spanish_dates_and_words() -> None:
    """--lang es gives Spanish weekdays, months, titles, rule and disclaimer."""
    result = CliRunner().invoke(
        app, ["plan", "2030-12-02 10:00", "--tz", "America/Los_Angeles", "--lang", "es", "-f", "plain"]
    )
    assert result.exit_code == 0
    for text in (
        "lun 2 dic",
        "mié 4 dic 2030 10:40",
        "Infusión de ketamina",
        "Extraer la leche y desecharla",
        "Indicaciones:",
        "No es un consejo médico",
    ):
        assert text in result.stdout
    assert "Mon" not in result.stdout


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "es_ES.UTF-8"}, "es"),
        ({"LANGUAGE": "fr:es", "LANG": "fr_FR.UTF-8"}, "es"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_default_language_comes_from_the_locale(environment: dict[str, str], language: str) -> None:
    """Without --lang, a Spanish locale gives Spanish; anything pumpplan lacks gives English."""
    assert i18n.from_environment(environment) == language


def test_locale_switches_the_cli_to_spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    """LANG=es_US makes the table Spanish without --lang."""
    monkeypatch.setenv("LANG", "es_US.UTF-8")
    result = CliRunner().invoke(app, ["plan", "2030-12-02 10:00", "--tz", "UTC"])
    assert "Infusión de ketamina" in result.stdout


def test_unknown_language_is_an_error() -> None:
    """--lang fr names the languages there are."""
    result = CliRunner().invoke(app, ["plan", "2030-12-02 10:00", "--lang", "fr"])
    assert result.exit_code == 2
    assert result.stderr == "error: --lang 'fr' is not available; use one of en, es\n"


def test_json_keeps_its_keys_in_spanish() -> None:
    """The JSON contract's keys and kinds stay the same whatever the language."""
    result = CliRunner().invoke(
        app, ["plan", "2030-12-02 10:00", "--tz", "UTC", "--lang", "es", "-f", "json"]
    )
    assert '"kind": "pump-keep"' in result.stdout
    assert '"schema": "pumpplan/1"' in result.stdout
    assert "Infusión de ketamina" in result.stdout
