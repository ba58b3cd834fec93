"""File ▸ Merge maps… and View ▸ Compare with…, driven as a user would, undo included."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox

from sysmap.gui.merge_dialog import MergeDialog
from sysmap.gui.merge_review import KEEP, MERGE, PARTNER
from sysmap.io import WORKSHOP_TABLES, find_example, load_map
from tests.gui.helpers import button_with_text

pytestmark = pytest.mark.gui
JUSTICE, HEALTH, COMMUNITY = (t.path for t in WORKSHOP_TABLES)


def _menu(window, title: str) -> list[str]:  # type: ignore[no-untyped-def]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)
    return [a.objectName() for a in menu.actions()]


def test_the_menus_offer_merge_and_compare_once_a_map_is_open(window) -> None:  # type: ignore[no-untyped-def]
    file_menu = _menu(window, "File")
    assert file_menu.index("file.merge") < file_menu.index("file.save")
    assert "view.compare" in _menu(window, "View")
    assert not window.action("file.merge").isEnabled()  # the start page: nothing to merge into
    window.files.open_example("addiction")
    assert window.action("file.merge").isEnabled()
    assert window.action("view.compare").isEnabled()


def _open_merge(window, qtbot, path: Path) -> MergeDialog:  # type: ignore[no-untyped-def]
    assert window.files.open_path(path)
    window.action("file.merge").trigger()
    dialog = window.merging.merging
    assert isinstance(dialog, MergeDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _rows(dialog: MergeDialog) -> list[tuple[str, str, str]]:
    proxy = dialog.match_view.model()
    return [
        tuple(str(proxy.index(r, c).data()) for c in (MERGE, 1, PARTNER))  # type: ignore[misc]
        for r in range(proxy.rowCount())
    ]


def test_merge_the_workshop_tables_review_and_undo(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_merge(window, qtbot, JUSTICE)
    document = window.document
    original = document.map.copy()
    qtbot.mouseClick(
        button_with_text(dialog, "Add the workshop example"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(
        lambda: dialog.matches is not None and dialog.merge_button.isEnabled(), timeout=20000
    )
    assert dialog.map_list.count() == 3  # the open table, and the two others
    statuses = [row[0] for row in _rows(dialog)]
    assert statuses[:5] == ["uncertain"] * 5  # uncertain first
    assert "uncertain" not in statuses[5:]
    assert "5 uncertain (listed first)" in dialog.summary.text()

    # Search, then accept the uncertain matches shown with the keyboard (Space ticks).
    view = dialog.match_view
    qtbot.keyClicks(dialog.search, "probation")
    assert all("probation" in " ".join(row).casefold() for row in _rows(dialog))
    dialog.search.clear()
    qtbot.mouseClick(dialog.uncertain_only, Qt.MouseButton.LeftButton)
    assert view.model().rowCount() == 5
    for row in range(view.model().rowCount()):
        view.setCurrentIndex(view.model().index(row, MERGE))
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert {row[0] for row in _rows(dialog)} == {"uncertain (yours)"}
    qtbot.mouseClick(dialog.uncertain_only, Qt.MouseButton.LeftButton)

    # "Courts" is the Magistrates' & Crown Courts: pick that partner by typing its name.
    courts = next(r for r, row in enumerate(_rows(dialog)) if row[1] == "Courts")
    index = view.model().index(courts, PARTNER)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QComboBox)
    assert editor is not None
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor.lineEdit(), "magistrates")
    qtbot.keyClick(editor.lineEdit(), Qt.Key.Key_Return)
    assert _rows(dialog)[courts][2] == "Magistrates' & Crown Courts"

    # Settle a conflict: this prison leaver lives in Salford.
    dialog.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.conflicts.rowCount() > 0, timeout=20000)
    model = dialog.conflict_view.model()
    place = next(
        r
        for r in range(model.rowCount())
        if model.index(r, 1).data() == "place" and "leaver" in model.index(r, 0).data()
    )
    cell = model.index(place, KEEP)
    dialog.conflict_view.edit(cell)
    combo = dialog.conflict_view.findChild(QComboBox)
    wanted = combo.findText("Salford")
    key = Qt.Key.Key_Down if wanted > combo.currentIndex() else Qt.Key.Key_Up
    qtbot.keyClick(combo, key)  # the arrow keys choose, as in any list
    assert model.index(place, KEEP).data() == "Salford"

    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: document.undo_stack.count() == 1, timeout=20000)
    merged = document.map
    assert merged.stakeholder_count == 41
    assert merged.relationship_count == 63
    leaver = next(s for s in merged.stakeholders() if s.label == "Prison leaver on licence")
    assert leaver.place == "Salford"
    assert document.undo_stack.text(0).startswith("Merge 2 maps in (")
    assert window.isWindowModified()
    assert window.scene.item_for_stakeholder(leaver.id) is not None  # the canvas follows

    window.action("edit.undo").trigger()
    assert document.map == original
    window.action("edit.redo").trigger()
    assert document.map.stakeholder_count == 41


def test_the_open_map_given_again_is_refused_in_a_sentence(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_merge(window, qtbot, HEALTH)
    said: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            said.append(box.text())
            box.button(QMessageBox.StandardButton.Ok).click()
        else:
            QTimer.singleShot(20, read_and_close)

    QTimer.singleShot(0, read_and_close)
    dialog.add_paths([HEALTH])
    qtbot.waitUntil(lambda: bool(said) and dialog.task is None, timeout=10000)
    assert "is given twice: a map merged with itself adds nothing" in said[0]
    assert dialog.matches is None
    assert not dialog.merge_button.isEnabled()
    dialog.reject()
    assert window.document.undo_stack.count() == 0


def test_cancel_changes_nothing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_merge(window, qtbot, COMMUNITY)
    dialog.add_paths([JUSTICE])
    qtbot.waitUntil(lambda: dialog.matches is not None, timeout=20000)
    qtbot.mouseClick(button_with_text(dialog, "Cancel"), Qt.MouseButton.LeftButton)
    assert window.document.undo_stack.count() == 0
    assert window.document.map == load_map(COMMUNITY).map


def test_compare_with_an_earlier_map(window, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    example = find_example("reoffending")
    assert example is not None
    window.files.open_example("reoffending")
    document = window.document
    document.map.remove_stakeholder("clinks")
    document.map.update_stakeholder("cas3", sector="third_sector")
    monkeypatch.setattr("sysmap.gui.dialogs.ask_open_path", lambda parent, folder: example.path)
    window.action("view.compare").trigger()
    dialog = window.merging.comparing
    qtbot.waitUntil(lambda: dialog.found is not None, timeout=30000)
    top = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert "Stakeholders removed (1)" in top
    assert "Stakeholders changed (1)" in top
    assert any(t.startswith("Analysis: ") for t in top)
    assert "1 removed, 1 changed" in dialog.summary.text()
    assert not dialog.picture.pixmap().isNull()

    changed = dialog.tree.findItems("CAS3 accommodation provider", Qt.MatchFlag.MatchRecursive)[0]
    dialog.tree.setCurrentItem(changed)
    assert window.selected()[0] == ["cas3"]  # found on the map

    qtbot.mouseClick(dialog.mark, Qt.MouseButton.LeftButton)
    assert window.scene.overlay is dialog.overlay
    assert document.undo_stack.count() == 0  # marking is not an edit
    dialog.save_text(tmp_path / "changes.md")
    assert "Clinks" in (tmp_path / "changes.md").read_text(encoding="utf-8")
    dialog.export_picture(tmp_path / "changes.png")
    assert (tmp_path / "changes.png").stat().st_size > 10_000
    dialog.close()
    assert window.scene.overlay is None
