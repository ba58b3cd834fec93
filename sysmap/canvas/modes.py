"""Interaction modes: what a mouse press means — select and move, add, or connect.

The scene hands each mouse event to its current mode first; a mode returns ``True`` when it
has dealt with the event, else the scene's usual handling (select, move, rubber band) runs.
Modes only emit the scene's intent signals; they never change the map.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QLineF, QPointF, Qt, SignalInstance
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QGraphicsSceneMouseEvent

from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import CanvasState
from sysmap.canvas.theme import qcolor

Z_RUBBER = 40.0


class ModeHost(Protocol):
    """What a mode needs of its scene (:class:`~sysmap.canvas.scene.MapScene` is one).

    A protocol, so the scene, which imports its modes, is not imported back.
    """

    state: CanvasState

    @property
    def add_stakeholder_requested(self) -> SignalInstance: ...

    @property
    def connect_requested(self) -> SignalInstance: ...

    def addItem(self, item: QGraphicsItem, /) -> None: ...

    def removeItem(self, item: QGraphicsItem, /) -> None: ...

    def stakeholder_at(self, pos: QPointF) -> StakeholderItem | None:
        """The topmost stakeholder under a scene point."""

    def relationship_at(self, pos: QPointF) -> QGraphicsItem | None:
        """The topmost relationship line under a scene point."""

    def start_connect(self, source: StakeholderItem) -> None:
        """Begin drawing a relationship from ``source``."""

    def edit_label(self, stakeholder_id: str) -> None:
        """Rename a stakeholder in place."""


class ConnectDrag:
    """The rubber line from a stakeholder to the mouse while the user draws a relationship."""

    def __init__(self, scene: ModeHost, source: StakeholderItem) -> None:
        self.scene = scene
        self.source = source
        self.target: StakeholderItem | None = None
        pen = QPen(qcolor(scene.state.theme.selection), 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.line = QGraphicsLineItem(QLineF(source.pos(), source.pos()))
        self.line.setPen(pen)
        self.line.setZValue(Z_RUBBER)
        scene.addItem(self.line)

    def move_to(self, pos: QPointF) -> None:
        """Follow the mouse; mark the stakeholder under it as the drop target."""
        self.line.setLine(QLineF(self.source.pos(), pos))
        target = self.scene.stakeholder_at(pos)
        if target is self.source:
            target = None
        if target is not self.target:
            for item in (self.target, target):
                if item is not None:
                    item.set_drop_target(item is target)
            self.target = target

    def finish(self, pos: QPointF) -> None:
        """Drop: ask for a relationship when the mouse is over another stakeholder."""
        self.move_to(pos)
        target = self.target
        self.cancel()
        if target is not None:
            self.scene.connect_requested.emit(self.source.stakeholder_id, target.stakeholder_id)

    def cancel(self) -> None:
        """Remove the rubber line without asking for anything."""
        if self.target is not None:
            self.target.set_drop_target(False)
            self.target = None
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)


class Mode:
    """Base mode: handles nothing, so the scene's usual behaviour applies."""

    name = ""
    hint = ""

    def __init__(self, scene: ModeHost) -> None:
        self.scene = scene

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Handle a mouse press; return whether it was used."""
        return False

    def double_click(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Handle a double-click; return whether it was used."""
        return False


class SelectMode(Mode):
    """Click to select, drag to move, drag the border handle (or Shift+drag) to connect."""

    name = "select"
    hint = "Drag to move; drag from a border, or Shift+drag, to connect; double-click to add."

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        item = self.scene.stakeholder_at(event.scenePos())
        if item is None:
            return False
        on_handle = item.in_handle(item.mapFromScene(event.scenePos()))
        if on_handle or event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.scene.start_connect(item)
            return True
        return False

    def double_click(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = event.scenePos()
        item = self.scene.stakeholder_at(pos)
        if item is not None:
            self.scene.edit_label(item.stakeholder_id)
            return True
        if self.scene.relationship_at(pos) is None:
            self.scene.add_stakeholder_requested.emit(pos.x(), pos.y())
            return True
        return False


class AddMode(SelectMode):
    """Click on empty canvas to add a stakeholder there."""

    name = "add"
    hint = "Click where the new stakeholder should go; Esc to stop adding."

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() == Qt.MouseButton.LeftButton:
            pos = event.scenePos()
            if self.scene.stakeholder_at(pos) is None:
                self.scene.add_stakeholder_requested.emit(pos.x(), pos.y())
                return True
        return super().press(event)


class ConnectMode(SelectMode):
    """Drag from one stakeholder to another to connect them."""

    name = "connect"
    hint = "Drag from one stakeholder to another to connect them; Esc to stop."

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.scene.stakeholder_at(event.scenePos())
            if item is not None:
                self.scene.start_connect(item)
                return True
        return super().press(event)


MODES: dict[str, type[Mode]] = {m.name: m for m in (SelectMode, AddMode, ConnectMode)}
