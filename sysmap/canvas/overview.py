"""Drawing a big map zoomed out: the whole map in a few batched paths, not item by item.

Painting one Python item costs about 10 µs, so 25,000 items cost a quarter of a second per
frame. When more than :data:`OVERVIEW_ITEMS` items would be on screen and labels are too
small to read anyway, the scene hides its item layer (items stay clickable and draggable)
and :class:`OverviewItem` draws every relationship as a hairline and every stakeholder as a
filled box, grouped by colour into a few ``QPainterPath`` s. The paths live in buckets so an
edit rebuilds one bucket, not the map.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from sysmap.canvas.colouring import Colouring
from sysmap.canvas.edge_layer import faded
from sysmap.canvas.labels import label_layout
from sysmap.canvas.stakeholder_item import FADED_OPACITY, StakeholderItem
from sysmap.canvas.stakeholder_item import MARGIN as ITEM_MARGIN
from sysmap.canvas.state import LABEL_LOD, CanvasState
from sysmap.canvas.theme import CanvasTheme, qcolor
from sysmap.model.style import line_style, shape_for
from sysmap.model.system_map import SystemMap

if TYPE_CHECKING:
    from sysmap.canvas.relationship_item import RelationshipItem

OVERVIEW_ITEMS = 600
"""Above this many items on screen (and below the label zoom), draw in batches."""
BUCKETS = 64
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
    return scale < LABEL_LOD and items_on_screen > OVERVIEW_ITEMS


NodeRecord = tuple[float, float, float, float, str, int]
"""Left, top, width, height, fill colour and emphasis (1 highlighted, -1 faded)."""
EdgeRecord = tuple[float, float, float, float, str, int]
"""Source x, y, target x, y, line colour and emphasis."""
EDGE_ALPHA = 0.45


class Sketch:
    """The whole map as a few batched paths: boxes grouped by colour, lines by colour.

    Records are kept per id in buckets; changing one record rebuilds only its bucket's
    paths, the next time the sketch is painted.
    """

    def __init__(self) -> None:
        self._nodes: list[dict[str, NodeRecord]] = [{} for _ in range(BUCKETS)]
        self._edges: list[dict[str, EdgeRecord]] = [{} for _ in range(BUCKETS)]
        self._node_paths: list[dict[tuple[str, int], QPainterPath]] = [{} for _ in range(BUCKETS)]
        self._edge_paths: list[dict[tuple[str, int], QPainterPath]] = [{} for _ in range(BUCKETS)]
        self._dirty_nodes: set[int] = set()
        self._dirty_edges: set[int] = set()
        self.background = "#FFFFFF"

    def set_node(self, node_id: str, record: NodeRecord | None) -> None:
        """Add, replace or (with ``None``) remove one stakeholder's box."""
        bucket = hash(node_id) % BUCKETS
        if record is None:
            self._nodes[bucket].pop(node_id, None)
        else:
            self._nodes[bucket][node_id] = record
        self._dirty_nodes.add(bucket)

    def set_edge(self, rel_id: str, record: EdgeRecord | None) -> None:
        """Add, replace or (with ``None``) remove one relationship's line."""
        bucket = hash(rel_id) % BUCKETS
        if record is None:
            self._edges[bucket].pop(rel_id, None)
        else:
            self._edges[bucket][rel_id] = record
        self._dirty_edges.add(bucket)

    def clear(self) -> None:
        """Forget every record."""
        for records in (*self._nodes, *self._edges):
            records.clear()
        self._dirty_nodes.update(range(BUCKETS))
        self._dirty_edges.update(range(BUCKETS))

    def _rebuild(self) -> None:
        for bucket in self._dirty_nodes:
            paths: dict[tuple[str, int], QPainterPath] = {}
            for x, y, w, h, colour, emphasis in self._nodes[bucket].values():
                path = paths.get((colour, emphasis))
                if path is None:
                    path = paths[(colour, emphasis)] = QPainterPath()
                path.addRect(x, y, w, h)
            self._node_paths[bucket] = paths
        for bucket in self._dirty_edges:
            lines: dict[tuple[str, int], QPainterPath] = {}
            for x1, y1, x2, y2, colour, emphasis in self._edges[bucket].values():
                path = lines.get((colour, emphasis))
                if path is None:
                    path = lines[(colour, emphasis)] = QPainterPath()
                path.moveTo(x1, y1)
                path.lineTo(x2, y2)
            self._edge_paths[bucket] = lines
        self._dirty_nodes.clear()
        self._dirty_edges.clear()

    def paint(self, painter: QPainter, smooth_lines: bool) -> None:
        """Draw every line (hairlines) then every box (at least a pixel each)."""
        self._rebuild()
        aa = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        # Thousands of hairlines: plain (aliased) lines are four times faster on screen.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth_lines)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for bucket in self._edge_paths:
            for (colour, emphasis), path in bucket.items():
                # Mixed with the paper rather than translucent: blending costs 4× per pixel.
                mixed = faded(colour, self.background, _alpha(emphasis, EDGE_ALPHA))
                painter.setPen(QPen(mixed, 0))
                painter.drawPath(path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, aa)
        for bucket in self._node_paths:
            for (colour, emphasis), path in bucket.items():
                fill = qcolor(colour, _alpha(emphasis, 1.0))
                painter.setPen(QPen(fill, 0))
                painter.setBrush(fill)
                painter.drawPath(path)


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
        self.sketch = Sketch()
        self._picture = CachedPicture(self.sketch, self.update)
        self.setZValue(Z_OVERVIEW)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_bounds(self, rect: QRectF) -> None:
        """Cover ``rect`` (the map's extent); called when the map grows."""
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = QRectF(rect)

    def stakeholders_changed(self, ids: Iterable[str]) -> None:
        """Note stakeholders added, removed, moved or recoloured."""
        state = self._state
        for node_id in ids:
            item = self._stakeholders.get(node_id)
            record = None
            if item is not None:
                record = node_record(item, state.stakeholder_emphasis(node_id))
            self.sketch.set_node(node_id, record)
        self._changed()

    def relationships_changed(self, ids: Iterable[str]) -> None:
        """Note relationships added, removed, re-routed or restyled."""
        state = self._state
        for rel_id in ids:
            rel = self._relationships.get(rel_id)
            record = None
            if rel is not None:
                emphasis = state.relationship_emphasis(rel_id, rel.source_id, rel.target_id)
                a, b = rel.source_item.pos(), rel.target_item.pos()
                record = (a.x(), a.y(), b.x(), b.y(), self._colour_of(rel), emphasis)
            self.sketch.set_edge(rel_id, record)
        self._changed()

    def restyle_all(self) -> None:
        """Re-read every record (colouring, theme or overlay changed)."""
        self.sketch.clear()
        self.stakeholders_changed(list(self._stakeholders))
        self.relationships_changed(list(self._relationships))

    def _changed(self) -> None:
        self._picture.invalidate()
        if self._state.overview:
            self.update()

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
        selected = [i for i in self._stakeholders.values() if i.isSelected()]
        if not selected:
            return
        width = 2.0 / max(_scale(painter), 1e-6)
        painter.setPen(QPen(qcolor(self._state.theme.selection), width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for item in selected[:2000]:
            painter.drawRect(item.sceneBoundingRect())


class CachedPicture:
    """The sketch drawn once into an image, then blitted (scaled) while the user pans and zooms.

    Drawing every line of a big map costs far more than a frame (the 5,000-stakeholder
    reference map has five million pixels of lines at full view). The picture is redrawn at
    the new zoom a moment after zooming stops; meanwhile the previous one is scaled, as map
    viewers do. Edits invalidate it and the next frame redraws it.
    """

    MAX_SIDE = 4096
    SETTLE_MS = 180

    def __init__(self, sketch: Sketch, repaint: Callable[[], None]) -> None:
        self._sketch = sketch
        self._repaint = repaint
        self._image: QImage | None = None
        self._source = QRectF()
        self._scale = 0.0
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SETTLE_MS)
        self._timer.timeout.connect(self._settle)
        self._stale = False

    def invalidate(self) -> None:
        """Forget the picture (the map changed)."""
        self._image = None

    def paint(self, painter: QPainter, bounds: QRectF) -> None:
        """Draw the cached picture of ``bounds``, redrawing it first if there is none."""
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        wanted = _scale(painter) * ratio
        scale = min(wanted, self.MAX_SIDE / max(bounds.width(), bounds.height(), 1.0))
        if self._image is None or self._source != bounds:
            self._render(bounds, scale)
        elif abs(self._scale / scale - 1) > 0.05:
            self._stale = True
            self._timer.start()  # draw at the new zoom once the user pauses
        assert self._image is not None
        smooth = abs(self._scale / scale - 1) > 0.05
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        painter.drawImage(self._source, self._image)

    def _render(self, bounds: QRectF, scale: float) -> None:
        width = max(1, math.ceil(bounds.width() * scale))
        height = max(1, math.ceil(bounds.height() * scale))
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.scale(scale, scale)
        painter.translate(-bounds.left(), -bounds.top())
        self._sketch.paint(painter, smooth_lines=False)
        painter.end()
        self._image, self._source, self._scale = image, QRectF(bounds), scale
        self._stale = False

    def _settle(self) -> None:
        if self._stale:
            self._image = None
            self._repaint()


def node_record(item: Any, emphasis: int) -> NodeRecord:
    """The sketch record of a stakeholder item."""
    pos, (hw, hh) = item.pos(), item.half_size()
    return (pos.x() - hw, pos.y() - hh, 2 * hw, 2 * hh, item.fill_colour, emphasis)


def _alpha(emphasis: int, base: float) -> float:
    return FADED_OPACITY * base if emphasis < 0 else base


def _scale(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


def sketch_of_map(
    system_map: SystemMap, colouring: Colouring, theme: CanvasTheme
) -> tuple[Sketch, QRectF]:
    """Sketch a map straight from its data, with no items (for pictures of big maps).

    Returns the sketch and the rectangle the scene's items would cover.
    """
    sketch = Sketch()
    graph = system_map.graph
    left = top = math.inf
    right = bottom = -math.inf
    for node_id, data in graph.nodes(data=True):
        layout = label_layout(str(data.get("label", node_id)), shape_for(data.get("kind")))
        x, y = float(data.get("x", 0.0)), float(data.get("y", 0.0))
        hw, hh = layout.width / 2, layout.height / 2
        sketch.set_node(node_id, (x - hw, y - hh, 2 * hw, 2 * hh, colouring.add(data), 0))
        left, top = min(left, x - hw), min(top, y - hh)
        right, bottom = max(right, x + hw), max(bottom, y + hh)
    colours = {s: theme.line_style(line_style(s)).colour for s in ("active",)}
    nodes = graph.nodes
    for source, target, rel_id, data in graph.edges(keys=True, data=True):
        status = str(data.get("status", "active"))
        colour = colours.get(status) or colours.setdefault(
            status, theme.line_style(line_style(status)).colour
        )
        a, b = nodes[source], nodes[target]
        sketch.set_edge(rel_id, (a["x"], a["y"], b["x"], b["y"], colour, 0))
    if left > right:
        return sketch, QRectF()
    rect = QRectF(left, top, right - left, bottom - top)
    return sketch, rect.adjusted(-ITEM_MARGIN, -ITEM_MARGIN, ITEM_MARGIN, ITEM_MARGIN)
