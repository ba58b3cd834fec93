"""The whole map as a few batched paths: boxes grouped by colour, lines by colour.

A :class:`Sketch` holds one record per stakeholder (its box and fill) and per relationship
(its ends and colour), filed in buckets so an edit rebuilds one bucket's paths, not the
map's. The overview item (:mod:`~sysmap.canvas.overview`) paints the scene's sketch when
zoomed out; :func:`sketch_of_map` makes one straight from a map's data, with no items, for
pictures of big maps and a big map's first frame.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen

from sysmap.canvas.colouring import Colouring
from sysmap.canvas.labels import label_layout
from sysmap.canvas.line_drawing import faded
from sysmap.canvas.stakeholder_item import FADED_OPACITY
from sysmap.canvas.stakeholder_item import MARGIN as ITEM_MARGIN
from sysmap.canvas.theme import CanvasTheme, qcolor
from sysmap.model.style import line_style, shape_for
from sysmap.model.system_map import SystemMap

BUCKETS = 64

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


def _alpha(emphasis: int, base: float) -> float:
    return FADED_OPACITY * base if emphasis < 0 else base


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
    rect = sketch_stakeholders(sketch, system_map.stakeholder_rows(), colouring)
    colour_of = line_colours(theme)
    nodes = system_map.network().nodes

    def lines() -> Iterator[tuple[str, EdgeRecord]]:
        for rel_id, source, target, data in (
            rows if rows is not None else system_map.relationship_rows()
        ):
            a, b = nodes[source], nodes[target]
            colour = colour_of(str(data.get("status", "active")))
            yield rel_id, (a["x"], a["y"], b["x"], b["y"], colour, 0)

    sketch.set_edges(lines())
    return sketch, rect


def sketch_stakeholders(
    sketch: Sketch, rows: Iterable[tuple[str, Mapping[str, Any]]], colouring: Colouring
) -> QRectF:
    """File each stakeholder's box (from its id and fields: label, kind, x, y and what
    ``colouring`` reads), in order; return the rectangle their items would cover."""
    left = top = math.inf
    right = bottom = -math.inf
    for node_id, data in rows:
        layout = label_layout(str(data.get("label", node_id)), shape_for(data.get("kind")))
        x, y = float(data.get("x", 0.0)), float(data.get("y", 0.0))
        hw, hh = layout.width / 2, layout.height / 2
        sketch.set_node(node_id, (x - hw, y - hh, 2 * hw, 2 * hh, colouring.add(data), 0))
        left, top = min(left, x - hw), min(top, y - hh)
        right, bottom = max(right, x + hw), max(bottom, y + hh)
    if left > right:
        return QRectF()
    rect = QRectF(left, top, right - left, bottom - top)
    return rect.adjusted(-ITEM_MARGIN, -ITEM_MARGIN, ITEM_MARGIN, ITEM_MARGIN)


def line_colours(theme: CanvasTheme) -> Callable[[str], str]:
    """The colour of a relationship's line by its status, looked up once per status."""
    colours: dict[str, str] = {}

    def colour_of(status: str) -> str:
        colour = colours.get(status)
        if colour is None:
            colour = colours[status] = theme.line_style(line_style(status)).colour
        return colour

    return colour_of
