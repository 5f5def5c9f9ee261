"""The last touch on a human format's text: rules of print that no single message can follow."""

from __future__ import annotations

import re

from pumpplan.i18n import language, p_

# Spanish says 'la una' but 'las dos': 'a las 1:00 p.m.' is wrong, 'a la 1:00 p.m.' right.
# A message cannot know the hour it is given, so the article is put right after.
_ONE_OCLOCK = re.compile(r"\b([Ll]a)s (0?1:\d\d)\b")


def tidy(text: str) -> str:
    """Return text with one full stop after 'a.m.' that ends a sentence, and Spanish's 'la 1:00'."""
    for mark in (p_("clock", "a.m."), p_("clock", "p.m.")):
        if mark.endswith("."):  # '… until 11:00 a.m..' reads as a slip
            text = text.replace(mark + ".", mark)
    if language() == "es":
        text = _ONE_OCLOCK.sub(r"\1 \2", text)
    return text
