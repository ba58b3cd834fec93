"""Real app processes killed with SIGKILL: the next start restores the edit, and a save cut
short leaves the old map or the new one on disk, never a mix.

Each child runs the real app (``run_app``, its windows, timers and event loop) from a short
driver script that makes an edit the way the editor does, then waits to be killed. The
children share the test's isolated home folder, so they use its settings and recovery
folder and nothing of the user's.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from sysmap.gui import app as gui_app
from sysmap.gui.commands import new_stakeholder
from sysmap.gui.recovery_dialog import RecoveryDialog
from sysmap.gui.settings import Settings
from sysmap.io import load_map, save_map, write_graphml
from sysmap.model.synthetic import synthetic_map
from tests.gui.helpers import when_modal
from tests.gui.test_app_and_resources import _close_all

EDIT_AND_WAIT = """
import sys
from sysmap.gui import app as gui_app
from sysmap.gui.commands import AddStakeholder, new_stakeholder

gui_app.run_app(sys.argv[1])  # under SYSMAP_TESTING it returns with the window open
(window,) = gui_app.windows()
document = window.document
document.push(AddStakeholder(document.map, new_stakeholder("Jobcentre Plus", 40, 60)))
window.autosave.written.connect(lambda: print("copied", flush=True))
sys.exit(gui_app.application().exec())
"""

SAVE_AS_OVER_AND_OVER = """
import sys
from PySide6.QtCore import QTimer
from sysmap.gui import app as gui_app, dialogs

target = sys.argv[2]
dialogs.ask_save_path = lambda parent, suggested: __import__("pathlib").Path(target)
gui_app.run_app(sys.argv[1])  # the new map, opened as a user would
(window,) = gui_app.windows()

def save_again():
    if window.document is None:  # a big map opens in the background first
        QTimer.singleShot(20, save_again)
        return
    if not save_again.started:
        save_again.started = True
        print("ready", flush=True)
    window.action("file.save_as").trigger()  # File > Save As, through the app's own path
    QTimer.singleShot(0, save_again)

save_again.started = False
QTimer.singleShot(0, save_again)
sys.exit(gui_app.application().exec())
"""


def start_app(script: str, *args: str) -> subprocess.Popen[str]:
    """Run the app in a child process with the test's environment (home, offscreen Qt)."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=dict(os.environ),
    )


def wait_for(process: subprocess.Popen[str], line: str, timeout: float = 60) -> None:
    """Read the child's output until it prints ``line``."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = process.stdout.readline()
        if text.strip() == line:
            return
        if not text and process.poll() is not None:
            break
    process.kill()
    raise AssertionError(f"the app never said {line!r}")


def kill_9(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_a_killed_session_is_offered_back_and_restored(saved_map: Path, qtbot: QtBot) -> None:
    settings = Settings()
    settings.set_value("autosave_seconds", 1)
    settings.qsettings.sync()
    process = start_app(EDIT_AND_WAIT, str(saved_map))
    wait_for(process, "copied")
    kill_9(process)

    expected = load_map(saved_map).map
    expected.add_stakeholder(new_stakeholder("Jobcentre Plus", 40, 60))
    seen: list[list[str]] = []

    def restore(widget: QWidget) -> None:
        assert isinstance(widget, RecoveryDialog), type(widget)
        seen.append([" | ".join(item.text(c) for c in range(4)) for item in widget.items])
        widget.restore_button.click()

    when_modal(restore, timeout_ms=20_000)
    try:
        assert gui_app.run_app() == 0
        qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
        (window,) = gui_app.windows()
        qtbot.waitUntil(lambda: window.document is not None)
        assert len(seen[0]) == 1
        assert seen[0][0].startswith("Test map | today at ")
        assert seen[0][0].endswith("| small.graphml | 4 stakeholders, 2 relationships")
        document = window.document
        assert document is not None
        assert document.map == expected
        assert document.path == saved_map
        assert document.modified
        assert window.isWindowModified()
        assert len(load_map(saved_map).map.stakeholder_ids()) == 3  # the file was never touched
    finally:
        _close_all()


def test_kill_9_during_the_apps_own_save_leaves_old_or_new(tmp_path: Path) -> None:
    old_map, new_map = synthetic_map(150, seed=1), synthetic_map(400, seed=2)
    source = tmp_path / "new.graphml"
    save_map(new_map, source)
    old_bytes = write_graphml(old_map)
    new_bytes = write_graphml(load_map(source).map)
    rng = random.Random(11)
    outcomes = set()
    for attempt in range(2):  # each start of the app takes seconds; the io tests kill more
        target = tmp_path / f"map{attempt}.graphml"
        save_map(old_map, target)
        process = start_app(SAVE_AS_OVER_AND_OVER, str(source), str(target))
        wait_for(process, "ready")
        time.sleep(rng.uniform(0.3, 1.0))
        kill_9(process)
        on_disk = target.read_bytes()
        assert on_disk in (old_bytes, new_bytes), "the file on disk is a mix of two maps"
        outcomes.add("new" if on_disk == new_bytes else "old")
        assert load_map(target).map in (old_map, load_map(source).map)
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".saving")]
        assert len(leftovers) <= 1  # at most the one temporary file the kill interrupted
        for name in leftovers:
            (tmp_path / name).unlink()
    assert "new" in outcomes  # the app really saved before it was killed
