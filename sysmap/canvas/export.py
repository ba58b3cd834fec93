"""Pictures of a map — PNG, SVG, PDF — drawn exactly as the canvas draws it.

The picture has the map's title at the top, the map, and the legend to its right. It is
laid out on a page 1,600 pixels wide; ``width`` sets the PNG's pixel width by scaling that
page, so a 3,200-pixel PNG is the same picture with twice the detail. Works headless: a
Qt application on the offscreen platform is created when none is running.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from sysmap.canvas.colouring import Colouring
from sysmap.canvas.export_files import PAGE_WIDTH, file_target, write
from sysmap.canvas.guides import GuideItem
from sysmap.canvas.legend import Legend, build_legend, legend_size, paint_legend, paint_title
from sysmap.canvas.overlay import Overlay
from sysmap.canvas.overview import OVERVIEW_ITEMS, wants_overview
from sysmap.canvas.qtapp import ensure_qt_application
from sysmap.canvas.sketch import sketch_of_map
from sysmap.canvas.state import CanvasState
from sysmap.canvas.theme import LIGHT, SMALL_PIXEL_SIZE, canvas_font, qcolor
from sysmap.layout.result import Guide
from sysmap.model.progress import Progress
from sysmap.model.system_map import SystemMap

if TYPE_CHECKING:
    from sysmap.canvas.scene import MapScene

MARGIN = 32.0
TITLE_BAND = 64.0
GAP = 24.0
MAX_ASPECT = 1.6
"""A picture is at most this many times taller than wide; taller maps are fitted by height."""


@dataclass(frozen=True)
class PageLayout:
    """Where the title, map and legend go on the page (page pixels)."""

    size: QSizeF
    title: QRectF
    subtitle: QRectF
    map_target: QRectF
    map_source: QRectF
    legend_at: QPointF | None
    legend_columns: bool = False


def layout_page(map_rect: QRectF, legend: Legend | None) -> PageLayout:
    """Plan a page 1,600 pixels wide for a map occupying ``map_rect`` (scene units).

    The legend goes to the right of the map, or under it (sections side by side) when that
    lets a wide map be drawn larger.
    """
    source = map_rect if not map_rect.isEmpty() else QRectF(-100, -100, 200, 200)
    has_legend = legend is not None and not legend.empty
    side = legend_size(legend) if legend is not None and has_legend else QSizeF(0, 0)
    below = legend_size(legend, columns=True) if legend is not None and has_legend else side
    max_h = PAGE_WIDTH * MAX_ASPECT - TITLE_BAND - 2 * MARGIN
    full_w = PAGE_WIDTH - 2 * MARGIN

    def fit(width: float, height: float) -> float:
        return min(width / source.width(), height / source.height(), 1.5)

    side_w = full_w - (side.width() + GAP if has_legend else 0.0)
    scale_side = fit(side_w, max_h)
    scale_below = fit(full_w, max_h - below.height() - GAP)
    columns = has_legend and below.width() <= full_w and scale_below > scale_side * 1.08
    scale = scale_below if columns else scale_side
    area_w = full_w if columns else side_w
    map_w, map_h = source.width() * scale, source.height() * scale
    top = MARGIN + TITLE_BAND
    target = QRectF(MARGIN + (area_w - map_w) / 2, top, map_w, map_h)
    legend_at: QPointF | None = None
    if columns:
        legend_at = QPointF(MARGIN, top + map_h + GAP)
        body_h = map_h + GAP + below.height()
    else:
        if has_legend:
            legend_at = QPointF(PAGE_WIDTH - MARGIN - side.width(), top)
        body_h = max(map_h, side.height())
    height = top + body_h + MARGIN
    title = QRectF(MARGIN, MARGIN - 6, full_w, 30)
    subtitle = QRectF(MARGIN, MARGIN + 26, full_w, 20)
    return PageLayout(
        QSizeF(PAGE_WIDTH, height), title, subtitle, target, source, legend_at, columns
    )


def export_image(
    system_map: SystemMap,
    path: Path | str,
    fmt: str | None = None,
    width: int = 1600,
    transparent: bool = False,
    guides: Sequence[Guide] = (),
    overlay: Overlay | None = None,
    colour_by: str = "sector",
) -> Path:
    """Write a picture of ``system_map`` as PNG, SVG or PDF.

    Parameters
    ----------
    system_map : SystemMap
        The map (it is not changed).
    path : path-like
        Where to write; replaced atomically.
    fmt : {"png", "svg", "pdf"}, optional
        The format; by default from ``path``'s extension.
    width : int
        PNG width in pixels (the page is scaled to it); SVG and PDF are vector.
    transparent : bool
        PNG without a background.
    guides : sequence of Guide
        A layout's guides, drawn behind the map.
    overlay : Overlay, optional
        An analysis overlay to draw.
    colour_by : str
        The attribute fills show.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    MapFileError
        If the format is unknown or the file cannot be written.
    """
    out, kind = file_target(path, fmt)
    ensure_qt_application()
    if overlay is None:
        picture = _sketch_picture(system_map, colour_by, guides, width if kind == "png" else 1600)
        if picture is not None:  # a big map, zoomed out: no need to build the items
            return write(out, kind, picture, width, transparent)
    from sysmap.canvas.scene import MapScene  # needs the application to exist

    scene = MapScene(system_map)
    try:
        scene.colour_by(colour_by)
        scene.set_guides(guides)
        scene.set_overlay(overlay)
        return export_scene(scene, out, kind, width=width, transparent=transparent)
    finally:
        scene.close()


def export_sketch(
    system_map: SystemMap,
    path: Path | str,
    fmt: str | None = None,
    width: int = 1600,
    transparent: bool = False,
    guides: Sequence[Guide] = (),
    colour_by: str = "sector",
    progress: Progress | None = None,
) -> bool:
    """Write the picture :func:`export_image` would, if the map is big enough to be drawn as
    its overview; return False (writing nothing) when it is not.

    Uses no scene, only a painter on an image or file, so it may run on a worker thread.
    ``progress`` (:mod:`sysmap.model.progress`) hears as the lines and boxes are drawn, and
    a Cancel stops the export before anything is written.
    """
    out, kind = file_target(path, fmt)
    ensure_qt_application()
    picture = _sketch_picture(
        system_map, colour_by, guides, width if kind == "png" else 1600, progress
    )
    if picture is None:
        return False
    write(out, kind, picture, width, transparent)
    return True


def export_scene(
    scene: MapScene,
    path: Path | str,
    fmt: str | None = None,
    width: int = 1600,
    transparent: bool = False,
) -> Path:
    """Write a picture of what a live scene shows (colouring, guides, overlay)."""
    out, kind = file_target(path, fmt)
    return write(out, kind, _scene_picture(scene), width, transparent)


def render_image(scene: MapScene, width: int = 1600, transparent: bool = False) -> QImage:
    """Draw the page into an image ``width`` pixels wide (for thumbnails and tests)."""
    return _scene_picture(scene).image(width, transparent)


# ---------------------------------------------------------------------- pictures
@dataclass(frozen=True)
class Picture:
    """A page ready to paint: title, subtitle, legend and a function that draws the map."""

    page: PageLayout
    title: str
    subtitle: str
    legend: Legend
    draw_map: Callable[[QPainter, float], None]

    def paint(self, painter: QPainter, transparent: bool = False, ratio: float = 1.0) -> None:
        """Paint the page (in page pixels; ``ratio`` is device pixels per page pixel)."""
        theme = LIGHT
        smooth(painter)
        if not transparent:
            painter.fillRect(QRectF(QPointF(0, 0), self.page.size), qcolor(theme.background))
        paint_title(painter, self.title, self.page.title, theme, 22)
        painter.setFont(canvas_font(SMALL_PIXEL_SIZE + 1))
        painter.setPen(qcolor(theme.muted))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.page.subtitle, flags, self.subtitle)
        painter.save()
        painter.setClipRect(self.page.map_target.adjusted(-MARGIN, -8, MARGIN, MARGIN))
        self.draw_map(painter, ratio)
        painter.restore()
        if self.page.legend_at is not None:
            paint_legend(painter, self.legend, self.page.legend_at, theme, self.page.legend_columns)

    def image(self, width: int, transparent: bool) -> QImage:
        """Render to an image ``width`` pixels wide."""
        ratio = width / PAGE_WIDTH
        size = QSize(width, max(1, round(self.page.size.height() * ratio)))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        try:
            painter.scale(ratio, ratio)
            self.paint(painter, transparent, ratio)
        finally:
            painter.end()
        return image


def smooth(painter: QPainter) -> None:
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing
        | QPainter.RenderHint.TextAntialiasing
        | QPainter.RenderHint.SmoothPixmapTransform
    )


def _subtitle(system_map: SystemMap, overlay_title: str = "") -> str:
    parts = [
        f"{system_map.stakeholder_count:,} stakeholders",
        f"{system_map.relationship_count:,} relationships",
    ]
    return " · ".join(parts + ([overlay_title] if overlay_title else []))


def _map_transform(page: PageLayout) -> QTransform:
    """Scene coordinates → page pixels, as ``QGraphicsScene.render`` would map them."""
    source, target = page.map_source, page.map_target
    scale = min(target.width() / source.width(), target.height() / source.height())
    transform = QTransform()
    transform.translate(target.center().x(), target.center().y())
    transform.scale(scale, scale)
    transform.translate(-source.center().x(), -source.center().y())
    return transform


def _scene_picture(scene: MapScene) -> Picture:
    legend = scene.legend()
    page = layout_page(scene.map_rect(), legend)
    overlay_title = scene.overlay.title if scene.overlay is not None else ""

    def draw(painter: QPainter, ratio: float) -> None:
        with drawing_for_export(scene, page, ratio):
            if scene.state.overview:
                # scene.render would still visit every item; the overview draws them all.
                painter.setWorldTransform(_map_transform(page), True)
                parts = [scene.items_model.overview, *scene.decorations()]
                for item in sorted(parts, key=lambda i: i.zValue()):
                    painter.save()
                    item.paint(painter, QStyleOptionGraphicsItem(), None)
                    painter.restore()
            else:
                mode = Qt.AspectRatioMode.KeepAspectRatio
                scene.render(painter, page.map_target, page.map_source, mode)

    title = scene.system_map.title
    return Picture(page, title, _subtitle(scene.system_map, overlay_title), legend, draw)


def _sketch_picture(
    system_map: SystemMap,
    colour_by: str,
    guides: Sequence[Guide],
    width: int,
    progress: Progress | None = None,
) -> Picture | None:
    """A picture drawn straight from the map when the canvas would show its overview."""
    items = system_map.stakeholder_count + system_map.relationship_count
    if items <= OVERVIEW_ITEMS:
        return None
    colouring = Colouring(system_map, colour_by)
    sketch, rect = sketch_of_map(system_map, colouring, LIGHT)
    state = CanvasState(theme=LIGHT, exporting=True, overview=True)
    guide_items = [GuideItem(g, state) for g in guides]
    for item in guide_items:
        rect = rect.united(item.boundingRect())
    kinds = Counter(str(d.get("kind") or "") for _, d in system_map.stakeholder_rows())
    statuses = Counter(str(d.get("status", "active")) for *_, d in system_map.relationship_rows())
    pinned = sum(1 for _, d in system_map.stakeholder_rows() if d.get("pinned"))
    legend = build_legend(colouring, kinds, statuses, pinned=pinned)
    page = layout_page(rect, legend)
    scale = page.map_target.width() / page.map_source.width() * width / PAGE_WIDTH
    if not wants_overview(scale, items):
        return None

    def draw(painter: QPainter, ratio: float) -> None:
        painter.setWorldTransform(_map_transform(page), True)
        for item in guide_items:
            item.paint(painter, QStyleOptionGraphicsItem(), None)
        steps = list(sketch.paint_steps(smooth_lines=True))
        for done, step in enumerate(steps):
            step(painter)
            if progress is not None:
                progress.report((done + 1) / len(steps))

    return Picture(page, system_map.title, _subtitle(system_map), legend, draw)


@contextmanager
def drawing_for_export(scene: MapScene, page: PageLayout, ratio: float) -> Iterator[None]:
    """Draw the scene as a clean picture: light theme, no selection, batches antialiased."""
    scene.settle_routes()
    old_theme, old_selection = scene.state.theme, scene.selectedItems()
    old_brush = scene.backgroundBrush()
    old_scale, old_overview = scene.current_scale(), scene.state.overview
    blocked = scene.blockSignals(True)
    scene.set_theme(LIGHT)
    scene.setBackgroundBrush(Qt.BrushStyle.NoBrush)  # the page is already filled (or clear)
    scene.clearSelection()
    scene.state.exporting = True
    scale = page.map_target.width() / page.map_source.width() * ratio
    scene.set_view_scale(scale, page.map_source)
    try:
        yield
    finally:
        scene.state.exporting = False
        scene.set_view_scale(old_scale, page.map_source, overview=old_overview)
        for item in old_selection:
            item.setSelected(True)
        scene.set_theme(old_theme)
        scene.setBackgroundBrush(old_brush)
        scene.blockSignals(blocked)
