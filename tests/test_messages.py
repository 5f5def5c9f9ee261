"""A message is an English template and its fields: the English as written, the words translatable."""

from __future__ import annotations

import pytest

from pumpplan.errors import InputError, Phrase, shown


def test_str_of_an_error_is_its_english_and_text_translates_words_not_values() -> None:
    """str() is the English as written; text() translates the template and phrases, never a field's value."""
    error = InputError(
        "{what} {value} is not a date; {hint}",
        what=Phrase("the time"),
        value=shown("the time {x}"),
        hint=Phrase("write e.g. {example}", example="x"),
    )
    assert str(error) == "the time 'the time {x}' is not a date; write e.g. x"
    words = {
        "the time": "la hora",
        "{what} {value} is not a date; {hint}": "{what} {value} no es una fecha; {hint}",
    }
    assert error.text(lambda template: words.get(template, template)) == (
        "la hora 'the time {x}' no es una fecha; write e.g. x"
    )


def test_a_broken_translation_falls_back_to_the_english() -> None:
    """A translation naming a field the message lacks gives the English, not a traceback at the boundary."""
    error = InputError("{value} is bad", value="'x'")
    assert error.text(lambda _template: "{valor} está mal") == "'x' is bad"


def test_words_written_out_already_are_shown_as_they_are() -> None:
    """A message that is not a template (braces from outside text) is shown as given, never a traceback."""
    assert str(InputError("'{x' is not a date")) == "'{x' is not a date"
    assert InputError("'{x}' is not a date").text(str.upper) == "'{x}' is not a date"


@pytest.mark.parametrize("spec", ["%a %b %-d %Y", "%A", "%H:%M"])
def test_a_date_field_is_written_by_the_template_s_format(spec: str) -> None:
    """A date is a field: in English exactly what strftime writes, so messages read as before."""
    from datetime import datetime

    moment = datetime(2026, 12, 7, 10, 5)  # noqa: DTZ001 - a wall-clock time in a message
    assert str(Phrase("{when:" + spec + "}", when=moment)) == format(moment, spec)
