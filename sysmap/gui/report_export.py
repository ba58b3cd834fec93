"""File ▸ Export report…: the HTML report of the open map, written without freezing the window.

The report uses the analysis the panel shows (once it is up to date with the map). Its map
pictures are drawn on the GUI thread, as everything Qt draws must be; the charts and the
document are made on a worker thread with a progress bar and Cancel in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from sysmap.gui import dialogs
from sysmap.gui.analysis_runner import AnalysisOutcome
from sysmap.gui.tasks import Task, TaskCancelledError
from sysmap.io.atomic import atomic_write
from sysmap.model.errors import SysmapError
from sysmap.model.ids import slugify
from sysmap.model.system_map import SystemMap
from sysmap.report import Pictures, build_report, map_pictures

if TYPE_CHECKING:
    from sysmap.gui.analysis_controller import AnalysisController

HTML_FILTER = "HTML report (*.html *.htm)"
STAGES = ("Drawing the charts", "Writing the report")


class ReportExport(QObject):
    """Writes one report at a time for a window."""

    def __init__(self, controller: AnalysisController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.window = controller.window
        self.waiting = False
        self.path: Path | None = None
        self.task: Task | None = None

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
        if self.window.document is None or self.task is not None:
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
        document, path = self.window.document, self.path
        if document is None or path is None:
            return
        snapshot = document.map.copy()
        colour_by = self.window.viewing.colour_attribute
        self.window.show_message("Drawing the map for the report…")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pictures = map_pictures(snapshot, outcome.result, colour_by)
        except SysmapError as exc:
            dialogs.show_error(self.window, "Cannot write the report", str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        task = Task("Writing the report", self._work(snapshot, outcome, pictures, path), self)
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
    ) -> Callable[[Callable[[float], None], Callable[[], bool]], str]:
        def work(report: Callable[[float], None], cancelled: Callable[[], bool]) -> str:
            def step(stage: str) -> None:
                if cancelled():
                    raise TaskCancelledError
                if stage in STAGES:
                    report(STAGES.index(stage) / len(STAGES))

            text = build_report(
                snapshot, outcome.result, charts=outcome.charts, pictures=pictures, step=step
            )
            atomic_write(path, text.encode("utf-8"), keep_backup=False)
            report(1.0)
            return str(path)

        return work

    def _written(self, path: Path) -> None:
        self.window.settings.set_last_folder(path.parent)
        self.window.show_message(f"Wrote the report {path.name}: open it in any browser.", 8000)

    def _over(self, *_reported: object) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.deleteLater()

    def cancel(self) -> None:
        """Stop waiting, and stop a report being written."""
        self.waiting = False
        if self.task is not None:
            self.task.cancel()
            self.task.wait(10000)
