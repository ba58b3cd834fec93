"""Write a map as GEXF 1.3, so Gephi, Gephi Lite and networkx open it drawn as in sysmap.

Every stakeholder gets ``viz:position`` (y mirrored: Gephi's y axis points up), ``viz:color``
(its own colour, else its sector's) and ``viz:size``; every relationship its ``weight``, a
``label`` (the relationship type as people read it) and the colour of its status.

Directions: a map whose relationships all run one way is a directed graph, one whose
relationships are all mutual an undirected graph. A map with both is written as a directed
graph in which every relationship runs from its source to its target, each keeping sysmap's
``directed`` attribute (``false`` for a mutual one): networkx cannot read a mixed GEXF graph
at all, and Gephi turns a ``mutual`` edge into two while Gephi Lite reads it as one, so this
is the only form in which all three read the same number of relationships, the same way
round. The file is valid GEXF 1.3: the map's title is in ``<keywords>``, as the schema's
``<meta>`` has no title. sysmap's fields and custom attributes are typed
``<attributes>`` columns, named as in the native GraphML, so the file reads back into sysmap
with its labels, sectors, places, relationship types and positions (see
:mod:`sysmap.io.gexf`). Output is deterministic: no dates, elements sorted by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sysmap.io.gexf import SYSMAP_CREATOR
from sysmap.io.graphml_schema import encode_value, infer_type
from sysmap.io.xml_text import xml_attr, xml_text
from sysmap.model.entities import RELATIONSHIP_FIELD_ORDER, STAKEHOLDER_FIELD_ORDER
from sysmap.model.style import fill_colour, hex_to_rgb, line_style
from sysmap.model.system_map import SystemMap

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
DEFAULT_SIZE = 10.0
_TO_GEXF = {"int": "integer", "long": "long", "double": "double", "boolean": "boolean"}
# Fields written as the node's own GEXF parts rather than as attribute columns.
_NODE_OWN = {"label", "x", "y"}
_EDGE_OWN = {"weight"}


def write_gexf(system_map: SystemMap) -> bytes:
    """Return the map as GEXF 1.3, UTF-8 encoded."""
    graph = system_map.graph
    node_columns = _columns(
        (d for _, d in graph.nodes(data=True)), STAKEHOLDER_FIELD_ORDER, _NODE_OWN
    )
    edge_columns = _columns(
        (d for _, _, d in graph.edges(data=True)), RELATIONSHIP_FIELD_ORDER, _EDGE_OWN
    )
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" version="1.3">\n',
        "  <meta>\n",
        f"    <creator>{SYSMAP_CREATOR}</creator>\n",
        f"    <keywords>{xml_text(system_map.title)}</keywords>\n",
        f"    <description>{xml_text(system_map.description)}</description>\n",
        "  </meta>\n",
        f'  <graph defaultedgetype="{_graph_direction(system_map)}" mode="static">\n',
    ]
    out += _declarations("node", node_columns)
    out += _declarations("edge", edge_columns)
    out.append("    <nodes>\n")
    for node_id in sorted(graph.nodes):
        out += _node(system_map, node_id, graph.nodes[node_id], node_columns)
    out.append("    </nodes>\n    <edges>\n")
    kind = _graph_direction(system_map)
    for source, target, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        out += _edge(system_map, (source, target, key, kind), data, edge_columns)
    out.append("    </edges>\n  </graph>\n</gexf>\n")
    return "".join(out).encode("utf-8")


def _graph_direction(system_map: SystemMap) -> str:
    """``undirected`` when every relationship is mutual, else ``directed``."""
    edges = system_map.graph.edges(data=True)
    mutual = [not d.get("directed", True) for _, _, d in edges]
    return "undirected" if mutual and all(mutual) else "directed"


def _columns(
    items: Iterable[Mapping[str, Any]], builtins: tuple[str, ...], own: set[str]
) -> dict[str, str]:
    values: dict[str, list[Any]] = {}
    for data in items:
        for name, value in data.items():
            if name not in own:
                values.setdefault(name, []).append(value)
    ordered = [n for n in builtins if n in values] + sorted(n for n in values if n not in builtins)
    return {name: infer_type(values[name]) for name in ordered}


def _declarations(domain: str, columns: Mapping[str, str]) -> list[str]:
    if not columns:
        return []
    lines = [f'    <attributes class="{domain}" mode="static">\n']
    for name, type_ in columns.items():
        gexf_type = _TO_GEXF.get(type_, "string")
        lines.append(
            f'      <attribute id="{xml_attr(name)}" title="{xml_attr(name)}" '
            f'type="{gexf_type}"/>\n'
        )
    lines.append("    </attributes>\n")
    return lines


def _attvalues(data: Mapping[str, Any], columns: Mapping[str, str], indent: str) -> list[str]:
    present = [name for name in columns if name in data]
    if not present:
        return []
    lines = [f"{indent}<attvalues>\n"]
    for name in present:
        value = encode_value(data[name], columns[name])
        lines.append(f'{indent}  <attvalue for="{xml_attr(name)}" value="{xml_attr(value)}"/>\n')
    lines.append(f"{indent}</attvalues>\n")
    return lines


def _node(
    system_map: SystemMap, node_id: str, data: Mapping[str, Any], columns: Mapping[str, str]
) -> list[str]:
    r, g, b = hex_to_rgb(fill_colour(data, system_map.sectors))
    size = data.get("size") or DEFAULT_SIZE
    lines = [f'      <node id="{xml_attr(node_id)}" label="{xml_attr(str(data["label"]))}">\n']
    lines += _attvalues(data, columns, "        ")
    lines += [
        f'        <viz:color r="{r}" g="{g}" b="{b}"{_alpha(data)}/>\n',
        f'        <viz:position x="{float(data.get("x", 0.0))!r}" '
        f'y="{-float(data.get("y", 0.0))!r}" z="0.0"/>\n',
        f'        <viz:size value="{float(size)!r}"/>\n',
        "      </node>\n",
    ]
    return lines


def _alpha(data: Mapping[str, Any]) -> str:
    """The colour's opacity (``a``), kept from a Gephi file in the ``opacity`` attribute."""
    opacity = data.get("opacity")
    if isinstance(opacity, int | float) and not isinstance(opacity, bool) and 0 <= opacity <= 1:
        return f' a="{float(opacity)!r}"'
    return ""


def _edge(
    system_map: SystemMap,
    ends: tuple[str, str, str, str],
    data: Mapping[str, Any],
    columns: Mapping[str, str],
) -> list[str]:
    source, target, key, kind = ends
    relation = data.get("relation")
    label = system_map.relation_types.label(relation) if relation else ""
    weight = f' weight="{float(data["weight"])!r}"' if data.get("weight") is not None else ""
    r, g, b = hex_to_rgb(line_style(data.get("status")).colour)
    lines = [
        f'      <edge id="{xml_attr(key)}" source="{xml_attr(source)}" '
        f'target="{xml_attr(target)}" type="{kind}" label="{xml_attr(label)}"{weight}>\n'
    ]
    lines += _attvalues(data, columns, "        ")
    lines += [f'        <viz:color r="{r}" g="{g}" b="{b}"/>\n', "      </edge>\n"]
    return lines
