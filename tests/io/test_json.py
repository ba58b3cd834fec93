"""JSON: node-link maps round-trip; Kumu and PRSM JSON are told apart from it by shape."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from sysmap.io import load_map, save_map
from sysmap.model import SystemMap
from tests.io.roundtrip import assert_core_survives, assert_details_survive
from tests.strategies import system_maps


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system_maps())
def test_any_map_survives_node_link_json(
    tmp_path_factory: pytest.TempPathFactory, system_map: SystemMap
) -> None:
    path = tmp_path_factory.mktemp("json") / "map.json"
    save_map(system_map, path)
    result = load_map(path)
    assert result.format == "node-link JSON"
    assert_core_survives(system_map, result.map)
    assert_details_survive(system_map, result.map)
    assert result.map == system_map


def test_networkx_reads_our_node_link_json_with_no_extra_arguments(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    save_map(
        load_map(Path(__file__).resolve().parents[2] / "examples" / "addiction.graphml").map, path
    )
    document = json.loads(path.read_text(encoding="utf-8"))
    assert "edges" in document
    assert "links" not in document
    graph = nx.node_link_graph(document)  # networkx 3.4+ reads "edges" by default
    assert all(d["label"] for _, d in graph.nodes(data=True))
    assert graph.number_of_edges() == len(document["edges"]) > 0


@pytest.mark.parametrize("edges", ["edges", "links"])
def test_both_forms_of_node_link_json_are_read(tmp_path: Path, edges: str) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", label="Council")
    graph.add_node("b", label="Shelter")
    graph.add_edge("a", "b", relation="funds")
    path = tmp_path / f"{edges}.json"
    path.write_text(json.dumps(nx.node_link_data(graph, edges=edges)), encoding="utf-8")
    m = load_map(path).map
    assert [(r.source, r.target, r.relation) for r in m.relationships()] == [("a", "b", "funds")]


@pytest.mark.parametrize(
    ("document", "format_name"),
    [
        ({"nodes": [{"id": "a"}], "links": []}, "node-link JSON"),
        ({"elements": [{"label": "a"}]}, "Kumu blueprint (JSON)"),
        ({"mapTitle": "m", "nodes": [{"id": "a", "label": "A"}], "edges": []}, "PRSM map"),
    ],
)
def test_a_json_file_is_read_by_its_shape(tmp_path: Path, document: dict, format_name: str) -> None:
    path = tmp_path / "any.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert load_map(path).format == format_name
