"""``sysmap info`` and ``sysmap export`` with files from other tools, and ``--map-attr``."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sysmap.cli.main import main
from sysmap.io import load_map


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_info_reports_what_came_through_and_the_warnings(
    interop_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = interop_dir / "yed-3.14.3_nested-groups.graphml"
    code, out, _ = run(["info", str(path)], capsys)
    assert code == 0
    assert f"Read from {path} as GraphML from yEd." in out
    assert "45 stakeholders, 50 relationships" in out
    assert "What came through" in out
    assert "Positions           45 of 45 stakeholders placed as in the file" in out
    assert "Groups              10 groups with 21 members" in out
    assert "became the 'group' attribute" in out


@pytest.mark.parametrize(
    ("name", "format_name"),
    [
        ("gephi-0.9.3_us-airports_gexf1.3.gexf", "GEXF 1.3 from Gephi 0.9.3"),
        ("kumu_changelabs-stakeholder-template_project-export.json", "Kumu project (JSON)"),
        ("prsm_cluster-example_lz-compressed.prsm", "PRSM map (version 3.0.3)"),
        ("cytoscape_grnsight-4gene-4edge.graphml", "GraphML from Cytoscape"),
    ],
)
def test_info_opens_every_kind_of_file(
    interop_dir: Path, capsys: pytest.CaptureFixture[str], name: str, format_name: str
) -> None:
    code, out, err = run(["info", str(interop_dir / name)], capsys)
    assert (code, err) == (0, "")
    assert f"as {format_name}." in out


def test_map_attr_puts_a_column_onto_a_field(
    interop_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = interop_dir / "kumu_import-spreadsheet_paypal-mafia.xlsx"
    code, out, _ = run(
        ["info", str(path), "--map-attr", "Type=kind", "--map-attr", "Region=place"], capsys
    )
    assert code == 0
    assert "Notes" in out
    assert "'Type' → kind: 34 stakeholder(s) have values that are not a kind" in out
    assert "'Region' → place: 1 stakeholder(s) were given a place by name" in out
    assert "34 stakeholders use a kind this map does not define" in out


def test_map_attr_works_on_export_too(
    tmp_path: Path, interop_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "styled.graphml"
    source = interop_dir / "prsm-1.9.1_supply-chain_plain-json.prsm"
    code, _, _ = run(
        ["export", str(source), "-o", str(out_path), "--map-attr", "style=sector"], capsys
    )
    assert code == 0
    m = load_map(out_path).map
    assert {s.sector for s in m.stakeholders()} == {
        "Intermediate factors",
        "Focal Factor",
        "Policy actions",
    }
    assert all("style" not in s.attributes for s in m.stakeholders())


def test_a_malformed_map_attr_is_a_usage_error(
    interop_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = interop_dir / "igraph_cattr-bool-typed.graphml"
    with pytest.raises(SystemExit) as stopped:
        main(["info", str(path), "--map-attr", "name=colour"])
    assert stopped.value.code == 2
    assert "'colour' is not a field sysmap can fill" in capsys.readouterr().err


def test_a_map_attr_naming_no_column_says_which_there_are(
    interop_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = interop_dir / "gephi_les-miserables_export.graphml"
    code, _, err = run(["info", str(path), "--map-attr", "Community=sector"], capsys)
    assert code == 1
    assert "No stakeholder has an attribute called 'Community'" in err
    assert "'Modularity Class'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("suffix", [".gexf", ".xlsx", ".csv", ".zip", ".json", ".graphml"])
def test_export_writes_every_format_and_it_reopens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    out_path = tmp_path / f"reoffending{suffix}"
    code, out, _ = run(["export", "reoffending", "-o", str(out_path)], capsys)
    assert code == 0
    assert f"Wrote {out_path}" in out
    original = load_map(Path(__file__).resolve().parents[2] / "examples" / "reoffending.graphml")
    again = load_map(out_path).map
    assert sorted(s.label for s in again.stakeholders()) == sorted(
        s.label for s in original.map.stakeholders()
    )
    assert again.relationship_count == original.map.relationship_count
    if suffix == ".csv":
        assert (tmp_path / "reoffending-connections.csv").is_file()
    if suffix == ".zip":
        assert set(zipfile.ZipFile(out_path).namelist()) == {"elements.csv", "connections.csv"}


def test_input_format_reads_json_as_kumu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odd.json"
    path.write_text('{"elements": [{"label": "A"}], "connections": []}', encoding="utf-8")
    code, out, _ = run(["info", str(path), "--input-format", "kumu"], capsys)
    assert code == 0
    assert "Kumu blueprint (JSON)" in out
