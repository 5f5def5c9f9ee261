"""Hypothesis strategies the property tests share: realistic rules and courses of infusions."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from hypothesis import strategies as st

from pumpplan.core.model import QuietHours, Rule


@st.composite
def rules(draw: st.DrawFn, quiet: bool = True) -> Rule:
    """Draw a realistic rule; the cadence leaves room for the pre-pump and the infusion."""
    infusion = timedelta(minutes=draw(st.integers(20, 60)))
    before = timedelta(minutes=draw(st.integers(15, 60)))
    every = timedelta(minutes=draw(st.integers(120, 240)))
    nights = [None, QuietHours(time(23), time(6)), QuietHours(time(22, 30), time(5))]
    return Rule(
        infusion=infusion,
        pump_before=before,
        dump=timedelta(hours=draw(st.integers(12, 72))),
        pump_every=every,
        session=timedelta(minutes=draw(st.integers(10, 30))),
        quiet=draw(st.sampled_from(nights)) if quiet else None,
    )


@st.composite
def starts(draw: st.DrawFn) -> list[datetime]:
    """Draw up to eight infusion instants, none overlapping the previous one's 60 min."""
    # Hypothesis bounds are naive; the drawn value is made UTC at once.
    bounds = datetime(2030, 1, 1), datetime(2031, 12, 31)  # noqa: DTZ001
    first = draw(st.datetimes(*bounds)).replace(tzinfo=UTC)
    gaps = draw(st.lists(st.integers(60, 6 * 24 * 60), max_size=7))
    times = [first]
    for gap in gaps:
        times.append(times[-1] + timedelta(minutes=gap))
    return [t.replace(second=0, microsecond=0) for t in times]


@st.composite
def odd_rules(draw: st.DrawFn) -> Rule:
    """Draw any rule the command accepts, including ones whose pre-pump and infusion outlast the cadence."""
    every = timedelta(minutes=draw(st.integers(30, 300)))
    return Rule(
        infusion=timedelta(minutes=draw(st.integers(10, 180))),
        pump_before=timedelta(minutes=draw(st.integers(5, 180))),
        dump=timedelta(hours=draw(st.integers(1, 72))),
        pump_every=every,
        session=timedelta(minutes=draw(st.integers(1, int(every / timedelta(minutes=1))))),
        quiet=draw(st.sampled_from([None, QuietHours(time(23), time(6))])),
    )


@st.composite
def courses(draw: st.DrawFn) -> tuple[list[datetime], Rule]:
    """Draw a rule and up to eight infusions: back to back, a few minutes apart, or days apart."""
    rule: Rule = draw(st.one_of(rules(), odd_rules()))
    bounds = datetime(2030, 1, 1), datetime(2031, 12, 31)  # noqa: DTZ001
    times = [draw(st.datetimes(*bounds)).replace(tzinfo=UTC, second=0, microsecond=0)]
    # The gap from one infusion's end to the next one's start.
    pauses = st.one_of(st.just(0), st.integers(1, 19), st.integers(20, 6 * 24 * 60))
    for pause in draw(st.lists(pauses, max_size=7)):
        times.append(times[-1] + rule.infusion + timedelta(minutes=pause))
    return times, rule


# --- hostile input, for the fuzz test (tests/cli/test_fuzz.py) ----------------------------------

# What an attacker or an unlucky export puts in text: terminal escapes, bidi and invisible
# characters, what undecodable bytes become, other scripts' digits, Markdown and path tricks.
HOSTILE_PIECES = [
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x1b[2K\x1b[1G",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\xad",
    "\u061c",
    "\u200d",
    "\x00",
    "\udcff",
    "\ue000",
    "²",
    "٣",
    "\r",
    "\n",
    "\t",
    "~~",
    "https://x.example",
    "www.x.example",
    "a@b.example",
    "../",
    "%s",
    "{0}",
    "'",
    '"',
    "\\",
    "9" * 40,
]
hostile_text = st.one_of(
    st.text(max_size=24),
    st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=6)), max_size=6).map("".join),
)
ZONES = [
    "UTC",
    "America/Los_Angeles",
    "Europe/Berlin",
    "America",
    "Pacific",
    "utc",
    "america/chicago",
    "Asia/Kolkata",
    "Mars/Base",
    "../../etc/passwd",
    "a/" * 300,
    "Etc/GMT+5",
    "posixrules",
    "JST-9",
]
DURATIONS = ["40m", "0", "00", "-3h", "²", "1h30m", "30", "2d", "31d", "9" * 30 + "d", "10m", "1m", "48"]


@st.composite
def moments(draw: st.DrawFn) -> str:
    """Draw a start time: usual, at the edge of the years, with an odd offset, or any text."""
    # Mostly times that make a plan, so that the search reaches the renderers too.
    year = draw(st.sampled_from([2030, 2030, 2030, 2031, 1899, 1900, 2200, 2201, 9999, 1, 10000]))
    hour = draw(st.integers(0, 23) | st.integers(0, 25))
    offset = draw(st.sampled_from(["", "Z", "+14:00", "-12:00", "+24:00", "-25:30", "+99:99"]))
    return draw(
        st.one_of(
            st.just(f"{year:04d}-12-02 {hour:02d}:00"),
            st.just(f"2030-12-{draw(st.integers(1, 28)):02d} {hour:02d}:30"),
            st.just(f"2030-12-02T10:00{offset}"),
            st.sampled_from(["mon 10am", "tomorrow 9:30", "Feb 29 10:00", "2030-03-10 02:30", "Dec 7"]),
            hostile_text,
        )
    )


@st.composite
def recurrences(draw: st.DrawFn) -> str:
    """Draw an RRULE from its parts, sensible or not."""
    freq = draw(
        st.sampled_from(["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "X"])
    )
    # Small, or at the limits: a legitimately huge plan is slow to write, not hostile (tested elsewhere).
    number = (st.integers(-5, 60) | st.sampled_from([1096, 3653, 5000, 5001, 6000])).map(str)
    part = st.one_of(
        number.map(lambda n: f"COUNT={n}"),
        number.map(lambda n: f"INTERVAL={n}"),
        st.integers(-40, 40).map(lambda n: f"BYMONTHDAY={n}"),
        st.integers(0, 13).map(lambda n: f"BYMONTH={n}"),
        st.integers(-400, 400).map(lambda n: f"BYSETPOS={n}"),
        st.sampled_from(
            [
                "BYDAY=MO,WE,FR",
                "BYDAY=-1SU",
                "BYHOUR=1,2",
                "UNTIL=20301231",
                "UNTIL=99991231",
                "UNTIL=20400101T000000Z",
                "WKST=SU",
                "BYWEEKNO=53",
                "BYYEARDAY=366",
            ]
        ),
        hostile_text,
    )
    return ";".join([f"FREQ={freq}", *draw(st.lists(part, max_size=4))])


USUAL = {
    "--tz": ["UTC", "America/Los_Angeles", "Europe/Berlin"],
    "--duration": ["40m", "1h"],
    "--dump-hours": ["48", "24h", "2d"],
    "--pump-every": ["3h", "2h", "30m"],
    "--session": ["20m", "15m"],
    "--quiet": ["23:00-06:00"],
    "--rrule": ["FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6", "FREQ=DAILY;COUNT=3"],
    "--every": ["mon,wed,fri"],
    "--alarm": ["10m", "0", "1h"],
    "--name": ["Maria Lopez", "Ana María 👩\u200d👧"],
    "--clinic": ["Westside Infusion, 555-0100"],
}


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """Draw a whole 'pumpplan plan|stash …' command line (without any output file)."""
    args = [
        draw(st.sampled_from(["plan", "plan", "stash"])),
        *draw(st.lists(moments(), min_size=1, max_size=3)),
    ]
    options: dict[str, st.SearchStrategy[str]] = {
        "--tz": st.one_of(st.sampled_from(ZONES), hostile_text),
        "--duration": st.one_of(st.sampled_from(DURATIONS), hostile_text),
        "--dump-hours": st.one_of(st.sampled_from(DURATIONS), hostile_text),
        "--pump-every": st.one_of(st.sampled_from(DURATIONS), hostile_text),
        "--session": st.one_of(st.sampled_from(DURATIONS), hostile_text),
        "--pump-before": st.sampled_from(DURATIONS),
        "--quiet": st.one_of(st.sampled_from(["23:00-06:00", "24:00-01:00", "x"]), hostile_text),
        "--rrule": recurrences(),
        "--every": st.one_of(st.sampled_from(["mon,wed,fri", "mo", "xx"]), hostile_text),
        "--count": st.one_of(st.integers(-1, 6000).map(str), st.sampled_from(["٣", "²"])),
        "--until": moments(),
        "--format": st.sampled_from(["table", "plain", "markdown", "csv", "json", "ics", "html", "pdf"]),
        "--alarm": st.one_of(st.sampled_from([*DURATIONS, "2d"]), hostile_text),
        "--name": hostile_text,
        "--clinic": hostile_text,
        "--lang": st.sampled_from(["en", "es", "xx", "ES"]),
        "--intake": st.sampled_from(["750ml", "25oz", "0", "9e9ml", "²ml"]),
        "--baby-age": st.sampled_from(["3mo", "10w", "0mo", "99y"]),
        "--units": st.sampled_from(["ml", "oz", "gallons"]),
        "--start-pumping": moments(),
    }
    for option in draw(st.lists(st.sampled_from(sorted(options)), max_size=5, unique=True)):
        usual = USUAL.get(option)
        # Two times in three a usual value, so that the hostile one is often the only one.
        value = draw(st.sampled_from(usual)) if usual and draw(st.integers(0, 2)) else draw(options[option])
        args += [option, value]
    return args


@st.composite
def calendars(draw: st.DrawFn) -> bytes:
    """Draw a calendar file as someone might send it: odd zones, rules, dates, text and encodings.

    Mostly well formed, so that the search reaches the expansion and the plan, not only the parser.
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fuzz//EN"]
    if draw(st.integers(0, 3)) == 0:
        freq = draw(
            st.sampled_from(["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"])
        )
        observance = [f"RRULE:FREQ={freq}", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000"]
        lines += ["BEGIN:VTIMEZONE", "TZID:Custom", "BEGIN:STANDARD", "DTSTART:19700101T000000", *observance]
        lines += ["END:STANDARD", "END:VTIMEZONE"]
    extras = st.one_of(
        recurrences().map(lambda r: f"RRULE:{r}"),
        st.sampled_from(["DTEND:20301202T104000Z", "DURATION:PT40M", "DURATION:-PT1H", "STATUS:CANCELLED"]),
        st.sampled_from(
            ["EXDATE:20301203T100000", "RDATE:99991231T100000Z", "RECURRENCE-ID:20301202T100000"]
        ),
        hostile_text.map(lambda t: f"X-NOTE:{t}"),
        hostile_text,
    )
    for n in range(draw(st.integers(1, 3))):
        year = draw(st.sampled_from([2030, 2030, 2030, 2030, 1, 1899, 2201, 9999]))
        zones = ["", "", ";TZID=Custom", ";TZID=America/Los_Angeles", ";TZID=America", ";TZID=" + "a/" * 300]
        zone = draw(st.sampled_from(zones))
        stamp = f"{year:04d}12{draw(st.integers(1, 28)):02d}T{8 + n:02d}0000"
        stamp = draw(st.sampled_from([stamp, stamp, "20300310T023000", f"{year:04d}1202", "x"]))
        title = draw(st.sampled_from(["Ketamine infusion", "Infusion"]) | hostile_text)
        lines += ["BEGIN:VEVENT", f"UID:{n}@fuzz", f"SUMMARY:{title}", f"DTSTART{zone}:{stamp}"]
        lines += [*draw(st.lists(extras, max_size=3)), "END:VEVENT"]
    if draw(st.integers(0, 9)):
        lines.append("END:VCALENDAR")
    text = "\r\n".join(lines) + "\r\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


@st.composite
def clinic_files(draw: st.DrawFn) -> bytes:
    """Draw a clinic.toml: known and unknown sections and keys, values of every TOML type, or junk."""
    keys = [
        "duration",
        "pump_before",
        "dump_hours",
        "pump_every",
        "session",
        "quiet",
        "name",
        "phone",
        "title",
        "date",
        "url",
    ]
    value = st.one_of(
        st.sampled_from([*DURATIONS, "23:00-06:00"]).map(lambda v: f'"{v}"'),
        st.integers(-10, 10**20).map(str),
        st.sampled_from(
            ["true", "2026-03-01", "[1, 2]", "{a = 1}", "1e400", '"\\u001b[2J"', '"\\u202e5550"']
        ),
        hostile_text.map(_toml_string),
    )
    lines = []
    for section in draw(st.lists(st.sampled_from(["clinic", "rule", "source", "x", "rule.x"]), max_size=3)):
        lines.append(f"[{section}]")
        for _ in range(draw(st.integers(0, 3))):
            key = draw(st.one_of(st.sampled_from(keys), hostile_text.map(_toml_string)))
            lines.append(f"{key} = {draw(value)}")
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        text = draw(hostile_text) + text
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8", errors="surrogatepass")


def _toml_string(text: str) -> str:
    """Return text as a TOML basic string, its hidden characters as \\u escapes TOML decodes."""
    escaped = "".join(ch if ch.isprintable() and ch not in '"\\' else f"\\u{ord(ch):04x}" for ch in text)
    return f'"{escaped}"'
