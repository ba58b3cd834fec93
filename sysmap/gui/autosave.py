"""Autosave: every minute, a recovery copy of each map with unsaved changes.

Each window has one :class:`Autosaver`. While its map has changes that are not saved, it
writes a recovery copy (:mod:`sysmap.gui.recovery`) every interval, but only when something
changed since the last copy. The map is copied on the GUI thread (a fraction of a second even
at 10,000 stakeholders) and written as GraphML in a worker thread, so typing never stalls.
The copy is deleted as soon as the map is saved, undone back to its saved state, discarded or
closed. The interval is the ``autosave_seconds`` setting (Edit ▸ Preferences; 0 turns it off).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from sysmap.gui.document import MapDocument
from sysmap.gui.recovery import RecoveryEntry, current_session, manifest
from sysmap.gui.tasks import Task
from sysmap.gui.window_base import WindowBase
from sysmap.io import write_graphml
from sysmap.model.errors import SysmapError

INTERVAL_KEY = "autosave_seconds"
DEFAULT_SECONDS = 60
WAIT_MS = 10_000
"""How long closing a window waits for a copy being written to finish."""
_log = logging.getLogger(__name__)


def interval_seconds(window: WindowBase) -> int:
    """The autosave interval the settings ask for (0: off)."""
    return max(0, int(window.settings.value(INTERVAL_KEY, DEFAULT_SECONDS)))


class Autosaver(QObject):
    """Keeps a recovery copy of one window's map while it has unsaved changes."""

    written = Signal()
    """A recovery copy was written (tests wait for it)."""

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)
        self.window = window
        self.document: MapDocument | None = None
        self.key: str | None = None
        self._changed = False
        self._task: Task | None = None
        self._wanted = False  # whether the entry should exist once the running write ends
        self._failed_once = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.save_now)
        self.apply_settings()

    def apply_settings(self) -> None:
        """Follow the interval in the settings (after Preferences changed it)."""
        seconds = interval_seconds(self.window)
        if seconds:
            self.timer.start(seconds * 1000)
        else:
            self.timer.stop()

    # -------------------------------------------------------------- following a map
    def follow(self, document: MapDocument) -> None:
        """Keep copies of ``document`` (just shown in the window) while it has changes."""
        self.document = document
        self.key = None
        self._wanted = False
        self._changed = document.modified
        self.window.follow_document(document.undo_stack.indexChanged, self._edited)
        self.window.follow_document(document.undo_stack.cleanChanged, self._clean_changed)

    def adopt(self, entry: RecoveryEntry) -> None:
        """The map was restored from ``entry``: that copy becomes this window's copy."""
        try:
            self.key = current_session().adopt(entry)
        except OSError:  # left where it is, and offered again if this run dies too
            _log.warning("Could not take over a recovery copy", exc_info=True)
            self._changed = True  # write a copy of our own at the next tick
            return
        self._wanted = True
        self._changed = False

    def forget(self) -> None:
        """The map is going (closed, discarded or replaced): delete its copy."""
        self._finish_writing()
        self._remove()
        self.document = None
        self._changed = False

    def _edited(self, *_args: Any) -> None:
        self._changed = True

    def _clean_changed(self, clean: bool) -> None:
        if clean:  # saved, or undone back to what is on disk: the copy is not needed
            self._remove()
            self._changed = False

    # -------------------------------------------------------------- writing
    def save_now(self) -> bool:
        """Write a copy now if the map has changes not yet copied; return whether one started."""
        document = self.document
        if document is None or not document.modified or not self._changed:
            return False
        if self._task is not None:
            return False  # the next tick will write what changed meanwhile
        if self.key is None:
            self.key = current_session().new_key()
        snapshot = document.map.copy()
        kind = document.path.suffix.lstrip(".").upper() if document.path is not None else ""
        about = manifest(snapshot, document.path, document.native, kind, document.disk)
        session, key = current_session(), self.key

        def work(_progress: object) -> None:
            session.write(key, write_graphml(snapshot), about)

        self._changed = False
        self._wanted = True
        task = Task(f"Keeping a recovery copy of {document.display_name}", work, self)
        task.done.connect(self._written)
        task.failed.connect(self._write_failed)
        task.finished.connect(self._task_over)
        self._task = task
        task.start()
        return True

    def _written(self, _result: object) -> None:
        if not self._wanted:  # saved or closed while the copy was being written
            self._remove()
        self.written.emit()

    def _write_failed(self, message: str) -> None:
        self._changed = True  # try again at the next tick
        _log.warning("Could not write a recovery copy: %s", message)
        if not self._failed_once:
            self._failed_once = True
            self.window.show_message(
                f"Could not keep a recovery copy of your changes: {message} "
                "Save the map to be safe.",
                15000,
            )

    def _task_over(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.deleteLater()

    def _finish_writing(self) -> None:
        # The window may be going away: wait for a copy being written, rather than leave
        # a thread running or a copy of a map the user has just discarded.
        if self._task is not None and self._task.wait(WAIT_MS):
            self._task_over()

    def _remove(self) -> None:
        self._wanted = False
        if self.key is None or self._task is not None:
            return  # a running write removes its own copy when it ends
        try:
            current_session().remove(self.key)
        except (OSError, SysmapError):
            _log.warning("Could not remove a recovery copy", exc_info=True)
        self.key = None
