"""Where the on-screen legend and title go, so that both are always whole.

The legend sits in a corner of the view the user chose (drag it to another; a click folds
it to one line, another click opens it). It is shown as one column when that fits the
view, side by side (sections in columns) when the column is too tall, and folded when
neither fits, so it is never cut off by the view's edge and never takes most of a narrow
view. The title takes the width the legend leaves it, in a smaller type when it is long,
and is shortened only when even that does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from sysmap.canvas.legend import Legend, legend_size, paint_legend
from sysmap.canvas.theme import SMALL_PIXEL_SIZE, CanvasTheme, canvas_font, qcolor

CORNERS = ("top-right", "bottom-right", "bottom-left", "top-left")
INSET = 14.0
"""Pixels between the legend or title and the view's edge."""
MAX_WIDTH_SHARE = 0.4
"""An open legend takes at most this share of the view's width (else it folds)."""
FOLDED_TEXT = "Legend ▸"
OPEN_MARK = "▾"
MARK_ROOM = 16.0
"""Pixels kept at the open legend's right for the mark that folds it."""
MIN_TITLE_PIXELS = 14
"""A long title is drawn down to this size before it is shortened."""
TITLE_TOP = 8.0
"""The title's top edge, in viewport pixels."""
TITLE_BACKING = 0.85
"""How opaque the band behind the title is (a line under it still shows faintly)."""
TITLE_GAP = 12.0
"""Pixels between the title and the legend beside it."""


@dataclass(frozen=True)
class LegendPlace:
    """The user's choice: which corner, and whether the legend is folded."""

    corner: str = "top-right"
    folded: bool = False


@dataclass(frozen=True)
class LegendBox:
    """Where the legend is drawn and how: ``open``, ``columns`` or ``folded``."""

    rect: QRectF
    mode: str


def _folded_size() -> QSizeF:
    metrics = QFontMetricsF(canvas_font(SMALL_PIXEL_SIZE + 1, bold=True))
    return QSizeF(metrics.horizontalAdvance(FOLDED_TEXT) + 20, metrics.height() + 12)


def legend_box(legend: Legend, viewport: QRectF, top: float, place: LegendPlace) -> LegendBox:
    """Where ``legend`` goes in a viewport whose free part starts at ``top`` (the title's foot).

    An open legend in the top-right corner starts at the view's top (the title stops
    short of it); elsewhere a top corner starts below the title, so that a wide legend
    (sections side by side) never squeezes the title.
    """
    if legend.empty:
        return LegendBox(QRectF(), "open")
    corner = place.corner if place.corner in CORNERS else CORNERS[0]
    mode, size, upper = "folded", _folded_size(), INSET if corner == "top-right" else top
    if not place.folded:
        for columns, name in ((False, "open"), (True, "columns")):
            wanted = legend_size(legend, columns, MARK_ROOM)
            y = INSET if corner == "top-right" and not columns else max(INSET, top)
            width = viewport.width() - 2 * INSET if columns else viewport.width() * MAX_WIDTH_SHARE
            if wanted.width() <= width and wanted.height() <= viewport.height() - y - INSET:
                mode, size, upper = name, wanted, y
                break
    upper = max(INSET, upper)
    left = viewport.width() - size.width() - INSET if "right" in corner else INSET
    y = upper if corner.startswith("top") else viewport.height() - size.height() - INSET
    return LegendBox(QRectF(QPointF(left, y), size), mode)


def paint_box(painter: QPainter, legend: Legend, box: LegendBox, theme: CanvasTheme) -> None:
    """Draw the legend as :func:`legend_box` placed it."""
    if box.mode == "folded":
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(qcolor(theme.muted, 0.35), 1.0))
        painter.setBrush(qcolor(theme.panel))
        painter.drawRoundedRect(box.rect, 6, 6)
        painter.setFont(canvas_font(SMALL_PIXEL_SIZE + 1, bold=True))
        painter.setPen(QColor(theme.text))
        painter.drawText(box.rect, Qt.AlignmentFlag.AlignCenter, FOLDED_TEXT)
        painter.restore()
        return
    paint_legend(painter, legend, box.rect.topLeft(), theme, box.mode == "columns", MARK_ROOM)
    painter.save()  # the mark that says a click folds it, in room kept for it
    painter.setFont(canvas_font(SMALL_PIXEL_SIZE + 1, bold=True))
    painter.setPen(qcolor(theme.muted, 0.9))
    mark = QRectF(box.rect.right() - MARK_ROOM - 6, box.rect.top() + 6, MARK_ROOM, 18)
    painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, OPEN_MARK)
    painter.restore()


def paint_title_backing(
    painter: QPainter, title: str, rect: QRectF, theme: CanvasTheme, pixel_size: int
) -> None:
    """A paper-coloured band behind the title's words: zoomed in, a stakeholder under the
    title must not make it unreadable (nor the title hide where a line goes)."""
    metrics = QFontMetricsF(canvas_font(pixel_size, bold=True))
    width = min(rect.width(), metrics.horizontalAdvance(title))
    band = QRectF(rect.left() - 6, rect.top() + 2, width + 12, rect.height() - 4)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(qcolor(theme.background, TITLE_BACKING))
    painter.drawRoundedRect(band, 5, 5)
    painter.restore()


def nearest_corner(point: QPointF, viewport: QRectF) -> str:
    """The corner of ``viewport`` whose quarter holds ``point``."""
    centre = viewport.center()
    vertical = "top" if point.y() < centre.y() else "bottom"
    side = "left" if point.x() < centre.x() else "right"
    return f"{vertical}-{side}"


def room_beside(full: QRectF, legend: QRectF) -> list[QRectF]:
    """The parts of ``full`` beside, above and below the legend (where a fit may go)."""
    if legend.isEmpty():
        return [QRectF(full)]
    left, right, above, below = QRectF(full), QRectF(full), QRectF(full), QRectF(full)
    left.setRight(legend.left() - INSET)
    right.setLeft(legend.right() + INSET)
    above.setBottom(legend.top() - INSET)
    below.setTop(legend.bottom() + INSET)
    rooms = [r for r in (left, right, above, below) if r.width() > 0 and r.height() > 0]
    return rooms or [QRectF(full)]


def title_room(viewport: QRectF, height: float, legend: QRectF) -> QRectF:
    """The title's box: the top row, stopping short of a legend in the top-right corner."""
    right = viewport.width() - INSET
    if not legend.isEmpty() and legend.top() < TITLE_TOP + height:
        right = min(right, legend.left() - TITLE_GAP)
    return QRectF(INSET, TITLE_TOP, max(0.0, right - INSET), height)


def title_size(title: str, width: float, pixel_size: int) -> int:
    """The largest pixel size, from ``pixel_size`` down to a floor, at which ``title`` fits."""
    for size in range(pixel_size, MIN_TITLE_PIXELS - 1, -1):
        if QFontMetricsF(canvas_font(size, bold=True)).horizontalAdvance(title) <= width:
            return size
    return MIN_TITLE_PIXELS
