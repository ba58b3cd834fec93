"""Keyboard rules for the whole window: where Tab goes, which panel comes next, whose Alt keys act.

WCAG 2.2 asks that the keyboard alone reaches everything, that focus never lands where it
cannot be seen (2.4.3, 2.4.7, 2.4.11) and that nothing traps it (2.1.2). Qt keeps a panel that
sits behind another panel's tab "visible" and in the Tab chain, and lets a hidden panel's Alt
keys fire; the rules here close those gaps for every panel, present and future.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QWidget,
)


def shown(widget: QWidget) -> bool:
    """Whether ``widget`` is on the screen for a person to see: visible, with some of it
    uncovered, and not in a panel that sits behind another panel's tab."""
    if not widget.isVisible() or widget.visibleRegion().isEmpty():
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QDockWidget) and parent.visibleRegion().isEmpty():
            return False
        parent = parent.parentWidget()
    return True


def tabbable(widget: QWidget) -> bool:
    """Whether Tab may stop on ``widget``: it takes Tab focus, is enabled and is shown."""
    return (
        bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.isEnabled()
        and widget.focusProxy() is None
        and shown(widget)
    )


def next_in_tab_order(window: QWidget, forward: bool) -> QWidget | None:
    """The widget Tab (or Shift+Tab) should reach from the focus, skipping hidden ones."""
    start = QApplication.focusWidget()
    if start is None or start.window() is not window:
        start = window
    widget: QWidget | None = start
    for _ in range(2000):  # the chain is a ring; the bound only guards against a broken one
        if widget is None:
            return None
        widget = _step(widget, forward)
        if widget is None or widget is start:
            return None
        if widget.window() is window and tabbable(widget):
            return widget
    return None


def first_tabbable(container: QWidget) -> QWidget | None:
    """The first widget inside ``container`` (or itself) that Tab could stop on."""
    if tabbable(container):
        return container
    widget = _step(container, True)
    for _ in range(2000):
        if widget is None or widget is container:
            return None
        if container.isAncestorOf(widget) and tabbable(widget):
            return widget
        widget = _step(widget, True)
    return None


def _step(widget: QWidget, forward: bool) -> QWidget | None:
    """The next (or previous) widget in the focus chain, its Python wrapper left as it was.

    PySide files the widget a focus-chain step returns as the Python child of the widget it
    was asked of; when that one's wrapper goes (a button of a panel redrawn), the widget's
    wrapper goes with it although the widget lives on: the window's toolbar, kept by the
    window, then raised "already deleted" on Close map after a finding was cleared and the
    Charts opened. Giving the widget its own parent again is a no-op for Qt (same parent)
    and files it back under that parent.
    """
    found = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
    if found is not None:
        found.setParent(found.parentWidget())
    return found


def focus_into(container: QWidget) -> bool:
    """Move the keyboard focus into ``container`` (a panel just shown); False if nothing there
    takes it."""
    target = first_tabbable(container)
    if target is None:
        return False
    target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return True


def mnemonic_letter(text: str) -> str:
    """The letter after a lone ``&`` in a label's text (``"Na&me:"`` gives ``"m"``), or ``""``.

    Examples
    --------
    >>> mnemonic_letter("Place &level:"), mnemonic_letter("Fish && chips"), mnemonic_letter("x")
    ('l', '', '')
    """
    sequence = QKeySequence.mnemonic(text)
    if sequence.isEmpty():
        return ""
    return sequence.toString().rsplit("+", 1)[-1].lower()


class PanelMnemonics(QObject):
    """Lets a panel's own Alt+letter keys act only while the focus is inside the panel.

    Qt gives a label's mnemonic to the whole window, so Alt+N typed on the map would jump to
    a field of a panel out of sight and an arrow key would then change it unseen. The menus
    keep their Alt keys everywhere.
    """

    def __init__(self, panel: QWidget) -> None:
        super().__init__(panel)
        self.panel = panel
        self.watch()

    def watch(self) -> None:
        """Watch every label with a buddy and every button with an Alt key in the panel."""
        for widget in self.panel.findChildren(QWidget):
            if isinstance(widget, QLabel | QAbstractButton) and mnemonic_letter(widget.text()):
                widget.removeEventFilter(self)
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            focus = QApplication.focusWidget()
            inside = focus is not None and (focus is self.panel or self.panel.isAncestorOf(focus))
            if not inside or not shown(self.panel):
                return True  # swallowed: the panel is not where the user is working
        return False


def dock_for(widget: QWidget) -> QDockWidget | None:
    """The panel ``widget`` sits in, if any."""
    parent: QWidget | None = widget
    while parent is not None and not isinstance(parent, QDockWidget):
        parent = parent.parentWidget()
    return parent


def panel_ring(window: QMainWindow, centre: QWidget) -> list[QWidget]:
    """The places Ctrl+Tab and F6 cycle through: the map, then each panel on screen, in
    reading order (top to bottom, left to right)."""
    docks = [d for d in window.findChildren(QDockWidget) if d.parent() is window and shown(d)]
    docks.sort(key=lambda d: (d.mapTo(window, d.rect().topLeft()).y() // 40, d.x()))
    return [centre, *docks]


def cycle_panels(window: QMainWindow, centre: QWidget, forward: bool = True) -> QWidget | None:
    """Move the focus to the next (or previous) panel; return the widget focused."""
    ring = [p for p in panel_ring(window, centre) if first_tabbable(p) is not None]
    if not ring:
        return None
    focus = QApplication.focusWidget()
    here = next(
        (
            i
            for i, p in enumerate(ring)
            if focus is not None and (p is focus or p.isAncestorOf(focus))
        ),
        -1,
    )
    step = 1 if forward else -1
    target = ring[(here + step) % len(ring)] if here >= 0 else ring[0]
    focus_into(target)
    return QApplication.focusWidget()
