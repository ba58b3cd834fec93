"""The tables and the inspector edit the map by undo steps and follow its events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from sysmap.gui.commands import AddStakeholder, EditStakeholders, delete_command
from sysmap.gui.document import MapDocument
from sysmap.gui.inspector import Inspector
from sysmap.gui.table_dock import TableDock
from sysmap.gui.tables import RelationshipTable, StakeholderTable
from sysmap.model import Stakeholder


def test_stakeholder_table_shows_labels_and_edits_by_undo_steps(document: MapDocument) -> None:
    table = StakeholderTable(document.map, document.push)
    sector = table.column_of("sector")
    assert table.rowCount() == 3
    assert table.data(table.index(2, sector)) == "Third sector"
    assert table.setData(table.index(2, sector), "Private sector")
    assert document.map.stakeholder("shelter").sector == "private"
    assert document.undo_stack.text(0) == "Set sector of Shelter to Private sector"
    document.undo_stack.undo()
    assert table.data(table.index(2, sector)) == "Third sector"


def test_table_accepts_a_new_sector_in_one_step(document: MapDocument) -> None:
    table = StakeholderTable(document.map, document.push)
    assert table.setData(table.index(0, table.column_of("sector")), "Faith groups")
    assert document.undo_stack.count() == 1
    assert document.map.sectors.label("faith_groups") == "Faith groups"
    document.undo_stack.undo()
    assert "faith_groups" not in document.map.sectors


def test_table_refuses_a_bad_number_without_a_step(document: MapDocument) -> None:
    table = StakeholderTable(document.map, document.push)
    refused: list[str] = []
    table.edit_refused.connect(refused.append)
    document.edit_refused.connect(refused.append)
    assert not table.setData(table.index(0, table.column_of("influence")), "lots")
    assert refused == ["The influence must be a number, such as 0.5."]
    assert not table.setData(table.index(0, table.column_of("influence")), "3")
    assert "between 0 and 1" in refused[-1]
    assert document.undo_stack.count() == 0


def test_table_follows_adds_removes_and_custom_attributes(document: MapDocument) -> None:
    table = StakeholderTable(document.map, document.push)
    document.push(AddStakeholder(document.map, Stakeholder("Mind", attributes={"budget": 3})))
    assert table.rowCount() == 4
    assert table.column_of("budget") >= 0
    assert table.data(table.index(3, table.column_of("budget"))) == "3"
    document.push(delete_command(document.map, ["probation-service"]))
    assert table.rowCount() == 3
    assert [table.item_id(r) for r in range(3)] == ["council-housing-options", "shelter", "mind"]
    assert table.rows == {"council-housing-options": 0, "shelter": 1, "mind": 2}


def test_table_sorts_by_shown_text_with_empty_cells_last(document: MapDocument) -> None:
    table = StakeholderTable(document.map, document.push)
    table.sort(table.column_of("label"), Qt.SortOrder.AscendingOrder)
    assert [table.item_id(r) for r in range(3)] == [
        "council-housing-options",
        "probation-service",
        "shelter",
    ]
    table.sort(table.column_of("kind"), Qt.SortOrder.AscendingOrder)
    assert table.item_id(0) == "probation-service"  # the only one with a kind


def test_pinned_checkbox_is_an_undo_step(document: MapDocument) -> None:
    table = StakeholderTable(document.map, document.push)
    index = table.index(2, table.column_of("pinned"))
    assert table.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    table.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert not document.map.stakeholder("shelter").pinned
    assert document.undo_stack.text(0) == "Unpin Shelter"


def test_relationship_table_names_ends_and_changes_type(document: MapDocument) -> None:
    table = RelationshipTable(document.map, document.push)
    assert table.data(table.index(0, 0)) == "Probation Service"
    assert table.data(table.index(0, 1)) == "refers to"
    assert table.setData(table.index(0, 1), "funds")
    assert document.map.relationship(table.item_id(0)).relation == "funds"
    # Renaming a stakeholder must reach the From column.
    document.push(EditStakeholders(document.map, ["probation-service"], {"label": "Probation GM"}))
    assert table.data(table.index(0, 0)) == "Probation GM"


def test_inspector_retags_many_in_one_step(qtbot: QtBot, document: MapDocument) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(document)
    inspector.show_selection(["probation-service", "shelter"], [])
    page = inspector.stakeholder_page
    assert inspector.current_page() is page
    assert page.heading.text() == "2 stakeholders"
    assert page.sector.lineEdit().placeholderText() == "Mixed"
    page.sector.setCurrentText("Third sector")
    page.sector.activated.emit(page.sector.currentIndex())
    assert document.undo_stack.count() == 1
    assert document.undo_stack.text(0) == "Set sector of 2 stakeholders to Third sector"
    assert {document.map.stakeholder(i).sector for i in ("probation-service", "shelter")} == {
        "third_sector"
    }


def _shown_inspector(qtbot: QtBot, document: MapDocument) -> Inspector:
    """An Inspector on screen, showing Shelter."""
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show()
    inspector.set_document(document)
    inspector.show_selection(["shelter"], [])
    return inspector


def test_inspector_rename_by_typing_is_one_step(qtbot: QtBot, document: MapDocument) -> None:
    inspector = _shown_inspector(qtbot, document)
    field = inspector.stakeholder_page.name
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    QTest.keyClicks(field, "Shelter GM")
    assert document.map.label("shelter") == "Shelter GM"
    assert document.undo_stack.count() == 1
    assert document.undo_stack.text(0) == "Rename Shelter to Shelter GM"


def test_inspector_sets_a_short_name_by_typing_in_one_step(
    qtbot: QtBot, document: MapDocument
) -> None:
    """The short name the map writes where a name has no room is set where the name is: the
    Inspector had no field for it, only the Tables' column."""
    inspector = _shown_inspector(qtbot, document)
    field = inspector.stakeholder_page.short_name
    assert field.isEnabled()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    QTest.keyClicks(field, "SGM")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert document.map.stakeholder("shelter").short_name == "SGM"
    assert document.undo_stack.count() == 1
    QTest.keyClick(field, Qt.Key.Key_Tab)  # on to the next field, then Undo
    document.undo_stack.undo()
    assert document.map.stakeholder("shelter").short_name == ""
    qtbot.waitUntil(lambda: field.text() == "")  # the field follows the undo
    inspector.show_selection(["shelter", "probation-service"], [])
    assert not field.isEnabled()  # each stakeholder's own, like its name


def test_inspector_follows_undo(qtbot: QtBot, document: MapDocument) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(document)
    inspector.show_selection(["shelter"], [])
    page = inspector.stakeholder_page
    page.influence.setValue(0.7)
    assert document.map.stakeholder("shelter").influence == 0.7
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: page.influence.specialValueText() == "Not set")
    qtbot.waitUntil(lambda: page.influence.value() == page.influence.minimum())


def test_inspector_custom_attribute(qtbot: QtBot, document: MapDocument) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(document)
    inspector.show_selection(["shelter", "probation-service"], [])
    editor = inspector.stakeholder_page.attributes
    editor.value_set.emit("department", "MoJ")
    assert document.map.stakeholder("shelter").attributes == {"department": "MoJ"}
    assert document.undo_stack.text(0) == "Set department of 2 stakeholders to MoJ"
    inspector.refresh_now()
    assert editor.table.rowCount() == 1
    assert editor.table.item(0, 1).text() == "MoJ"


def test_inspector_relationship_status(qtbot: QtBot, document: MapDocument) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(document)
    rel = document.map.relationship_ids()[0]
    inspector.show_selection([], [rel])
    page = inspector.relationship_page
    assert page.heading.text() == "Probation Service → Council housing options"
    page.status.setCurrentText("Missing")
    page.status.activated.emit(page.status.currentIndex())
    assert document.map.relationship(rel).status == "missing"


def test_inspector_map_title(qtbot: QtBot, document: MapDocument) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(document)
    page = inspector.map_page
    assert inspector.current_page() is page
    page.title.setText("Reoffending in Salford")
    page.title.editingFinished.emit()
    assert document.map.title == "Reoffending in Salford"
    assert document.undo_stack.text(0) == "Rename the map to Reoffending in Salford"


def test_table_dock_filter_and_selection(qtbot: QtBot, document: MapDocument) -> None:
    dock = TableDock()
    qtbot.addWidget(dock)
    dock.set_document(document)
    chosen: list[tuple[list[str], list[str]]] = []
    dock.selection_changed.connect(lambda s, r: chosen.append((s, r)))
    dock.filter.setText("council")
    assert [dock.stakeholder_view.isRowHidden(r) for r in range(3)] == [True, False, True]
    dock.stakeholder_view.selectRow(1)
    assert chosen[-1] == (["council-housing-options"], [])
    dock.select_ids(["shelter"], [])
    assert chosen[-1] == (["council-housing-options"], [])  # a sync is not a user choice
    assert dock._chosen(dock.stakeholder_view) == ["shelter"]


def test_map_page_lists_values_outside_the_vocabularies(
    qtbot: QtBot, document: MapDocument
) -> None:
    document.map.update_stakeholder("shelter", sector="thrid_sector")
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show()
    inspector.set_document(document)
    page = inspector.map_page
    qtbot.waitUntil(lambda: not page.problems_stale, timeout=3000)
    assert "a sector this map does not define ('thrid_sector')" in page.problems.text()
    document.push(EditStakeholders(document.map, ["shelter"], {"sector": "third_sector"}))
    assert page.problems_stale
    qtbot.waitUntil(lambda: not page.problems_stale, timeout=3000)
    assert page.problems.isHidden()


def test_relationship_attributes_in_inspector_and_table(
    qtbot: QtBot, document: MapDocument
) -> None:
    rel = document.map.relationship_ids()[0]
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(document)
    inspector.show_selection([], [rel])
    inspector.relationship_page.attributes.value_set.emit("contract", "CRC-12")
    assert document.map.relationship(rel).attributes == {"contract": "CRC-12"}
    table = RelationshipTable(document.map, document.push)
    column = table.column_of("contract")
    assert table.data(table.index(table.row_of(rel), column)) == "CRC-12"
    assert table.setData(table.index(table.row_of(rel), column), "CRC-13")
    assert document.map.relationship(rel).attributes == {"contract": "CRC-13"}
    assert document.undo_stack.count() == 2
