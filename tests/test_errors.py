"""Outside text in a message shows every character that would act instead of showing."""

from __future__ import annotations

import pytest

from pumpplan.errors import InputError, reject_control_chars, shown, visible


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        pytest.param("\x1b[2K\x1b[1Gwrote plan.ics", "\\x1b[2K\\x1b[1Gwrote plan.ics", id="erase-line"),
        pytest.param("Westside \u202e0010-555", "Westside \\u202e0010-555", id="bidi-override"),
        pytest.param(
            "a\u2066b\u200bc\ufeffd\u2028e\xadf\u061cg",
            "a\\u2066b\\u200bc\\ufeffd\\u2028e\\xadf\\u061cg",
            id="invisible",
        ),
        pytest.param("\udcff", "\\udcff", id="undecodable-byte"),
        pytest.param("\ue000", "\\ue000", id="private-use"),
        pytest.param("Ana María 👩\u200d👧", "Ana María 👩\\u200d👧", id="joiner-shown-in-messages"),
    ],
)
def test_visible_escapes_controls_bidi_and_invisible_characters(text: str, escaped: str) -> None:
    """Every control, format, separator, private or unassigned character is written as its escape."""
    assert visible(text) == escaped
    assert shown(text, limit=200) == f"'{escaped}'"


@pytest.mark.parametrize(
    "text", ["Westside \u202e0010-555", "Maria\u200b", "\ufeffAna", "a\u2028b", "x\u0600"]
)
def test_invisible_characters_are_refused_like_controls(text: str) -> None:
    """A bidi override or an invisible character is refused, its escape named in the message."""
    with pytest.raises(InputError, match="contains an invisible character") as caught:
        reject_control_chars(text, "--clinic")
    assert str(caught.value).startswith("--clinic '")
    assert all(ch.isprintable() for ch in str(caught.value))


def test_the_zero_width_joiner_is_allowed_for_emoji_and_scripts() -> None:
    """U+200D builds emoji and joins letters in some scripts: text holding it is kept."""
    assert reject_control_chars("👩\u200d👧 क्\u200dष", "--name") == "👩\u200d👧 क्\u200dष"
