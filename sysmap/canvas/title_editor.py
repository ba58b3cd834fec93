"""Editing the map's title in place: double-click the title on the canvas, type, Enter.

The title is drawn in the view's own pixels (it stays put while the map pans), so a scene
item cannot edit it: a line edit laid over the title's box does, and Esc leaves it as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from sysmap.canvas.in_place import InPlaceEditing
from sysmap.canvas.theme import TITLE_PIXEL_SIZE, canvas_font


class TitleEditor(InPlaceEditing, QLineEdit):
    """A line edit over the title; ``done(text, keep)`` is called once when it closes.

    Parameters
    ----------
    viewport : QWidget
        The view's viewport, which the editor is laid over.
    box : QRectF
        The title's box in viewport pixels.
    title : str
        The title now.
    done : callable
        Called with the typed text and whether to keep it (Enter or clicking away: yes).
    """

    def __init__(
        self, viewport: QWidget, box: QRectF, title: str, done: Callable[[str, bool], None]
    ) -> None:
        super().__init__(title, viewport)
        self._done = done
        self.setFont(canvas_font(TITLE_PIXEL_SIZE, bold=True))
        self.setAccessibleName("Map title")
        self.setGeometry(box.toAlignedRect())
        self.selectAll()
        self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.FocusOut:
            self.finish(True)  # clicking away keeps the title, as the name editor does
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.key_ends_editing(event):
            super().keyPressEvent(event)

    def _report(self, keep: bool) -> None:
        text = self.text().strip()
        self.hide()
        self.deleteLater()
        self._done(text, keep)
