"""Turn a table of elements and a table of connections into a map, the way Kumu reads them.

Rules (from Kumu's import guide, so a sheet that imports into Kumu opens here the same way):

- An element is one row; rows without an ``ID`` column that repeat a label (and a ``Type``,
  when there is one) are the same element, merged.
- ``From`` and ``To`` name elements by ``ID`` when the elements have IDs, else by label
  (ignoring case and spacing); a cell may list several, separated by ``|``, for one connection
  to each. A name no element has becomes a new stakeholder, and the user is told.
- Known columns (``Description``, ``Tags``, ``Sector``, ``Place``, ``X``…) fill sysmap's
  fields, but only when every value fits (``Influence`` holding "High" stays an attribute
  called ``Influence``); every other column is kept as an attribute under its own name.
- A connection's ``Type`` is its relationship type; its ``Label`` is its own words ("funds
  £2m") and is kept as the attribute ``Label``, never made into a type.
- In a workbook written by sysmap (it has a ``Map (ignore)`` sheet) the ``Type`` columns only
  repeat the sector and relationship type for Kumu's benefit, and are not read back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sysmap.io.colours import parse_colour
from sysmap.io.graphml_dialects import ReadOptions
from sysmap.io.graphml_parse import RawEdge, RawGraph, RawNode
from sysmap.io.graphml_schema import shown
from sysmap.io.tables import Table, clean_value, column_type, convert, normalise_header
from sysmap.model.errors import ValidationError
from sysmap.model.vocab import DEFAULT_RELATION_TYPES, DEFAULT_SECTORS

ELEMENT_FIELDS: Mapping[str, str] = {
    "id": "id",
    "label": "label",
    "type": "type",
    "description": "description",
    "tags": "tags",
    "sector": "sector",
    "place": "place",
    "place level": "place_level",
    "kind": "kind",
    "influence": "influence",
    "interest": "interest",
    "evidence": "evidence",
    "short name": "short_name",
    "x": "x",
    "y": "y",
    "colour": "colour",
    "color": "colour",
    "size": "size",
    "pinned": "pinned",
}
CONNECTION_FIELDS: Mapping[str, str] = {
    "id": "id",
    "from": "from",
    "to": "to",
    "type": "type",
    "relation": "relation",
    "label": "label",
    "status": "status",
    "weight": "weight",
    "direction": "direction",
    "description": "description",
    "evidence": "evidence",
    "tags": "tags",
}
_RANGES: Mapping[str, tuple[float | None, float | None]] = {
    "x": (None, None),
    "y": (None, None),
    "influence": (0.0, 1.0),
    "interest": (0.0, 1.0),
    "size": (0.0, None),
    "weight": (0.0, None),
}
_DIRECTIONS = {"directed": True, "undirected": False, "mutual": False}


@dataclass
class _Columns:
    """Which header feeds which field, and the custom columns with their types."""

    fields: dict[str, str] = field(default_factory=dict)  # header -> field
    custom: dict[str, tuple[str, str]] = field(default_factory=dict)  # header -> (name, type)


@dataclass
class TableReader:
    """Builds the records of one map from its tables, collecting what to tell the user."""

    native: bool = False
    warnings: list[str] = field(default_factory=list)
    labels_are_types: bool = False
    """Whether a connection's ``Label`` names its type when it has no ``Type`` (PRSM's links,
    whose label is what the link does); Kumu's label is the connection's own words."""
    nodes: dict[str, RawNode] = field(default_factory=dict)
    _by_label: dict[str, str] = field(default_factory=dict)
    _by_id: dict[str, str] = field(default_factory=dict)
    _by_key: dict[tuple[str, str], str] = field(default_factory=dict)
    _has_ids: bool = False

    def read(
        self,
        elements: Table | None,
        connections: Table | None,
        graph_data: dict[str, Any],
        format_name: str,
    ) -> tuple[RawGraph, ReadOptions]:
        """Return the map's records and how to build them."""
        if elements is not None:
            self._read_elements(elements)
        edges = self._read_connections(connections) if connections is not None else []
        raw = RawGraph([], graph_data, list(self.nodes.values()), edges, True, self.warnings)
        return raw, ReadOptions(format_name, readable_ids=not self._has_ids, native=self.native)

    # ------------------------------------------------------------------ elements
    def _read_elements(self, table: Table) -> None:
        columns = self._plan(table, ELEMENT_FIELDS)
        id_header = _header_for(columns, "id")
        ids = [r.get(id_header) for _, r in table.records()] if id_header else []
        self._has_ids = bool(ids) and all(ids) and len({str(i) for i in ids}) == len(ids)
        if id_header and not self._has_ids:
            _refuse_ambiguous_ids(table, id_header, _header_for(columns, "label"))
        sector_header = _header_for(columns, "sector")
        type_header = _header_for(columns, "type")
        if type_header and sector_header and self._derived(table, type_header, sector_header):
            columns.fields.pop(type_header)
        elif type_header:
            columns.fields.pop(type_header)
            columns.custom[type_header] = (type_header, "string")
        merged = unlabelled = 0
        for number, record in table.records():
            data = self._values(record, columns)
            label = str(data.pop("label", "") or "").strip()
            element_id = str(data.pop("id", "") or "").strip()
            if not label:
                unlabelled += 1
                continue
            key = (label, str(record.get(type_header, "")) if type_header else "")
            if not element_id and key in self._by_key:
                merged += 1
                existing = self.nodes[self._by_key[key]].data
                for name, value in data.items():
                    existing.setdefault(name, value)
                continue
            node_id = element_id if self._has_ids else f"row-{number}"
            self.nodes[node_id] = RawNode(node_id, {"label": label, **data})
            if element_id:
                self._by_id.setdefault(element_id, node_id)
            else:
                self._by_key[key] = node_id
            self._by_label.setdefault(_match_key(label), node_id)
        if unlabelled:
            self.warnings.append(
                f"{unlabelled} row(s) of '{table.name}' had no label and were skipped."
            )
        if merged:
            self.warnings.append(
                f"{merged} row(s) of '{table.name}' repeated an element already listed "
                "and were merged into it, as Kumu does."
            )

    # ------------------------------------------------------------------ connections
    def _read_connections(self, table: Table) -> list[RawEdge]:
        columns = self._plan(table, CONNECTION_FIELDS)
        relation_header = _header_for(columns, "relation")
        type_header = _header_for(columns, "type")
        if type_header and relation_header and self._derived(table, type_header, relation_header):
            columns.fields.pop(type_header)
        added: list[str] = []
        edges = []
        for _, record in table.records():
            data = self._values(record, columns)
            sources = self._ends(data.pop("from", ""), added)
            targets = self._ends(data.pop("to", ""), added)
            edge_id = str(data.pop("id", "") or "").strip() or None
            self._relation(data)
            direction = data.pop("direction", None)
            if direction is not None:
                directed = _DIRECTIONS.get(str(direction).strip().casefold())
                if directed is None:
                    data["Direction"] = direction
                else:
                    data["directed"] = directed
            for source in sources:
                for target in targets:
                    single = len(sources) * len(targets) == 1
                    edges.append(
                        RawEdge(edge_id if single else None, source, target, True, dict(data))
                    )
        if added:
            listed = ", ".join(f"'{a}'" for a in added[:5]) + (
                " and more" if len(added) > 5 else ""
            )
            self.warnings.append(
                f"{len(added)} stakeholder(s) named in '{table.name}' were not in the list of "
                f"elements and were added: {listed}."
            )
        return edges

    def _relation(self, data: dict[str, Any]) -> None:
        texts = [data.pop(name, None) for name in ("relation", "type", "label")]
        relation, type_text, label = (str(t).strip() if t is not None else "" for t in texts)
        if self.native and relation:
            data["relation"] = relation
        elif relation or type_text or (label and self.labels_are_types):
            data["label"] = relation or type_text or label
        if type_text and relation:
            data["Type"] = type_text
        if label and (relation or type_text or not self.labels_are_types):
            data["Label"] = label  # a connection's own words ("funds £2m"), not a type

    def _ends(self, cell: Any, added: list[str]) -> list[str]:
        names = [n.strip() for n in str(cell or "").split("|") if n.strip()]
        found = []
        for name in names:
            node_id = self._by_id.get(name) or self._by_label.get(_match_key(name))
            if node_id is None:
                node_id = f"added-{len(self.nodes)}"
                self.nodes[node_id] = RawNode(node_id, {"label": name})
                self._by_label[_match_key(name)] = node_id
                added.append(name)
            found.append(node_id)
        return found

    # ------------------------------------------------------------------ columns
    def _plan(self, table: Table, known: Mapping[str, str]) -> _Columns:
        plan = _Columns()
        values: dict[str, list[Any]] = {h: [] for h in table.header if h}
        for _, record in table.records():
            for header, value in record.items():
                values[header].append(clean_value(value))
        for header in values:
            name = known.get(normalise_header(header))
            if name is not None and _fits(name, values[header]):
                plan.fields[header] = name
                continue
            if name is not None and (name in _RANGES or name in ("colour", "pinned")):
                misfit = next((v for v in values[header] if not _fits(name, [v])), "")
                self.warnings.append(
                    f"The column '{header}' of '{table.name}' holds values that do not fit "
                    f"sysmap's {name.replace('_', ' ')} (such as '{shown(str(misfit))}'); "
                    "it was kept as an attribute."
                )
            type_ = "keep" if self.native else column_type(values[header])
            plan.custom[header] = (header, type_)
        return plan

    def _values(self, record: Mapping[str, Any], columns: _Columns) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for header, raw_value in record.items():
            value = clean_value(raw_value)
            if value == "" or value is None:
                continue
            if header in columns.fields:
                name = columns.fields[header]
                data[name] = _field_value(name, value, exact=self.native)
            elif header in columns.custom:
                name, type_ = columns.custom[header]
                data[name] = value if type_ == "keep" else convert(value, type_)
        return data

    def _derived(self, table: Table, type_header: str, key_header: str) -> bool:
        """Whether a ``Type`` column only repeats sysmap's sector or relationship type."""
        if self.native:
            return True
        vocabulary = DEFAULT_SECTORS if normalise_header(key_header) == "sector" else None
        vocabulary = vocabulary or DEFAULT_RELATION_TYPES
        for _, record in table.records():
            key = str(clean_value(record.get(key_header, "")))
            shown = str(clean_value(record.get(type_header, "")))
            if shown and shown not in (key, vocabulary.label(key)):
                return False
        return True


def _refuse_ambiguous_ids(table: Table, id_header: str, label_header: str | None) -> None:
    """Refuse one ID given to two differently named elements: links to it would be guesses."""
    seen: dict[str, tuple[int, str]] = {}
    for number, record in table.records():
        element_id = str(clean_value(record.get(id_header, "")) or "").strip()
        label = str(clean_value(record.get(label_header, "")) or "").strip() if label_header else ""
        if not element_id:
            continue
        first = seen.setdefault(element_id, (number, label))
        if first[1] != label:
            raise ValidationError(
                f"The ID '{element_id}' in '{table.name}' is given to two different elements, "
                f"'{first[1]}' (row {first[0]}) and '{label}' (row {number}). Give each its "
                "own ID and open it again."
            )


def _header_for(columns: _Columns, name: str) -> str | None:
    return next((h for h, f in columns.fields.items() if f == name), None)


def _fits(name: str, values: list[Any]) -> bool:
    if name in _RANGES:
        low, high = _RANGES[name]
        if column_type(values) not in ("int", "double"):
            return not [v for v in values if v not in (None, "")]
        numbers = [float(v) for v in values if v not in (None, "")]
        return all((low is None or n >= low) and (high is None or n <= high) for n in numbers)
    if name == "colour":
        return all(parse_colour(str(v)) for v in values if v not in (None, ""))
    if name == "pinned":
        return column_type(values) in ("boolean", "string") and all(
            str(v).casefold() in ("true", "false", "yes", "no") or isinstance(v, bool)
            for v in values
            if v not in (None, "")
        )
    return True


def _field_value(name: str, value: Any, exact: bool) -> Any:
    """A cell as the field's value; ``exact`` (sysmap's own files) keeps text as written."""
    if exact and isinstance(value, str) and name not in ("colour", "pinned"):
        return value if name not in _RANGES else float(value)
    if name in _RANGES:
        return float(value)
    if name == "colour":
        return parse_colour(str(value))
    if name == "pinned":
        return value if isinstance(value, bool) else str(value).casefold() in ("true", "yes")
    if name == "tags":
        return "|".join(t.strip() for t in str(value).split("|") if t.strip())
    if name in ("description", "evidence"):
        return str(value)
    return str(value).strip()  # names and vocabulary values: stray spaces are typing slips


def _match_key(label: str) -> str:
    return " ".join(label.split()).casefold()
