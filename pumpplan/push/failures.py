"""A CalDAV server's and the network's failures, each said in one line without the password."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal
from urllib.parse import urlsplit

from pumpplan.errors import InputError, OutputError, Phrase


class ServerError(OutputError):
    """The CalDAV server cannot be reached or refuses a request (exit code 1)."""


class reported:
    """Turn caldav's and the HTTP library's failures into one-line ServerErrors without the password.

    ``done`` says what the push wrote before it stopped (None for nothing), for the message.
    """

    def __init__(self, url: str, password: str | None, done: Callable[[], Phrase | None]) -> None:
        parts = urlsplit(url)
        self.where = (
            f"{parts.scheme}://{parts.hostname or ''}{f':{parts.port}' if parts.port else ''}{parts.path}"
        )
        self.password = password
        self.done = done

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, failure: BaseException | None, _: object
    ) -> Literal[False]:
        if failure is None or isinstance(failure, OutputError | InputError):
            return False
        from caldav.lib import error
        from caldav.lib.http_sync import requests as http  # niquests, or requests where that is missing

        done = self.done()
        said = {
            "url": self.hidden(self.where),
            "reason": self.hidden(reason(failure)),
            "stopped": Phrase("; the push stopped, done before stopping: {done}", done=done) if done else "",
        }
        if isinstance(failure, error.AuthorizationError):
            raise ServerError(
                "The CalDAV server at {url} refused the login: check the user and app password{stopped}",
                **said,
            ) from None
        if isinstance(failure, error.NotFoundError):
            raise ServerError(
                "The CalDAV server has no calendars at {url} (404): check the URL{stopped}", **said
            ) from None
        if isinstance(failure, error.DAVError):
            raise ServerError("The CalDAV server at {url} failed: {reason}{stopped}", **said) from None
        if isinstance(failure, http.exceptions.SSLError):
            raise ServerError(
                "Cannot make a secure (TLS) connection to {url}: check the URL and its certificate{stopped}",
                **said,
            ) from None
        if isinstance(failure, http.exceptions.Timeout):
            raise ServerError("The CalDAV server at {url} did not answer in time{stopped}", **said) from None
        if isinstance(failure, http.exceptions.RequestException | OSError):
            raise ServerError(
                "Cannot connect to the CalDAV server at {url}: {reason}{stopped}", **said
            ) from None
        return False

    def hidden(self, text: str) -> str:
        """Return text with the password, should a library have put it there, as '***'."""
        return text.replace(self.password, "***") if self.password else text


def reason(failure: BaseException) -> str:
    """Return the short cause of a failure, e.g. 'Connection refused' or 'HTTP 500'."""
    text = str(failure)
    errno = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if errno:
        return errno.group(1).strip()
    status = getattr(failure, "status", None)
    if status:
        return f"HTTP {status}"
    return text.splitlines()[0][:120] if text else type(failure).__name__
