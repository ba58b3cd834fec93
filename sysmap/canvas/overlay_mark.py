"""The base of the overlay's marks (hulls, suggested links, rings, badges, routes, halos).

Its own module, below :mod:`.overlay_items` and :mod:`.overlay_routes`, which both build on
it; the first also gathers the second's marks, so neither imports the other back.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem

from sysmap.canvas.curves import Bend
from sysmap.canvas.line_routes import LineRouter
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import CanvasState


class OverlayMark(QGraphicsItem):
    """Base of the overlay's marks: knows its stakeholders and re-measures when they move."""

    def __init__(self, members: tuple[StakeholderItem, ...], state: CanvasState) -> None:
        super().__init__()
        self.members = members
        self.member_ids = frozenset(m.stakeholder_id for m in members)
        self.router: LineRouter | None = None
        """Set by the scene for marks drawn along lines (``bends``): they bend as lines do."""
        self._state = state
        self._bounds = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def tags_here(self) -> bool:
        """Whether the mark paints its own tags (in an export, or with no view to write them)."""
        return self._state.exporting or not self._state.tags_in_view

    bends = False
    """Whether the mark runs along lines between its stakeholders, bent round any other in
    their way: it then follows every stakeholder's moves, not only its own ones'."""

    def bend_between(self, a: StakeholderItem, b: StakeholderItem) -> Bend | None:
        """The bend of a line from ``a`` to ``b`` (None: straight, or no router yet)."""
        if self.router is None:
            return None
        return self.router.bend_between(a.stakeholder_id, b.stakeholder_id)

    def refresh(self) -> None:
        """Recompute geometry after a member moved."""
        self.prepareGeometryChange()
        self._bounds = self._measure()
        self.update()

    def _measure(self) -> QRectF:
        raise NotImplementedError

    def boundingRect(self) -> QRectF:
        return self._bounds
