"""Read the JSON that web graph tools save: Gephi Lite's (graphology) and Cytoscape.js's.

**graphology** (what Gephi Lite saves, and ``graph.export()`` writes): ``attributes`` of the
graph, ``options`` (``type``: directed, undirected or mixed), ``nodes`` as ``{"key",
"attributes"}`` and ``edges`` as ``{"key", "source", "target", "attributes", "undirected"}``.
A node's ``label``, ``x``, ``y``, ``size`` and ``color`` are how Gephi Lite draws it (sigma's
y axis points up, so y is mirrored); an edge's ``label`` is its type, ``weight`` its weight.

**Cytoscape.js** (``cy.json()``, and Cytoscape's ``.cyjs`` export): ``elements`` holds
``nodes`` and ``edges`` (or one list of both, each with a ``group``); each element keeps its
fields in ``data`` (``id``, ``name`` or ``label``, ``source``, ``target``, ``interaction``) and a
node its place in ``position`` (screen coordinates, y down). Cytoscape's bookkeeping (SUIDs,
``shared name``, ``selected``) is dropped.

Both are turned into the same records as GraphML and built by the same code
(:func:`sysmap.io.graphml_read.build_map`), so labels, colours and positions are treated alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sysmap.io.colours import parse_colour
from sysmap.io.graphml_dialects import ReadOptions
from sysmap.io.graphml_parse import RawEdge, RawGraph, RawNode
from sysmap.io.graphml_read import build_map
from sysmap.io.map_limits import check_counts
from sysmap.io.result import LoadResult
from sysmap.model.errors import MapFileError

_CYTOSCAPE_BOOKKEEPING = frozenset({"SUID", "shared name", "shared_name", "selected"})
_VALUE = (str, int, float, bool)


def is_graphology_document(document: Any) -> bool:
    """Whether parsed JSON is a graphology export: nodes with a ``key``."""
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        return False
    nodes = document["nodes"]
    return (not nodes and "options" in document) or (
        bool(nodes) and isinstance(nodes[0], dict) and "key" in nodes[0] and "id" not in nodes[0]
    )


def is_cytoscape_document(document: Any) -> bool:
    """Whether parsed JSON is Cytoscape.js's: elements holding ``data`` objects."""
    if not isinstance(document, dict):
        return False
    elements = document.get("elements")
    if isinstance(elements, dict):
        return isinstance(elements.get("nodes", []), list)
    return (
        isinstance(elements, list)
        and bool(elements)
        and all(isinstance(e, dict) and isinstance(e.get("data"), dict) for e in elements[:20])
    )


def read_graphology(path: Path, document: dict[str, Any]) -> LoadResult:
    """Build a map from a graphology export (Gephi Lite's JSON)."""
    nodes, edges = document.get("nodes") or [], document.get("edges") or []
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise MapFileError(str(path), "its 'nodes' and 'edges' should be lists")
    check_counts(len(nodes), len(edges), str(path))
    all_undirected = _object(document.get("options")).get("type") == "undirected"
    raw = RawGraph([], _graph_data(document.get("attributes")), [], [], True, [])
    for number, node in enumerate(nodes, start=1):
        key = _key(node, "key", path, f"node {number}")
        data = _values(_object(node.get("attributes")))
        _colour(data, "color")
        raw.nodes.append(RawNode(key, data))
    for number, edge in enumerate(edges, start=1):
        ends = [_key(edge, end, path, f"edge {number}") for end in ("source", "target")]
        data = _values(_object(edge.get("attributes")))
        data.pop("color", None)
        undirected = all_undirected or edge.get("undirected") is True
        edge_id = str(edge["key"]) if isinstance(edge, dict) and "key" in edge else None
        raw.edges.append(RawEdge(edge_id, ends[0], ends[1], not undirected, data))
    return build_map(
        raw, str(path), path.stem, ReadOptions("graphology JSON (Gephi Lite)", flip_y=True)
    )


def read_cytoscape(path: Path, document: dict[str, Any]) -> LoadResult:
    """Build a map from Cytoscape.js JSON (``cy.json()`` or Cytoscape's ``.cyjs``)."""
    elements = document["elements"]
    if isinstance(elements, dict):
        nodes, edges = elements.get("nodes") or [], elements.get("edges") or []
    else:
        nodes = [e for e in elements if e.get("group") != "edges" and "source" not in e["data"]]
        edges = [e for e in elements if e.get("group") == "edges" or "source" in e["data"]]
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise MapFileError(str(path), "its 'elements' should hold lists of nodes and edges")
    check_counts(len(nodes), len(edges), str(path))
    raw = RawGraph([], _graph_data(document.get("data")), [], [], True, [])
    for number, element in enumerate(nodes, start=1):
        data = _values(_object(_object(element).get("data")))
        node_id = _key(data, "id", path, f"node {number}")
        data.pop("id")
        if "label" not in data and "name" in data:
            data["label"] = data.pop("name")
        position = _object(_object(element).get("position"))
        for axis in ("x", "y"):
            if isinstance(position.get(axis), int | float) and not isinstance(position[axis], bool):
                data[axis] = float(position[axis])
        raw.nodes.append(RawNode(node_id, data))
    for number, element in enumerate(edges, start=1):
        data = _values(_object(_object(element).get("data")))
        ends = [_key(data, end, path, f"edge {number}") for end in ("source", "target")]
        edge_id = str(data.pop("id")) if "id" in data else None
        for name in ("source", "target", "name"):
            data.pop(name, None)
        raw.edges.append(RawEdge(edge_id, ends[0], ends[1], True, data))
    generator = document.get("generated_by")
    name = (
        f"Cytoscape.js JSON from {generator}" if isinstance(generator, str) else "Cytoscape.js JSON"
    )
    return build_map(raw, str(path), path.stem, ReadOptions(name))


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _key(item: Any, field: str, path: Path, what: str) -> str:
    value = item.get(field) if isinstance(item, dict) else None
    if not isinstance(value, str | int) or isinstance(value, bool) or str(value) == "":
        raise MapFileError(
            str(path),
            f"the {what} of the file has no '{field}'",
            hint="Each node needs a key or id, and each edge a source and a target.",
        )
    return str(value)


def _values(fields: dict[str, Any]) -> dict[str, Any]:
    """A node's or edge's fields that a map can keep: text, numbers, true/false."""
    kept: dict[str, Any] = {}
    for name, value in fields.items():
        if name in _CYTOSCAPE_BOOKKEEPING or value is None:
            continue
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            kept[name] = "|".join(value)
        elif isinstance(value, _VALUE):
            kept[name] = value  # NaN and infinity too: the map refuses them, with a sentence
    return kept


def _colour(data: dict[str, Any], name: str) -> None:
    colour = parse_colour(data.pop(name, None))
    if colour:
        data["colour"] = colour


def _graph_data(fields: Any) -> dict[str, Any]:
    data = _values(_object(fields))
    title = data.pop("name", None) or data.pop("title", None)
    if isinstance(title, str) and title.strip():
        data["title"] = title.strip()
    return data
