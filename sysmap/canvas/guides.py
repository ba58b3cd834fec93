"""Guides: the labelled marks a layout draws behind the map (quadrants, rings, bands)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from sysmap.canvas.state import CanvasState
from sysmap.canvas.theme import canvas_font, qcolor
from sysmap.layout.result import Guide, caption_px

Z_GUIDE = -10.0


def caption_pixel_size(guide: Guide) -> int:
    """Caption size in scene pixels, by the layout's own rule (it left room to match): big
    guides (whole quadrants, outer rings) are seen zoomed out, so their captions grow."""
    if guide.shape == "text":
        return round(caption_px())  # the layout placed these words; keep their size
    return round(caption_px(max(guide.width, guide.height)))


class GuideItem(QGraphicsItem):
    """One guide: a box, a ring or a caption, drawn faintly behind everything.

    Guides are not part of the map: they are not selectable and never move.
    """

    def __init__(self, guide: Guide, state: CanvasState) -> None:
        super().__init__()
        self.guide = guide
        self._state = state
        self._font = canvas_font(caption_pixel_size(guide), bold=True)
        metrics = QFontMetricsF(self._font)
        self._text_width = metrics.horizontalAdvance(guide.label)
        self._text_height = metrics.height()
        self._shape_rect = self._geometry()
        text = self._caption_rect()
        self._bounds = self._shape_rect.united(text).adjusted(-2, -2, 2, 2)
        self.setZValue(Z_GUIDE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def _geometry(self) -> QRectF:
        g = self.guide
        if g.shape == "circle":
            r = g.width / 2
            return QRectF(g.x - r, g.y - r, g.width, g.width)
        if g.shape == "rect":
            return QRectF(g.x, g.y, g.width, g.height)
        return QRectF(g.x, g.y, 0, 0)

    def _caption_rect(self) -> QRectF:
        g, w, h = self.guide, self._text_width, self._text_height
        if g.shape == "circle":
            top = self._shape_rect.top()
            return QRectF(g.x - w / 2 - 4, top - h / 2, w + 8, h)
        if g.shape == "rect":
            return QRectF(g.x + 8, g.y + 6, w, h)
        return QRectF(g.x, g.y, w, h)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        theme = self._state.theme
        pen = QPen(qcolor(theme.muted, 0.6), 1.2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        if self.guide.shape == "rect":
            painter.setBrush(qcolor(theme.guide_fill, 0.9))
            painter.drawRoundedRect(self._shape_rect, 6, 6)
        elif self.guide.shape == "circle":
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(self._shape_rect)
        caption = self._caption_rect()
        if self.guide.shape == "circle":  # the ring passes behind its caption
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(qcolor(theme.background, 0.9))
            painter.drawRoundedRect(caption, 4, 4)
        painter.setPen(qcolor(theme.muted))
        painter.setFont(self._font)
        painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, self.guide.label)

    def caption_point(self) -> QPointF:
        """Where the caption sits (for tests)."""
        return self._caption_rect().center()
