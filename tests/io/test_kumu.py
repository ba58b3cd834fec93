"""Kumu: project exports, blueprints and import spreadsheets open; our XLSX opens in Kumu."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from sysmap.io import load_map, save_map
from sysmap.io.cells import FORMULA_TRIGGERS
from sysmap.model import MapFileError, Relationship, Stakeholder, SystemMap
from sysmap.workspace import open_map
from tests.io.roundtrip import assert_core_survives, assert_details_survive
from tests.strategies import system_maps

EXCEL_DIGITS = 1e-15  # openpyxl writes numbers with 16 significant digits


def test_kumu_project_export(interop_dir: Path) -> None:
    result = load_map(interop_dir / "kumu_changelabs-stakeholder-template_project-export.json")
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (10, 11)
    assert result.format == "Kumu project (JSON)"
    assert m.title == "ChangeLabs"
    assert not [s.id for s in m.stakeholders() if s.id.startswith("elem-")]
    types = Counter(s.attributes["Type"] for s in m.stakeholders())
    assert types == {
        "Interviewee": 3,
        "Stakeholder": 2,
        "Phenomenon": 2,
        "Desired Outcome": 1,
        "Current Outcome": 1,
        "Resource": 1,
    }
    # Positions come from the maps (pinned in Kumu); the default map is placed first and
    # the other to its right, each keeping its own layout.
    assert not result.unpositioned
    assert all(s.pinned for s in m.stakeholders())
    ecosystem = [s for s in m.stakeholders() if "Stakeholder Ecosystem Map" in s.attributes["maps"]]
    dynamics_only = [s for s in m.stakeholders() if s.attributes["maps"] == "Driving Dynamics Map"]
    assert len(ecosystem) == 5
    assert max(s.x for s in ecosystem) < min(s.x for s in dynamics_only)
    both = next(s for s in m.stakeholders() if "|" in s.attributes["maps"])
    assert both.label == "Stakeholder A"
    interviewee_a = next(s for s in m.stakeholders() if s.label == "Interviewee A")
    assert (interviewee_a.x, interviewee_a.y) == (-172.76232306334012, -350.9133448294572)
    # Colours come from the perspectives' rules by element type.
    colours = {s.attributes["Type"]: s.colour for s in m.stakeholders()}
    assert colours["Current Outcome"] == "#B68372"
    assert colours["Desired Outcome"] == "#90B7C9"
    assert colours["Stakeholder"] == "#DDDDDD"
    # Numbers stored as text become numbers; connection types become relationship types.
    funding = next(r for r in m.relationships() if r.attributes.get("Value Flows") == "Funding")
    assert funding.attributes["Power Score"] == 8
    # 'connection type' is null on 4 connections and absent on 2.
    assert Counter(r.relation for r in m.relationships()) == {None: 6, "+": 3, "-": 2}
    assert all(r.directed for r in m.relationships())
    assert any("2 maps" in w for w in result.warnings)


def test_kumu_import_spreadsheet(interop_dir: Path) -> None:
    result = open_map(str(interop_dir / "kumu_import-spreadsheet_paypal-mafia.xlsx"))
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (34, 49)
    assert result.format == "Kumu spreadsheet"
    assert Counter(s.attributes["Type"] for s in m.stakeholders()) == {"Person": 17, "Company": 17}
    thiel = next(s for s in m.stakeholders() if s.label == "Peter Thiel")
    assert thiel.tags == ("PayPal-Mafia",)
    assert thiel.description.startswith("Peter is Clarium Capital")
    assert "\n\n" in thiel.description
    assert thiel.attributes["Net Worth (Billions)"] == 1.8  # stored as text in the workbook
    assert thiel.attributes["Image"].startswith("http")
    # Every From/To names an element by label, and all of them resolve.
    assert not any("were added" in w for w in result.warnings)
    assert Counter(r.relation for r in m.relationships()).keys() == {
        "Employee/Founder",
        "Investor",
    }
    assert all(r.directed for r in m.relationships())
    # 'Influence' holds "High", not a number between 0 and 1: kept as an attribute.
    assert any("'Influence'" in w for w in result.warnings)
    assert Counter(s.attributes.get("Influence") for s in m.stakeholders())["High"] == 1
    # The spreadsheet has no positions: open_map lays everyone out.
    assert len(result.unpositioned) == 34
    assert len({(s.x, s.y) for s in m.stakeholders()}) == 34


def test_kumu_blueprint(tmp_path: Path) -> None:
    blueprint = {
        "elements": [
            {"label": "DWP", "type": "Department", "tags": ["national", "funder"]},
            {"id": "e2", "label": "Jobcentre", "type": "Office", "Favourite Dessert": "tart"},
            {"id": "e3", "label": "Jobcentre", "type": "Office"},
        ],
        "connections": [
            {"from": "DWP", "to": "e2", "type": "funds"},
            {"from": "e2", "to": "e3", "direction": "mutual", "type": "works with"},
        ],
    }
    path = tmp_path / "blueprint.json"
    path.write_text(json.dumps(blueprint), encoding="utf-8")
    result = load_map(path)
    m = result.map
    assert result.format == "Kumu blueprint (JSON)"
    assert m.stakeholder_count == 3  # two elements share a label; their ids keep them apart
    dwp = next(s for s in m.stakeholders() if s.label == "DWP")
    assert dwp.tags == ("national", "funder")
    assert dwp.attributes["Type"] == "Department"
    funds, works = sorted(m.relationships(), key=lambda r: r.relation)
    assert funds.relation == "funds"  # matched to sysmap's own type
    assert (m.label(funds.source), m.label(funds.target)) == ("DWP", "Jobcentre")
    assert works.relation == "works with"
    assert works.directed is False


def make_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_kumu_sheet_rules_ids_multiple_targets_and_unknown_names(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "kumu.xlsx",
        {
            "People (ignore)": [["Label"], ["Not me"]],
            "Whatever": [
                ["ID", "Label", "Type", "Budget", "Code"],
                ["a", "Council", "Public", "12.5", "05010"],
                ["b", "Charity", "Third", "7", "00001"],
                ["c", "Charity", "Third", None, None],
            ],
            "Links": [
                ["From", "To", "Type", "Strength"],
                ["a", "b|c", "funds", "Strong"],
                ["Charity", "Food bank", None, None],
            ],
        },
    )
    result = load_map(path)
    m = result.map
    labels = Counter(s.label for s in m.stakeholders())
    assert labels == {"Council": 1, "Charity": 2, "Food bank": 1}
    council = next(s for s in m.stakeholders() if s.label == "Council")
    assert council.attributes == {"Type": "Public", "Budget": 12.5, "Code": "05010"}
    funds = [r for r in m.relationships() if r.relation == "funds"]
    assert len(funds) == 2  # "b|c" draws one connection to each, as Kumu does
    assert {r.attributes["Strength"] for r in funds} == {"Strong"}
    assert any("'Food bank'" in w and "were added" in w for w in result.warnings)


def test_kumu_rows_without_ids_that_repeat_a_label_are_merged(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "k.xlsx",
        {
            "Elements": [["Label", "Description"], ["Shelter", None], ["Shelter", "Charity"]],
            "Connections": [["From", "To"], ["Shelter", "Crisis"]],
        },
    )
    result = load_map(path)
    assert result.map.stakeholder_count == 2
    assert result.map.stakeholder("shelter").description == "Charity"
    assert any("merged" in w for w in result.warnings)


def test_a_workbook_without_kumu_sheets_is_refused(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "budget.xlsx", {"Sheet1": [["Name", "Amount"], ["x", 1]]})
    with pytest.raises(MapFileError, match="no table of stakeholders or relationships"):
        load_map(path)


def without_empty_text(system_map: SystemMap) -> SystemMap:
    """The map as a spreadsheet can hold it: an empty text cell is no value at all."""
    copy = system_map.copy()
    for stakeholder in copy.stakeholders():
        for name, value in stakeholder.attributes.items():
            if value == "":
                copy.set_attribute(stakeholder.id, name, None)
    for rel in copy.relationships():
        kept = {k: v for k, v in rel.attributes.items() if v != ""}
        copy.update_relationship(rel.id, attributes=kept)
    return copy


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system_maps())
def test_any_map_survives_kumu_xlsx(
    tmp_path_factory: pytest.TempPathFactory, system_map: SystemMap
) -> None:
    path = tmp_path_factory.mktemp("xlsx") / "map.xlsx"
    save_map(system_map, path)
    result = load_map(path)
    assert result.format == "sysmap export (Kumu layout)"
    expected = without_empty_text(system_map)
    assert_core_survives(expected, result.map, position_rel=EXCEL_DIGITS)
    assert_details_survive(expected, result.map, rel=EXCEL_DIGITS)
    assert result.map.sectors == system_map.sectors  # vocabularies travel in 'Map (ignore)'
    assert result.map.title == system_map.title
    assert result.map.metadata == {k: v for k, v in system_map.metadata.items() if v != ""}


FORMULAS = [
    '=HYPERLINK("http://example.com/x","Click me")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "\tTabbed",
    "'already quoted",
    "#N/A",  # text, not an Excel error value
]


def formula_map() -> SystemMap:
    m = SystemMap("=cmd|' /C calc'!A0", "+evil")
    ids = []
    for n, text in enumerate(FORMULAS):
        stakeholder = Stakeholder(
            f"{text} {n}" if text.startswith("\t") else text,
            description=text,
            sector="=sector",
            attributes={"note": text, f"={n}": "x"},
        )
        ids.append(m.add_stakeholder(stakeholder).id)
    m.add_relationship(Relationship(ids[0], ids[1], "=1+1", description="@x", evidence="-1"))
    return m


def assert_no_live_formula(cell_text: str) -> None:
    assert not cell_text.startswith(FORMULA_TRIGGERS), repr(cell_text)


def test_formula_looking_text_exports_safely_to_xlsx(tmp_path: Path) -> None:
    # Issue 16, 6: a literal apostrophe changed the text in Excel and Kumu ("'= Anzahl…",
    # "''Pick up…"). Now the text is stored as it is, as text, with Excel's quote prefix.
    m = formula_map()
    path = tmp_path / "danger.xlsx"
    save_map(m, path)
    book = openpyxl.load_workbook(path)  # a file we just wrote
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert cell.data_type == "s", (cell.coordinate, cell.value)
                    assert cell.quotePrefix == cell.value.startswith(FORMULA_TRIGGERS), (
                        cell.coordinate,
                        cell.value,
                    )
    assert set(FORMULAS) <= set(texts)  # exactly as written: no apostrophe added
    assert {"=0", "+evil", "=1+1", "=sector"} <= set(texts)
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not [part for part in sheets if b"<f>" in part or b"<f " in part]
    back = load_map(path).map
    assert sorted(s.label for s in back.stakeholders()) == sorted(s.label for s in m.stakeholders())
    assert back.title == m.title
    for stakeholder in m.stakeholders():
        assert back.stakeholder(stakeholder.id) == stakeholder
    assert list(back.relationships()) == list(m.relationships())
