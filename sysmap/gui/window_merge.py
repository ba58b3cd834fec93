"""File ▸ Merge maps… and View ▸ Compare with…: the window's side of merging and comparing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from sysmap.combine.patch import MapPatch
from sysmap.gui import dialogs
from sysmap.gui.actions import make_action
from sysmap.gui.commands.merge import MergeMaps
from sysmap.gui.compare_dialog import CompareDialog
from sysmap.gui.merge_dialog import MergeDialog
from sysmap.gui.window_base import WindowBase
from sysmap.model.errors import SysmapError
from sysmap.model.ids import slugify


class MergeController(QObject):
    """Opens the merge and compare dialogs, and applies a merge as one undoable step."""

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)
        self.window = window
        self.merging: MergeDialog | None = None
        self.comparing: CompareDialog | None = None
        self.merge_action = window.register(
            "file.merge",
            make_action(
                window,
                "&Merge maps…",
                self.merge,
                tip="Bring maps drawn by other tables or teams into this one, matching "
                "their stakeholders; you review the matches first",
            ),
        )
        self.compare_action = window.register(
            "view.compare",
            make_action(
                window,
                "Com&pare with…",
                self.compare,
                tip="What was added, removed and changed since another map, and what it did "
                "to the analysis",
            ),
        )

    def add_to_file_menu(self, menu: QMenu) -> None:
        """Put Merge maps… after the ways of opening a map."""
        actions = menu.actions()
        save = self.window.action("file.save")
        at = actions.index(save) - 1 if save in actions else len(actions)  # its separator
        before = actions[at] if 0 <= at < len(actions) else None
        menu.insertAction(before, self.merge_action)  # type: ignore[arg-type]

    def add_to_view_menu(self, menu: QMenu) -> None:
        """Put Compare with… at the end of the View menu."""
        menu.addSeparator()
        menu.addAction(self.compare_action)

    def update_actions(self) -> None:
        """Both need an open map."""
        has_map = self.window.document is not None
        self.merge_action.setEnabled(has_map)
        self.compare_action.setEnabled(has_map)

    # ------------------------------------------------------------------ merge
    def merge(self) -> MergeDialog | None:
        """Open the merge dialog on the open map; Merge applies it as one step."""
        document = self.window.document
        if document is None:
            return None
        name = document.path.stem if document.path else slugify(document.map.title, "map")
        dialog = MergeDialog(
            document.map.copy(),
            name,
            self.window.settings.last_folder(),
            self.window,
            base_file=document.source,
        )
        dialog.accepted.connect(lambda: self._apply(dialog))
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        self.merging = dialog
        dialog.open()
        return dialog

    def _apply(self, dialog: MergeDialog) -> None:
        document, result = self.window.document, dialog.merged
        if document is None or result is None:
            return
        try:
            patch = MapPatch.between(document.map, result.map)
        except SysmapError as exc:
            dialogs.show_error(self.window, "Cannot merge these maps", str(exc))
            return
        if document.push(MergeMaps(document.map, patch, len(result.sources) - 1)):
            self.window.show_message(" ".join(result.summary()[:2]), 12000)
            self.window.view.fit_map()  # the newcomers sit around the map that was shown

    # ------------------------------------------------------------------ compare
    def compare(self) -> CompareDialog | None:
        """Ask for the other map and show what differs."""
        if self.window.document is None:
            return None
        path = dialogs.ask_open_path(self.window, self.window.settings.last_folder())
        return self.compare_with(path) if path is not None else None

    def compare_with(self, path: Path) -> CompareDialog | None:
        """Show what differs between the open map and the map at ``path``."""
        if self.window.document is None:
            return None
        if self.comparing is not None:
            self.comparing.close()
        dialog = CompareDialog(self.window, Path(path))
        dialog.finished.connect(lambda _code: self._compared(dialog))
        self.comparing = dialog
        dialog.show()
        return dialog

    def _compared(self, dialog: CompareDialog) -> None:
        if self.comparing is dialog:
            self.comparing = None
        dialog.deleteLater()
