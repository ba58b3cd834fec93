"""Read GEXF 1.1, 1.2 and 1.3 (Gephi's own format) into a map.

A GEXF file is turned into the same records as GraphML (:mod:`sysmap.io.graphml_parse`) and
built by the same code, so labels, colours, sizes, nested nodes and attributes come through
exactly as they do from a Gephi GraphML export. What GEXF adds:

- ``<attributes class="node">`` declares typed columns by ``id`` and ``title``; each node's
  ``<attvalue for="id" value=…>`` (``id=`` in GEXF 1.1) holds its values; ``<default>`` fills
  gaps. Columns keep their titles and types.
- ``viz:position``, ``viz:color`` (``r``/``g``/``b`` or ``hex``) and ``viz:size``. Gephi's y
  axis points up and sysmap's down, so y is mirrored.
- Edges carry ``weight``, ``label`` and ``type`` (``directed``, ``undirected``, ``mutual``).
- A file written by sysmap (``<creator>sysmap</creator>``) is read exactly: its own attributes
  are the truth and what it derived for Gephi (colour, size, edge labels) is ignored.

Parsing goes through :func:`sysmap.io.safe_xml.parse_xml`; networkx's ``read_gexf`` is never
used on files from elsewhere.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sysmap.io.colours import parse_colour, rgb_hex
from sysmap.io.graphml_dialects import ReadOptions
from sysmap.io.graphml_parse import RawEdge, RawGraph, RawKey, RawNode
from sysmap.io.graphml_read import build_map
from sysmap.io.graphml_schema import decode_value
from sysmap.io.map_limits import MAP_XML_LIMITS
from sysmap.io.result import LoadResult
from sysmap.io.safe_xml import local_name, parse_xml
from sysmap.model.errors import MapFileError, ValidationError

SYSMAP_CREATOR = "sysmap"
GEXF_TYPES = {
    "integer": "int",
    "long": "long",
    "float": "float",
    "double": "double",
    "boolean": "boolean",
}
_VIZ_KEYS = frozenset({"label", "x", "y", "r", "g", "b", "size"})


@dataclass
class _Column:
    name: str
    type: str
    default: str | None


@dataclass
class _Reader:
    name: str
    native: bool
    columns: dict[str, dict[str, _Column]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    dynamic_values: int = 0


def read_gexf(path: Path) -> LoadResult:
    """Read a GEXF file written by Gephi, networkx, sysmap or any other tool.

    Raises
    ------
    MapFileError
        If the file is not GEXF or cannot be read as a map; the message says why.
    """
    path = Path(path)
    root = parse_xml(path, MAP_XML_LIMITS)
    if local_name(root.tag) != "gexf":
        raise MapFileError(str(path), "it is XML but not a GEXF graph")
    graph = _child(root, "graph")
    if graph is None:
        raise MapFileError(str(path), "it has no graph in it")
    meta = _meta(root)
    native = meta.get("creator", "").strip() == SYSMAP_CREATOR
    reader = _Reader(str(path), native)
    try:
        raw = _records(graph, reader)
    except ValidationError as exc:
        raise MapFileError.refused(str(path), exc) from None
    for name in ("title", "description"):
        # sysmap's own text is kept exactly; other tools' is tidied.
        text = meta.get(name, "") if native else meta.get(name, "").strip()
        if text or (native and name in meta):
            raw.graph_data[name] = text
    version = root.get("version", "")
    creator = meta.get("creator", "").strip() or "an unknown program"
    options = ReadOptions(
        f"GEXF {version} from {creator}".replace("  ", " "), flip_y=True, native=native
    )
    return build_map(raw, str(path), path.stem, options)


def _meta(root: ET.Element) -> dict[str, str]:
    meta = _child(root, "meta")
    if meta is None:
        return {}
    return {local_name(c.tag): c.text or "" for c in meta}


def _records(graph: ET.Element, reader: _Reader) -> RawGraph:
    default_type = graph.get("defaultedgetype", "undirected")
    keys: list[RawKey] = []
    for block in (c for c in graph if local_name(c.tag) == "attributes"):
        domain = "edge" if block.get("class") == "edge" else "node"
        for column_id, column in _declare(block, reader):
            reader.columns.setdefault(domain, {})[column_id] = column
            keys.append(RawKey(column_id, domain, column.name, column.type, True, None, None))
    raw = RawGraph(keys, {}, [], [], default_type != "undirected", reader.warnings)
    nodes = _child(graph, "nodes")
    if nodes is not None:
        for node in _nodes(nodes, None, reader):
            raw.nodes.append(node)
    edges = _child(graph, "edges")
    for element in edges if edges is not None else ():
        if local_name(element.tag) == "edge":
            raw.edges.append(_edge(element, default_type, reader))
    if reader.dynamic_values:
        reader.warnings.append(
            f"{reader.dynamic_values} value(s) changed over time in the file; "
            "the first value of each is used."
        )
    return raw


def _declare(block: ET.Element, reader: _Reader) -> Iterator[tuple[str, _Column]]:
    for attribute in (a for a in block if local_name(a.tag) == "attribute"):
        column_id = attribute.get("id", "")
        title = (attribute.get("title") or column_id).strip() or column_id
        type_ = GEXF_TYPES.get((attribute.get("type") or "string").lower(), "string")
        default_el = _child(attribute, "default")
        default = default_el.text if default_el is not None else None
        if not reader.native and title in _VIZ_KEYS:
            title = f"{title} (original)"
        yield column_id, _Column(title, type_, default)


def _nodes(container: ET.Element, parent: str | None, reader: _Reader) -> Iterator[RawNode]:
    for element in (c for c in container if local_name(c.tag) == "node"):
        node_id = element.get("id")
        if node_id is None:
            raise ValidationError("a node has no id")
        data = _values(element, "node", reader)
        if element.get("label") is not None:
            data["label"] = element.get("label")
        data.update(_viz(element, reader.native))
        inner = _child(element, "nodes")
        pid = element.get("pid") or parent
        yield RawNode(node_id, data, parent=pid, is_group=inner is not None)
        if inner is not None:
            yield from _nodes(inner, node_id, reader)


def _edge(element: ET.Element, default_type: str, reader: _Reader) -> RawEdge:
    source, target = element.get("source"), element.get("target")
    if source is None or target is None:
        raise ValidationError("a relationship is missing its source or target")
    data = _values(element, "edge", reader)
    if element.get("label") and not reader.native:
        data["label"] = element.get("label")
    if element.get("weight") is not None:
        data["weight"] = _number(
            element.get("weight", ""), f"weight of the relationship from '{source}' to '{target}'"
        )
    kind = element.get("type") or default_type
    return RawEdge(element.get("id"), source, target, kind == "directed", data)


def _values(element: ET.Element, domain: str, reader: _Reader) -> dict[str, Any]:
    columns = reader.columns.get(domain, {})
    data: dict[str, Any] = {}
    seen: set[str] = set()
    block = _child(element, "attvalues")
    values = [v for v in block if local_name(v.tag) == "attvalue"] if block is not None else []
    for value in values:
        column_id = value.get("for") or value.get("id") or ""
        column = columns.get(column_id)
        if column is None:
            continue
        if column_id in seen:
            reader.dynamic_values += 1
            continue
        seen.add(column_id)
        data[column.name] = _decode(value.get("value", ""), column, reader)
    for column_id, column in columns.items():
        if column_id not in seen and column.default is not None:
            data[column.name] = _decode(column.default, column, reader)
    return data


def _decode(text: str, column: _Column, reader: _Reader) -> Any:
    try:
        return decode_value(text, column.type)
    except ValidationError as exc:
        reader.warnings.append(
            f"The attribute '{column.name}' could not be read as a {column.type} ({exc}); "
            "it was kept as text."
        )
        return text


def _viz(element: ET.Element, native: bool) -> dict[str, Any]:
    found: dict[str, Any] = {}
    whose = f"of the stakeholder '{element.get('label') or element.get('id')}'"
    for child in element:
        name = local_name(child.tag)
        if name == "position":
            found["x"] = _number(child.get("x", "0"), f"x position {whose}")
            found["y"] = _number(child.get("y", "0"), f"y position {whose}")
        elif name == "color" and not native:
            colour = parse_colour(child.get("hex")) or _rgb(child)
            if colour:
                found.update(
                    zip("rgb", (int(colour[i : i + 2], 16) for i in (1, 3, 5)), strict=True)
                )
        elif name == "size" and not native:
            found["size"] = _number(child.get("value", ""), f"size {whose}")
        elif name == "shape" and child.get("value") and not native:
            found["shape"] = child.get("value")
    return found


def _rgb(element: ET.Element) -> str | None:
    return rgb_hex(element.get("r"), element.get("g"), element.get("b"))


def _number(text: str, what: str) -> float:
    try:
        return float(decode_value(text, "double"))
    except ValidationError:
        raise ValidationError(f"The {what} is not a number ({text!r}).") from None


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if local_name(c.tag) == name), None)
