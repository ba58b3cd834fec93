"""Opening another tool's file: the user says which column means sector and place.

sysmap never guesses: a file whose stakeholders mostly lack a sector or a place, and that has
columns which could hold one, opens with a dialog that previews what each value becomes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from sysmap.gui.column_mapping import ColumnMappingDialog, candidate_columns, needs_mapping
from sysmap.gui.main_window import MainWindow
from sysmap.io import load_map
from sysmap.workspace import open_map
from tests.gui.helpers import button_with_text, when_modal

KUMU_CSV = """Label,Type,Region,Description
Shelter Manchester,Third sector,Manchester,Emergency beds
Salford City Council,Local public services,Salford,Housing options
Street Angels,Third Sector,Salford,Outreach at night
Manchester City Council,local public services,Manchester,Housing duty
"""


@pytest.fixture
def kumu_csv(tmp_path: Path) -> Path:
    path = tmp_path / "kumu-elements.csv"
    path.write_text(KUMU_CSV, encoding="utf-8")
    return path


def _choose(dialog: QWidget, field: str, column: str) -> None:
    combo = next(
        c for c in dialog.findChildren(QComboBox) if c.accessibleName() == f"Column for {field}"
    )
    combo.setCurrentIndex(combo.findData(column))


def _preview(dialog: QWidget) -> str:
    label = dialog.findChild(QLabel, "MappingPreview")
    assert label is not None
    return label.text()


def test_choosing_columns_gives_sectors_and_places(
    window: MainWindow, kumu_csv: Path, qtbot: QtBot
) -> None:
    seen: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ColumnMappingDialog)
        assert "kumu-elements.csv" in dialog.findChildren(QLabel)[0].text()
        _choose(dialog, "sector", "Type")
        _choose(dialog, "place", "Region")
        seen.append(_preview(dialog))
        button_with_text(dialog, "Use these columns").click()

    when_modal(answer)
    assert window.files.open_path(kumu_csv)
    assert seen
    assert "4 stakeholder(s) would be given a known sector" in seen[0]
    doc = window.document
    assert doc is not None
    by_label = {s.label: s for s in doc.map.stakeholders()}
    assert by_label["Street Angels"].sector == "third_sector"  # matched ignoring case
    assert by_label["Salford City Council"].sector == "local_public_services"
    assert by_label["Salford City Council"].place == "Salford"
    assert "Type" not in by_label["Street Angels"].attributes  # the column moved onto the field
    assert doc.undo_stack.count() == 0  # part of opening, not an edit
    assert "were given a known sector" in window.statusBar().currentMessage()
    assert kumu_csv.read_text(encoding="utf-8") == KUMU_CSV  # the file is never touched


def test_keeping_the_file_as_it_is_changes_nothing(
    window: MainWindow, kumu_csv: Path, qtbot: QtBot
) -> None:
    when_modal(lambda dialog: button_with_text(dialog, "Keep the file as it is").click())
    assert window.files.open_path(kumu_csv)
    assert window.document is not None
    assert window.document.map == open_map(str(kumu_csv)).map


def test_one_column_for_two_fields_is_refused(qtbot: QtBot, kumu_csv: Path) -> None:
    system_map = load_map(kumu_csv).map
    dialog = ColumnMappingDialog(system_map, kumu_csv.name)
    qtbot.addWidget(dialog)
    use = button_with_text(dialog, "Use these columns")
    assert not use.isEnabled()  # nothing chosen yet
    _choose(dialog, "sector", "Type")
    assert use.isEnabled()
    _choose(dialog, "kind", "Type")
    assert not use.isEnabled()
    assert _preview(dialog) == "Choose a different column for each field."
    dialog.new_terms.setChecked(True)
    _choose(dialog, "kind", "")
    assert "would be given a known sector" in _preview(dialog)
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_maps_that_say_their_sectors_open_without_asking(
    window: MainWindow, saved_map: Path
) -> None:
    assert not needs_mapping(load_map(saved_map).map)
    assert window.files.open_path(saved_map)  # the stuck-dialog guard fails any dialog


def test_groupings_are_offered_not_ids_or_free_text(interop_dir: Path) -> None:
    les_mis = load_map(interop_dir / "gephi_les-miserables_export.graphml").map
    assert list(candidate_columns(les_mis)) == ["Modularity Class"]
    assert needs_mapping(les_mis)
    airports = load_map(interop_dir / "gephi-0.9.3_us-airports_gexf1.3.gexf").map
    assert "Code" not in candidate_columns(airports)  # one value per stakeholder
    kumu = load_map(interop_dir / "kumu_import-spreadsheet_paypal-mafia.xlsx").map
    assert "Type" in candidate_columns(kumu)
    assert "Image" not in candidate_columns(kumu)


STATIONS = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="station name" attr.type="string"/>
  <key id="d1" for="node" attr.name="x coordinate" attr.type="double"/>
  <key id="d2" for="node" attr.name="y coordinate" attr.type="double"/>
  <key id="d3" for="edge" attr.name="strength" attr.type="double"/>
  <graph edgedefault="directed">
    <node id="s1"><data key="d0">Piccadilly</data><data key="d1">10</data><data key="d2">5</data>
    </node>
    <node id="s2"><data key="d0">Victoria</data><data key="d1">30</data><data key="d2">-5</data>
    </node>
    <edge id="e1" source="s1" target="s2"><data key="d3">2.5</data></edge>
  </graph>
</graphml>
"""


def test_labels_positions_and_weights_under_other_names_are_offered(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    path = tmp_path / "stations.graphml"
    path.write_text(STATIONS, encoding="utf-8")
    seen: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ColumnMappingDialog)
        chosen = {c.accessibleName(): c.currentData() for c in dialog.findChildren(QComboBox)}
        # Named so, and the map lacks them: chosen already, for the user to confirm.
        assert chosen["Column for label"] == "station name"
        assert chosen["Column for x position"] == "x coordinate"
        assert chosen["Column for y position"] == "y coordinate"
        assert chosen["Column for weight"] == "strength"
        seen.append(_preview(dialog))
        button_with_text(dialog, "Use these columns").click()

    when_modal(answer)
    assert window.files.open_path(path)
    assert "2 stakeholder(s) would be given their label from it" in seen[0]
    doc = window.document
    assert doc is not None
    piccadilly = doc.map.stakeholder("s1")
    assert (piccadilly.label, piccadilly.x, piccadilly.y) == ("Piccadilly", 10.0, 5.0)
    assert doc.map.relationship("e1").weight == 2.5
    assert doc.undo_stack.count() == 0
