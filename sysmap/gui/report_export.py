"""File ▸ Export report…: the HTML report of the open map, written without freezing the window.

The report uses the analysis the panel shows (once it is up to date with the map). Its map
pictures are drawn on the GUI thread, as the canvas must be, one picture per turn of the event
loop so the window keeps repainting; the charts and the document are made on a worker thread
with a progress bar and Cancel in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog

from sysmap.canvas.overlay import Overlay
from sysmap.gui import dialogs
from sysmap.gui.analysis_runner import AnalysisOutcome, AnalysisRunner
from sysmap.gui.tasks import Task
from sysmap.gui.window_base import WindowBase
from sysmap.io.atomic import atomic_write
from sysmap.model.errors import SysmapError
from sysmap.model.ids import slugify
from sysmap.model.progress import Progress
from sysmap.model.system_map import SystemMap
from sysmap.report import Pictures, build_report
from sysmap.report.pictures import PrintMap, map_png_and_print, overlay_plan


class AnalysisSource(Protocol):
    """What a report needs from the analysis panel's controller: its window, the analysis
    it keeps current, and a way to refresh its buttons (a small interface, so this module
    need not import the controller that uses it)."""

    window: WindowBase
    runner: AnalysisRunner

    def update_activity(self) -> None:
        """Enable or disable the panel's actions for what is running now."""


HTML_FILTER = "HTML report (*.html *.htm)"


@dataclass
class Drawing:
    """A report's map pictures being drawn, one at a time."""

    snapshot: SystemMap
    outcome: AnalysisOutcome
    plan: list[tuple[str, Overlay | None]]
    colour_by: str
    drawn: list[tuple[str, str, bytes]] = field(default_factory=list)
    printed: dict[str, PrintMap] = field(default_factory=dict)
    """Each picture's enlarged parts for print (``"map"`` for the plain map)."""


class ReportExport(QObject):
    """Writes one report at a time for a window."""

    def __init__(self, controller: AnalysisSource) -> None:
        super().__init__(controller.window)
        self.controller = controller
        self.window = controller.window
        self.waiting = False
        self.path: Path | None = None
        self.task: Task | None = None
        self._drawing: Drawing | None = None

    def ask_path(self) -> Path | None:
        """Ask where to write the report (``.html`` added when left out)."""
        document = self.window.document
        assert document is not None
        stem = slugify(document.map.title, fallback="map") if document.map.title else "map"
        suggested = self.window.settings.last_folder() / f"{stem}-report.html"
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Export report", str(suggested), HTML_FILTER
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() in (".html", ".htm") else path.with_suffix(".html")

    def start(self) -> None:
        """Ask where, then write the report once the analysis is up to date."""
        if self.window.document is None or self.busy:
            return
        path = self.ask_path()
        if path is None:
            return
        self.path = path
        runner = self.controller.runner
        if runner.is_current() and runner.outcome is not None:
            self._make(runner.outcome)
            return
        self.waiting = True
        self.window.show_message("Bringing the analysis up to date for the report…")
        self.controller.update_activity()
        if runner.task is None:
            runner.run_now()

    def outcome_ready(self, outcome: AnalysisOutcome) -> None:
        """The analysis is up to date: write the report that was waiting for it."""
        if self.waiting:
            self.waiting = False
            self.controller.update_activity()
            self._make(outcome)

    def _make(self, outcome: AnalysisOutcome) -> None:
        """Draw the report's map pictures one per turn of the event loop, then write it."""
        document = self.window.document
        if document is None or self.path is None:
            return
        snapshot = document.map.copy()
        plan: list[tuple[str, Overlay | None]] = [("", None)]
        plan += overlay_plan(snapshot, outcome.result)
        self._drawing = Drawing(snapshot, outcome, plan, self.window.scene.colour_attribute)
        QTimer.singleShot(0, self, self._draw_next)

    def _draw_next(self) -> None:
        drawing = self._drawing
        if drawing is None:
            return  # cancelled
        theme, overlay = drawing.plan[len(drawing.drawn)]
        self.window.show_message(
            f"Drawing the map for the report ({len(drawing.drawn) + 1} of {len(drawing.plan)})…"
        )
        try:
            png, printed = map_png_and_print(drawing.snapshot, overlay, drawing.colour_by)
        except SysmapError as exc:
            self._drawing = None
            dialogs.show_error(self.window, "Cannot write the report", str(exc))
            return
        drawing.drawn.append((theme, overlay.title if overlay is not None else "", png))
        if printed is not None:
            drawing.printed[theme or "map"] = printed
        if len(drawing.drawn) < len(drawing.plan):
            QTimer.singleShot(0, self, self._draw_next)  # the window repaints between pictures
        else:
            self._drawing = None
            self._write(drawing)

    def _write(self, drawing: Drawing) -> None:
        assert self.path is not None
        pictures = Pictures(
            drawing.drawn[0][2],
            {theme: (title, png) for theme, title, png in drawing.drawn[1:]},
            drawing.printed,
        )
        work = self._work(drawing.snapshot, drawing.outcome, pictures, self.path)
        task = Task("Writing the report", work, self)
        task.done.connect(lambda out: self._written(Path(out)))
        task.failed.connect(lambda m: dialogs.show_error(self.window, "Cannot write the report", m))
        task.was_cancelled.connect(lambda: self.window.show_message("The report was cancelled."))
        for over in (task.done, task.failed, task.was_cancelled):
            over.connect(self._over)
        self.task = task
        self.window.progress.follow(task)
        task.start()

    @staticmethod
    def _work(
        snapshot: SystemMap, outcome: AnalysisOutcome, pictures: Pictures, path: Path
    ) -> Callable[[Progress], str]:
        def work(progress: Progress) -> str:
            text = build_report(
                snapshot,
                outcome.result,
                charts=outcome.charts,
                pictures=pictures,
                progress=progress,
            )
            atomic_write(path, text.encode("utf-8"), keep_backup=False)
            progress.report(1.0)
            return str(path)

        return work

    def _written(self, path: Path) -> None:
        self.window.settings.set_last_folder(path.parent)
        self.window.show_message(f"Wrote the report {path.name}: open it in any browser.", 8000)

    def _over(self, *_reported: object) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.deleteLater()

    @property
    def busy(self) -> bool:
        """Whether a report is being drawn or written."""
        return self.task is not None or self._drawing is not None

    def cancel(self) -> None:
        """Stop waiting, and stop a report being drawn or written."""
        self.waiting = False
        self._drawing = None
        if self.task is not None:
            self.task.cancel()
            self.task.wait(10000)
