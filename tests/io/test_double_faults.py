"""A save that fails, and whose clean-up fails too, still ends in the save's own sentence.

When writing the temporary file fails, ``atomic.py`` removes it; when a rename fails, it puts
back the files already replaced. Either clean-up can fail as well (a folder that turned
read-only, a disk gone), and then the person saving must still read why the save failed
(``MapFileError``), not the clean-up's raw ``OSError``: the clean-ups are allowed to fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sysmap.io import atomic
from sysmap.model import MapFileError


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise OSError(13, "Permission denied")


def test_a_failed_write_whose_temporary_file_cannot_be_removed_says_why_the_save_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "map.graphml"
    path.write_bytes(b"original")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    monkeypatch.setattr(Path, "unlink", _refuse)
    with pytest.raises(MapFileError, match="the disk is full"):
        atomic.atomic_write(path, b"new content")
    monkeypatch.undo()
    assert path.read_bytes() == b"original"


def test_a_failed_rename_whose_put_back_fails_says_why_the_save_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.graphml", tmp_path / "b.graphml"
    atomic.atomic_write(first, b"old a", keep_backup=False)
    atomic.atomic_write(second, b"old b", keep_backup=False)
    real_replace = os.replace

    def failing(source: str | Path, target: str | Path) -> None:
        if Path(target) == second:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", failing)
    monkeypatch.setattr(shutil, "copy2", _refuse)  # putting a.graphml back fails too
    with pytest.raises(MapFileError, match=r"b\.graphml.*the disk is full"):
        atomic.atomic_write_many({first: b"new a", second: b"new b"}, keep_backup=False)
    monkeypatch.undo()
    assert second.read_bytes() == b"old b"
