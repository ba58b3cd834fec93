"""Drawing a big map zoomed out: the whole map in a few batched paths, not item by item.

Painting one Python item costs about 10 µs, so 25,000 items cost a quarter of a second per
frame. When more than :data:`OVERVIEW_ITEMS` items would be on screen and labels are too
small to read anyway, the scene hides its item layer (items stay clickable and draggable)
and :class:`OverviewItem` draws every relationship as a hairline and every stakeholder as a
filled box, grouped by colour into a few ``QPainterPath`` s. The paths live in buckets so an
edit rebuilds one bucket, not the map.

One piece for now (over 400 lines): the density grid, the sketch and the overview item are
drawn together; splitting the sketch into its own module is the next step, left until the
canvas work of issues 13 and 17 has landed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from sysmap.canvas.colouring import Colouring
from sysmap.canvas.edge_layer import faded
from sysmap.canvas.labels import label_layout
from sysmap.canvas.overview_picture import CachedPicture
from sysmap.canvas.stakeholder_item import FADED_OPACITY, StakeholderItem
from sysmap.canvas.stakeholder_item import MARGIN as ITEM_MARGIN
from sysmap.canvas.state import OVERVIEW_LOD, CanvasState
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
    return scale < OVERVIEW_LOD and items_on_screen > OVERVIEW_ITEMS


NodeRecord = tuple[float, float, float, float, str, int]
"""Left, top, width, height, fill colour and emphasis (1 highlighted, -1 faded)."""
EdgeRecord = tuple[float, float, float, float, str, int]
"""Source x, y, target x, y, line colour and emphasis."""
EDGE_ALPHA = 0.45


Painter = Callable[[QPainter], None]
RecordKey = tuple[int, str]
"""(0, stakeholder id) or (1, relationship id)."""


class Sketch:
    """The whole map as a few batched paths: boxes grouped by colour, lines by colour.

    Records are kept per id in buckets; changing one record rebuilds only its bucket's
    paths, the next time the sketch is painted.

    Parameters
    ----------
    track : bool
        Keep, for every record changed since :meth:`picture_drawn`, the record as it was
        then (``changed``), so a cached picture can be patched instead of redrawn.
    """

    def __init__(self, track: bool = False) -> None:
        self._nodes: list[dict[str, NodeRecord]] = [{} for _ in range(BUCKETS)]
        self._edges: list[dict[str, EdgeRecord]] = [{} for _ in range(BUCKETS)]
        self._node_paths: list[dict[tuple[str, int], QPainterPath]] = [{} for _ in range(BUCKETS)]
        self._edge_paths: list[dict[tuple[str, int], QPainterPath]] = [{} for _ in range(BUCKETS)]
        self._dirty_nodes: set[int] = set()
        self._dirty_edges: set[int] = set()
        self._track = track
        self.changed: dict[RecordKey, NodeRecord | EdgeRecord | None] = {}
        """Records changed since the picture was drawn, as the picture shows them."""
        self.bulk = False
        """Whether everything changed (a cached picture must be redrawn whole)."""
        self.version = 0
        self.background = "#FFFFFF"

    def set_node(self, node_id: str, record: NodeRecord | None) -> NodeRecord | None:
        """Add, replace or (with ``None``) remove one stakeholder's box; return the old one."""
        bucket = hash(node_id) % BUCKETS
        records = self._nodes[bucket]
        old = records.get(node_id)
        if self._track:
            self._note((0, node_id), old)
        if record is None:
            records.pop(node_id, None)
        else:
            records[node_id] = record
        self._dirty_nodes.add(bucket)
        return old

    def set_edge(self, rel_id: str, record: EdgeRecord | None) -> EdgeRecord | None:
        """Add, replace or (with ``None``) remove one relationship's line; return the old one."""
        bucket = hash(rel_id) % BUCKETS
        records = self._edges[bucket]
        old = records.get(rel_id)
        if self._track:
            self._note((1, rel_id), old)
        if record is None:
            records.pop(rel_id, None)
        else:
            records[rel_id] = record
        self._dirty_edges.add(bucket)
        return old

    def set_edges(self, records: Iterable[tuple[str, EdgeRecord]]) -> None:
        """Add or replace many relationships' lines, as :meth:`set_edge` would one by one.

        A big map's first frame files 20,000 lines; one call for them all saves the
        per-call cost (a tenth of the sketch's time).
        """
        edges, dirty = self._edges, self._dirty_edges
        for rel_id, record in records:
            bucket = hash(rel_id) % BUCKETS
            if self._track:
                self._note((1, rel_id), edges[bucket].get(rel_id))
            edges[bucket][rel_id] = record
            dirty.add(bucket)

    def _note(self, key: RecordKey, old: NodeRecord | EdgeRecord | None) -> None:
        self.version += 1
        if key not in self.changed:
            self.changed[key] = old

    def clear(self) -> None:
        """Forget every record."""
        for records in (*self._nodes, *self._edges):
            records.clear()
        self._dirty_nodes.update(range(BUCKETS))
        self._dirty_edges.update(range(BUCKETS))
        self.bulk = True
        self.version += 1

    def picture_drawn(self) -> None:
        """A picture of every current record was drawn: nothing differs from it now."""
        self.changed.clear()
        self.bulk = False

    def node_records(self) -> Iterator[NodeRecord]:
        """Every stakeholder's box, bucket by bucket."""
        for records in self._nodes:
            yield from records.values()

    def edge_records(self) -> Iterator[EdgeRecord]:
        """Every relationship's line, bucket by bucket."""
        for records in self._edges:
            yield from records.values()

    def current(self, key: RecordKey) -> NodeRecord | EdgeRecord | None:
        """The record stored now under ``key``, if any."""
        kind, item_id = key
        store = self._nodes if kind == 0 else self._edges
        return store[hash(item_id) % BUCKETS].get(item_id)

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
            self._edge_paths[bucket] = _line_paths(self._edges[bucket].values())
        self._dirty_nodes.clear()
        self._dirty_edges.clear()

    def paint(self, painter: QPainter, smooth_lines: bool) -> None:
        """Draw every line (hairlines) then every box (at least a pixel each)."""
        aa = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        for step in self.paint_steps(smooth_lines):
            step(painter)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, aa)

    def paint_steps(self, smooth_lines: bool = False) -> Iterator[Painter]:
        """The drawing of the sketch in small steps (a bucket each), lines first.

        The paths are those of the moment this is called; later changes do not alter them.
        """
        self._rebuild()
        edge_paths, node_paths = list(self._edge_paths), list(self._node_paths)
        background = self.background

        def lines(paths: dict[tuple[str, int], QPainterPath]) -> Painter:
            return lambda painter: _paint_lines(painter, paths, background, smooth_lines)

        def boxes(paths: dict[tuple[str, int], QPainterPath]) -> Painter:
            return lambda painter: _paint_boxes(painter, paths)

        return iter([*(lines(p) for p in edge_paths), *(boxes(p) for p in node_paths)])

    def paint_changed(self, painter: QPainter) -> None:
        """Draw the current version of every changed record (over a picture without them)."""
        if not self.changed:
            return
        edges = []
        nodes: dict[tuple[str, int], QPainterPath] = {}
        for key in self.changed:
            record = self.current(key)
            if record is None:
                continue
            if key[0] == 1:
                edges.append(record)
            else:
                x, y, w, h, colour, emphasis = record
                nodes.setdefault((str(colour), int(emphasis)), QPainterPath()).addRect(x, y, w, h)
        aa = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        _paint_lines(painter, _line_paths(edges), self.background, False)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, aa)
        _paint_boxes(painter, nodes)


def _line_paths(records: Iterable[Any]) -> dict[tuple[str, int], QPainterPath]:
    lines: dict[tuple[str, int], QPainterPath] = {}
    for x1, y1, x2, y2, colour, emphasis in records:
        path = lines.get((colour, emphasis))
        if path is None:
            path = lines[(colour, emphasis)] = QPainterPath()
        path.moveTo(x1, y1)
        path.lineTo(x2, y2)
    return lines


def _paint_lines(
    painter: QPainter,
    paths: dict[tuple[str, int], QPainterPath],
    background: str,
    smooth: bool,
) -> None:
    # Thousands of hairlines: plain (aliased) lines are four times faster on screen.
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for (colour, emphasis), path in paths.items():
        # Mixed with the paper rather than translucent: blending costs 4× per pixel.
        painter.setPen(QPen(faded(colour, background, _alpha(emphasis, EDGE_ALPHA)), 0))
        painter.drawPath(path)


def _paint_boxes(painter: QPainter, paths: dict[tuple[str, int], QPainterPath]) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for (colour, emphasis), path in paths.items():
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


def _alpha(emphasis: int, base: float) -> float:
    return FADED_OPACITY * base if emphasis < 0 else base


def _scale(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


def sketch_of_map(
    system_map: SystemMap,
    colouring: Colouring,
    theme: CanvasTheme,
    sketch: Sketch | None = None,
    rows: Iterable[tuple[str, str, str, Mapping[str, Any]]] | None = None,
) -> tuple[Sketch, QRectF]:
    """Sketch a map straight from its data, with no items (for pictures of big maps, and a
    big map's first frame before its items are made).

    The records are those the scene's items would give, filed in the same order (the map's),
    so the picture is the one the finished scene draws. ``sketch`` is filled if given;
    ``rows`` are the map's relationship rows, if the caller has listed them already.
    Returns the sketch and the rectangle the scene's items would cover.
    """
    sketch = sketch if sketch is not None else Sketch()
    graph = system_map.network()
    left = top = math.inf
    right = bottom = -math.inf
    for node_id, data in system_map.stakeholder_rows():
        layout = label_layout(str(data.get("label", node_id)), shape_for(data.get("kind")))
        x, y = float(data.get("x", 0.0)), float(data.get("y", 0.0))
        hw, hh = layout.width / 2, layout.height / 2
        sketch.set_node(node_id, (x - hw, y - hh, 2 * hw, 2 * hh, colouring.add(data), 0))
        left, top = min(left, x - hw), min(top, y - hh)
        right, bottom = max(right, x + hw), max(bottom, y + hh)
    colours = {s: theme.line_style(line_style(s)).colour for s in ("active",)}
    nodes = graph.nodes

    def lines() -> Iterator[tuple[str, EdgeRecord]]:
        for rel_id, source, target, data in (
            rows if rows is not None else system_map.relationship_rows()
        ):
            status = str(data.get("status", "active"))
            colour = colours.get(status) or colours.setdefault(
                status, theme.line_style(line_style(status)).colour
            )
            a, b = nodes[source], nodes[target]
            yield rel_id, (a["x"], a["y"], b["x"], b["y"], colour, 0)

    sketch.set_edges(lines())
    if left > right:
        return sketch, QRectF()
    rect = QRectF(left, top, right - left, bottom - top)
    return sketch, rect.adjusted(-ITEM_MARGIN, -ITEM_MARGIN, ITEM_MARGIN, ITEM_MARGIN)
