"""Dates and times as a Spanish-speaking patient types them: 'lunes 10:00', '7 dic 10:00', 'mañana 9:30'.

Each Spanish word is replaced by the English one that the date reader and dateutil already
understand; nothing else is parsed here. It applies when the plan is in Spanish (--lang es or
a Spanish locale), where 'mar' alone is martes, not March; after a day's number ('8 mar') it is marzo.
"""

from __future__ import annotations

import re
import unicodedata

# Written without accents: the text is compared with its accents taken off.
WORDS = {
    **dict.fromkeys(("lunes", "lun"), "monday"),
    **dict.fromkeys(("martes", "mar"), "tuesday"),
    **dict.fromkeys(("miercoles", "mie", "mi"), "wednesday"),
    **dict.fromkeys(("jueves", "jue", "ju"), "thursday"),
    **dict.fromkeys(("viernes", "vie", "vi"), "friday"),
    **dict.fromkeys(("sabado", "sab"), "saturday"),
    **dict.fromkeys(("domingo", "dom", "do"), "sunday"),
    **dict.fromkeys(("enero", "ene"), "jan"),
    **dict.fromkeys(("febrero",), "feb"),
    **dict.fromkeys(("marzo",), "mar"),
    **dict.fromkeys(("abril", "abr"), "apr"),
    **dict.fromkeys(("mayo",), "may"),
    **dict.fromkeys(("junio",), "jun"),
    **dict.fromkeys(("julio",), "jul"),
    **dict.fromkeys(("agosto", "ago"), "aug"),
    **dict.fromkeys(("septiembre", "setiembre", "sept", "set"), "sep"),
    **dict.fromkeys(("octubre",), "oct"),
    **dict.fromkeys(("noviembre",), "nov"),
    **dict.fromkeys(("diciembre", "dic"), "dec"),
    "hoy": "today",
    "manana": "tomorrow",
    "ayer": "yesterday",
    **dict.fromkeys(("proximo", "proxima", "siguiente"), "next"),
    "mediodia": "noon",
    "medianoche": "midnight",
}
# Words that join a date and a time in Spanish and mean nothing to the reader: 'el 7 de dic a las 10'.
FILLER = frozenset({"el", "la", "las", "los", "de", "del", "a"})
# '10 de la mañana', '3 de la tarde': the morning and the afternoon marks of a 12-hour time.
_PERIOD = re.compile(r"\bde\s+la\s+(manana|madrugada|tarde|noche)\b")
_PAST = re.compile(r"\b(\w+)\s+pasad[oa]\b")  # 'lunes pasado': last monday
_AT_HOUR = re.compile(r"\ba\s+las?\s+(\d{1,2})\b(?![:.]\d)")  # 'a las 10' is ten o'clock, not a year
# 'mar' alone is martes; after a day's number it is marzo, as a date is written: '8 mar', '8 de mar'.
_DAY_OF_MARCH = re.compile(r"\b(\d{1,2})\s+(de\s+)?mar\b")


def plain(text: str) -> str:
    """Return the text in lower case, its accents taken off: 'Miércoles' is 'miercoles'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def in_english(text: str) -> str:
    """Return a Spanish date and time in English words the reader knows: 'mañana 9:30' is 'tomorrow 9:30'."""
    words = plain(text)
    words = _PERIOD.sub(lambda found: "am" if found[1] in ("manana", "madrugada") else "pm", words)
    words = _PAST.sub(lambda found: f"last {found[1]}", words)
    words = _AT_HOUR.sub(lambda found: f"{found[1]}:00", words)
    words = _DAY_OF_MARCH.sub(lambda found: f"{found[1]} marzo", words)
    tokens = [WORDS.get(token.strip(".,"), token) for token in words.split()]
    return " ".join(token for token in tokens if token not in FILLER)


def weekday_word(word: str) -> str:
    """Return the English weekday a Spanish one names ('mié' -> 'wednesday'), or the word as it is."""
    found = WORDS.get(plain(word), word)
    return found if found.endswith("day") else word


def her_word(text: str, word: str) -> str:
    """Return her own word in the text for the English day word it was read as: 'mañana' for 'tomorrow'."""
    wanted = word.split()[-1]  # 'last monday': 'monday'
    found = (token for token in text.split() if WORDS.get(plain(token).strip(".,")) == wanted)
    return next(found, word)
