"""How in-place editing ends, for the map's title and a stakeholder's name alike.

Enter keeps the typed text, Esc throws it away and clicking away keeps it (as file managers
do); the editor reports once, however many of these arrive (closing it moves the focus away).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent


class InPlaceEditing:
    """Mixed into an in-place editor, before its Qt class; the editor defines :meth:`_report`."""

    _finished = False

    def finish(self, keep: bool) -> None:
        """End editing once: ``keep`` the typed text or throw it away."""
        if self._finished:
            return
        self._finished = True
        self._report(keep)

    def _report(self, keep: bool) -> None:
        raise NotImplementedError

    def key_ends_editing(self, event: QKeyEvent) -> bool:
        """Finish on Enter (keep) or Esc (cancel); return whether the key was one of them."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish(True)
        elif event.key() == Qt.Key.Key_Escape:
            self.finish(False)
        else:
            return False
        return True
