"""Places that nest, edited in the app: the Places dialog shows where each place sits (what
sysmap knows of UK places filled in), applies changes as one undoable step, refuses a loop
with a sentence, and the saved file keeps them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from sysmap.analysis import ShouldTalk, analyse, should_talk_of
from sysmap.gui.main_window import MainWindow
from sysmap.gui.places_dialog import LEVEL, PlacesDialog
from sysmap.io import load_map, save_map
from sysmap.model.places import PlaceTree


def open_places(window: MainWindow, qtbot: QtBot) -> PlacesDialog:
    window.files.open_example("reoffending")
    inspector = window.inspector
    inspector.show_selection([], [])
    button = inspector.map_page.places_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = button.property("dialog")
    assert isinstance(dialog, PlacesDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_places_show_where_they_sit_and_edits_are_one_undoable_step(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = open_places(window, qtbot)
    document = window.document
    assert document is not None
    salford = dialog.row_of("Salford")
    within = dialog.table.cellWidget(salford, 2)
    assert isinstance(within, QComboBox)
    assert within.currentText() == "Greater Manchester"  # sysmap knows Salford
    level = dialog.table.cellWidget(salford, LEVEL)
    assert isinstance(level, QComboBox)
    assert level.currentData() == "local"
    # A place sysmap does not know, within one it does; and Salford as the focus.
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    row = dialog.table.rowCount() - 1
    dialog.table.item(row, 0).setText("Leeds")  # type: ignore[union-attr]
    dialog.set_within(row, "West Yorkshire")
    dialog.focus.setCurrentText("Salford")
    steps = document.undo_stack.count()
    dialog.accept()
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Edit places"
    places = document.map.places
    assert places.get("Leeds").within == "West Yorkshire"  # type: ignore[union-attr]
    # What sysmap knows (Salford within Greater Manchester) is shown but left unsaid.
    assert places.get("Salford").within is None  # type: ignore[union-attr]
    assert document.map.metadata["focus_place"] == "Salford"
    tree = PlaceTree(places)
    assert tree.contains("Yorkshire and the Humber", "Leeds")
    assert tree.contains("Greater Manchester", "Salford")
    # The file keeps them, and the analysis reads them.
    path = tmp_path / "nested.graphml"
    save_map(document.map, path)
    again = load_map(path).map
    assert again.places == places
    assert analyse(again, permutations=99).settings["home_place"] == "Salford"
    window.action("edit.undo").trigger()
    assert "Leeds" not in document.map.places
    assert document.map.metadata.get("focus_place") == "Greater Manchester"


def test_a_place_within_itself_is_refused_with_a_sentence(window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_places(window, qtbot)
    document = window.document
    assert document is not None
    steps = document.undo_stack.count()
    dialog.set_within(dialog.row_of("Greater Manchester"), "Salford")
    dialog.accept()
    assert dialog.isVisible()
    assert "would end up within itself" in dialog.message.text()
    assert document.undo_stack.count() == steps
    dialog.reject()


def test_the_place_rules_of_who_should_talk_are_one_undoable_step(
    window: MainWindow, qtbot: QtBot
) -> None:
    dialog = open_places(window, qtbot)
    document = window.document
    assert document is not None
    assert dialog.same_place.isChecked()
    assert dialog.national_as_one.isChecked()
    steps = document.undo_stack.count()
    for box in (dialog.same_place, dialog.national_as_one):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    assert not dialog.same_place.isChecked()
    dialog.accept()
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Change who should talk to whom"
    stored = should_talk_of(document.map)
    assert (stored.same_place, stored.national_as_one) == (False, False)
    settings = analyse(document.map, permutations=99).should_talk
    assert settings["same_place"] is False
    assert settings["national_as_one"] is False
    window.action("edit.undo").trigger()
    assert should_talk_of(document.map) == ShouldTalk()
    assert "should_talk" not in document.map.metadata
    window.action("edit.redo").trigger()
    assert should_talk_of(document.map).same_place is False


def test_a_places_dialog_left_as_it_was_changes_nothing(window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_places(window, qtbot)
    assert dialog.command() is None
    dialog.reject()
