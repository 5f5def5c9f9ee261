"""Sentences a tired reader takes in at a glance, in both catalogues."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).parent.parent / "pumpplan" / "locale" / "es" / "LC_MESSAGES" / "pumpplan.po"
# About 15 words: English is held to 16, Spanish, which runs about a fifth longer, to 20.
MOST_WORDS = {"en": 16, "es": 20}
ALLOWED: tuple[str, ...] = ()  # every message keeps the bound


def sentences(text: str) -> list[str]:
    """Return the sentences of a message: split at '.', '!', '?' or ';' before a space.

    A placeholder is one word, even one whose date format has spaces: '{day:%a %b %-d}'.
    """
    text = re.sub(r"\{[^{}]*\}", "{}", text)
    return [part for part in re.split(r"(?<=[.!?;])\s+", text) if part.strip()]


def test_every_sentence_is_short_in_english_and_spanish() -> None:
    """No patient sentence runs past the bound, in either language (placeholders count as one word)."""
    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file)
    long = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if ids[0].startswith(ALLOWED):
            continue
        for language, texts in (("en", ids), ("es", strings)):
            for text in texts:
                for sentence in sentences(text):
                    if len(sentence.split()) > MOST_WORDS[language]:
                        long.append((language, sentence))
    assert long == []
