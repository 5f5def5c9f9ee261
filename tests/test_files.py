"""Output files: written whole, owner-only, never over an existing file unless forced."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pumpplan.errors import InputError, OutputError
from pumpplan.files import check_writable, read_regular, write_private


def test_a_new_file_is_written_whole_and_readable_by_its_owner_only(tmp_path: Path) -> None:
    """The file holds the bytes, mode 600, and no temporary file is left beside it."""
    target = tmp_path / "plan.ics"
    write_private(target, b"BEGIN:VCALENDAR\r\n", force=False)
    assert target.read_bytes() == b"BEGIN:VCALENDAR\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    """Without --force the old file stays as it was; with it, the new bytes replace it."""
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match="already exists; add --force"):
        write_private(target, b"new", force=False)
    assert target.read_bytes() == b"old"
    write_private(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(".", "is a folder; give a file name", id="folder"),
        pytest.param("missing/plan.ics", "does not exist; create it first", id="no-folder"),
    ],
)
def test_an_unwritable_target_is_refused_before_any_work(tmp_path: Path, name: str, message: str) -> None:
    """A folder or a file in a missing folder fails at once, with what to do."""
    with pytest.raises(OutputError, match=message):
        check_writable(tmp_path / name, force=False)


@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_is_never_replaced_nor_told_to_be_forced(tmp_path: Path, force: bool) -> None:
    """A named pipe as the target is refused, with or without --force, and stays a pipe."""
    fifo = tmp_path / "plan.ics"
    os.mkfifo(fifo)
    with pytest.raises(OutputError) as caught:
        write_private(fifo, b"health data", force=force)
    assert (
        str(caught.value)
        == f"{fifo} is not a file but a device, a pipe or a socket; give a file name, e.g. plan.ics"
    )
    assert "--force" not in str(caught.value)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_is_refused_and_left_a_device(device: str) -> None:
    """-o /dev/null --force (as root) used to replace the device with a 0600 file of health data."""
    with pytest.raises(OutputError, match=f"^{device} is not a file but a device, a pipe or a socket"):
        check_writable(Path(device), force=True)
    assert stat.S_ISCHR(Path(device).stat().st_mode)


def test_a_link_is_refused_even_when_forced(tmp_path: Path) -> None:
    """-o /dev/stdout --force replaced the link; a link as the target is refused and kept."""
    real = tmp_path / "real.ics"
    real.write_bytes(b"old")
    link = tmp_path / "plan.ics"
    link.symlink_to(real)
    with pytest.raises(OutputError, match=r"plan\.ics is a link; give the path of a file"):
        write_private(link, b"new", force=True)
    assert link.is_symlink()
    assert real.read_bytes() == b"old"


def test_without_hard_links_an_existing_file_is_still_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On FAT or SMB (no os.link) the name is claimed with O_EXCL: no window to replace a file."""

    def no_links(*args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("pumpplan.files.os.link", no_links)
    target = tmp_path / "plan.ics"
    write_private(target, b"first", force=False)
    assert target.read_bytes() == b"first"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    real_exists = check_writable
    monkeypatch.setattr("pumpplan.files.check_writable", lambda path, force: None)  # lose the race
    with pytest.raises(OutputError, match="already exists; add --force"):
        write_private(target, b"second", force=False)
    monkeypatch.setattr("pumpplan.files.check_writable", real_exists)
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]


def test_a_temporary_file_left_by_a_killed_run_is_swept_on_the_next_write(tmp_path: Path) -> None:
    """kill -9 mid-write left a hidden 0600 file of health data; the next write removes it."""
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = tmp_path / f".pumpplan-{dead.stdout.strip()}-abc123.tmp"
    stale.write_bytes(b"health data")
    alive = tmp_path / f".pumpplan-{os.getpid()}-def456.tmp"  # a write under way in this process
    alive.write_bytes(b"partial")
    other = tmp_path / ".plan.ics.swp"
    other.write_bytes(b"not ours")
    write_private(tmp_path / "plan.ics", b"new", force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name, "plan.ics"])


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("x" * 256 + ".ics", "cannot write ", id="name-too-long"),
    ],
)
def test_an_impossible_name_is_one_file_error(tmp_path: Path, name: str, message: str) -> None:
    """A 256-character name is an OutputError (exit 1), not a traceback."""
    with pytest.raises(OutputError, match=message) as caught:
        check_writable(tmp_path / name, force=False)
    assert "the name is too long" in str(caught.value)
    assert caught.value.exit_code == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root searches any folder")
def test_an_unsearchable_folder_is_one_file_error(tmp_path: Path) -> None:
    """A folder the user cannot enter is an OutputError naming it."""
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o600)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            check_writable(locked / "plan.ics", force=False)
    finally:
        locked.chmod(0o700)


def test_a_fifo_given_to_read_is_refused_without_waiting(tmp_path: Path) -> None:
    """--from or --protocol naming a FIFO blocked forever; now refused at once."""
    fifo = tmp_path / "invite.ics"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"^--from 'x' is not a file but a device, a pipe or a socket"):
        read_regular(fifo, 100, "--from 'x'")
