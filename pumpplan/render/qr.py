"""The handout's scan code: the moment breastfeeding resumes, as an event a phone's camera adds.

Phone scanners (the iPhone and Android cameras, ZXing) read a bare VEVENT and ignore TZID and
VALARM, so the event is written in UTC with a title and nothing else; the text is UTF-8 with its
ECI, so that a Spanish title reads right.
"""

from __future__ import annotations

from pumpplan.core.model import EventKind
from pumpplan.render import phrases
from pumpplan.render.ics_entries import RESUME_LENGTH, escape, neutral_title, utc
from pumpplan.render.report import Report


def payload(report: Report, *, discreet: bool = False) -> str:
    """Return the final resume as a bare VEVENT in UTC: what the code holds, byte for byte."""
    start = report.plan.resume
    title = neutral_title(EventKind.RESUME) if discreet else phrases.title(EventKind.RESUME)
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{escape(title)}",
        f"DTSTART:{utc(start)}",
        f"DTEND:{utc(start + RESUME_LENGTH)}",
        "END:VEVENT",
    ]
    return "\r\n".join(lines)


def svg(text: str) -> str:
    """Return a QR code of the text as inline SVG, sized by the page's stylesheet."""
    import segno  # only the handout draws a code: the other outputs never load it

    code = segno.make(text, error="m", encoding="utf-8", eci=True, micro=False)
    drawn: str = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr-code", lineclass=None)
    return drawn
