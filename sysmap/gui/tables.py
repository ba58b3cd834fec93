"""Stakeholders and relationships as tables that follow the map and edit it by undo steps.

The tables are how keyboard-only and screen-reader users read and edit a map, so every cell
a user can change in the inspector can be changed here, with the same undo steps. Models read
the map's graph directly (fast enough to sort thousands of rows) and follow its change events
row by row, never rebuilding for a single edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from sysmap.gui.commands import MapCommand
from sysmap.gui.editing import (
    attribute_command,
    format_tags,
    relationship_field_command,
    stakeholder_field_command,
)
from sysmap.model import events as ev
from sysmap.model.entities import RELATIONSHIP_FIELDS, STAKEHOLDER_FIELDS
from sysmap.model.errors import SysmapError
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import PLACE_LEVELS, STATUSES, Vocabulary

Index = QModelIndex | QPersistentModelIndex
Push = Callable[[MapCommand], bool]
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    """A table column: the field it shows, its heading and how its values read."""

    field: str
    header: str
    kind: str = "text"  # text | vocab | number | bool | tags | attr | end
    vocabulary: str = ""
    editable: bool = True


STAKEHOLDER_COLUMNS = (
    Column("label", "Name"),
    Column("short_name", "Short name"),  # written on the map where the name has no room
    Column("kind", "Kind", "vocab", "kinds"),
    Column("sector", "Sector", "vocab", "sectors"),
    Column("place", "Place", "vocab", "places"),
    Column("place_level", "Place level", "level"),
    Column("influence", "Influence", "number"),
    Column("interest", "Interest", "number"),
    Column("tags", "Tags", "tags"),
    Column("description", "Description"),
    Column("evidence", "Evidence"),
    Column("pinned", "Pinned", "bool"),
)
RELATIONSHIP_COLUMNS = (
    Column("source", "From", "end", editable=False),
    Column("relation", "Type", "vocab", "relation_types"),
    Column("target", "To", "end", editable=False),
    Column("status", "Status", "status"),
    Column("directed", "One way", "bool"),
    Column("weight", "Weight", "number"),
    Column("tags", "Tags", "tags"),
    Column("description", "Description"),
    Column("evidence", "Evidence"),
)


def vocabulary_for(system_map: SystemMap, column: Column) -> Vocabulary | None:
    """The vocabulary whose labels a column shows, if it has one."""
    if column.kind == "vocab":
        return system_map.vocabulary(column.vocabulary)
    if column.kind == "level":
        return PLACE_LEVELS
    if column.kind == "status":
        return STATUSES
    return None


def shown(system_map: SystemMap, column: Column, value: Any) -> str:
    """A stored value as the table shows it."""
    if value is None or value == "":
        return ""
    if column.kind == "end":
        return system_map.label(str(value))
    if column.kind == "tags":
        return format_tags(value)
    if column.kind == "number":
        return f"{value:g}"
    vocabulary = vocabulary_for(system_map, column)
    return vocabulary.label(str(value)) if vocabulary is not None else str(value)


class MapTable(QAbstractTableModel):
    """What both tables share: columns (fixed plus custom attributes), rows of ids."""

    edit_refused = Signal(str)
    """A typed value could not be used; the argument says why."""

    base_columns: tuple[Column, ...] = ()
    reserved: frozenset[str] = frozenset()
    noun = "item"

    def __init__(self, system_map: SystemMap, push: Push) -> None:
        super().__init__()
        self.map = system_map
        self.push = push
        self.ids: list[str] = []
        self._rows: dict[str, int] | None = {}
        self._in_map_order = True  # until the user sorts by a column
        self.columns: list[Column] = list(self.base_columns)
        self._unsubscribe = system_map.events.subscribe(self._on_event)
        self._reset()

    # -------------------------------------------------------------- subclasses provide
    def _all_ids(self) -> list[str]:
        raise NotImplementedError

    def _data_of(self, item_id: str) -> Mapping[str, Any]:
        raise NotImplementedError

    def _all_data(self) -> Iterable[Mapping[str, Any]]:
        raise NotImplementedError

    def _command(self, ids: list[str], column: Column, value: Any) -> MapCommand | None:
        raise NotImplementedError

    def _on_event(self, event: ev.MapEvent) -> None:
        raise NotImplementedError

    # -------------------------------------------------------------- rows and columns
    def close(self) -> None:
        """Stop following the map."""
        self._unsubscribe()

    def _reset(self) -> None:
        self.beginResetModel()
        self.ids = self._all_ids()
        self._in_map_order = True
        self._rows = None
        names: set[str] = set()
        for data in self._all_data():
            names.update(data)  # the keys; reserved ones are dropped below, once
        names -= self.reserved
        attrs = [Column(name, name, "attr") for name in sorted(names, key=str.casefold)]
        self.columns = [*self.base_columns, *attrs]
        self.endResetModel()

    def _append(self, item_id: str, index: int | None = None) -> None:
        # Rows in the map's order show an item put back by an undo where it was (``index``,
        # from the event); a table the user sorted shows new rows at the end until re-sorted.
        row = len(self.ids)
        if self._in_map_order and index is not None:
            row = min(index, row)
        self.beginInsertRows(QModelIndex(), row, row)
        self.ids.insert(row, item_id)
        if self._rows is not None:
            if row == len(self.ids) - 1:
                self._rows[item_id] = row
            else:
                self._rows = None
        self.endInsertRows()
        self._add_attribute_columns(item_id)

    @property
    def rows(self) -> dict[str, int]:
        """Row of each id; rebuilt only when asked for after rows were removed or sorted."""
        if self._rows is None:
            self._rows = {item: row for row, item in enumerate(self.ids)}
        return self._rows

    def row_of(self, item_id: str) -> int | None:
        """The row showing ``item_id``, if any."""
        return self.rows.get(item_id)

    def _remove(self, item_id: str) -> None:
        # A deleted stakeholder takes its relationships with it: find each row with a scan in
        # C rather than renumbering every later row once per removal.
        if self._rows is not None:
            row = self._rows.get(item_id)
        else:
            row = self.ids.index(item_id) if item_id in self.ids else None
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.ids[row]
        self._rows = None
        self.endRemoveRows()

    def _changed(self, item_id: str) -> None:
        row = self.rows.get(item_id)
        if row is None:
            return
        self._add_attribute_columns(item_id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _add_attribute_columns(self, item_id: str) -> None:
        known = {c.field for c in self.columns}
        new = [k for k in self._data_of(item_id) if k not in self.reserved and k not in known]
        if new:
            first = len(self.columns)
            self.beginInsertColumns(QModelIndex(), first, first + len(new) - 1)
            self.columns += [Column(name, name, "attr") for name in new]
            self.endInsertColumns()

    def _all_changed(self) -> None:
        if self.ids:
            last = self.index(len(self.ids) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # -------------------------------------------------------------- Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if section < len(self.columns) else None
        return section + 1

    def item_id(self, row: int) -> str:
        """The stakeholder or relationship id of a row."""
        return self.ids[row]

    def column_of(self, field: str) -> int:
        """The column showing ``field``, or -1."""
        return next((i for i, c in enumerate(self.columns) if c.field == field), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        value = self._data_of(self.ids[index.row()]).get(column.field)
        if column.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return "yes" if value else "no"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return shown(self.map, column, value)
        if role == Qt.ItemDataRole.EditRole:
            return shown(self.map, column, value)
        if role == KEY_ROLE:
            return value
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        column = self.columns[index.column()]
        if not column.editable:
            return flags
        if column.kind == "bool":
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == "bool":
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        try:
            command = self._command([self.ids[index.row()]], column, value)
        except SysmapError as exc:
            self.edit_refused.emit(str(exc))
            return False
        return command is None or self.push(command)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort rows by a column; keys are computed once per row, so thousands sort at once."""
        if not 0 <= column < len(self.columns):
            return
        col = self.columns[column]
        keyed = [(self._sort_key(col, self._data_of(i).get(col.field)), i) for i in self.ids]
        keyed.sort(key=lambda pair: pair[0], reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        self._in_map_order = False
        before = self.ids
        self.ids = [item for _, item in keyed]
        self._rows = None
        old = self.persistentIndexList()
        new = [self.index(self.rows[before[i.row()]], i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _sort_key(self, column: Column, value: Any) -> tuple[int, Any]:
        # Empty cells sort last; numbers as numbers, everything else as the text shown.
        if value is None or value == "" or value == ():
            return (1, "")
        if column.kind in ("number", "bool") or (
            isinstance(value, int | float) and not isinstance(value, bool)
        ):
            return (0, float(value))
        return (0, shown(self.map, column, value).casefold())


class StakeholderTable(MapTable):
    """Every stakeholder, one a row, with custom attributes as extra columns."""

    base_columns = STAKEHOLDER_COLUMNS
    reserved = frozenset(STAKEHOLDER_FIELDS) | {"x", "y", "colour", "size"}
    noun = "stakeholder"

    def _all_ids(self) -> list[str]:
        return self.map.stakeholder_ids()

    def _data_of(self, item_id: str) -> Mapping[str, Any]:
        return self.map.stakeholder_fields(item_id)

    def _all_data(self) -> Iterable[Mapping[str, Any]]:
        return (data for _node, data in self.map.stakeholder_rows())

    def _command(self, ids: list[str], column: Column, value: Any) -> MapCommand | None:
        if column.kind == "attr":
            return attribute_command(self.map, ids, column.field, str(value))
        return stakeholder_field_command(self.map, ids, column.field, value)

    def _on_event(self, event: ev.MapEvent) -> None:
        if isinstance(event, ev.StakeholderAdded):
            self._append(event.stakeholder_id, event.index)
        elif isinstance(event, ev.StakeholderRemoved):
            self._remove(event.stakeholder_id)
        elif isinstance(event, ev.StakeholderChanged):
            self._changed(event.stakeholder_id)
        elif isinstance(event, ev.MapChanged) and event.fields & {"sectors", "places", "kinds"}:
            self._all_changed()


class RelationshipTable(MapTable):
    """Every relationship, one a row: from, type, to, status and the rest."""

    base_columns = RELATIONSHIP_COLUMNS
    reserved = frozenset(RELATIONSHIP_FIELDS)
    noun = "relationship"
    ends: dict[str, tuple[str, str]]

    def _all_ids(self) -> list[str]:
        self.ends = dict(self.map.all_ends())
        return self.map.relationship_ids()

    def _data_of(self, item_id: str) -> Mapping[str, Any]:
        source, target = self.ends[item_id]
        data = dict(self.map.relationship_fields(item_id))
        data["source"], data["target"] = source, target
        return data

    def _all_data(self) -> Iterable[Mapping[str, Any]]:
        return (data for _k, _u, _v, data in self.map.relationship_rows())

    def _command(self, ids: list[str], column: Column, value: Any) -> MapCommand | None:
        if column.kind == "attr":
            return attribute_command(self.map, ids, column.field, str(value), of="relationship")
        return relationship_field_command(self.map, ids, column.field, value)

    def _on_event(self, event: ev.MapEvent) -> None:
        if isinstance(event, ev.RelationshipAdded):
            self.ends[event.relationship_id] = self.map.relationship(event.relationship_id).ends
            self._append(event.relationship_id, event.index)
        elif isinstance(event, ev.RelationshipRemoved):
            self._remove(event.relationship_id)
            self.ends.pop(event.relationship_id, None)
        elif isinstance(event, ev.RelationshipChanged):
            self.ends[event.relationship_id] = self.map.relationship(event.relationship_id).ends
            self._changed(event.relationship_id)
        elif isinstance(event, ev.StakeholderChanged) and "label" in event.fields:
            # The From and To columns show names; only this stakeholder's rows change.
            for rel in self.map.relationships_of(event.stakeholder_id):
                self._changed(rel.id)
        elif isinstance(event, ev.MapChanged) and "relation_types" in event.fields:
            self._all_changed()
