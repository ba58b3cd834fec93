"""The report's pictures: the map and its overlays (drawn by the canvas) and the charts.

Each picture becomes a ``data:`` URI, so the report is one self-contained file. Map pictures
need Qt (the app draws them on its GUI thread); charts need only matplotlib.
"""

from __future__ import annotations

import base64
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sysmap.analysis import AnalysisResult
from sysmap.canvas.export import export_image
from sysmap.canvas.overlay import Overlay
from sysmap.canvas.overlay_themes import THEMES, overlay_for_theme
from sysmap.charts import GROUP_CHARTS, ChartData, chart_data, make_chart, png_bytes
from sysmap.model.progress import NO_PROGRESS, Progress
from sysmap.model.system_map import SystemMap
from sysmap.report.chart_tables import chart_table

MAP_WIDTH = 2000
"""Pixel width of map pictures (sharp when the reader zooms in, and on A4)."""
CHART_DPI = 130
MAX_THEMED = 1000
"""Above this many stakeholders only the plain map is drawn (each overlay builds a scene)."""


@dataclass(frozen=True)
class Pictures:
    """The map's pictures as PNG bytes: the plain map, and one per overlay theme."""

    map: bytes
    themes: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Theme name → (overlay title, PNG)."""


def data_uri(png: bytes) -> str:
    """A PNG as a ``data:`` URI for an ``<img src>``.

    Examples
    --------
    >>> data_uri(b"\\x89PNG")
    'data:image/png;base64,iVBORw=='
    """
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def map_png(
    system_map: SystemMap, overlay: Overlay | None = None, colour_by: str = "sector"
) -> bytes:
    """The map (with an overlay) as the canvas exports it: title, map, legend."""
    with tempfile.TemporaryDirectory(prefix="sysmap-report-") as folder:
        path = Path(folder) / "map.png"
        export_image(system_map, path, width=MAP_WIDTH, overlay=overlay, colour_by=colour_by)
        return path.read_bytes()


def overlay_plan(system_map: SystemMap, result: AnalysisResult) -> list[tuple[str, Overlay]]:
    """The overlay pictures a report of this map shows: one per theme, for maps of a workable
    size (each overlay picture builds the map's scene)."""
    if system_map.stakeholder_count > MAX_THEMED:
        return []
    return [(theme, overlay_for_theme(theme, result, system_map)) for theme in THEMES]


def map_pictures(
    system_map: SystemMap,
    result: AnalysisResult,
    colour_by: str = "sector",
    progress: Progress = NO_PROGRESS,
) -> Pictures:
    """Draw the map and, for maps of a workable size, each overlay theme (needs Qt)."""
    plan = overlay_plan(system_map, result)
    progress.report(0.0, "Drawing the map")
    plain = map_png(system_map, colour_by=colour_by)
    themes: dict[str, tuple[str, bytes]] = {}
    for done, (theme, overlay) in enumerate(plan, 1):
        progress.report(done / (len(plan) + 1), f"Drawing the map: {theme.replace('-', ' ')}")
        themes[theme] = (overlay.title, map_png(system_map, overlay, colour_by))
    return Pictures(plain, themes)


@dataclass(frozen=True)
class ChartPicture:
    """One chart: what it shows, and its PNG."""

    kind: str
    attribute: str | None
    png: bytes
    table: str = ""
    """The chart's numbers as an HTML table, for those who cannot see the picture."""


def chart_pictures(
    result: AnalysisResult,
    system_map: SystemMap,
    data: ChartData | None = None,
    progress: Progress = NO_PROGRESS,
) -> list[ChartPicture]:
    """Every chart of the analysis as PNG (no Qt: safe on a worker thread)."""
    progress.report(0.0, "Drawing the charts")
    data = data or chart_data(result, system_map)
    pictures = []
    for attribute in data.attributes:
        for kind in GROUP_CHARTS:
            figure = make_chart(kind, data, attribute)
            png = png_bytes(figure, CHART_DPI)
            pictures.append(ChartPicture(kind, attribute, png, chart_table(kind, attribute, data)))
    for kind in ("betweenness", "degree"):
        if len(data.rankings[kind].labels):
            figure = make_chart(kind, data)
            png = png_bytes(figure, CHART_DPI)
            pictures.append(ChartPicture(kind, None, png, chart_table(kind, None, data)))
    return pictures
