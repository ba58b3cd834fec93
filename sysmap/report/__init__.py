"""The HTML report: one self-contained file a team can send round, open offline and print.

::

    from sysmap.report import write_report
    write_report(system_map, "report.html", by=["sector", "place"])

It holds the title and date, the map with its legend, every finding (ranked, grouped, with
its numbers and the measure behind it, and the map drawn with each kind of overlay), the
charts, and tables of stakeholders and relationships. Pictures are embedded as ``data:`` URIs
and the stylesheet is inline; there are no scripts and no links to anything outside the file.
Drawing the map needs Qt (an offscreen application is started when none runs).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sysmap.analysis import AnalysisResult, analyse
from sysmap.analysis.permutation import PERMUTATIONS, SEED
from sysmap.analysis.ties import Scenario
from sysmap.charts import ChartData
from sysmap.io.atomic import atomic_write
from sysmap.model.progress import NO_PROGRESS, Progress
from sysmap.model.system_map import SystemMap
from sysmap.report.comparison import ReportComparison, compare_for_report
from sysmap.report.document import html_document
from sysmap.report.pictures import (
    ChartPicture,
    Pictures,
    chart_pictures,
    data_uri,
    map_pictures,
)


def build_report(
    system_map: SystemMap,
    result: AnalysisResult | None = None,
    *,
    by: Sequence[str] | None = None,
    scenario: Scenario = "as-is",
    seed: int = SEED,
    permutations: int = PERMUTATIONS,
    charts: ChartData | None = None,
    pictures: Pictures | None = None,
    generated: datetime | None = None,
    colour_by: str = "sector",
    progress: Progress | None = None,
    compare_with: tuple[SystemMap, str] | None = None,
) -> str:
    """The report of ``system_map`` as HTML text.

    Parameters
    ----------
    system_map : SystemMap
    result : AnalysisResult, optional
        An analysis already made (the app passes its own); otherwise the map is analysed
        with ``by``, ``scenario``, ``seed`` and ``permutations``.
    charts : ChartData, optional
        Chart numbers already computed for ``result``.
    pictures : Pictures, optional
        Map pictures already drawn (the app draws them on its GUI thread).
    generated : datetime, optional
        The date and time printed on the report (now by default).
    colour_by : str
        What the map's fill colours show.
    progress : Progress, optional
        Hears how far the report has got and what is being done ("Drawing the charts"), and
        stops it when the user cancels (:mod:`sysmap.model.progress`).
    compare_with : (SystemMap, str), optional
        An earlier map and its name: the report gains a section on what changed since.

    Raises
    ------
    ValidationError
        If a grouping attribute or the scenario is unknown.
    """
    whole = progress or NO_PROGRESS
    if result is None:
        result = analyse(
            system_map,
            by=by,
            scenario=scenario,
            seed=seed,
            permutations=permutations,
            progress=whole.part(0.0, 0.5, "Analysing the map"),
        )
        whole = whole.part(0.5, 1.0)
    if pictures is None:
        pictures = map_pictures(system_map, result, colour_by, whole.part(0.0, 0.4))
    drawn = chart_pictures(result, system_map, charts, whole.part(0.4, 0.7))
    compared = None
    if compare_with is not None:
        earlier, name = compare_with
        names = (name, "this map")
        compared = compare_for_report(earlier, system_map, names, result, whole.part(0.7, 0.9))
    whole.report(0.9, "Writing the report")
    when = generated or datetime.now()
    return html_document(system_map, result, pictures, drawn, when, compared)


def write_report(system_map: SystemMap, path: Path | str, **options: object) -> Path:
    """Write the report of ``system_map`` to ``path`` (atomically); options as for
    :func:`build_report`.

    Raises
    ------
    MapFileError
        If the file cannot be written.
    """
    out = Path(path)
    text = build_report(system_map, **options)  # type: ignore[arg-type]
    atomic_write(out, text.encode("utf-8"), keep_backup=False)
    return out


__all__ = [
    "ChartPicture",
    "Pictures",
    "ReportComparison",
    "build_report",
    "chart_pictures",
    "data_uri",
    "map_pictures",
    "write_report",
]
