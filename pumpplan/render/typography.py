"""The last touch on a human format's text: a rule of print that no single message can follow."""

from __future__ import annotations

from pumpplan.i18n import p_


def tidy(text: str) -> str:
    """Return text with one full stop after an 'a.m.' or 'p.m.' that ends a sentence."""
    for mark in (p_("clock", "a.m."), p_("clock", "p.m.")):
        if mark.endswith("."):  # '… until 11:00 a.m..' reads as a slip; a message cannot know
            text = text.replace(mark + ".", mark)
    return text
