"""What SystemMap's helper modules see of it: small protocols, so they need not import it.

:class:`~sysmap.model.system_map.SystemMap` keeps each method short by handing the heavy work
to :mod:`.views`, :mod:`.checks`, :mod:`.bulk` and :mod:`.order`. Each helper names here the
part of the map it uses (the storage alone, the storage with the map's rules, or the map's
edits too) rather than the class that calls it, so the imports run one way: ``system_map``
imports its helpers, and they import only these protocols. ``SystemMap`` satisfies all three
(``mypy`` checks it where ``system_map`` passes ``self``).
"""

from __future__ import annotations

from typing import Protocol

import networkx as nx

from sysmap.model.entities import Relationship, Stakeholder
from sysmap.model.events import EventHub
from sysmap.model.vocab import Vocabulary


class MapStorage(Protocol):
    """The map's storage: its graph, and its index of relationship ends in the map's order."""

    graph: nx.MultiDiGraph
    _ends: dict[str, tuple[str, str]]


class CheckingMap(MapStorage, Protocol):
    """The storage with what checking a new value needs: names, vocabularies, events.

    Each member is the one of :class:`~sysmap.model.system_map.SystemMap` of the same name.
    """

    events: EventHub

    @property
    def sectors(self) -> Vocabulary: ...

    @property
    def kinds(self) -> Vocabulary: ...

    @property
    def relation_types(self) -> Vocabulary: ...

    def label(self, stakeholder_id: str) -> str: ...

    def default_directed(self, relation: str | None) -> bool: ...


class EditableMap(CheckingMap, Protocol):
    """The map with its one-by-one reads and removals, which keep events and checks."""

    def stakeholder(self, stakeholder_id: str) -> Stakeholder: ...

    def stakeholder_ids(self) -> list[str]: ...

    def relationship(self, relationship_id: str) -> Relationship: ...

    def relationship_ids(self) -> list[str]: ...

    def relationships_of(self, stakeholder_id: str) -> list[Relationship]: ...

    def remove_stakeholder(self, stakeholder_id: str) -> tuple[Stakeholder, list[Relationship]]: ...

    def remove_relationship(self, relationship_id: str) -> Relationship: ...
