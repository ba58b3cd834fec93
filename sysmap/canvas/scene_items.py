"""The scene's items: made now or in slices, found by place or id, selected.

:class:`ItemScene` is the lowest of the scene's three layers. It holds the item bookkeeping
(:class:`~sysmap.canvas.items.MapItems`) and the slices a big map's items are made in
(:class:`~sysmap.canvas.item_build.SlicedBuild`), and answers what is where and what is
selected. :class:`~sysmap.canvas.scene_input.InputScene` adds what the mouse and keys do;
:class:`~sysmap.canvas.scene.MapScene` adds the map, its events and how it looks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QWidget

from sysmap.canvas.item_build import SlicedBuild
from sysmap.canvas.items import MapItems
from sysmap.canvas.preview_build import PreviewBuild
from sysmap.canvas.relationship_item import RelationshipItem
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import CanvasState

BSP_DEPTH = 6
BUILD_ANYWAY_MS = 400
"""A map opened in slices and shown in no view is built this long after it was set."""


class ItemScene(QGraphicsScene):
    """A scene holding one map's items: building them, finding them, selecting them.

    Parameters
    ----------
    parent : QWidget, optional
        Qt parent.
    """

    legend_changed = Signal()
    sketch_shown = Signal()
    """A map opened in slices has had its first frame: its items are being made now."""
    items_made = Signal()
    """Every item of a map opened in slices has been made: it can be clicked and edited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        # Qt's automatic depth (15 at 25,000 items) files every long relationship in
        # thousands of cells and spends 200 ms a frame undoing that; 6 measures best.
        self.setBspTreeDepth(BSP_DEPTH)
        self.state = CanvasState()
        self._items: MapItems | None = None
        self._build: SlicedBuild | PreviewBuild | None = None
        self._build_later = QTimer(self)
        self._build_later.setSingleShot(True)
        self._build_later.setInterval(BUILD_ANYWAY_MS)
        self._build_later.timeout.connect(self._build_unseen)
        self.breathe: Callable[[], None] | None = None
        """Called now and then while a big map's items are made, so a window can repaint."""

    @property
    def items_model(self) -> MapItems:
        """The item bookkeeping (for the view, export and tests): every item, made now if a
        map opened in slices is still being built."""
        self.finish_building()
        assert self._items is not None
        return self._items

    def settle_routes(self) -> None:
        """Give the lines routed roughly during a drag or a held arrow key their full routes
        now (a picture taken meanwhile shows what a fresh canvas draws)."""
        if self._items is not None:
            self._items.drag.settle()

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
