"""The edits that turn one map into another it grew from: what a merge adds and changes.

The app merges other maps into the open one as a single undoable step: :class:`MapPatch`
holds what the merge adds (stakeholders, relationships, vocabulary terms, map attributes) and
changes (names, tags, provenance), and applies or reverts them through the map's own methods,
so the canvas and tables follow, and undo puts the map back exactly as it was (additions go
at the end and are taken off again; nothing is removed).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sysmap.model.entities import AttrValue, Relationship, Stakeholder
from sysmap.model.errors import ValidationError
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import VOCABULARY_NAMES, Vocabulary

_KEPT = {"id", "x", "y", "pinned", "colour", "size"}
"""Fields the merge never changes on the open map's stakeholders (its layout and styling)."""


@dataclass(frozen=True)
class MapPatch:
    """Additions and changes from a map to a later version of it."""

    vocabularies: tuple[tuple[str, Vocabulary, Vocabulary], ...]
    metadata: tuple[tuple[str, AttrValue | None, AttrValue | None], ...]
    changed: tuple[tuple[Stakeholder, Stakeholder], ...]
    added: tuple[Stakeholder, ...]
    changed_relationships: tuple[tuple[Relationship, Relationship], ...]
    added_relationships: tuple[Relationship, ...]

    @classmethod
    def between(cls, current: SystemMap, target: SystemMap) -> MapPatch:
        """The patch that turns ``current`` into ``target``.

        Raises
        ------
        ValidationError
            If ``target`` lacks a stakeholder or relationship of ``current`` (a patch only
            adds and changes).
        """
        for person in current.stakeholder_ids():
            if not target.has_stakeholder(person):
                raise ValidationError(f"The merge would remove '{current.label(person)}'.")
        for rel_id in current.relationship_ids():
            if not target.has_relationship(rel_id):
                raise ValidationError(f"The merge would remove the relationship '{rel_id}'.")
        vocabularies = tuple(
            (name, current.vocabulary(name), target.vocabulary(name))
            for name in VOCABULARY_NAMES
            if current.vocabulary(name) != target.vocabulary(name)
        )
        keys = list(dict.fromkeys([*current.metadata, *target.metadata]))
        metadata = tuple(
            (k, current.metadata.get(k), target.metadata.get(k))
            for k in keys
            if current.metadata.get(k) != target.metadata.get(k)
        )
        changed = tuple(
            (old, new)
            for old, new in (
                (current.stakeholder(s.id), s)
                for s in target.stakeholders()
                if current.has_stakeholder(s.id)
            )
            if _fields(old) != _fields(new)
        )
        added = tuple(s for s in target.stakeholders() if not current.has_stakeholder(s.id))
        changed_relationships = tuple(
            (current.relationship(r.id), r)
            for r in target.relationships()
            if current.has_relationship(r.id) and current.relationship(r.id) != r
        )
        added_relationships = tuple(
            r for r in target.relationships() if not current.has_relationship(r.id)
        )
        return cls(
            vocabularies, metadata, changed, added, changed_relationships, added_relationships
        )

    def apply(self, system_map: SystemMap) -> None:
        """Make the additions and changes."""
        for name, _, new in self.vocabularies:
            system_map.set_vocabulary(name, new)
        for key, _, value in self.metadata:
            system_map.set_metadata(key, value)
        for _, person in self.changed:
            system_map.update_stakeholder(person.id, **_fields(person))
        for _, rel in self.changed_relationships:
            system_map.update_relationship(rel.id, **_rel_fields(rel))
        system_map.add_many(self.added, self.added_relationships, allow_self_loops=True)

    def revert(self, system_map: SystemMap) -> None:
        """Take the additions off and undo the changes, in reverse."""
        for rel in reversed(self.added_relationships):
            system_map.remove_relationship(rel.id)
        for person in reversed(self.added):
            system_map.remove_stakeholder(person.id)
        for old_rel, _ in reversed(self.changed_relationships):
            system_map.update_relationship(old_rel.id, **_rel_fields(old_rel))
        for old_person, _ in reversed(self.changed):
            system_map.update_stakeholder(old_person.id, **_fields(old_person))
        for key, old_value, _ in reversed(self.metadata):
            system_map.set_metadata(key, old_value)
        for name, old_vocabulary, _ in reversed(self.vocabularies):
            system_map.set_vocabulary(name, old_vocabulary)


def _fields(person: Stakeholder) -> dict[str, object]:
    return {f.name: getattr(person, f.name) for f in fields(person) if f.name not in _KEPT}


def _rel_fields(rel: Relationship) -> dict[str, object]:
    return {f.name: getattr(rel, f.name) for f in fields(rel) if f.name != "id"}
