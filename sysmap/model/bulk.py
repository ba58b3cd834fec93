"""Add thousands of stakeholders and relationships to a map at once, as a reader does.

:meth:`SystemMap.add_stakeholder` and :meth:`SystemMap.add_relationship` validate one value,
store it and tell the listeners, one call each. A file of 5,000 stakeholders and 20,000
relationships spent most of its model-building time in that per-call work. :func:`add_many`
runs the very same checks on every value first (so nothing is added if one fails, and the
messages are the same), then stores them all with networkx's bulk calls. A map that nobody
listens to yet (one being read) gets no events; one with listeners gets the usual event per
item, in order.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sysmap.model import events as ev
from sysmap.model.entities import Relationship, Stakeholder, with_changes
from sysmap.model.errors import UnknownStakeholderError, ValidationError
from sysmap.model.ids import relationship_id, slugify, unique_id
from sysmap.model.map_parts import CheckingMap


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of objects are made.

    Parsing a file or building a map allocates hundreds of thousands of small containers,
    none of them garbage; each allocation burst would otherwise set off collections that walk
    every live object again (measured: an ElementTree parse of a 5k map took 1.4 s with the
    collector and 0.55 s without). Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_HELD: list[list[Any]] = []
"""Where :func:`held_until_exit` keeps what it is given, while a :func:`holding` is open."""


@contextmanager
def holding() -> Iterator[None]:
    """Keep what readers let go of (:func:`held_until_exit`) instead of freeing it, meanwhile.

    For a process that ends as soon as its work is sent (the window's reading child): freeing
    a big file's records one object at a time costs a third of a second of CPU (measured on
    a 5k map's 25,000 records) that an exit without clean-up spends on nothing.
    """
    _HELD.append([])
    try:
        yield
    finally:
        _HELD.pop()


def held_until_exit(thing: object) -> None:
    """Keep ``thing`` alive while a :func:`holding` is open; otherwise do nothing."""
    if _HELD:
        _HELD[-1].append(thing)


def add_many(
    system_map: CheckingMap,
    stakeholders: Iterable[Stakeholder] = (),
    relationships: Iterable[Relationship] = (),
    *,
    allow_self_loops: bool = False,
    emit: bool = True,
) -> tuple[list[Stakeholder], list[Relationship]]:
    """Add stakeholders, then relationships, as if one by one; return them as stored.

    ``emit=False`` leaves the events to the caller (:func:`sysmap.model.order.restore` sends
    them once the items are in their places).

    Each value is checked exactly as :meth:`SystemMap.add_stakeholder` or
    :meth:`SystemMap.add_relationship` checks it, against the map and the values before it in
    the same call, and gets the id those methods would give it.

    Raises
    ------
    ValidationError
        As the one-by-one methods would, for the first bad value; the map is then unchanged.
    """
    graph = system_map.graph
    nodes, edges = checked(system_map, stakeholders, relationships, allow_self_loops)
    with paused_gc():
        graph.add_nodes_from((s.id, s.to_data()) for s in nodes)
        graph.add_edges_from((r.source, r.target, r.id, r.to_data()) for r in edges)
    ends = system_map._ends  # the map's own index of relationship ends, kept in step here
    for rel in edges:
        ends[rel.id] = rel.ends
    if emit and system_map.events.listening:
        first = graph.number_of_nodes() - len(nodes)
        for index, stakeholder in enumerate(nodes, first):
            system_map.events.emit(ev.StakeholderAdded(stakeholder.id, index))
        first = len(ends) - len(edges)
        for index, rel in enumerate(edges, first):
            system_map.events.emit(ev.RelationshipAdded(rel.id, index))
    return nodes, edges


def checked(
    system_map: CheckingMap,
    stakeholders: Iterable[Stakeholder],
    relationships: Iterable[Relationship],
    allow_self_loops: bool,
) -> tuple[list[Stakeholder], list[Relationship]]:
    """Check values as :func:`add_many` would add them; return them as they would be stored.

    Nothing is stored: :func:`sysmap.model.order.restore` stores them in their places itself.

    Raises
    ------
    ValidationError
        As the one-by-one methods would, for the first bad value.
    """
    nodes = _checked_stakeholders(system_map, stakeholders)
    return nodes, _checked_relationships(system_map, relationships, nodes, allow_self_loops)


def _checked_stakeholders(
    system_map: CheckingMap, stakeholders: Iterable[Stakeholder]
) -> list[Stakeholder]:
    graph = system_map.graph
    labels: dict[str, str] = {}  # the batch so far: id -> name, for ids and messages
    taken = _Either(graph, labels)
    checked = []
    for stakeholder in stakeholders:
        stakeholder = stakeholder.validated()
        if not stakeholder.id:
            stakeholder = with_changes(stakeholder, id=unique_id(slugify(stakeholder.label), taken))
        elif stakeholder.id in taken:
            owner = labels.get(stakeholder.id) or system_map.label(stakeholder.id)
            raise ValidationError(f"The id '{stakeholder.id}' is already used by '{owner}'.")
        labels[stakeholder.id] = stakeholder.label
        checked.append(stakeholder)
    return checked


def _checked_relationships(
    system_map: CheckingMap,
    relationships: Iterable[Relationship],
    nodes: list[Stakeholder],
    allow_self_loops: bool,
) -> list[Relationship]:
    graph = system_map.graph
    batch_nodes = {s.id: s.label for s in nodes}
    present = _Either(graph, batch_nodes)
    used: dict[str, Any] = {}
    taken = _Either(system_map._ends, used)
    checked = []
    for relationship in relationships:
        rel = relationship.validated()
        for end in rel.ends:
            if end not in present:
                raise UnknownStakeholderError(
                    f"A relationship needs two stakeholders in the map; '{end}' is not one."
                )
        if rel.source == rel.target and not allow_self_loops:
            name = batch_nodes.get(rel.source) or system_map.label(rel.source)
            raise ValidationError(f"'{name}' cannot have a relationship with itself.")
        if not rel.id:
            rel = with_changes(rel, id=relationship_id(rel.source, rel.relation, rel.target, taken))
        elif rel.id in taken:
            raise ValidationError(f"The relationship id '{rel.id}' is already used.")
        if rel.directed is None:
            rel = with_changes(rel, directed=system_map.default_directed(rel.relation))
        used[rel.id] = None
        checked.append(rel)
    return checked


class _Either:
    """Membership in either of two containers: what the map has, or what the batch adds."""

    def __init__(self, first: Any, second: Any) -> None:
        self.first = first
        self.second = second

    def __contains__(self, item: object) -> bool:
        return item in self.second or item in self.first
