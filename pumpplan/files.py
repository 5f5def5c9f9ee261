"""Read the user's files without blocking; write output files atomically, owner-only, never over another."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from pumpplan.errors import InputError, OutputError, Phrase, ReadError, visible

# Temporary files are named for the process that writes them, so that one left by a killed run
# (its health data, mode 600, hidden) is found and removed by the next write in that folder.
TEMPORARY = ".pumpplan-"
NOT_A_FILE = Phrase("a device, a pipe or a socket")
FAILED = Phrase("failed")  # what the system did not name
# The system's reasons she is most likely to meet, in her language; any other is the system's words.
REASONS = {
    errno.EACCES: Phrase("permission denied"),
    errno.EPERM: Phrase("permission denied"),
    errno.ENOSPC: Phrase("the disk is full"),
    errno.EROFS: Phrase("the disk is read-only"),
    errno.ENAMETOOLONG: Phrase("the name is too long"),
}


def reason(error: OSError) -> str | Phrase:
    """Return why the system refused, in her language where pumpplan knows the words."""
    return REASONS.get(error.errno or 0) or error.strerror or FAILED


def read_regular(path: Path, limit: int, what: str | Phrase) -> bytes:
    """Return up to limit + 1 bytes of a regular file; refuse a FIFO or a device without waiting on it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise InputError("{what} does not exist; check the file's name and folder", what=what) from None
    except OSError as error:
        raise ReadError("cannot read {what}: {reason}", what=what, reason=reason(error)) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("{what} is a folder; give the file inside it", what=what)
        if not stat.S_ISREG(mode):
            raise InputError(
                "{what} is not a file but {kind}; save it as a file and give that", what=what, kind=NOT_A_FILE
            )
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    except OSError as error:
        raise ReadError("cannot read {what}: {reason}", what=what, reason=reason(error)) from None
    finally:
        os.close(descriptor)


def check_writable(path: Path, *, force: bool) -> None:
    """Fail early, before any work, if the target is not a new or regular file in a folder there."""
    where, folder_name = visible(str(path)), visible(str(path.parent))
    try:
        mode: int | None = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        raise OutputError("the folder {folder} does not exist; create it first", folder=folder_name) from None
    except OSError as error:
        raise OutputError("cannot write {file}: {reason}", file=where, reason=reason(error)) from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise OutputError(
                "{file} is a folder; give a file name such as {example}",
                file=where, example=visible(str(path / "plan.ics")),
            )  # fmt: skip
        if stat.S_ISLNK(mode):
            raise OutputError("{file} is a link; give the path of a file, e.g. plan.ics", file=where)
        if not stat.S_ISREG(mode):
            raise OutputError(
                "{file} is not a file but {kind}; give a file name, e.g. plan.ics",
                file=where,
                kind=NOT_A_FILE,
            )
        if not force:
            raise OutputError("{file} already exists; add --force to replace it", file=where)
    try:
        folder = os.stat(path.parent).st_mode
    except FileNotFoundError:
        folder = 0
    except OSError as error:
        raise OutputError(
            "cannot write in {folder}: {reason}", folder=folder_name, reason=reason(error)
        ) from None
    if not stat.S_ISDIR(folder):
        raise OutputError("the folder {folder} does not exist; create it first", folder=folder_name)


def write_private(path: Path, data: bytes, *, force: bool) -> None:
    """Write data to path atomically with mode 0600; refuse to replace a file unless forced."""
    where = visible(str(path))
    check_writable(path, force=force)
    _sweep(path.parent)
    import tempfile  # only when a file is written: most plans go to the terminal

    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f"{TEMPORARY}{os.getpid()}-", suffix=".tmp"
        )
    except OSError as error:
        raise OutputError(
            "cannot write in {folder}: {reason}", folder=visible(str(path.parent)), reason=reason(error)
        ) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _move(temporary, path, force=force)
    except FileExistsError:
        raise OutputError("{file} already exists; add --force to replace it", file=where) from None
    except OSError as error:
        raise OutputError("cannot write {file}: {reason}", file=where, reason=reason(error)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    _sync(path.parent)


def _move(temporary: str, path: Path, *, force: bool) -> None:
    """Put the finished file in place without ever replacing what was not asked to be replaced."""
    if force:
        check_writable(path, force=True)  # again: a device or a link may have appeared meanwhile
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)  # fails if the name exists: the check and the write are one step
    except FileExistsError:
        raise
    except OSError:  # no hard links here (FAT, SMB, some FUSE): claim the name, then fill it
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        os.replace(temporary, path)


def _sweep(folder: Path) -> None:
    """Remove temporary files that runs killed mid-write left in the folder (their process is gone)."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            pid = entry.name.removeprefix(TEMPORARY).partition("-")[0]
            if not (entry.name.startswith(TEMPORARY) and entry.name.endswith(".tmp") and pid.isdigit()):
                continue
            with contextlib.suppress(OSError):
                if entry.stat(follow_symlinks=False).st_uid == os.getuid() and not _alive(int(pid)):
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    """Return whether a process of that id runs on this computer."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _sync(folder: Path) -> None:
    """Flush the folder's entry for the new file, so that a crash cannot lose the rename."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
