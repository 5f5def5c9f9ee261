"""The nurse's handout: escaped, complete, and printed by a real browser on one page."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pumpplan import i18n
from pumpplan.core.model import EventKind, Plan, Rule
from pumpplan.core.stash import plan_stash
from pumpplan.render import notices, phrases
from pumpplan.render.conventions import for_locale, using
from pumpplan.render.report import Report, Section, Support
from tests.helpers import make_plan, print_to_pdf, text, with_paper

SIX = ("02", "04", "06", "09", "11", "13")
TWELVE = (*SIX, "16", "18", "20", "23", "25", "27")
PRINTED = date(2030, 11, 28)
SCRIPT = "<script>alert(1)</script>"
CLINIC = 'Tom & Jerry\'s "Bay" <b>Clinic</b>'
SOURCE = "Lactation <i>policy</i> & ketamine, v2"
# What the page must call each entry, written out here rather than taken from the renderer.
MARKS = {
    EventKind.PUMP_KEEP: "KEEP",
    EventKind.INFUSION: "INFUSION",
    EventKind.PUMP_DUMP: "discard",
    EventKind.RESUME: "BREASTFEED",
}
NO_CHROMIUM = "chromium is not installed: apt-get install chromium poppler-utils to print the handout"


def _page_of(page: int, pages: int) -> str:
    """Return 'Page 1 of 2' in the language in use."""
    return i18n._("Page {page} of {pages}").format(page=page, pages=pages)


def mwf_course(days: tuple[str, ...]) -> Plan:
    """Return a Mon/Wed/Fri course at 10:00 in Los Angeles on the given December 2030 days."""
    return make_plan(*(f"2030-12-{day} 10:00" for day in days))


def handout(plan: Plan, paper: str | None = None, *, stash: bool = False) -> str:
    """Return the handout of a plan for the patient SCRIPT at CLINIC, whose protocol cites SOURCE.

    With ``stash``, the page also gives the milk to store at 750 mL a day, pumped from Nov 18;
    with ``paper`` ('letter' or 'A4'), it is fixed to that paper as a printer set to it prints.
    """
    milk = plan_stash(plan, intake_ml=750, start_pumping=date(2030, 11, 18)) if stash else None
    sections = {Section.SCHEDULE, *([Section.STASH] if stash else [])}
    report = Report(
        plan, patient=SCRIPT, clinic=CLINIC, source=SOURCE, printed=PRINTED, stash=milk,
        sections=frozenset(sections), support=Support(united_states=True),
    )  # fmt: skip
    page = text(report, "html")
    return with_paper(page, paper) if paper else page


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Write the page in a language ('en' or 'es'), then go back to English."""
    i18n.use(language)
    try:
        yield
    finally:
        i18n.use("en")


def session_times(plan: Plan) -> Iterator[tuple[str, list[str], list[str]]]:
    """Yield each day's label, its entries' local start times and their marks."""
    for day, events in phrases.by_day(plan):
        times = [phrases.clock(plan.local(e.start)) for e in events]
        yield phrases.day(day), times, [MARKS[e.kind] for e in events]


class Page(HTMLParser):
    """An independent reading of the page: its tags, its text, and the text of each table row."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.rows: list[tuple[str, str]] = []
        self.big: list[str] = []
        self.boxes = 0
        self._cell: str | None = None
        self._in_big = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append(("", ""))
        if tag in ("th", "td"):
            self._cell = tag
        self._in_big = self._in_big or ("class", "big") in attrs
        self.boxes += self._cell == "td" and ("class", "box") in attrs

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td"):
            self._cell = None
        if tag == "p":
            self._in_big = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_big:
            self.big.append(data)
        if self._cell and self.rows:
            head, body = self.rows[-1]
            self.rows[-1] = (head + data + " ", body) if self._cell == "th" else (head, body + data + " ")

    @classmethod
    def read(cls, page: str) -> Page:
        """Parse a page."""
        reader = cls()
        reader.feed(page)
        reader.close()
        return reader

    def all_text(self) -> str:
        """Return the page's text, whitespace collapsed."""
        return " ".join(" ".join(self.text).split())

    def row(self, day: str) -> str:
        """Return the text of the body of the table row whose header starts with a day label."""
        (body,) = [body for head, body in self.rows if head.split(" ", 3)[:3] == day.split()]
        return body


def test_name_clinic_and_source_are_shown_as_text_never_as_markup() -> None:
    """A name like <script>... is escaped: the page has no script, b or i tag, and shows the text."""
    page = Page.read(handout(mwf_course(SIX)))
    assert not {"script", "b", "i"} & set(page.tags)
    assert SCRIPT in page.all_text()
    assert CLINIC in page.all_text()
    assert f"Clinic protocol: {SOURCE}." in page.all_text()


def test_page_is_self_contained_without_script_or_network() -> None:
    """The page loads nothing: no script, link, image, frame, url() or @import."""
    text = handout(mwf_course(SIX))
    page = Page.read(text)
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(page.tags)
    for needle in ("src=", "href=", "url(", "@import", "http:", "https:"):
        assert needle not in text


def test_every_day_row_lists_its_entries_in_order_with_their_marks() -> None:
    """Each day's row shows every session's time with KEEP / discard, the infusion and the resume."""
    plan = mwf_course(SIX)
    page = Page.read(handout(plan))
    for day, times, marks in session_times(plan):
        body = page.row(day)
        assert re.findall(r"\d\d:\d\d", body) == times, day
        assert re.findall(r"KEEP|INFUSION|discard|BREASTFEED", body) == marks, day


def test_each_pumping_session_has_one_box_to_tick() -> None:
    """The checklist has exactly as many tick boxes as pumping sessions: none for infusions or resumes."""
    plan = mwf_course(SIX)
    boxes = Page.read(handout(plan)).boxes
    assert boxes == plan.count(EventKind.PUMP_KEEP) + plan.count(EventKind.PUMP_DUMP) == 98


def test_resume_time_is_shown_in_large_type() -> None:
    """The final resume, with weekday, date and time, is the large-type line."""
    page = Page.read(handout(mwf_course(SIX)))
    assert " ".join("".join(page.big).split()) == "Sun Dec 15, 2030 at 10:40"


def test_breaks_between_windows_are_named_next_to_the_resume() -> None:
    """Between the two merged windows she may breastfeed from Sunday 10:40 to Monday 10:00."""
    text = Page.read(handout(mwf_course(SIX))).all_text()
    assert "Sun Dec 8 10:40 to Mon Dec 9 10:00" in text


def test_storage_guidance_gives_the_cdc_times() -> None:
    """Every CDC figure, with its temperature: room 4 h, fridge 4 days, freezer 6-12 months, thawed 24 h."""
    text = Page.read(handout(mwf_course(SIX))).all_text()
    for phrase in (
        "Room temperature, up to 77 °F (25 °C) up to 4 hours",
        "Fridge, 40 °F (4 °C) up to 4 days. Milk you will not use within 4 days: freeze it the day you pump",
        "Freezer, 0 °F (-18 °C) or colder best within 6 months; up to 12 months is acceptable",
        "Thawed milk up to 24 hours in the fridge, counted from when it is fully thawed; 1 to 2 hours",
        "After a feed use what is left within 2 hours",
        "Never thaw or warm milk in a microwave",
        "Source: CDC, Proper Storage and Preparation of Breast Milk.",
    ):
        assert phrase in text


def test_rule_summary_warnings_and_disclaimer_are_all_shown() -> None:
    """The page carries the rule, the summary, each warning and the disclaimer, word for word."""
    plan = mwf_course(SIX)
    text = Page.read(handout(plan)).all_text()
    with using(for_locale("", "en")):  # as the handout writes them, with no locale
        expected = [*phrases.rule_lines(plan), *notices.warnings(plan), phrases.disclaimer()]
        pairs = phrases.grouped(phrases.summary_lines(plan))
    expected += [f"{label} {' '.join(values)}" for label, values in pairs]
    assert len(notices.warnings(plan)) == 2
    for line in expected:
        assert line in text


def test_header_names_patient_clinic_date_printed_and_zone() -> None:
    """The header shows who the handout is for, when it was printed, and the zone of its times."""
    text = Page.read(handout(mwf_course(SIX))).all_text()
    assert f"For {SCRIPT} Clinic {CLINIC} Printed Thu Nov 28, 2030" in text
    assert "All times: Pacific Time (Los Angeles)." in text


def test_missing_name_clinic_and_date_leave_lines_to_write_on() -> None:
    """Without a name, clinic or date the header leaves blank lines, never the word None."""
    page = text(Report(mwf_course(SIX)), "html")
    assert page.count('<span class="blank"></span>') == 3
    assert "None" not in page


@pytest.mark.parametrize(
    ("times", "rule", "day", "expected"),
    [
        (("2030-12-02 10:00",), Rule(), "Mon Dec 2", "Breastfeed until 10:00"),
        (("2030-12-02 10:00",), Rule(), "Tue Dec 3", "No breastfeeding"),
        (("2030-12-02 10:00",), Rule(), "Wed Dec 4", "Breastfeed from 10:40"),
        (("2030-12-02 00:30",), Rule(), "Sun Dec 1", "Breastfeeding all day"),
        (
            ("2030-12-02 08:00", "2030-12-02 16:00"),
            Rule(dump=timedelta(hours=2)),
            "Mon Dec 2",
            "Breastfeed until 08:00, 10:40-16:00, from 18:40",
        ),
    ],
    ids=["infusion-day", "inside-window", "resume-day", "pump-only-day", "two-windows-in-a-day"],
)
def test_each_day_says_when_she_may_breastfeed(
    times: tuple[str, ...], rule: Rule, day: str, expected: str
) -> None:
    """Under each date: no breastfeeding, or the hours outside every window."""
    page = Page.read(text(Report(make_plan(*times, rule=rule)), "html"))
    (head,) = [head for head, _ in page.rows if head.startswith(day + " ")]
    assert " ".join(head.split()) == f"{day} {expected}"


def test_the_page_prints_on_the_printers_own_paper() -> None:
    """The handout fixes no page size: Letter and A4 printers both print it on their paper."""
    page = handout(mwf_course(SIX))
    assert re.findall(r"(?<![-\w])size: \w+;", page) == []


# Printed by a real browser. Each PDF is one chromium launch; all run at once.


@dataclass(frozen=True)
class Printed:
    """A PDF as poppler reads it: its page count, page size and each page's laid-out text."""

    pages: int
    size: str
    text: list[str]


@pytest.fixture(scope="module")
def chromium() -> str:
    """Return the browser's path; skip the print tests without one, unless CI requires them."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.environ.get("PUMPPLAN_REQUIRE_BROWSER"):
        pytest.fail(f"PUMPPLAN_REQUIRE_BROWSER is set but {NO_CHROMIUM}")
    if found is None:
        pytest.skip(NO_CHROMIUM)
    for tool in ("pdfinfo", "pdftotext"):
        if shutil.which(tool) is None:
            pytest.fail(f"chromium is installed but {tool} is not: apt-get install poppler-utils")
    return found


@pytest.fixture(scope="module")
def printed(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    """Print the six-infusion course on Letter and A4 in English and Spanish, the twelve on Letter."""
    folder = tmp_path_factory.mktemp("handout")
    jobs: dict[str, tuple[tuple[str, ...], str, str]] = {
        "six-letter-en": (SIX, "letter", "en"),
        "six-a4-en": (SIX, "A4", "en"),
        "twelve-letter-en": (TWELVE, "letter", "en"),
        "six-letter-es": (SIX, "letter", "es"),
        "six-a4-es": (SIX, "A4", "es"),
        "six-letter-stash-en": (SIX, "letter", "en"),
    }
    running = {}
    for key, (days, paper, language) in jobs.items():
        page = folder / f"{key}.html"
        with speaking(language):
            text = handout(mwf_course(days), paper, stash="stash" in key)
            page.write_text(text, encoding="utf-8")
        running[key] = _print_to_pdf(chromium, page, folder / f"{key}.pdf", folder / f"{key}-profile")
    try:
        for key, process in running.items():
            _, errors = process.communicate(timeout=60)
            assert process.returncode == 0, f"chromium failed on {key}: {errors}"
    finally:
        for process in running.values():
            if process.poll() is None:  # a page that hangs the browser (a dialog, say) must not outlive us
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    return {key: _read_pdf(folder / f"{key}.pdf") for key in jobs}


def _print_to_pdf(chromium: str, page: Path, pdf: Path, profile: Path) -> subprocess.Popen[str]:
    """Start a headless browser that prints a page to PDF without headers or footers."""
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def _read_pdf(pdf: Path) -> Printed:
    """Read a PDF's page count and size with pdfinfo and its text, page by page, with pdftotext."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    pages = int(fields["Pages"])
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return Printed(pages, fields["Page size"].strip(), text.split("\f")[:pages])


def _row_lines(printed: Printed, day: str) -> tuple[int, str, str]:
    """Return the page of a day's row, its line of times and the line of marks under it."""
    label = re.compile(rf"^\s*{re.escape(day)}\s")
    for number, page in reversed(list(enumerate(printed.text, 1))):
        lines = [line for line in page.splitlines() if line.strip()]
        found = [i for i, line in enumerate(lines) if label.match(line)]
        if found:  # the last: the breaks listed above the checklist may start with the same day
            index = found[-1]
            return number, lines[index], lines[index + 1]
    raise AssertionError(f"{day} is not printed")


@pytest.mark.parametrize(
    ("paper", "size", "language"),
    [
        ("letter", "612 x 792 pts (letter)", "en"),
        ("a4", "(A4)", "en"),
        ("letter", "612 x 792 pts (letter)", "es"),
        ("a4", "(A4)", "es"),
    ],
    ids=["letter-en", "a4-en", "letter-es", "a4-es"],
)
def test_printed_six_infusion_course_fits_on_one_sheet_each_page_named_and_numbered(
    printed: dict[str, Printed], paper: str, size: str, language: str
) -> None:
    """The Mon/Wed/Fri course of six prints on the two sides of one Letter or A4 sheet, in each language.

    The front has the resume and the whole checklist; the back, why and where to find help. Every
    page carries her name, its number and the disclaimer, and none the browser's own header or footer.
    """
    pdf = printed[f"six-{paper}-{language}"]
    assert pdf.size.endswith(size)
    assert pdf.pages == 2
    with speaking(language):
        disclaimer, numbers = phrases.disclaimer(), [_page_of(n, 2) for n in (1, 2)]
    for page, number in zip(pdf.text, numbers, strict=True):
        flat = " ".join(page.split())
        assert disclaimer in flat  # the page really is in that language
        assert number in flat
        assert SCRIPT in flat
        assert "file:" not in flat
    assert re.search(r"(Sun Dec 15|dom 15 dic)", pdf.text[0])  # the last day of the checklist
    assert "988" in pdf.text[1]


def test_printed_twelve_infusion_course_flows_onto_more_pages(printed: dict[str, Printed]) -> None:
    """Twelve infusions take more than one page, and each page of the checklist repeats its legend."""
    twelve = printed["twelve-letter-en"]
    assert twelve.pages > 1
    checklist = [page for page in twelve.text if re.search(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) Dec \d+\s", page)]
    assert len(checklist) > 1
    for page in checklist:
        assert re.search(r"KEEP\s+pump, keep the milk\s+discard\s+pump, throw it away", page)


def test_printed_stash_shows_the_need_and_the_build_up_whole(printed: dict[str, Printed]) -> None:
    """With a stash, the printout adds each window's need and the build-up, kept whole on one page."""
    pdf = printed["six-letter-stash-en"]
    assert pdf.pages == 2  # the section fits under the checklist; the storage notes move to page 2
    (section,) = [page for page in pdf.text if "MILK TO STORE BEFORE THE INFUSIONS" in page.upper()]
    flat = " ".join(section.split())
    assert "at 750 mL a day" in flat
    assert "Mon Dec 2 10:00 to Sun Dec 8 10:40 (6 days 40 min): about 4.5 L, 51 bottles of 90 mL." in flat
    assert "In all: about 9 L" in flat
    assert "Pumping 3 extra times a day" in flat
    assert phrases.disclaimer() in " ".join(pdf.text[-1].split())


@pytest.mark.parametrize("key", ["six-letter-en", "six-a4-en", "twelve-letter-en"])
def test_printed_rows_show_every_session_whole_on_one_page(printed: dict[str, Printed], key: str) -> None:
    """Every day prints as one uncut row: its times in order, the marks under them, on one page."""
    plan = mwf_course(TWELVE if key.startswith("twelve") else SIX)
    pages = set()
    for day, times, marks in session_times(plan):
        page, time_line, mark_line = _row_lines(printed[key], day)
        pages.add(page)
        assert re.findall(r"\d\d:\d\d", time_line) == times, day
        assert re.findall(r"KEEP|INFUSION|discard|BREASTFEED", mark_line) == marks, day
    assert pages == ({1, 2} if key.startswith("twelve") else {1})  # six: the whole checklist on the front


@pytest.mark.parametrize("key", ["six-letter-en", "six-a4-en"])
def test_printed_page_shows_resume_name_storage_and_disclaimer(printed: dict[str, Printed], key: str) -> None:
    """The printed page shows the resume, the name as literal text (never run), storage and disclaimer."""
    flat = " ".join(" ".join(printed[key].text).split())
    assert "Sun Dec 15, 2030 at 10:40" in flat
    assert f"For {SCRIPT}" in flat
    assert "best within 6 months; up to 12" in flat
    assert phrases.disclaimer() in flat


def test_on_the_12_hour_clock_the_six_infusion_checklist_stays_whole_on_the_front(
    chromium: str, tmp_path: Path
) -> None:
    """en_US prints '9:00' over 'a.m.': every day's row, in order, whole on page 1 of the sheet."""
    plan = mwf_course(SIX)
    page = tmp_path / "us.html"
    page.write_text(text(Report(plan, patient="Maria Lopez"), "html", locale="en_US"), encoding="utf-8")
    print_to_pdf(chromium, page, tmp_path / "us.pdf", tmp_path / "profile")
    pdf = _read_pdf(tmp_path / "us.pdf")
    assert pdf.pages == 2
    front = pdf.text[0]
    for day, _events in phrases.by_day(plan):
        assert re.search(rf"^\s*{re.escape(phrases.day(day))}\s", front, flags=re.MULTILINE), day
    assert "a.m." in front
    assert "midnight" in front
