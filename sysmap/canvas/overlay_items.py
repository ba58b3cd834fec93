"""The visuals of an :class:`~sysmap.canvas.overlay.Overlay`: hulls, dashed links, rings, badges.

Highlight and fade are drawn by the stakeholder and relationship items themselves (they read
the overlay from the shared state); this module adds the extra marks. Each mark follows its
stakeholders when they move.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from sysmap.canvas.geometry import rounded_hull_path
from sysmap.canvas.overlay import MarkStyle, Overlay, OverlayGroup, OverlayLink
from sysmap.canvas.overlay_mark import OverlayMark as OverlayMark  # the scene imports it from here
from sysmap.canvas.overlay_routes import route_marks
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import CanvasState
from sysmap.canvas.theme import SMALL_PIXEL_SIZE, canvas_font, qcolor

Z_HULL = -5.0
Z_LINK = 7.0
Z_MARK = 12.0
HULL_MARGIN = 22.0


class HullItem(OverlayMark):
    """A shaded, rounded hull round a group of stakeholders, with its label."""

    def __init__(
        self, group: OverlayGroup, members: tuple[StakeholderItem, ...], state: CanvasState
    ) -> None:
        super().__init__(members, state)
        self.spec = group
        self._path = QPainterPath()
        self._font = canvas_font(SMALL_PIXEL_SIZE + 2, bold=True)
        self.setZValue(Z_HULL)
        self.refresh()

    def _measure(self) -> QRectF:
        corners: list[tuple[float, float]] = []
        for item in self.members:
            r = item.sceneBoundingRect()
            corners += [(r.left(), r.top()), (r.right(), r.top())]
            corners += [(r.left(), r.bottom()), (r.right(), r.bottom())]
        self._path = rounded_hull_path(corners, HULL_MARGIN)
        rect = self._path.boundingRect()
        label = QFontMetricsF(self._font).boundingRect(self.spec.label)
        return rect.adjusted(-4, -label.height() - 8, max(0.0, label.width() - rect.width()) + 4, 4)

    def path(self) -> QPainterPath:
        """The hull's outline in scene coordinates."""
        return QPainterPath(self._path)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        colour = self.spec.colour
        pen = QPen(qcolor(colour, 0.8), 2.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(qcolor(colour, 0.12))
        painter.drawPath(self._path)
        if self.spec.label:
            rect = self._path.boundingRect()
            painter.setFont(self._font)
            painter.setPen(qcolor(colour))
            painter.drawText(QPointF(rect.left() + 6, rect.top() - 6), self.spec.label)


class SuggestedLinkItem(OverlayMark):
    """A dashed line between two stakeholders that is not (yet) a relationship."""

    def __init__(
        self, link: OverlayLink, members: tuple[StakeholderItem, ...], state: CanvasState
    ) -> None:
        super().__init__(members, state)
        self.link = link
        self._font = canvas_font(SMALL_PIXEL_SIZE)
        self.setZValue(Z_LINK)
        self.refresh()

    def _measure(self) -> QRectF:
        a, b = self.members[0].pos(), self.members[1].pos()
        rect = QRectF(a, b).normalized().adjusted(-6, -6, 6, 6)
        if self.link.label:
            width = QFontMetricsF(self._font).horizontalAdvance(self.link.label) + 12
            mid = (a + b) / 2
            rect = rect.united(QRectF(mid.x() - width / 2, mid.y() - 10, width, 20))
        return rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        a, b = self.members[0].pos(), self.members[1].pos()
        dash = Qt.PenStyle.DashLine if self.link.dashed else Qt.PenStyle.SolidLine
        pen = QPen(qcolor(self.link.colour), 2.5, dash)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(a, b)
        if self.link.label:
            mid = (a + b) / 2
            width = QFontMetricsF(self._font).horizontalAdvance(self.link.label) + 10
            rect = QRectF(mid.x() - width / 2, mid.y() - 9, width, 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(qcolor(self._state.theme.panel, 0.92))
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(qcolor(self.link.colour))
            painter.setFont(self._font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.link.label)


class RingItem(OverlayMark):
    """A ring round one stakeholder (a broker, a single point of failure), with a caption."""

    def __init__(
        self,
        caption: str,
        member: StakeholderItem,
        state: CanvasState,
        style: MarkStyle | None = None,
    ) -> None:
        super().__init__((member,), state)
        self.caption = caption
        self.style = style or MarkStyle()
        self._font = canvas_font(SMALL_PIXEL_SIZE, bold=True)
        self.setZValue(Z_MARK)
        self.refresh()

    def _ring(self) -> QRectF:
        return self.members[0].sceneBoundingRect().adjusted(-8, -8, 8, 8)

    def _measure(self) -> QRectF:
        ring = self._ring()
        width = QFontMetricsF(self._font).horizontalAdvance(self.caption) + 12
        below = QRectF(ring.center().x() - width / 2, ring.bottom(), width, 20)
        return ring.united(below).adjusted(-3, -3, 3, 3)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        ring = self._ring()
        colour = self.style.colour
        dash = Qt.PenStyle.DashLine if self.style.dashed else Qt.PenStyle.SolidLine
        painter.setPen(QPen(qcolor(colour), 3.0, dash))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(ring)
        if self.caption:
            width = QFontMetricsF(self._font).horizontalAdvance(self.caption) + 10
            rect = QRectF(ring.center().x() - width / 2, ring.bottom() + 1, width, 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(qcolor(colour))
            painter.drawRoundedRect(rect, 9, 9)
            painter.setPen(qcolor("#FFFFFF"))
            painter.setFont(self._font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.caption)


class BadgeItem(OverlayMark):
    """A short text badge at a stakeholder's top-left corner ("2 steps")."""

    def __init__(self, text: str, member: StakeholderItem, state: CanvasState) -> None:
        super().__init__((member,), state)
        self.text = text
        self._font = canvas_font(SMALL_PIXEL_SIZE, bold=True)
        self.setZValue(Z_MARK)
        self.refresh()

    def _badge(self) -> QRectF:
        width = QFontMetricsF(self._font).horizontalAdvance(self.text) + 10
        corner = self.members[0].sceneBoundingRect().topLeft()
        return QRectF(corner.x() - 4, corner.y() - 10, width, 18)

    def _measure(self) -> QRectF:
        return self._badge().adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = self._badge()
        painter.setPen(QPen(qcolor("#FFFFFF"), 1.0))
        painter.setBrush(qcolor("#0072B2"))
        painter.drawRoundedRect(rect, 9, 9)
        painter.setPen(qcolor("#FFFFFF"))
        painter.setFont(self._font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text)


def overlay_marks(
    overlay: Overlay, items: Mapping[str, StakeholderItem], state: CanvasState
) -> list[OverlayMark]:
    """Make the marks an overlay asks for, skipping stakeholders not on the map."""
    marks: list[OverlayMark] = []
    for group in overlay.groups:
        members = tuple(items[i] for i in group.stakeholder_ids if i in items)
        if members:
            marks.append(HullItem(group, members, state))
    for link in overlay.links:
        if link.source in items and link.target in items and link.source != link.target:
            marks.append(SuggestedLinkItem(link, (items[link.source], items[link.target]), state))
    for node_id, caption in overlay.rings.items():
        if node_id in items:
            style = overlay.ring_styles.get(node_id)
            marks.append(RingItem(caption, items[node_id], state, style))
    for node_id, text in overlay.badges.items():
        if node_id in items:
            marks.append(BadgeItem(text, items[node_id], state))
    return marks + route_marks(overlay, items, state)
