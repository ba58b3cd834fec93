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
  theirs would build.

:class:`Removed` records where each removed item stood: its index in the map's order, and,
for each removed relationship, its place among what stays (in the relationships between its
pair, or in its remaining end's neighbours). :meth:`SystemMap.restore` puts each item back
exactly there, touching only the removed items and their neighbours' dicts: an undo makes
the same number of calls on a map of 5,000 stakeholders as on one of 500 (about 600 for one
stakeholder with its relationships; rebuilding the storage in order, as it once did, made
40,600 at 5,000). Putting an item in the middle of a dict still moves the entries after it,
which for the map-wide dicts (the stakeholders, and the relationships' index) is done in C:
restoring one stakeholder took 3.5 ms at 5,000 stakeholders and 20,000 relationships and
37 ms at 20,000 and 80,000 (the rebuild: 63 ms and 585 ms), on a loaded 2-core machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import networkx as nx

from sysmap.model import events as ev
from sysmap.model.bulk import checked
from sysmap.model.entities import Relationship, Stakeholder
from sysmap.model.map_parts import EditableMap, MapStorage


@dataclass(frozen=True)
class Slots:
    """Where one removed relationship stood among what the removal left in place.

    Attributes
    ----------
    key : int or None
        Its index among the relationships between its two ends, when some of those stay.
    out : int or None
        Its target's index among its source's successors, when the source stays and no
        relationship from source to target does.
    into : int or None
        The same for its source among its target's predecessors.
    """

    key: int | None = None
    out: int | None = None
    into: int | None = None


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
    slots : mapping of str to Slots
        For each removed relationship id, its place among the neighbours that stayed (see
        :class:`Slots`). A relationship without one is put in place by sorting its ends'
        neighbours, which costs a pass over the map's relationships.
    """

    stakeholders: tuple[tuple[int, Stakeholder], ...] = ()
    relationships: tuple[tuple[int, Relationship], ...] = ()
    slots: Mapping[str, Slots] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.stakeholders or self.relationships)


FEW = 8
"""Up to this many items are looked up one by one (a C-level scan each), more in one pass."""


def indexed(order: Iterable[str], wanted: Iterable[str]) -> list[tuple[int, str]]:
    """Return ``(index in order, id)`` for each of ``wanted``, in increasing index.

    Every wanted id must be in ``order``.

    Examples
    --------
    >>> indexed(["a", "b", "c", "d"], ["d", "b"])
    [(1, 'b'), (3, 'd')]
    """
    keys = list(order)
    wanted = list(dict.fromkeys(wanted))
    if len(wanted) <= FEW:  # a deletion of a few: no Python loop over the whole map
        return sorted((keys.index(item), item) for item in wanted)
    chosen = set(wanted)
    return [(index, item) for index, item in enumerate(keys) if item in chosen]


def splice(mapping: dict[Any, Any], placed: Sequence[tuple[int | None, Any, Any]]) -> None:
    """Put each ``(index, key, value)`` of ``placed`` into ``mapping`` at that index.

    ``placed`` is in increasing index, each the place its key has once all are in (as
    :class:`Removed` records them); ``None``, or a place past the end, means last. The dict
    stays the same object (networkx's views, and the other end's adjacency, hold it).

    Examples
    --------
    >>> d = {"a": 1, "c": 3}
    >>> splice(d, [(1, "b", 2), (None, "d", 4)]); d
    {'a': 1, 'b': 2, 'c': 3, 'd': 4}
    """
    first = placed[0][0] if placed else None
    if first is None or first >= len(mapping):  # at the end: no copy
        mapping.update((key, value) for _, key, value in placed)
        return
    # Only what comes after the first new entry moves: taken out and put back after it, in
    # C (map and zip make no Python call and, as update consumes them, no object per entry).
    tail_keys = list(mapping)[first:]
    tail = zip(tail_keys, list(map(mapping.pop, tail_keys)), strict=True)
    for index, key, value in placed:
        mapping.update(tail if index is None else islice(tail, max(0, index - len(mapping))))
        mapping[key] = value
    mapping.update(tail)


def insert_at(mapping: dict[Any, Any], index: int | None, key: Any, value: Any) -> None:
    """Put ``key`` into ``mapping`` at position ``index`` (``None`` or past the end: last)."""
    splice(mapping, ((index, key, value),))


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
        keydict = other._succ[u].get(v)
        if keydict is None:
            keydict = other._succ[u][v] = other._pred[v][u] = other.edge_key_dict_factory()
        keydict[key] = dict(graph._succ[u][v][key])
    return other


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
        _slots(system_map, set(people), rel_ids),
    )
    for _, rel in reversed(removed.relationships):
        system_map.remove_relationship(rel.id)
    for _, gone in reversed(removed.stakeholders):
        system_map.remove_stakeholder(gone.id)
    return removed


def _slots(
    storage: MapStorage, people: set[str], rel_ids: Mapping[str, object]
) -> dict[str, Slots]:
    """Where each of ``rel_ids`` stands among what stays when they and ``people`` go."""
    succ, pred, ends = storage.graph._succ, storage.graph._pred, storage._ends
    slots = {}
    for rel_id in rel_ids:
        u, v = ends[rel_id]
        keydict = succ[u][v]
        if any(other not in rel_ids for other in keydict):
            slots[rel_id] = Slots(key=list(keydict).index(rel_id))
            continue
        slots[rel_id] = Slots(
            out=None if u in people else list(succ[u]).index(v),
            into=None if v in people else list(pred[v]).index(u),
        )
    return slots


def restore(system_map: EditableMap, removed: Removed) -> None:
    """Put back what :func:`remove_items` took out, each item where it stood.

    Every value passes the map's usual checks first (if one fails nothing is added); the
    events follow once everything is in place, in the map's order, so a listener asking for
    an item's index gets its final one. Only the restored items and their neighbours' dicts
    are touched (see the module's notes).
    """
    if not removed:
        return
    people, rels = checked(
        system_map,
        [person for _, person in removed.stakeholders],
        [rel for _, rel in removed.relationships],
        allow_self_loops=True,
    )
    people_at = [index for index, _ in removed.stakeholders]
    rels_at = [index for index, _ in removed.relationships]
    graph = system_map.graph
    nodes = []
    for index, person in zip(people_at, people, strict=True):
        data = graph.node_attr_dict_factory()
        data.update(person.to_data())
        nodes.append((index, person.id, data))
    splice(graph._node, nodes)
    for adjacency in (graph._succ, graph._pred):
        splice(adjacency, [(i, key, graph.adjlist_inner_dict_factory()) for i, key, _ in nodes])
    ends = system_map._ends  # the map's own index of relationship ends, kept in step here
    splice(ends, [(i, rel.id, rel.ends) for i, rel in zip(rels_at, rels, strict=True)])
    unplaced = _relink(graph, rels, {person.id for person in people}, removed.slots)
    if unplaced:
        order_adjacency(graph, ends, unplaced)
    clear_cache = getattr(nx, "_clear_cache", None)
    if clear_cache is not None:  # networkx 3.3+ caches converted graphs on the graph
        clear_cache(graph)
    # Each index is final: the items go back in increasing index, so a listener that inserts
    # each at its index (a table) rebuilds the map's order exactly.
    for index, person in zip(people_at, people, strict=True):
        system_map.events.emit(ev.StakeholderAdded(person.id, index))
    for index, rel in zip(rels_at, rels, strict=True):
        system_map.events.emit(ev.RelationshipAdded(rel.id, index))


def _relink(
    graph: nx.MultiDiGraph,
    rels: Sequence[Relationship],
    restored: set[str],
    slots: Mapping[str, Slots],
) -> set[str]:
    """Store ``rels`` (in the map's order) in the graph's adjacency, each in its slot.

    A restored stakeholder's relationships all come back here, in the map's order, so each
    new neighbour goes last in its dicts; a stakeholder that stayed takes each neighbour back
    at its recorded slot, in increasing slot as the map's order gives them. Return the
    stayers whose slot was not recorded (their neighbours then need sorting).
    """
    unplaced: set[str] = set()
    fresh: set[tuple[str, str]] = set()  # pairs whose relationships all came back just now
    for rel in rels:
        u, v, place = rel.source, rel.target, slots.get(rel.id, Slots())
        data = graph.edge_attr_dict_factory()
        data.update(rel.to_data())
        keydict = graph._succ[u].get(v)
        if keydict is None:
            keydict = graph.edge_key_dict_factory()
            fresh.add((u, v))
            for node, adjacency, other, slot in (
                (u, graph._succ[u], v, place.out),
                (v, graph._pred[v], u, place.into),
            ):
                if node not in restored and slot is None:
                    unplaced.add(node)
                insert_at(adjacency, None if node in restored else slot, other, keydict)
        elif (u, v) not in fresh and place.key is None:
            unplaced.update((u, v))
        insert_at(keydict, None if (u, v) in fresh else place.key, rel.id, data)
    return unplaced


def order_adjacency(
    graph: nx.MultiDiGraph, ends: Mapping[str, tuple[str, str]], nodes: Iterable[str]
) -> None:
    """Put the neighbours of ``nodes`` back in the relationships' order, in place.

    Moving a relationship to new ends appends it to the new ends' neighbour dicts; this puts
    those dicts (and the relationships between each pair) where adding everything in the
    map's order would, touching only the stakeholders concerned (but reading the positions
    of all the map's relationships).
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
