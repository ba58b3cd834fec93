"""Walking the Tab order leaves every widget's Python wrapper alive.

Clearing a finding disables the focused Clear button, and Qt asks the window where the focus
goes next (:func:`sysmap.gui.keyboard.next_in_tab_order`). Each step along the focus chain
filed the widget it found as the Python child of the one before; once that one's wrapper went
(opening the Charts redraws a panel), the toolbar's wrapper went too, and Close map, or
opening a recent map, stopped with "sysmap hit a problem" (the toolbar "already deleted").
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from sysmap.gui.findings_view import FINDING_ROLE
from sysmap.gui.main_window import MainWindow
from tests.gui.test_laptop_screen import open_on_laptop


def test_close_map_after_clearing_a_finding_and_opening_the_charts(
    window: MainWindow, qtbot: QtBot
) -> None:
    open_on_laptop(window, qtbot, "reoffending")
    analysis = window.analysis
    qtbot.waitUntil(lambda: analysis.runner.is_current(), timeout=30_000)
    findings = analysis.panel.findings
    link = next(f for f in findings.findings() if f.kind == "suggested_link")
    item = next(i for i in findings._items() if i.data(0, FINDING_ROLE) == link)
    findings.tree.scrollToItem(item)
    spot = findings.tree.visualItemRect(item).center()
    qtbot.mouseClick(findings.tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: findings.clear_button.isEnabled())
    qtbot.mouseClick(findings.clear_button, Qt.MouseButton.LeftButton)  # the focus moves on
    assert window.scene.state.overlay is None
    alt_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(window.view, Qt.Key.Key_C, alt_ctrl)  # the Charts panel
    qtbot.waitUntil(lambda: analysis.charts_dock.isVisible())
    qtbot.wait(300)  # the chart drawn
    gc.collect()
    kept: list[QWidget] = [window.toolbar, window.view, findings.clear_button, window.tables_dock]
    assert all(shiboken6.isValid(w) for w in kept)
    window.action("file.close").trigger()
    assert window.document is None  # the start page, no error on the way
    assert not window.toolbar.isVisible()
