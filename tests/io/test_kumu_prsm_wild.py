"""Kumu and PRSM as people use them: loops, connection labels, labels over several lines
(issue 16; small files written by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from sysmap.io import load_map

PROJECT = {
    "name": "Reoffending",
    "elements": [
        {"_id": "elem-a", "attributes": {"label": "Probation", "element type": "Organisation"}},
        {"_id": "elem-b", "attributes": {"label": "Housing", "element type": "Organisation"}},
        {"_id": "elem-c", "attributes": {"label": "Employment", "element type": "Organisation"}},
    ],
    "connections": [
        {"_id": "conn-1", "from": "elem-a", "to": "elem-b", "attributes": {"label": "sends cases"}},
        {"_id": "conn-2", "from": "elem-b", "to": "elem-c", "attributes": {}},
        {
            "_id": "conn-3",
            "from": "elem-c",
            "to": "elem-a",
            "attributes": {"label": "funds £2m", "connection type": "Funding"},
        },
    ],
    "loops": [
        {
            "_id": "loop-1",
            "attributes": {"label": "R1 Stable lives"},
            "connections": ["conn-1", "conn-2", "conn-3"],
        },
        {"_id": "loop-2", "attributes": {"label": "B1 Caseloads"}, "connections": ["conn-1"]},
    ],
    "maps": [],
}


def test_kumu_loops_live_on_in_their_relationships(tmp_path: Path) -> None:
    path = tmp_path / "project.json"
    path.write_text(json.dumps(PROJECT), encoding="utf-8")
    result = load_map(path)
    loops = {
        r.source + ">" + r.target: r.attributes.get("loops") for r in result.map.relationships()
    }
    assert sorted(loops.values()) == [
        "R1 Stable lives",
        "R1 Stable lives",
        "R1 Stable lives|B1 Caseloads",
    ]
    assert (
        "The Kumu project has 2 loop(s) ('R1 Stable lives', 'B1 Caseloads'). sysmap has no "
        "loops, so each relationship on a loop names it in its 'loops' attribute."
    ) in result.warnings


def test_a_kumu_connection_label_is_not_made_a_relationship_type(tmp_path: Path) -> None:
    path = tmp_path / "project.json"
    path.write_text(json.dumps(PROJECT), encoding="utf-8")
    m = load_map(path).map
    by_label = {r.attributes.get("Label"): r for r in m.relationships()}
    assert by_label["sends cases"].relation is None  # no connection type: no relationship type
    assert m.relation_types.label(by_label["funds £2m"].relation or "") == "Funding"
    assert "sends cases" not in m.relation_types


def test_prsm_labels_keep_their_line_breaks(tmp_path: Path) -> None:
    document = {
        "saved": "2024-01-01",
        "version": "3.0.3",
        "room": "ABC",
        "mapTitle": "Supply chain",
        "nodes": [
            {"id": "1", "label": "Energy efficiency/\nintensity performance", "x": 0, "y": 0},
            {"id": "2", "label": "  Warehouse  \n\n", "x": 100, "y": 0},
        ],
        "edges": [{"id": "e", "from": "1", "to": "2", "label": "drives\nup"}],
    }
    path = tmp_path / "map.prsm"
    path.write_text(json.dumps(document), encoding="utf-8")
    m = load_map(path).map
    assert {s.label for s in m.stakeholders()} == {
        "Energy efficiency/\nintensity performance",
        "Warehouse",
    }
