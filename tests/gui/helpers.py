"""Driving the real window like a user: clicks, drags that hold the button, dialogs answered."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox, QWidget

LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def view_point(window: object, x: float, y: float) -> QPoint:
    """Where a scene point is on the map view's viewport."""
    view = window.view  # type: ignore[attr-defined]
    return view.mapFromScene(QPointF(x, y))


def stakeholder_point(window: object, stakeholder_id: str) -> QPoint:
    """The centre of a stakeholder on the map view's viewport."""
    item = window.scene.item_for_stakeholder(stakeholder_id)  # type: ignore[attr-defined]
    assert item is not None, stakeholder_id
    return view_point(
        window, item.sceneBoundingRect().center().x(), item.sceneBoundingRect().center().y()
    )


def _mouse(
    widget: QWidget,
    kind: QEvent.Type,
    pos: QPoint,
    button: Qt.MouseButton,
    buttons: Qt.MouseButton,
    modifiers: Qt.KeyboardModifier,
) -> None:
    local = QPointF(pos)
    event = QMouseEvent(kind, local, QPointF(widget.mapToGlobal(pos)), button, buttons, modifiers)
    QApplication.sendEvent(widget, event)


def drag(
    widget: QWidget,
    start: QPoint,
    end: QPoint,
    modifiers: Qt.KeyboardModifier = NO_MODIFIER,
    steps: int = 8,
    button: Qt.MouseButton = LEFT,
) -> None:
    """Press, move in steps with the button held, release: QTest.mouseMove drops the button."""
    _mouse(widget, QEvent.Type.MouseButtonPress, start, button, button, modifiers)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        _mouse(widget, QEvent.Type.MouseMove, point, Qt.MouseButton.NoButton, button, modifiers)
        QApplication.processEvents()
    _mouse(widget, QEvent.Type.MouseButtonRelease, end, button, Qt.MouseButton.NoButton, modifiers)
    QApplication.processEvents()


def click(widget: QWidget, pos: QPoint, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    """A left click at ``pos``."""
    QTest.mouseClick(widget, LEFT, modifiers, pos)


def double_click(widget: QWidget, pos: QPoint) -> None:
    """A left double-click at ``pos``."""
    QTest.mouseDClick(widget, LEFT, NO_MODIFIER, pos)


def when_modal(act: Callable[[QWidget], None], timeout_ms: int = 5000) -> None:
    """Run ``act`` on the next modal dialog as soon as it shows (it is about to be opened)."""
    waited = 0

    def attempt() -> None:
        nonlocal waited
        widget = QApplication.activeModalWidget()
        if widget is not None and widget.isVisible():
            act(widget)
        elif waited < timeout_ms:
            waited += 20
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def press_button(box: QWidget, which: QMessageBox.StandardButton) -> None:
    """Press a message box's standard button."""
    assert isinstance(box, QMessageBox), type(box)
    button = box.button(which)
    assert button is not None
    button.click()


def answer(which: QMessageBox.StandardButton) -> None:
    """Answer the next message box with ``which`` (Save, Discard, Cancel, OK)."""
    when_modal(lambda box: press_button(box, which))


def button_with_text(dialog: QDialog, text: str) -> QAbstractButton:
    """A dialog's button by its text."""
    for button in dialog.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text:
            return button
    raise AssertionError(f"no button {text!r}")


def focused() -> QWidget:
    """The widget with the keyboard focus (the window is activated again first if a dialog
    closed: a window manager does that, the offscreen platform does not)."""
    widget = QApplication.focusWidget()
    if widget is None:
        from sysmap.gui.main_window import MainWindow

        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        window.activateWindow()
        QTest.qWait(20)
        widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    """Press ``key`` where the keyboard focus is, as a person would."""
    QTest.keyClick(focused(), key, modifiers)
