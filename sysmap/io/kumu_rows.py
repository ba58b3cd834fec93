"""A map as Kumu-style tables: the rows behind the Kumu XLSX and the CSV exports.

The Elements table starts with ``ID`` and ``Label`` (Kumu recognises it by them) and the
Connections table with ``ID``, ``From``, ``To``, naming elements by ID, so stakeholders that
share a label stay apart. ``Type`` shows the sector (for elements) and the relationship type
(for connections) as people read them, so Kumu colours and filters by them out of the box;
sysmap's own fields follow under their own names (``Sector``, ``Place``, ``Relation``,
``Status``…) holding the exact values, and every custom attribute gets a column. A custom
attribute whose name clashes with one of these columns is written as "NAME (attribute)".
The workbook also carries a ``Map (ignore)`` sheet with the title, description and
vocabularies, which Kumu skips and sysmap reads back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sysmap.io.graphml_schema import FORMAT_VERSION
from sysmap.io.spreadsheet import ESCAPING_PROPERTY, QUOTE_PREFIX
from sysmap.io.tables import normalise_header
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import (
    DEFAULT_PLACES,
    DEFAULT_RELATION_TYPES,
    DEFAULT_SECTORS,
    KINDS,
    Vocabulary,
)

Rows = tuple[list[str], list[list[Any]]]
_Getter = Callable[[Mapping[str, Any]], Any]
# Values derived for Kumu are kept under names no attribute can have (control characters are
# refused in names), so a custom attribute called "type" is never overwritten.
TYPE = "\x01type"
DIRECTION = "\x01direction"

ELEMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("ID", "id"),
    ("Label", "label"),
    ("Type", TYPE),
    ("Description", "description"),
    ("Tags", "tags"),
    ("Sector", "sector"),
    ("Place", "place"),
    ("Place level", "place_level"),
    ("Kind", "kind"),
    ("Influence", "influence"),
    ("Interest", "interest"),
    ("Evidence", "evidence"),
    ("X", "x"),
    ("Y", "y"),
    ("Colour", "colour"),
    ("Size", "size"),
    ("Pinned", "pinned"),
)
CONNECTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("ID", "id"),
    ("From", "source"),
    ("To", "target"),
    ("Type", TYPE),
    ("Direction", DIRECTION),
    ("Relation", "relation"),
    ("Status", "status"),
    ("Weight", "weight"),
    ("Description", "description"),
    ("Evidence", "evidence"),
    ("Tags", "tags"),
)
_ALWAYS = {"ID", "Label", "From", "To", "X", "Y"}
_DEFAULT_VOCABULARIES: Mapping[str, Vocabulary] = {
    "sectors": DEFAULT_SECTORS,
    "places": DEFAULT_PLACES,
    "kinds": KINDS,
    "relation_types": DEFAULT_RELATION_TYPES,
}


def element_rows(system_map: SystemMap) -> Rows:
    """Return the Elements table: header and one row per stakeholder, sorted by id."""
    items = [
        {"id": node_id, **system_map.graph.nodes[node_id]}
        for node_id in sorted(system_map.graph.nodes)
    ]
    for item in items:
        if item.get("sector"):
            item[TYPE] = system_map.sectors.label(str(item["sector"]))
    builtin = {name for _, name in ELEMENT_COLUMNS}
    return _table(items, ELEMENT_COLUMNS, builtin)


def connection_rows(system_map: SystemMap) -> Rows:
    """Return the Connections table: header and one row per relationship, sorted by id."""
    items = []
    for source, target, key, data in sorted(
        system_map.graph.edges(keys=True, data=True), key=lambda e: e[2]
    ):
        item = {"id": key, "source": source, "target": target, **data}
        item[DIRECTION] = "directed" if data.get("directed", True) else "undirected"
        item.pop("directed", None)
        if data.get("relation"):
            item[TYPE] = system_map.relation_types.label(str(data["relation"]))
        items.append(item)
    builtin = {name for _, name in CONNECTION_COLUMNS}
    return _table(items, CONNECTION_COLUMNS, builtin)


def map_rows(system_map: SystemMap) -> Rows:
    """Return the map's details (title, vocabularies, map attributes) as Property/Value rows."""
    rows: list[list[Any]] = [
        ["sysmap_format", FORMAT_VERSION],
        [ESCAPING_PROPERTY, QUOTE_PREFIX],  # texts are stored as they are (no apostrophes)
        ["title", system_map.title],
        ["description", system_map.description],
    ]
    for name, default in _DEFAULT_VOCABULARIES.items():
        vocabulary = system_map.vocabulary(name)
        if vocabulary != default:
            rows.append([name, vocabulary.to_json()])
    rows += [[name, value] for name, value in sorted(system_map.metadata.items())]
    return ["Property", "Value"], rows


def _table(
    items: list[dict[str, Any]], columns: tuple[tuple[str, str], ...], builtin: set[str]
) -> Rows:
    custom = sorted({name for item in items for name in item if name not in builtin})
    taken = {normalise_header(header) for header, _ in columns}
    getters: list[tuple[str, _Getter]] = []
    for header, name in columns:
        derived_clash = name == TYPE and normalise_header(header) in {
            normalise_header(c) for c in custom
        }
        if derived_clash or not (header in _ALWAYS or any(name in item for item in items)):
            continue
        getters.append((header, _getter(name)))
    for name in custom:
        header = name
        if normalise_header(name) in taken and not _is_type_column(name, getters):
            header = f"{name} (attribute)"
        getters.append((header, _getter(name)))
    rows = [[getter(item) for _, getter in getters] for item in items]
    return [header for header, _ in getters], rows


def _is_type_column(name: str, getters: list[tuple[str, _Getter]]) -> bool:
    # A custom "Type" takes the Type column when sysmap has none of its own to put there.
    return normalise_header(name) == "type" and all(h != "Type" for h, _ in getters)


def _getter(name: str) -> _Getter:
    def get(item: Mapping[str, Any]) -> Any:
        value = item.get(name)
        if name == "pinned" and value is False:
            return None
        return value

    return get
