"""A whole workshop, driven through the real window with mouse and keyboard.

Open an example; add three stakeholders; connect them with two relationship types; retag one;
move several; delete one; undo everything back to the file as opened; redo it all; save;
reopen; and find the same map.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from sysmap.gui import dialogs
from sysmap.gui.connect_dialog import ConnectDialog
from sysmap.gui.main_window import MainWindow
from sysmap.io import EXAMPLES, load_map
from tests.gui.helpers import button_with_text, click, double_click, drag, stakeholder_point

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
MIDDLE = Qt.MouseButton.MiddleButton


def an_example() -> str:
    """Reducing reoffending if it has been built, else the first example on disk."""
    present = [e for e in EXAMPLES if e.path.exists()]
    if not present:
        pytest.skip("no example map has been built yet")
    return next((e.name for e in present if e.name == "reoffending"), present[0].name)


def empty_spots(window: MainWindow, count: int) -> list[QPoint]:
    """Points on the viewport with no stakeholder or relationship near them."""
    view, scene = window.view, window.scene
    rect = view.viewport().rect()
    found: list[QPoint] = []
    # Top to bottom: each new stakeholder's name callout (shown above it while the pointer
    # rests on it, zoomed out) must not cover the next spot.
    for y in range(60, rect.height() - 60, 37):
        for x in range(80, rect.width() // 2, 41):
            point = QPoint(x, y)
            centre = view.mapToScene(point)
            box = QRectF(centre - QPointF(100, 50), centre + QPointF(100, 50))
            if any(item.isVisible() for item in scene.items(box)):
                continue
            if all((point - p).manhattanLength() > 150 for p in found):
                found.append(point)
                if len(found) == count:
                    return found
    raise AssertionError("no room on the canvas to add stakeholders")


def add_by_double_click(window: MainWindow, qtbot: QtBot, where: QPoint, name: str) -> str:
    viewport = window.view.viewport()
    before = set(window.document.map.stakeholder_ids())  # type: ignore[union-attr]
    double_click(viewport, where)
    qtbot.waitUntil(lambda: window.scene.label_editor() is not None)
    QTest.keyClicks(viewport, name + "x")
    QTest.keyClick(viewport, Qt.Key.Key_Backspace)  # editing keys stay in the name box
    QTest.keyClick(viewport, Qt.Key.Key_Return)
    (new_id,) = set(window.document.map.stakeholder_ids()) - before  # type: ignore[union-attr]
    assert window.document.map.label(new_id) == name  # type: ignore[union-attr]
    return new_id


def connect_by_drag(
    window: MainWindow, qtbot: QtBot, source: str, target: str, relation: str
) -> None:
    viewport = window.view.viewport()
    drag(viewport, stakeholder_point(window, source), stakeholder_point(window, target), SHIFT)

    def open_dialog() -> ConnectDialog | None:
        return next((d for d in window.findChildren(ConnectDialog) if d.isVisible()), None)

    qtbot.waitUntil(lambda: open_dialog() is not None)
    dialog = open_dialog()
    assert dialog is not None
    line = dialog.relation.lineEdit()
    line.selectAll()
    QTest.keyClicks(line, relation)
    button_with_text(dialog, "Connect").click()
    # The offscreen platform does not hand activation back when a dialog closes; a desktop
    # does, so do it here as the window manager would.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_workshop_flow(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.resize(1280, 860)
    name = an_example()
    example = next(e for e in EXAMPLES if e.name == name)
    opened_file = load_map(example.path).map

    # Open the example from the start page.
    qtbot.mouseClick(window.start_page.example_buttons[name], Qt.MouseButton.LeftButton)
    document = window.document
    assert document is not None
    stack = document.undo_stack
    assert document.map == opened_file
    qtbot.waitUntil(lambda: window.view.zoom_level() != 1.0)  # fitted after the first paint
    viewport = window.view.viewport()
    # Pan with the middle button to bring empty canvas into view beside the map.
    middle = viewport.rect().center()
    drag(viewport, middle, middle + QPoint(viewport.width() // 2, 0), button=MIDDLE)

    # Add three stakeholders: double-click empty canvas, type the name, Enter.
    spots = empty_spots(window, 3)
    names = ["Jobcentre Plus Salford", "Peer mentor network", "Local landlord forum"]
    added = [
        add_by_double_click(window, qtbot, spot, n) for spot, n in zip(spots, names, strict=True)
    ]
    assert [stack.text(i) for i in range(3)] == [f"Add {n}" for n in names]

    # Connect them with two relationship types (drag with Shift from one to the other).
    connect_by_drag(window, qtbot, added[0], added[1], "refers to")
    connect_by_drag(window, qtbot, added[1], added[2], "funds")
    connect_by_drag(window, qtbot, added[0], added[1], "funds")  # a second type, same pair
    pair = document.map.relationships_between(added[0], added[1])
    assert sorted(r.relation for r in pair) == ["funds", "refers"]
    assert stack.text(3) == f"Connect {names[0]} → {names[1]}"

    # Retag one in the inspector: click it, type a sector, Enter.
    click(viewport, stakeholder_point(window, added[1]))
    assert window.selected() == ([added[1]], [])
    sector = window.inspector.stakeholder_page.sector
    sector.lineEdit().setFocus()
    sector.lineEdit().selectAll()
    QTest.keyClicks(sector.lineEdit(), "Third sector")
    QTest.keyClick(sector.lineEdit(), Qt.Key.Key_Return)
    assert document.map.stakeholder(added[1]).sector == "third_sector"
    assert stack.text(stack.count() - 1) == f"Set sector of {names[1]} to Third sector"

    # Move several: Ctrl+click to select two, drag one of them; then nudge with arrow keys.
    click(viewport, stakeholder_point(window, added[0]))
    click(viewport, stakeholder_point(window, added[2]), CTRL)
    assert sorted(window.selected()[0]) == sorted([added[0], added[2]])
    before = {i: document.map.stakeholder(i) for i in (added[0], added[2])}
    start = stakeholder_point(window, added[0])
    drag(viewport, start, start + QPoint(60, 25))
    assert stack.text(stack.count() - 1) == "Move 2 stakeholders"
    moved = document.map.stakeholder(added[2])
    assert moved.x > before[added[2]].x
    assert moved.y > before[added[2]].y
    steps = stack.count()
    window.view.setFocus()
    for _ in range(3):
        QTest.keyClick(viewport, Qt.Key.Key_Right)
    assert stack.count() == steps + 1  # three nudges, one step
    assert document.map.stakeholder(added[2]).x == pytest.approx(moved.x + 30)

    # Delete one: select it and press Delete.
    click(viewport, stakeholder_point(window, added[2]))
    QTest.keyClick(viewport, Qt.Key.Key_Delete)
    assert not document.map.has_stakeholder(added[2])
    assert stack.text(stack.count() - 1) == f"Delete {names[2]}"
    assert window.isWindowModified()
    finished = document.map.copy()

    # Undo back to the opened state: the model equals the file.
    while stack.canUndo():
        QTest.keyClick(viewport, Qt.Key.Key_Z, CTRL)
    assert document.map == opened_file
    assert not window.isWindowModified()

    # Redo forward to where we were.
    while stack.canRedo():
        QTest.keyClick(viewport, Qt.Key.Key_Z, CTRL | SHIFT)
    assert document.map == finished

    # Save (an example saves as a new file), reopen, compare.
    target = tmp_path / "workshop.graphml"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: target)
    QTest.keyClick(viewport, Qt.Key.Key_S, CTRL)
    assert not window.isWindowModified()
    assert window.windowTitle().endswith("workshop.graphml[*]")
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, folder: target)
    QTest.keyClick(viewport, Qt.Key.Key_O, CTRL)
    assert window.document is not document
    assert window.document.map == finished  # type: ignore[union-attr]
    assert load_map(target).map == finished
