"""Zoomed out, a stakeholder being named in place has no name tag saying "New stakeholder".

Below 70 % names are tags beside the boxes; the box just added carried the placeholder name
under the box its typed name was being written in, so the screen said two names at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from sysmap.gui.main_window import MainWindow
from tests.gui.test_laptop_screen import open_on_laptop


def test_a_stakeholder_being_named_has_no_placeholder_tag(window: MainWindow, qtbot: QtBot) -> None:
    open_on_laptop(window, qtbot, "reoffending")
    view = window.view
    assert view.level_of_detail() == "shapes"  # names are tags at the opening fit
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(view.viewport(), Qt.Key.Key_A, ctrl_shift)
    qtbot.waitUntil(lambda: window.scene.label_editor() is not None)
    editor = window.scene.label_editor()
    assert editor is not None
    QTest.keyClicks(view.viewport(), "Youth Justice Service")
    view.viewport().repaint()
    named = {tag.ident: tag.text for tag in view.name_tags()}
    assert editor.stakeholder_id not in named, named.get(editor.stakeholder_id)
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert window.document is not None
    assert window.document.undo_stack.count() == 1
    view.viewport().repaint()
    texts = {tag.text.replace("\n", " ") for tag in view.name_tags()}
    assert "Youth Justice Service" in texts
    assert "New stakeholder" not in texts
