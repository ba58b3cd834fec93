"""The scene's items for one map: building them, keeping them in step with map events.

:class:`MapItems` owns the id → item dictionaries and applies each change event with work
proportional to what changed (a stakeholder and its relationships), never to the map's size.
It knows nothing of mouse or keyboard; :class:`~sysmap.canvas.scene_input.InputScene` does.

One piece (about 490 lines): the id → item dictionaries and the handler of each change
event belong together, since every handler keeps those dictionaries and the spatial grid in
step.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from sysmap.canvas.colouring import Colouring
from sysmap.canvas.drag_routes import DragRoutes
from sysmap.canvas.edge_layer import EdgeLayer
from sysmap.canvas.edge_table import EdgeTable
from sysmap.canvas.geometry import parallel_offsets
from sysmap.canvas.line_routes import LineRouter
from sysmap.canvas.overview import DensityGrid, OverviewItem
from sysmap.canvas.relationship_item import RelationshipItem
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import CanvasState
from sysmap.model import events as ev
from sysmap.model.system_map import SystemMap

SCENE_MARGIN = 2000.0
MANY_MOVES = 200
BREATHE_EVERY = 1500
"""Items made between two calls of a build's ``breathe`` (about 0.1 s of work)."""
"""From this many stakeholders moved at once (a layout, its undo), each line is re-routed
once and the overview redrawn whole, instead of following every item as it moves."""
RelationshipRow = tuple[str, str, str, Mapping[str, Any]]
"""A relationship's id, source, target and fields, as the map lists them."""
_STYLE_FIELDS = frozenset({"sectors", "places", "kinds", "relation_types"})


class MapItems:
    """Items for the stakeholders and relationships of one map, kept in step with its events.

    Parameters
    ----------
    scene : QGraphicsScene
        Where the items go.
    system_map : SystemMap
        The map drawn.
    state : CanvasState
        Drawing state shared with the items.
    colouring : Colouring
        Gives each stakeholder its fill.
    on_geometry : callable
        Called with the ids of stakeholders that moved or changed size (overlay marks follow).
    """

    def __init__(
        self,
        scene: QGraphicsScene,
        system_map: SystemMap,
        state: CanvasState,
        colouring: Colouring,
        on_geometry: Callable[[Iterable[str]], None],
    ) -> None:
        self.scene = scene
        self.map = system_map
        self.state = state
        self.colouring = colouring
        self._on_geometry = on_geometry
        self.stakeholders: dict[str, StakeholderItem] = {}
        self.relationships: dict[str, RelationshipItem] = {}
        self.kinds: Counter[str] = Counter()
        self.pinned = 0
        self.statuses: Counter[str] = Counter()
        self.grid = DensityGrid()
        self._edges_of: dict[str, set[str]] = defaultdict(set)
        self._pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._placed: dict[str, tuple[float, float]] = {}
        self._quiet = False
        self._bulk = False
        self.overview = OverviewItem(
            state, self.stakeholders, self.relationships, lambda r: r.style.colour
        )
        scene.addItem(self.overview)
        self.router = LineRouter(self.stakeholders, self.relationships)
        self.drag = DragRoutes(self.router, self._rerouted, lambda: on_geometry(()))
        self.edge_table = EdgeTable()
        self.edge_layer = EdgeLayer(state, self.edge_table)
        scene.addItem(self.edge_layer)

    # ------------------------------------------------------------------ building
    def build(self, breathe: Callable[[], None] | None = None) -> None:
        """Make an item for every stakeholder and relationship of the map.

        ``breathe``, if given, is called after every :data:`BREATHE_EVERY` items: a national
        map takes seconds to build, and a window wants to repaint meanwhile.
        """
        nodes, rows = self.map.stakeholder_ids(), list(self.map.relationship_rows())
        made = len(nodes) + len(rows)
        for start in range(0, len(nodes), BREATHE_EVERY):
            self.build_part(nodes[start : start + BREATHE_EVERY], ())
            if breathe is not None and start + BREATHE_EVERY < made:
                breathe()
        for start in range(0, len(rows), BREATHE_EVERY):
            self.build_part((), rows[start : start + BREATHE_EVERY])
            if breathe is not None and len(nodes) + start + BREATHE_EVERY < made:
                breathe()
        for step in self.finishing_steps():
            if breathe is not None and made >= BREATHE_EVERY:
                breathe()
            step()

    def build_part(self, node_ids: Iterable[str], rows: Iterable[RelationshipRow]) -> None:
        """Make the items of some stakeholders, then of some relationships (``(id, source,
        target, fields)``), as a slice of a build: the overview, the lines' spread and the
        scene's extent are brought in step by :meth:`finishing_steps` once all are made."""
        self._quiet = True  # one overview rebuild and one spread at the end, not per item
        try:
            for node_id in node_ids:
                self._add_stakeholder(node_id)
            for rel_id, source, target, data in rows:
                self._add_relationship(rel_id, source, target, data)
        finally:
            self._quiet = False

    def finishing_steps(self, sketched: bool = False) -> list[Callable[[], None]]:
        """What completes a build once every item is made, in steps of a fraction of a second.

        ``sketched``: the overview already holds these very records (drawn from the map
        before the items were made), so they are not filed again.
        """
        lines = list(self.relationships.values())
        steps: list[Callable[[], None]] = [self._spread_all, self._route_all]
        for start in range(0, len(lines), BREATHE_EVERY):
            part = lines[start : start + BREATHE_EVERY]
            steps.append(lambda part=part: self.edge_table.load(part))  # type: ignore[misc]
        if not sketched:
            steps.append(lambda: self.overview.stakeholders_changed(self.stakeholders))
            steps.append(lambda: self.overview.relationships_changed(self.relationships))
        steps.append(self.fit_scene_rect)
        return steps

    def _route_all(self) -> None:
        self.router.route_all()  # before the edge table files the lines: bent ones are not straight

    def _spread_all(self) -> None:
        for a, b in [pair for pair, ids in self._pairs.items() if len(ids) > 1]:
            self._spread(a, b)

    def clear(self) -> None:
        """Remove every item this object made."""
        layers = [self.overview, self.edge_layer]
        for item in [*self.relationships.values(), *self.stakeholders.values(), *layers]:
            if item.scene() is self.scene:
                self.scene.removeItem(item)
        self.stakeholders.clear()
        self.relationships.clear()
        self.edge_table.clear()

    # ------------------------------------------------------------------ events
    def apply(self, event: ev.MapEvent) -> None:
        """Bring the items in step with one map event."""
        if isinstance(event, ev.StakeholderAdded):
            self._add_stakeholder(event.stakeholder_id, event.index)
        elif isinstance(event, ev.StakeholderRemoved):
            self._remove_stakeholder(event.stakeholder_id)
        elif isinstance(event, ev.StakeholderChanged):
            self._change_stakeholder(event.stakeholder_id)
        elif isinstance(event, ev.StakeholdersMoved):
            self._move_stakeholders(event.stakeholder_ids)
        elif isinstance(event, ev.RelationshipAdded):
            self._add_relationship_by_id(event.relationship_id)
        elif isinstance(event, ev.RelationshipRemoved):
            self._remove_relationship(event.relationship_id, event.source, event.target)
        elif isinstance(event, ev.RelationshipChanged):
            self._change_relationship(event.relationship_id)
        elif isinstance(event, ev.MapChanged) and _STYLE_FIELDS & event.fields:
            self.restyle()

    def _add_stakeholder(self, node_id: str, index: int | None = None) -> None:
        data = self.map.stakeholder_fields(node_id)
        fill = self.colouring.add(data)
        item = StakeholderItem(node_id, data, fill, self.state, self._item_moved)
        self.stakeholders[node_id] = item
        self.kinds[str(data.get("kind") or "")] += 1
        self.pinned += item.pinned
        x, y = item.pos().x(), item.pos().y()
        self._placed[node_id] = (x, y)
        self.grid.add(x, y, node_id)
        self.scene.addItem(item)
        if not self._quiet:
            self._stack_in_map_order(item, index)
            self._rerouted(self.router.box_changed(node_id))
            self.overview.stakeholders_changed((node_id,))
            self._grow_scene_rect(item.sceneBoundingRect())

    def _stack_in_map_order(self, item: StakeholderItem, index: int | None) -> None:
        """Put a stakeholder back under those after it in the map's order (``index``, as its
        event gives it), as a fresh view stacks them: one restored by an undo would
        otherwise cover a box it overlaps."""
        if index is None or index >= self.map.stakeholder_count - 1:
            return  # a new stakeholder: last in the map, on top, as Qt added it
        for later in self.map.stakeholder_ids()[index + 1 :]:
            above = self.stakeholders.get(later)
            if above is not None:
                item.stackBefore(above)  # Qt renumbers every top-level item: about 0.6 ms at 5k
                return

    def _remove_stakeholder(self, node_id: str) -> None:
        item = self.stakeholders.pop(node_id, None)
        if item is None:
            return
        for rel_id in list(self._edges_of.pop(node_id, ())):  # normally already gone
            rel = self.relationships.get(rel_id)
            if rel is not None:
                self._remove_relationship(rel_id, rel.source_id, rel.target_id)
        self.kinds[_kind_of(item)] -= 1
        self.kinds += Counter()  # drop zero counts
        self.pinned -= item.pinned
        self.colouring.remove(item.counted_data)
        self.grid.remove(*self._placed.pop(node_id), node_id)
        self.scene.removeItem(item)
        self._rerouted(self.router.box_removed(node_id))
        self.overview.stakeholders_changed((node_id,))

    def _change_stakeholder(self, node_id: str) -> None:
        item = self.stakeholders[node_id]
        data = self.map.stakeholder_fields(node_id)
        self.colouring.remove(item.counted_data)
        self.kinds[_kind_of(item)] -= 1
        self.pinned -= item.pinned
        fill = self.colouring.add(data)
        item.update_from(data, fill)
        self.pinned += item.pinned
        self.kinds[str(data.get("kind") or "")] += 1
        self.kinds += Counter()
        self._move_stakeholders((node_id,))
        # A new shape of the same size bends lines differently (an ellipse spares corners).
        self._rerouted(self.router.box_changed(node_id, self._edges_of.get(node_id, ())))
        self.overview.stakeholders_changed((node_id,))

    def _move_stakeholders(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if len(ids) >= MANY_MOVES:
            self._move_many(ids)
        else:
            self._place(ids)  # each item's itemChange re-routes its relationships

    def _place(self, ids: Iterable[str]) -> list[str]:
        """Put items where the map says; return the ids of those that moved."""
        graph = self.map.network()
        moved: list[str] = []
        for node_id in ids:
            item = self.stakeholders.get(node_id)
            if item is None:
                continue
            data = graph.nodes[node_id]
            x, y = float(data.get("x", 0.0)), float(data.get("y", 0.0))
            if self._placed.get(node_id) != (x, y):  # where the item is
                item.setPos(x, y)
                moved.append(node_id)
                self._track(node_id, x, y)
        return moved

    def _move_many(self, ids: list[str]) -> None:
        """Move many items, then re-route each of their lines once."""
        self._bulk = True  # items report their moves; nothing follows them one by one
        try:
            moved = self._place(ids)
        finally:
            self._bulk = False
        lines: set[str] = self.router.route_all()  # lines bent round a box that moved
        for node_id in moved:
            lines.update(self._edges_of.get(node_id, ()))
        where = self._placed
        for rel_id in lines:
            rel = self.relationships[rel_id]
            (ax, ay), (bx, by) = where[rel.source_id], where[rel.target_id]
            rel.ends_moved(refresh=False, ends=(ax, ay, bx, by))
        self.overview.stakeholders_changed(moved, where)
        self.overview.relationships_changed(lines, where)
        self.fit_scene_rect()
        self.scene.update()
        self._on_geometry(moved)

    def _track(self, node_id: str, x: float, y: float) -> None:
        old = self._placed.get(node_id)
        if old != (x, y):
            if old is not None:
                self.grid.remove(*old, node_id)
            self.grid.add(x, y, node_id)
            self._placed[node_id] = (x, y)

    def _item_moved(self, item: StakeholderItem) -> None:
        # Called by the item itself, during a drag as well as after a model move.
        if self._bulk:
            return
        node_id = item.stakeholder_id
        rels = self._edges_of.get(node_id, ())
        bent = set() if self._quiet else self.router.box_changed(node_id, rels)
        self.drag.moved()
        for rel_id in rels:
            self.relationships[rel_id].ends_moved()
        if self._quiet:
            return
        self._rerouted(bent)
        self._track(node_id, item.pos().x(), item.pos().y())
        self.overview.stakeholders_changed((node_id,))
        self.overview.relationships_changed(rels)
        self._grow_scene_rect(item.sceneBoundingRect())
        self._on_geometry((node_id,))

    def _add_relationship(
        self, rel_id: str, source: str, target: str, data: Mapping[str, Any]
    ) -> None:
        status = str(data.get("status", "active"))
        relation = data.get("relation")
        item = RelationshipItem(
            rel_id,
            self.stakeholders[source],
            self.stakeholders[target],
            status,
            self._directed(relation, data.get("directed")),
            self._caption(relation, status),
            self.state,
        )
        item.layer = self.edge_layer
        self.relationships[rel_id] = item
        self.statuses[status] += 1
        self._edges_of[source].add(rel_id)
        self._edges_of[target].add(rel_id)
        self._pairs[_pair(source, target)].append(rel_id)
        self.scene.addItem(item)
        if not self._quiet:
            self._spread(source, target)
            self._rerouted(self.router.lines_changed(self._pairs[_pair(source, target)]))
            self.edge_layer.line_added(item)
            self.overview.relationships_changed((rel_id,))

    def _add_relationship_by_id(self, rel_id: str) -> None:
        rel = self.map.relationship(rel_id)
        data = self.map.relationship_fields(rel_id)
        self._add_relationship(rel_id, rel.source, rel.target, data)

    def _remove_relationship(self, rel_id: str, source: str, target: str) -> None:
        item = self.relationships.pop(rel_id, None)
        if item is None:
            return
        self.statuses[item.status] -= 1
        self.statuses += Counter()
        self._edges_of[source].discard(rel_id)
        self._edges_of[target].discard(rel_id)
        pair = self._pairs[_pair(source, target)]
        pair.remove(rel_id)
        if not pair:
            del self._pairs[_pair(source, target)]
        self.scene.removeItem(item)
        self.edge_layer.line_removed(rel_id, item.boundingRect())
        self._rerouted(self.router.line_removed(rel_id))
        self._spread(source, target)
        self._rerouted(self.router.lines_changed(self._pairs.get(_pair(source, target), ())))
        self.overview.relationships_changed((rel_id,))

    def _change_relationship(self, rel_id: str) -> None:
        item = self.relationships[rel_id]
        rel = self.map.relationship(rel_id)
        if (rel.source, rel.target) != (item.source_id, item.target_id):
            self._remove_relationship(rel_id, item.source_id, item.target_id)
            self._add_relationship_by_id(rel_id)
            return
        self.statuses[item.status] -= 1
        self.statuses[rel.status] += 1
        self.statuses += Counter()
        item.update_from(
            rel.status,
            self._directed(rel.relation, rel.directed),
            self._caption(rel.relation, rel.status),
        )
        self.overview.relationships_changed((rel_id,))

    def _spread(self, a: str, b: str) -> None:
        """Give the relationships between a and b distinct offsets so none hides another.

        They are spread in the order of their ids, not the order they were drawn in: after
        an undo brings one back, the lines bow as they do when the map is opened afresh.
        """
        ids = sorted(self._pairs.get(_pair(a, b), []))
        first = _pair(a, b)[0]
        for rel_id, offset in zip(ids, parallel_offsets(len(ids)), strict=True):
            item = self.relationships[rel_id]
            # The offset is to the left of source → target, so flip it for the other way.
            item.set_offset(offset if item.source_id == first else -offset)

    def _rerouted(self, rel_ids: Iterable[str]) -> None:
        """Lines given another bend (already repainted): the overview follows them, and the
        scene grows to hold a curve that bulges out of the map."""
        rel_ids = list(rel_ids)
        if rel_ids:
            self.overview.relationships_changed(rel_ids)
        for rel_id in rel_ids:
            line = self.relationships[rel_id]
            if line.bend is not None:
                self._grow_scene_rect(line.path().boundingRect())

    # ------------------------------------------------------------------ styling
    def _directed(self, relation: str | None, directed: bool | None) -> bool:
        if directed is not None:
            return bool(directed)
        term = self.map.relation_types.get(relation or "")
        return bool(term.directed) if term is not None and term.directed is not None else False

    def _caption(self, relation: str | None, status: str) -> str:
        caption = self.map.relation_types.label(relation) if relation else ""
        if status != "active":
            caption = f"{caption} · {status}" if caption else status
        return caption

    def restyle(self) -> None:
        """Re-read every fill and caption (colouring or vocabularies changed)."""
        graph = self.map.network()
        self.colouring = Colouring(self.map, self.colouring.attribute)
        for node_id, item in self.stakeholders.items():
            item.update_from(graph.nodes[node_id], self.colouring.add(graph.nodes[node_id]))
        for rel_id, rel_item in self.relationships.items():
            rel = self.map.relationship(rel_id)
            rel_item.update_from(
                rel.status,
                self._directed(rel.relation, rel.directed),
                self._caption(rel.relation, rel.status),
            )
        self.overview.restyle_all()

    def set_overview(self, on: bool) -> None:
        """Switch between painting items one by one and painting the map in batches."""
        if on == self.state.overview:
            return
        self.state.overview = on
        flag = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        for item in self.stakeholders.values():
            item.setFlag(flag, on)
        self.overview.update()
        self.edge_layer.update()

    # ------------------------------------------------------------------ extent
    def map_rect(self) -> QRectF:
        """The rectangle holding every stakeholder and bent line (exact; walks all of them)."""
        rect = QRectF()
        for item in self.stakeholders.values():
            rect = rect.united(item.sceneBoundingRect())
        for line in self.relationships.values():
            if line.bend is not None:  # a line bent round the edge of the map bulges out
                rect = rect.united(line.path().boundingRect())
        return rect

    def fit_scene_rect(self, rect: QRectF | None = None) -> None:
        """Size the scene to the map (``rect``, else measured) plus a margin to scroll into."""
        rect = self.map_rect() if rect is None else rect
        if rect.isNull():
            rect = QRectF(-400, -300, 800, 600)
        self.overview.set_bounds(rect.adjusted(-50, -50, 50, 50))
        self.edge_layer.set_bounds(rect.adjusted(-50, -50, 50, 50))
        self.scene.setSceneRect(
            rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
        )

    def _grow_scene_rect(self, rect: QRectF) -> None:
        # An explicit scene rect: Qt's automatic one re-measures every item after each change.
        scene_rect = self.scene.sceneRect()
        if not scene_rect.contains(rect):
            grown = scene_rect.united(
                rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
            )
            self.scene.setSceneRect(grown)
        bounds = self.overview.boundingRect()
        if not bounds.contains(rect):
            grown = bounds.united(rect.adjusted(-50, -50, 50, 50))
            self.overview.set_bounds(grown)
            self.edge_layer.set_bounds(grown)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _kind_of(item: StakeholderItem) -> str:
    return str(item.counted_data.get("kind") or "")
