"""Writing a window's map: Save, Save As, "Save changes?", another writer's changes, exports.

Two windows (or sysmap and another program) may have the same map file open. Before Save
writes over the file, the window checks that it still holds what the window read or last
saved there (:meth:`~sysmap.gui.document.MapDocument.disk_change`); if another writer has
saved in between, the user chooses, as in any editor: save this map as a new file (keeping
both), overwrite theirs, or reload theirs. Nothing is lost without a word.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from sysmap.gui import dialogs
from sysmap.gui.document import MapDocument
from sysmap.gui.export_dialog import ExportPictureDialog
from sysmap.gui.picture_export import PictureExport
from sysmap.gui.window_base import WindowBase
from sysmap.io.file_state import FileState
from sysmap.model.errors import SysmapError


class MapSaver(QObject):
    """Saving one window's map; ``reload(path)`` reads a file into the window again."""

    def __init__(self, window: WindowBase, reload: Callable[[Path], object]) -> None:
        super().__init__(window)
        self.window = window
        self.reload = reload
        self.export_width = 1600
        self.pictures = PictureExport(window)

    def maybe_save(self) -> bool:
        """Before the map goes away: ask to save changes; False means the user cancelled."""
        document = self.window.document
        if document is None or not document.modified:
            return True
        answer = dialogs.ask_save_changes(self.window, document.display_name)
        if answer == dialogs.SAVE:
            return self.save()
        return answer == dialogs.DISCARD

    def save(self) -> bool:
        """Save to the map's own file; maps from elsewhere and new maps go to Save As."""
        document = self.window.document
        if document is None:
            return False
        if document.path is None or not document.native:
            return self.save_as()
        change = document.disk_change()
        if change is not None:
            return self._changed_on_disk(document, document.path, *change)
        return self._save_to(document.path)

    def _changed_on_disk(
        self, document: MapDocument, path: Path, kind: str, now: FileState | None
    ) -> bool:
        """Another window or program wrote the file: ask, as any editor does, what to do."""
        when = now.changed_at if now is not None else None
        choice = dialogs.ask_changed_on_disk(
            self.window, path.name, missing=kind == "missing", when=when
        )
        if choice == dialogs.SAVE_AS:
            return self.save_as()
        if choice == dialogs.OVERWRITE:
            document.forget_disk()
            return self._save_to(path)
        if choice == dialogs.RELOAD:  # their version replaces this window's changes
            self.reload(path)
        return False

    def save_as(self) -> bool:
        """Ask for a name and save the map there as GraphML."""
        document = self.window.document
        if document is None:
            return False
        path = dialogs.ask_save_path(
            self.window, document.suggested_path(self.window.settings.last_folder())
        )
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        document = self.window.document
        assert document is not None
        try:
            document.save(path)
        except SysmapError as exc:
            dialogs.show_error(self.window, "Cannot save the map", str(exc))
            return False
        self.window.settings.add_recent_file(path)
        self.window.show_message(f"Saved {path.name}.")
        return True

    def export_picture(self) -> None:
        """Export what the canvas shows as PNG, SVG or PDF."""
        document = self.window.document
        if document is None:
            return
        suggested = document.suggested_path(self.window.settings.last_folder())
        dialog = ExportPictureDialog(suggested, self.export_width, self.window)
        if dialog.exec() != ExportPictureDialog.DialogCode.Accepted:
            return
        self.export_width = dialog.pixel_width.value()
        try:
            target = dialog.target()
        except SysmapError as exc:
            dialogs.show_error(self.window, "Cannot export the picture", str(exc))
            return
        self.pictures.export(
            target, dialog.fmt(), self.export_width, dialog.transparent.isChecked()
        )

    def export_other(self) -> None:
        """Write a copy of the map in another format; the map stays attached to its file."""
        document = self.window.document
        if document is None:
            return
        suggested = document.suggested_path(self.window.settings.last_folder())
        chosen = dialogs.ask_export_path(self.window, suggested.with_suffix(""))
        if chosen is None:
            return
        path, fmt = chosen
        try:
            document.export(path, fmt)
        except SysmapError as exc:
            dialogs.show_error(self.window, "Cannot export the map", str(exc))
            return
        self.window.show_message(f"Exported a copy as {path.name}.")
