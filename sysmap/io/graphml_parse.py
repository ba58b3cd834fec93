"""Parse any GraphML dialect into plain records, before deciding what they mean.

GraphML from networkx, igraph, Gephi, yEd and Cytoscape differ in small ways that break
strict readers: Cytoscape writes no namespace and declares every key ``for="node"`` (even
those used on edges) three times over; igraph declares the same key id for graph and node
and relies on ``<default>`` values; yEd nests graphs inside group nodes and keeps labels in
its own graphics block. This module tolerates all of that and records what it had to guess
as warnings; :mod:`sysmap.io.graphml_read` turns the records into a map.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from sysmap.io.graphml_schema import GRAPHML_TYPES, decode_value, shown
from sysmap.io.safe_xml import local_name
from sysmap.model.errors import MapFileError, ValidationError

# yFiles for HTML (yEd Live) marks its graphics keys with this URI prefix instead of yfiles.type.
YFILES_COMMON_URI = "http://www.yworks.com/xml/yfiles-common/"


@dataclass(frozen=True)
class RawKey:
    """A ``<key>`` declaration as the file wrote it."""

    id: str
    domain: str
    name: str
    type: str
    typed: bool
    default: str | None
    yfiles_type: str | None
    uri: str | None = None
    desc: str | None = None
    """The key's ``<desc>``: in sysmap's own files, the attribute's real name when that is no
    NMTOKEN (``attr.name`` must be one)."""

    @property
    def is_graphics(self) -> bool:
        """Whether the key holds yFiles drawing data rather than an attribute."""
        return bool(self.yfiles_type) or (self.uri or "").startswith(YFILES_COMMON_URI)


@dataclass
class RawNode:
    """A ``<node>``: its id, decoded data by attribute name, and any yFiles graphics."""

    id: str
    data: dict[str, Any] = field(default_factory=dict)
    graphics: ET.Element | None = None
    parent: str | None = None
    is_group: bool = False
    xaml: dict[str, ET.Element] = field(default_factory=dict)


@dataclass
class RawEdge:
    """An ``<edge>``: its ends, optional id and direction, decoded data and graphics."""

    id: str | None
    source: str
    target: str
    directed: bool
    data: dict[str, Any] = field(default_factory=dict)
    graphics: ET.Element | None = None
    xaml: dict[str, ET.Element] = field(default_factory=dict)


@dataclass
class RawGraph:
    """Everything read from a GraphML file, by element kind."""

    keys: list[RawKey]
    graph_data: dict[str, Any]
    nodes: list[RawNode]
    edges: list[RawEdge]
    directed: bool
    warnings: list[str]
    comment: str = ""
    namespaced: bool = True
    shared: dict[str, ET.Element] = field(default_factory=dict)
    """yFiles-for-HTML shared resources (colours…), by their ``x:Key``."""
    short_texts: bool = False
    """Whether every attribute name and text value is known, as read, to be within
    ``MAX_LABEL_CHARS`` (so the builder need not look at each record's texts again)."""


class KeyTable:
    """Looks keys up by (id, domain), falling back to the id alone (for Cytoscape)."""

    def __init__(self, keys: list[RawKey], file: str = "the file") -> None:
        self.file = file
        self.by_domain: dict[tuple[str, str], RawKey] = {}
        self.by_id: dict[str, RawKey] = {}
        for key in keys:
            self.by_domain.setdefault((key.id, key.domain), key)
            self.by_id.setdefault(key.id, key)

    def find(self, key_id: str, domain: str) -> RawKey | None:
        return (
            self.by_domain.get((key_id, domain))
            or self.by_domain.get((key_id, "all"))
            or self.by_id.get(key_id)
        )

    def defaults(self, domain: str) -> list[RawKey]:
        return [
            k
            for k in self.by_domain.values()
            if k.default is not None and k.domain in (domain, "all") and not k.is_graphics
        ]


def parse_graphml(root: ET.Element, name: str) -> RawGraph:
    """Read the records of a GraphML document.

    Parameters
    ----------
    root : xml.etree.ElementTree.Element
        The parsed ``<graphml>`` element.
    name : str
        The file name, for messages.

    Raises
    ------
    MapFileError
        If the document is not GraphML or has no graph.
    """
    if local_name(root.tag) != "graphml":
        raise MapFileError(
            name,
            "it is XML but not a GraphML map",
            hint="Open it with the program that made it and export GraphML.",
        )
    warnings: list[str] = []
    graph = next((g for g in root if local_name(g.tag) == "graph"), None)
    # Some writers declare keys inside the <graph> rather than before it; they count too.
    declared = [*root, *(graph if graph is not None else ())]
    keys = settle_keys([read_key(k) for k in declared if local_name(k.tag) == "key"], warnings)
    if graph is None:
        raise MapFileError(name, "it has no graph in it")
    table = KeyTable(keys, PurePath(name).name)
    raw = RawGraph(keys, {}, [], [], graph.get("edgedefault", "directed") != "undirected", warnings)
    raw.namespaced = root.tag.startswith("{")
    raw.graph_data = read_data(graph, "graph", table, warnings).values
    raw.shared = shared_resources(root)
    try:
        _read_graph(graph, None, table, raw)
    except ValidationError as exc:
        raise MapFileError.refused(name, exc) from None
    apply_defaults(raw, table, warnings)
    _warn_ignored(root, warnings)
    return raw


def settle_keys(keys: list[RawKey], warnings: list[str]) -> list[RawKey]:
    """The keys as read: sysmap's own files name attributes in ``<desc>``; untyped ones
    are text, with a warning."""
    if any(k.name == "sysmap_format" and k.domain == "graph" for k in keys):
        keys = [dataclasses.replace(k, name=k.desc) if k.desc else k for k in keys]
    untyped = sorted({k.name for k in keys if not k.typed and not k.is_graphics})
    if untyped:
        warnings.append(
            f"{len(untyped)} attribute(s) had no declared type and were read as "
            f"text: {', '.join(untyped[:6])}."
        )
    return keys


def read_key(element: ET.Element) -> RawKey:
    """A ``<key>`` element as a record."""
    key_id = element.get("id", "")
    attr_type = element.get("attr.type")
    default_el = next((c for c in element if local_name(c.tag) == "default"), None)
    desc_el = next((c for c in element if local_name(c.tag) == "desc"), None)
    default = None
    if default_el is not None and len(default_el) == 0:
        default = default_el.text or ""
    return RawKey(
        id=key_id,
        domain=element.get("for", "all"),
        name=element.get("attr.name") or key_id,
        type=attr_type if attr_type in GRAPHML_TYPES else "string",
        typed=attr_type is not None,
        default=default,
        yfiles_type=element.get("yfiles.type"),
        uri=next((v for k, v in element.attrib.items() if local_name(k) == "attr.uri"), None),
        desc=desc_el.text if desc_el is not None and desc_el.text else None,
    )


@dataclass
class _Data:
    values: dict[str, Any] = field(default_factory=dict)
    graphics: ET.Element | None = None
    xaml: dict[str, ET.Element] = field(default_factory=dict)


def read_data(element: ET.Element, domain: str, table: KeyTable, warnings: list[str]) -> _Data:
    """The ``<data>`` children of ``element``: values decoded by name, and any drawing."""
    found = _Data()
    for child in element:
        tag = child.tag
        if tag not in DATA_TAGS and local_name(tag) != "data":
            continue
        key = table.find(child.get("key", ""), domain)
        if key is None:
            found.values[child.get("key", "")] = child.text or ""
        elif key.yfiles_type in ("nodegraphics", "edgegraphics"):
            found.graphics = child
        elif key.is_graphics:
            if key.uri:
                found.xaml[key.name] = child
        else:
            found.values[key.name] = decode(
                child.text or "", key, warnings, table.file, (element, domain)
            )
    return found


DATA_TAGS = frozenset({"data", "{http://graphml.graphdrawing.org/xmlns}data"})
"""A ``<data>`` element's tag as most files write it: known without :func:`local_name`."""


def _owner(element: ET.Element, domain: str) -> str:
    """The element a value belongs to, as a message names it ("the node 'n1'")."""
    if domain == "edge":
        return f"the edge from '{element.get('source')}' to '{element.get('target')}'"
    if domain == "node":
        return f"the node '{element.get('id')}'"
    return "the graph"


def shared_resources(root: ET.Element) -> dict[str, ET.Element]:
    """yFiles-for-HTML shared resources (colours…) in the document's own data, by ``x:Key``."""
    resources: dict[str, ET.Element] = {}
    for data in (c for c in root if local_name(c.tag) == "data"):
        for element in data.iter():
            key = next((v for k, v in element.attrib.items() if local_name(k) == "Key"), None)
            if key is not None:
                resources[key] = element
    return resources


def decode(
    text: str, key: RawKey, warnings: list[str], file: str, owner: str | tuple[ET.Element, str]
) -> Any:
    """A value of its key's type, else the text with a warning naming ``owner``.

    ``owner`` may be the element and its domain, named (:func:`_owner`) only for a warning:
    a big file's values are read by the hundred thousand and almost never need it.
    """
    try:
        return decode_value(text, key.type)
    except ValidationError as exc:
        if isinstance(owner, tuple):
            owner = _owner(*owner)
        quoted = f"'{shown(text)}'"
        problem = str(exc).removeprefix(quoted).strip()  # "is not a number"
        warnings.append(
            f"In {file}, the attribute '{key.name}' of {owner} is {quoted}, which {problem}; "
            "it was kept as text."
        )
        return text


def _read_graph(graph: ET.Element, parent: str | None, table: KeyTable, raw: RawGraph) -> None:
    for child in graph:
        tag = local_name(child.tag)
        if tag == "node":
            _read_node(child, parent, table, raw)
        elif tag == "edge":
            _read_edge(child, table, raw)


def _read_node(element: ET.Element, parent: str | None, table: KeyTable, raw: RawGraph) -> None:
    node_id = element.get("id")
    if node_id is None:
        raise ValidationError("a node has no id")
    data = read_data(element, "node", table, raw.warnings)
    nested = [g for g in element if g.tag not in DATA_TAGS and local_name(g.tag) == "graph"]
    is_group = bool(nested) or element.get("yfiles.foldertype") in ("group", "folder")
    raw.nodes.append(RawNode(node_id, data.values, data.graphics, parent, is_group, data.xaml))
    for inner in nested:
        _read_graph(inner, node_id, table, raw)


def _read_edge(element: ET.Element, table: KeyTable, raw: RawGraph) -> None:
    source, target = element.get("source"), element.get("target")
    if source is None or target is None:
        raise ValidationError("a relationship is missing its source or target")
    data = read_data(element, "edge", table, raw.warnings)
    directed_attr = element.get("directed")
    directed = raw.directed if directed_attr is None else directed_attr == "true"
    raw.edges.append(
        RawEdge(element.get("id"), source, target, directed, data.values, data.graphics, data.xaml)
    )


def apply_defaults(raw: RawGraph, table: KeyTable, warnings: list[str]) -> None:
    """Give every node and edge its keys' ``<default>`` values where it has none."""
    for domain, items in (("node", raw.nodes), ("edge", raw.edges)):
        for key in table.defaults(domain):
            owner = f"every {domain} (its default)"
            value = decode(key.default or "", key, warnings, table.file, owner)
            for item in items:
                item.data.setdefault(key.name, value)


def _warn_ignored(root: ET.Element, warnings: list[str]) -> None:
    # endswith first: a quick test on the C side for each of a big file's elements.
    counts = Counter(
        local_name(tag)
        for tag in (e.tag for e in root.iter())
        if tag.endswith(("port", "hyperedge")) and local_name(tag) in ("port", "hyperedge")
    )
    warn_ignored(counts, warnings)


def warn_ignored(counts: Mapping[str, int], warnings: list[str]) -> None:
    """Say how many ports and hyperedges (by local tag name in ``counts``) were left out."""
    if counts["port"]:
        warnings.append(
            f"{counts['port']} port(s) were ignored: sysmap joins relationships "
            "to stakeholders, not to points on them."
        )
    if counts["hyperedge"]:
        warnings.append(
            f"{counts['hyperedge']} hyperedge(s) were ignored: sysmap maps "
            "relationships between two stakeholders."
        )
