"""Usage slips (an unknown option, an option without its value) said in her language, as every error.

Typer's Click words them in English while it parses the arguments, before the command has read
--lang; so the language is read from the arguments themselves here, and the slips Click words
are recognised by their English and said again from the catalogue. A slip it words otherwise
is shown as Click wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from typer import TyperException
from typer._click.core import Context
from typer._click.exceptions import NoSuchOption

from pumpplan.errors import Phrase

# Click's English for the slips pumpplan's options can make, and the words of each.
_NO_OPTION = re.compile(r"No such option: (?P<option>.+?)(?: \(Possible options: (?P<near>.+)\))?")
_NO_VALUE = re.compile(r"Option (?P<option>.+) requires an argument\.")
_NOT_A_FLAG = re.compile(r"Option (?P<option>.+) does not take a value\.")
_NO_COMMAND = re.compile(r"No such command (?P<command>.+?)\.(?: Did you mean (?P<near>.+)\?)?")
_INVALID = re.compile(r"Invalid value for (?P<option>.+?): (?P<reason>.+)")


class RootOption(NoSuchOption):
    """An option of pumpplan itself given to a command: 'pumpplan plan --version'."""

    def __init__(self, name: str, ctx: Context) -> None:
        self.phrase = Phrase(
            "{option} belongs to pumpplan itself, not to a command: type 'pumpplan {option}'", option=name
        )
        super().__init__(name, message=str(self.phrase), ctx=ctx)


def usage_line(
    error: TyperException, argv: Sequence[str], environ: Mapping[str, str], commands: Collection[str]
) -> str:
    """Return the one line a usage slip is, in the language asked for, with where the help is."""
    from pumpplan import i18n

    i18n.use(language(argv, environ))
    command = " ".join(["pumpplan", *(word for word in argv[:1] if word in commands)])
    said = message(error)
    text = said if isinstance(said, str) else said.text(i18n._, i18n.dated)
    # Translators: {command} is 'pumpplan' or 'pumpplan plan', whose --help lists the options.
    return i18n._("error: {message} (see '{command} --help')").format(message=text, command=command)


def language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """Return the language --lang asks for among the arguments, else the locale's."""
    from pumpplan import i18n

    for index, word in enumerate(argv):
        if word == "--":
            break
        given = word.removeprefix("--lang=") if word.startswith("--lang=") else None
        if word == "--lang" and index + 1 < len(argv):
            given = argv[index + 1]
        if given is not None and given.lower() in i18n.LANGUAGES:
            return given.lower()
    return i18n.from_environment(environ)


def message(error: TyperException) -> str | Phrase:
    """Return what a usage slip says: pumpplan's words for it, or Click's English if it has none."""
    if isinstance(error, RootOption):
        return error.phrase
    text = error.format_message()
    if found := _NO_OPTION.fullmatch(text):
        if found["near"]:
            return Phrase("No such option: {option} (Possible options: {near})", **found.groupdict())
        return Phrase("No such option: {option}", option=found["option"])
    if found := _NO_VALUE.fullmatch(text):
        return Phrase("Option {option} requires an argument.", option=found["option"])
    if found := _NOT_A_FLAG.fullmatch(text):
        return Phrase("Option {option} does not take a value.", option=found["option"])
    if found := _NO_COMMAND.fullmatch(text):
        if found["near"]:
            return Phrase("No such command {command}. Did you mean {near}?", **found.groupdict())
        return Phrase("No such command {command}.", command=found["command"])
    if found := _INVALID.fullmatch(text):
        # Translators: {reason} stays in English, as Click words it.
        return Phrase("Invalid value for {option}: {reason}", **found.groupdict())
    return text
