"""Gephi Lite's JSON (graphology), Cytoscape.js JSON and Cytoscape's XGMML open as maps.

The files are small and written as those tools write them; where node is installed, Gephi
Lite's own library writes one too (graphology's ``export()`` and graphology-gexf's writer).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sysmap.io import load_map
from sysmap.model import MapFileError, SystemMap

NODE_PROJECT = Path(__file__).resolve().parents[2] / "tests" / "graphology"

GEPHI_LITE = {
    "options": {"type": "mixed", "multi": False, "allowSelfLoops": True},
    "attributes": {"title": "Reoffending in Leeds"},
    "nodes": [
        {
            "key": "probation",
            "attributes": {"label": "Probation", "x": 10, "y": 20, "size": 6, "color": "#E41A1C"},
        },
        {
            "key": "dwp",
            "attributes": {"label": "DWP", "x": -5.5, "y": 0, "sector": "x", "staff": 4},
        },
    ],
    "edges": [
        {
            "key": "0",
            "source": "probation",
            "target": "dwp",
            "attributes": {"label": "refers", "weight": 2},
        },
        {"key": "1", "source": "dwp", "target": "probation", "attributes": {}, "undirected": True},
    ],
}


def write_json(tmp_path: Path, document: object, name: str = "map.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_gephi_lite_json_opens_with_labels_places_colours_and_directions(tmp_path: Path) -> None:
    result = load_map(write_json(tmp_path, GEPHI_LITE))
    m = result.map
    assert result.format == "graphology JSON (Gephi Lite)"
    assert m.title == "Reoffending in Leeds"
    probation = m.stakeholder("probation")
    assert (probation.label, probation.x, probation.y) == ("Probation", 10.0, -20.0)  # y up
    assert (probation.colour, probation.size) == ("#E41A1C", 6.0)
    assert m.stakeholder("dwp").attributes["staff"] == 4
    by_id = {r.id: r for r in m.relationships()}
    assert (by_id["0"].relation, by_id["0"].weight, by_id["0"].directed) == ("refers", 2.0, True)
    assert by_id["1"].directed is False


CY_JSON = {
    "format_version": "1.0",
    "generated_by": "cytoscape-3.10.2",
    "data": {"shared_name": "GRN", "name": "Gene network", "SUID": 52},
    "elements": {
        "nodes": [
            {
                "data": {"id": "101", "shared_name": "ACE2", "name": "ACE2", "SUID": 101},
                "position": {"x": 12.5, "y": -3.0},
                "selected": False,
            },
            {"data": {"id": "102", "name": "AFT2", "score": 0.5}, "position": {"x": 0, "y": 40}},
        ],
        "edges": [
            {
                "data": {
                    "id": "105",
                    "source": "101",
                    "target": "102",
                    "interaction": "activates",
                    "name": "ACE2 (activates) AFT2",
                    "SUID": 105,
                }
            }
        ],
    },
}


def test_cytoscape_js_json_opens_with_names_positions_and_interactions(tmp_path: Path) -> None:
    result = load_map(write_json(tmp_path, CY_JSON, "network.cyjs"))
    m = result.map
    assert result.format == "Cytoscape.js JSON from cytoscape-3.10.2"
    assert m.title == "Gene network"
    by_label = {s.label: s for s in m.stakeholders()}
    assert (by_label["ACE2"].x, by_label["ACE2"].y) == (12.5, -3.0)  # screen y, as sysmap's
    assert by_label["AFT2"].attributes == {"score": 0.5}
    (edge,) = m.relationships()
    assert edge.relation == "activates"
    assert (m.stakeholder(edge.source).label, m.stakeholder(edge.target).label) == ("ACE2", "AFT2")


def test_cytoscape_js_elements_as_one_list_are_not_taken_for_kumu(tmp_path: Path) -> None:
    document = {
        "elements": [
            {"group": "nodes", "data": {"id": "a", "label": "Council"}},
            {"group": "nodes", "data": {"id": "b", "label": "Charity"}},
            {"group": "edges", "data": {"id": "ab", "source": "a", "target": "b"}},
        ]
    }
    result = load_map(write_json(tmp_path, document))
    assert result.format == "Cytoscape.js JSON"
    assert (result.map.stakeholder_count, result.map.relationship_count) == (2, 1)


XGMML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<graph id="52" label="Gene network" directed="1" cy:documentVersion="3.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cy="http://www.cytoscape.org"
  xmlns="http://www.cs.rpi.edu/XGMML">
  <att name="shared name" value="GRN" type="string" cy:type="String"/>
  <node id="101" label="ACE2">
    <att name="shared name" value="ACE2" type="string" cy:type="String"/>
    <att name="name" value="ACE2" type="string" cy:type="String"/>
    <att name="degree" value="2" type="integer" cy:type="Integer"/>
    <att name="aliases" type="list" cy:type="List" cy:elementType="String">
      <att name="aliases" value="ACE-2" type="string" cy:type="String"/>
      <att name="aliases" value="hACE2" type="string" cy:type="String"/>
    </att>
    <graphics type="ELLIPSE" h="35.0" w="35.0" x="-10.5" y="20.0" z="0.0" fill="#89D0F5"/>
  </node>
  <node id="102" label="AFT2">
    <att name="expression" value="INF" type="real" cy:type="Double"/>
    <graphics x="90.0" y="20.0" fill="#FF0000"/>
  </node>
  <edge id="105" label="ACE2 (represses) AFT2" source="101" target="102" cy:directed="1">
    <att name="interaction" value="represses" type="string" cy:type="String"/>
    <att name="weight" value="0.8" type="real" cy:type="Double"/>
  </edge>
  <edge id="106" source="102" target="101" cy:directed="0">
    <att name="interaction" value="binds" type="string"/>
  </edge>
</graph>
"""


def test_cytoscape_xgmml_opens_with_attributes_places_and_directions(tmp_path: Path) -> None:
    path = tmp_path / "network.xgmml"
    path.write_text(XGMML, encoding="utf-8")
    result = load_map(path)
    m = result.map
    assert result.format == "XGMML from Cytoscape"
    assert m.title == "Gene network"
    by_label = {s.label: s for s in m.stakeholders()}
    ace2 = by_label["ACE2"]
    assert (ace2.x, ace2.y, ace2.colour) == (-10.5, 20.0, "#89D0F5")
    assert ace2.attributes == {"degree": 2, "aliases": "ACE-2|hACE2"}
    assert by_label["AFT2"].attributes == {"expression": "INF"}
    assert (
        "In network.xgmml, the attribute 'expression' of the node 'AFT2' (id '102') is 'INF', "
        "which is not a number as the file declares; it was kept as text."
    ) in result.warnings
    directions = {r.relation: (r.directed, r.weight) for r in m.relationships()}
    assert directions == {"represses": (True, 0.8), "binds": (False, None)}


def test_an_xgmml_edge_without_ends_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "broken.xgmml"
    path.write_text(
        '<graph xmlns="http://www.cs.rpi.edu/XGMML"><node id="1"/><edge id="9" source="1"/>'
        "</graph>",
        encoding="utf-8",
    )
    with pytest.raises(MapFileError, match="the edge '9' has no source or target"):
        load_map(path)


def test_a_graphology_node_without_a_key_is_refused_with_a_sentence(tmp_path: Path) -> None:
    document = {"options": {}, "nodes": [{"key": "a"}, {"attributes": {}}], "edges": []}
    document["nodes"][0] = {"key": "a", "attributes": {}}
    document["nodes"][1] = {"key": "", "attributes": {}}
    with pytest.raises(MapFileError, match="the node 2 of the file has no 'key'"):
        load_map(write_json(tmp_path, document))


def test_what_gephi_lites_own_library_writes_opens_the_same_both_ways(tmp_path: Path) -> None:
    if shutil.which("node") is None:
        if os.environ.get("SYSMAP_REQUIRE_NODE"):
            pytest.fail("node is not installed, and this check must run here")
        pytest.skip("node is not installed")
    if not (NODE_PROJECT / "node_modules" / "graphology").is_dir():
        pytest.skip("run: npm ci --prefix tests/graphology")
    json_path, gexf_path = tmp_path / "leeds.json", tmp_path / "leeds.gexf"
    subprocess.run(
        ["node", str(NODE_PROJECT / "export_sample.js"), str(json_path), str(gexf_path)],
        check=True,
        timeout=60,
    )
    from_json, from_gexf = load_map(json_path).map, load_map(gexf_path).map
    for m in (from_json, from_gexf):
        assert m.title == "Rough sleeping in Leeds"
        assert {s.id: (s.label, s.colour) for s in m.stakeholders()} == {
            "council": ("Leeds City Council", "#1F77B4"),
            "outreach": ("Street outreach", "#FF7F0E"),
            "gp": ("Homeless GP practice", "#2CA02C"),
        }
        assert {r.id: (r.relation, r.weight, r.directed) for r in m.relationships()} == {
            "e1": ("funds", 3.0, True),
            "e2": ("works with", None, False),
        }
    assert same_places(from_json, from_gexf)


def same_places(a: SystemMap, b: SystemMap) -> bool:
    return {s.id: (s.x, s.y) for s in a.stakeholders()} == {
        s.id: (s.x, s.y) for s in b.stakeholders()
    }
