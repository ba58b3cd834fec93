"""Keeping every line's bend in step with the stakeholders' boxes (issue 13).

:mod:`sysmap.layout.routes` decides where a line runs from its ends and the boxes alone.
:class:`LineRouter` holds the boxes the canvas really draws (an item's size follows its
label's font metrics) and each line's *region* (where a box could change its route), and
after an edit routes again exactly the lines that edit could change: a stakeholder that
moves, appears, goes or changes size re-routes its own lines and every line whose region
meets its old or new box. Since a route depends on nothing else, the canvas after any edit
shows the routes a freshly built canvas shows.

While the user drags a stakeholder (:attr:`LineRouter.rough`), lines are routed as a drag's
steps (``drag`` of :func:`~sysmap.layout.routes.route_lines`): the cheapest bends only, no
two waypoints, no search for a bend passing close; a line none of those clears keeps that
bend till the drag settles. On the densest synthetic map the two-waypoint search cost 35
of a step's 49 ms, and searching every bend again each step for a line none clears most of
the rest. The lines routed so are kept (:meth:`LineRouter.rough_lines`) and
:meth:`LineRouter.settle` routes them in full when the drag pauses or ends, so what is left
on the canvas is again what a fresh canvas draws.

Maps of more than :data:`ROUTE_LIMIT` stakeholders or :data:`LINE_LIMIT` lines are not
routed (every line is drawn straight, as before): see README for the cost measured.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np

from sysmap.canvas.curves import Bend
from sysmap.canvas.relationship_item import RelationshipItem
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.layout.nodes import FloatArray
from sysmap.layout.route_hits import Obstacles
from sysmap.layout.routes import route_lines

ROUTE_LIMIT = 150
"""Maps with more stakeholders than this keep straight lines (routing costs grow with size)."""
LINE_LIMIT = 300
"""Nor are maps of more lines than this routed (as the layouts' line pass, and for the same
reason: on a crowded map most lines need bending, and a drag re-routes many each step)."""

Rect = tuple[float, float, float, float]
"""Left, top, right, bottom."""
Box = tuple[float, float, float, float, bool]
"""Centre x, y, half width, half height of a stakeholder's shape, and whether an ellipse."""


class LineRouter:
    """Every line's bend, routed round the boxes of the stakeholders it does not join.

    Parameters
    ----------
    stakeholders, relationships : mapping
        The scene's items by id (the router reads them, never changes the dictionaries).
    """

    def __init__(
        self,
        stakeholders: Mapping[str, StakeholderItem],
        relationships: Mapping[str, RelationshipItem],
    ) -> None:
        self._stakeholders = stakeholders
        self._relationships = relationships
        self._boxes: dict[str, Box] = {}
        self._regions: dict[str, Rect] = {}
        self.active = False
        """Whether lines are routed at all (the map has at most :data:`ROUTE_LIMIT`)."""
        self.rough = False
        """Whether to route roughly, as a drag's steps (cheapest bends only): see
        :meth:`settle`."""
        self._rough: set[str] = set()
        self._rough_marks = False

    # ------------------------------------------------------------------ whole map
    def route_all(self, refresh: bool = False) -> set[str]:
        """Route every line afresh (a map built, a layout); return the ids of lines whose
        bend changed (``refresh``: repaint them, else the caller repaints the whole map)."""
        self.active = self._fits()
        self._regions.clear()
        self._rough.clear()
        if not self.active:  # a big map: no boxes kept (each edit would pay for them)
            self._boxes.clear()
            bent = [(rel, item) for rel, item in self._relationships.items() if item.bend]
            return {rel for rel, item in bent if item.set_bend(None, refresh)}
        self._boxes = {node: _box(item) for node, item in self._stakeholders.items()}
        return self._route(list(self._relationships), refresh, full=True)

    # ------------------------------------------------------------------ edits
    def box_changed(self, node_id: str, own: Iterable[str] = ()) -> set[str]:
        """A stakeholder appeared, moved, changed size or shape (``own``: its lines);
        return the ids of the lines whose bend changed (already repainted where they were
        and are)."""
        if self._fits() != self.active:
            return self.route_all(refresh=True)  # the map crossed a limit, either way
        if not self.active:
            return set()
        item = self._stakeholders.get(node_id)
        old = self._boxes.pop(node_id, None)
        new = _box(item) if item is not None else None
        if new is not None:
            self._boxes[node_id] = new
        if old == new:
            return set()
        rects = meeting_rects(box for box in (old, new) if box is not None)
        own = set(own)
        return self._route(sorted(own | self._lines_meeting(rects)))

    def box_removed(self, node_id: str) -> set[str]:
        """A stakeholder is gone (its lines already are): re-route the lines it bent."""
        return self.box_changed(node_id)

    def lines_changed(self, rel_ids: Iterable[str]) -> set[str]:
        """Lines added or given another parallel offset: route them; return those whose
        bend changed."""
        if self._fits() != self.active:
            return self.route_all(refresh=True)  # the map crossed a limit, either way
        return self._route(sorted(rel_ids)) if self.active else set()

    def line_removed(self, rel_id: str) -> set[str]:
        """Forget a line's region; return the lines whose bend changed (the map may have
        come back under :data:`LINE_LIMIT`)."""
        self._regions.pop(rel_id, None)
        self._rough.discard(rel_id)
        if self._fits() != self.active:
            return self.route_all(refresh=True)
        return set()

    def _fits(self) -> bool:
        """Whether the map is small enough to route."""
        return len(self._stakeholders) <= ROUTE_LIMIT and len(self._relationships) <= LINE_LIMIT

    def bend_between(self, source: str, target: str) -> Bend | None:
        """The bend a line from ``source`` to ``target`` would get (None: straight), for
        lines that are not relationships (an overlay's suggested links)."""
        if not self.active or source == target or {source, target} - set(self._boxes):
            return None
        obstacles, index = self._obstacles()
        ends = np.array([[index[source], index[target]]], dtype=np.int64)
        centre = obstacles.centre
        args = (obstacles, centre[ends[:, 0]], centre[ends[:, 1]], ends)
        routes = route_lines(*args, drag=self.rough)
        self._rough_marks |= bool(routes.rough[0])
        return _bend(routes.bend[0].tolist(), routes.waypoints[0].tolist(), 0.0)

    # ------------------------------------------------------------------ a drag
    def rough_lines(self) -> set[str]:
        """The lines routed roughly since the last :meth:`settle` that a full routing may
        route otherwise (a copy)."""
        return set(self._rough)

    def settle(self) -> tuple[set[str], bool]:
        """Route in full the lines routed roughly (see :attr:`rough`), whatever it says now.

        Returns
        -------
        changed : set of str
            The lines whose bend changed (already repainted).
        marks : bool
            Whether :meth:`bend_between` answered roughly meanwhile (the overlay's marks
            along lines should ask again).
        """
        rough, self._rough = sorted(self._rough), set()
        marks, self._rough_marks = self._rough_marks, False
        if not self.active or not rough:
            return set(), marks
        return self._route(rough, full=True), marks

    # ------------------------------------------------------------------ inside
    def _lines_meeting(self, rects: list[Rect]) -> set[str]:
        """Lines whose region meets one of ``rects``."""
        if not rects or not self._regions:
            return set()
        ids = list(self._regions)
        region = np.array([self._regions[rel] for rel in ids]).T
        hit = np.zeros(len(ids), dtype=bool)
        for left, top, right, bottom in rects:
            hit |= (
                (region[0] <= right)
                & (region[2] >= left)
                & (region[1] <= bottom)
                & (region[3] >= top)
            )
        return {ids[i] for i in np.flatnonzero(hit).tolist()}

    def _route(self, rel_ids: list[str], refresh: bool = True, full: bool = False) -> set[str]:
        """Route ``rel_ids`` (existing lines only) and bend their items; ``refresh``: repaint
        each changed line where it ran and where it runs now; ``full``: in full even during
        a drag."""
        rough = self.rough and not full
        if rough:
            # A line left rough a step ago (none of the cheapest bends cleared it) keeps its
            # bend till the drag settles (its ends follow the pointer): searching again each
            # step cost most of a step on the densest synthetic map.
            rel_ids = [rel for rel in rel_ids if rel not in self._rough]
        items = [
            (rel, item)
            for rel in rel_ids
            if (item := self._relationships.get(rel)) is not None
            and item.source_item is not item.target_item
        ]
        if not items:
            return set()
        obstacles, index = self._obstacles()
        ends = np.array(
            [(index[item.source_id], index[item.target_id]) for _, item in items], dtype=np.int64
        )
        base = np.array([item.offset for _, item in items])
        centre = obstacles.centre
        routes = route_lines(
            obstacles,
            centre[ends[:, 0]],
            centre[ends[:, 1]],
            ends,
            base,
            drag=rough,
        )
        changed: set[str] = set()
        bends, ways = routes.bend.tolist(), routes.waypoints.tolist()
        regions, left = routes.region.tolist(), routes.rough.tolist()
        rows = zip(items, bends, ways, base.tolist(), regions, left, strict=True)
        for (rel, item), bent, way, own, region, unsettled in rows:
            self._regions[rel] = (region[0], region[1], region[2], region[3])
            # A line left rough is routed in full by settle(); one routed in full is settled.
            if unsettled:
                self._rough.add(rel)
            else:
                self._rough.discard(rel)
            if item.set_bend(_bend(bent, way, own), refresh):
                changed.add(rel)
        return changed

    def _obstacles(self) -> tuple[Obstacles, dict[str, int]]:
        """Every box as :class:`~sysmap.layout.routes.Obstacles`, and each id's row."""
        ids = list(self._boxes)
        table: FloatArray = np.array([self._boxes[node] for node in ids], dtype=float)
        table = table.reshape(-1, 5)
        obstacles = Obstacles(table[:, :2], table[:, 2:4], table[:, 4] > 0.5)
        return obstacles, {node: i for i, node in enumerate(ids)}


def _bend(bent: list[float], way: list[float], own: float) -> Bend | None:
    """A route as an item's bend: its two waypoints where it has them, else its bend (None
    where that is the line's own parallel offset, or straight)."""
    if not math.isnan(way[0]):
        return (way[0], way[1], way[2], way[3])
    along, bulge = bent
    return None if along == 0.0 and bulge == own else (along, bulge)


def _box(item: StakeholderItem) -> Box:
    """Centre, half size and roundness of an item's shape (as drawn)."""
    pos = item.pos()
    hw, hh = item.half_size()
    return pos.x(), pos.y(), hw, hh, item.shape_name == "ellipse"


def meeting_rects(boxes: Iterable[Box]) -> list[Rect]:
    """Boxes as left, top, right, bottom rectangles."""
    return [(x - hw, y - hh, x + hw, y + hh) for x, y, hw, hh, _ in boxes]
