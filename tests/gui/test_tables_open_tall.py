"""The Tables panel opens tall enough to read: at least eight rows on a 1366×768 screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui.test_laptop_screen import LAPTOP, open_on_laptop

ROWS = 8


def test_tables_open_showing_eight_rows_and_the_map_keeps_most_height(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    open_on_laptop(window, qtbot, "reoffending")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    dock = window.tables_dock
    assert not dock.isVisible()
    QTest.keyClick(
        window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(dock.isVisible)
    table = window.tables.stakeholder_view
    row = table.verticalHeader().defaultSectionSize()
    qtbot.waitUntil(lambda: table.viewport().height() >= ROWS * row, timeout=3000)
    # The map keeps more height than the tables take.
    assert window.view.height() > dock.height()
    assert window.height() == LAPTOP[1]
