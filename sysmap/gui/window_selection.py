"""The window's selection kept in one place: canvas, tables, inspector, find bar, status line.

A selection made on the canvas is shown by the inspector, the tables, the Edit menu's actions
and the status line; one made in the tables or by the find bar is made on the canvas (which
then tells the rest). The name of the stakeholder under the mouse goes to the status line.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from sysmap.gui.commands import plural
from sysmap.gui.table_dock import TableDock
from sysmap.gui.window_base import WindowBase
from sysmap.gui.window_edit import EditController
from sysmap.gui.window_keys import KeyboardController

FIND_ZOOM_LIMIT = 25


class SelectionSync(QObject):
    """Keeps the window's panels on the canvas's selection, and takes theirs to the canvas.

    Parameters
    ----------
    window : WindowBase
        The window (its scene, view, inspector, find bar and status bar); also the Qt parent.
    tables : TableDock
        The tables panel.
    edit : EditController
        The Edit menu, whose actions follow the selection.
    keyboard : KeyboardController
        Says the selection to screen readers.
    label : QLabel
        The status bar's count of what is selected.
    """

    def __init__(
        self,
        window: WindowBase,
        tables: TableDock,
        edit: EditController,
        keyboard: KeyboardController,
        label: QLabel,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._tables = tables
        self._edit = edit
        self._keyboard = keyboard
        self._label = label
        window.scene.selectionChanged.connect(self.canvas_changed)
        window.scene.hovered_changed.connect(self._hovered)
        tables.selection_changed.connect(self._table_changed)
        window.find_bar.matches_found.connect(self._found)
        window.find_bar.match_chosen.connect(self._found_one)

    def canvas_changed(self) -> None:
        """Show the canvas's selection in the panels, the Edit menu and the status line."""
        stakeholders, relationships = self._window.selected()
        self._window.inspector.show_selection(stakeholders, relationships)
        self._tables.select_ids(stakeholders, relationships)
        self._edit.update_selection_actions(stakeholders, relationships)
        parts = []
        if stakeholders:
            parts.append(plural(len(stakeholders), "stakeholder"))
        if relationships:
            parts.append(plural(len(relationships), "relationship"))
        self._label.setText(" and ".join(parts) + " selected" if parts else "")
        self._keyboard.describe_selection()

    def _table_changed(self, stakeholders: list[str], relationships: list[str]) -> None:
        self._window.scene.select(stakeholders, relationships)
        if len(stakeholders) == 1:
            item = self._window.scene.item_for_stakeholder(stakeholders[0])
            if item is not None:
                self._window.view.ensureVisible(item, 80, 80)

    def _found(self, ids: list[str]) -> None:
        self._window.scene.select(ids, [])
        # Zooming to a hundred matches of one typed letter would throw the view about.
        if len(ids) <= FIND_ZOOM_LIMIT:
            self._window.view.zoom_to_selection()

    def _found_one(self, stakeholder_id: str) -> None:
        self._window.scene.select([stakeholder_id], [])
        item = self._window.scene.item_for_stakeholder(stakeholder_id)
        if item is not None:
            self._window.view.centerOn(item)

    def _hovered(self, stakeholder_id: str) -> None:
        if stakeholder_id and self._window.document is not None:
            label = self._window.document.map.label(stakeholder_id)
            self._window.statusBar().showMessage(
                f"{label} — drag to move; drag from its edge ring, or with Shift, to connect; "
                "F2 to rename",
                4000,
            )
