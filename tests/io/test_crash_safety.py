"""A save killed at any moment leaves the old map or the new one on disk, never a mix."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

import pytest

from sysmap.io import load_map, save_map, tidy_folder, write_graphml
from sysmap.model.synthetic import synthetic_map

SAVER = """
import sys
from pathlib import Path
from sysmap.io import load_map, save_map
target = Path(sys.argv[1])
new_map = load_map(Path(sys.argv[2])).map
print("ready", flush=True)
while True:
    save_map(new_map, target)
    print("saved", flush=True)
"""


def test_kill_9_during_saves_never_leaves_a_half_written_map(tmp_path: Path) -> None:
    old_map, new_map = synthetic_map(300, seed=1), synthetic_map(800, seed=2)
    old_bytes, new_bytes = write_graphml(old_map), write_graphml(new_map)
    source = tmp_path / "new.graphml"
    save_map(new_map, source)
    rng = random.Random(7)
    outcomes = []
    for attempt in range(6):
        target = tmp_path / f"map{attempt}.graphml"
        save_map(old_map, target)
        process = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(target), str(source)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        # Even attempts kill during the first save (old or new may be on disk); odd ones
        # once a save has finished, during a later one (only the new map may be on disk).
        after_a_save = attempt % 2 == 1
        if after_a_save:
            assert process.stdout.readline().strip() == "saved"
        time.sleep(rng.uniform(0.0, 0.3))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        on_disk = target.read_bytes()
        assert on_disk in (old_bytes, new_bytes), "the file on disk is a mix of two maps"
        if after_a_save:
            assert on_disk == new_bytes, "a finished save did not leave the new map"
        outcomes.append("new" if on_disk == new_bytes else "old")
        assert load_map(target).map in (old_map, new_map)
    assert outcomes.count("new") >= 3  # the saves did write the target


STUCK_SAVER = """
import os, sys, time
from pathlib import Path
from sysmap.io import save_map
from sysmap.model.synthetic import synthetic_map

def stuck(fd):  # the data is written; the save is killed before it is flushed
    print("writing", flush=True)
    time.sleep(600)

os.fsync = stuck
save_map(synthetic_map(200), Path(sys.argv[1]))
"""


def test_temporary_files_a_killed_save_left_are_removed_by_the_next_save(tmp_path: Path) -> None:
    # Issue 14, finding 7: kill -9 during a save left .NAME.*.saving files (44-87 MB) that
    # no later save or start removed.
    target = tmp_path / "map.graphml"
    save_map(synthetic_map(50), target)
    left = []
    for _ in range(2):
        process = subprocess.Popen(
            [sys.executable, "-c", STUCK_SAVER, str(target)], stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "writing"
        # The stuck save removed what the killed one before it left, and keeps its own.
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".saving")] != left
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        left = [p.name for p in tmp_path.iterdir() if p.name.endswith(".saving")]
        assert len(left) == 1, left
        assert left[0].startswith(".map.graphml.")
    mine = tmp_path / "notes.saving"  # not sysmap's pattern: never touched
    mine.write_text("keep me")
    save_map(synthetic_map(50), tmp_path / "other.graphml")  # any save in that folder
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".saving")) == [
        "notes.saving"
    ]
    assert load_map(target).map == synthetic_map(50)


@pytest.mark.skipif(fcntl is None, reason="the lock that marks a save in progress is POSIX")
def test_a_save_in_progress_keeps_its_temporary_file(tmp_path: Path) -> None:
    writing = tmp_path / ".map.graphml.abcd1234.saving"
    writing.write_bytes(b"half a map")
    with open(writing, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as a save in another window holds it
        assert tidy_folder(tmp_path) == 0
        assert writing.exists()
    assert tidy_folder(tmp_path) == 1
    assert not writing.exists()


@pytest.mark.skipif(fcntl is None, reason="the lock that marks a save in progress is POSIX")
def test_a_save_holds_its_temporary_file_locked_until_it_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another window saving in the same folder tidies left-overs first: the lock is what
    # tells it this temporary file is being written, from the first byte to the rename.
    from sysmap.io import atomic

    def locked(path: Path) -> bool:
        with open(path, "rb") as other:
            try:
                fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(other.fileno(), fcntl.LOCK_UN)
            return False

    seen: dict[str, bool] = {}
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        real_fsync(fd)
        for candidate in tmp_path.iterdir():
            if candidate.name.endswith(".saving"):
                seen["while writing"] = locked(candidate)

    def replace(source: str | Path, target: str | Path) -> None:
        if str(source).endswith(".saving"):
            seen["at the rename"] = locked(Path(source))
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "replace", replace)
    atomic.atomic_write(tmp_path / "map.graphml", b"a map", keep_backup=False)
    assert seen == {"while writing": True, "at the rename": True}
