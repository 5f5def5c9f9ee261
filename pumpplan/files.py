"""Write output files atomically, owner-only, never over an existing file unless asked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from pumpplan.errors import OutputError


def check_writable(path: Path, *, force: bool) -> None:
    """Fail early, before any work, if the file exists or its folder does not."""
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name such as {path / 'plan.ics'}")
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; add --force to replace it")
    if not path.parent.is_dir():
        raise OutputError(f"the folder {path.parent} does not exist; create it first")


def write_private(path: Path, data: bytes, *, force: bool) -> None:
    """Write data to path atomically with mode 0600; refuse to replace a file unless forced."""
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as error:
        raise OutputError(f"cannot write in {path.parent}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _move(temporary, path, force=force)
    except FileExistsError:
        raise OutputError(f"{path} already exists; add --force to replace it") from None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _move(temporary: str, path: Path, *, force: bool) -> None:
    """Put the finished file in place: a hard link refuses to replace, atomically."""
    if force:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temporary, path)
