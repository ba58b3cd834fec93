"""Read XGMML, the XML that Cytoscape saves networks in (``File > Export > Network``).

A ``<graph>`` in the XGMML namespace holds ``<node>`` and ``<edge>`` elements; each carries
``<att name=… value=… type=…>`` values (types ``string``, ``integer``, ``real``, ``boolean``,
and ``list`` of nested ``<att>``) and a ``<graphics>`` element with its place (``x``, ``y``,
screen coordinates), size (``w``, ``h``) and ``fill`` colour. A node's label is its ``label``
or its ``name``; an edge's ``interaction`` is its relationship type. The graph is directed
unless it says ``directed="0"``; an edge may say otherwise (``cy:directed``). Cytoscape's
bookkeeping (``shared name``, ``selected``, SUIDs) is dropped, as in its GraphML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from sysmap.io.colours import parse_colour
from sysmap.io.graphml_dialects import ReadOptions
from sysmap.io.graphml_parse import RawEdge, RawGraph, RawNode
from sysmap.io.graphml_read import build_map
from sysmap.io.graphml_schema import decode_value, shown
from sysmap.io.map_limits import MAP_XML_LIMITS
from sysmap.io.result import LoadResult
from sysmap.io.safe_xml import local_name, parse_xml
from sysmap.model.errors import MapFileError, ValidationError

_TYPES = {"integer": "long", "real": "double", "boolean": "boolean", "string": "string"}
_BOOKKEEPING = frozenset({"shared name", "shared interaction", "selected", "SUID", "name"})


def read_xgmml(path: Path) -> LoadResult:
    """Read a Cytoscape XGMML network.

    Raises
    ------
    MapFileError
        If the file is not XGMML or cannot be read as a map; the message says why.
    """
    path = Path(path)
    root = parse_xml(path, MAP_XML_LIMITS)
    if local_name(root.tag) != "graph":
        raise MapFileError(str(path), "it is XML but not an XGMML network")
    name = path.name
    warnings: list[str] = []
    raw = RawGraph([], {}, [], [], root.get("directed", "1") != "0", warnings)
    title = root.get("label")
    if title and title.strip():
        raw.graph_data["title"] = title.strip()
    try:
        for element in root:
            tag = local_name(element.tag)
            if tag == "node":
                raw.nodes.append(_node(element, name, warnings))
            elif tag == "edge":
                raw.edges.append(_edge(element, raw.directed, name, warnings))
    except ValidationError as exc:
        raise MapFileError.refused(str(path), exc) from None
    return build_map(
        raw, str(path), path.stem, ReadOptions("XGMML from Cytoscape", readable_ids=True)
    )


def _node(element: ET.Element, name: str, warnings: list[str]) -> RawNode:
    node_id = element.get("id")
    if not node_id:
        raise ValidationError("A node in the file has no id.")
    label = element.get("label")
    whose = f"the node '{node_id}'"
    if label and label.strip() and label != node_id:
        whose = f"the node '{shown(label.strip())}' (id '{node_id}')"
    values = _atts(element, name, whose, warnings)
    data = {k: v for k, v in values.items() if k not in _BOOKKEEPING}
    label = label or values.get("name")
    if isinstance(label, str) and label.strip():
        data["label"] = label
    graphics = next((c for c in element if local_name(c.tag) == "graphics"), None)
    if graphics is not None:
        for axis in ("x", "y"):
            if graphics.get(axis) is not None:
                data[axis] = _number(graphics.get(axis, ""), f"the {axis} position of {whose}")
        colour = parse_colour(graphics.get("fill"))
        if colour:
            data["colour"] = colour
    return RawNode(node_id, data)


def _edge(element: ET.Element, directed: bool, name: str, warnings: list[str]) -> RawEdge:
    source, target = element.get("source"), element.get("target")
    if not source or not target:
        raise ValidationError(f"The edge '{element.get('id', '')}' has no source or target.")
    whose = f"the edge from '{source}' to '{target}'"
    values = _atts(element, name, whose, warnings)
    data = {k: v for k, v in values.items() if k not in _BOOKKEEPING}
    said = next((v for k, v in element.attrib.items() if local_name(k) == "directed"), None)
    if said is not None:
        directed = said not in ("0", "false")
    return RawEdge(element.get("id"), source, target, directed, data)


def _atts(element: ET.Element, name: str, whose: str, warnings: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for att in (c for c in element if local_name(c.tag) == "att"):
        att_name = att.get("name")
        if not att_name:
            continue
        if att.get("type") == "list":
            items = [str(a.get("value")) for a in att if a.get("value") is not None]
            found[att_name] = "|".join(items)
            continue
        text = att.get("value")
        if text is None:
            continue
        type_ = _TYPES.get(att.get("type", "string"), "string")
        try:
            found[att_name] = decode_value(text, type_)
        except ValidationError:
            noun = "whole number" if type_ == "long" else "number" if type_ == "double" else type_
            warnings.append(
                f"In {name}, the attribute '{att_name}' of {whose} is '{shown(text)}', which "
                f"is not a {noun} as the file declares; it was kept as text."
            )
            found[att_name] = text
    return found


def _number(text: str, what: str) -> float:
    try:
        return float(decode_value(text, "double"))
    except ValidationError:
        raise ValidationError(
            f"The {what} is '{shown(text)}', which is not a finite number."
        ) from None
