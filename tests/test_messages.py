"""Every message for the user can be translated: its template is a literal that pybabel extracts."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from pumpplan.errors import InputError, Phrase, shown

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "pumpplan"
SCRIPT = ROOT / "tools" / "translations.sh"


def sources() -> dict[Path, ast.Module]:
    """Return every module of the package, parsed."""
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.rglob("*.py"))}


def error_classes(modules: dict[Path, ast.Module]) -> set[str]:
    """Return the names of PumpplanError and of every class that derives from it, in any module."""
    names = {"PumpplanError"}
    classes = [node for tree in modules.values() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    grown = True
    while grown:
        found = {c.name for c in classes if any(_name(base) in names for base in c.bases)}
        grown = not found <= names
        names |= found
    return names


def message_kinds(modules: dict[Path, ast.Module]) -> set[str]:
    """Return the errors made from a template and its fields, as PumpplanError is, and Phrase.

    An error class with its own __init__ (SyncConflict) builds its message there: its
    super().__init__(...) is the message, checked as one.
    """
    errors = error_classes(modules)
    own = {
        node.name
        for tree in modules.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and node.name in errors and node.name != "PumpplanError"
        if any(isinstance(item, ast.FunctionDef) and item.name == "__init__" for item in node.body)
    }
    return (errors - own) | {"Phrase"}


def _name(node: ast.expr) -> str:
    """Return the name a call or a base class is written with: 'InputError', 'errors.InputError'."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def message_calls(modules: dict[Path, ast.Module]) -> Iterator[tuple[str, ast.Call]]:
    """Yield every construction of a message: an error, a Phrase, an error's super().__init__(...).

    The machinery itself (PumpplanError and Phrase in errors.py) passes its template on unread.
    """
    kinds, errors = message_kinds(modules), error_classes(modules)
    for path, tree in modules.items():
        machinery = {
            id(call)
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef) and node.name in {"PumpplanError", "Phrase"}
            for call in ast.walk(node)
        }
        inits = {
            id(call)
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef) and node.name in errors
            for call in ast.walk(node)
            if isinstance(call, ast.Call) and _is_super_init(call)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in machinery:
                continue
            made = _name(node.func) in kinds or id(node) in inits
            remade = isinstance(node.func, ast.Call) and _name(node.func.func) == "type"  # type(error)(...)
            if made or remade:
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node


def _is_super_init(node: ast.Call) -> bool:
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "__init__"
        and isinstance(func.value, ast.Call)
        and _name(func.value.func) == "super"
    )


def problems(call: ast.Call) -> list[str]:
    """Return what keeps a message from being translated: its template, or fields it lacks or has over."""
    if not call.args:
        return ["no template"]
    template = call.args[0]
    if isinstance(template, ast.Call) and _name(template.func) == "Phrase":
        return []  # checked as a call of its own
    if not (isinstance(template, ast.Constant) and isinstance(template.value, str)):
        return [f"the template is {type(template).__name__}, not a literal string"]
    fields = {name.partition(".")[0] for _, name, _, _ in string.Formatter().parse(template.value) if name}
    given = {keyword.arg for keyword in call.keywords}
    if None in given:  # **fields: known only when it runs
        return []
    if fields != given:
        return [f"fields {sorted(fields)} but given {sorted(given, key=str)}"]
    return []


def test_every_message_is_a_literal_template_with_exactly_its_fields() -> None:
    """No error or Phrase is made from an f-string, a variable or a sum: pybabel could not extract it."""
    calls = list(message_calls(sources()))
    assert len(calls) > 200  # the walk finds the messages: every raise, every Phrase
    assert [(where, problem) for where, call in calls for problem in problems(call)] == []


def test_the_check_sees_an_f_string_and_a_missing_field() -> None:
    """The walk flags what it is for: an f-string template, a field the template does not name."""
    tree = ast.parse('raise InputError(f"{x} is bad")\nPhrase("{a} and {b}", a=1)\nInputError("ok {v}", v=2)')
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    assert [problems(call) for call in calls] == [
        ["the template is JoinedStr, not a literal string"],
        ["fields ['a', 'b'] but given ['a']"],
        [],
    ]


def keywords() -> set[str]:
    """Return the names tools/translations.sh asks pybabel to extract messages from."""
    return set(re.findall(r"-k (\w+)", SCRIPT.read_text(encoding="utf-8")))


def test_the_translation_script_extracts_every_kind_of_message() -> None:
    """Every error class and Phrase is a keyword of pybabel extract: their templates reach the catalogue."""
    kinds = message_kinds(sources())
    assert kinds <= keywords()
    assert {"InputError", "ScheduleError", "ReadError", "OutputError", "ServerError", "Phrase"} <= kinds


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
