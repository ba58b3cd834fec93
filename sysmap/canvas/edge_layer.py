"""EdgeLayer: every relationship on screen drawn in a few batched paths.

Relationship items are for hit tests, hover and selection; they paint nothing themselves.
Painting each of thousands of lines from Python would cost ~50 µs a line, and on a big map
a view can cross thousands of long lines. This layer asks the scene's index which lines
cross the exposed area, groups them by pen, and draws each group with one call. Dashed and
dotted lines are first clipped to the visible area (keeping their dash phase), so a line
50,000 pixels long costs what its visible part costs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from sysmap.canvas.relationship_item import DOT_WEIGHT
from sysmap.canvas.stakeholder_item import FADED_OPACITY
from sysmap.canvas.state import LABEL_LOD, SIMPLE_LOD, CanvasState
from sysmap.canvas.theme import qcolor

if TYPE_CHECKING:
    from sysmap.canvas.relationship_item import RelationshipItem

Z_EDGES = 0.0
PASSING_OPACITY = 0.55
"""How strongly a line that only passes through the view is drawn."""
PASSING_LIMIT = 300
"""Above this many lines passing through, they are left out while the view moves."""
_PenKey = tuple[str, str, float, int]  # colour, pattern, width, emphasis


class EdgeLayer(QGraphicsItem):
    """Paints the relationships that cross the exposed part of the view."""

    def __init__(
        self,
        state: CanvasState,
        edges_near: Callable[[QRectF], list[RelationshipItem] | None],
    ) -> None:
        super().__init__()
        self._state = state
        self._edges_near = edges_near
        self._bounds = QRectF()
        self.setZValue(Z_EDGES)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_bounds(self, rect: QRectF) -> None:
        """Cover ``rect`` (the map's extent)."""
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = QRectF(rect)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        # Nothing to hit: the layer must not turn up in item queries ("what is here?").
        return QPainterPath()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        scene = self.scene()
        if scene is None or self._state.overview:
            return  # the overview sketch draws every line when zoomed far out
        from sysmap.canvas.relationship_item import RelationshipItem

        exposed = option.exposedRect
        # While the view moves on a big map, only lines with an end on screen are drawn
        # (found from the stakeholders there); the rest come back when the view settles.
        near = self._edges_near(exposed) if self._state.moving else None
        if near is None:
            found = scene.items(
                exposed,
                Qt.ItemSelectionMode.IntersectsItemBoundingRect,
                Qt.SortOrder.AscendingOrder,
            )
            near = [i for i in found if isinstance(i, RelationshipItem)]
        draw_relationships(painter, near, self._state, exposed)


def draw_relationships(
    painter: QPainter,
    items: Iterable[RelationshipItem],
    state: CanvasState,
    visible: QRectF,
) -> None:
    """Draw relationships grouped by pen: halos, lines, arrow heads, then captions.

    Lines that only pass through the visible area (neither end in it) are drawn as thin
    hairlines: they are context, and on big maps there are thousands of them. While the
    view is being panned or zoomed, more than :data:`PASSING_LIMIT` of them are left out
    and come back when it stops.
    """
    lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
    items = list(items)
    if lod < SIMPLE_LOD:
        _draw_hairlines(painter, items, state)
        return
    lines: dict[_PenKey, list[QLineF]] = {}
    curves: dict[_PenKey, list[QPainterPath]] = {}
    passing: dict[tuple[str, int], list[QLineF]] = {}
    arrows: dict[tuple[str, int], QPainterPath] = {}
    halos: list[QPainterPath] = []
    captions: list[RelationshipItem] = []
    near = visible.adjusted(-60, -60, 60, 60)
    clip = visible.adjusted(-20, -20, 20, 20)
    overlay = state.overlay is not None
    for item in items:
        _theme, straight, start, end, line, arrow, style = item.draw_record()
        emphasis = (
            state.relationship_emphasis(item.relationship_id, item.source_id, item.target_id)
            if overlay
            else 0
        )
        if straight and emphasis <= 0 and not near.contains(start) and not near.contains(end):
            passing.setdefault((style.colour, emphasis), []).append(QLineF(start, end))
            continue
        width = style.width * (2.0 if emphasis > 0 else 1.0)
        key = (style.colour, style.pattern, width, emphasis)
        if straight:
            segment = _segment(start, end, clip, style.pattern, width)
            if segment is not None:
                lines.setdefault(key, []).append(segment)
        else:
            curves.setdefault(key, []).append(line)
        if arrow is not None:
            heads = arrows.get((style.colour, emphasis))
            if heads is None:
                heads = arrows[(style.colour, emphasis)] = QPainterPath()
            heads.addPolygon(arrow)
            heads.closeSubpath()
        if item.isSelected():
            halos.append(line)
        if lod >= LABEL_LOD and item.shows_caption():
            captions.append(item)
    _stroke(painter, state, halos, lines, curves, passing, arrows)
    for item in captions:
        _paint_caption(painter, item, state)


def _segment(
    start: QPointF, end: QPointF, clip: QRectF, pattern: str, width: float
) -> QLineF | None:
    """A straight line, clipped to ``clip`` when it is dashed (keeping the dash phase)."""
    if pattern == "solid":
        return QLineF(start, end)
    clipped = _clip(start, end, clip)
    if clipped is None:
        return None
    t0, t1 = clipped
    length = math.hypot(end.x() - start.x(), end.y() - start.y())
    period = width * (2.01 * DOT_WEIGHT if pattern == "dotted" else 6.0)  # dash + gap, in px
    if length > 0 and period > 0:
        t0 = math.floor(t0 * length / period) * period / length  # start on a whole dash
    return QLineF(start + (end - start) * t0, start + (end - start) * t1)


def _clip(a: QPointF, b: QPointF, rect: QRectF) -> tuple[float, float] | None:
    """Liang–Barsky: the part of a→b inside ``rect`` as (t0, t1), or None."""
    dx, dy = b.x() - a.x(), b.y() - a.y()
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-dx, a.x() - rect.left()),
        (dx, rect.right() - a.x()),
        (-dy, a.y() - rect.top()),
        (dy, rect.bottom() - a.y()),
    ):
        if p == 0:
            if q < 0:
                return None
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return None
    return t0, t1


def faded(colour: str, background: str, opacity: float) -> QColor:
    """``colour`` mixed over ``background``: looks translucent, draws at opaque speed."""
    c, b = QColor(colour), QColor(background)
    pairs = ((c.red(), b.red()), (c.green(), b.green()), (c.blue(), b.blue()))
    mix = [round(x * opacity + y * (1 - opacity)) for x, y in pairs]
    return QColor(*mix)


def _stroke(
    painter: QPainter,
    state: CanvasState,
    halos: list[QPainterPath],
    lines: dict[_PenKey, list[QLineF]],
    curves: dict[_PenKey, list[QPainterPath]],
    passing: dict[tuple[str, int], list[QLineF]],
    arrows: dict[tuple[str, int], QPainterPath],
) -> None:
    from sysmap.canvas.relationship_item import pen_for
    from sysmap.model.style import LineStyle

    background = state.theme.background
    painter.setBrush(Qt.BrushStyle.NoBrush)
    crowded = sum(len(s) for s in passing.values()) > PASSING_LIMIT
    for (colour, emphasis), segments in passing.items():
        if state.moving and crowded:
            break  # back when the view settles (like Cytoscape's hideEdgesOnViewport)
        opacity = FADED_OPACITY if emphasis < 0 else PASSING_OPACITY
        painter.setPen(QPen(faded(colour, background, opacity), 0))
        painter.drawLines(segments)
    if halos:
        halo = QPen(qcolor(state.theme.selection, 0.45), 7.0)
        halo.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(halo)
        for path in halos:
            painter.drawPath(path)
    for key in {*lines, *curves}:
        colour, pattern, width, emphasis = key
        pen = pen_for(LineStyle(colour, pattern, width))
        if emphasis < 0:
            pen.setColor(faded(colour, background, FADED_OPACITY))
        painter.setPen(pen)
        if key in lines:
            painter.drawLines(lines[key])
        for path in curves.get(key, ()):
            painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    for (colour, emphasis), heads in arrows.items():
        fill = faded(colour, background, FADED_OPACITY) if emphasis < 0 else QColor(colour)
        painter.setBrush(fill)
        painter.drawPath(heads)


def _draw_hairlines(painter: QPainter, items: list[RelationshipItem], state: CanvasState) -> None:
    paths: dict[tuple[str, int], QPainterPath] = {}
    for item in items:
        emphasis = state.relationship_emphasis(item.relationship_id, item.source_id, item.target_id)
        key = (item.style.colour, emphasis)
        path = paths.get(key)
        if path is None:
            path = paths[key] = QPainterPath()
        path.moveTo(item.source_item.pos())
        path.lineTo(item.target_item.pos())
    painter.setBrush(Qt.BrushStyle.NoBrush)
    background = state.theme.background
    for (colour, emphasis), path in paths.items():
        opacity = FADED_OPACITY if emphasis < 0 else 0.8
        painter.setPen(QPen(faded(colour, background, opacity), 0))
        painter.drawPath(path)


def _paint_caption(painter: QPainter, item: RelationshipItem, state: CanvasState) -> None:
    from sysmap.canvas.relationship_item import caption_width, relation_font

    theme = state.theme
    _line, _arrow, middle = item.geometry()
    width = caption_width(item.caption) + 8
    rect = QRectF(middle.x() - width / 2, middle.y() - 8, width, 16)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(qcolor(theme.panel, 0.88))
    painter.drawRoundedRect(rect, 4, 4)
    painter.setPen(QColor(theme.text))
    painter.setFont(relation_font())
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, item.caption)
