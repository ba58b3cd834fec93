"""Long work off the GUI thread, with progress and Cancel: the window never freezes.

A :class:`Task` runs a plain function in a :class:`QThread`. The function receives one
:class:`~sysmap.model.progress.Progress` (the one protocol for long work): it reports how far
it is, and raises :class:`~sysmap.model.progress.Cancelled` once the user gave up, which
stops readers, layouts, analyses, reports and pictures where they next report. This module
is the one place the app adapts that protocol to Qt: the progress becomes the task's
``progressed`` signal and the Cancel button its flag. A cancelled task's result is thrown
away even if the function never asks.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from sysmap.gui import gc_guard
from sysmap.gui.plain_text import plain_label
from sysmap.gui.resources import icon
from sysmap.model.errors import SysmapError
from sysmap.model.progress import Cancelled, Progress

Work = Callable[[Progress], Any]
_log = logging.getLogger(__name__)


class Task(QThread):
    """Run ``work`` in a thread; report ``done(result)``, ``failed(message)`` or ``cancelled``.

    While any task runs, Python's automatic garbage collection is paused (see
    :mod:`sysmap.gui.gc_guard`), so a collection never happens on the worker thread.
    """

    progressed = Signal(float)
    done = Signal(object)
    failed = Signal(str)
    was_cancelled = Signal()

    def __init__(self, title: str, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self._work = work
        self._cancel = threading.Event()
        self._result: Any = None
        self._error: str | None = None
        self._holding = False
        self.stage = ""
        """What the work said it was doing at its last report ("Brokers")."""
        self.finished.connect(self._report)

    def start(self, priority: QThread.Priority = QThread.Priority.InheritPriority) -> None:
        """Start the work on its thread (call on the GUI thread)."""
        if not self._holding:
            gc_guard.hold()
            self._holding = True
        super().start(priority)

    def cancel(self) -> None:
        """Ask the work to stop; its result, if any, is discarded."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """Whether Cancel was pressed."""
        return self._cancel.is_set()

    def progress(self) -> Progress:
        """The work's progress: reports become ``progressed``; Cancel stops it."""
        return Progress(self._progressed, self._cancel.is_set)

    def _progressed(self, fraction: float, stage: str) -> None:
        if stage:
            self.stage = stage
        self.progressed.emit(fraction)

    def run(self) -> None:
        try:
            self._result = self._work(self.progress())
        except Cancelled:
            self._cancel.set()
        except SysmapError as exc:
            self._error = str(exc)
        except Exception as exc:  # reported as a sentence; the details go to the log
            _log.exception("%s failed", self.title)
            self._error = f"{self.title} stopped unexpectedly ({type(exc).__name__}: {exc})."

    def _report(self) -> None:
        # Runs in the GUI thread once the thread has finished.
        if self._holding:
            self._holding = False
            gc_guard.release()
        if self._cancel.is_set():
            self.was_cancelled.emit()
        elif self._error is not None:
            self.failed.emit(self._error)
        else:
            self.done.emit(self._result)


def launch(
    task: Task,
    panel: ProgressPanel,
    done: Callable[[Any], None],
    failed: Callable[[str], None],
    cancelled: Callable[[], None],
    over: Callable[[], None],
) -> Task:
    """Connect a task's outcomes, show it in the status bar's progress panel, and start it."""
    task.done.connect(done)
    task.failed.connect(failed)
    task.was_cancelled.connect(cancelled)
    task.finished.connect(over)
    panel.follow(task)
    task.start()
    return task


def finish(task: Task, panel: ProgressPanel) -> Any:
    """Run ``task`` and wait for it, the window painting and answering meanwhile.

    Returns
    -------
    object
        What the task's work returned.

    Raises
    ------
    SysmapError
        With the task's sentence, if it failed.
    Cancelled
        If the user pressed Cancel.
    """
    outcome: dict[str, Any] = {}
    waiting = QEventLoop()

    def over() -> None:  # connected before the task starts: a quick one cannot slip by
        outcome["over"] = True
        task.deleteLater()
        waiting.quit()

    launch(
        task,
        panel,
        done=lambda result: outcome.update(result=result),
        failed=lambda message: outcome.update(error=message),
        cancelled=lambda: outcome.update(cancelled=True),
        over=over,
    )
    if "over" not in outcome:
        waiting.exec()
    if "error" in outcome:
        raise SysmapError(outcome["error"])
    if "cancelled" in outcome:
        raise Cancelled
    return outcome.get("result")


class ProgressPanel(QWidget):
    """A label, a progress bar and Cancel, for the status bar; shown only for slow work."""

    SHOW_AFTER_MS = 300

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain_label(QLabel(""))  # "Opening <file name>"
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setFixedWidth(160)
        self.bar.setAccessibleName("Progress")
        self.cancel_button = QToolButton()
        self.cancel_button.setIcon(icon("cancel"))
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop this and keep the map as it was")
        self.cancel_button.setAccessibleName("Cancel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.task: Task | None = None
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._reveal)
        self.cancel_button.clicked.connect(self.cancel)
        self.hide()

    def follow(self, task: Task) -> None:
        """Show ``task``'s progress (after a short delay, so quick work shows nothing)."""
        self.task = task
        self.label.setText(task.title + "…")
        self.bar.setValue(0)
        self.bar.setRange(0, 0)  # busy until the first report
        task.progressed.connect(self._progress)
        task.finished.connect(self._finished)
        self._timer.start(self.SHOW_AFTER_MS)

    def cancel(self) -> None:
        """Cancel the task being followed."""
        if self.task is not None:
            self.task.cancel()
            self.label.setText("Cancelling…")

    def _progress(self, fraction: float) -> None:
        self.bar.setRange(0, 100)
        self.bar.setValue(round(max(0.0, min(1.0, fraction)) * 100))

    def _reveal(self) -> None:
        if self.task is not None and self.task.isRunning():
            self.show()

    def _finished(self) -> None:
        self._timer.stop()
        self.task = None
        self.hide()
