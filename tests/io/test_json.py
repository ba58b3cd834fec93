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


def test_networkx_reads_our_node_link_json(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    save_map(
        load_map(Path(__file__).resolve().parents[2] / "examples" / "addiction.graphml").map, path
    )
    graph = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    assert all(d["label"] for _, d in graph.nodes(data=True))


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
