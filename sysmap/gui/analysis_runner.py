"""Keeping the analysis up to date as the map changes, without ever blocking the window.

Every edit that could change a finding (not a move: positions do not count) marks the
analysis stale and, after a short pause, analyses a copy of the map on a worker thread.
An edit made while it runs cancels it (through the analysis's progress callback) and starts
again once it has stopped, so a burst of edits costs one analysis, and the window keeps
painting and answering the whole time. Big maps are analysed in a child process instead of a
thread, because some stages hold Python's interpreter lock for seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from sysmap.analysis import AnalysisResult, analyse
from sysmap.analysis.ties import Scenario
from sysmap.canvas.finding_list import DISMISSED_KEY
from sysmap.charts import ChartData, chart_data
from sysmap.gui.analysis_process import analyse_in_process
from sysmap.gui.document import MapDocument
from sysmap.gui.tasks import Task
from sysmap.model import events as ev
from sysmap.model.progress import Progress
from sysmap.model.system_map import SystemMap

DEBOUNCE_MS = 600
"""How long the map must stay still after an edit before it is analysed again."""
PROCESS_FROM = 1000
"""Maps with this many stakeholders are analysed in a child process (see
:mod:`.analysis_process`): on a thread, their longest stages would freeze the window."""


@dataclass(frozen=True, eq=False)
class AnalysisOutcome:
    """One finished analysis: what it found, its chart numbers, and what it was run on.

    ``version`` counts the map's edits when the copy was taken; the outcome is current while
    the map has had no edit since.
    """

    result: AnalysisResult
    charts: ChartData
    version: int
    by: tuple[str, ...] | None
    scenario: Scenario
    seconds: float


class AnalysisRunner(QObject):
    """Runs the analysis of one document's map off the GUI thread, when it has changed."""

    started = Signal()
    progressed = Signal(float, str)
    finished = Signal(object)  # AnalysisOutcome
    failed = Signal(str)
    stale_changed = Signal(bool)
    presentation_changed = Signal()
    """Dismissed links changed: the findings shown change, the analysis does not."""

    def __init__(self, parent: QObject | None = None, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.document: MapDocument | None = None
        self.by: tuple[str, ...] | None = None
        self.scenario: Scenario = "as-is"
        self.active = True
        self.outcome: AnalysisOutcome | None = None
        self.task: Task | None = None
        self.stage = ""
        self.version = 0
        self._stale = False
        self._pending = False
        self._unsubscribe: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.run_now)

    # ------------------------------------------------------------------ what to analyse
    def set_document(self, document: MapDocument | None) -> None:
        """Follow another document (or none); its map is analysed straight away."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.cancel()
        self.document = document
        self.outcome = None
        self.version += 1
        if document is not None:
            self._unsubscribe = document.map.events.subscribe(self._on_event)
            self.schedule(0)
        else:
            self._set_stale(False)

    def set_options(self, by: Sequence[str] | None, scenario: Scenario) -> None:
        """Group by these attributes (``None``: the defaults) and analyse this scenario."""
        by = tuple(by) if by else None
        if (by, scenario) != (self.by, self.scenario):
            self.by, self.scenario = by, scenario
            self.schedule(0)

    def set_active(self, active: bool) -> None:
        """Pause while nobody looks at the analysis; catch up when someone does."""
        self.active = active
        if active and self._stale and not self._timer.isActive() and self.task is None:
            self.schedule(0)

    @property
    def stale(self) -> bool:
        """Whether the map has changed since the analysis shown was made."""
        return self._stale

    def is_current(self) -> bool:
        """Whether the last outcome describes the map as it is, with the options chosen."""
        outcome = self.outcome
        return (
            outcome is not None
            and not self._stale
            and outcome.version == self.version
            and (outcome.by, outcome.scenario) == (self.by, self.scenario)
        )

    # ------------------------------------------------------------------ following edits
    def _on_event(self, event: ev.MapEvent) -> None:
        if isinstance(event, ev.StakeholdersMoved):
            return  # where a stakeholder sits changes no finding
        if isinstance(event, ev.MapChanged) and event.fields <= {DISMISSED_KEY, "title"}:
            self.presentation_changed.emit()
            return
        self.version += 1
        self.schedule()

    def schedule(self, delay_ms: int | None = None) -> None:
        """Mark the analysis stale and run it after ``delay_ms`` (default: the debounce)."""
        self._set_stale(True)
        if self.task is not None:
            self.task.cancel()  # it stops at its next stage; the new run follows
            self._pending = True
        if not self.active:
            return
        if delay_ms is not None:
            self._timer.setInterval(delay_ms)
        else:
            self._timer.setInterval(DEBOUNCE_MS)
        self._timer.start()

    def _set_stale(self, stale: bool) -> None:
        if stale != self._stale:
            self._stale = stale
            self.stale_changed.emit(stale)

    # ------------------------------------------------------------------ running
    def run_now(self) -> None:
        """Analyse the map now (or as soon as a cancelled run has stopped)."""
        self._timer.stop()
        document = self.document
        if document is None or not self.active:
            return
        if self.task is not None:
            self.task.cancel()
            self._pending = True
            return
        snapshot = document.map.copy()  # the worker reads its own copy while the user edits
        task = Task("Analysing the map", self._work(snapshot, self.by, self.scenario), self)
        version = self.version

        def progressed(fraction: float) -> None:
            self.stage = task.stage
            self.progressed.emit(fraction, task.stage)

        task.progressed.connect(progressed)
        task.done.connect(lambda outcome: self._done(outcome, version))
        task.failed.connect(self._failed)
        # Done, failed and cancelled are reported in one event once the thread has stopped;
        # forgetting the task there (not on a later ``finished`` event) keeps state exact.
        for over in (task.done, task.failed, task.was_cancelled):
            over.connect(self._over)
        self.task = task
        self._pending = False
        self.started.emit()
        task.start()

    def _work(
        self, snapshot: SystemMap, by: tuple[str, ...] | None, scenario: Scenario
    ) -> Callable[[Progress], AnalysisOutcome]:
        def work(progress: Progress) -> AnalysisOutcome:
            clock = time.perf_counter()
            analysing = progress.part(0.0, 0.9)
            if snapshot.stakeholder_count >= PROCESS_FROM:
                result, charts = analyse_in_process(snapshot, by, scenario, analysing)
            else:
                result = analyse(snapshot, by=by, scenario=scenario, progress=analysing)
                analysing.report(1.0, "Charts")
                charts = chart_data(result, snapshot)
            progress.report(1.0)
            return AnalysisOutcome(result, charts, 0, by, scenario, time.perf_counter() - clock)

        return work

    def _done(self, outcome: AnalysisOutcome, version: int) -> None:
        if self._pending or version != self.version:
            return  # the map changed while it ran: a fresh run follows
        outcome = AnalysisOutcome(
            outcome.result, outcome.charts, version, outcome.by, outcome.scenario, outcome.seconds
        )
        self.outcome = outcome
        self._set_stale(False)
        self.finished.emit(outcome)

    def _failed(self, message: str) -> None:
        if not self._pending:
            self._set_stale(False)
            self.failed.emit(message)

    def _over(self, *_reported: object) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.deleteLater()
        if self._pending and self.active and not self._timer.isActive():
            self.run_now()

    def cancel(self, wait_ms: int = 5000) -> None:
        """Stop any run (the document is closing); its result is thrown away."""
        self._timer.stop()
        self._pending = False
        task = self.task
        if task is not None:
            task.cancel()
            task.wait(wait_ms)
