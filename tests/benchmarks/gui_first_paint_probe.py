"""Open a map in a fresh main window and print, as JSON, when its first picture was painted.

Run by ``test_gui_bench.py`` in a child process (``python gui_first_paint_probe.py MAP``),
so each run starts as a user's does: nothing cached from an earlier opening, no maps or
windows of the test process in memory. The clock starts when the window is asked to open
the file (the user has chosen it in File > Open) and stops at the end of the first paint of
the map's view that shows the map, fitted: every stakeholder in view, as a picture, whether
drawn from the preview the reading process sends before it builds the map
(:mod:`sysmap.io.map_preview`) or from the map itself. The probe also notes when the preview
arrived (``preview``), when the map arrived from the reader (``read``), the first frame drawn
from the map itself (``map_painted``, the first picture before previews existed), when the
canvas's items were all made and when the panels were filled, to show what came before the
first frame and what after.

``--profile OUT`` writes a cProfile of the window's thread, from the open command until the
first frame, to ``OUT``. ``--dialog SECONDS`` opens the file as File > Open does: the
reading process is started as the dialog shows (:func:`sysmap.gui.open_process.warm_reader`)
and the user takes ``SECONDS`` to choose; without it, as Open recent or a drop does, the
process starts when the file is opened (the figure of earlier rounds).
"""

from __future__ import annotations

import cProfile
import json
import os
import sys
import time
from pathlib import Path
from typing import Any


def _wait(until: Any, seconds: float) -> bool:
    """Run the event loop as the app does (idle in Qt, not sleeping in Python) until ``until``.

    A loop of ``processEvents`` and sleeps would hold the interpreter lock from the reading
    thread and stretch each slice of item making by a sleep.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    end = time.perf_counter() + seconds
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(lambda: loop.quit() if until() or time.perf_counter() > end else None)
    timer.start()
    if not until():
        loop.exec()
    timer.stop()
    return bool(until())


def main(path: str, profile: str | None = None, dialog: float | None = None) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sysmap.canvas.view import MapView
    from sysmap.gui.app import application
    from sysmap.gui.main_window import MainWindow

    marks: dict[str, float] = {}
    window: Any = None
    start = 0.0

    def note(name: str) -> None:
        marks.setdefault(name, round(time.perf_counter() - start, 3))

    painted = MapView.paintEvent

    def paint_event(view: MapView, event: Any) -> None:
        painted(view, event)
        scene = view.map_scene()
        shown = window is not None and window.document is not None
        if shown and scene.system_map is window.document.map and "map_fitted" in marks:
            note("first_paint")  # (if no preview came first)
            note("map_painted")
        if getattr(scene, "previewing", False) and "fitted" in marks:
            note("first_paint")

    MapView.paintEvent = paint_event  # type: ignore[method-assign]
    app = application()
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    _wait(lambda: False, 0.5)
    if dialog is not None:  # File > Open: the dialog shows, the user chooses the file
        from sysmap.gui.open_process import warm_reader

        warm_reader()
        _wait(lambda: False, dialog)
    fit = window.view.fit_map

    def fitted() -> None:
        fit()
        note("fitted")
        if window.document is not None:
            note("map_fitted")

    window.view.fit_map = fitted
    show_preview = getattr(window, "show_preview", None)
    if show_preview is not None:  # the first picture, drawn from what the reader parsed
        window.show_preview = lambda preview: (note("preview"), show_preview(preview))[1]
    fill = getattr(window, "_fill_docks", None)
    if fill is not None:  # panels filled after the first frame (else with the map, before it)
        window._fill_docks = lambda document: (fill(document), note("panels_filled"))
    opened = window.files._opened
    window.files._opened = lambda *args, **kwargs: (note("read"), opened(*args, **kwargs))[1]
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    cpu = time.process_time()
    if profiler is not None:
        profiler.enable()
    assert window.files.open_path(Path(path), asked=True, wait=False)
    _wait(lambda: "first_paint" in marks, 120)
    first_cpu = time.process_time() - cpu
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    _wait(lambda: window.document is not None, 120)
    note("map_arrived")
    _wait(lambda: "map_painted" in marks, 60)
    scene = window.scene
    _wait(lambda: getattr(scene, "building", False) is False, 60)
    note("items_made")
    _wait(lambda: not getattr(window, "docks_waiting", False), 60)
    note("panels_filled")
    document = window.document
    figures = {
        **marks,
        "first_paint_cpu": round(first_cpu, 3),
        "stakeholders": document.map.stakeholder_count if document is not None else 0,
        "items": len(scene.items_model.stakeholders),
        "level": window.view.level_of_detail(),
    }
    print(json.dumps(figures))
    window.analysis.cancel()
    window.show_start_page()
    window.close()
    app.processEvents()


def _option(arguments: list[str], name: str) -> str | None:
    if name not in arguments:
        return None
    at = arguments.index(name)
    value = arguments[at + 1]
    del arguments[at : at + 2]
    return value


if __name__ == "__main__":
    arguments = sys.argv[1:]
    out = _option(arguments, "--profile")
    dialog = _option(arguments, "--dialog")
    main(arguments[0], out, float(dialog) if dialog is not None else None)
