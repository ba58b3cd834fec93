"""StakeholderItem: one stakeholder drawn as a shape by kind, filled by colour, labelled.

The item draws what the map says and reports what the user does to it (through the
scene); it never changes the map. Its position is the centre of its shape.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from sysmap.canvas.geometry import outline_path
from sysmap.canvas.labels import LabelLayout, label_layout
from sysmap.canvas.state import LABEL_LOD, SIMPLE_LOD, CanvasState
from sysmap.canvas.theme import canvas_font, paint_not_set, qcolor
from sysmap.model.colour_vision import blend, faded_label
from sysmap.model.style import shape_for, text_colour_on
from sysmap.model.vocab import UNKNOWN_COLOUR

_NOT_SET_FILLS = frozenset({UNKNOWN_COLOUR, UNKNOWN_COLOUR.lower()})

MARGIN = 7.0
"""Room round the shape for the selection ring, the connect handle and the pin."""
HANDLE_WIDTH = 6.0
"""How far inside the outline the connect handle reaches."""
FADED_OPACITY = 0.18

Z_STAKEHOLDER = 10.0
_POSITION_CHANGED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged
_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
)


class StakeholderItem(QGraphicsItem):
    """A stakeholder on the canvas.

    Parameters
    ----------
    stakeholder_id : str
        The id in the map.
    data : mapping
        The stakeholder's fields as stored on the graph node.
    fill : str
        ``#RRGGBB`` fill (from the scene's colouring).
    state : CanvasState
        Drawing state shared with the scene.
    on_moved : callable
        Called with this item whenever it moves (the scene re-routes its relationships).
    """

    def __init__(
        self,
        stakeholder_id: str,
        data: Mapping[str, Any],
        fill: str,
        state: CanvasState,
        on_moved: Callable[[StakeholderItem], None],
    ) -> None:
        super().__init__()
        self.stakeholder_id = stakeholder_id
        self._state = state
        self._on_moved = on_moved
        self._hover_handle = False
        self._drop_target = False
        self.label = ""
        self.shape_name = ""
        self.fill_colour = fill
        self.pinned = False
        self._layout: LabelLayout = label_layout("", "rectangle")
        self._rect = QRectF()
        self._bounds = QRectF()
        self._outline = QPainterPath()
        self._apply(data, fill)
        self.setPos(QPointF(float(data.get("x", 0.0)), float(data.get("y", 0.0))))
        self.setZValue(Z_STAKEHOLDER)
        flags = _FLAGS
        if state.overview:
            flags |= QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        self.setFlags(flags)
        self.setAcceptHoverEvents(True)

    # ------------------------------------------------------------------ model → item
    def update_from(self, data: Mapping[str, Any], fill: str) -> None:
        """Show the stakeholder's new fields (label, kind, pin, colour)."""
        old_size = (self._layout.width, self._layout.height)
        self._apply(data, fill)
        if (self._layout.width, self._layout.height) != old_size:
            self._on_moved(self)  # relationships end on the border, which moved
        self.update()

    def _apply(self, data: Mapping[str, Any], fill: str) -> None:
        label = str(data.get("label", self.stakeholder_id))
        shape = shape_for(data.get("kind"))
        self.fill_colour = fill
        self.pinned = bool(data.get("pinned", False))
        self.counted_data: dict[str, Any] = dict(data)
        """The fields as last shown (the map's own copy changes in place)."""
        if label != self.label or shape != self.shape_name:
            self.prepareGeometryChange()
            self.label, self.shape_name = label, shape
            self._layout = label_layout(label, shape)
            w, h = self._layout.width, self._layout.height
            self._rect = QRectF(-w / 2, -h / 2, w, h)
            self._bounds = self._rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
            self._outline = outline_path(shape, self._rect)

    # ------------------------------------------------------------------ geometry
    def box_rect(self) -> QRectF:
        """The shape's rectangle in item coordinates (centred on the origin)."""
        return QRectF(self._rect)

    def half_size(self) -> tuple[float, float]:
        """Half the width and height of the shape (for routing lines to its border)."""
        return self._layout.width / 2, self._layout.height / 2

    @property
    def short_name(self) -> str:
        """The stakeholder's short name (HMPPS), or "" when it has none."""
        return str(self.counted_data.get("short_name") or "")

    def label_lines(self) -> list[str]:
        """The label's lines as drawn."""
        return list(self._layout.lines)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        # The outline plus a band round it, so the connect handle is easy to grab.
        path = QPainterPath()
        path.addRoundedRect(self._rect.adjusted(-4, -4, 4, 4), 10, 10)
        return path if self.shape_name != "ellipse" else _grown(self._outline, 4)

    def in_handle(self, local: QPointF) -> bool:
        """Whether a point (item coordinates) is on the connect handle round the border."""
        if not self.shape().contains(local):
            return False
        inner = self._rect.adjusted(HANDLE_WIDTH, HANDLE_WIDTH, -HANDLE_WIDTH, -HANDLE_WIDTH)
        return not outline_path(self.shape_name, inner).contains(local)

    # ------------------------------------------------------------------ drawing
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        state = self._state
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        emphasis = state.stakeholder_emphasis(self.stakeholder_id)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if emphasis < 0:
            painter.setOpacity(FADED_OPACITY)
        fill = QColor(self.fill_colour)
        if lod < SIMPLE_LOD:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRect(self._rect)
            if selected:
                self._paint_selection(painter, simple=True)
            return
        theme = state.theme
        if emphasis < 0:
            # Opaque faded colours, not a translucent painter: the label keeps full
            # strength in a grey that reads on the faded face (4.5:1 in both themes).
            painter.setOpacity(1.0)
            face, ink = faded_label(self.fill_colour, theme.background, theme.text, FADED_OPACITY)
            fill = QColor(face)
            outline = QPen(QColor(blend(theme.outline, FADED_OPACITY, theme.background)), 1.0)
        else:
            ink = text_colour_on(self.fill_colour)
            outline = QPen(qcolor(theme.outline, 0.85), 1.0)
        if emphasis > 0:
            outline = QPen(qcolor(theme.text), 3.0)
        painter.setPen(outline)
        painter.setBrush(QBrush(fill))
        painter.drawPath(self._outline)
        if self.fill_colour in _NOT_SET_FILLS:
            paint_not_set(painter, self._outline)
        if lod >= LABEL_LOD:  # smaller text is a smudge: a name tag or the hover names it
            self._paint_label(painter, ink)
        if self.pinned:
            self._paint_pin(painter)
        if selected:
            self._paint_selection(painter, simple=False)
        if self._hover_handle or self._drop_target:
            ring = QPen(qcolor(theme.selection, 0.7), HANDLE_WIDTH / 1.5)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._outline)

    def _paint_label(self, painter: QPainter, ink: str) -> None:
        painter.setPen(QColor(ink))
        painter.setFont(_label_font())
        for point, text in zip(
            self._layout.line_points(), self._layout.static_texts(), strict=True
        ):
            painter.drawStaticText(point, text)

    def _paint_pin(self, painter: QPainter) -> None:
        corner = self._rect.topRight() + QPointF(-3, 3)
        painter.setPen(QPen(QColor("#FFFFFF"), 1.5))
        painter.setBrush(QColor("#1A1A1A"))
        painter.drawEllipse(corner, 4.5, 4.5)

    def _paint_selection(self, painter: QPainter, *, simple: bool) -> None:
        # The ring sits on a band of paper colour, so it meets only the background, whose
        # contrast with it is at least 3:1 in both themes, never a fill of the same hue.
        theme = self._state.theme
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if simple:
            painter.setPen(QPen(qcolor(theme.background), 0.0))
            painter.drawRect(self._rect.adjusted(-2, -2, 2, 2))
            painter.setPen(QPen(qcolor(theme.selection), 0.0))
            painter.drawRect(self._rect.adjusted(-3, -3, 3, 3))
            return
        painter.setPen(QPen(qcolor(theme.background), 1.5))
        painter.drawPath(_grown(self._outline, 1.25))
        painter.setPen(QPen(qcolor(theme.selection), 3.0))
        painter.drawPath(_grown(self._outline, 3.5))

    # ------------------------------------------------------------------ interaction
    def set_drop_target(self, on: bool) -> None:
        """Mark this stakeholder as where a relationship being drawn would end."""
        if on != self._drop_target:
            self._drop_target = on
            self.update()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        # Qt calls this for every change of every item, so it is kept short; Qt's own
        # version only returns the value.
        if change is _POSITION_CHANGED:
            self._on_moved(self)
        return value

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        scene = self.scene()
        if scene is not None and hasattr(scene, "stakeholder_hovered"):
            scene.stakeholder_hovered(self, True)
        super().hoverEnterEvent(event)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        on_handle = self.in_handle(event.pos())
        if on_handle != self._hover_handle:
            self._hover_handle = on_handle
            self.setCursor(Qt.CursorShape.CrossCursor if on_handle else Qt.CursorShape.ArrowCursor)
            self.update()
        super().hoverMoveEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover_handle = False
        self.unsetCursor()
        scene = self.scene()
        if scene is not None and hasattr(scene, "stakeholder_hovered"):
            scene.stakeholder_hovered(self, False)
        self.update()
        super().hoverLeaveEvent(event)


def _grown(path: QPainterPath, by: float) -> QPainterPath:
    """Return ``path`` scaled about its centre so that it is ``by`` larger on each side."""
    rect = path.boundingRect()
    if rect.width() <= 0 or rect.height() <= 0:
        return path
    sx = (rect.width() + 2 * by) / rect.width()
    sy = (rect.height() + 2 * by) / rect.height()
    centre = rect.center()
    transform = QTransform().translate(centre.x(), centre.y()).scale(sx, sy)
    transform = transform.translate(-centre.x(), -centre.y())
    return transform.map(path)


@lru_cache(maxsize=1)
def _label_font() -> QFont:
    return canvas_font()
