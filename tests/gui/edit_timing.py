"""Timing the desktop app's edits the way a user meets them: the edit and the frame after it.

Shared by the scaling test (``tests/gui/test_scale_edits.py``) and the GUI benchmarks. An
edit is timed from the command being pushed until the event loop has painted the frame that
shows it (one pass of ``processEvents``, which is where Qt paints). Times are process CPU
time (``time.process_time``): the machine is small and shared, and wall-clock time doubles
when another process runs; the analysis runner is kept idle so no worker thread adds to it.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from sysmap.canvas.item_build import SlicedBuild
from sysmap.canvas.overview_picture import CachedPicture
from sysmap.canvas.passing_cache import PassingCache
from sysmap.canvas.scene_items import ItemScene
from sysmap.canvas.zoom_and_fit import ZoomAndFit
from sysmap.gui.commands import AddStakeholder, delete_command, move_command
from sysmap.gui.document import MapDocument
from sysmap.gui.editing import stakeholder_field_command
from sysmap.gui.inspector import MapPage
from sysmap.gui.main_window import MainWindow
from sysmap.model import Stakeholder, SystemMap

VIEW_SIZE = (1600, 1000)
SECTORS = ("private", "third_sector")
KINDS = ("add", "move", "retag", "delete")
"""The edits :func:`time_edits` makes, in the order it makes them each round."""


def settle(seconds: float = 0.6) -> None:
    """Let the window finish what it does after a change (redraws in slices, timers)."""
    app = QApplication.instance()
    assert app is not None
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        app.processEvents()


def finish_background(window: MainWindow, limit: float = 300.0) -> None:
    """Let the canvas finish the work it does in slices (a big map's items made after its first
    frame, the overview picture redrawn, the lines passing through the view): however long that
    takes on a busy machine, so that what an edit is measured with is the edit's own work. (The
    map page's vocabulary check, 700 ms after the edits stop, is not waited for: ``counted``
    leaves it out wherever it comes due.)"""
    app = QApplication.instance()
    assert app is not None
    scene = window.scene
    until = time.perf_counter() + limit

    def busy() -> bool:
        if scene.building:
            return True
        items = scene.items_model
        return bool(
            items.overview.picture.redrawing or items.edge_layer._passing_cache._job is not None
        )

    while busy() and time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.001)


@contextmanager
def window_with(system_map: SystemMap) -> Iterator[MainWindow]:
    """The main window showing ``system_map`` in a 1,600 × 1,000 view, analysis kept idle."""
    from sysmap.gui.app import application

    app = application()
    window = MainWindow()
    window.show()
    try:
        window.set_document(MapDocument(system_map))
        _quiet_analysis(window)
        app.processEvents()
        viewport = window.view.viewport()
        window.resize(
            window.width() + VIEW_SIZE[0] - viewport.width(),
            window.height() + VIEW_SIZE[1] - viewport.height(),
        )
        settle(0.3)
        window.view.fit_map()
        settle()
        finish_background(window)
        yield window
    finally:
        window.layouts.cancel()
        window.analysis.cancel()
        window.show_start_page()
        window.close()
        window.deleteLater()
        app.processEvents()


def _quiet_analysis(window: MainWindow) -> None:
    # The analysis panel re-analyses the map in a worker after edits; timing the GUI thread
    # with a worker computing beside it would measure the worker.
    analysis = window.analysis
    for dock in (analysis.dock, analysis.charts_dock):
        dock.hide()
    analysis.runner.set_active(False)
    analysis.runner.cancel()
    while analysis.runner.task is not None:
        QApplication.processEvents()


def centre_on(window: MainWindow, stakeholder_id: str, zoom: float) -> None:
    """Show a stakeholder in the middle of the view at ``zoom``, and let the view settle."""
    view = window.view
    item = window.scene.item_for_stakeholder(stakeholder_id)
    assert item is not None
    view.centerOn(item.pos())
    view.zoom_by(zoom / view.zoom_level())
    settle()
    finish_background(window)


def view_centre(window: MainWindow) -> QPointF:
    """The scene point in the middle of the view."""
    view = window.view
    return view.mapToScene(view.viewport().rect().center())


def nearest(window: MainWindow, count: int) -> list[str]:
    """The ``count`` stakeholders nearest the middle of the view."""
    centre = view_centre(window)
    graph = window.document.map.graph  # type: ignore[union-attr]
    return sorted(
        graph.nodes,
        key=lambda n: (
            (graph.nodes[n]["x"] - centre.x()) ** 2 + (graph.nodes[n]["y"] - centre.y()) ** 2
        ),
    )[:count]


@dataclass
class EditTimes:
    """Median milliseconds (or calls) per kind of edit, and every sample."""

    samples: dict[str, list[float]] = field(default_factory=dict)
    scale: float = 1000.0
    """What each measure is multiplied by: seconds to milliseconds, or 1 for counts."""

    def add(self, kind: str, seconds: float) -> None:
        self.samples.setdefault(kind, []).append(seconds * self.scale)

    def median(self, kind: str) -> float:
        return statistics.median(self.samples[kind])

    def medians(self) -> dict[str, float]:
        return {kind: round(self.median(kind), 2) for kind in self.samples}


def timed(action: Callable[[], object]) -> float:
    """CPU seconds from doing ``action`` until the frame after it has been painted."""
    app = QApplication.instance()
    assert app is not None
    start = time.process_time()
    action()
    app.processEvents()
    return time.process_time() - start


DEFERRED = frozenset(
    method.__code__
    for method in (
        CachedPicture._start_redraw,
        CachedPicture._step,
        PassingCache._step,
        SlicedBuild._slice,
        ItemScene._build_unseen,
        MapPage.check_problems,
        ZoomAndFit._check_bars_after_edits,
    )
)
"""The window's deferred work: the overview picture redrawn 150 ms after the edits stop, the
passing lines drawn in slices, items made in slices, the map page's check of every value
against the vocabularies 700 ms after the edits stop, the scroll bars' need measured 250 ms
after them. Each runs from a timer, after the frame,
and is whole-map by design; on a busy machine its timer can come due inside the window an
edit is counted in (an edit, or the one before it, that took longer than the wait: a move at
5,000 counted 39,800 calls instead of 2,800 with the vocabulary check in it), so the count
would depend on the load. ``counted`` leaves it out, and ``time_edits`` lets the canvas's part
finish before each edit."""


def counted(action: Callable[[], object]) -> float:
    """Function calls (Python and built-in) made on the GUI thread from doing ``action`` until
    the frame after it has been painted: a measure of the work that no load on the machine
    changes. Whole-map work shows as calls per stakeholder (each item painted, each row
    looked at), so it grows with the map as time would."""
    app = QApplication.instance()
    assert app is not None
    calls = 0
    deferred = 0  # depth inside work the canvas defers to timers (see DEFERRED)

    def profile(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls, deferred
        if frame.f_code in DEFERRED and event in ("call", "return"):
            deferred += 1 if event == "call" else -1
        elif not deferred and event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profile)
    try:
        action()
        app.processEvents()
    finally:
        sys.setprofile(None)
    return float(calls)


def time_edits(
    window: MainWindow,
    rounds: int,
    times: EditTimes | None = None,
    measure: Callable[[Callable[[], object]], float] = timed,
) -> EditTimes:
    """Add, move, retag and delete single stakeholders near the middle of the view, then undo
    and redo each; ``rounds`` of each, every one measured (by default timed) with the frame
    that follows it. Undo and redo are kept by the kind of edit ("undo delete"…): an undo
    that does whole-map work would be hidden in a median taken over all four."""

    def timed(action: Callable[..., object]) -> float:
        finish_background(window)  # the last edit's deferred work is not this edit's
        return measure(action)

    times = times or EditTimes()
    document = window.document
    assert document is not None
    system_map, stack = document.map, document.undo_stack
    centre = view_centre(window)
    targets = nearest(window, rounds + 1)
    mover = targets[-1]
    for i in range(rounds):
        added = AddStakeholder(
            system_map, Stakeholder(f"Timing {i}", x=centre.x() + 30.0 * i, y=centre.y() - 60.0)
        )
        times.add("add", timed(lambda c=added: document.push(c)))
        here = system_map.stakeholder(mover)
        step = 15.0 if i % 2 else -15.0
        times.add(
            "move",
            timed(
                lambda h=here, s=step: document.push(
                    move_command(system_map, {mover: (h.x + s, h.y)})
                )
            ),
        )
        sector = SECTORS[0] if system_map.stakeholder(mover).sector != SECTORS[0] else SECTORS[1]
        retag = stakeholder_field_command(system_map, [mover], "sector", sector)
        assert retag is not None
        times.add("retag", timed(lambda c=retag: document.push(c)))
        times.add(
            "delete", timed(lambda t=targets[i]: document.push(delete_command(system_map, [t])))
        )
        for kind in reversed(KINDS):  # the four edits just made, newest first, then again
            times.add(f"undo {kind}", timed(stack.undo))
        for kind in KINDS:
            times.add(f"redo {kind}", timed(stack.redo))
        settle(0.05)
        finish_background(window)
    return times
