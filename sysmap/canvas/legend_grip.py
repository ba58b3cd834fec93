"""The mouse on the on-screen legend: a click folds or opens it, a drag moves it to a corner.

The view hands its mouse events here first; what lands on the legend is used up here, so a
click on the legend never selects, and a double-click never adds a stakeholder under it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent

from sysmap.canvas.legend_place import LegendPlace, nearest_corner

DRAG_DISTANCE = 6.0
"""Pixels the pointer moves before a press on the legend counts as a drag."""


class LegendGrip:
    """Folds and moves the legend; tells ``on_change`` the new :class:`LegendPlace`.

    Parameters
    ----------
    box : callable
        The legend's box in viewport pixels now (empty when none is shown).
    viewport : callable
        The viewport's rectangle.
    on_change : callable
        Called with the new place after a click or a drop (the view repaints and refits).
    repaint : callable
        Called while the legend is dragged (it follows the pointer).
    """

    def __init__(
        self,
        box: Callable[[], QRectF],
        viewport: Callable[[], QRectF],
        on_change: Callable[[LegendPlace], None],
        repaint: Callable[[], None],
    ) -> None:
        self.place = LegendPlace()
        self._box = box
        self._viewport = viewport
        self._on_change = on_change
        self._repaint = repaint
        self._pressed_at: QPointF | None = None
        self._offset = QPointF()
        self.dragged_to: QRectF | None = None
        """Where the legend is drawn while dragged (None when it is not)."""

    def over(self, pos: QPointF) -> bool:
        """Whether ``pos`` (viewport pixels) is on the legend."""
        return self._box().contains(pos)

    def press(self, event: QMouseEvent) -> bool:
        """Start a click or drag on the legend; return whether the event was used."""
        pos = event.position()
        if event.button() != Qt.MouseButton.LeftButton or not self.over(pos):
            return False
        self._pressed_at = pos
        self._offset = pos - self._box().topLeft()
        event.accept()
        return True

    def move(self, event: QMouseEvent) -> bool:
        """Drag the legend with the pointer; return whether the event was used."""
        if self._pressed_at is None:
            return False
        pos = event.position()
        moved = pos - self._pressed_at
        if self.dragged_to is None and max(abs(moved.x()), abs(moved.y())) < DRAG_DISTANCE:
            event.accept()
            return True
        self.dragged_to = QRectF(pos - self._offset, self._box().size())
        self._repaint()
        event.accept()
        return True

    def release(self, event: QMouseEvent) -> bool:
        """Fold or open after a click, or settle in the nearest corner after a drag."""
        if self._pressed_at is None:
            return False
        dropped, self.dragged_to, self._pressed_at = self.dragged_to, None, None
        if dropped is None:  # a click
            self.place = LegendPlace(self.place.corner, not self.place.folded)
        else:
            corner = nearest_corner(dropped.center(), self._viewport())
            self.place = LegendPlace(corner, self.place.folded)
        self._on_change(self.place)
        event.accept()
        return True
