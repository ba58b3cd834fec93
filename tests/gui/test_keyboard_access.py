"""WCAG 2.2 AA in the app, checked the way an auditor would: by keyboard and by accessibility tree.

Every focusable widget has a name; Tab leaves every widget and visits every panel; focus never
lands out of sight; Alt keys are unique and a panel's own act only inside it; a panel opened by
its shortcut takes the focus; the map shows when it has the focus and can be walked.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QLabel,
    QMenu,
    QWidget,
)

from sysmap.gui.document import MapDocument
from sysmap.gui.keyboard import mnemonic_letter, shown
from tests.gui.conftest import small_system
from tests.gui.helpers import focused, press

pytestmark = pytest.mark.gui


def _open(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.set_document(MapDocument(small_system()))
    for dock in window.findChildren(QDockWidget):
        if dock is not window.analysis.charts_dock:  # charts load matplotlib: a test of its own
            dock.show()  # every other panel, some as tabs behind others
    window.name_panel_tabs()
    qtbot.wait(50)


def _name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _focusable(window: QWidget) -> list[QWidget]:
    return [
        w
        for w in window.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None and shown(w)
    ]


def _where(widget: QWidget) -> str:
    parent: QWidget | None = widget
    while parent is not None and not isinstance(parent, QDockWidget):
        parent = parent.parentWidget()
    return parent.objectName() if parent is not None else "centre"


# ---------------------------------------------------------------------------- names
def test_every_focusable_widget_and_icon_button_has_a_name(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    for state in ("start page", "map"):
        if state == "map":
            _open(window, qtbot)
        unnamed = [f"{type(w).__name__} in {_where(w)}" for w in _focusable(window) if not _name(w)]
        assert not unnamed, f"{state}: focusable widgets without a name: {unnamed}"
        icon_only = [
            b
            for b in window.findChildren(QAbstractButton)
            if b.isVisible() and not b.icon().isNull() and not b.text().strip()
        ]
        unnamed = [f"{b.toolTip()} in {_where(b)}" for b in icon_only if not _name(b)]
        assert not unnamed, f"{state}: icon-only buttons without a name: {unnamed}"


# ---------------------------------------------------------------------------- Tab
def test_tab_visits_every_panel_and_leaves_each_widget(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    window.tables_dock.show()
    window.tables_dock.raise_()
    qtbot.wait(20)
    window.view.setFocus()
    visited: list[QWidget] = []
    for _ in range(80):
        press(Qt.Key.Key_Tab)
        visited.append(focused())
    places = {_where(w) for w in visited}
    on_screen = {d.objectName() for d in window.findChildren(QDockWidget) if shown(d)}
    assert on_screen <= places, f"Tab never reached {on_screen - places}"
    assert "centre" in places
    # Tab leaves every widget it lands on: never the same widget twice in a row.
    assert all(a is not b for a, b in pairwise(visited))
    # And Shift+Tab goes back the same way.
    first = focused()
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is first


def test_the_stakeholders_table_is_no_keyboard_trap(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    window.tables_dock.show()
    window.tables_dock.raise_()
    table = window.tables.stakeholder_view
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.waitUntil(table.hasFocus)
    selected_before = window.scene.selected_stakeholder_ids()
    QTest.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == 1, "the arrow keys move between cells"
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus(), "Tab leaves the table"
    assert window.scene.selected_stakeholder_ids() == selected_before
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert not table.hasFocus(), "Shift+Tab leaves it too"
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not table.hasFocus(), "Ctrl+Tab goes to the next panel"


def test_ctrl_tab_and_f6_cycle_through_the_panels(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    window.view.setFocus()
    seen = []
    for _ in range(6):
        press(Qt.Key.Key_F6)
        seen.append(_where(focused()))
    assert "centre" in seen
    assert "AnalysisDock" in seen
    for _ in range(3):
        press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert shown(focused())


def test_focus_never_lands_on_a_hidden_widget(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The start page: the first focus is a button a person can see, and Tab stays on screen.
    window.activateWindow()
    qtbot.wait(20)
    assert focused() is window.start_page.new_button
    for _ in range(12):
        press(Qt.Key.Key_Tab)
        assert shown(focused()), f"Tab on the start page reached hidden {focused()!r}"
    # A map, with the Analysis panel in front of the inspector and the history behind it.
    _open(window, qtbot)
    window.analysis.dock.raise_()
    qtbot.wait(20)
    window.find_bar.open_bar(window.document.map)
    qtbot.waitUntil(lambda: window.find_bar.field.hasFocus())
    for forward in (True, False):
        for _ in range(40):
            if forward:
                press(Qt.Key.Key_Tab)
            else:
                press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
            focus = focused()
            assert shown(focus), f"focus went out of sight: {type(focus).__name__} {_name(focus)}"
            assert not window.inspector.isAncestorOf(focus)


@pytest.mark.parametrize(
    ("action", "dock"),
    [
        ("view.dock_InspectorDock", "inspector_dock"),
        ("view.dock_TablesDock", "tables_dock"),
        ("analyse.panel", None),
    ],
)
def test_opening_a_panel_by_its_shortcut_focuses_it(window, qtbot, action, dock) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    panel = getattr(window, dock) if dock else window.analysis.dock
    panel.hide()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    keys = window.action(action).shortcut()
    assert not keys.isEmpty()
    QTest.keySequence(window.view, keys)
    qtbot.waitUntil(lambda: panel.isAncestorOf(focused()))
    assert shown(focused())


# ---------------------------------------------------------------------------- Alt keys
def _menu_letters(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [mnemonic_letter(a.text()) for a in window.menuBar().actions() if a.text()]


def test_menu_alt_keys_are_unique_and_no_panel_takes_them(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    menus = _menu_letters(window)
    assert all(menus), menus
    assert len(set(menus)) == len(menus), menus
    for menu in window.menuBar().findChildren(QMenu):
        letters = [mnemonic_letter(a.text()) for a in menu.actions() if not a.isSeparator()]
        letters = [x for x in letters if x]
        assert len(set(letters)) == len(letters), f"{menu.title()}: {sorted(letters)}"
    for dock in window.findChildren(QDockWidget):
        letters = [
            mnemonic_letter(w.text())
            for w in dock.findChildren(QWidget)
            if isinstance(w, QLabel | QAbstractButton) and mnemonic_letter(w.text())
        ]
        for page in {w.parentWidget() for w in dock.findChildren(QLabel) if w.buddy()}:
            own = [mnemonic_letter(x.text()) for x in page.findChildren(QLabel) if x.buddy()]
            assert len(set(own)) == len(own), f"{dock.objectName()}: {sorted(own)}"
        clash = set(letters) & set(menus)
        assert not clash, f"{dock.objectName()} takes the menus' Alt+{sorted(clash)}"


def test_alt_keys_open_menus_and_never_edit_a_hidden_field(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    window.select(["probation-service"])
    window.analysis.dock.raise_()  # the inspector is behind the Analysis tab
    qtbot.wait(20)
    window.view.setFocus()
    page = window.inspector.stakeholder_page
    level_before = window.document.map.graph.nodes["probation-service"].get("place_level")
    for letter in (Qt.Key.Key_L, Qt.Key.Key_E, Qt.Key.Key_N, Qt.Key.Key_M, Qt.Key.Key_C):
        QTest.keyClick(window.view, letter, Qt.KeyboardModifier.AltModifier)
        assert not page.isAncestorOf(focused()), f"Alt+{letter.name} went to a hidden field"
        for _ in range(3):  # the menu that opened, and the menu bar's keyboard mode
            QTest.keyClick(QApplication.activePopupWidget() or focused(), Qt.Key.Key_Escape)
        assert QApplication.activePopupWidget() is None
    assert window.document.map.graph.nodes["probation-service"].get("place_level") == level_before
    # Inside the inspector, its own Alt keys work.
    window.activateWindow()  # the offscreen platform leaves no window active after a popup
    qtbot.waitUntil(window.isActiveWindow)
    window.select(["probation-service"])  # Esc on the map above cleared the selection
    window.inspector_dock.raise_()
    qtbot.wait(20)
    page.tags.setFocus()
    qtbot.waitUntil(page.tags.hasFocus, timeout=1000)
    QTest.keyClick(page.tags, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert page.name.hasFocus()


def test_no_key_is_bound_to_two_commands(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    owner: dict[str, str] = {}
    for action in window.actions():
        for keys in action.shortcuts():
            text = keys.toString()
            assert text not in owner, f"{text}: {owner.get(text)} and {action.objectName()}"
            owner[text] = action.objectName() or action.text()
    for name in ("view.legend", "analyse.to_be", "analyse.findings", "analyse.accept"):
        assert not window.action(name).shortcut().isEmpty(), name
    assert all(not a.shortcut().isEmpty() for a in window.layouts.layout_actions)


# ---------------------------------------------------------------------------- the map
def _frame_pixel(window) -> QColor:  # type: ignore[no-untyped-def]
    image: QImage = window.view.viewport().grab().toImage()
    return image.pixelColor(1, image.height() // 2)


def test_the_map_shows_a_focus_frame(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    ring = QColor(window.scene.state.theme.selection)
    assert _frame_pixel(window) == ring
    window.find_bar.open_bar(window.document.map)
    qtbot.waitUntil(lambda: not window.view.hasFocus())
    assert _frame_pixel(window) != ring


def test_ctrl_arrows_walk_the_map_and_enter_opens_the_inspector(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    view = window.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    window.select(["probation-service"])  # at (0, 0); council at (200, 0); Shelter (100, 150)
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.scene.selected_stakeholder_ids() == ["council-housing-options"]
    assert window.document.map.graph.nodes["council-housing-options"]["x"] == 200.0  # not moved
    interface = QAccessible.queryAccessibleInterface(view)
    assert interface.text(QAccessible.Text.Name) == "Map: Council housing options"
    description = interface.text(QAccessible.Text.Description)
    assert "Local public services" in description
    assert "1 relationship" in description
    QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.scene.selected_stakeholder_ids() == ["shelter"]
    QTest.keyClick(view, Qt.Key.Key_Return)
    page = window.inspector.stakeholder_page
    qtbot.waitUntil(page.name.hasFocus)
    assert page.name.text() == "Shelter"


def test_a_stakeholder_added_from_a_panel_is_named_on_the_map(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    window.tables_dock.show()
    window.tables.filter.setFocus()
    qtbot.waitUntil(window.tables.filter.hasFocus)
    QTest.keySequence(window.tables.filter, window.action("edit.add").shortcut())
    editor = window.scene.label_editor()
    assert editor is not None
    assert editor.hasFocus()
    assert window.view.hasFocus()
    QTest.keyClicks(window.view, "Beta")
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    labels = [window.document.map.label(n) for n in window.document.map.graph]
    assert "Beta" in labels


def test_enter_activates_start_page_buttons_and_example_cards(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.start_page
    pressed: list[str] = []
    page.new_requested.connect(lambda: pressed.append("new"))
    page.example_requested.connect(pressed.append)
    page.new_requested.disconnect(window.files.new_map)
    page.example_requested.disconnect(window.files.open_example)
    page.new_button.setFocus()
    QTest.keyClick(page.new_button, Qt.Key.Key_Return)
    card = next(iter(page.example_buttons.values()))
    card.setFocus()
    QTest.keyClick(card, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: len(pressed) == 2)
    assert pressed == ["new", next(iter(page.example_buttons))]


# ---------------------------------------------------------------------------- help and words
def test_f1_opens_the_guide_with_a_searchable_shortcuts_list_that_fits(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontMetrics

    from sysmap.analysis.glossary import GLOSSARY
    from sysmap.gui.user_guide import UserGuide
    from tests.gui.helpers import when_modal

    _open(window, qtbot)
    seen: list[UserGuide] = []

    def read(dialog: QWidget) -> None:
        try:
            check(dialog)
        finally:
            dialog.close()

    def check(dialog: QWidget) -> None:
        assert isinstance(dialog, UserGuide)
        guide = dialog.guide.toPlainText()
        assert "Working from the keyboard" in guide
        assert all(term in guide for term in GLOSSARY)  # the shared glossary, word for word
        table = dialog.shortcuts
        metrics = QFontMetrics(table.font())
        for row in range(table.rowCount()):
            keys = table.item(row, 1).text()
            assert table.columnWidth(1) >= metrics.horizontalAdvance(keys), f"{keys} cut short"
        qtbot.waitUntil(dialog.search.hasFocus)  # typing goes straight to the search box
        QTest.keyClicks(dialog.search, "legend")
        rows = [
            table.item(r, 0).text() for r in range(table.rowCount()) if not table.isRowHidden(r)
        ]
        assert rows == ["Show legend"]
        seen.append(dialog)

    when_modal(read)
    QTest.keyClick(window.view, Qt.Key.Key_F1)
    assert seen


def test_every_technical_number_name_is_explained(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from sysmap.analysis.glossary import terms_in
    from sysmap.canvas.finding_list import NUMBER_NAMES

    for key in ("p_value", "nmi", "ari", "expected"):
        name = NUMBER_NAMES[key]
        assert terms_in([f"{name} = 0.5"]), f"{name!r} has no plain explanation"


def test_a_new_maps_title_and_grouping_words_agree(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.files.new_map()
    assert window.windowTitle() == "Untitled map — not saved yet[*]"
    panel = window.analysis.panel
    panel.set_choices([], [])
    assert panel.group_button.text() == "Group by: no grouping"


def test_a_findings_severity_is_a_word_and_a_shape_not_colour_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    from sysmap.analysis import Finding
    from sysmap.gui.findings_view import SEVERITY_SHAPES, FindingsView, severity_icon

    view = FindingsView()
    qtbot.addWidget(view)
    view.set_findings(
        [
            Finding("high", "silo", "Probation keeps to itself", "It does."),
            Finding("low", "silo", "Housing keeps to itself", "It does too."),
        ]
    )
    spoken = []
    for i in range(view.tree.topLevelItemCount()):
        top = view.tree.topLevelItem(i)
        for j in range(top.childCount()):
            spoken.append(top.child(j).data(0, Qt.ItemDataRole.AccessibleTextRole))
    assert sorted(spoken) == ["High: Probation keeps to itself", "Low: Housing keeps to itself"]
    assert len(set(SEVERITY_SHAPES.values())) == len(SEVERITY_SHAPES)  # a shape each

    def mask(severity: str) -> set[tuple[int, int]]:
        image = severity_icon(severity, 24).pixmap(24, 24).toImage()
        return {(x, y) for x in range(24) for y in range(24) if image.pixelColor(x, y).alpha()}

    shapes = {s: mask(s) for s in SEVERITY_SHAPES}
    for first in shapes:
        for second in shapes:
            if first < second:  # different outlines, so they differ in grey too
                assert len(shapes[first] ^ shapes[second]) > 40, (first, second)
