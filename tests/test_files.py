"""Output files: written whole, owner-only, never over an existing file unless forced."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from pumpplan.errors import OutputError
from pumpplan.files import check_writable, write_private


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
