"""The handout's scan code: the final resume as a bare VEVENT, printed, scanned back byte for byte."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest

from pumpplan import i18n
from pumpplan.render import RenderOptions, render
from pumpplan.render.qr import payload, svg
from pumpplan.render.report import Report
from tests.helpers import SIX, make_plan, print_to_pdf, printing_tool, with_paper

EXPECTED = (
    "BEGIN:VEVENT\r\nSUMMARY:{title}\r\nDTSTART:20301215T184000Z\r\nDTEND:20301215T185500Z\r\nEND:VEVENT"
)
CAPTION = "Scan with your phone's camera to add this to your calendar."


@pytest.fixture
def spanish() -> Iterator[None]:
    """Speak Spanish for one test, then English again."""
    i18n.use("es")
    yield
    i18n.use("en")


def handout(*, discreet: bool = False, paper: str = "letter") -> str:
    """Return the handout of the six-infusion course for Maria Lopez."""
    report = Report(make_plan(*SIX), patient="Maria Lopez")
    page = render(report, "html", RenderOptions(discreet=discreet))
    assert isinstance(page, str)
    return with_paper(page, paper)


def test_the_code_holds_the_final_resume_in_utc_and_nothing_else() -> None:
    """The six-infusion course resumes Sun Dec 15 10:40 in Los Angeles: 18:40 UTC, a 15-minute event."""
    report = Report(make_plan(*SIX), patient="Maria Lopez")
    assert payload(report) == EXPECTED.format(title="Resume breastfeeding")
    assert payload(report, discreet=True) == EXPECTED.format(title="Feeding OK")


def test_the_handout_shows_the_code_beside_the_resume_with_how_to_scan_it() -> None:
    """The code is inline SVG inside the resume panel, with its one-line caption; no image file, no script."""
    page = handout()
    panel = page[page.index('<section class="resume-panel">') : page.index("</section>")]
    assert re.search(r'<svg [^>]*class="qr-code"', panel)
    assert escape(CAPTION) in panel
    assert "<img" not in page
    assert "<script" not in page


def test_the_help_loads_no_code_drawing() -> None:
    """'pumpplan --help' and a plan in any other format never import segno."""
    code = (
        "import sys\nfrom pumpplan.cli import main\nsys.argv = ['pumpplan', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint('segno' in sys.modules, file=sys.stderr)\n"
    )
    for args in (["--help"], ["plan", "2030-12-02 10:00", "--tz", "UTC", "-f", "ics"]):
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
        assert done.stderr.splitlines()[-1] == "False", args


@pytest.mark.parametrize(
    ("name", "discreet", "paper"),
    [("letter", False, "letter"), ("a4-discreet", True, "A4"), ("spanish", False, "letter")],
)
def test_the_printed_code_scans_back_to_the_payload_byte_for_byte(
    tmp_path: Path, name: str, discreet: bool, paper: str
) -> None:
    """Printed by Chromium, page 1 at 300 dpi: zbarimg reads the payload exactly, in the page's language."""
    chromium = printing_tool("chromium", "chromium")
    printing_tool("pdftoppm", "poppler-utils")
    zbarimg = printing_tool("zbarimg", "zbar-tools")
    i18n.use("es" if name == "spanish" else "en")
    try:
        page, expected = (
            handout(discreet=discreet, paper=paper),
            payload(Report(make_plan(*SIX), patient="Maria Lopez"), discreet=discreet),
        )
    finally:
        i18n.use("en")
    assert scanned(tmp_path, page, chromium, zbarimg) == expected


def test_a_title_beyond_ascii_scans_back_as_utf8(tmp_path: Path) -> None:
    """The code carries its UTF-8 with an ECI: an accented title and a dash scan back unchanged."""
    chromium = printing_tool("chromium", "chromium")
    zbarimg = printing_tool("zbarimg", "zbar-tools")
    text = EXPECTED.format(title="Amamantar — sí, María")
    page = f'<!DOCTYPE html><meta charset="utf-8"><style>svg {{ width: 25mm; }}</style>{svg(text)}'
    assert scanned(tmp_path, page, chromium, zbarimg) == text


def scanned(folder: Path, page: str, chromium: str, zbarimg: str) -> str:
    """Return what zbarimg reads from page 1 of a page printed to PDF and drawn at 300 dpi."""
    source, pdf = folder / "page.html", folder / "page.pdf"
    source.write_text(page, encoding="utf-8")
    print_to_pdf(chromium, source, pdf, folder / "profile")
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-f", "1", "-l", "1", str(pdf), str(folder / "p")], check=True
    )
    (png,) = folder.glob("p-*.png")
    done = subprocess.run(
        [zbarimg, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(png)], capture_output=True, check=True
    )
    assert done.stdout.endswith(b"\n")
    return done.stdout[:-1].decode("utf-8")
