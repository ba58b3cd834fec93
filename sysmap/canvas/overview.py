"""Drawing a big map zoomed out: the whole map in a few batched paths, not item by item.

Painting one Python item costs about 10 µs, so 25,000 items cost a quarter of a second per
frame. When more than :data:`OVERVIEW_ITEMS` items would be on screen and labels are too
small to read anyway, the scene hides its item layer (items stay clickable and draggable)
and :class:`OverviewItem` draws every relationship as a hairline and every stakeholder as a
filled box, grouped by colour into a few ``QPainterPath`` s. The paths live in buckets so an
edit rebuilds one bucket, not the map.

The sketch itself (the records and their batched paths) is :mod:`~sysmap.canvas.sketch`;
this module decides when to draw it (:func:`wants_overview`, :class:`DensityGrid`) and
keeps it in step with the scene's items (:class:`OverviewItem`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from sysmap.canvas.overview_picture import CachedPicture
from sysmap.canvas.sketch import EdgeRecord, NodeRecord, Sketch
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import OVERVIEW_LOD, CanvasState
from sysmap.canvas.theme import qcolor

if TYPE_CHECKING:
    from sysmap.canvas.relationship_item import RelationshipItem

OVERVIEW_ITEMS = 600
"""Above this many items on screen (and below the label zoom), draw in batches."""
GRID_CELL = 400.0
Z_OVERVIEW = 4.0


class DensityGrid:
    """Stakeholder ids per square cell: how many are in a rectangle, and which.

    Examples
    --------
    >>> g = DensityGrid(100.0)
    >>> g.add(10, 10, "a"); g.add(150, 10, "b"); g.add(990, 990, "c")
    >>> g.count_in(0, 0, 200, 50), sorted(g.ids_in(0, 0, 200, 50)), g.total
    (2, ['a', 'b'], 3)
    """

    def __init__(self, cell: float = GRID_CELL) -> None:
        self.cell = cell
        self.total = 0
        self._cells: dict[tuple[int, int], set[str]] = defaultdict(set)

    def _key(self, x: float, y: float) -> tuple[int, int]:
        return math.floor(x / self.cell), math.floor(y / self.cell)

    def add(self, x: float, y: float, node_id: str) -> None:
        """Note a stakeholder at (x, y)."""
        self._cells[self._key(x, y)].add(node_id)
        self.total += 1

    def remove(self, x: float, y: float, node_id: str) -> None:
        """Forget a stakeholder noted at (x, y)."""
        key = self._key(x, y)
        cell = self._cells.get(key)
        if cell is not None and node_id in cell:
            cell.discard(node_id)
            self.total -= 1
            if not cell:
                del self._cells[key]

    def _cells_in(self, left: float, top: float, right: float, bottom: float) -> Iterable[set[str]]:
        i0, j0 = self._key(left, top)
        i1, j1 = self._key(right, bottom)
        if (i1 - i0 + 1) * (j1 - j0 + 1) > len(self._cells):
            return [c for (i, j), c in self._cells.items() if i0 <= i <= i1 and j0 <= j <= j1]
        cells = self._cells
        return [
            cells[(i, j)] for i in range(i0, i1 + 1) for j in range(j0, j1 + 1) if (i, j) in cells
        ]

    def count_in(self, left: float, top: float, right: float, bottom: float) -> int:
        """Count the stakeholders in a rectangle (whole cells, so a slight overcount)."""
        return sum(len(c) for c in self._cells_in(left, top, right, bottom))

    def ids_in(self, left: float, top: float, right: float, bottom: float) -> set[str]:
        """The stakeholders in the cells a rectangle touches."""
        found: set[str] = set()
        for cell in self._cells_in(left, top, right, bottom):
            found |= cell
        return found


def wants_overview(scale: float, items_on_screen: float) -> bool:
    """Whether to draw in batches: labels unreadable and too many items to paint singly."""
    return scale < OVERVIEW_LOD and items_on_screen > OVERVIEW_ITEMS


class OverviewItem(QGraphicsItem):
    """Paints the whole map as a :class:`Sketch` when the scene is in overview mode.

    Parameters
    ----------
    state : CanvasState
        Shared drawing state (overview flag, theme, overlay).
    stakeholders, relationships : mapping
        The scene's live id → item dicts (read, never changed).
    colour_of : callable
        Returns a relationship item's line colour.
    """

    def __init__(
        self,
        state: CanvasState,
        stakeholders: Mapping[str, StakeholderItem],
        relationships: Mapping[str, RelationshipItem],
        colour_of: Callable[[RelationshipItem], str],
    ) -> None:
        super().__init__()
        self._state = state
        self._stakeholders = stakeholders
        self._relationships = relationships
        self._colour_of = colour_of
        self._bounds = QRectF()
        self.sketch = Sketch(track=True)
        self._picture = CachedPicture(self.sketch, self.update)
        self.setZValue(Z_OVERVIEW)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_bounds(self, rect: QRectF) -> None:
        """Cover ``rect`` (the map's extent); called when the map grows."""
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = QRectF(rect)

    def stakeholders_changed(
        self, ids: Iterable[str], where: Mapping[str, tuple[float, float]] | None = None
    ) -> None:
        """Note stakeholders added, removed, moved or recoloured (``where``: their centres)."""
        state = self._state
        dirty = _Dirty()
        for node_id in ids:
            item = self._stakeholders.get(node_id)
            record = None
            if item is not None:
                at = where.get(node_id) if where is not None else None
                record = node_record(item, state.stakeholder_emphasis(node_id), at)
            old = self.sketch.set_node(node_id, record)
            if dirty.open:
                dirty.box(record)
                dirty.box(old)
        self._changed(dirty)

    def relationships_changed(
        self, ids: Iterable[str], where: Mapping[str, tuple[float, float]] | None = None
    ) -> None:
        """Note relationships added, removed, re-routed or restyled.

        ``where`` gives stakeholders' positions (faster than asking each item).
        """
        state = self._state
        dirty = _Dirty()
        for rel_id in ids:
            rel = self._relationships.get(rel_id)
            record = None
            if rel is not None:
                emphasis = state.relationship_emphasis(rel_id, rel.source_id, rel.target_id)
                if where is not None:
                    (ax, ay), (bx, by) = where[rel.source_id], where[rel.target_id]
                else:
                    a, b = rel.source_item.pos(), rel.target_item.pos()
                    ax, ay, bx, by = a.x(), a.y(), b.x(), b.y()
                record = (ax, ay, bx, by, self._colour_of(rel), emphasis)
            old = self.sketch.set_edge(rel_id, record)
            if dirty.open:
                dirty.line(record)
                dirty.line(old)
        self._changed(dirty)

    def restyle_all(self) -> None:
        """Re-read every record (colouring, theme or overlay changed)."""
        self.sketch.clear()
        self.stakeholders_changed(list(self._stakeholders))
        self.relationships_changed(list(self._relationships))

    def _changed(self, dirty: _Dirty) -> None:
        self._picture.changed(self._state.overview)
        if self._state.overview and dirty.open and not dirty.empty:
            # Only where the changed records were and are: an edit repaints its own corner.
            self.update(dirty.rect(3.0 / self._picture.scale))
        elif self._state.overview:
            self.update()

    @property
    def picture(self) -> CachedPicture:
        """The cached picture drawn while the scene is in overview mode."""
        return self._picture

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
        if not self._state.overview:
            return
        self.sketch.background = self._state.theme.background
        if self._state.exporting:
            self.sketch.paint(painter, smooth_lines=True)
        else:
            self._picture.paint(painter, self._bounds)
        self._paint_selection(painter)

    def _paint_selection(self, painter: QPainter) -> None:
        scene = self.scene()
        if scene is None:
            return
        # The scene keeps the selection: asking it costs the selection, not the map.
        selected = [i for i in scene.selectedItems() if isinstance(i, StakeholderItem)]
        if not selected:
            return
        width = 2.0 / max(_scale(painter), 1e-6)
        painter.setPen(QPen(qcolor(self._state.theme.selection), width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for item in selected[:2000]:
            painter.drawRect(item.sceneBoundingRect())


class _Dirty:
    """The rectangle that changed records covered or cover (scene coordinates).

    After :data:`LIMIT` records it stops measuring (``open`` turns False): so many changes
    repaint the whole layer.
    """

    LIMIT = 200

    def __init__(self) -> None:
        self.left = self.top = math.inf
        self.right = self.bottom = -math.inf
        self._count = 0

    @property
    def open(self) -> bool:
        return self._count < self.LIMIT

    @property
    def empty(self) -> bool:
        return self.left > self.right

    def box(self, record: NodeRecord | None) -> None:
        if record is not None:
            x, y, w, h = record[:4]
            self._span(x, y, x + w, y + h)

    def line(self, record: EdgeRecord | None) -> None:
        if record is not None:
            x1, y1, x2, y2 = record[:4]
            self._span(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))

    def _span(self, left: float, top: float, right: float, bottom: float) -> None:
        self._count += 1
        self.left, self.top = min(self.left, left), min(self.top, top)
        self.right, self.bottom = max(self.right, right), max(self.bottom, bottom)

    def rect(self, pad: float) -> QRectF:
        """The rectangle, grown by ``pad`` on each side (room for outlines)."""
        return QRectF(
            self.left - pad,
            self.top - pad,
            self.right - self.left + 2 * pad,
            self.bottom - self.top + 2 * pad,
        )


def node_record(item: Any, emphasis: int, at: tuple[float, float] | None = None) -> NodeRecord:
    """The sketch record of a stakeholder item (``at`` its centre, if known)."""
    if at is None:
        pos = item.pos()
        at = (pos.x(), pos.y())
    (x, y), (hw, hh) = at, item.half_size()
    return (x - hw, y - hh, 2 * hw, 2 * hh, item.fill_colour, emphasis)


def _scale(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
