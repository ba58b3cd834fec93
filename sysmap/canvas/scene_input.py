"""What the mouse and keys do on the map: modes, dragging, naming in place, stepping.

:class:`InputScene` turns what the user does into signals carrying plain values
(:attr:`~InputScene.stakeholders_moved`, :attr:`~InputScene.connect_requested`…); it never
changes the map. It sits on :class:`~sysmap.canvas.scene_items.ItemScene` (what is where,
what is selected); :class:`~sysmap.canvas.scene.MapScene` builds on it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QWidget,
)

from sysmap.canvas.label_editor import LabelEditor
from sysmap.canvas.modes import MODES, ConnectDrag, Mode, SelectMode
from sysmap.canvas.scene_items import ItemScene
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.stepping import DIRECTIONS, nearest_in_direction, nearest_to

NUDGE = 10.0
FINE_NUDGE = 1.0
_STEPS = {
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
}
_ARROWS = {
    Qt.Key.Key_Left: (-1.0, 0.0),
    Qt.Key.Key_Right: (1.0, 0.0),
    Qt.Key.Key_Up: (0.0, -1.0),
    Qt.Key.Key_Down: (0.0, 1.0),
}


class InputScene(ItemScene):
    """A scene whose mouse and key events become the user's intents, sent as signals.

    Parameters
    ----------
    parent : QWidget, optional
        Qt parent.
    """

    stakeholders_moved = Signal(dict, dict)
    stakeholders_nudged = Signal(dict, dict)
    """Like ``stakeholders_moved``, for arrow-key nudges (an app merges them into one step)."""
    add_stakeholder_requested = Signal(float, float)
    connect_requested = Signal(str, str)
    rename_requested = Signal(str, str)
    rename_cancelled = Signal(str)
    """Esc in the name editor: a stakeholder just added is then taken back."""
    number_pressed = Signal(int)
    """A number key 1–9 with stakeholders selected (the GUI sets that sector)."""
    context_menu_requested = Signal(QPoint, str, str)
    mode_changed = Signal(str)
    open_requested = Signal(str)
    """Enter on a selected stakeholder: show it in the inspector."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mode: Mode = SelectMode(self)
        self._connect: ConnectDrag | None = None
        self._editor: LabelEditor | None = None
        self._stepped_to: str | None = None  # where Ctrl+arrow last went
        self._press_positions: dict[str, tuple[float, float]] = {}

    # ------------------------------------------------------------------ modes
    @property
    def mode_name(self) -> str:
        """The current interaction mode: "select", "add" or "connect"."""
        return self._mode.name

    def set_mode(self, name: str) -> None:
        """Switch interaction mode ("select", "add", "connect")."""
        if name not in MODES:
            raise ValueError(f"There is no canvas mode called {name!r}.")
        if name != self._mode.name:
            self._cancel_interactions()
            self._mode = MODES[name](self)
            self.mode_changed.emit(name)

    def start_connect(self, source: StakeholderItem) -> None:
        """Begin drawing a relationship from ``source`` (a mode calls this)."""
        self._cancel_interactions()
        self._connect = ConnectDrag(self, source)

    def edit_label(self, stakeholder_id: str) -> None:
        """Rename a stakeholder in place; Enter emits ``rename_requested``, Esc cancels."""
        item = self.item_for_stakeholder(stakeholder_id)
        if item is None:
            return
        self._cancel_interactions()
        self._editor = LabelEditor(item, self.state, self._label_edited)
        self.addItem(self._editor)
        self._editor.start()

    def _label_edited(self, stakeholder_id: str, text: str, keep: bool) -> None:
        editor, self._editor = self._editor, None
        if editor is not None and editor.scene() is self:
            self.removeItem(editor)
        item = self.item_for_stakeholder(stakeholder_id)
        if keep and text and item is not None and text != item.label:
            self.rename_requested.emit(stakeholder_id, text)
        elif not keep:
            self.rename_cancelled.emit(stakeholder_id)

    def label_editor(self) -> LabelEditor | None:
        """The in-place name editor, while one is open."""
        return self._editor

    def _cancel_interactions(self) -> None:
        if self._connect is not None:
            self._connect.cancel()
            self._connect = None
        if self._editor is not None:
            self._editor.finish(False)

    # ------------------------------------------------------------------ mouse and keys
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._editor is not None and self._editor not in self.items(
            event.scenePos(),
            Qt.ItemSelectionMode.IntersectsItemShape,
            Qt.SortOrder.DescendingOrder,
            self.view_transform(),  # the editor is drawn at screen size: ask in view pixels
        ):
            self._editor.finish(True)
        if self._mode.press(event):
            event.accept()
            return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_positions = {
                i.stakeholder_id: (i.pos().x(), i.pos().y())
                for i in self.selectedItems()
                if isinstance(i, StakeholderItem)
            }

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect is not None:
            self._connect.move_to(event.scenePos())
            event.accept()
            return
        if self._press_positions and event.buttons() & Qt.MouseButton.LeftButton:
            self.items_model.drag.begin()  # a drag's step: its lines are routed roughly
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect is not None:
            drag, self._connect = self._connect, None
            drag.finish(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._press_positions:
            self.items_model.drag.end()  # full routes before the move becomes an undo step
            self._emit_drag(self._press_positions)
            self._press_positions = {}

    def _emit_drag(self, before: dict[str, tuple[float, float]]) -> None:
        old: dict[str, tuple[float, float]] = {}
        new: dict[str, tuple[float, float]] = {}
        for node_id, start in before.items():
            item = self.item_for_stakeholder(node_id)
            if item is None:
                continue
            now = (item.pos().x(), item.pos().y())
            if now != start:
                old[node_id], new[node_id] = start, now
        if new:
            self.stakeholders_moved.emit(old, new)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._mode.double_click(event):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        pos = event.scenePos()
        node = self.stakeholder_at(pos)
        rel = self.relationship_at(pos) if node is None else None
        clicked = node or rel
        if clicked is not None and not clicked.isSelected():
            self.select([node.stakeholder_id] if node else [], [rel.relationship_id] if rel else [])
        self.context_menu_requested.emit(
            event.screenPos(),
            node.stakeholder_id if node else "",
            rel.relationship_id if rel else "",
        )
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._editor is not None:
            super().keyPressEvent(event)  # the editor has the focus
            return
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if self._connect is not None:
                self._cancel_interactions()
            elif self._mode.name != "select":
                self.set_mode("select")
            else:
                self.clearSelection()
        elif key == Qt.Key.Key_F2:
            chosen = self.selected_stakeholder_ids()
            if chosen:
                self.edit_label(chosen[0])
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and self._plain(event) and self.selectedItems():
            self.number_pressed.emit(int(key) - int(Qt.Key.Key_0))
        elif key in _ARROWS and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            extend = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.step_selection(_STEPS[Qt.Key(key)], extend=extend)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_stakeholder_ids():
            self.open_requested.emit(self.selected_stakeholder_ids()[0])
        elif key in _ARROWS:
            step = FINE_NUDGE if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else NUDGE
            self._nudge(*_ARROWS[Qt.Key(key)], step)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        # An arrow let go ends a keyboard move: its lines get their full routes now.
        if event.key() in _ARROWS and not event.isAutoRepeat() and self._items is not None:
            self._items.drag.end()
        super().keyReleaseEvent(event)

    @staticmethod
    def _plain(event: QKeyEvent) -> bool:
        extra = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return extra == Qt.KeyboardModifier.NoModifier

    def step_selection(self, direction: str, extend: bool = False) -> str | None:
        """Select the nearest stakeholder in ``direction`` ("left", "up"…) from the one
        selected last, or the one nearest the view's centre when none is; return its id.
        ``extend`` (Ctrl+Shift+arrow) adds it to the selection instead."""
        centres = {
            node_id: (item.scenePos().x(), item.scenePos().y())
            for node_id, item in self.items_model.stakeholders.items()
        }
        chosen = self.selected_stakeholder_ids()
        if self._stepped_to not in chosen:
            self._stepped_to = chosen[0] if chosen else None
        if self._stepped_to is not None:
            target = nearest_in_direction(centres, self._stepped_to, DIRECTIONS[direction])
        else:
            views = self.views()
            middle = views[0].mapToScene(views[0].viewport().rect().center()) if views else None
            target = nearest_to(centres, (middle.x(), middle.y()) if middle else (0.0, 0.0))
        if target is not None:
            self._stepped_to = target
            self.select([*chosen, target] if extend else [target])
            item = self.items_model.stakeholders[target]
            for view in self.views():
                view.ensureVisible(item, 60, 60)
        return target

    def _nudge(self, dx: float, dy: float, step: float) -> None:
        old: dict[str, tuple[float, float]] = {}
        new: dict[str, tuple[float, float]] = {}
        for node_id in self.selected_stakeholder_ids():
            pos = self.items_model.stakeholders[node_id].pos()
            old[node_id] = (pos.x(), pos.y())
            new[node_id] = (pos.x() + dx * step, pos.y() + dy * step)
        if new:
            # Held down, an arrow repeats: its steps are routed as a drag's (see DragRoutes).
            self.items_model.drag.begin()
            self.stakeholders_nudged.emit(old, new)
