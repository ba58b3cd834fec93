"""Read-only views of a map's storage, for everything outside the model and the file readers.

The map keeps its stakeholders and relationships in a networkx graph whose attribute dicts use
the file format's keys (``label``, ``x``, ``sector``…). Views (canvas, tables, commands) and
readers (analysis, layout) must never change them, and should not depend on how they are kept:
they read through these methods instead of ``SystemMap.graph``. Each returns a read-only
mapping or a frozen graph view that shares the storage, so reading costs no copy, and an
attempt to write raises (``TypeError`` for a mapping, ``NetworkXError`` for the graph).
``tests/test_layers.py`` checks that no module outside ``model`` and ``io`` reads
``.graph`` directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import networkx as nx

from sysmap.model.errors import UnknownRelationshipError, UnknownStakeholderError
from sysmap.model.map_parts import MapStorage

Fields = Mapping[str, Any]
"""A stakeholder's or relationship's stored fields, by the file format's keys, read-only."""


def stakeholder_fields(system_map: MapStorage, stakeholder_id: str) -> Fields:
    """The stored fields of one stakeholder (``label``, ``x``, ``sector``, custom ones…)."""
    try:
        return MappingProxyType(system_map.graph.nodes[stakeholder_id])
    except KeyError:
        raise UnknownStakeholderError(
            f"There is no stakeholder with id '{stakeholder_id}'."
        ) from None


def stakeholder_rows(system_map: MapStorage) -> Iterator[tuple[str, Fields]]:
    """Every stakeholder's id and stored fields, in the map's order."""
    for node, data in system_map.graph.nodes(data=True):
        yield node, MappingProxyType(data)


def positions(
    system_map: MapStorage, stakeholder_ids: Iterable[str] | None = None
) -> dict[str, tuple[float, float]]:
    """Where stakeholders are drawn (box centres), all of them or those named."""
    nodes = system_map.graph.nodes
    ids = nodes if stakeholder_ids is None else stakeholder_ids
    try:
        return {sid: (float(nodes[sid]["x"]), float(nodes[sid]["y"])) for sid in ids}
    except KeyError as exc:
        raise UnknownStakeholderError(f"There is no stakeholder with id '{exc.args[0]}'.") from None


def relationship_fields(system_map: MapStorage, relationship_id: str) -> Fields:
    """The stored fields of one relationship (``relation``, ``status``, ``weight``…)."""
    try:
        source, target = system_map._ends[relationship_id]
    except KeyError:
        raise UnknownRelationshipError(
            f"There is no relationship with id '{relationship_id}'."
        ) from None
    return MappingProxyType(system_map.graph.edges[source, target, relationship_id])


def relationship_rows(system_map: MapStorage) -> Iterator[tuple[str, str, str, Fields]]:
    """Every relationship as ``(id, source, target, fields)``, in the map's order."""
    succ = system_map.graph._succ
    for key, (source, target) in system_map._ends.items():
        yield key, source, target, MappingProxyType(succ[source][target][key])


def all_ends(system_map: MapStorage) -> Mapping[str, tuple[str, str]]:
    """Each relationship's ``(source, target)``, by id, in the map's order (read-only)."""
    return MappingProxyType(system_map._ends)


def network(system_map: MapStorage) -> nx.MultiDiGraph:
    """The map as a frozen networkx graph sharing its storage, for analysis and layout.

    Iterating it costs what iterating the map's own graph costs; changing it raises.
    """
    view = nx.graphviews.generic_graph_view(system_map.graph)
    return nx.freeze(view)
