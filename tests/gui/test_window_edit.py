"""Editing in the real window: layouts, clipboard, find, rename, nudge, connect, view options."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from sysmap.gui.commands import ApplyLayout
from sysmap.gui.connect_dialog import ConnectDialog
from sysmap.gui.main_window import MainWindow
from sysmap.layout import LAYOUTS
from tests.gui.helpers import button_with_text, click, stakeholder_point

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def opened(window: MainWindow, saved_map: Path) -> MainWindow:
    window.resize(1200, 800)
    assert window.files.open_path(saved_map)
    window.view.fit_map()
    window.view.setFocus()
    return window


def keys(
    window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(window.view.viewport(), key, modifiers)


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_each_layout_from_the_menu_is_one_step_and_keeps_pinned(
    opened: MainWindow, qtbot: QtBot, name: str
) -> None:
    doc = opened.document
    assert doc is not None
    before = doc.map.copy()
    pinned = doc.map.stakeholder("shelter")
    opened.action(f"layout.{name}").trigger()
    qtbot.waitUntil(lambda: doc.undo_stack.count() == 1, timeout=20000)
    command = doc.undo_stack.command(0)
    assert isinstance(command, ApplyLayout)
    assert command.text() == f"Apply layout: {LAYOUTS[name].title}"
    after = doc.map.stakeholder("shelter")
    assert (after.x, after.y) == (pinned.x, pinned.y)
    assert tuple(opened.scene.guides) == command.guides
    keys(opened, Qt.Key.Key_Z, CTRL)
    assert doc.map == before
    assert tuple(opened.scene.guides) == ()
    keys(opened, Qt.Key.Key_Z, CTRL | SHIFT)
    assert tuple(opened.scene.guides) == command.guides


def test_layout_runs_off_the_gui_thread_and_cancels(window: MainWindow, qtbot: QtBot) -> None:
    from sysmap.gui.document import MapDocument
    from sysmap.model.synthetic import synthetic_map

    window.set_document(MapDocument(synthetic_map(3000, seed=3)))
    doc = window.document
    assert doc is not None
    window.action("layout.force").trigger()
    assert window.layouts.task is not None
    assert not window.action("layout.force").isEnabled()  # one layout at a time
    window.progress.cancel()
    qtbot.waitUntil(lambda: window.layouts.task is None, timeout=60000)
    assert doc.undo_stack.count() == 0
    assert window.action("layout.force").isEnabled()


def test_add_by_shortcut_and_name_in_place_is_one_step(opened: MainWindow, qtbot: QtBot) -> None:
    doc = opened.document
    assert doc is not None
    keys(opened, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.waitUntil(lambda: opened.scene.label_editor() is not None)
    QTest.keyClicks(opened.view.viewport(), "Citizens Advice")
    keys(opened, Qt.Key.Key_Return)
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.text(0) == "Add Citizens Advice"
    assert "citizens-advice" in doc.map.stakeholder_ids()
    keys(opened, Qt.Key.Key_Z, CTRL)
    assert "citizens-advice" not in doc.map.stakeholder_ids()
    keys(opened, Qt.Key.Key_Z, CTRL | SHIFT)
    assert doc.map.label("citizens-advice") == "Citizens Advice"


def test_rename_with_f2(opened: MainWindow, qtbot: QtBot) -> None:
    doc = opened.document
    assert doc is not None
    click(opened.view.viewport(), stakeholder_point(opened, "shelter"))
    keys(opened, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: opened.scene.label_editor() is not None)
    QTest.keyClicks(opened.view.viewport(), "Shelter Manchester")
    keys(opened, Qt.Key.Key_Return)
    assert doc.map.label("shelter") == "Shelter Manchester"
    assert doc.undo_stack.text(0) == "Rename Shelter to Shelter Manchester"


def test_arrow_nudges_merge_into_one_step(opened: MainWindow) -> None:
    doc = opened.document
    assert doc is not None
    click(opened.view.viewport(), stakeholder_point(opened, "probation-service"))
    x = doc.map.stakeholder("probation-service").x
    for _ in range(4):
        keys(opened, Qt.Key.Key_Right)
    keys(opened, Qt.Key.Key_Left, SHIFT)
    assert doc.map.stakeholder("probation-service").x == pytest.approx(x + 39)
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.text(0) == "Move Probation Service"


def test_select_all_delete_and_undo(opened: MainWindow) -> None:
    doc = opened.document
    assert doc is not None
    before = doc.map.copy()
    keys(opened, Qt.Key.Key_A, CTRL)
    assert len(opened.selected()[0]) == 3
    assert opened.selection_label.text() == "3 stakeholders selected"
    keys(opened, Qt.Key.Key_Delete)
    assert doc.map.stakeholder_count == 0
    assert doc.undo_stack.text(0) == "Delete 3 stakeholders"
    keys(opened, Qt.Key.Key_Z, CTRL)
    assert doc.map == before


def test_copy_and_paste_between_windows(opened: MainWindow, qtbot: QtBot) -> None:
    from sysmap.gui.document import MapDocument
    from sysmap.model import SystemMap

    opened.select(["probation-service", "council-housing-options"])
    keys(opened, Qt.Key.Key_C, CTRL)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat("application/x-sysmap-fragment+json")
    rows = sorted(mime.text().splitlines()[1:])
    assert rows[1].startswith("Probation Service\tOrganisation\tLocal public services")
    keys(opened, Qt.Key.Key_V, CTRL)  # into the same map: new ids, shifted
    doc = opened.document
    assert doc is not None
    assert doc.undo_stack.text(0) == "Paste 2 stakeholders"
    assert sorted(opened.selected()[0]) == ["council-housing-options-2", "probation-service-2"]
    assert (
        doc.map.stakeholder("probation-service-2").x
        == doc.map.stakeholder("probation-service").x + 30
    )
    assert (
        len(doc.map.relationships_between("probation-service-2", "council-housing-options-2")) == 1
    )

    other = MainWindow()
    qtbot.addWidget(other)
    other.show()
    other.set_document(MapDocument(SystemMap("Second map")))
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)  # shortcuts go to the window the user is in
    QTest.keyClick(other.view.viewport(), Qt.Key.Key_V, CTRL)
    assert other.document is not None
    assert sorted(other.document.map.stakeholder_ids()) == [
        "council-housing-options",
        "probation-service",
    ]
    assert other.document.map.relationship_count == 1
    other.document.undo_stack.setClean()


def test_cut_then_paste_plain_text(opened: MainWindow) -> None:
    doc = opened.document
    assert doc is not None
    opened.select(["shelter"])
    keys(opened, Qt.Key.Key_X, CTRL)
    assert not doc.map.has_stakeholder("shelter")
    assert doc.undo_stack.text(0) == "Cut Shelter"
    QGuiApplication.clipboard().setText("Mind\nCrisis\n")
    keys(opened, Qt.Key.Key_V, CTRL)
    assert doc.undo_stack.text(1) == "Paste 2 stakeholders"
    assert {doc.map.label(i) for i in opened.selected()[0]} == {"Mind", "Crisis"}


def test_find_bar(opened: MainWindow) -> None:
    keys(opened, Qt.Key.Key_F, CTRL)
    bar = opened.find_bar
    assert bar.isVisible()
    assert bar.field.hasFocus() or QGuiApplication.focusObject() is bar.field
    QTest.keyClicks(bar.field, "o")
    assert sorted(opened.selected()[0]) == ["council-housing-options", "probation-service"]
    assert bar.count.text() == "2 found"
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    first = opened.selected()[0]
    assert first == bar.matches[:1]
    assert bar.count.text() == "1 of 2"
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert opened.selected()[0] == bar.matches[1:]
    QTest.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    assert opened.selected()[0] == first
    QTest.keyClicks(bar.field, "zzz")
    assert bar.count.text() == "Not found"
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_connect_dialog_cancel_and_new_type(opened: MainWindow, qtbot: QtBot) -> None:
    doc = opened.document
    assert doc is not None
    opened.scene.connect_requested.emit("shelter", "council-housing-options")
    dialog = opened.findChild(ConnectDialog)
    assert dialog is not None
    button_with_text(dialog, "Cancel").click()
    assert doc.undo_stack.count() == 0
    opened.scene.connect_requested.emit("shelter", "council-housing-options")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in opened.findChildren(ConnectDialog)))
    dialog = next(d for d in opened.findChildren(ConnectDialog) if d.isVisible())
    dialog.relation.setCurrentText("mentors")
    dialog.status.setCurrentIndex(dialog.status.findData("proposed"))
    button_with_text(dialog, "Connect").click()
    assert doc.undo_stack.text(0) == "Connect Shelter → Council housing options"
    rel = doc.map.relationships_between("shelter", "council-housing-options")[0]
    assert (rel.relation, rel.status) == ("mentors", "proposed")
    assert doc.map.relation_types.label("mentors") == "mentors"
    keys(opened, Qt.Key.Key_Z, CTRL)
    assert "mentors" not in doc.map.relation_types


def test_context_menu_offers_actions(opened: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QMenu

    opened.scene.context_menu_requested.emit(QPoint(200, 200), "shelter", "")
    menu = next(m for m in opened.findChildren(QMenu) if m.isVisible())
    texts = [a.text() for a in menu.actions() if a.text()]
    assert "Rena&me" in texts
    assert "&Delete" in texts
    menu.close()


def test_colour_by_menu(opened: MainWindow) -> None:
    opened.viewing._fill_colour_menu()
    place = next(a for a in opened.viewing.colour_menu.actions() if a.text() == "Place")
    place.trigger()
    assert opened.scene.colour_attribute == "place"
    assert opened.viewing.colour_attribute == "place"


def test_window_title_follows_the_map_title(opened: MainWindow) -> None:
    page = opened.inspector.map_page
    page.title.setText("Salford reoffending")
    page.title.editingFinished.emit()
    assert opened.windowTitle() == "Salford reoffending — small.graphml[*]"
    assert opened.isWindowModified()


def test_every_action_is_in_a_menu_and_named(opened: MainWindow) -> None:
    in_menus = set()
    for menu_action in opened.menuBar().actions():
        menu = menu_action.menu()
        stack = [menu]
        while stack:
            current = stack.pop()
            for action in current.actions():
                in_menus.add(action)
                if action.menu() is not None:
                    stack.append(action.menu())
    for name, action in opened.actions_by_name.items():
        assert action in in_menus, name
        assert action.statusTip(), name
    for widget in (opened.view, opened.inspector_dock, opened.tables_dock, opened.history):
        assert widget.accessibleName()


def test_keyboard_shortcuts_dialog_lists_the_keys(opened: MainWindow) -> None:
    from PySide6.QtWidgets import QTableWidget

    from tests.gui.helpers import when_modal

    seen: list[list[str]] = []

    def read(dialog: object) -> None:
        table = dialog.findChild(QTableWidget)  # type: ignore[attr-defined]
        seen.append([table.item(r, 0).text() for r in range(table.rowCount())])
        dialog.reject()  # type: ignore[attr-defined]

    when_modal(read)
    opened.action("help.shortcuts").trigger()
    assert "Undo" in seen[0]
    assert "Fit the map" in seen[0]


def test_keyboard_only_connect_from_the_table(opened: MainWindow, qtbot: QtBot) -> None:
    """Select two rows with the keyboard, Ctrl+L, swap the direction, Enter."""
    doc = opened.document
    assert doc is not None
    view = opened.tables.stakeholder_view
    view.setFocus()
    view.selectRow(0)
    QTest.keyClick(view, Qt.Key.Key_Down, SHIFT)
    first, second = opened.selected()[0]
    QTest.keyClick(view, Qt.Key.Key_L, CTRL)
    dialog = next(d for d in opened.findChildren(ConnectDialog) if d.isVisible())
    assert (dialog.source, dialog.target) == (first, second)
    dialog.swap_button.click()
    dialog.relation.setCurrentIndex(dialog.relation.findData("partners"))
    button_with_text(dialog, "Connect").click()
    rel = doc.map.relationship(doc.map.relationship_ids()[-1])
    assert (rel.source, rel.target, rel.relation) == (second, first, "partners")
    assert rel.directed is False  # a partnership is mutual unless the user says otherwise
    assert doc.undo_stack.text(0) == f"Connect {doc.map.label(second)} – {doc.map.label(first)}"
