"""Analysing a big map in a separate process, so the window keeps painting.

Some stages of the analysis (exact betweenness, shortest routes) run inside compiled
libraries that keep Python's interpreter lock for seconds on a map of thousands of
stakeholders; on a worker thread they would freeze the window just the same. A child process
has its own interpreter: the map goes to it, progress and the result come back through a
pipe, and Cancel simply stops the process. No Qt is imported here (the child loads this
module).
"""

from __future__ import annotations

from multiprocessing.connection import Connection
from typing import Any

from sysmap.analysis import AnalysisResult, analyse
from sysmap.analysis.ties import Scenario
from sysmap.charts import ChartData, chart_data
from sysmap.gui.child_process import run_in_child, sender_progress
from sysmap.model.errors import SysmapError, ValidationError
from sysmap.model.progress import Progress
from sysmap.model.system_map import SystemMap


def analyse_in_process(
    snapshot: SystemMap,
    by: tuple[str, ...] | None,
    scenario: Scenario,
    progress: Progress,
) -> tuple[AnalysisResult, ChartData]:
    """Analyse ``snapshot`` (and gather its chart numbers) in a child process.

    Raises
    ------
    Cancelled
        If the user cancelled; the child has been stopped.
    ValidationError
        If the map cannot be analysed as asked (the analysis's own sentence).
    RuntimeError
        If the child failed unexpectedly.
    """
    done = run_in_child(
        "sysmap-analysis",
        _child,
        (snapshot, by, scenario),
        progress,
        "analysing the map",
        refusal=ValidationError,
    )
    return done[0], done[1]


def _child(
    snapshot: SystemMap, by: tuple[str, ...] | None, scenario: Scenario, sender: Connection
) -> None:
    """Run in the child process: analyse, and send progress and the outcome home."""

    progress = sender_progress(sender)
    message: tuple[Any, ...]
    try:
        result = analyse(snapshot, by=by, scenario=scenario, progress=progress)
        progress.report(1.0, "Charts")
        message = ("done", result, chart_data(result, snapshot))
    except SysmapError as exc:
        message = ("error", str(exc), True)
    except Exception as exc:  # reported to the window as one sentence
        message = ("error", f"The analysis failed ({type(exc).__name__}: {exc}).", False)
    sender.send(message)
    sender.close()
