"""Long work on big maps runs off the GUI thread, reports progress, and Cancel really stops it.

A national map (10,000 stakeholders) is laid out, opened and exported in workers while the
window keeps answering: a 20 ms timer keeps ticking all the while. Cancel stops each one
where it is, and the map is left exactly as it was.

Nothing here is timed: a busy machine slows the work and the window alike. What is checked
is behaviour that holds however loaded the machine is: the window's event loop ran (timer
ticks were handled) while the work went on, and a cancelled piece of work stopped where it
was (it raised, rather than running to its end and being thrown away). How long the window
may go without painting is a budget, measured by ``tests/benchmarks/test_gui_bench.py``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from sysmap.gui.document import MapDocument
from sysmap.gui.main_window import MainWindow
from sysmap.model import SystemMap
from sysmap.model.synthetic import synthetic_map
from tests.gui.helpers import when_modal


@pytest.fixture(scope="module")
def national() -> SystemMap:
    return synthetic_map(10_000, seed=1)


class Heartbeat:
    """A 20 ms timer on the GUI thread: counts its ticks (each one is a turn of the event loop
    that could have painted the window)."""

    def __init__(self) -> None:
        self.ticks = 0
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks += 1

    def start(self) -> None:
        self.ticks = 0
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def heartbeat() -> Iterator[Heartbeat]:
    beat = Heartbeat()
    yield beat
    beat.stop()


def _quiet_analysis(window: MainWindow) -> None:
    # The analysis panel would analyse the map too; these tests are about other work.
    for dock in (window.analysis.dock, window.analysis.charts_dock):
        dock.hide()
    window.analysis.runner.set_active(False)
    window.analysis.cancel()


def _settled(qtbot: QtBot, window: MainWindow) -> None:
    """Let the window finish showing a new map (first picture, tables) before timing it."""
    qtbot.wait(500)
    qtbot.waitUntil(lambda: not window.scene.items_model.overview.picture.redrawing)


def test_cancelling_a_layout_of_a_national_map_keeps_the_map_and_the_window_live(
    window: MainWindow,
    qtbot: QtBot,
    national: SystemMap,
    heartbeat: Heartbeat,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sysmap.gui import window_layout
    from sysmap.model.progress import Cancelled

    system_map = national.copy()
    window.set_document(MapDocument(system_map))
    _quiet_analysis(window)
    _settled(qtbot, window)
    before = {n: (d["x"], d["y"]) for n, d in system_map.graph.nodes(data=True)}
    progress: list[float] = []
    ended: list[str] = []
    real_layout = window_layout.compute_layout

    def spied(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            result = real_layout(*args, **kwargs)
        except Cancelled:
            ended.append("stopped where it was")
            raise
        ended.append("ran to the end")
        return result

    monkeypatch.setattr(window_layout, "compute_layout", spied)
    heartbeat.start()
    window.action("layout.force").trigger()
    task = window.layouts.task
    assert task is not None
    task.progressed.connect(progress.append)
    # The layout runs on its worker while the GUI thread keeps ticking and showing progress:
    # ticks handled between progress reports show the window was never waiting on the work.
    qtbot.waitUntil(lambda: len(progress) >= 3, timeout=60000)
    ticks_at_third_report = heartbeat.ticks
    qtbot.waitUntil(lambda: heartbeat.ticks > ticks_at_third_report + 5, timeout=60000)
    assert task.isRunning()
    assert window.progress.bar.value() > 0 or window.progress.bar.maximum() == 0
    window.progress.cancel()
    qtbot.waitUntil(lambda: window.layouts.task is None, timeout=60000)
    heartbeat.stop()
    assert ended == ["stopped where it was"]  # Cancel stops it, not the end of the layout
    assert window.document is not None
    assert window.document.undo_stack.count() == 0
    assert {n: (d["x"], d["y"]) for n, d in system_map.graph.nodes(data=True)} == before
    assert window.action("layout.force").isEnabled()


def test_opening_a_big_file_reports_progress_and_cancel_stops_the_reading(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    heartbeat: Heartbeat,
) -> None:
    from sysmap.gui import window_files
    from sysmap.io import save_map

    big = tmp_path / "national.graphml"
    save_map(synthetic_map(1500, seed=2), big)
    finished: list[object] = []
    real_open = window_files.open_map

    def spied(text: str) -> object:
        result = real_open(text)
        finished.append(result)  # only reached if the reading ran to the end
        return result

    monkeypatch.setattr(window_files, "open_map", spied)
    progress: list[float] = []
    heartbeat.start()
    assert window.files.open_path(big, wait=False)
    task = window.files.loading
    assert task is not None
    task.progressed.connect(progress.append)
    qtbot.waitUntil(lambda: bool(progress) and progress[-1] > 0.1, timeout=30000)
    window.progress.cancel()
    qtbot.waitUntil(lambda: window.files.loading is None, timeout=30000)
    heartbeat.stop()
    assert not finished  # the reading stopped where it reported, before building the map
    assert window.document is None
    assert heartbeat.ticks > 0
    # Without Cancel it opens, and the bar went all the way.
    progress.clear()
    assert window.files.open_path(big, wait=False)
    task = window.files.loading
    assert task is not None
    task.progressed.connect(progress.append)
    qtbot.waitUntil(lambda: window.document is not None, timeout=60000)
    assert window.document.map.stakeholder_count == 1500  # type: ignore[union-attr]
    assert progress == sorted(progress)
    assert progress[-1] == pytest.approx(1.0)


def test_a_picture_of_a_big_map_is_drawn_off_the_gui_thread(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window.set_document(MapDocument(synthetic_map(600, seed=3)))  # 3,000 things to draw
    _quiet_analysis(window)
    pictures = window.files.pictures
    first = tmp_path / "first.png"
    pictures.export(first, "png", 1600, False)
    task = pictures.task
    assert task is not None  # drawn by a worker; the window carries on
    window.progress.cancel()
    qtbot.waitUntil(lambda: pictures.task is None, timeout=30000)
    assert not first.exists()  # cancelled before anything was written
    second = tmp_path / "second.png"
    pictures.export(second, "png", 1600, False)
    qtbot.waitUntil(lambda: pictures.task is None, timeout=30000)
    assert second.exists()
    assert "Exported second.png" in window.statusBar().currentMessage()


def test_drawing_a_national_map_keeps_the_window_painting(
    window: MainWindow,
    qtbot: QtBot,
    national: SystemMap,
    heartbeat: Heartbeat,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Items must be made on the GUI thread; a 10k map takes seconds, so its first frame is
    # drawn from the map's data and the items are made after it in slices, the event loop
    # turning between them (clicks wait; painting, zooming and panning do not). Each turn
    # lets the 20 ms timer, overdue by then, tick. On a busy machine the slices take longer
    # and the timer is only more overdue.
    from sysmap.canvas.item_build import SlicedBuild

    window.analysis.runner.set_active(False)
    slices: list[int] = []  # the heartbeat's ticks after each slice
    real_slice = SlicedBuild._slice

    def counted(build: SlicedBuild) -> None:
        real_slice(build)
        slices.append(heartbeat.ticks)

    monkeypatch.setattr(SlicedBuild, "_slice", counted)
    heartbeat.start()
    QTimer.singleShot(50, lambda: window.set_document(MapDocument(national.copy())))
    qtbot.waitUntil(lambda: window.document is not None, timeout=60000)
    assert window.scene.building  # the document is shown before its items are made
    qtbot.waitUntil(lambda: not window.scene.building, timeout=180000)
    heartbeat.stop()
    items = window.scene.items_model
    assert items.stakeholders.keys() == set(national.graph.nodes)
    assert len(items.relationships) == national.relationship_count
    # 50,000 items in slices of 30 ms of work, each followed by a turn of the event loop.
    assert len(slices) >= 20
    ticked = sum(later > earlier for earlier, later in itertools.pairwise(slices))
    assert ticked >= (len(slices) - 1) // 2, slices


def test_big_files_are_read_in_a_child_process(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    from sysmap.gui import window_files
    from sysmap.io import save_map
    from sysmap.workspace import open_map

    big = tmp_path / "regional.graphml"
    save_map(synthetic_map(800, seed=4), big)
    files = window.files
    monkeypatch.setattr(files, "PROCESS_BYTES", 1)  # every file counts as big
    started: list[str] = []
    original = multiprocessing.get_context("spawn").Process.start

    def start(process):  # type: ignore[no-untyped-def]
        started.append(process.name)
        return original(process)

    monkeypatch.setattr(multiprocessing.get_context("spawn").Process, "start", start)
    monkeypatch.setattr(window_files, "open_map", None)  # never read in this process
    _quiet_analysis(window)
    progress: list[float] = []
    assert files.open_path(big, wait=False)
    assert files.loading is not None
    files.loading.progressed.connect(progress.append)
    qtbot.waitUntil(lambda: window.document is not None, timeout=60000)
    assert started == ["sysmap-open"]
    assert window.document.map == open_map(str(big)).map  # type: ignore[union-attr]
    assert progress
    assert progress[-1] == pytest.approx(1.0)
    # Cancel stops the child; the open map stays as it was.
    opened = window.document
    assert files.open_path(big, asked=True, wait=False)
    window.progress.cancel()
    qtbot.waitUntil(lambda: files.loading is None, timeout=30000)
    assert window.document is opened
    # A damaged file is refused with the reader's sentence, in a dialog.
    broken = tmp_path / "broken.graphml"
    broken.write_bytes(big.read_bytes()[: big.stat().st_size // 2])
    seen: list[str] = []

    def read_dialog(dialog: object) -> None:
        from PySide6.QtWidgets import QMessageBox

        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text() + " " + dialog.informativeText())
        dialog.accept()

    when_modal(read_dialog, 30000)
    assert files.open_path(broken, asked=True, wait=False)
    qtbot.waitUntil(lambda: bool(seen), timeout=30000)
    assert "broken.graphml" in seen[0]
    assert window.document is opened
