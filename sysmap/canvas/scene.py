"""MapScene: the map drawn as Qt graphics items, following the map's change events.

The scene never changes the map. What the user does becomes a signal carrying plain values
(:attr:`MapScene.stakeholders_moved`, :attr:`MapScene.connect_requested`…); the GUI turns
each into an undo command that edits the map; the map's event brings the scene in step.

One piece for now (over 400 lines): MapScene ties the items, the modes and the overlays to
the GUI's signals; moving its selection and overlay handling out is the next step, left
until the canvas work of issues 13 and 17 has landed.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QWidget,
)

from sysmap.canvas.colouring import Colouring
from sysmap.canvas.guides import GuideItem
from sysmap.canvas.item_build import SlicedBuild
from sysmap.canvas.items import MapItems
from sysmap.canvas.label_editor import LabelEditor
from sysmap.canvas.legend import Legend, build_legend
from sysmap.canvas.modes import MODES, ConnectDrag, Mode, SelectMode
from sysmap.canvas.overlay import Overlay
from sysmap.canvas.overlay_items import OverlayMark, overlay_marks, replan_tags
from sysmap.canvas.overlay_key import overlay_key
from sysmap.canvas.overview import wants_overview
from sysmap.canvas.relationship_item import RelationshipItem
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import LABEL_LOD, CanvasState
from sysmap.canvas.stepping import DIRECTIONS, nearest_in_direction, nearest_to
from sysmap.canvas.theme import LIGHT, CanvasTheme, canvas_font, qcolor
from sysmap.layout.result import Guide
from sysmap.model import events as ev
from sysmap.model.system_map import SystemMap

BSP_DEPTH = 6
BUILD_ANYWAY_MS = 400
"""A map opened in slices and shown in no view is built this long after it was set."""
NUDGE = 10.0
FINE_NUDGE = 1.0
_STEPS = {
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
}
_ARROWS = {
    Qt.Key.Key_Left: (-1.0, 0.0),
    Qt.Key.Key_Right: (1.0, 0.0),
    Qt.Key.Key_Up: (0.0, -1.0),
    Qt.Key.Key_Down: (0.0, 1.0),
}


class MapScene(QGraphicsScene):
    """A map on a canvas, drawn from a SystemMap and kept in step with its change events.

    Parameters
    ----------
    system_map : SystemMap, optional
        The map to draw (an empty one if not given).
    parent : QObject, optional
        Qt parent.
    """

    stakeholders_moved = Signal(dict, dict)
    stakeholders_nudged = Signal(dict, dict)
    """Like ``stakeholders_moved``, for arrow-key nudges (an app merges them into one step)."""
    add_stakeholder_requested = Signal(float, float)
    connect_requested = Signal(str, str)
    rename_requested = Signal(str, str)
    rename_cancelled = Signal(str)
    number_pressed = Signal(int)
    """A number key 1–9 with stakeholders selected (the GUI sets that sector)."""
    """Esc in the name editor: a stakeholder just added is then taken back."""
    context_menu_requested = Signal(QPoint, str, str)
    mode_changed = Signal(str)
    hovered_changed = Signal(str)
    legend_changed = Signal()
    title_changed = Signal()
    drawing_changed = Signal()
    """Something drawn changed (an edit, or stakeholders dragged): name tags are placed anew.

    The view listens to this rather than to ``QGraphicsScene.changed``: while anything is
    connected to ``changed``, Qt stops sending items' repaints straight to the views and
    a removed item's patch can be left unpainted (the removed stakeholder stays on screen).
    """
    open_requested = Signal(str)
    """Enter on a selected stakeholder: show it in the inspector."""
    sketch_shown = Signal()
    """A map opened in slices has had its first frame: its items are being made now."""
    items_made = Signal()
    """Every item of a map opened in slices has been made: it can be clicked and edited."""

    def __init__(self, system_map: SystemMap | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        # Qt's automatic depth (15 at 25,000 items) files every long relationship in
        # thousands of cells and spends 200 ms a frame undoing that; 6 measures best.
        self.setBspTreeDepth(BSP_DEPTH)
        self.state = CanvasState()
        self._map = system_map if system_map is not None else SystemMap()
        self._unsubscribe: Callable[[], None] | None = None
        self._colour_attribute = "sector"
        self._items: MapItems | None = None
        self._build: SlicedBuild | None = None
        self._build_later = QTimer(self)
        self._build_later.setSingleShot(True)
        self._build_later.setInterval(BUILD_ANYWAY_MS)
        self._build_later.timeout.connect(self._build_unseen)
        self.breathe: Callable[[], None] | None = None
        """Called now and then while a big map's items are made, so a window can repaint."""
        self._guides: list[GuideItem] = []
        self._marks: list[OverlayMark] = []
        self._mode: Mode = SelectMode(self)
        self._connect: ConnectDrag | None = None
        self._editor: LabelEditor | None = None
        self._stepped_to: str | None = None  # where Ctrl+arrow last went
        self._press_positions: dict[str, tuple[float, float]] = {}
        self._lod = 1.0
        self._callout = _callout()
        self._callout_shown = False
        self.named_by_tag: Callable[[str], bool] = lambda _id: False
        """Whether a view already writes this stakeholder's name beside it (set by the view)."""
        self.addItem(self._callout)
        self.set_map(self._map)

    # ------------------------------------------------------------------ the map
    @property
    def system_map(self) -> SystemMap:
        """The map shown."""
        return self._map

    @property
    def items_model(self) -> MapItems:
        """The item bookkeeping (for the view, export and tests): every item, made now if a
        map opened in slices is still being built."""
        self.finish_building()
        assert self._items is not None
        return self._items

    def set_map(
        self, system_map: SystemMap, sliced: bool = False, colour_attribute: str | None = None
    ) -> None:
        """Show another map; overlay, guides and selection are cleared.

        ``sliced`` (a big map): the first frame shows the map drawn straight from its data,
        and its items are made in slices after that frame (see
        :mod:`~sysmap.canvas.item_build`); otherwise they are all made now.
        ``colour_attribute``: what fills show (as before if not given).
        """
        self.close()
        self._stop_building()
        self._cancel_interactions()
        self.set_overlay(None)
        self.set_guides(())
        if self.state.hovered or self._callout_shown:
            self.stakeholder_hovered(None, False)  # the old map's name must not stay up
        had_selection = bool(self.selectedItems())
        if self._items is not None:
            # Removing selected items says "selection changed" at once, while listeners
            # already hold the new map: they would look up the old map's ids in it.
            blocked = self.blockSignals(True)
            try:
                self._items.clear()
            finally:
                self.blockSignals(blocked)
        self._map = system_map
        if colour_attribute is not None:
            self._colour_attribute = colour_attribute
        colouring = Colouring(system_map, self._colour_attribute)
        self._items = MapItems(self, system_map, self.state, colouring, self._geometry_changed)
        if sliced:
            self._build = SlicedBuild(self._items, self.state.theme, self._built)
            self._set_interactive(False)
            self._build_later.start()  # built anyway if no view shows it
        else:
            self._items.build(self.breathe)
        self._unsubscribe = system_map.events.subscribe(self._on_event)
        self.legend_changed.emit()
        if had_selection:
            self.selectionChanged.emit()

    # ------------------------------------------------------------------ building in slices
    @property
    def building(self) -> bool:
        """Whether a map opened in slices is still having its items made."""
        return self._build is not None

    def start_building(self) -> None:
        """The first frame is up (a view painted it): make the items in slices from now."""
        build = self._build
        if build is not None and not build.started:
            self._build_later.stop()
            build.start()
            self.sketch_shown.emit()

    def _build_unseen(self) -> None:
        # A shown view paints the first frame, however late on a busy machine; a map no
        # view shows (a window not shown yet) is built anyway.
        if any(view.isVisible() for view in self.views()):
            self._build_later.start()
        else:
            self.start_building()

    def finish_building(self) -> None:
        """Make every item left now (something needs them: an edit, a selection)."""
        if self._build is not None:
            self._build.finish()

    def _built(self) -> None:
        self._build = None
        self._build_later.stop()
        self._set_interactive(True)
        self.legend_changed.emit()  # counted from the items now (the same counts)
        self.items_made.emit()

    def _stop_building(self) -> None:
        if self._build is not None:
            self._build.stop()
            self._build = None
            self._build_later.stop()
            self._set_interactive(True)

    def _set_interactive(self, interactive: bool) -> None:
        # Clicks, drags and keys on a half-made map would meet half its items.
        for view in self.views():
            view.setInteractive(interactive)

    def close(self) -> None:
        """Stop following the map's events (call before dropping the scene)."""
        if self._build is not None:  # what is left is made if anything asks for it
            self._build.stop()
            self._build_later.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_event(self, event: ev.MapEvent) -> None:
        if isinstance(event, ev.StakeholderRemoved | ev.RelationshipRemoved):
            self._cancel_interactions()
        self.items_model.apply(event)
        if isinstance(event, ev.StakeholderRemoved) and self.state.hovered == event.stakeholder_id:
            self.stakeholder_hovered(None, False)
        if isinstance(event, ev.StakeholdersMoved):
            self._geometry_changed(event.stakeholder_ids)
        if not isinstance(event, ev.StakeholdersMoved):
            self.legend_changed.emit()
        if isinstance(event, ev.MapChanged) and "title" in event.fields:
            self.title_changed.emit()
        self.drawing_changed.emit()

    def sync_positions(self, ids: Iterable[str] | None = None) -> None:
        """Put items back where the map says (after the GUI refused a move)."""
        items = self.items_model
        wanted = list(items.stakeholders) if ids is None else list(ids)
        items.apply(ev.StakeholdersMoved(tuple(wanted)))

    # ------------------------------------------------------------------ lookups
    def item_for_stakeholder(self, stakeholder_id: str) -> StakeholderItem | None:
        """The item drawing a stakeholder, if it is on the map."""
        return self.items_model.stakeholders.get(stakeholder_id)

    def item_for_relationship(self, relationship_id: str) -> RelationshipItem | None:
        """The item drawing a relationship, if it is on the map."""
        return self.items_model.relationships.get(relationship_id)

    def stakeholder_at(self, pos: QPointF) -> StakeholderItem | None:
        """The topmost stakeholder under a scene point."""
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape):
            if isinstance(item, StakeholderItem):
                return item
        return None

    def relationship_at(self, pos: QPointF) -> RelationshipItem | None:
        """The topmost relationship line under a scene point."""
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape):
            if isinstance(item, RelationshipItem):
                return item
        return None

    def view_transform(self) -> QTransform:
        """The first view's transform (for ``itemAt``), or identity."""
        views = self.views()
        return views[0].transform() if views else QTransform()

    def map_rect(self) -> QRectF:
        """The rectangle holding the stakeholders, guides and overlay marks."""
        build = self._build
        assert self._items is not None
        rect = build.extent if build is not None else self._items.map_rect()
        for item in [*self._guides, *self._marks]:
            rect = rect.united(item.sceneBoundingRect())
        return rect

    # ------------------------------------------------------------------ selection
    def stakeholder_boxes(self) -> np.ndarray:
        """Every stakeholder item's box (left, top, right, bottom), one row each."""
        if self._build is not None:
            return self._build.boxes()
        assert self._items is not None
        rects = [item.sceneBoundingRect() for item in self._items.stakeholders.values()]
        boxes = [(r.left(), r.top(), r.right(), r.bottom()) for r in rects]
        return np.array(boxes, dtype=float).reshape(-1, 4)

    def selected_stakeholder_ids(self) -> list[str]:
        """Selected stakeholders, in map order."""
        assert self._items is not None  # those not made yet are not selected
        items = self._items.stakeholders
        chosen = {i.stakeholder_id for i in self.selectedItems() if isinstance(i, StakeholderItem)}
        return [n for n in items if n in chosen]

    def selected_relationship_ids(self) -> list[str]:
        """Selected relationships, in map order."""
        assert self._items is not None
        items = self._items.relationships
        chosen = {
            i.relationship_id for i in self.selectedItems() if isinstance(i, RelationshipItem)
        }
        return [r for r in items if r in chosen]

    def select(
        self, stakeholder_ids: Iterable[str] = (), relationship_ids: Iterable[str] = ()
    ) -> None:
        """Replace the selection; ``selectionChanged`` is emitted once."""
        wanted: list[QGraphicsItem] = []
        items = self.items_model
        wanted += [items.stakeholders[i] for i in stakeholder_ids if i in items.stakeholders]
        wanted += [items.relationships[i] for i in relationship_ids if i in items.relationships]
        before = set(self.selectedItems())
        blocked = self.blockSignals(True)
        try:
            self.clearSelection()
            for item in wanted:
                item.setSelected(True)
        finally:
            self.blockSignals(blocked)
        if set(wanted) != before:
            self.selectionChanged.emit()

    # ------------------------------------------------------------------ how it looks
    @property
    def colour_attribute(self) -> str:
        """The attribute fills show ("sector" by default)."""
        return self._colour_attribute

    def colour_by(self, attribute: str) -> None:
        """Fill stakeholders by ``attribute``'s value (sector, place, kind or any attribute)."""
        if attribute == self._colour_attribute:
            return
        self._colour_attribute = attribute
        items = self.items_model
        items.colouring = Colouring(self._map, attribute)
        items.restyle()
        self.update()
        self.legend_changed.emit()

    def legend(self) -> Legend:
        """What the legend shows now."""
        counts = self._build if self._build is not None else self._items
        assert counts is not None
        overlay = self.state.overlay
        return build_legend(
            counts.colouring,
            counts.kinds,
            counts.statuses,
            overlay.title if overlay is not None else "",
            counts.pinned,
            overlay_key(overlay) if overlay is not None else (),
        )

    def set_theme(self, theme: CanvasTheme) -> None:
        """Draw on light or dark paper."""
        if theme != self.state.theme:
            self.state.theme = theme
            self.setBackgroundBrush(qcolor(theme.background))
            self.items_model.overview.restyle_all()
            self.items_model.edge_layer.restyled()
            self.update()

    def set_relation_labels_visible(self, visible: bool) -> None:
        """Write every relationship's type on it (otherwise only on hover)."""
        self.state.relation_labels = visible
        self.update()

    @property
    def guides(self) -> tuple[Guide, ...]:
        """The guides drawn behind the map."""
        return tuple(g.guide for g in self._guides)

    def set_guides(self, guides: Sequence[Guide]) -> None:
        """Draw a layout's guides behind the map (replacing any shown); not an edit."""
        for item in self._guides:
            self.removeItem(item)
        self._guides = [GuideItem(g, self.state) for g in guides]
        for item in self._guides:
            self.addItem(item)
            if self._items is not None:
                self._items._grow_scene_rect(item.sceneBoundingRect())

    @property
    def overlay(self) -> Overlay | None:
        """The analysis overlay shown, if any."""
        return self.state.overlay

    def set_overlay(self, overlay: Overlay | None) -> None:
        """Show an analysis overlay, or clear it with ``None``; never an edit."""
        if self._build is not None:
            if overlay is None and self.state.overlay is None:
                return  # nothing to clear on a map still being made
            self.finish_building()
        for mark in self._marks:
            self.removeItem(mark)
        self._marks = []
        self.state.set_overlay(overlay)
        if overlay is not None and self._items is not None:
            self._marks = overlay_marks(overlay, self._items.stakeholders, self.state)
            for mark in self._marks:
                self.addItem(mark)
        if self._items is not None:
            self._items.overview.restyle_all()
            self._items.edge_layer.restyled()
        self.update()
        self.legend_changed.emit()

    def decorations(self) -> list[QGraphicsItem]:
        """Guides and overlay marks (drawn with the overview in pictures of big maps)."""
        return [*self._guides, *self._marks]

    def _geometry_changed(self, ids: Iterable[str]) -> None:
        self.drawing_changed.emit()
        if not self._marks:
            return
        moved = set(ids)
        touched = [mark for mark in self._marks if mark.member_ids & moved]
        for mark in touched:
            mark.refresh()
        if touched and self._items is not None:  # tags clear of the moved stakeholders
            replan_tags(self._marks, self._items.stakeholders.values())

    # ------------------------------------------------------------------ level of detail
    def set_view_scale(self, scale: float, visible: QRectF, overview: bool | None = None) -> str:
        """Choose the level of detail for a view at ``scale`` showing ``visible``; return it.

        Batched overview drawing is used when labels would be unreadable (``scale`` below
        :data:`OVERVIEW_LOD`) and more than :data:`OVERVIEW_ITEMS` items would be painted.
        ``overview`` forces the choice.
        """
        self._lod = scale
        if scale >= LABEL_LOD and self._callout_shown:
            self._show_callout(False)  # names are written on the boxes again
        items = self._items
        assert items is not None
        if self._build is not None:
            overview = True  # the sketch is all there is to draw until the items are made
        elif overview is None:
            box = (visible.left(), visible.top(), visible.right(), visible.bottom())
            nodes = items.grid.count_in(*box)
            per_node = 1 + len(items.relationships) / max(1, len(items.stakeholders))
            overview = wants_overview(scale, nodes * per_node)
        items.set_overview(overview)
        return self.detail_level()

    def current_scale(self) -> float:
        """The zoom the level of detail was last chosen for."""
        return self._lod

    def detail_level(self) -> str:
        """``"full"``, ``"shapes"`` or ``"overview"`` for the last view scale set."""
        if self.state.overview:
            return "overview"
        return "full" if self._lod >= LABEL_LOD else "shapes"

    # ------------------------------------------------------------------ tooltips and hover
    def stakeholder_hovered(self, item: StakeholderItem | None, entered: bool) -> None:
        """Called by items: show the name when labels are hidden, tell the GUI."""
        if entered and item is not None:
            item.setToolTip(self.stakeholder_tooltip(item.stakeholder_id))
            self.state.hovered = item.stakeholder_id
            if self._lod < LABEL_LOD and not self.named_by_tag(item.stakeholder_id):
                self._callout.setText(item.label)
                rect = item.sceneBoundingRect()
                self._callout.setPos(rect.center().x(), rect.top())
                self._show_callout(True)
        else:
            self.state.hovered = ""
            self._show_callout(False)
        self.hovered_changed.emit(self.state.hovered)

    def _show_callout(self, shown: bool) -> None:
        # Tracked here: the view may still ask while the window closes and the item is gone.
        if shown != self._callout_shown:
            self._callout_shown = shown
            self._callout.setVisible(shown)

    def stakeholder_tooltip(self, stakeholder_id: str) -> str:
        """Rich-text tooltip: name, sector, place, kind and description."""
        s = self._map.stakeholder(stakeholder_id)
        rows = [f"<b>{html.escape(s.label)}</b>"]
        facts = [
            ("Sector", self._map.sectors.label(s.sector) if s.sector else ""),
            ("Place", s.place or ""),
            ("Kind", self._map.kinds.label(s.kind) if s.kind else ""),
        ]
        rows += [f"{k}: {html.escape(v)}" for k, v in facts if v]
        if s.description:
            rows.append(f"<i>{html.escape(s.description)}</i>")
        if s.pinned:
            rows.append("Pinned: layouts leave it where it is.")
        return "<br>".join(rows)

    def relationship_tooltip(self, relationship_id: str) -> str:
        """Rich-text tooltip: who relates to whom how, status, description, evidence."""
        r = self._map.relationship(relationship_id)
        verb = self._map.relation_types.label(r.relation) if r.relation else "is linked to"
        rows = [
            f"<b>{html.escape(self._map.label(r.source))}</b> {html.escape(verb)} "
            f"<b>{html.escape(self._map.label(r.target))}</b>",
            f"Status: {html.escape(r.status)}",
        ]
        if r.description:
            rows.append(html.escape(r.description))
        if r.evidence:
            rows.append(f"Evidence: <i>{html.escape(r.evidence)}</i>")
        return "<br>".join(rows)

    # ------------------------------------------------------------------ modes
    @property
    def mode_name(self) -> str:
        """The current interaction mode: "select", "add" or "connect"."""
        return self._mode.name

    def set_mode(self, name: str) -> None:
        """Switch interaction mode ("select", "add", "connect")."""
        if name not in MODES:
            raise ValueError(f"There is no canvas mode called {name!r}.")
        if name != self._mode.name:
            self._cancel_interactions()
            self._mode = MODES[name](self)
            self.mode_changed.emit(name)

    def start_connect(self, source: StakeholderItem) -> None:
        """Begin drawing a relationship from ``source`` (a mode calls this)."""
        self._cancel_interactions()
        self._connect = ConnectDrag(self, source)

    def edit_label(self, stakeholder_id: str) -> None:
        """Rename a stakeholder in place; Enter emits ``rename_requested``, Esc cancels."""
        item = self.item_for_stakeholder(stakeholder_id)
        if item is None:
            return
        self._cancel_interactions()
        self._editor = LabelEditor(item, self.state, self._label_edited)
        self.addItem(self._editor)
        self._editor.start()

    def _label_edited(self, stakeholder_id: str, text: str, keep: bool) -> None:
        editor, self._editor = self._editor, None
        if editor is not None and editor.scene() is self:
            self.removeItem(editor)
        item = self.item_for_stakeholder(stakeholder_id)
        if keep and text and item is not None and text != item.label:
            self.rename_requested.emit(stakeholder_id, text)
        elif not keep:
            self.rename_cancelled.emit(stakeholder_id)

    def label_editor(self) -> LabelEditor | None:
        """The in-place name editor, while one is open."""
        return self._editor

    def _cancel_interactions(self) -> None:
        if self._connect is not None:
            self._connect.cancel()
            self._connect = None
        if self._editor is not None:
            self._editor.finish(False)

    # ------------------------------------------------------------------ mouse and keys
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._editor is not None and self._editor not in self.items(
            event.scenePos(),
            Qt.ItemSelectionMode.IntersectsItemShape,
            Qt.SortOrder.DescendingOrder,
            self.view_transform(),  # the editor is drawn at screen size: ask in view pixels
        ):
            self._editor.finish(True)
        if self._mode.press(event):
            event.accept()
            return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_positions = {
                i.stakeholder_id: (i.pos().x(), i.pos().y())
                for i in self.selectedItems()
                if isinstance(i, StakeholderItem)
            }

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect is not None:
            self._connect.move_to(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect is not None:
            drag, self._connect = self._connect, None
            drag.finish(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._press_positions:
            self._emit_drag(self._press_positions)
            self._press_positions = {}

    def _emit_drag(self, before: dict[str, tuple[float, float]]) -> None:
        old: dict[str, tuple[float, float]] = {}
        new: dict[str, tuple[float, float]] = {}
        for node_id, start in before.items():
            item = self.item_for_stakeholder(node_id)
            if item is None:
                continue
            now = (item.pos().x(), item.pos().y())
            if now != start:
                old[node_id], new[node_id] = start, now
        if new:
            self.stakeholders_moved.emit(old, new)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._mode.double_click(event):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        pos = event.scenePos()
        node = self.stakeholder_at(pos)
        rel = self.relationship_at(pos) if node is None else None
        clicked = node or rel
        if clicked is not None and not clicked.isSelected():
            self.select([node.stakeholder_id] if node else [], [rel.relationship_id] if rel else [])
        self.context_menu_requested.emit(
            event.screenPos(),
            node.stakeholder_id if node else "",
            rel.relationship_id if rel else "",
        )
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._editor is not None:
            super().keyPressEvent(event)  # the editor has the focus
            return
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if self._connect is not None:
                self._cancel_interactions()
            elif self._mode.name != "select":
                self.set_mode("select")
            else:
                self.clearSelection()
        elif key == Qt.Key.Key_F2:
            chosen = self.selected_stakeholder_ids()
            if chosen:
                self.edit_label(chosen[0])
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and self._plain(event) and self.selectedItems():
            self.number_pressed.emit(int(key) - int(Qt.Key.Key_0))
        elif key in _ARROWS and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            extend = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.step_selection(_STEPS[Qt.Key(key)], extend=extend)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_stakeholder_ids():
            self.open_requested.emit(self.selected_stakeholder_ids()[0])
        elif key in _ARROWS:
            step = FINE_NUDGE if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else NUDGE
            self._nudge(*_ARROWS[Qt.Key(key)], step)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    @staticmethod
    def _plain(event: QKeyEvent) -> bool:
        extra = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return extra == Qt.KeyboardModifier.NoModifier

    def step_selection(self, direction: str, extend: bool = False) -> str | None:
        """Select the nearest stakeholder in ``direction`` ("left", "up"…) from the one
        selected last, or the one nearest the view's centre when none is; return its id.
        ``extend`` (Ctrl+Shift+arrow) adds it to the selection instead."""
        centres = {
            node_id: (item.scenePos().x(), item.scenePos().y())
            for node_id, item in self.items_model.stakeholders.items()
        }
        chosen = self.selected_stakeholder_ids()
        if self._stepped_to not in chosen:
            self._stepped_to = chosen[0] if chosen else None
        if self._stepped_to is not None:
            target = nearest_in_direction(centres, self._stepped_to, DIRECTIONS[direction])
        else:
            views = self.views()
            middle = views[0].mapToScene(views[0].viewport().rect().center()) if views else None
            target = nearest_to(centres, (middle.x(), middle.y()) if middle else (0.0, 0.0))
        if target is not None:
            self._stepped_to = target
            self.select([*chosen, target] if extend else [target])
            item = self.items_model.stakeholders[target]
            for view in self.views():
                view.ensureVisible(item, 60, 60)
        return target

    def _nudge(self, dx: float, dy: float, step: float) -> None:
        old: dict[str, tuple[float, float]] = {}
        new: dict[str, tuple[float, float]] = {}
        for node_id in self.selected_stakeholder_ids():
            pos = self.items_model.stakeholders[node_id].pos()
            old[node_id] = (pos.x(), pos.y())
            new[node_id] = (pos.x() + dx * step, pos.y() + dy * step)
        if new:
            self.stakeholders_nudged.emit(old, new)


def _callout() -> QGraphicsSimpleTextItem:
    """The name shown over a hovered stakeholder when labels are too small to draw."""
    item = QGraphicsSimpleTextItem()
    item.setFont(canvas_font(13, bold=True))
    item.setBrush(qcolor(LIGHT.text))
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    item.setZValue(60.0)
    item.setVisible(False)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item
