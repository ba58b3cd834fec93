"""Workers: outcomes reported on the GUI thread, and no garbage collection on a worker thread."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot

from sysmap.gui import gc_guard
from sysmap.gui.tasks import Task
from sysmap.model.progress import Progress


def test_collection_is_paused_while_any_task_runs(qtbot: QtBot) -> None:
    assert gc.isenabled()
    release = threading.Event()
    seen: list[bool] = []

    def work(_progress: Progress) -> int:
        seen.append(gc.isenabled())
        release.wait(10)
        return 7

    first, second = Task("First", work), Task("Second", work)
    results: list[object] = []
    first.done.connect(results.append)
    second.done.connect(results.append)
    first.start()
    second.start()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [False, False]
    assert gc_guard.holding()
    release.set()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=10000)
    assert results == [7, 7]
    assert not gc_guard.holding()
    assert gc.isenabled()  # back on for the GUI thread once the last worker is over


def test_failure_and_cancel_are_reported_and_release_the_collector(qtbot: QtBot) -> None:
    def broken(_progress: Progress) -> None:
        raise ValueError("no such column")

    failed = Task("Reading the table", broken)
    with qtbot.waitSignal(failed.failed) as blocker:
        failed.start()
    assert blocker.args[0].startswith("Reading the table stopped unexpectedly (ValueError")

    gate = threading.Event()

    def slow(progress: Progress) -> None:
        gate.wait(10)
        progress.report(0.5)  # raises once Cancel was pressed
        raise AssertionError("not reached")

    task = Task("Laying out", slow)
    with qtbot.waitSignal(task.was_cancelled, timeout=10000):
        task.start()
        task.cancel()
        gate.set()
    assert task.is_cancelled()
    assert not gc_guard.holding()
    assert gc.isenabled()
