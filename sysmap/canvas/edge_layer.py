"""EdgeLayer: every relationship on screen drawn in a few batched paths.

Relationship items are for hit tests, hover and selection; they paint nothing themselves.
Painting each of thousands of lines from Python would cost ~50 µs a line, and on a big map
a view can cross thousands of long lines. This layer asks the scene's index which lines
cross the exposed area, groups them by pen, and draws each group with one call. Dashed and
dotted lines are first clipped to the visible area (keeping their dash phase), so a line
50,000 pixels long costs what its visible part costs.

How the lines are drawn (pens, dashes, arrow heads, captions) is
:func:`~sysmap.canvas.line_drawing.draw_relationships`; this layer decides which lines to
draw, where, and when (the patches being repainted, the lines passing a still view).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from sysmap.canvas.edge_table import EdgeTable, LinesInView
from sysmap.canvas.line_cuts import spans_inside
from sysmap.canvas.line_drawing import (
    PASSING_LIMIT,
    PASSING_OPACITY,
    draw_relationships,
    faded,
    on_device_rect,
)
from sysmap.canvas.passing_cache import Group, Lines, PassingCache, view_key
from sysmap.canvas.stakeholder_item import FADED_OPACITY
from sysmap.canvas.state import CanvasState

if TYPE_CHECKING:
    from sysmap.canvas.relationship_item import Ends, RelationshipItem

Z_EDGES = 0.0
CACHE_FROM = 2000
"""From this many relationships, lines passing through a still view come from an image."""
MAX_PARTS = 16
"""Lines are sorted by the patches being repainted up to this many patches (else their box)."""


class EdgeLayer(QGraphicsItem):
    """Paints the relationships that cross the exposed part of the view.

    Parameters
    ----------
    state : CanvasState
        Shared drawing state.
    table : EdgeTable
        Where every line runs (the scene keeps it in step with the map).
    """

    def __init__(self, state: CanvasState, table: EdgeTable) -> None:
        super().__init__()
        self._state = state
        self.table = table
        self._bounds = QRectF()
        self._passing_cache = PassingCache(self.update)
        self.setZValue(Z_EDGES)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_bounds(self, rect: QRectF) -> None:
        """Cover ``rect`` (the map's extent)."""
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = QRectF(rect)

    def restyled(self) -> None:
        """Lines look different (theme, overlay): forget the picture of passing lines."""
        self._passing_cache.clear()

    def line_changed(self, item: RelationshipItem, ends: Ends | None = None) -> None:
        """A line moved, bowed out or changed status (called by the item)."""
        if item.scene() is not None:
            self.table.put(item, ends)

    def line_added(self, item: RelationshipItem) -> None:
        """A new line: file it and repaint where it runs.

        Relationship items paint nothing themselves (``ItemHasNoContents``), so Qt repaints
        nothing when one is added or removed: the layer must ask for its patch.
        """
        self.table.put(item)
        self.update(item.boundingRect())

    def line_removed(self, rel_id: str, bounds: QRectF) -> None:
        """A line is gone: forget it and repaint where it ran."""
        self.table.remove(rel_id)
        self.update(bounds)

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
        if self.scene() is None or self._state.overview:
            return  # the overview sketch draws every line when zoomed far out
        exposed = option.exposedRect
        # Lines are told apart (passing through, or ending on screen) by the whole view, not
        # by the part being repainted, so a partial repaint draws each line as a full one does.
        visible = _visible_rect(painter, widget, exposed)
        parts = self._parts(painter, widget)
        found = self.table.lines_in(visible, exposed, parts=parts)
        # A caption (selected, hovered, or all shown) sits beside its line's middle, so it
        # can reach into a patch its line does not cross.
        near = found.near + [item for item in found.boxed if item.shows_caption()]
        state = self._state
        passing: dict[tuple[str, int], list[QLineF]] = {}
        on_device = on_device_rect(painter, visible)
        if widget is None or state.exporting or len(self.table) < CACHE_FROM:
            passing = self._passing(found, near, on_device)
        elif state.moving:
            # While the view moves on a big map, lines that only pass through are left out
            # when there are many; they come back when it settles (like Cytoscape's
            # hideEdgesOnViewport).
            if len(found.passing) <= PASSING_LIMIT:
                passing = self._passing(found, near, on_device)
            else:
                self._passing_cache.clear()
                self._highlighted(found, near)
        else:
            self._highlighted(found, near)
            self._note_changes(visible)
            key = view_key(painter, widget.width(), widget.height(), (state.theme.background,))
            few = exposed.contains(visible) and len(found.passing) <= PASSING_LIMIT
            self._passing_cache.paint(
                painter, key, self.table.version, lambda: self._groups(visible), few
            )
        draw_relationships(painter, near, state, visible, exposed, passing, parts)

    def _parts(self, painter: QPainter, widget: QWidget | None) -> list[QRectF]:
        """The patches of the scene a view is repainting, when there are a few ([]: all).

        ``option.exposedRect`` is their bounding box: after an edit, the stakeholder's patch
        and the legend's corner give a box over half the view, and the lines crossing it
        but neither patch cost more than the rest of the frame.
        """
        view_port, rects = self._state.repainting
        if widget is None or widget is not view_port or not 1 < len(rects) <= MAX_PARTS:
            return []
        inverse, ok = painter.worldTransform().inverted()
        return [inverse.mapRect(QRectF(rect)) for rect in rects] if ok else []

    def _note_changes(self, visible: QRectF) -> None:
        """Keep the picture of passing lines when no line that changed passes through."""
        touched = self.table.take_touched()
        if not touched:
            return
        cache = self._passing_cache
        if not touched & cache.drawn_rows():
            rows = np.fromiter(touched, dtype=np.int64, count=len(touched))
            if not self.table.lines_in(visible, visible, rows).passing:
                cache.still_valid(self.table.version)

    def _highlighted(self, found: LinesInView, near: list[RelationshipItem]) -> None:
        """Move passing lines an overlay highlights to ``near``: they are drawn in full."""
        state = self._state
        if state.overlay is None:
            return
        for item in found.passing:
            ends = (item.relationship_id, item.source_id, item.target_id)
            if state.relationship_emphasis(*ends) > 0:
                near.append(item)

    def _groups(self, visible: QRectF) -> Lines:
        """Every line passing through the view, by pen, for the cached picture of them."""
        state = self._state
        found = self.table.lines_in(visible, visible)
        overlay = state.overlay is not None
        rows: dict[tuple[str, int], list[int]] = {}
        colours: dict[str, str] = {}
        for row, item in enumerate(found.passing):
            emphasis = (
                state.relationship_emphasis(item.relationship_id, item.source_id, item.target_id)
                if overlay
                else 0
            )
            if emphasis > 0:
                continue
            colour = colours.get(item.status)
            if colour is None:
                colour = colours[item.status] = item.style.colour
            rows.setdefault((colour, emphasis), []).append(row)
        background = state.theme.background
        groups: list[Group] = []
        for (colour, emphasis), chosen in rows.items():
            opacity = FADED_OPACITY if emphasis < 0 else PASSING_OPACITY
            pen = QPen(faded(colour, background, opacity), 0)
            groups.append((pen, found.segments[np.array(chosen, dtype=np.int64)]))
        return groups, set(found.passing_rows.tolist())

    def _passing(
        self, found: LinesInView, near: list[RelationshipItem], on_device: QRectF
    ) -> dict[tuple[str, int], list[QLineF]]:
        """The passing lines' visible parts by colour and emphasis (highlighted ones: ``near``),
        cut to ``on_device`` (hairlines: see :func:`~sysmap.canvas.line_cuts.keep_inside`)."""
        state = self._state
        overlay = state.overlay is not None
        colours: dict[str, str] = {}
        groups: dict[tuple[str, int], list[QLineF]] = {}
        ends = found.segments
        ax, ay = ends[:, 0], ends[:, 1]
        dx, dy = ends[:, 2] - ax, ends[:, 3] - ay
        box = (on_device.left(), on_device.top(), on_device.right(), on_device.bottom())
        inside, t0, t1 = spans_inside(ax, ay, dx, dy, box)
        cut = np.column_stack([ax + dx * t0, ay + dy * t0, ax + dx * t1, ay + dy * t1])
        rows = zip(found.passing, inside.tolist(), cut.tolist(), strict=True)
        for item, shown, (x1, y1, x2, y2) in rows:
            emphasis = (
                state.relationship_emphasis(item.relationship_id, item.source_id, item.target_id)
                if overlay
                else 0
            )
            if emphasis > 0:
                near.append(item)  # highlighted lines are drawn in full wherever they run
                continue
            if not shown:
                continue
            colour = colours.get(item.status)
            if colour is None:
                colour = colours[item.status] = item.style.colour
            groups.setdefault((colour, emphasis), []).append(QLineF(x1, y1, x2, y2))
        return groups


def _visible_rect(painter: QPainter, widget: QWidget | None, exposed: QRectF) -> QRectF:
    """The part of the scene a view's widget shows (``exposed`` when not drawing on a view)."""
    if widget is None:
        return exposed
    inverse, ok = painter.worldTransform().inverted()
    return inverse.mapRect(QRectF(widget.rect())) if ok else exposed
