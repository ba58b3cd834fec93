"""A save killed at any moment leaves the old map or the new one on disk, never a mix."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sysmap.io import load_map, save_map, write_graphml
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
"""


def test_kill_9_during_saves_never_leaves_a_half_written_map(tmp_path: Path) -> None:
    old_map, new_map = synthetic_map(300, seed=1), synthetic_map(800, seed=2)
    old_bytes, new_bytes = write_graphml(old_map), write_graphml(new_map)
    source = tmp_path / "new.graphml"
    save_map(new_map, source)
    rng = random.Random(7)
    outcomes = set()
    for attempt in range(5):
        target = tmp_path / f"map{attempt}.graphml"
        save_map(old_map, target)
        process = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(target), str(source)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.6))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        on_disk = target.read_bytes()
        assert on_disk in (old_bytes, new_bytes), "the file on disk is a mix of two maps"
        outcomes.add("new" if on_disk == new_bytes else "old")
        assert load_map(target).map in (old_map, new_map)
    assert outcomes, "no save was interrupted"
