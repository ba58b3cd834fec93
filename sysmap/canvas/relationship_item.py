"""RelationshipItem: one relationship drawn as a line from border to border.

Straight when it is the only tie between a pair; gently curved apart when a pair has
several (each keeps its own offset); bent round a stakeholder it would otherwise pass
through (its ``bend``, set by :mod:`~sysmap.canvas.line_routes`). A curve is drawn as the
part of one quadratic Bézier (or, through two waypoints, of two end to end), centre to
centre, outside the two shapes, so what is drawn is exactly what :mod:`sysmap.layout.routes`
checked. Dotted, dashed or red by status, with an
arrow when directed, and its type written at its middle on hover (or always, if the scene says so).
The exact path is worked out only when the line is first drawn or hit: a 40,000-line map
builds quickly and only the lines on screen pay for their geometry.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from sysmap.canvas.curves import (
    ARROW_LENGTH,
    Bend,
    Piece,
    arrow_head,
    at,
    back_from,
    blossom,
    pieces,
    trimmed_pieces,
)
from sysmap.canvas.geometry import border_distance, control_point
from sysmap.canvas.line_pens import pen_for
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import CanvasState
from sysmap.canvas.theme import SMALL_PIXEL_SIZE, canvas_font
from sysmap.model.style import LineStyle, line_style

_SELECTED_CHANGED = QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged
Ends = tuple[float, float, float, float]
"""The two centres of a line: source x, y, target x, y."""
DrawRecord = tuple[Any, bool, QPointF, QPointF, QPainterPath, "QPolygonF | None", LineStyle]
"""Theme, straight?, start, end, path, arrow head, line style."""
HIT_WIDTH = 9.0
Z_RELATIONSHIP = 0.0
LOOP_SIZE = 28.0


@lru_cache(maxsize=1)
def relation_font() -> QFont:
    """The font of relationship labels."""
    return canvas_font(SMALL_PIXEL_SIZE)


@lru_cache(maxsize=4096)
def caption_width(text: str) -> float:
    """Width of a relationship caption in pixels."""
    return _text_width(text)


@lru_cache(maxsize=4096)
def _text_width(text: str) -> float:
    return QFontMetricsF(relation_font()).horizontalAdvance(text)


class RelationshipItem(QGraphicsItem):
    """A relationship on the canvas.

    Parameters
    ----------
    relationship_id : str
        The id in the map.
    source, target : StakeholderItem
        The items of its two ends.
    status : str
        ``active``, ``weak``, ``missing`` or ``proposed`` (others draw as active).
    directed : bool
        Whether to draw an arrow at the target.
    caption : str
        What the line says on hover ("refers to").
    state : CanvasState
        Drawing state shared with the scene.
    """

    def __init__(
        self,
        relationship_id: str,
        source: StakeholderItem,
        target: StakeholderItem,
        status: str,
        directed: bool,
        caption: str,
        state: CanvasState,
    ) -> None:
        super().__init__()
        self.relationship_id = relationship_id
        self.source_item = source
        self.target_item = target
        self.source_id = source.stakeholder_id
        self.target_id = target.stakeholder_id
        self.status = status
        self.directed = directed
        self.caption = caption
        self.offset = 0.0
        self.bend: Bend | None = None
        """``(along, bulge)`` of a line bent round a stakeholder, or ``(s1, h1, s2, h2)`` of
        one routed through two waypoints (None: its offset rules)."""
        self._state = state
        self.layer: QGraphicsItem | None = None
        """The item that paints relationships in batches (this item paints nothing itself)."""
        self._hovered = False
        self._path: QPainterPath | None = None
        self._record: DrawRecord | None = None
        self._arrow: QPolygonF | None = None
        self._middle = QPointF()
        self._bounds = QRectF()
        # Relationships keep the default z (0): below stakeholders, above guides and hulls.
        # Painted in batches by the scene's EdgeLayer; the item is for hit tests and selection.
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        )
        self.setAcceptHoverEvents(True)
        self._update_bounds()

    # ------------------------------------------------------------------ model → item
    def update_from(self, status: str, directed: bool, caption: str) -> None:
        """Show a changed status, direction or type."""
        self.status, self.directed, self.caption = status, directed, caption
        self.ends_moved()

    def set_offset(self, offset: float) -> None:
        """Bow the line sideways by ``offset`` (parallel relationships get distinct offsets)."""
        if offset != self.offset:
            self.offset = offset
            self.ends_moved()

    def set_bend(self, bend: Bend | None, refresh: bool = True) -> bool:
        """Bend the line round a stakeholder (None: straight, or its parallel offset).

        Returns whether anything changed; ``refresh=False`` leaves repainting to the caller.
        """
        if bend == self.bend:
            return False
        self.bend = bend
        self.ends_moved(refresh=refresh)
        return True

    def ends_moved(self, refresh: bool = True, ends: Ends | None = None) -> None:
        """Re-route after an end moved or changed size (the path is rebuilt when next drawn).

        ``refresh=False`` leaves repainting to the caller, and ``ends`` (the two centres) saves
        asking the items where they are: both for moving thousands at once.
        """
        old = QRectF(self._bounds)
        self.prepareGeometryChange()
        self._path = None
        self._record = None
        if ends is None:
            a, b = self.source_item.pos(), self.target_item.pos()
            ends = (a.x(), a.y(), b.x(), b.y())
        self._update_bounds(ends)
        if refresh:
            self._refresh(old, self._bounds)
        noted = getattr(self.layer, "line_changed", None)
        if noted is not None:
            noted(self, ends)  # the layer's table of where lines run follows

    @property
    def style(self) -> LineStyle:
        """The line style of this relationship's status on the current theme."""
        return self._state.theme.line_style(line_style(self.status))

    def pen(self) -> QPen:
        """The pen the line is drawn with."""
        return pen_for(self.style)

    # ------------------------------------------------------------------ geometry
    def _update_bounds(self, ends: Ends | None = None) -> None:
        # Cheap bounds from the two centres, wide enough for the curve, arrow and caption;
        # plain floats, as this runs for every relationship when a map opens.
        if ends is None:
            a, b = self.source_item.pos(), self.target_item.pos()
            ends = (a.x(), a.y(), b.x(), b.y())
        ax, ay, bx, by = ends
        if self.source_item is self.target_item:
            hw, hh = self.source_item.half_size()
            pad = HIT_WIDTH
            self._bounds = QRectF(
                ax - pad,
                ay - hh - LOOP_SIZE - pad,
                hw + LOOP_SIZE + 2 * pad,
                hh + LOOP_SIZE + 2 * pad,
            )
            return
        pad = abs(self.offset) + ARROW_LENGTH + HIT_WIDTH
        half = _text_width(self.caption) / 2 + 6 if self.caption else 0.0
        left, right = min(ax, bx) - pad, max(ax, bx) + pad
        top, bottom = min(ay, by) - pad, max(ay, by) + pad
        mx, my = (ax + bx) / 2, (ay + by) / 2
        if self.bend is not None:
            # The curve stays inside the hull of its ends and control points; its middle
            # (where the caption goes) somewhere in it: the caption's room all round.
            parts = pieces((ax, ay), (bx, by), self.bend)
            for cx, cy in [part[1] for part in parts]:
                left, right = min(left, cx - pad - half), max(right, cx + pad + half)
                top, bottom = min(top, cy - pad - half), max(bottom, cy + pad + half)
        left, right = min(left, mx - half), max(right, mx + half)
        top, bottom = min(top, my - half), max(bottom, my + half)
        self._bounds = QRectF(left, top, right - left, bottom - top)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _ensure_path(self) -> QPainterPath:
        if self._path is None:
            self._path, self._arrow, self._middle = self._route()
        return self._path

    def path(self) -> QPainterPath:
        """The line as drawn (from border to border), in scene coordinates."""
        return QPainterPath(self._ensure_path())

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(HIT_WIDTH)
        return stroker.createStroke(self._ensure_path())

    def _route(self) -> tuple[QPainterPath, QPolygonF | None, QPointF]:
        src, dst = self.source_item, self.target_item
        a, b = (src.pos().x(), src.pos().y()), (dst.pos().x(), dst.pos().y())
        if src is dst:
            return self._loop(a)
        if self.bend is not None:
            return self._curve(pieces(a, b, self.bend))
        ctrl = control_point(a, b, self.offset)
        if ctrl is not None:
            return self._curve([(a, ctrl, b)])
        start, end = _on_border(src, a, b), _on_border(dst, b, a)
        arrow = None
        line_end = end
        if self.directed:
            arrow, line_end = _arrow_polygon(end, a)
        path = QPainterPath(QPointF(*start))
        path.lineTo(QPointF(*line_end))
        middle = QPointF((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        return path, arrow, middle

    def _curve(self, parts: list[Piece]) -> tuple[QPainterPath, QPolygonF | None, QPointF]:
        """The part of the quadratics ``parts`` (end to end) outside both shapes (see
        :func:`~sysmap.canvas.curves.trimmed_pieces`), stopped short of its arrow head if
        it has one; the arrow points along the last piece's end."""
        src, dst = _outline(self.source_item), _outline(self.target_item)
        t0, t1 = trimmed_pieces(src, dst, parts)
        spans = [(0.0, 1.0) for _ in parts]
        spans[0] = (t0, 1.0)
        spans[-1] = (spans[-1][0], t1)  # after the first: one piece is both
        last, (low, high) = parts[-1], spans[-1]
        arrow = None
        if self.directed:
            arrow, _ = _arrow_polygon(at(*last, high), blossom(*last, low, high))
            spans[-1] = (low, back_from(*last, (low, high), ARROW_LENGTH * 0.7))
        path = QPainterPath(QPointF(*at(*parts[0], t0)))
        for part, (u0, u1) in zip(parts, spans, strict=True):
            path.quadTo(QPointF(*blossom(*part, u0, u1)), QPointF(*at(*part, u1)))
        return path, arrow, path.pointAtPercent(0.5)

    def _loop(self, centre: tuple[float, float]) -> tuple[QPainterPath, QPolygonF | None, QPointF]:
        hw, hh = self.source_item.half_size()
        x, y = centre[0] + hw * 0.6, centre[1] - hh
        path = QPainterPath(QPointF(x - 10, y))
        path.cubicTo(
            QPointF(x - 10, y - LOOP_SIZE),
            QPointF(x + LOOP_SIZE, y - LOOP_SIZE),
            QPointF(x + 10, y),
        )
        return path, None, QPointF(x, y - LOOP_SIZE * 0.75)

    # ------------------------------------------------------------------ drawing
    def geometry(self) -> tuple[QPainterPath, QPolygonF | None, QPointF]:
        """The line, its arrow head (or None) and its middle, in scene coordinates."""
        path = self._ensure_path()
        return path, self._arrow, self._middle

    def draw_record(self) -> DrawRecord:
        """What the edge layer needs to draw this line, worked out once per change."""
        record = self._record
        theme = self._state.theme
        if record is None or record[0] is not theme:
            path = self._ensure_path()
            straight = self.is_straight()
            start, end = path.pointAtPercent(0.0), path.pointAtPercent(1.0)
            style = theme.line_style(line_style(self.status))
            record = (theme, straight, start, end, path, self._arrow, style)
            self._record = record
        return record

    def is_straight(self) -> bool:
        """Whether the line is a single straight segment (no parallel offset, no loop)."""
        return self.offset == 0.0 and self.bend is None and self.source_item is not self.target_item

    def reach(self) -> float:
        """How far the drawn curve may stray from the box of its two centres (0: straight)."""
        if self.bend is None:
            return abs(self.offset)
        a, b = self.source_item.pos(), self.target_item.pos()
        if len(self.bend) == 2:
            along, bulge = self.bend
            return abs(along) * math.hypot(b.x() - a.x(), b.y() - a.y()) + 2 * abs(bulge)
        s1, h1, s2, h2 = self.bend  # waypoints: how far either lies off the chord's box
        length = math.hypot(b.x() - a.x(), b.y() - a.y())
        return max(abs(h1), abs(h2), max(0.0, -s1, s2 - 1) * length)

    def shows_caption(self) -> bool:
        """Whether the type is written on the line (hovered, selected, or all captions on)."""
        return bool(self.caption) and (
            self._state.relation_labels or self._hovered or self.isSelected()
        )

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        # Nothing: the item has no contents (ItemHasNoContents, so Qt never calls this); the
        # scene's EdgeLayer draws every line in batches, from draw_record(). The item is for
        # hit tests, hover and selection, and needs nothing of the layer's drawing code.
        return

    def _refresh(self, *rects: QRectF) -> None:
        layer = self.layer
        if layer is not None:
            for rect in rects:
                layer.update(rect)

    # ------------------------------------------------------------------ interaction
    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        # Qt calls this for every change of every item (four per line as a map opens), so it
        # is kept short; Qt's own version only returns the value.
        if change is _SELECTED_CHANGED:
            self._refresh(self._bounds)
        return value

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = True
        scene = self.scene()
        if scene is not None and hasattr(scene, "relationship_tooltip"):
            self.setToolTip(scene.relationship_tooltip(self.relationship_id))
        self._refresh(self._bounds)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = False
        self._refresh(self._bounds)
        super().hoverLeaveEvent(event)


def _on_border(
    item: StakeholderItem, centre: tuple[float, float], toward: tuple[float, float]
) -> tuple[float, float]:
    """Where the ray from ``centre`` toward ``toward`` leaves the item's shape."""
    dx, dy = toward[0] - centre[0], toward[1] - centre[1]
    hw, hh = item.half_size()
    t = border_distance(item.shape_name, hw, hh, dx, dy)
    return centre[0] + dx * t, centre[1] + dy * t


def _outline(item: StakeholderItem) -> tuple[str, float, float]:
    """An item's shape and half size (what :func:`~sysmap.canvas.curves.trimmed_curve` needs)."""
    hw, hh = item.half_size()
    return item.shape_name, hw, hh


def _arrow_polygon(
    tip: tuple[float, float], toward_tail: tuple[float, float]
) -> tuple[QPolygonF, tuple[float, float]]:
    corners, line_end = arrow_head(tip, toward_tail)
    return QPolygonF([QPointF(*corner) for corner in corners]), line_end
