"""More overlay marks: routes with their boundary crossings, and halos that size stakeholders.

A citizen's route to a service is drawn as a broad translucent band along the stakeholders it
passes, with a small tag on every step that crosses a sector or place boundary. A halo is a
shaded disc behind a stakeholder whose size grows with a measure (a broker's betweenness), so
the most important stand out without the stakeholder itself changing size.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from sysmap.canvas.curves import pieces
from sysmap.canvas.overlay import Overlay, OverlayRoute
from sysmap.canvas.overlay_mark import OverlayMark
from sysmap.canvas.overlay_tags import TagAnchor, paint_tag, spots_along
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import CanvasState
from sysmap.canvas.theme import SMALL_PIXEL_SIZE, canvas_font, qcolor

Z_ROUTE = -1.0
"""Behind the relationship lines (which the overlay thickens) and the stakeholders."""
Z_HALO = -4.0
Z_CROSSING = 13.0
ROUTE_WIDTH = 14.0
HALO_MIN = 6.0
HALO_GROWTH = 50.0
CROSSING_COLOUR = "#D55E00"
HALO_COLOUR = "#E69F00"


class RouteItem(OverlayMark):
    """A broad band along a route, with a tag where a step crosses a boundary."""

    def __init__(
        self, route: OverlayRoute, members: tuple[StakeholderItem, ...], state: CanvasState
    ) -> None:
        super().__init__(members, state)
        self.route = route
        self.setZValue(Z_ROUTE)
        self.refresh()

    def _points(self) -> list[QPointF]:
        return [m.pos() for m in self.members]

    bends = True

    def band(self) -> QPainterPath:
        """The route's centre line in scene coordinates, each step bent as its line is."""
        path = QPainterPath()
        members = self.members
        if members:
            path.moveTo(members[0].pos())
            for a, b in pairwise(members):
                bend = self.bend_between(a, b)
                if bend is None:
                    path.lineTo(b.pos())
                    continue
                ends = (a.pos().x(), a.pos().y()), (b.pos().x(), b.pos().y())
                for _start, ctrl, end in pieces(*ends, bend):
                    path.quadTo(QPointF(*ctrl), QPointF(*end))
        return path

    def _measure(self) -> QRectF:
        grow = ROUTE_WIDTH
        return self.band().boundingRect().adjusted(-grow, -grow, grow, grow)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        pen = QPen(qcolor(self.route.colour, 0.35), ROUTE_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.band())


class CrossingTags(OverlayMark):
    """The boundary crossings of every route, tagged once per step, above lines and shapes.

    Routes often share steps (every route from one citizen starts the same way); a step is
    tagged once. A tag that would cover another slides along its step until it is clear.
    """

    def __init__(self, routes: list[RouteItem], state: CanvasState) -> None:
        members = tuple(dict.fromkeys(m for r in routes for m in r.members))
        super().__init__(members, state)
        self._routes = routes
        self.tag_font = canvas_font(SMALL_PIXEL_SIZE, bold=True)
        self._tags: list[tuple[QRectF, str]] = []
        self.setZValue(Z_CROSSING)
        self.refresh()

    def tags(self) -> list[tuple[QRectF, str]]:
        """Where each tag is drawn (scene coordinates) and its text."""
        return list(self._tags)

    def _steps(self) -> list[tuple[QPointF, QPointF, str]]:
        """Each tagged step once: its two ends and what it crosses."""
        steps: list[tuple[QPointF, QPointF, str]] = []
        seen: set[frozenset[str]] = set()
        for route in self._routes:
            ids, points = route.route.stakeholder_ids, [m.pos() for m in route.members]
            for step, what in route.route.crossings:
                key = frozenset(ids[step : step + 2])
                if 0 <= step < len(points) - 1 and key not in seen:
                    seen.add(key)
                    steps.append((points[step], points[step + 1], what))
        return steps

    def tag_wishes(self) -> list[list[QRectF]]:
        metrics = QFontMetricsF(self.tag_font)
        return [
            spots_along(a, b, metrics.horizontalAdvance(what) + 14) for a, b, what in self._steps()
        ]

    def place_tags(self, rects: Sequence[QRectF]) -> None:
        texts = [what for _, _, what in self._steps()]
        self._tags = list(zip(rects, texts, strict=True))
        self.refresh()

    def screen_tags(self) -> list[TagAnchor]:
        """A tag per crossing step, for a view to write at screen size."""
        return [TagAnchor(what, CROSSING_COLOUR, ends=(a, b)) for a, b, what in self._steps()]

    def _measure(self) -> QRectF:
        steps = self._steps()
        if len(self._tags) != len(steps) or not all(
            QRectF(a, b).normalized().adjusted(-60, -30, 60, 30).contains(rect)
            for (a, b, _), (rect, _) in zip(steps, self._tags, strict=True)
        ):  # a stakeholder moved before the tags were planned again: they follow
            self._tags = [
                (spots[0], s[2]) for spots, s in zip(self.tag_wishes(), steps, strict=True)
            ]
        rect = QRectF()
        for tag, _text in self._tags:
            rect = rect.united(tag.adjusted(-2, -2, 2, 2))
        return rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        for rect, text in self._tags if self.tags_here() else ():
            paint_tag(painter, rect, text, CROSSING_COLOUR, self.tag_font)


class HaloItem(OverlayMark):
    """A shaded disc behind a stakeholder, larger for a larger value (0 to 1)."""

    def __init__(self, value: float, member: StakeholderItem, state: CanvasState) -> None:
        super().__init__((member,), state)
        self.value = max(0.0, min(1.0, float(value)))
        self.setZValue(Z_HALO)
        self.refresh()

    def radius(self) -> float:
        """The halo's radius in scene units."""
        rect = self.members[0].sceneBoundingRect()
        return max(rect.width(), rect.height()) / 2 + HALO_MIN + HALO_GROWTH * self.value

    def _measure(self) -> QRectF:
        centre, r = self.members[0].sceneBoundingRect().center(), self.radius()
        return QRectF(centre.x() - r - 2, centre.y() - r - 2, 2 * r + 4, 2 * r + 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        centre, r = self.members[0].sceneBoundingRect().center(), self.radius()
        painter.setPen(QPen(qcolor(HALO_COLOUR, 0.7), 1.5))
        painter.setBrush(qcolor(HALO_COLOUR, 0.28))
        painter.drawEllipse(centre, r, r)


def route_marks(
    overlay: Overlay, items: Mapping[str, StakeholderItem], state: CanvasState
) -> list[OverlayMark]:
    """Make the routes and halos an overlay asks for, skipping stakeholders not on the map."""
    marks: list[OverlayMark] = []
    for node_id, value in overlay.sizes.items():
        if node_id in items:
            marks.append(HaloItem(value, items[node_id], state))
    bands = []
    for route in overlay.routes:
        if len(route.stakeholder_ids) < 2 or not all(i in items for i in route.stakeholder_ids):
            continue  # a route with a stop missing from the map would mislead
        bands.append(RouteItem(route, tuple(items[i] for i in route.stakeholder_ids), state))
    marks += bands
    if any(band.route.crossings for band in bands):
        marks.append(CrossingTags(bands, state))
    return marks
