"""Keeping a map's order: what comes back after an undo goes back to its place.

A map's order is visible: tables list stakeholders and relationships in it, files are written
in it, and analyses that break ties by visiting order (community detection, brokerage
rankings) give their answer for it. Deleting a stakeholder and undoing the delete must
therefore give back the very map that was there, not the same content reshuffled (before this
module, the stakeholder came back last, index 3 became 40, and its relationships were
reordered).

The order is held in two places:

- the stakeholders' order is the order of the graph's nodes;
- the relationships' order is the order of :attr:`SystemMap._ends`, and the graph's adjacency
  (each stakeholder's neighbours, and the relationships between one pair) follows it: the
  storage is always what adding the stakeholders in their order and then the relationships in
  theirs would build. :func:`rebuild_in_order` makes it so after an insertion in the middle.

:class:`Removed` records where each removed item stood, so :meth:`SystemMap.restore` can put
it back exactly there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from sysmap.model import events as ev
from sysmap.model.bulk import add_many
from sysmap.model.entities import Relationship, Stakeholder
from sysmap.model.map_parts import EditableMap


@dataclass(frozen=True)
class Removed:
    """Stakeholders and relationships taken out of a map, each with the place it held.

    Attributes
    ----------
    stakeholders : tuple of (int, Stakeholder)
        Each removed stakeholder with its index in the map's stakeholder order before the
        removal, in increasing index.
    relationships : tuple of (int, Relationship)
        The same for relationships, in the map's relationship order.
    """

    stakeholders: tuple[tuple[int, Stakeholder], ...] = ()
    relationships: tuple[tuple[int, Relationship], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.stakeholders or self.relationships)


def indexed(order: Iterable[str], wanted: Iterable[str]) -> list[tuple[int, str]]:
    """Return ``(index in order, id)`` for each of ``wanted``, in increasing index.

    Examples
    --------
    >>> indexed(["a", "b", "c", "d"], ["d", "b"])
    [(1, 'b'), (3, 'd')]
    """
    wanted = set(wanted)
    return [(index, item) for index, item in enumerate(order) if item in wanted]


def put_back(order: Sequence[str], items: Sequence[tuple[int, str]]) -> list[str]:
    """Insert each ``(index, id)`` of ``items`` into ``order`` so it ends up at that index.

    ``order`` must not hold the items yet; inserting in increasing index puts each one
    exactly where it was recorded, as long as the rest of the order is the same as then.

    Examples
    --------
    >>> put_back(["a", "c"], [(1, "b"), (3, "d")])
    ['a', 'b', 'c', 'd']
    >>> put_back(["a"], [(5, "z")])  # a place past the end means the end
    ['a', 'z']
    """
    result = list(order)
    for index, item in sorted(items, key=lambda pair: pair[0]):
        result.insert(min(index, len(result)), item)
    return result


def reorder(mapping: dict[str, Any], keys: Sequence[str]) -> None:
    """Put the entries of ``mapping`` in the order of ``keys``, in place (same dict object)."""
    items = [(key, mapping[key]) for key in keys]
    mapping.clear()
    mapping.update(items)


def copy_in_order(graph: nx.MultiDiGraph, ends: Mapping[str, tuple[str, str]]) -> nx.MultiDiGraph:
    """Return a copy of ``graph`` with its storage in the map's order.

    networkx's own ``copy`` adds the edges stakeholder by stakeholder, which lists each
    stakeholder's incoming neighbours in another order than the map's; an analysis run on
    the copy (as the app's background workers do) must see the map's order.
    """
    other = graph.__class__()
    other.graph.update(graph.graph)
    for node, data in graph._node.items():
        other._node[node] = dict(data)
        other._succ[node] = other.adjlist_inner_dict_factory()
        other._pred[node] = other.adjlist_inner_dict_factory()
    for key, (u, v) in ends.items():
        _store_edge(other, u, v, key, dict(graph._succ[u][v][key]))
    return other


def _store_edge(graph: nx.MultiDiGraph, u: str, v: str, key: str, data: dict[str, Any]) -> None:
    """Store relationship ``key`` from ``u`` to ``v`` in the graph as ``add_edge`` would."""
    keydict = graph._succ[u].get(v)
    if keydict is None:
        keydict = graph.edge_key_dict_factory()
        graph._succ[u][v] = keydict
        graph._pred[v][u] = keydict
    keydict[key] = data


def rebuild_in_order(
    graph: nx.MultiDiGraph, node_order: Sequence[str], ends: Mapping[str, tuple[str, str]]
) -> None:
    """Lay out ``graph``'s storage as adding ``node_order`` then ``ends`` in order would.

    The node, neighbour and relationship dicts are refilled in place (views of the graph stay
    valid, and every attribute dict is the very object it was), so only the order changes.
    This reaches into networkx's storage (``_node``, ``_succ``, ``_pred``), which networkx
    documents as the graph's data structure; the model is the one place allowed to do so.
    """
    nodes = graph._node
    succ, pred = graph._succ, graph._pred
    edge_data = {key: succ[u][v][key] for key, (u, v) in ends.items()}
    reorder(nodes, node_order)
    succ.clear()
    pred.clear()
    for node in node_order:
        succ[node] = graph.adjlist_inner_dict_factory()
        pred[node] = graph.adjlist_inner_dict_factory()
    for key, (u, v) in ends.items():
        _store_edge(graph, u, v, key, edge_data[key])
    clear_cache = getattr(nx, "_clear_cache", None)
    if clear_cache is not None:  # networkx 3.3+ caches converted graphs on the graph
        clear_cache(graph)


def remove_items(
    system_map: EditableMap, stakeholder_ids: Iterable[str], relationship_ids: Iterable[str] = ()
) -> Removed:
    """Remove relationships and stakeholders (with all their relationships), noting places.

    The relationships go first, each with its event, then the stakeholders.

    Raises
    ------
    UnknownStakeholderError, UnknownRelationshipError
        If an id is not in the map; nothing is removed then.
    """
    people = list(dict.fromkeys(stakeholder_ids))
    rel_ids = dict.fromkeys(relationship_ids)
    for person in people:
        rel_ids.update(dict.fromkeys(r.id for r in system_map.relationships_of(person)))
    for rel_id in rel_ids:
        system_map.relationship(rel_id)  # raises the usual "no relationship" error
    removed = Removed(
        tuple(
            (index, system_map.stakeholder(person))
            for index, person in indexed(system_map.stakeholder_ids(), people)
        ),
        tuple(
            (index, system_map.relationship(rel_id))
            for index, rel_id in indexed(system_map.relationship_ids(), rel_ids)
        ),
    )
    for _, rel in reversed(removed.relationships):
        system_map.remove_relationship(rel.id)
    for _, gone in reversed(removed.stakeholders):
        system_map.remove_stakeholder(gone.id)
    return removed


def restore(system_map: EditableMap, removed: Removed) -> None:
    """Put back what :func:`remove_items` took out, each item where it stood.

    Every value passes the map's usual checks first (if one fails nothing is added); the
    events follow once everything is in place, in the map's order, so a listener asking for
    an item's index gets its final one.
    """
    if not removed:
        return
    graph = system_map.graph
    ends = system_map._ends  # the map's own index of relationship ends, kept in step here
    node_order = put_back(
        list(graph), [(index, person.id) for index, person in removed.stakeholders]
    )
    rel_order = put_back(list(ends), [(index, rel.id) for index, rel in removed.relationships])
    add_many(
        system_map,
        [person for _, person in removed.stakeholders],
        [rel for _, rel in removed.relationships],
        allow_self_loops=True,
        emit=False,
    )
    reorder(ends, rel_order)
    rebuild_in_order(graph, node_order, ends)
    # Each index is final: the items go back in increasing index, so a listener that inserts
    # each at its index (a table) rebuilds the map's order exactly.
    for index, person in removed.stakeholders:
        system_map.events.emit(ev.StakeholderAdded(person.id, index))
    for index, rel in removed.relationships:
        system_map.events.emit(ev.RelationshipAdded(rel.id, index))


def order_adjacency(
    graph: nx.MultiDiGraph, ends: Mapping[str, tuple[str, str]], nodes: Iterable[str]
) -> None:
    """Put the neighbours of ``nodes`` back in the relationships' order, in place.

    Moving a relationship to new ends appends it to the new ends' neighbour dicts; this puts
    those dicts (and the relationships between each pair) where :func:`rebuild_in_order`
    would, touching only the stakeholders concerned.
    """
    position = {key: index for index, key in enumerate(ends)}
    for node in dict.fromkeys(nodes):
        if node not in graph:
            continue
        for adjacency in (graph._succ[node], graph._pred[node]):
            for keydict in adjacency.values():
                reorder(keydict, sorted(keydict, key=position.__getitem__))
            first = {other: position[next(iter(keys))] for other, keys in adjacency.items()}
            reorder(adjacency, sorted(adjacency, key=first.__getitem__))
