"""Write a map as native GraphML that Gephi, yEd, Cytoscape, igraph and networkx all open.

Saving is deterministic: no timestamps, keys in schema order then custom attributes by name,
stakeholders and relationships sorted by id. The same map gives the same bytes, so maps diff
cleanly in version control and re-saving a loaded file reproduces it byte for byte.

The file is valid against the GraphML 1.0 schema (the yFiles block aside), whose ids and
attribute names are NMTOKENs: no spaces, brackets or line breaks. An attribute called
"group path" is declared as ``attr.name="group_path"`` with its real name in the key's
``<desc>``; a stakeholder or relationship whose id is not an NMTOKEN (one kept from another
tool's file, such as "New York") is written under one that is, its real id in ``sysmap_id``.
sysmap reads both back exactly; other tools see the NMTOKEN forms.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sysmap.io.graphml_schema import (
    EDGE_SCHEMA,
    FORMAT_VERSION,
    GRAPH_SCHEMA,
    GRAPHML_NS,
    NODE_SCHEMA,
    ORIGINAL_ID,
    XSI_NS,
    YFILES_NS,
    KeyPlan,
    encode_value,
    infer_type,
)
from sysmap.io.xml_text import is_nmtoken, nmtoken, xml_attr, xml_text
from sysmap.io.yfiles import edge_graphics, node_graphics
from sysmap.model.style import fill_colour, hex_to_rgb
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import (
    DEFAULT_PLACES,
    DEFAULT_RELATION_TYPES,
    DEFAULT_SECTORS,
    KINDS,
    Vocabulary,
)

_DEFAULT_VOCABULARIES: dict[str, Vocabulary] = {
    "sectors": DEFAULT_SECTORS,
    "places": DEFAULT_PLACES,
    "kinds": KINDS,
    "relation_types": DEFAULT_RELATION_TYPES,
}
_NODE_BUILTINS = {name for name, _ in NODE_SCHEMA}

_EDGE_BUILTINS = {name for name, _ in EDGE_SCHEMA}


def write_graphml(system_map: SystemMap) -> bytes:
    """Return the map as native GraphML (schema version 1), UTF-8 encoded.

    Parameters
    ----------
    system_map : SystemMap

    Returns
    -------
    bytes
    """
    graph = system_map.graph
    plan = _plan_keys(system_map)
    ids = _file_ids(graph.nodes, set())
    edge_ids = _file_ids((k for _, _, k in graph.edges(keys=True)), set(ids.values()))
    if any(ids[n] != n for n in ids):
        plan.add("node", ORIGINAL_ID, "string")
    if any(edge_ids[e] != e for e in edge_ids):
        plan.add("edge", ORIGINAL_ID, "string")
    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}" xmlns:y="{YFILES_NS}" '
        f'xsi:schemaLocation="{GRAPHML_NS} http://www.yworks.com/xml/schema/graphml/1.1/'
        'ygraphml.xsd">\n',
    ]
    for spec in plan.keys:
        out.append(_key(spec.id, spec.domain, spec.name, spec.type))
    out.append('  <key id="nodegraphics" for="node" yfiles.type="nodegraphics"/>\n')
    out.append('  <key id="edgegraphics" for="edge" yfiles.type="edgegraphics"/>\n')
    out.append('  <graph id="G" edgedefault="directed">\n')
    for name, value in _graph_values(system_map):
        out.append(_data(plan, "graph", name, value, "    "))
    for node_id in sorted(graph.nodes):
        _write_node(out, plan, system_map, (node_id, ids[node_id]), graph.nodes[node_id])
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        _write_edge(out, plan, system_map, (ids[u], ids[v], key, edge_ids[key]), data)
    out.append("  </graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")


def _key(key_id: str, domain: str, name: str, type_: str) -> str:
    """A ``<key>``; a name that is no NMTOKEN is declared as one, its real name in ``<desc>``."""
    head = f'  <key id="{xml_attr(key_id)}" for="{domain}" attr.name="{xml_attr(nmtoken(name))}" '
    if is_nmtoken(name):
        return head + f'attr.type="{type_}"/>\n'
    return head + f'attr.type="{type_}">\n    <desc>{xml_text(name)}</desc>\n  </key>\n'


def _file_ids(ids: Iterable[str], taken: set[str]) -> dict[str, str]:
    """The id each stakeholder or relationship has in the file: its own, if an NMTOKEN."""
    found: dict[str, str] = {}
    awkward = []
    for item in ids:
        if is_nmtoken(item):
            found[item] = item
            taken.add(item)
        else:
            awkward.append(item)
    for item in sorted(awkward):
        base, n = nmtoken(item), 2
        written = base
        while written in taken:
            written, n = f"{base}_{n}", n + 1
        found[item] = written
        taken.add(written)
    return found


def _plan_keys(system_map: SystemMap) -> KeyPlan:
    graph = system_map.graph
    plan = KeyPlan()
    for name, type_ in NODE_SCHEMA:
        plan.add("node", name, type_)
    node_custom = _custom_values((d for _, d in graph.nodes(data=True)), _NODE_BUILTINS)
    for name in sorted(node_custom):
        declared = system_map.attribute_types.get(("node", name))
        plan.add("node", name, infer_type(node_custom[name], declared))
    for name, type_ in EDGE_SCHEMA:
        plan.add("edge", name, type_)
    edge_custom = _custom_values((d for _, _, d in graph.edges(data=True)), _EDGE_BUILTINS)
    for name in sorted(edge_custom):
        declared = system_map.attribute_types.get(("edge", name))
        plan.add("edge", name, infer_type(edge_custom[name], declared))
    for name, type_ in GRAPH_SCHEMA:
        plan.add("graph", name, type_)
    for name in sorted(system_map.metadata):
        declared = system_map.attribute_types.get(("graph", name))
        plan.add("graph", name, infer_type([system_map.metadata[name]], declared))
    return plan


def _custom_values(items: Iterable[dict[str, Any]], builtins: set[str]) -> dict[str, list[Any]]:
    values: dict[str, list[Any]] = {}
    for data in items:
        for name, value in data.items():
            if name not in builtins:
                values.setdefault(name, []).append(value)
    return values


def _graph_values(system_map: SystemMap) -> list[tuple[str, Any]]:
    values: list[tuple[str, Any]] = [("sysmap_format", FORMAT_VERSION), ("title", system_map.title)]
    if system_map.description:
        values.append(("description", system_map.description))
    for name, default in _DEFAULT_VOCABULARIES.items():
        vocabulary = system_map.vocabulary(name)
        if vocabulary != default:
            values.append((name, vocabulary.to_json()))
    values += sorted(system_map.metadata.items())
    return values


def _write_node(
    out: list[str],
    plan: KeyPlan,
    system_map: SystemMap,
    ids: tuple[str, str],
    data: dict[str, Any],
) -> None:
    node_id, file_id = ids
    out.append(f'    <node id="{xml_attr(file_id)}">\n')
    # The yFiles block comes first: networkx copies its geometry into x/y, and our own
    # x/y data, read after it, must win.
    fill = fill_colour(data, system_map.sectors)
    # GraphML positions point y up, as Gephi, networkx and igraph plots expect; the scene's
    # y points down (as does yEd's block, written in scene coordinates).
    derived = {"name": data["label"], "y": 0.0 - data["y"]}
    derived.update(zip("rgb", hex_to_rgb(fill), strict=True))
    out.append(node_graphics(data, fill, "      "))
    for name, _ in NODE_SCHEMA:
        value = derived[name] if name in derived else data.get(name)
        if value is not None:
            out.append(_data(plan, "node", name, value, "      "))
    for name in sorted(k for k in data if k not in _NODE_BUILTINS):
        out.append(_data(plan, "node", name, data[name], "      "))
    if file_id != node_id:
        out.append(_data(plan, "node", ORIGINAL_ID, node_id, "      "))
    out.append("    </node>\n")


def _write_edge(
    out: list[str],
    plan: KeyPlan,
    system_map: SystemMap,
    ends: tuple[str, str, str, str],
    data: dict[str, Any],
) -> None:
    source, target, key, file_id = ends
    out.append(
        f'    <edge id="{xml_attr(file_id)}" source="{xml_attr(source)}" '
        f'target="{xml_attr(target)}">\n'
    )
    relation = data.get("relation")
    label = system_map.relation_types.label(relation) if relation else None
    out.append(edge_graphics(data, label, "      "))
    for name, _ in EDGE_SCHEMA:
        value = label if name == "label" else data.get(name)
        if value is not None:
            out.append(_data(plan, "edge", name, value, "      "))
    for name in sorted(k for k in data if k not in _EDGE_BUILTINS):
        out.append(_data(plan, "edge", name, data[name], "      "))
    if file_id != key:
        out.append(_data(plan, "edge", ORIGINAL_ID, key, "      "))
    out.append("    </edge>\n")


def _data(plan: KeyPlan, domain: str, name: str, value: Any, indent: str) -> str:
    spec = plan.get(domain, name)
    content = xml_text(encode_value(value, spec.type))
    return f'{indent}<data key="{xml_attr(spec.id)}">{content}</data>\n'
