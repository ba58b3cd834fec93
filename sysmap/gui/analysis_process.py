"""Analysing a big map in a separate process, so the window keeps painting.

Some stages of the analysis (exact betweenness, shortest routes) run inside compiled
libraries that keep Python's interpreter lock for seconds on a map of thousands of
stakeholders; on a worker thread they would freeze the window just the same. A child process
has its own interpreter: the map goes to it, progress and the result come back through a
pipe, and Cancel simply stops the process. No Qt is imported here (the child loads this
module).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from sysmap.analysis import AnalysisResult, analyse
from sysmap.analysis.ties import Scenario
from sysmap.charts import ChartData, chart_data
from sysmap.model.errors import SysmapError, ValidationError
from sysmap.model.system_map import SystemMap

POLL_SECONDS = 0.05


class AnalysisCancelledError(Exception):
    """The caller asked to stop: the child process was stopped."""


def analyse_in_process(
    snapshot: SystemMap,
    by: tuple[str, ...] | None,
    scenario: Scenario,
    progress: Callable[[float, str], None],
    cancelled: Callable[[], bool],
) -> tuple[AnalysisResult, ChartData]:
    """Analyse ``snapshot`` (and gather its chart numbers) in a child process.

    Raises
    ------
    AnalysisCancelledError
        If ``cancelled()`` became true; the child has been stopped.
    ValidationError
        If the map cannot be analysed as asked (the analysis's own sentence).
    RuntimeError
        If the child failed unexpectedly.
    """
    context = multiprocessing.get_context("spawn")  # a clean interpreter, on every platform
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(snapshot, by, scenario, sender), name="sysmap-analysis", daemon=True
    )
    child.start()
    sender.close()
    try:
        while True:
            if cancelled():
                raise AnalysisCancelledError
            if receiver.poll(POLL_SECONDS):
                message = receiver.recv()
                kind = message[0]
                if kind == "progress":
                    progress(float(message[1]), str(message[2]))
                elif kind == "done":
                    return message[1], message[2]
                elif message[2]:
                    raise ValidationError(str(message[1]))
                else:
                    raise RuntimeError(str(message[1]))
            elif not child.is_alive():
                raise RuntimeError("The analysis process stopped without a result.")
    except EOFError as exc:
        raise RuntimeError("The analysis process stopped without a result.") from exc
    finally:
        if child.is_alive():
            child.terminate()
        child.join(5)
        receiver.close()


def _child(
    snapshot: SystemMap, by: tuple[str, ...] | None, scenario: Scenario, sender: Connection
) -> None:
    """Run in the child process: analyse, and send progress and the outcome home."""

    def report(fraction: float, stage: str) -> None:
        sender.send(("progress", fraction, stage))

    message: tuple[Any, ...]
    try:
        result = analyse(snapshot, by=by, scenario=scenario, progress=report)
        report(1.0, "Charts")
        message = ("done", result, chart_data(result, snapshot))
    except SysmapError as exc:
        message = ("error", str(exc), True)
    except Exception as exc:  # reported to the window as one sentence
        message = ("error", f"The analysis failed ({type(exc).__name__}: {exc}).", False)
    sender.send(message)
    sender.close()
