"""The report's pictures: the map and its overlays (drawn by the canvas) and the charts.

Each picture becomes a ``data:`` URI, so the report is one self-contained file. Map pictures
need Qt (the app draws them on its GUI thread); charts need only matplotlib.
"""

from __future__ import annotations

import base64
import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from sysmap.analysis import AnalysisResult
from sysmap.canvas.export import export_image, export_scene
from sysmap.canvas.export_files import png_of
from sysmap.canvas.export_parts import legend_image, render_region
from sysmap.canvas.legend import legend_size
from sysmap.canvas.overlay import Overlay
from sysmap.canvas.overlay_themes import THEMES, overlay_for_theme
from sysmap.canvas.qtapp import ensure_qt_application
from sysmap.charts import GROUP_CHARTS, ChartData, chart_data, make_chart, png_bytes
from sysmap.model.progress import NO_PROGRESS, Progress
from sysmap.model.system_map import SystemMap
from sysmap.report.chart_tables import chart_table

if TYPE_CHECKING:
    from sysmap.canvas.scene import MapScene

MAP_WIDTH = 2000
"""Pixel width of map pictures (sharp when the reader zooms in, and on A4)."""
CHART_DPI = 130
MAX_THEMED = 1000
"""Above this many stakeholders only the plain map is drawn (each overlay builds a scene)."""
PRINT_MM_PER_UNIT = 0.19
"""Printed size of a scene unit in the enlarged parts: a 12-pixel label prints at 6.5 pt."""
PRINT_WIDTH_MM = 184.0
"""The width an A4 page with the report's margins (13 mm each side) prints on."""
PRINT_HEIGHT_MM = 79.0
"""The tallest part printed: three, with their captions, share a page, so a part that does not
fit under the text before it leaves at most about a third of that page empty (parts of a whole
page left pages half empty before them; parts of up to 110 mm, two to a page, left pages
before them 34-40 % blank, and two parts of 84 mm filled only two thirds of a page)."""
PRINT_PIXELS_PER_UNIT = 1.6
"""Image pixels per scene unit in the printed parts (about 210 dpi at 0.19 mm a unit)."""
SEAM = 180.0
"""Scene units side by side parts overlap, so a stakeholder cut by one edge is whole in the
other (the widest label box is 164)."""
SEAM_Y = 100.0
"""Scene units parts one above the other overlap (boxes are at most three lines high)."""


@dataclass(frozen=True)
class PrintPart:
    """One enlarged part of a map for print: its PNG and its printed size in millimetres."""

    png: bytes
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class PrintMap:
    """A map as printed on A4 at a readable size: its legend, then its parts."""

    legend: PrintPart
    parts: tuple[PrintPart, ...]


@dataclass(frozen=True)
class Pictures:
    """The map's pictures as PNG bytes: the plain map, and one per overlay theme."""

    map: bytes
    themes: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Theme name → (overlay title, PNG)."""
    prints: dict[str, PrintMap] = field(default_factory=dict)
    """``"map"`` or a theme name → the map printed in readable parts (none for big maps)."""


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
    return map_png_and_print(system_map, overlay, colour_by, parts=False)[0]


def map_png_and_print(
    system_map: SystemMap,
    overlay: Overlay | None = None,
    colour_by: str = "sector",
    parts: bool = True,
) -> tuple[bytes, PrintMap | None]:
    """The map's picture, and (with ``parts``, for maps of a workable size) the same map
    cut into parts that print on A4 with labels of at least 6 pt, with its legend."""
    if not parts or system_map.stakeholder_count > MAX_THEMED:
        with tempfile.TemporaryDirectory(prefix="sysmap-report-") as folder:
            path = Path(folder) / "map.png"
            export_image(system_map, path, width=MAP_WIDTH, overlay=overlay, colour_by=colour_by)
            return path.read_bytes(), None
    ensure_qt_application()
    from sysmap.canvas.scene import MapScene  # needs the application to exist

    scene = MapScene(system_map)
    try:
        scene.colour_by(colour_by)
        scene.set_overlay(overlay)
        with tempfile.TemporaryDirectory(prefix="sysmap-report-") as folder:
            path = Path(folder) / "map.png"
            export_scene(scene, path, width=MAP_WIDTH)
            whole = path.read_bytes()
        return whole, _print_map(scene)
    finally:
        scene.close()


def _print_map(scene: MapScene) -> PrintMap:
    legend = scene.legend()
    columns = legend_size(legend, columns=True).width() * PRINT_MM_PER_UNIT <= PRINT_WIDTH_MM
    key = legend_image(legend, PRINT_PIXELS_PER_UNIT, columns)
    pieces = []
    for rect in print_tiles(scene.map_rect()):
        image = render_region(scene, rect, PRINT_PIXELS_PER_UNIT)
        pieces.append(_part(image, rect.width(), rect.height()))
    size = legend_size(legend, columns)
    return PrintMap(_part(key, size.width(), size.height()), tuple(pieces))


def _part(image: QImage, width: float, height: float) -> PrintPart:
    mm = PRINT_MM_PER_UNIT
    return PrintPart(png_of(image), round(width * mm, 1), round(height * mm, 1))


def print_tiles(rect: QRectF) -> list[QRectF]:
    """Cut ``rect`` (scene units) into the fewest equal parts, overlapping by :data:`SEAM`,
    each printing within :data:`PRINT_WIDTH_MM` × :data:`PRINT_HEIGHT_MM` at
    :data:`PRINT_MM_PER_UNIT`, read left to right, then top to bottom."""
    most_w, most_h = PRINT_WIDTH_MM / PRINT_MM_PER_UNIT, PRINT_HEIGHT_MM / PRINT_MM_PER_UNIT
    columns = _count(rect.width(), most_w)
    rows = _count(rect.height(), most_h, SEAM_Y)
    width = (rect.width() + (columns - 1) * SEAM) / columns
    height = (rect.height() + (rows - 1) * SEAM_Y) / rows
    return [
        QRectF(rect.left() + c * (width - SEAM), rect.top() + r * (height - SEAM_Y), width, height)
        for r in range(rows)
        for c in range(columns)
    ]


def _count(length: float, most: float, seam: float = SEAM) -> int:
    """The fewest parts of at most ``most`` that cover ``length`` with seams between."""
    if length <= most:
        return 1
    return max(2, math.ceil((length - seam) / (most - seam)))


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
    plain, printed = map_png_and_print(system_map, colour_by=colour_by)
    themes: dict[str, tuple[str, bytes]] = {}
    prints = {"map": printed} if printed is not None else {}
    for done, (theme, overlay) in enumerate(plan, 1):
        progress.report(done / (len(plan) + 1), f"Drawing the map: {theme.replace('-', ' ')}")
        png, printed = map_png_and_print(system_map, overlay, colour_by)
        themes[theme] = (overlay.title, png)
        if printed is not None:
            prints[theme] = printed
    return Pictures(plain, themes, prints)


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
