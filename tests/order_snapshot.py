"""What "the same map, in the same order" means, for tests of undo and restore."""

from __future__ import annotations

from typing import Any

from sysmap.model import SystemMap


def map_order(system_map: SystemMap) -> dict[str, Any]:
    """Everything about a map's order that a table, a file or an analysis could see.

    The stakeholders' and relationships' orders, each stakeholder's relationships as the map
    lists them, and the graph's own iteration orders (nodes, edges, neighbours both ways),
    which tie-breaking analyses follow.
    """
    graph = system_map.graph
    return {
        "stakeholders": system_map.stakeholder_ids(),
        "relationships": system_map.relationship_ids(),
        "edges": list(graph.edges(keys=True)),
        "relationships of": {
            node: [r.id for r in system_map.relationships_of(node)] for node in graph
        },
        "successors": {node: list(graph.succ[node]) for node in graph},
        "predecessors": {node: list(graph.pred[node]) for node in graph},
        "node fields": [list(data) for _, data in graph.nodes(data=True)],
    }


def assert_same_map(system_map: SystemMap, before: SystemMap) -> None:
    """The map has the content and the order it had (``before`` is a copy taken then)."""
    assert system_map == before
    assert map_order(system_map) == map_order(before)
