"""The largest budget (README, Performance): 20,000 stakeholders and about 80,000 links.

Run: ``python -m pytest tests/benchmarks/test_scale_20k_bench.py --benchmark-only
-p no:cacheprovider -o addopts="" -s`` (about two minutes; too slow for the default run,
where ``tests/gui/test_scale.py`` checks the same behaviour at 10,000).

In the real main window, a saved 20k GraphML file:

- **opens**: read on a worker with the status bar's progress bar rising to the end, then
  shown (a first frame painted);
- **draws**: frames after panning and zooming at the fitted view are painted;
- **analyses**: the analysis starts by itself, reports progress (the Analysis panel's bar
  moves), and Cancel stops it within a few seconds, the map unchanged and the window never
  frozen for a second;
- and opening can itself be cancelled part way, leaving no map open.

Times (wall-clock; the work runs on a worker thread and a child process) are recorded.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from sysmap.gui.main_window import MainWindow
from sysmap.io import save_map
from sysmap.model.synthetic import synthetic_map
from tests.benchmarks.timing import record
from tests.gui.edit_timing import settle

STAKEHOLDERS = 20_000
CANCEL_WITHIN_S = 5.0


class _Heartbeat:
    """A 20 ms timer on the GUI thread: the longest gap between its ticks."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now


def _wait(until: Callable[[], bool], seconds: float) -> float:
    """Run the event loop until ``until()``; return the seconds it took (fail on timeout)."""
    app = QApplication.instance()
    assert app is not None
    start = time.perf_counter()
    while not until():
        assert time.perf_counter() - start < seconds, "timed out"
        app.processEvents()
        time.sleep(0.002)
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def national_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "twenty-thousand.graphml"
    save_map(synthetic_map(STAKEHOLDERS, seed=1), path)
    return path


@pytest.fixture
def window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    from sysmap.gui.app import application

    application()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.layouts.cancel()
    win.analysis.cancel()
    win.files.cancel()
    win.show_start_page()


def test_20k_opens_draws_and_analyses_with_progress_and_cancel(
    benchmark, window: MainWindow, national_file: Path
) -> None:
    times: dict[str, float] = {}
    # Opening can be cancelled part way: no map is left open.
    assert window.files.open_path(national_file, asked=True)
    loading = window.files.loading
    assert loading is not None
    early: list[float] = []
    loading.progressed.connect(early.append)
    _wait(lambda: bool(early) and early[-1] > 0.2, 60)
    window.progress.cancel()
    times["open_cancel_s"] = _wait(lambda: window.files.loading is None, 30)
    assert times["open_cancel_s"] < CANCEL_WITHIN_S
    assert window.document is None

    beat = _Heartbeat()
    progress: list[float] = []
    analysis: list[float] = []
    window.analysis.runner.progressed.connect(lambda fraction, _stage: analysis.append(fraction))

    def open_and_show() -> None:
        start = time.perf_counter()
        assert window.files.open_path(national_file, asked=True)
        task = window.files.loading
        assert task is not None
        task.progressed.connect(progress.append)
        _wait(lambda: window.progress.isVisible(), 10)  # the bar shows while it reads
        _wait(lambda: window.document is not None, 180)
        times["open_s"] = time.perf_counter() - start
        window.view.viewport().grab()  # the first frame of the whole map
        times["first_frame_s"] = time.perf_counter() - start

    benchmark.pedantic(open_and_show, rounds=1, iterations=1)
    document = window.document
    assert document is not None
    assert document.map.stakeholder_count == STAKEHOLDERS
    assert document.map.relationship_count >= 75_000
    assert progress == sorted(progress)
    assert progress[-1] == pytest.approx(1.0)
    before = document.map.copy()

    # Draws: frames after panning and zooming the fitted view.
    settle(0.5)
    view = window.view
    frames = []
    for i in range(6):
        view.zoom_by(1.05 if i % 2 else 1 / 1.05)
        start = time.perf_counter()
        view.viewport().grab()
        frames.append(time.perf_counter() - start)
    times["frame_max_s"] = max(frames)

    # Analyses: it started by itself on opening; its progress moves, and Cancel stops it.
    runner = window.analysis.runner
    _wait(lambda: runner.task is not None, 30)
    _wait(lambda: any(f > 0.05 for f in analysis), 240)
    assert window.analysis.panel.busy.isVisible() or window.analysis.dock.isHidden()
    assert runner.task is not None
    assert runner.task.isRunning()
    runner.cancel(wait_ms=0)
    times["analysis_cancel_s"] = _wait(lambda: runner.task is None, 30)
    times["analysis_progress_reached"] = max(analysis)
    beat.timer.stop()
    times["longest_freeze_s"] = beat.longest
    assert times["analysis_cancel_s"] < CANCEL_WITHIN_S
    assert runner.outcome is None  # nothing half-made is shown
    assert document.map == before  # the map is exactly as it was
    assert document.undo_stack.count() == 0
    met = times["open_cancel_s"] < CANCEL_WITHIN_S and times["analysis_cancel_s"] < CANCEL_WITHIN_S
    record(
        benchmark,
        "20k stakeholders / 80k links: open, draw, analyse with progress and Cancel",
        times["first_frame_s"],
        f"works; Cancel within {CANCEL_WITHIN_S:.0f} s",
        met,
        clock="wall",
        **{key: round(value, 3) for key, value in times.items()},
    )
