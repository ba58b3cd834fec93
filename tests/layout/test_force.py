"""The force-directed layout: related stakeholders together, strays gathered, pins respected."""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from sysmap.layout import force_directed
from sysmap.layout.force import components, force_positions, gather_strays
from sysmap.layout.nodes import MARGIN, box_size, node_table
from sysmap.model import Relationship, Stakeholder
from sysmap.model.synthetic import synthetic_map
from sysmap.workspace import open_map
from tests.layout.helpers import aspect, overlaps


def distance(pos: dict, a: object, b: object) -> float:
    return math.dist(pos[a], pos[b])


def test_any_networkx_graph_can_be_laid_out() -> None:
    graph = nx.karate_club_graph()
    pos = force_directed(graph)
    assert set(pos) == set(graph)
    assert all(math.isfinite(v) for xy in pos.values() for v in xy)
    # Unlabelled nodes are sized by their id, and still kept apart.
    for a in graph:
        for b in graph:
            if a < b:
                (wa, ha), (wb, hb) = box_size(str(a)), box_size(str(b))
                dx, dy = abs(pos[a][0] - pos[b][0]), abs(pos[a][1] - pos[b][1])
                assert dx >= (wa + wb) / 2 + MARGIN - 1e-6 or dy >= (ha + hb) / 2 + MARGIN - 1e-6


def test_empty_and_single_graphs() -> None:
    assert force_directed(nx.Graph()) == {}
    pos = force_directed(nx.Graph([(0, 0)]))  # one node with a self-loop
    assert list(pos) == [0]
    assert all(math.isfinite(v) for v in pos[0])


def test_related_stakeholders_sit_together() -> None:
    graph = nx.disjoint_union(nx.complete_graph(8), nx.complete_graph(8))
    graph.add_edge(0, 8)
    pos = force_directed(graph)
    inside = [distance(pos, a, b) for a, b in graph.edges if (a < 8) == (b < 8)]
    across = [distance(pos, a, b) for a in range(8) for b in range(8, 16)]
    assert np.mean(inside) < 0.6 * np.mean(across)


def test_free_stakeholders_gather_round_their_pinned_contacts() -> None:
    graph = nx.star_graph(6)  # node 0 in the middle
    pos = force_directed(graph, fixed={0: (5000.0, -3000.0)})
    assert pos[0] == (5000.0, -3000.0)
    assert all(distance(pos, 0, leaf) < 600 for leaf in range(1, 7))


def test_seed_changes_the_picture_and_the_same_seed_repeats_it() -> None:
    graph = nx.les_miserables_graph()
    assert force_directed(graph, seed=3) == force_directed(graph, seed=3)
    assert force_directed(graph, seed=3) != force_directed(graph, seed=4)


def test_separate_parts_are_drawn_near_the_main_one() -> None:
    system_map = synthetic_map(600, seed=2)
    for i in range(12):  # lone stakeholders and pairs drift far out unless gathered in
        system_map.add_stakeholder(Stakeholder(f"Lone body {i}", id=f"lone-{i}"))
        if i % 3 == 0:
            system_map.add_stakeholder(Stakeholder(f"Partner of {i}", id=f"partner-{i}"))
            system_map.add_relationship(Relationship(f"lone-{i}", f"partner-{i}", "partners"))
    table = node_table(system_map.graph)
    labels = components(table.count, table.edges)
    main = labels == np.bincount(labels).argmax()
    xy = force_positions(table)
    body = xy[main]
    low, high = body.min(axis=0), body.max(axis=0)
    margin = 0.35 * (high - low)
    assert ((xy >= low - margin) & (xy <= high + margin)).all()
    assert overlaps(system_map, table.positions(xy)) == []


def test_gathering_leaves_a_connected_map_alone() -> None:
    table = node_table(nx.path_graph(5))
    xy = np.arange(10.0).reshape(5, 2) * 100
    assert np.array_equal(gather_strays(xy, table), xy)


def test_synthetic_map_is_landscape_and_clear() -> None:
    system_map = synthetic_map(800)
    pos = force_directed(system_map.graph)
    assert overlaps(system_map, pos) == []
    assert aspect(system_map, pos) >= 1.2


def test_workspace_places_stakeholders_a_file_left_unplaced(tmp_path: Path) -> None:
    nodes = [
        {"id": f"n{i}", "label": f"Organisation {i}", "x": i * 300.0, "y": 0.0} for i in range(6)
    ]
    nodes += [{"id": "new-a", "label": "New arrival A"}, {"id": "new-b", "label": "New arrival B"}]
    links = [{"source": f"n{i}", "target": f"n{i + 1}"} for i in range(5)]
    links += [{"source": "new-a", "target": "n2"}, {"source": "new-b", "target": "new-a"}]
    path = tmp_path / "partly-placed.json"
    path.write_text(
        json.dumps(
            {"directed": True, "multigraph": True, "graph": {}, "nodes": nodes, "links": links}
        )
    )
    result = open_map(str(path), "nodelink")
    system_map = result.map
    for i in range(6):  # placed stakeholders stay exactly where the file put them
        assert (system_map.stakeholder(f"n{i}").x, system_map.stakeholder(f"n{i}").y) == (
            i * 300.0,
            0.0,
        )
    pos = {s.id: (s.x, s.y) for s in system_map.stakeholders()}
    assert overlaps(system_map, pos) == []
    assert distance(pos, "new-a", "n2") < 700  # near its contact, not thrown far away


@pytest.mark.parametrize("n", [1, 2, 3])
def test_tiny_maps(n: int) -> None:
    pos = force_directed(nx.path_graph(n))
    assert len(pos) == n


@pytest.mark.parametrize(
    "graph", [nx.grid_2d_graph(8, 8), nx.les_miserables_graph()], ids=["grid", "les-mis"]
)
def test_a_map_with_a_pinned_stakeholder_is_still_drawn_landscape(graph: nx.Graph) -> None:
    # With a pin the picture is not turned and widened at the end (that would move the pin),
    # so the springs themselves must keep it wider than tall in both phases.
    first = sorted(graph.nodes, key=str)[0]
    pos = force_directed(graph, fixed={first: (0.0, 0.0)})
    assert pos[first] == (0.0, 0.0)
    across, down = np.ptp(np.array(list(pos.values())), axis=0)
    assert across > 1.15 * down, across / down
