"""Edits of stakeholders: add, delete, rename, retag and edit any attribute."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from sysmap.gui.commands.base import (
    NAMING_ID,
    TYPING_ID,
    EachCommand,
    MapCommand,
    named,
    plural,
    short,
)
from sysmap.model.entities import AttrValue, Stakeholder
from sysmap.model.order import Removed
from sysmap.model.system_map import SystemMap


class AddStakeholder(MapCommand):
    """Add one stakeholder; its id is chosen once, so redo brings back the same id.

    The name typed in place straight after adding (:class:`NameNewStakeholder`) merges into
    this step: "Add Jobcentre Plus", not "Add New stakeholder" then "Rename…".
    """

    def __init__(self, system_map: SystemMap, stakeholder: Stakeholder, text: str = "") -> None:
        super().__init__(system_map, text or f"Add {short(stakeholder.label)}")
        self.stakeholder = stakeholder

    def do(self) -> None:
        self.stakeholder = self.map.add_stakeholder(self.stakeholder)

    def undo(self) -> None:
        self.map.remove_stakeholder(self.stakeholder.id)

    def id(self) -> int:
        return NAMING_ID

    def mergeWith(self, other: object) -> bool:
        if not (isinstance(other, NameNewStakeholder) and other.old.id == self.stakeholder.id):
            return False
        self.stakeholder = other.new
        self.setText(other.text())
        return True

    @property
    def stakeholder_id(self) -> str:
        """The id the map gave the new stakeholder (known once it has been added)."""
        return self.stakeholder.id


class RemoveStakeholder(MapCommand):
    """Remove one stakeholder and its relationships; undo puts them back in their places."""

    def __init__(self, system_map: SystemMap, stakeholder_id: str) -> None:
        super().__init__(system_map, f"Delete {short(system_map.label(stakeholder_id))}")
        self.stakeholder_id = stakeholder_id
        self.removed = Removed()

    def do(self) -> None:
        self.removed = self.map.remove_items([self.stakeholder_id])

    def undo(self) -> None:
        self.map.restore(self.removed)


class DeleteItems(MapCommand):
    """Delete stakeholders (with their relationships) and relationships, as one step.

    Undo puts every stakeholder and relationship back where it stood in the map's order, with
    its id and fields, so tables, files and analyses read exactly as before the delete.
    """

    def __init__(
        self, system_map: SystemMap, stakeholder_ids: Sequence[str], relationship_ids: Sequence[str]
    ) -> None:
        self.stakeholder_ids = [
            i for i in dict.fromkeys(stakeholder_ids) if system_map.has_stakeholder(i)
        ]
        self.relationship_ids = [
            r for r in dict.fromkeys(relationship_ids) if system_map.has_relationship(r)
        ]
        if self.stakeholder_ids:
            text = f"Delete {named(system_map, self.stakeholder_ids)}"
        else:
            text = f"Delete {plural(len(self.relationship_ids), 'relationship')}"
        super().__init__(system_map, text)
        self.removed = Removed()

    def do(self) -> None:
        self.removed = self.map.remove_items(self.stakeholder_ids, self.relationship_ids)

    def undo(self) -> None:
        self.map.restore(self.removed)


def delete_command(
    system_map: SystemMap, stakeholder_ids: Sequence[str], relationship_ids: Sequence[str] = ()
) -> DeleteItems:
    """Delete stakeholders and relationships as one step (see :class:`DeleteItems`)."""
    return DeleteItems(system_map, stakeholder_ids, relationship_ids)


FIELD_NAMES = {
    "label": "name",
    "kind": "kind",
    "sector": "sector",
    "place": "place",
    "place_level": "place level",
    "description": "description",
    "evidence": "evidence",
    "tags": "tags",
    "influence": "influence",
    "interest": "interest",
    "pinned": "pin",
    "colour": "colour",
    "size": "size",
    "attributes": "attributes",
}


class EditStakeholders(EachCommand):
    """Set fields of one or many stakeholders to the same values, as one step.

    ``typing`` marks an edit made keystroke by keystroke in a text field: consecutive edits
    of the same field of the same stakeholders, in the same typing session, merge into one
    step, and a session that ends where it started leaves no step at all.
    """

    def __init__(
        self,
        system_map: SystemMap,
        stakeholder_ids: Sequence[str],
        changes: Mapping[str, Any],
        text: str = "",
        typing: object | None = None,
    ) -> None:
        self.ids = list(dict.fromkeys(stakeholder_ids))
        self.changes = dict(changes)
        self.old: dict[str, dict[str, Any]] = {
            sid: {k: getattr(system_map.stakeholder(sid), k) for k in self.changes}
            for sid in self.ids
        }
        self.typing = typing
        self.who = named(system_map, self.ids)
        super().__init__(system_map, text or self._describe())

    def _describe(self) -> str:
        who = self.who
        if list(self.changes) == ["label"]:
            return f"Rename {who} to {short(str(self.changes['label']))}"
        if list(self.changes) == ["pinned"]:
            return f"{'Pin' if self.changes['pinned'] else 'Unpin'} {who}"
        fields = ", ".join(FIELD_NAMES.get(k, k) for k in self.changes)
        return f"Change {fields} of {who}"

    def apply(self, item: str) -> None:
        self.map.update_stakeholder(item, **self.changes)

    def restore(self, item: str) -> None:
        self.map.update_stakeholder(item, **self.old[item])

    def id(self) -> int:
        return TYPING_ID if self.typing is not None else -1

    def mergeWith(self, other: object) -> bool:
        if not (
            isinstance(other, EditStakeholders)
            and other.typing is not None
            and other.typing == self.typing
            and other.ids == self.ids
            and other.changes.keys() == self.changes.keys()
        ):
            return False
        self.changes = dict(other.changes)
        self.setText(self._describe() if "label" in self.changes else other.text())
        # Typing back to where the session started leaves nothing to undo.
        self.setObsolete(all(old == self.changes for old in self.old.values()))
        return True


def retag_command(
    system_map: SystemMap,
    stakeholder_ids: Sequence[str],
    field: str,
    value: Any,
    shown: str = "",
    typing: object | None = None,
) -> EditStakeholders:
    """Set one field (sector, place, kind…) of many stakeholders: "Set sector of 3 … to …"."""
    who = named(system_map, list(stakeholder_ids))
    noun = FIELD_NAMES.get(field, field)
    if value is None or value == "":
        text = f"Clear {noun} of {who}"
    else:
        text = f"Set {noun} of {who} to {short(shown or str(value))}"
    return EditStakeholders(system_map, stakeholder_ids, {field: value}, text, typing)


class SetAttribute(EachCommand):
    """Set (or, with ``None``, remove) one custom attribute of many stakeholders.

    Each stakeholder keeps its other custom attributes; undo restores each one's own.
    """

    def __init__(
        self,
        system_map: SystemMap,
        stakeholder_ids: Sequence[str],
        name: str,
        value: AttrValue | None,
    ) -> None:
        self.ids = list(dict.fromkeys(stakeholder_ids))
        self.name, self.value = name, value
        self.old = {sid: system_map.stakeholder(sid).attributes.get(name) for sid in self.ids}
        who = named(system_map, self.ids)
        text = f"Remove {name} from {who}" if value is None else f"Set {name} of {who} to {value}"
        super().__init__(system_map, short(text, 70))

    def apply(self, item: str) -> None:
        self.map.set_attribute(item, self.name, self.value)

    def restore(self, item: str) -> None:
        self.map.set_attribute(item, self.name, self.old[item])


class NameNewStakeholder(MapCommand):
    """Name a stakeholder that was just added (as "New stakeholder") and nothing refers to.

    Its id is made afresh from the real name, so files read ``jobcentre-plus`` rather than
    ``new-stakeholder-3``; pushed straight after the add, it merges into it (see above).
    """

    def __init__(self, system_map: SystemMap, stakeholder_id: str, label: str) -> None:
        self.old = system_map.stakeholder(stakeholder_id)
        self.new = replace(self.old, id="", label=label)
        super().__init__(system_map, f"Add {short(label)}")

    def do(self) -> None:
        # The renamed stakeholder takes the old one's place in the map's order.
        removed = self.map.remove_items([self.old.id])
        index = removed.stakeholders[0][0]
        try:
            new = replace(self.new, id=self.map.new_stakeholder_id(self.new.label))
            self.map.restore(Removed(((index, new),)))
        except Exception:
            self.map.restore(removed)
            raise
        self.new = new

    def undo(self) -> None:
        index = self.map.stakeholder_index(self.new.id)
        self.map.remove_items([self.new.id])
        self.map.restore(Removed(((index, self.old),)))

    def id(self) -> int:
        return NAMING_ID


def new_stakeholder(label: str, x: float, y: float) -> Stakeholder:
    """A stakeholder as the editor adds it: an organisation at ``(x, y)``."""
    return Stakeholder(label=label, kind="organisation", x=float(x), y=float(y))
