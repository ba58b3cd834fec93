"""The base of the overlay's marks (hulls, suggested links, rings, badges, routes, halos).

Its own module, below :mod:`.overlay_items` and :mod:`.overlay_routes`, which both build on
it; the first also gathers the second's marks, so neither imports the other back.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem

from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import CanvasState


class OverlayMark(QGraphicsItem):
    """Base of the overlay's marks: knows its stakeholders and re-measures when they move."""

    def __init__(self, members: tuple[StakeholderItem, ...], state: CanvasState) -> None:
        super().__init__()
        self.members = members
        self.member_ids = frozenset(m.stakeholder_id for m in members)
        self._state = state
        self._bounds = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def tags_here(self) -> bool:
        """Whether the mark paints its own tags (in an export, or with no view to write them)."""
        return self._state.exporting or not self._state.tags_in_view

    def refresh(self) -> None:
        """Recompute geometry after a member moved."""
        self.prepareGeometryChange()
        self._bounds = self._measure()
        self.update()

    def _measure(self) -> QRectF:
        raise NotImplementedError

    def boundingRect(self) -> QRectF:
        return self._bounds
