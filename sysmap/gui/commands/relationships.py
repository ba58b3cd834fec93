"""Edits of relationships: connect, delete and change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sysmap.gui.commands.base import EachCommand, MapCommand, plural, short
from sysmap.model.entities import AttrValue, Relationship
from sysmap.model.order import Removed
from sysmap.model.system_map import SystemMap


def describe(system_map: SystemMap, rel: Relationship) -> str:
    """Name a relationship for people: "Probation Service → Council housing options"."""
    arrow = "→" if rel.directed is not False else "–"
    source, target = system_map.label(rel.source), system_map.label(rel.target)
    return f"{short(source, 32)} {arrow} {short(target, 32)}"


class AddRelationship(MapCommand):
    """Connect two stakeholders; a second relationship of another type is a new one."""

    def __init__(self, system_map: SystemMap, relationship: Relationship) -> None:
        ends = Relationship(
            relationship.source,
            relationship.target,
            directed=relationship.directed
            if relationship.directed is not None
            else system_map.default_directed(relationship.relation),
        )
        super().__init__(system_map, f"Connect {describe(system_map, ends)}")
        self.relationship = relationship

    def do(self) -> None:
        self.relationship = self.map.add_relationship(self.relationship)

    def undo(self) -> None:
        self.map.remove_relationship(self.relationship.id)


class RemoveRelationship(MapCommand):
    """Remove one relationship; undo puts it back in its place, with the same id and fields."""

    def __init__(self, system_map: SystemMap, relationship_id: str) -> None:
        rel = system_map.relationship(relationship_id)
        super().__init__(system_map, f"Delete {describe(system_map, rel)}")
        self.relationship_id = relationship_id
        self.removed = Removed()

    def do(self) -> None:
        self.removed = self.map.remove_items((), [self.relationship_id])

    def undo(self) -> None:
        self.map.restore(self.removed)


class EditRelationships(EachCommand):
    """Set fields (type, status, weight…) of one or many relationships, as one step."""

    def __init__(
        self,
        system_map: SystemMap,
        relationship_ids: Sequence[str],
        changes: Mapping[str, Any],
        text: str = "",
    ) -> None:
        self.ids = list(dict.fromkeys(relationship_ids))
        self.changes = dict(changes)
        self.old = {
            rid: {k: getattr(system_map.relationship(rid), k) for k in self.changes}
            for rid in self.ids
        }
        if not text:
            fields = ", ".join(k.replace("relation", "type") for k in self.changes)
            if len(self.ids) == 1:
                who = describe(system_map, system_map.relationship(self.ids[0]))
            else:
                who = plural(len(self.ids), "relationship")
            text = f"Change {fields} of {who}"
        super().__init__(system_map, text)

    def apply(self, item: str) -> None:
        self.map.update_relationship(item, **self.changes)

    def restore(self, item: str) -> None:
        self.map.update_relationship(item, **self.old[item])


class SetRelationshipAttribute(EachCommand):
    """Set (or, with ``None``, remove) one custom attribute of many relationships."""

    def __init__(
        self,
        system_map: SystemMap,
        relationship_ids: Sequence[str],
        name: str,
        value: AttrValue | None,
    ) -> None:
        self.ids = list(dict.fromkeys(relationship_ids))
        self.name, self.value = name, value
        self.old = {rid: dict(system_map.relationship(rid).attributes) for rid in self.ids}
        who = (
            describe(system_map, system_map.relationship(self.ids[0]))
            if len(self.ids) == 1
            else plural(len(self.ids), "relationship")
        )
        text = f"Remove {name} from {who}" if value is None else f"Set {name} of {who} to {value}"
        super().__init__(system_map, short(text, 80))

    def apply(self, item: str) -> None:
        attributes = dict(self.old[item])
        if self.value is None:
            attributes.pop(self.name, None)
        else:
            attributes[self.name] = self.value
        self.map.update_relationship(item, attributes=attributes)

    def restore(self, item: str) -> None:
        self.map.update_relationship(item, attributes=self.old[item])
