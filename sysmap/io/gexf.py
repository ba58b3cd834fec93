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
- Hierarchy: nodes nested in a node's ``<nodes>`` (or naming it with ``pid`` or
  ``<parents>``) sit in it as in a yEd group, and edges kept in a node's own ``<edges>`` are
  read like those of the graph.
- Time: a dynamic file may list one node or edge once per time slice; it becomes one
  stakeholder or relationship with the values of its first slice (the user is told), and
  Gephi's dynamic ``Weight`` column is the relationship's weight.
- A file written by sysmap (``<creator>sysmap</creator>``) is read exactly: its own attributes
  are the truth and what it derived for Gephi (colour, size, edge labels) is ignored. Its
  title is in ``<keywords>``: GEXF 1.3 has no title element.

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
from sysmap.io.graphml_schema import decode_value, shown
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
    repeated_nodes: int = 0
    repeated_edges: int = 0


def read_gexf(path: Path) -> LoadResult:
    """Read a GEXF file written by Gephi, Gephi Lite, networkx, sysmap or any other tool.

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
    # sysmap's own text is kept exactly; other tools' is tidied. GEXF 1.3 has no title
    # element, so sysmap keeps its title in <keywords> (older sysmap files used <title>).
    title_tag = "keywords" if native and "keywords" in meta else "title"
    if not native and not meta.get("title", "").strip():
        title_tag = "name"  # graphology-gexf (Gephi Lite) writes the graph's name there
    for name, tag in (("title", title_tag), ("description", "description")):
        text = meta.get(tag, "") if native else meta.get(tag, "").strip()
        if text or (native and tag in meta):
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
        for column_id, column in _declare(block, domain, reader):
            reader.columns.setdefault(domain, {})[column_id] = column
            keys.append(RawKey(column_id, domain, column.name, column.type, True, None, None))
    raw = RawGraph(keys, {}, [], [], default_type != "undirected", reader.warnings)
    nodes: dict[str, RawNode] = {}
    edges: dict[str, RawEdge] = {}
    _read_level(graph, None, default_type, reader, (nodes, raw.nodes), (edges, raw.edges))
    _mark_parents(raw.nodes)
    _tell(reader)
    return raw


def _read_level(
    container: ET.Element,
    parent: str | None,
    default_type: str,
    reader: _Reader,
    nodes: tuple[dict[str, RawNode], list[RawNode]],
    edges: tuple[dict[str, RawEdge], list[RawEdge]],
) -> None:
    """Read the nodes and edges of a graph, or of a node's own ``<nodes>`` and ``<edges>``."""
    for block in container:
        tag = local_name(block.tag)
        if tag == "nodes":
            for element in (c for c in block if local_name(c.tag) == "node"):
                node = _node(element, parent, reader)
                if _merged(node, element, nodes[0], reader):
                    continue
                nodes[0][node.id] = node
                nodes[1].append(node)
                _read_level(element, node.id, default_type, reader, nodes, edges)
        elif tag == "edges":
            for element in (c for c in block if local_name(c.tag) == "edge"):
                edge = _edge(element, default_type, reader)
                if _merged_edge(edge, element, edges[0], reader):
                    continue
                edges[0].setdefault(_edge_key(edge), edge)
                edges[1].append(edge)


def _timed(element: ET.Element) -> bool:
    """Whether an element says when it exists (a slice of a dynamic graph)."""
    times = ("start", "end", "startopen", "endopen", "timestamp", "timestamps")
    return any(element.get(t) is not None for t in times) or any(
        local_name(c.tag) in ("spells", "spell") for c in element
    )


def _merged(node: RawNode, element: ET.Element, seen: dict[str, RawNode], reader: _Reader) -> bool:
    """Fold a node listed again for another time slice into its first listing."""
    first = seen.get(node.id)
    if first is None or not _timed(element):
        return False
    for name, value in node.data.items():
        first.data.setdefault(name, value)
    reader.repeated_nodes += 1
    return True


def _edge_key(edge: RawEdge) -> str:
    """An edge's id, or, without one, its ends: what a later time slice repeats."""
    return edge.id if edge.id is not None else f"{edge.source}\x00{edge.target}"


def _merged_edge(
    edge: RawEdge, element: ET.Element, seen: dict[str, RawEdge], reader: _Reader
) -> bool:
    first = seen.get(_edge_key(edge))
    if (
        first is None
        or not _timed(element)
        or (first.source, first.target)
        != (
            edge.source,
            edge.target,
        )
    ):
        return False
    for name, value in edge.data.items():
        first.data.setdefault(name, value)
    reader.repeated_edges += 1
    return True


def _mark_parents(nodes: list[RawNode]) -> None:
    """A node others name as their parent (``pid``, ``<parents>``) is a group."""
    parents = {n.parent for n in nodes if n.parent is not None}
    for node in nodes:
        if node.id in parents:
            node.is_group = True


def _tell(reader: _Reader) -> None:
    if reader.repeated_nodes or reader.repeated_edges:
        reader.warnings.append(
            f"The file lists {reader.repeated_nodes} node(s) and {reader.repeated_edges} "
            "edge(s) again for later time slices; each is one stakeholder or relationship "
            "here, with the values of its first slice."
        )
    if reader.dynamic_values:
        reader.warnings.append(
            f"{reader.dynamic_values} value(s) changed over time in the file; "
            "the first value of each is used."
        )


def _declare(block: ET.Element, domain: str, reader: _Reader) -> Iterator[tuple[str, _Column]]:
    for attribute in (a for a in block if local_name(a.tag) == "attribute"):
        column_id = attribute.get("id", "")
        title = (attribute.get("title") or column_id).strip() or column_id
        type_ = GEXF_TYPES.get((attribute.get("type") or "string").lower(), "string")
        default_el = _child(attribute, "default")
        default = default_el.text if default_el is not None else None
        if domain == "edge" and not reader.native and title.casefold() == "weight":
            title = "weight"  # Gephi's dynamic Weight column is the edge's weight
        elif not reader.native and title in _VIZ_KEYS:
            title = f"{title} (original)"
        yield column_id, _Column(title, type_, default)


def _node(element: ET.Element, parent: str | None, reader: _Reader) -> RawNode:
    node_id = element.get("id")
    if node_id is None:
        raise ValidationError("a node has no id")
    label = element.get("label")
    whose = f"the node '{node_id}'"
    if label and label.strip() and label != node_id:
        whose = f"the node '{shown(label.strip())}' (id '{node_id}')"
    data = _values(element, "node", reader, whose)
    if element.get("label") is not None:
        data["label"] = element.get("label")
    data.update(_viz(element, reader.native, whose))
    inner = _child(element, "nodes")
    named = _child(element, "parents")
    parents = list(named) if named is not None else []
    first = next((p.get("for") for p in parents if p.get("for")), None)
    pid = element.get("pid") or first or parent
    return RawNode(node_id, data, parent=pid, is_group=inner is not None)


def _edge(element: ET.Element, default_type: str, reader: _Reader) -> RawEdge:
    source, target = element.get("source"), element.get("target")
    if source is None or target is None:
        raise ValidationError("A relationship in the file is missing its source or target.")
    whose = f"the edge from '{source}' to '{target}'"
    data = _values(element, "edge", reader, whose)
    if element.get("label") and not reader.native:
        data["label"] = element.get("label")
    if element.get("weight") is not None:
        data["weight"] = _number(element.get("weight", ""), f"weight of {whose}")
    kind = element.get("type") or default_type
    return RawEdge(element.get("id"), source, target, kind == "directed", data)


def _values(element: ET.Element, domain: str, reader: _Reader, whose: str) -> dict[str, Any]:
    columns = reader.columns.get(domain, {})
    data: dict[str, Any] = {}
    seen: set[str] = set()
    block = _child(element, "attvalues")
    values = [v for v in block if local_name(v.tag) == "attvalue"] if block is not None else []
    # Some writers put <attvalue> straight into the node or edge, without <attvalues>.
    values += [v for v in element if local_name(v.tag) == "attvalue"]
    for value in values:
        column_id = value.get("for") or value.get("id") or ""
        column = columns.get(column_id)
        if column is None:
            continue
        if column_id in seen:
            reader.dynamic_values += 1
            continue
        seen.add(column_id)
        data[column.name] = _decode(value.get("value", ""), column, reader, whose)
    for column_id, column in columns.items():
        if column_id not in seen and column.default is not None:
            data[column.name] = _decode(column.default, column, reader, whose)
    return data


def _decode(text: str, column: _Column, reader: _Reader, whose: str) -> Any:
    try:
        return decode_value(text, column.type)
    except ValidationError as exc:
        reader.warnings.append(
            f"In {Path(reader.name).name}, the attribute '{column.name}' of {whose} "
            f"{_is_not(text, exc)}; it was kept as text."
        )
        return text


def _is_not(text: str, error: ValidationError) -> str:
    """``"is 'INF', which is not a finite number"``, from the value and what is wrong with it."""
    quoted = f"'{shown(text)}'"
    problem = str(error.args[0])
    return f"is {quoted}, which {problem.removeprefix(quoted).strip()}"


def _viz(element: ET.Element, native: bool, whose: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for child in element:
        name = local_name(child.tag)
        if name == "position":
            found["x"] = _number(child.get("x", "0"), f"x position of {whose}")
            found["y"] = _number(child.get("y", "0"), f"y position of {whose}")
        elif name == "color" and not native:
            colour = parse_colour(child.get("hex")) or _rgb(child)
            if colour:
                found.update(
                    zip("rgb", (int(colour[i : i + 2], 16) for i in (1, 3, 5)), strict=True)
                )
            if child.get("a") is not None:
                found["opacity"] = _number(child.get("a", ""), f"colour opacity of {whose}")
        elif name == "size" and not native:
            found["size"] = _number(child.get("value", ""), f"size of {whose}")
        elif name == "shape" and child.get("value") and not native:
            found["shape"] = child.get("value")
    return found


def _rgb(element: ET.Element) -> str | None:
    return rgb_hex(element.get("r"), element.get("g"), element.get("b"))


def _number(text: str, what: str) -> float:
    try:
        return float(decode_value(text, "double"))
    except ValidationError as exc:
        raise ValidationError(f"The {what} {_is_not(text, exc)}.") from None


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if local_name(c.tag) == name), None)
