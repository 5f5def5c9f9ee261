"""The CalDAV password: from the environment, the OS keyring, or a prompt; never stored by pumpplan."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from pumpplan.errors import Phrase

PASSWORD_VARIABLE = "PUMPPLAN_CALDAV_PASSWORD"
KEYRING_SERVICE = "pumpplan"


def keyring_account(url: str, user: str) -> str:
    """Return the keyring account name for a user on a server: 'user@host'."""
    return f"{user}@{urlsplit(url).hostname or ''}"


def password(
    url: str,
    user: str | None,
    environ: Mapping[str, str],
    prompt: Callable[[Phrase], str] | None = None,
) -> str | None:
    """Return the password for user at url, or None when there is none to give.

    In order: the PUMPPLAN_CALDAV_PASSWORD variable; the OS keyring's entry for service 'pumpplan'
    and account 'user@host' (a keyring with no usable backend counts as no entry); the prompt,
    called with a question such as 'CalDAV password for ana@dav.example.org: ' (the CLI passes a
    prompt that does not echo). Without a user there is nothing to look up or ask for.
    """
    given = environ.get(PASSWORD_VARIABLE)
    if given:
        return given
    if not user:
        return None
    account = keyring_account(url, user)
    stored = _from_keyring(account)
    if stored:
        return stored
    if prompt is not None:
        return prompt(Phrase("CalDAV password for {account}: ", account=account)) or None
    return None


def _from_keyring(account: str) -> str | None:
    """Return the keyring's password for the account, or None if it has none or cannot answer."""
    import keyring
    import keyring.errors

    try:
        return keyring.get_password(KEYRING_SERVICE, account)
    except (keyring.errors.KeyringError, RuntimeError):
        # NoKeyringError (a RuntimeError too) on a headless box, a locked or broken backend:
        # the user can still give the password another way.
        return None
