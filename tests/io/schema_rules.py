"""The rules of the GraphML 1.0 and GEXF 1.3 schemas, checked by hand.

GraphML's XSD is published without a licence that lets it ship here, and the GEXF 1.3 XSD
(CC BY 4.0) is generated from its RELAX NG grammar and incomplete (its ``graph-content`` and
``node-content`` are attribute groups where types are needed, so no validator can load it).
These checks follow the schemas element by element instead: which children an element may
have and in what order, which attributes it needs, their types (NMTOKEN ids and names,
enumerations, numbers in range), and the identity constraints (unique ids, keys and
``for=`` references that resolve, edge ends that are nodes of the file). The yFiles block
inside GraphML's ``<data>`` is another schema's business and is not looked into.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable

from sysmap.io.xml_text import is_nmtoken

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
KEY_FOR = {"all", "graphml", "graph", "node", "edge", "hyperedge", "port", "endpoint"}
GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}
GEXF_TYPES = {
    "integer", "long", "double", "float", "boolean", "bigdecimal", "biginteger", "byte",
    "char", "short", "liststring", "listboolean", "listinteger", "listlong", "listfloat",
    "listdouble", "listbyte", "listshort", "listbigdecimal", "listbiginteger", "listchar",
    "string", "anyURI",
}  # fmt: skip


class _Problems(list[str]):
    def need(self, ok: bool, message: str) -> None:
        if not ok:
            self.append(message)


def _in_order(element: ET.Element, order: list[str], problems: _Problems) -> None:
    """Children only of the kinds listed, in the order listed (each kind may repeat)."""
    at = 0
    for child in element:
        if child.tag not in order:
            problems.append(f"<{_short(element.tag)}> may not hold <{_short(child.tag)}>")
            continue
        where = order.index(child.tag)
        problems.need(where >= at, f"<{_short(child.tag)}> is out of order")
        at = max(at, where)


def _short(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def graphml_problems(document: bytes) -> list[str]:
    """Every way ``document`` breaks the GraphML 1.0 schema (an empty list if none)."""
    problems = _Problems()
    root = ET.fromstring(document)
    problems.need(root.tag == GRAPHML + "graphml", "the root is not <graphml>")
    _in_order(root, [GRAPHML + "desc", GRAPHML + "key", GRAPHML + "data", GRAPHML + "graph"],
              problems)  # fmt: skip
    keys: dict[str, str] = {}
    for key in root.iter(GRAPHML + "key"):
        key_id = key.get("id", "")
        problems.need(is_nmtoken(key_id), f"key id {key_id!r} is not an NMTOKEN")
        problems.need(key_id not in keys, f"key id {key_id!r} is used twice")
        keys[key_id] = key.get("attr.type", "string")
        problems.need(key.get("for", "all") in KEY_FOR, f"key {key_id!r} has a bad 'for'")
        name = key.get("attr.name")
        if name is not None:
            problems.need(is_nmtoken(name), f"attr.name {name!r} is not an NMTOKEN")
        if key.get("attr.type") is not None:
            problems.need(key.get("attr.type") in GRAPHML_TYPES, f"key {key_id!r}: bad type")
        _in_order(key, [GRAPHML + "desc", GRAPHML + "default"], problems)
    nodes: set[str] = set()
    edges: set[str] = set()
    for graph in root.iter(GRAPHML + "graph"):
        problems.need(
            graph.get("edgedefault") in ("directed", "undirected"), "a graph lacks edgedefault"
        )
        kinds = ["desc", "data", "node", "edge", "hyperedge"]
        for child in graph:
            problems.need(
                child.tag in {GRAPHML + k for k in kinds},
                f"<graph> may not hold <{_short(child.tag)}>",
            )
    for node in root.iter(GRAPHML + "node"):
        node_id = node.get("id", "")
        problems.need(is_nmtoken(node_id), f"node id {node_id!r} is not an NMTOKEN")
        problems.need(node_id not in nodes, f"node id {node_id!r} is used twice")
        nodes.add(node_id)
        _in_order(node, [GRAPHML + t for t in ("desc", "data", "port", "graph", "locator")],
                  problems)  # fmt: skip
    for edge in root.iter(GRAPHML + "edge"):
        edge_id = edge.get("id")
        if edge_id is not None:
            problems.need(is_nmtoken(edge_id), f"edge id {edge_id!r} is not an NMTOKEN")
            problems.need(edge_id not in edges, f"edge id {edge_id!r} is used twice")
            edges.add(edge_id)
        for end in ("source", "target"):
            problems.need(edge.get(end, "") in nodes, f"edge {edge_id!r}: {end} is no node")
        if edge.get("directed") is not None:
            problems.need(edge.get("directed") in ("true", "false"), "bad 'directed'")
        _in_order(edge, [GRAPHML + t for t in ("desc", "data", "graph")], problems)
    for data in root.iter(GRAPHML + "data"):
        key_id = data.get("key", "")
        problems.need(key_id in keys, f"data refers to an undeclared key {key_id!r}")
        if len(data) == 0 and key_id in keys:
            problems.need(_fits(data.text or "", keys[key_id]), f"{key_id!r}: {data.text!r}")
    return problems


def _fits(text: str, type_: str) -> bool:
    checks: dict[str, Callable[[str], bool]] = {
        "boolean": lambda t: t in ("true", "false"),
        "int": lambda t: _whole(t, 2**31),
        "integer": lambda t: _whole(t, 2**31),
        "long": lambda t: _whole(t, 2**63),
        "float": _finite,
        "double": _finite,
    }
    return checks.get(type_, lambda t: True)(text.strip())


def _whole(text: str, bound: int) -> bool:
    try:
        return -bound <= int(text) < bound
    except ValueError:
        return False


def _finite(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def gexf_problems(document: bytes) -> list[str]:
    """Every way ``document`` breaks the GEXF 1.3 schema (an empty list if none)."""
    problems = _Problems()
    root = ET.fromstring(document)
    problems.need(root.tag == GEXF + "gexf", "the root is not <gexf> in GEXF 1.3's namespace")
    problems.need(root.get("version") == "1.3", "version is not 1.3")
    _in_order(root, [GEXF + "meta", GEXF + "graph"], problems)
    problems.need(len(root.findall(GEXF + "graph")) == 1, "there must be exactly one <graph>")
    for meta in root.iter(GEXF + "meta"):
        for child in meta:
            problems.need(
                child.tag in {GEXF + "creator", GEXF + "keywords", GEXF + "description"},
                f"<meta> may not hold <{_short(child.tag)}>",
            )
    graph = root.find(GEXF + "graph")
    if graph is None:
        return problems
    problems.need(
        graph.get("defaultedgetype", "undirected") in ("directed", "undirected", "mutual"),
        "bad defaultedgetype",
    )
    problems.need(graph.get("mode", "static") in ("static", "dynamic", "slice"), "bad mode")
    _in_order(graph, [GEXF + "attributes", GEXF + "nodes", GEXF + "edges"], problems)
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for block in graph.findall(GEXF + "attributes"):
        domain = block.get("class", "")
        problems.need(domain in declared, f"attributes of a bad class {domain!r}")
        for attribute in block:
            problems.need(attribute.tag == GEXF + "attribute", "<attributes> holds a stranger")
            for needed in ("id", "title", "type"):
                problems.need(attribute.get(needed) is not None, f"an attribute lacks {needed}")
            problems.need(attribute.get("type") in GEXF_TYPES, "an attribute has a bad type")
            declared.setdefault(domain, {})[attribute.get("id", "")] = attribute.get("type", "")
    node_ids = _gexf_items(graph, "node", declared["node"], problems)
    edge_ids: set[str] = set()
    for edge in graph.iter(GEXF + "edge"):
        _gexf_item(edge, "edge", declared["edge"], problems)
        edge_id = edge.get("id", "")
        problems.need(edge_id not in edge_ids, f"edge id {edge_id!r} is used twice")
        edge_ids.add(edge_id)
        for end in ("source", "target"):
            problems.need(edge.get(end) in node_ids, f"edge {edge_id!r}: {end} is no node")
        problems.need(
            edge.get("type", "directed") in ("directed", "undirected", "mutual"), "bad edge type"
        )
        if edge.get("weight") is not None:
            problems.need(_finite(edge.get("weight", "")), "a weight is not a number")
    return problems


def _gexf_items(
    graph: ET.Element, kind: str, declared: dict[str, str], problems: _Problems
) -> set[str]:
    ids: set[str] = set()
    for item in graph.iter(GEXF + kind):
        _gexf_item(item, kind, declared, problems)
        item_id = item.get("id", "")
        problems.need(item_id not in ids, f"{kind} id {item_id!r} is used twice")
        ids.add(item_id)
    return ids


_NODE_PARTS = {GEXF + p for p in ("attvalues", "spells", "nodes", "edges", "parents")} | {
    VIZ + p for p in ("color", "position", "size", "shape")
}
_EDGE_PARTS = {GEXF + p for p in ("attvalues", "spells")} | {
    VIZ + p for p in ("color", "thickness", "shape")
}


def _gexf_item(item: ET.Element, kind: str, declared: dict[str, str], problems: _Problems) -> None:
    problems.need(item.get("id") is not None, f"a {kind} has no id")
    allowed = _NODE_PARTS if kind == "node" else _EDGE_PARTS
    seen: set[str] = set()
    for part in item:
        problems.need(part.tag in allowed, f"<{kind}> may not hold <{_short(part.tag)}>")
        problems.need(part.tag not in seen, f"<{kind}> holds <{_short(part.tag)}> twice")
        seen.add(part.tag)
        if part.tag == GEXF + "attvalues":
            for value in part:
                column = value.get("for", "")
                problems.need(column in declared, f"attvalue for an undeclared {column!r}")
                problems.need(value.get("value") is not None, "an attvalue has no value")
                problems.need(
                    _fits(value.get("value", ""), declared.get(column, "string")),
                    f"{column!r}: {value.get('value')!r} is not its type",
                )
        elif part.tag == VIZ + "color":
            for channel in "rgb":
                problems.need(_whole(part.get(channel, ""), 256), "a colour channel is bad")
                problems.need(int(part.get(channel, "0") or 0) >= 0, "a colour channel < 0")
            if part.get("a") is not None:
                problems.need(
                    _finite(part.get("a", "")) and 0 <= float(part.get("a", "")) <= 1, "bad alpha"
                )
        elif part.tag in (VIZ + "position", VIZ + "size", VIZ + "thickness"):
            for name, value in part.attrib.items():
                problems.need(_finite(value), f"viz {name} {value!r} is not a number")
