"""A whole workshop with the keyboard alone: every step below is a key event, as a person who
cannot use a mouse would work. Create a map, add five stakeholders, tag them, connect two,
analyse, show a finding on the map, save and export a picture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from sysmap.io import load_map
from tests.gui.helpers import focused, press

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NAMES = ("Probation", "Housing options", "Shelter", "Job centre", "GP surgery")


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


def when_dialog_has_focus(act: Callable[[QWidget], None], timeout_ms: int = 8000) -> None:
    """Run ``act`` on the focused field of the next dialog, once the dialog has the keyboard
    (a dialog that never takes the focus leaves ``failed`` set, and the test fails)."""
    waited = 0

    def attempt() -> None:
        nonlocal waited
        dialog = QApplication.activeModalWidget()
        field = QApplication.focusWidget()
        if dialog is not None and field is not None and dialog.isAncestorOf(field):
            act(field)
        elif waited < timeout_ms:
            waited += 20
            QTimer.singleShot(20, attempt)
        else:
            failed.append(f"no focus in {dialog!r}: it is on {field!r}")

    QTimer.singleShot(0, attempt)


failed: list[str] = []


def _type_into_dialog(text: str) -> None:
    """Answer the next modal dialog from the keyboard: select what its field holds, type, Enter."""

    def act(field: QWidget) -> None:
        QTest.keyClick(field, Qt.Key.Key_A, CTRL)
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)

    when_dialog_has_focus(act)


def test_a_whole_map_made_with_the_keyboard_alone(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Create: the start page's first button is New map, and Enter presses it.
    assert focused() is window.start_page.new_button
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document is not None)
    qtbot.waitUntil(window.view.hasFocus)
    doc = window.document

    # Add five: Ctrl+Shift+A, type the name, Enter.
    for name in NAMES:
        press(Qt.Key.Key_A, CTRL | SHIFT)
        qtbot.waitUntil(lambda: window.scene.label_editor() is not None)
        type_text(name)
        press(Qt.Key.Key_Return)
    assert sorted(doc.map.label(n) for n in doc.map.graph) == sorted(NAMES)
    press(Qt.Key.Key_2, ALT)  # lay them out by sector, so Ctrl+arrows have somewhere to go
    qtbot.waitUntil(
        lambda: len({(d["x"], d["y"]) for _n, d in doc.map.graph.nodes(data=True)}) == 5
    )

    # Tag: Enter opens the selected one in the inspector; Alt keys reach its fields.
    qtbot.waitUntil(window.view.hasFocus)
    press(Qt.Key.Key_Right, CTRL)
    chosen = window.scene.selected_stakeholder_ids()
    assert len(chosen) == 1
    press(Qt.Key.Key_Return)
    page = window.inspector.stakeholder_page
    qtbot.waitUntil(page.name.hasFocus)
    press(Qt.Key.Key_S, ALT)
    assert page.sector.isAncestorOf(focused()) or focused() is page.sector
    type_text("Third sector")
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_T, ALT)
    assert focused() is page.tags
    type_text("housing, workshop")
    press(Qt.Key.Key_Tab)
    data = doc.map.graph.nodes[chosen[0]]
    assert data.get("sector") == "third_sector"
    assert "housing" in data.get("tags", [])

    # Connect: back to the map (F6), select two with Ctrl+Shift+arrow, Ctrl+L, Enter.
    for _ in range(6):
        if window.view.hasFocus():
            break
        press(Qt.Key.Key_F6)
    assert window.view.hasFocus()
    before = doc.map.relationship_count
    for arrow in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
        press(arrow, CTRL | SHIFT)
        if len(window.scene.selected_stakeholder_ids()) == 2:
            break
    assert len(window.scene.selected_stakeholder_ids()) == 2
    when_dialog_has_focus(lambda field: QTest.keyClick(field, Qt.Key.Key_Return))
    press(Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: doc.map.relationship_count == before + 1 or bool(failed), timeout=9000)
    assert not failed

    # Analyse: F5, then Ctrl+Alt+F puts the keyboard on the findings; Down shows one.
    press(Qt.Key.Key_F5)
    findings = window.analysis.panel.findings
    qtbot.waitUntil(lambda: bool(findings.findings()), timeout=60_000)
    press(Qt.Key.Key_F, CTRL | ALT)
    assert focused() is findings.tree
    for _ in range(4):
        if findings.selected() is not None:
            break
        press(Qt.Key.Key_Down)
    assert findings.selected() is not None
    assert window.scene.overlay is not None  # the finding is drawn on the map

    # Save: Ctrl+S asks where; the file name is typed.
    saved = tmp_path / "keyboard.graphml"
    _type_into_dialog(str(saved))
    press(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: saved.exists() or bool(failed), timeout=10_000)
    assert not failed
    assert sorted(load_map(saved).map.label(n) for n in load_map(saved).map.graph) == sorted(NAMES)

    # Export a picture: Ctrl+E, type where, Enter.
    picture = tmp_path / "keyboard.png"
    _type_into_dialog(str(picture))
    press(Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: picture.exists() or bool(failed), timeout=30_000)
    assert not failed
    assert picture.read_bytes().startswith(b"\x89PNG")
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]
