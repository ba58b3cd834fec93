"""A map as a pair of CSV tables: found by name, or zipped; written without live formulas."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from sysmap.io import load_map, save_map
from sysmap.io.cells import FORMULA_TRIGGERS
from sysmap.model import MapFileError, SystemMap
from tests.io.roundtrip import assert_core_survives
from tests.io.test_kumu import formula_map
from tests.strategies import system_maps


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system_maps())
def test_any_map_survives_a_csv_pair(
    tmp_path_factory: pytest.TempPathFactory, system_map: SystemMap
) -> None:
    folder = tmp_path_factory.mktemp("csv")
    save_map(system_map, folder / "map.csv")
    assert (folder / "map-connections.csv").is_file()
    for opened in ("map.csv", "map-connections.csv"):  # either file of the pair opens both
        result = load_map(folder / opened)
        assert_core_survives(system_map, result.map)
        for before in system_map.stakeholders():
            after = result.map.stakeholder(before.id)
            assert (after.description, after.evidence) == (before.description, before.evidence)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system_maps())
def test_any_map_survives_a_zip_of_csv(
    tmp_path_factory: pytest.TempPathFactory, system_map: SystemMap
) -> None:
    path = tmp_path_factory.mktemp("zip") / "map.zip"
    save_map(system_map, path)
    assert sorted(zipfile.ZipFile(path).namelist()) == ["connections.csv", "elements.csv"]
    result = load_map(path)
    assert result.format == "CSV tables in a zip (Kumu layout)"
    assert_core_survives(system_map, result.map)


def test_the_same_map_gives_the_same_zip(tmp_path: Path) -> None:
    save_map(formula_map(), tmp_path / "a.zip")
    save_map(formula_map(), tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_nodes_and_edges_files_pair_up_by_name(tmp_path: Path) -> None:
    write(
        tmp_path / "Rough sleeping Nodes.csv",
        "Label,Type,Description\nCouncil,Public,Housing duty\nShelter,Charity,\n",
    )
    edges = write(tmp_path / "Rough sleeping Edges.csv", "From,To,Type\nCouncil,Shelter,funds\n")
    result = load_map(edges)
    m = result.map
    assert sorted(s.label for s in m.stakeholders()) == ["Council", "Shelter"]
    assert [r.relation for r in m.relationships()] == ["funds"]
    assert m.stakeholder("council").description == "Housing duty"
    assert "Read together with Rough sleeping Nodes.csv, found beside it." in result.warnings


def test_a_relationships_file_alone_names_its_stakeholders(tmp_path: Path) -> None:
    path = write(tmp_path / "links.csv", "From,To,Label\nDWP,Jobcentre,funds\nDWP,Council,\n")
    result = load_map(path)
    assert result.map.stakeholder_count == 3
    assert any("stakeholders come from the relationships" in w for w in result.warnings)
    assert any("were added" in w for w in result.warnings)


def test_semicolons_and_windows_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "export.csv",
        "Label;Description;X;Y\nCafé Nero;Employs ex-offenders;1,5;2\nHMP Styal;Prison;;\n",
        encoding="cp1252",
    )
    result = load_map(path)
    cafe = result.map.stakeholder("cafe-nero")
    assert cafe.label == "Café Nero"
    # "1,5" (a European decimal) is not a number sysmap can trust: the column stays text.
    assert cafe.attributes["X"] == "1,5"
    assert any("cp1252" in w for w in result.warnings)
    assert any("'X'" in w for w in result.warnings)


def test_content_not_the_extension_says_it_is_a_table(tmp_path: Path) -> None:
    path = write(
        tmp_path / "people.txt", "\ufeffID,Label,Sector\na,Probation,local_public_services\n"
    )
    assert load_map(path).map.stakeholder("a").sector == "local_public_services"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Name,Age\nx,1\n", "not a table of stakeholders or relationships"),
        ("", "the file is empty"),
        ('Label\n"unclosed\n', "Label"),
    ],
)
def test_bad_csv_is_refused_with_a_sentence(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path / "bad.csv", content)
    if message == "Label":  # an unclosed quote runs to the end: one odd label, no crash
        assert load_map(path).map.stakeholder_count == 1
        return
    with pytest.raises(MapFileError, match=message):
        load_map(path)


def test_formula_looking_text_exports_safely_to_csv(tmp_path: Path) -> None:
    m = formula_map()
    save_map(m, tmp_path / "danger.csv")
    cells = []
    for name in ("danger.csv", "danger-connections.csv"):
        text = (tmp_path / name).read_text(encoding="utf-8-sig")
        for row in csv.reader(io.StringIO(text, newline="")):
            cells += row
    assert cells
    for cell in cells:
        assert not cell.startswith(FORMULA_TRIGGERS), repr(cell)
    assert '\'=HYPERLINK("http://example.com/x","Click me")' in cells
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells
    assert "'-2+3" in cells
    assert "'=1+1" in cells  # a relationship type
    back = load_map(tmp_path / "danger.csv").map
    assert sorted(s.label for s in back.stakeholders()) == sorted(s.label for s in m.stakeholders())
    for stakeholder in m.stakeholders():
        assert back.stakeholder(stakeholder.id).description == stakeholder.description
    assert [r.relation for r in back.relationships()] == ["=1+1"]
