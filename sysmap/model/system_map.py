"""SystemMap: the stakeholders of a system, their relationships and the map's vocabularies.

The map owns one :class:`networkx.MultiDiGraph`: two organisations can be linked by several
kinds of relationship (one funds the other *and* is accountable to it) and none is merged.
Node keys are stakeholder ids; edge keys are relationship ids, unique across the map. Every
change goes through a method here, which validates it and emits one event (see
:mod:`sysmap.model.events`). Readers of the graph (analysis, layout, io) may look at
:attr:`SystemMap.graph` directly but must never change it.

One piece (over 400 lines): SystemMap is the one gate every edit passes through, each method
validating its change and emitting one event; the heavier work is in its helper modules
(:mod:`.bulk`, :mod:`.order`, :mod:`.views`, :mod:`.checks`), which keep each method short.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

import networkx as nx

from sysmap.model import events as ev
from sysmap.model import views
from sysmap.model.bulk import add_many, paused_gc
from sysmap.model.checks import vocabulary_problems
from sysmap.model.entities import (
    AttrValue,
    Relationship,
    Stakeholder,
    check_attribute,
    check_name,
    check_number,
    check_text,
)
from sysmap.model.errors import (
    UnknownRelationshipError,
    UnknownStakeholderError,
    ValidationError,
)
from sysmap.model.ids import relationship_id, slugify, unique_id
from sysmap.model.limits import MAX_COORDINATE
from sysmap.model.order import Removed, copy_in_order, order_adjacency, remove_items, restore
from sysmap.model.vocab import (
    DEFAULT_PLACES,
    DEFAULT_RELATION_TYPES,
    DEFAULT_SECTORS,
    KINDS,
    Vocabulary,
)

_MAP_FIELDS = frozenset({"title", "description"})


class SystemMap:
    """A map of the stakeholders in a system and how they relate.

    Parameters
    ----------
    title : str
        What the map is about.
    description : str
        A paragraph on its purpose, scope and sources.

    Examples
    --------
    >>> m = SystemMap("Reducing reoffending")
    >>> a = m.add_stakeholder(Stakeholder("Probation Service", sector="local_public_services"))
    >>> b = m.add_stakeholder(Stakeholder("Prison leaver", sector="citizens"))
    >>> r = m.add_relationship(Relationship(a.id, b.id, "supervises", status="weak"))
    >>> a.id, r.id, m.stakeholder_count, m.relationship_count
    ('probation-service', 'probation-service-supervises-prison-leaver', 2, 1)
    """

    def __init__(self, title: str = "Untitled map", description: str = "") -> None:
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self.events = ev.EventHub()
        self.attribute_types: dict[tuple[str, str], str] = {}
        """GraphML types of custom attributes, keyed by ("node"|"edge"|"graph", name), so a
        file's ``long`` or ``float`` columns are written back as they came."""
        self._ends: dict[str, tuple[str, str]] = {}
        self._metadata: dict[str, AttrValue] = {}
        self._vocabularies: dict[str, Vocabulary] = {
            "sectors": DEFAULT_SECTORS,
            "places": DEFAULT_PLACES,
            "kinds": KINDS,
            "relation_types": DEFAULT_RELATION_TYPES,
        }
        self.graph.graph["title"] = check_name(title, "The map's title")
        self.graph.graph["description"] = check_text(description, "The map's description")

    # ------------------------------------------------------------------ map properties
    @property
    def title(self) -> str:
        """What the map is about."""
        return str(self.graph.graph["title"])

    @property
    def description(self) -> str:
        """A paragraph on the map's purpose, scope and sources."""
        return str(self.graph.graph["description"])

    @property
    def metadata(self) -> Mapping[str, AttrValue]:
        """Other map-level attributes (kept from files, or set by features such as analysis)."""
        return dict(self._metadata)

    def set_properties(
        self, *, title: str | None = None, description: str | None = None
    ) -> dict[str, str]:
        """Change the title and/or description; return the old values of what changed."""
        old: dict[str, str] = {}
        for name, value in (("title", title), ("description", description)):
            if value is not None and value != self.graph.graph[name]:
                check = check_name if name == "title" else check_text
                old[name] = self.graph.graph[name]
                self.graph.graph[name] = check(value, f"The map's {name}")
        if old:
            self.events.emit(ev.MapChanged(frozenset(old)))
        return old

    def set_metadata(self, name: str, value: AttrValue | None) -> AttrValue | None:
        """Set (or, with ``None``, remove) a map-level attribute; return the old value."""
        check_attribute(name, "" if value is None else value, _MAP_FIELDS, "the map")
        old = self._metadata.get(name)
        if value is None:
            self._metadata.pop(name, None)
        else:
            self._metadata[name] = value
        if old != value:
            self.events.emit(ev.MapChanged(frozenset({name})))
        return old

    # ------------------------------------------------------------------ vocabularies
    @property
    def sectors(self) -> Vocabulary:
        """The sectors this map uses (the six defaults, plus any the map adds)."""
        return self._vocabularies["sectors"]

    @property
    def places(self) -> Vocabulary:
        """The named places this map knows, with their level and colour."""
        return self._vocabularies["places"]

    @property
    def kinds(self) -> Vocabulary:
        """Kinds of stakeholder: organisation, group, individual, plus any the map adds."""
        return self._vocabularies["kinds"]

    @property
    def relation_types(self) -> Vocabulary:
        """Types of relationship (funds, refers, partners…), plus any the map adds."""
        return self._vocabularies["relation_types"]

    def vocabulary(self, name: str) -> Vocabulary:
        """Return the vocabulary called ``name`` (one of ``VOCABULARY_NAMES``)."""
        if name not in self._vocabularies:
            raise ValidationError(f"There is no vocabulary called '{name}'.")
        return self._vocabularies[name]

    def set_vocabulary(self, name: str, vocabulary: Vocabulary) -> Vocabulary:
        """Replace a vocabulary; return the old one. Values already used are kept."""
        old = self.vocabulary(name)
        self._vocabularies[name] = vocabulary
        if old != vocabulary:
            self.events.emit(ev.MapChanged(frozenset({name})))
        return old

    # ------------------------------------------------------------------ stakeholders
    @property
    def stakeholder_count(self) -> int:
        """How many stakeholders the map has."""
        return int(self.graph.number_of_nodes())

    def has_stakeholder(self, stakeholder_id: str) -> bool:
        """Whether a stakeholder with this id exists."""
        return stakeholder_id in self.graph

    def stakeholder(self, stakeholder_id: str) -> Stakeholder:
        """Return the stakeholder with this id."""
        try:
            data = self.graph.nodes[stakeholder_id]
        except KeyError:
            raise UnknownStakeholderError(
                f"There is no stakeholder with id '{stakeholder_id}'."
            ) from None
        return Stakeholder.from_data(stakeholder_id, data)

    def stakeholder_ids(self) -> list[str]:
        """Return every stakeholder id, in the order they were added."""
        return list(self.graph.nodes)

    def stakeholders(self) -> Iterator[Stakeholder]:
        """Iterate over the stakeholders, in the order they were added."""
        for node_id, data in self.graph.nodes(data=True):
            yield Stakeholder.from_data(node_id, data)

    def label(self, stakeholder_id: str) -> str:
        """Return the name of a stakeholder, or its id if it has gone."""
        data = self.graph.nodes.get(stakeholder_id)
        return str(data.get("label", stakeholder_id)) if data is not None else stakeholder_id

    def new_stakeholder_id(self, label: str) -> str:
        """Return an unused id made from ``label``."""
        return unique_id(slugify(label), self.graph)

    def add_stakeholder(self, stakeholder: Stakeholder) -> Stakeholder:
        """Add a stakeholder; an empty id is made from its label. Return it as stored."""
        stakeholder = stakeholder.validated()
        if not stakeholder.id:
            stakeholder = replace(stakeholder, id=self.new_stakeholder_id(stakeholder.label))
        elif stakeholder.id in self.graph:
            raise ValidationError(
                f"The id '{stakeholder.id}' is already used by '{self.label(stakeholder.id)}'."
            )
        self.graph.add_node(stakeholder.id, **stakeholder.to_data())
        self.events.emit(ev.StakeholderAdded(stakeholder.id, self.stakeholder_count - 1))
        return stakeholder

    def update_stakeholder(self, stakeholder_id: str, **changes: Any) -> Stakeholder:
        """Change fields of a stakeholder; return the stakeholder as it was before.

        ``attributes=`` replaces all custom attributes; use :meth:`set_attribute` for one.
        """
        old = self.stakeholder(stakeholder_id)
        if "id" in changes and changes["id"] != stakeholder_id:
            raise ValidationError("A stakeholder's id cannot change; its name can.")
        new = replace(old, **changes).validated()
        changed = frozenset(k for k in changes if getattr(old, k) != getattr(new, k))
        if changed:
            data = self.graph.nodes[stakeholder_id]
            data.clear()
            data.update(new.to_data())
            self.events.emit(ev.StakeholderChanged(stakeholder_id, changed))
        return old

    def set_attribute(
        self, stakeholder_id: str, name: str, value: AttrValue | None
    ) -> AttrValue | None:
        """Set (or, with ``None``, remove) one custom attribute; return the old value."""
        old = self.stakeholder(stakeholder_id)
        attributes = dict(old.attributes)
        if value is None:
            attributes.pop(name, None)
        else:
            attributes[name] = value
        self.update_stakeholder(stakeholder_id, attributes=attributes)
        return old.attributes.get(name)

    def move_stakeholders(
        self, positions: Mapping[str, tuple[float, float]]
    ) -> dict[str, tuple[float, float]]:
        """Move several stakeholders at once; return their old positions.

        Raises
        ------
        ValidationError
            If a position is not finite or an id is unknown; nothing moves then.
        """
        checked: dict[str, tuple[float, float]] = {}
        nodes = self.graph.nodes
        for node_id, (x, y) in positions.items():
            # Only the position changes, so only it is checked: a layout moves thousands.
            if node_id not in nodes:
                self.stakeholder(node_id)  # raises the usual "no stakeholder" error
            what = f"'{nodes[node_id].get('label', node_id)}'"
            checked[node_id] = (
                check_number(x, f"The x position of {what}", -MAX_COORDINATE, MAX_COORDINATE),
                check_number(y, f"The y position of {what}", -MAX_COORDINATE, MAX_COORDINATE),
            )
        old: dict[str, tuple[float, float]] = {}
        for node_id, (x, y) in checked.items():
            data = self.graph.nodes[node_id]
            old[node_id] = (data["x"], data["y"])
            data["x"], data["y"] = x, y
        if checked:
            self.events.emit(ev.StakeholdersMoved(tuple(checked)))
        return old

    def remove_stakeholder(self, stakeholder_id: str) -> tuple[Stakeholder, list[Relationship]]:
        """Remove a stakeholder and its relationships; return both, for undo."""
        stakeholder = self.stakeholder(stakeholder_id)
        removed = [self.remove_relationship(r.id) for r in self.relationships_of(stakeholder_id)]
        self.graph.remove_node(stakeholder_id)
        self.events.emit(ev.StakeholderRemoved(stakeholder_id))
        return stakeholder, removed

    def stakeholder_index(self, stakeholder_id: str) -> int:
        """Return where a stakeholder stands in the map's order (0 for the first)."""
        self.stakeholder(stakeholder_id)  # raises the usual "no stakeholder" error
        return list(self.graph).index(stakeholder_id)

    # ------------------------------------------------------------------ relationships
    @property
    def relationship_count(self) -> int:
        """How many relationships the map has."""
        return len(self._ends)

    def has_relationship(self, relationship_id: str) -> bool:
        """Whether a relationship with this id exists."""
        return relationship_id in self._ends

    def relationship(self, relationship_id: str) -> Relationship:
        """Return the relationship with this id."""
        try:
            source, target = self._ends[relationship_id]
        except KeyError:
            raise UnknownRelationshipError(
                f"There is no relationship with id '{relationship_id}'."
            ) from None
        data = self.graph.edges[source, target, relationship_id]
        return Relationship.from_data(relationship_id, source, target, data)

    def relationship_ids(self) -> list[str]:
        """Return every relationship id, in the order they were added."""
        return list(self._ends)

    def relationship_index(self, relationship_id: str) -> int:
        """Return where a relationship stands in the map's order (0 for the first)."""
        self.relationship(relationship_id)  # raises the usual "no relationship" error
        return list(self._ends).index(relationship_id)

    def relationships(self) -> Iterator[Relationship]:
        """Iterate over the relationships, in the order they were added."""
        for rel_id in list(self._ends):
            yield self.relationship(rel_id)

    def relationships_of(self, stakeholder_id: str) -> list[Relationship]:
        """Return every relationship to or from a stakeholder."""
        if stakeholder_id not in self.graph:
            raise UnknownStakeholderError(f"There is no stakeholder with id '{stakeholder_id}'.")
        out = self.graph.out_edges(stakeholder_id, keys=True, data=True)
        into = self.graph.in_edges(stakeholder_id, keys=True, data=True)
        result = [Relationship.from_data(k, u, v, d) for u, v, k, d in out]
        result += [Relationship.from_data(k, u, v, d) for u, v, k, d in into if u != v]
        return result

    def relationships_between(self, a: str, b: str) -> list[Relationship]:
        """Return the relationships joining ``a`` and ``b``, in either direction."""
        found = []
        for u, v in ((a, b), (b, a)):
            for key, data in self.graph.get_edge_data(u, v, default={}).items():
                found.append(Relationship.from_data(key, u, v, data))
            if a == b:
                break
        return found

    def new_relationship_id(self, source: str, relation: str | None, target: str) -> str:
        """Return an unused, readable id such as ``hmpps-funds-gmca``."""
        return relationship_id(source, relation, target, self._ends)

    def add_relationship(
        self, relationship: Relationship, *, allow_self_loop: bool = False
    ) -> Relationship:
        """Add a relationship between two existing stakeholders; return it as stored.

        An empty id is made from its ends and type; ``directed=None`` takes the type's
        default. A relationship from a stakeholder to itself is refused unless
        ``allow_self_loop`` (files drawn elsewhere can hold them).
        """
        rel = relationship.validated()
        for end in rel.ends:
            if end not in self.graph:
                raise UnknownStakeholderError(
                    f"A relationship needs two stakeholders in the map; '{end}' is not one."
                )
        if rel.source == rel.target and not allow_self_loop:
            raise ValidationError(
                f"'{self.label(rel.source)}' cannot have a relationship with itself."
            )
        if not rel.id:
            rel = replace(rel, id=self.new_relationship_id(rel.source, rel.relation, rel.target))
        elif rel.id in self._ends:
            raise ValidationError(f"The relationship id '{rel.id}' is already used.")
        if rel.directed is None:
            rel = replace(rel, directed=self.default_directed(rel.relation))
        self.graph.add_edge(rel.source, rel.target, key=rel.id, **rel.to_data())
        self._ends[rel.id] = rel.ends
        self.events.emit(ev.RelationshipAdded(rel.id, len(self._ends) - 1))
        return rel

    def add_many(
        self,
        stakeholders: Iterable[Stakeholder] = (),
        relationships: Iterable[Relationship] = (),
        *,
        allow_self_loops: bool = False,
    ) -> tuple[list[Stakeholder], list[Relationship]]:
        """Add many stakeholders, then relationships, at once; return them as stored.

        The same checks, ids and messages as adding them one by one, at a fraction of the
        cost (see :mod:`sysmap.model.bulk`); if one is refused, none is added.
        """
        return add_many(self, stakeholders, relationships, allow_self_loops=allow_self_loops)

    def default_directed(self, relation: str | None) -> bool:
        """Whether a relationship of this type runs one way unless said otherwise."""
        term = self.relation_types.get(relation) if relation else None
        return True if term is None or term.directed is None else term.directed

    def update_relationship(self, relationship_id: str, **changes: Any) -> Relationship:
        """Change fields of a relationship (its ends too); return it as it was before."""
        old = self.relationship(relationship_id)
        if "id" in changes and changes["id"] != relationship_id:
            raise ValidationError("A relationship's id cannot change.")
        new = replace(old, **changes).validated()
        for end in new.ends:
            if end not in self.graph:
                raise UnknownStakeholderError(f"There is no stakeholder with id '{end}'.")
        changed = frozenset(k for k in changes if getattr(old, k) != getattr(new, k))
        if not changed:
            return old
        if new.ends != old.ends:
            self.graph.remove_edge(old.source, old.target, key=relationship_id)
            self.graph.add_edge(new.source, new.target, key=relationship_id, **new.to_data())
            self._ends[relationship_id] = new.ends
            order_adjacency(self.graph, self._ends, (*old.ends, *new.ends))
        else:
            data = self.graph.edges[old.source, old.target, relationship_id]
            data.clear()
            data.update(new.to_data())
        self.events.emit(ev.RelationshipChanged(relationship_id, changed))
        return old

    def remove_relationship(self, relationship_id: str) -> Relationship:
        """Remove a relationship; return it, for undo."""
        rel = self.relationship(relationship_id)
        self.graph.remove_edge(rel.source, rel.target, key=relationship_id)
        del self._ends[relationship_id]
        self.events.emit(ev.RelationshipRemoved(relationship_id, rel.source, rel.target))
        return rel

    # ------------------------------------------------------------------ read-only views
    # What views and readers use instead of ``graph`` (see :mod:`sysmap.model.views`).
    def stakeholder_fields(self, stakeholder_id: str) -> views.Fields:
        """The stored fields of one stakeholder, read-only (``label``, ``x``, ``sector``…)."""
        return views.stakeholder_fields(self, stakeholder_id)

    def stakeholder_rows(self) -> Iterator[tuple[str, views.Fields]]:
        """Every stakeholder's id and stored fields, read-only, in the map's order."""
        return views.stakeholder_rows(self)

    def positions(self, ids: Iterable[str] | None = None) -> dict[str, tuple[float, float]]:
        """Where stakeholders are drawn (box centres): all of them, or those named."""
        return views.positions(self, ids)

    def relationship_fields(self, relationship_id: str) -> views.Fields:
        """The stored fields of one relationship, read-only (``relation``, ``status``…)."""
        return views.relationship_fields(self, relationship_id)

    def relationship_rows(self) -> Iterator[tuple[str, str, str, views.Fields]]:
        """Every relationship as ``(id, source, target, fields)``, in the map's order."""
        return views.relationship_rows(self)

    def all_ends(self) -> Mapping[str, tuple[str, str]]:
        """Each relationship's ``(source, target)`` by id, read-only, in the map's order."""
        return views.all_ends(self)

    def network(self) -> nx.MultiDiGraph:
        """The map as a frozen networkx graph sharing its storage (for analysis and layout)."""
        return views.network(self)

    # ------------------------------------------------------------------ order kept
    def remove_items(
        self, stakeholder_ids: Iterable[str], relationship_ids: Iterable[str] = ()
    ) -> Removed:
        """Remove stakeholders (with their relationships) and relationships; return them
        with the places they held, for :meth:`restore` (see :mod:`sysmap.model.order`)."""
        return remove_items(self, stakeholder_ids, relationship_ids)

    def restore(self, removed: Removed) -> None:
        """Put back what :meth:`remove_items` removed, each item in the place it held."""
        restore(self, removed)

    # ------------------------------------------------------------------ whole map
    def problems(self) -> list[str]:
        """Describe values outside the map's vocabularies, one sentence each."""
        return vocabulary_problems(self)

    def copy(self) -> SystemMap:
        """Return an independent copy with the same content and no listeners."""
        other = SystemMap(self.title, self.description)
        # Tens of thousands of small dicts, none of them garbage: in a big process (a window
        # showing the map) the collector's passes over everything else would cost more.
        with paused_gc():
            other.graph = copy_in_order(self.graph, self._ends)
        other._ends = dict(self._ends)
        other._metadata = dict(self._metadata)
        other._vocabularies = dict(self._vocabularies)
        other.attribute_types = dict(self.attribute_types)
        return other

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SystemMap):
            return NotImplemented
        return (
            self.graph.graph == other.graph.graph
            and self._metadata == other._metadata
            and self._vocabularies == other._vocabularies
            and dict(self.graph.nodes(data=True)) == dict(other.graph.nodes(data=True))
            and {r.id: r for r in self.relationships()} == {r.id: r for r in other.relationships()}
        )

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return (
            f"SystemMap({self.title!r}, {self.stakeholder_count} stakeholders, "
            f"{self.relationship_count} relationships)"
        )
