"""The Edit menu and the canvas's requests: every edit becomes one undo step.

The canvas only asks ("move these", "connect these two", "add one here"); this controller
turns each request into a command on the open map's undo stack.

One piece (just over 400 lines): the Edit menu's actions and the canvas's requests share the
one path to the undo stack; the clipboard already lives in :mod:`.window_clipboard`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from sysmap.canvas.geometry import FREE_GAP, free_spot
from sysmap.gui.actions import Keys, make_action
from sysmap.gui.commands import (
    AddRelationship,
    AddStakeholder,
    MacroCommand,
    MapCommand,
    SetMapProperties,
    add_term_command,
    delete_command,
    move_command,
    term_for_text,
)
from sysmap.gui.commands.stakeholders import NameNewStakeholder, new_stakeholder
from sysmap.gui.connect_dialog import ConnectDialog
from sysmap.gui.document import MapDocument
from sysmap.gui.editing import stakeholder_field_command
from sysmap.gui.retag_menu import add_retag_sections, sector_by_number
from sysmap.gui.window_base import WindowBase
from sysmap.gui.window_clipboard import ClipboardController
from sysmap.model.errors import SysmapError

NEW_NAME = "New stakeholder"


class EditController(QObject):
    """Undo, clipboard, delete, select, find, add, connect, rename, pin — for one window."""

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)  # destroyed with the window, and its connections with it
        self.window = window
        self.last_relation = ""
        self.last_status = ""
        self._connect_dialog: ConnectDialog | None = None
        self.clipboard = ClipboardController(window)
        self.undo_action, self.redo_action = self._make_undo_actions()
        self._make_edit_actions()
        self.mode_actions = self._make_mode_actions()
        self._follow_canvas()

    def _make_undo_actions(self) -> tuple[QAction, QAction]:
        """Undo and redo, kept in step with the open map's stack by :meth:`follow`."""
        w, reg = self.window, self.window.register
        undo = reg(
            "edit.undo",
            make_action(
                w,
                "&Undo",
                self.undo,
                icon_name="undo",
                keys=QKeySequence.StandardKey.Undo,
                tip="Undo the last change",
            ),
        )
        redo = reg(
            "edit.redo",
            make_action(
                w,
                "&Redo",
                self.redo,
                icon_name="redo",
                keys=[QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"],
                tip="Redo the change you undid",
            ),
        )
        return undo, redo

    def _make_edit_actions(self) -> None:
        """Delete, select all, find, rename, add, pin and unpin, connect the two selected."""
        delete_keys: Keys = [QKeySequence.StandardKey.Delete, "Backspace"]
        actions: list[tuple[str, str, Callable[[], object], str, Keys, str]] = [
            ("delete", "&Delete", self.delete, "delete", delete_keys,
             "Delete the selected stakeholders and relationships"),
            ("select_all", "Select &all", self.select_all, "select-all",
             QKeySequence.StandardKey.SelectAll, "Select every stakeholder"),
            ("find", "&Find…", self.find, "find", QKeySequence.StandardKey.Find,
             "Find stakeholders by name"),
            ("rename", "Rena&me", self.rename, "rename", "F2",
             "Rename the selected stakeholder on the map"),
            ("add", "Add sta&keholder", self.add_at_centre, "add-stakeholder", "Ctrl+Shift+A",
             "Add a stakeholder in the middle of the view and name it"),
            ("pin", "P&in", lambda: self.set_pinned(True), "pin", "Ctrl+Shift+P",
             "Keep the selected stakeholders in place when laying out"),
            ("unpin", "U&npin", lambda: self.set_pinned(False), "", None,
             "Let layouts move the selected stakeholders again"),
            ("connect_selected", "Conn&ect the two selected…", self.connect_selected,
             "relationship", "Ctrl+L",
             "Add a relationship between the two selected stakeholders"),
        ]  # fmt: skip
        for name, text, slot, icon_name, keys, tip in actions:
            action = make_action(self.window, text, slot, icon_name=icon_name, keys=keys, tip=tip)
            self.window.register(f"edit.{name}", action)

    def _make_mode_actions(self) -> dict[str, QAction]:
        """The canvas's three modes, one checked at a time (select at first)."""
        w, reg = self.window, self.window.register
        mode_actions: dict[str, QAction] = {}
        for mode, text, icon_name, keys, tip in (
            (
                "select",
                "Mode: se&lect and move",
                "select",
                "Ctrl+1",
                "Click to select, drag to move, drag on empty canvas to select an area",
            ),
            (
                "add",
                "Mode: add stake&holders",
                "add-stakeholder",
                "Ctrl+2",
                "Click on the canvas to add a stakeholder",
            ),
            (
                "connect",
                "Mode: c&onnect",
                "connect",
                "Ctrl+3",
                "Drag from one stakeholder to another to connect them",
            ),
        ):
            action = make_action(
                w, text, partial(self.set_mode, mode), icon_name=icon_name, keys=keys, tip=tip
            )
            action.setCheckable(True)
            mode_actions[mode] = reg(f"edit.mode_{mode}", action)
        mode_actions["select"].setChecked(True)
        return mode_actions

    def _follow_canvas(self) -> None:
        """Turn the canvas's requests (move, add, connect, rename…) into edits."""
        window, scene = self.window, self.window.scene
        scene.stakeholders_moved.connect(self.moved)
        scene.stakeholders_nudged.connect(self.nudged)
        scene.add_stakeholder_requested.connect(self.add_at)
        scene.connect_requested.connect(self.connect_stakeholders)
        scene.rename_requested.connect(self.renamed)
        scene.rename_cancelled.connect(self.naming_cancelled)
        scene.number_pressed.connect(partial(sector_by_number, window))
        window.view.title_edited.connect(self.retitle)
        scene.context_menu_requested.connect(self.context_menu)
        scene.mode_changed.connect(self._mode_changed)

    def fill_menu(self, menu: QMenu) -> None:
        """Fill the Edit menu."""
        a = self.window.action
        menu.addActions([a("edit.undo"), a("edit.redo")])
        menu.addSeparator()
        menu.addActions([a("edit.cut"), a("edit.copy"), a("edit.paste"), a("edit.delete")])
        menu.addSeparator()
        menu.addActions([a("edit.select_all"), a("edit.find")])
        menu.addSeparator()
        menu.addActions([a("edit.add"), a("edit.connect_selected"), a("edit.rename")])
        menu.addActions([a("edit.pin"), a("edit.unpin")])
        menu.addSeparator()
        menu.addActions(list(self.mode_actions.values()))

    # -------------------------------------------------------------- state
    @property
    def document(self) -> MapDocument | None:
        return self.window.document

    def follow(self, document: MapDocument) -> None:
        """Point undo and redo at the new document's stack."""
        stack = document.undo_stack
        for signal in (stack.indexChanged, stack.cleanChanged):
            self.window.follow_document(signal, self.update_undo_actions)

    def update_actions(self) -> None:
        """Bring every Edit action up to date (after a map was opened or closed)."""
        self.update_undo_actions()
        self.update_selection_actions(*self.window.selected())

    def update_undo_actions(self) -> None:
        """Enable Undo and Redo and name what they would do ("Undo Move Shelter")."""
        doc = self.document
        stack = doc.undo_stack if doc is not None else None
        can_undo = stack is not None and stack.canUndo()
        can_redo = stack is not None and stack.canRedo()
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(f"&Undo {stack.undoText()}" if stack and can_undo else "&Undo")
        self.redo_action.setText(f"&Redo {stack.redoText()}" if stack and can_redo else "&Redo")

    def update_selection_actions(self, stakeholders: list[str], relationships: list[str]) -> None:
        """Enable what acts on the selection when there is one."""
        doc = self.document
        a = self.window.action
        for name in ("edit.cut", "edit.copy", "edit.pin", "edit.unpin"):
            a(name).setEnabled(bool(stakeholders))
        a("edit.rename").setEnabled(len(stakeholders) == 1)
        a("edit.connect_selected").setEnabled(len(stakeholders) == 2)
        a("edit.delete").setEnabled(bool(stakeholders or relationships))
        for name in ("edit.paste", "edit.select_all", "edit.find", "edit.add"):
            a(name).setEnabled(doc is not None)
        for action in self.mode_actions.values():
            action.setEnabled(doc is not None)

    # -------------------------------------------------------------- undo
    def undo(self) -> None:
        if self.document is not None:
            self.document.undo_stack.undo()

    def redo(self) -> None:
        if self.document is not None:
            self.document.undo_stack.redo()

    # -------------------------------------------------------------- requests from the canvas
    def moved(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        """A drag ended: one undo step of its own."""
        doc = self.document
        if doc is None:
            return
        del old  # the map still holds where they were; the canvas only moved its items
        command = move_command(doc.map, new)
        if not doc.push(command):
            self.window.scene.sync_positions(list(new))

    def nudged(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        """Arrow keys moved the selection: consecutive nudges merge into one step."""
        doc = self.document
        if doc is None:
            return
        del old
        if not doc.push(move_command(doc.map, new, nudge=True)):
            self.window.scene.sync_positions(list(new))

    def add_at(self, x: float, y: float) -> None:
        """Add a stakeholder at a point on the map and start naming it in place."""
        doc = self.document
        if doc is None:
            return
        command = AddStakeholder(doc.map, new_stakeholder(NEW_NAME, x, y))
        if doc.push(command):
            self.window.select([command.stakeholder_id])
            # The name is typed on the map: the map needs the focus for its editor to have it,
            # wherever the keys that added the stakeholder were pressed.
            self.window.view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.window.scene.edit_label(command.stakeholder_id)

    def add_at_centre(self) -> None:
        """Add a stakeholder on a free spot beside the selection, or near the view's middle."""
        view, scene = self.window.view, self.window.scene
        boxes = [item.sceneBoundingRect() for item in scene.items_model.stakeholders.values()]
        chosen = [scene.item_for_stakeholder(i) for i in scene.selected_stakeholder_ids()]
        anchors = [item.sceneBoundingRect() for item in chosen if item is not None]
        if anchors:
            start = anchors[-1].center() + QPointF(anchors[-1].width() / 2 + FREE_GAP * 2, 0)
        else:
            start = view.mapToScene(view.viewport().rect().center())
        x, y = free_spot((start.x(), start.y()), [_box(r) for r in boxes])
        self.add_at(x, y)

    def naming_cancelled(self, stakeholder_id: str) -> None:
        """Esc while naming a stakeholder just added: it goes, and leaves no step behind."""
        doc = self.document
        if doc is None:
            return
        stack = doc.undo_stack
        top = stack.command(stack.index() - 1) if stack.index() > 0 else None
        if (
            isinstance(top, AddStakeholder)
            and top.stakeholder_id == stakeholder_id
            and stack.index() == stack.count()
        ):
            top.undo()  # Qt does not undo an obsolete command, only drops it from the stack
            top.setObsolete(True)
            stack.undo()

    def renamed(self, stakeholder_id: str, label: str) -> None:
        """The user typed a new name in place: a rename, or the name of what was just added."""
        doc = self.document
        if doc is None:
            return
        stack = doc.undo_stack
        top = stack.command(stack.index() - 1) if stack.index() > 0 else None
        if isinstance(top, AddStakeholder) and top.stakeholder_id == stakeholder_id:
            naming = NameNewStakeholder(doc.map, stakeholder_id, label)
            if doc.push(naming):
                self.window.select([naming.new.id])
            return
        try:
            command = stakeholder_field_command(doc.map, [stakeholder_id], "label", label)
        except SysmapError as exc:
            doc.edit_refused.emit(str(exc))
            return
        if command is not None:
            doc.push(command)

    def retitle(self, title: str) -> None:
        """The map's title was edited in place on the canvas: one undo step."""
        doc = self.document
        if doc is not None:
            doc.push(SetMapProperties(doc.map, title=title))

    def connect_stakeholders(self, source: str, target: str) -> None:
        """Ask what the relationship is, then add it as one step."""
        doc = self.document
        if doc is None or source == target:
            return
        dialog = ConnectDialog(
            doc.map, source, target, self.last_relation, self.window, self.last_status
        )
        self._connect_dialog = dialog
        dialog.accepted.connect(lambda: self._connect_chosen(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._back_to_map)
        dialog.open()

    def _back_to_map(self) -> None:
        """The keyboard returns to the map when a dialog about it closes (WCAG 2.4.3)."""
        self.window.activateWindow()
        self.window.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def connect_selected(self) -> None:
        """Connect the two selected stakeholders (how keyboard users draw a relationship)."""
        stakeholders, _ = self.window.selected()
        if len(stakeholders) == 2:
            self.connect_stakeholders(*stakeholders)

    def _connect_chosen(self, dialog: ConnectDialog) -> None:
        doc = self.document
        if doc is None:
            return
        try:
            rel = dialog.relationship()
        except SysmapError as exc:
            doc.edit_refused.emit(str(exc))
            return
        key, term = term_for_text(doc.map, "relation_types", dialog.relation_text())
        add = AddRelationship(doc.map, replace(rel, relation=key))
        children: list[MapCommand] = [add]
        if term is not None:  # a type the map does not have yet joins its vocabulary
            children.insert(0, add_term_command(doc.map, "relation_types", term))
        command = add if term is None else MacroCommand(doc.map, add.text(), children)
        if doc.push(command):
            self.last_relation, self.last_status = key, rel.status
            self._connect_dialog = None

    def context_menu(self, screen_pos: QPoint, stakeholder_id: str, relationship_id: str) -> None:
        """Right-click: what can be done here."""
        menu = QMenu(self.window)
        a = self.window.action
        if stakeholder_id or relationship_id:
            if stakeholder_id:
                menu.addActions([a("edit.rename"), a("edit.pin"), a("edit.unpin")])
                menu.addSeparator()
            menu.addActions([a("edit.cut"), a("edit.copy"), a("edit.delete")])
            menu.addSeparator()
            menu.addAction(a("view.zoom_selection"))
            if stakeholder_id:
                add_retag_sections(menu, self.window, self.window.selected()[0])
        else:
            point = self.window.view.mapToScene(self.window.view.mapFromGlobal(screen_pos))
            menu.addAction(
                a("edit.add").icon(),
                "Add a stakeholder here",
                lambda: self.add_at(point.x(), point.y()),
            )
            menu.addActions([a("edit.paste"), a("edit.select_all")])
            menu.addSeparator()
            menu.addAction(a("view.fit"))
        menu.popup(screen_pos)

    # -------------------------------------------------------------- Edit menu
    def set_mode(self, mode: str) -> None:
        self.window.scene.set_mode(mode)
        self._mode_changed(mode)

    def _mode_changed(self, mode: str) -> None:
        for name, action in self.mode_actions.items():
            action.setChecked(name == mode)
        hints = {
            "add": "Click on the canvas to add a stakeholder; Esc to stop.",
            "connect": "Drag from one stakeholder to another to connect them; Esc to stop.",
        }
        if mode in hints:
            self.window.show_message(hints[mode], 0)
        else:
            self.window.statusBar().clearMessage()

    def delete(self) -> None:
        doc = self.document
        stakeholders, relationships = self.window.selected()
        if doc is not None and (stakeholders or relationships):
            doc.push(delete_command(doc.map, stakeholders, relationships))

    def select_all(self) -> None:
        doc = self.document
        if doc is not None:
            self.window.select(doc.map.stakeholder_ids())

    def find(self) -> None:
        doc = self.document
        if doc is not None:
            self.window.find_bar.open_bar(doc.map)

    def rename(self) -> None:
        stakeholders, _ = self.window.selected()
        if len(stakeholders) == 1:
            self.window.scene.edit_label(stakeholders[0])

    def set_pinned(self, pinned: bool) -> None:
        doc = self.document
        stakeholders, _ = self.window.selected()
        if doc is None or not stakeholders:
            return
        command = stakeholder_field_command(doc.map, stakeholders, "pinned", pinned)
        if command is not None:
            doc.push(command)


def _box(rect: QRectF) -> tuple[float, float, float, float]:
    return rect.left(), rect.top(), rect.right(), rect.bottom()
