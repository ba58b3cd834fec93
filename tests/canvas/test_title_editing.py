"""Editing the map's title in place: Enter keeps, Esc cancels, clicking away keeps; once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from sysmap.canvas.view import MapView


def _open_title_editor(qtbot, view: MapView) -> QLineEdit:  # type: ignore[no-untyped-def]
    # A double-click on the title, as a user opens it.
    box = view._title_box()
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box.center().toPoint())
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    qtbot.waitUntil(editor.hasFocus)
    return editor


def test_enter_keeps_the_typed_title_and_escape_drops_it(qtbot, view: MapView) -> None:
    titles: list[str] = []
    view.title_edited.connect(titles.append)
    editor = _open_title_editor(qtbot, view)
    assert editor.selectedText() == view.scene().system_map.title
    qtbot.keyClicks(editor, "Reoffending in Salford")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert titles == ["Reoffending in Salford"]  # once, though closing it moved the focus
    assert editor.isHidden()

    editor = _open_title_editor(qtbot, view)
    qtbot.keyClicks(editor, "Never mind")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isHidden()
    assert titles == ["Reoffending in Salford"]


def test_clicking_away_keeps_the_typed_title(qtbot, view: MapView) -> None:
    titles: list[str] = []
    view.title_edited.connect(titles.append)
    editor = _open_title_editor(qtbot, view)
    qtbot.keyClicks(editor, "Reoffending in Wigan")
    view.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: titles == ["Reoffending in Wigan"])
    assert editor.isHidden()
