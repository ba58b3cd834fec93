"""Making menu and toolbar actions the same way everywhere: text, icon, keys, tips."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QWidget

from sysmap.gui.keyboard import focus_into
from sysmap.gui.resources import icon

Keys = QKeySequence.StandardKey | str | Sequence[QKeySequence.StandardKey | str] | None


def make_action(
    parent: QWidget,
    text: str,
    slot: Callable[[], object] | None = None,
    *,
    icon_name: str = "",
    keys: Keys = None,
    tip: str = "",
    checkable: bool = False,
    checked: bool = False,
) -> QAction:
    """An action with its menu text, icon, shortcuts, tooltip and status-bar hint.

    The tooltip names the first shortcut, so toolbar users learn the keys.
    """
    action = QAction(text, parent)
    if icon_name:
        action.setIcon(icon(icon_name))
        action.setProperty("icon_name", icon_name)  # to redraw it if the theme changes
    sequences = _sequences(keys)
    if sequences:
        action.setShortcuts(sequences)
    plain = text.replace("&", "").rstrip("…")
    shortcut = sequences[0].toString(QKeySequence.SequenceFormat.NativeText) if sequences else ""
    action.setToolTip(f"{tip or plain} ({shortcut})" if shortcut else tip or plain)
    action.setStatusTip(tip or plain)
    if checkable:
        action.setCheckable(True)
        action.setChecked(checked)
        if slot is not None:
            action.toggled.connect(lambda _on: slot())
    elif slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    parent.addAction(action)  # shortcuts work even when a menu or toolbar is hidden
    return action


def _sequences(keys: Keys) -> list[QKeySequence]:
    if keys is None:
        return []
    items = [keys] if isinstance(keys, QKeySequence.StandardKey | str) else list(keys)
    result: list[QKeySequence] = []
    for item in items:
        if isinstance(item, QKeySequence.StandardKey):
            result += QKeySequence.keyBindings(item)
        else:
            result.append(QKeySequence(item))
    unique: list[QKeySequence] = []
    for sequence in result:  # Redo is Ctrl+Shift+Z on some systems: never bind a key twice
        if not sequence.isEmpty() and sequence not in unique:
            unique.append(sequence)
    return unique


def redraw_icons(actions: Sequence[QAction]) -> None:
    """Draw the actions' icons again in the palette's colours (after a theme change)."""
    for action in actions:
        name = action.property("icon_name")
        if isinstance(name, str) and name:
            action.setIcon(icon(name))


def dock_action(dock: QDockWidget) -> QAction:
    """Show, bring forward or hide a panel: like Qt's own toggle, except that a panel open as
    a tab behind another is brought to the front, not closed (its shortcut shows it). A panel
    shown or brought forward takes the keyboard focus, so its shortcut leads straight to it."""
    action = QAction(dock.windowTitle(), dock)
    action.setCheckable(True)
    action.setChecked(not dock.isHidden())

    def follow(_visible: bool = False) -> None:
        action.setChecked(not dock.isHidden())

    def toggle() -> None:
        if dock.isHidden():
            dock.show()
            dock.raise_()
            _focus_soon(dock)
        elif dock.visibleRegion().isEmpty():
            dock.raise_()  # open, but behind another tab
            _focus_soon(dock)
        else:
            dock.hide()
        follow()

    dock.visibilityChanged.connect(follow)
    action.triggered.connect(toggle)
    return action


def _focus_soon(dock: QDockWidget) -> None:
    """Focus the panel once it is laid out (a panel just shown has no place on screen yet)."""
    widget = dock.widget()
    if widget is None:
        return
    if not focus_into(widget):
        QTimer.singleShot(0, widget, lambda: focus_into(widget))
