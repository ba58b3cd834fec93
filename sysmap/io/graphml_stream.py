"""Read a GraphML file's records in one streaming pass of lxml, screening as it goes.

This is the quick way through :func:`sysmap.io.graphml_parse.parse_graphml`'s work: lxml's
parser (libxml2, in C) is fed the file in pieces and reports only the elements the records
are made of (``<graph>``, ``<node>``, ``<edge>``, ``<key>``, and the ``<port>`` and
``<hyperedge>`` that are counted to be ignored); each node or edge is read when it ends and
then dropped, so memory stays flat however big the map, and nothing inside a yFiles drawing
is ever visited in Python unless the file is another tool's and the drawing is needed.

Screening happens in the same pass. The parser never resolves an entity, never loads a DTD
and never touches the network. The count of start tags is bounded from the bytes as they
arrive (each needs a ``<``), so a file of millions of elements is
stopped before it is built. Anything out of the ordinary (a DOCTYPE, seen at the first
element, before anything else is built; a parse error; nesting past the careful reader's
depth, checked on the tree after each piece; more elements, stakeholders or
relationships than sysmap accepts; keys or graph data after the nodes; a node without an
id) makes :func:`read_records` return ``None``, and the caller reads the file the careful
way (:func:`sysmap.io.safe_xml.parse_xml`), which refuses or reads it with exactly the
sentences it always has. Ordinary files never take that way.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

from sysmap.io.graphml_parse import (
    KeyTable,
    RawEdge,
    RawGraph,
    RawKey,
    RawNode,
    apply_defaults,
    decode,
    read_data,
    read_key,
    settle_keys,
    shared_resources,
    warn_ignored,
)
from sysmap.io.graphml_schema import GRAPHML_NS
from sysmap.io.safe_xml import XmlLimits, local_name
from sysmap.model.limits import MAX_LABEL_CHARS
from sysmap.model.progress import report

_PIECE = 64 * 1024
"""Bytes fed to the parser at a time. libxml2 is quickest fed in small pieces: a 21 MB file
took 0.32 s in 64 KB pieces and 0.49 s in 1 MB ones (and 16 MB exceeds its buffer cap)."""
_TAGS = ("graphml", "graph", "node", "edge", "key", "port", "hyperedge")
"""The root (reported first, to look at the prolog before anything else is built) and the
elements the records are made of."""
_KINDS = {tag: tag for tag in _TAGS} | {f"{{{GRAPHML_NS}}}{tag}": tag for tag in _TAGS}
"""Each reported tag as files write it (with GraphML's namespace or none) to its kind."""


_TEXT, _NUMBER, _TYPED, _UNKNOWN, _DRAWING, _XAML, _SKIP = (
    "text",
    "number",
    "typed",
    "unknown",
    "drawing",
    "xaml",
    "skip",
)
"""How a ``<data>`` element is read (see :meth:`_Reader._plan`)."""
_READINGS = {"string": _TEXT, "double": _NUMBER, "float": _NUMBER}
"""How a value of each declared type is read (any other type: decoded in full, ``_TYPED``)."""


_LOOSE = 200_000
"""Elements (at most) the tree may gather outside the nodes and edges it lets go (a yFiles
node has about 20): more is no ordinary map, and is left to the careful reader, which counts
them before building anything. This keeps the tree small: a file of three million empty
elements would otherwise be built whole (360 MB) before the count refused it."""


class _CarefulError(Exception):
    """The file needs the careful reader (see the module docstring)."""


def read_records(path: Path, name: str, limits: XmlLimits) -> RawGraph | None:
    """Read ``path`` into records in one pass, or return ``None`` if it needs the careful way.

    Parameters
    ----------
    path : pathlib.Path
        A regular file no bigger than ``limits.max_bytes`` (the caller has checked).
    name : str
        The file name, for warnings.
    limits : XmlLimits
        The caps on elements and on stakeholders and relationships.

    Returns
    -------
    RawGraph or None
        The records, exactly as the careful reader would make them; ``None`` when the file
        is not ordinary, and nothing was kept.
    """
    from lxml import etree  # only when a file is read: `sysmap --help` need not load it

    reader = _Reader(name, limits, _nested_past(etree, limits.max_depth))
    parser = etree.XMLPullParser(
        events=("start", "end"),
        tag=[f"{{*}}{tag}" for tag in _TAGS],
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,  # as ElementTree reads them: text on both sides of a comment joins
        remove_pis=True,
        huge_tree=False,
    )
    try:
        with open(path, "rb") as stream:
            size = max(1, stream.seek(0, 2))
            stream.seek(0)
            done = 0
            while piece := stream.read(_PIECE):
                reader.bound(piece)
                parser.feed(piece)
                reader.take(parser.read_events())
                done += len(piece)
                report(done / size)
            root = parser.close()
        reader.take(parser.read_events())
        return reader.finish(root)
    except (_CarefulError, etree.LxmlError, OSError, LookupError, UnicodeError, ValueError):
        return None  # ValueError includes ValidationError; the careful reader words it


class _Reader:
    """What one pass has found so far, and what to do with each reported element."""

    def __init__(self, name: str, limits: XmlLimits, nested_past: Any) -> None:
        self.name = name
        self.limits = limits
        self.nested_past = nested_past  # true of a tree nested past limits.max_depth
        self.caps = {tag: cap for tag, cap, _ in limits.counted}
        self.tags: Counter[str] = Counter()
        self.started = 0  # an upper bound on the elements so far
        self.loose = 0  # and on those since a node or an edge was read and let go
        self.root: Any = None
        self.graph: Any = None
        self.graphs: dict[Any, str | None] = {}  # accepted graphs, by the node they are in
        self.open_nodes: dict[Any, tuple[int, int]] = {}  # node -> (its slot, warnings then)
        self.root_keys: list[RawKey] = []
        self.graph_keys: list[RawKey] = []
        self.table: KeyTable | None = None
        self.graph_data_read = -1
        self.warnings: list[str] = []
        self.raw: RawGraph | None = None
        self.nodes: list[RawNode | None] = []
        self.long_texts = False  # whether any name or text read is over MAX_LABEL_CHARS
        self.file = Path(name).name
        self.plans: dict[str, dict[str, tuple[str, Any]]] = {"node": {}, "edge": {}}

    def bound(self, piece: bytes) -> None:
        """Count start tags (at most) in a piece of the file before it is parsed."""
        tags = piece.count(b"<")  # end tags too: a looser bound, in half the time
        self.started += tags
        self.loose += tags
        if self.started > self.limits.max_elements or self.loose > _LOOSE:
            raise _CarefulError  # perhaps too many: the careful reader counts exactly

    def take(self, events: Any) -> None:
        """Act on the elements the parser has reported since the last piece.

        Before any of them is let go, the tree as it stands (everything parsed since the last
        piece, and what was kept) is checked for nesting past the limit: every element is in
        the tree at one such check, as elements are only let go here, after it.
        """
        events = list(events)
        if self.root is None and events:
            self._first(events[0][1])
        if self.root is not None and self.nested_past(self.root):
            raise _CarefulError  # refused, with the careful reader's sentence
        for event, element in events:
            tag = element.tag
            kind = _KINDS.get(tag) or local_name(tag)
            if event == "start":
                if kind == "node":
                    self._node_starts(element)
                elif kind == "graph":
                    self._graph_starts(element)
            elif kind == "edge":
                self._edge_ends(element)
            elif kind == "node":
                self._node_ends(element)
            elif kind == "key":
                self._key_ends(element)
            elif kind in ("port", "hyperedge"):
                self.tags[kind] += 1

    def _first(self, element: Any) -> None:
        tree = element.getroottree()
        # A DOCTYPE, harmless or not, is the careful reader's to judge: none is ever needed.
        if tree.docinfo.doctype or local_name(tree.getroot().tag) != "graphml":
            raise _CarefulError
        self.root = tree.getroot()

    def _count(self, tag: str) -> None:
        self.tags[tag] += 1
        if self.tags[tag] > self.caps.get(tag, self.tags[tag]):
            raise _CarefulError  # refused, with the careful reader's sentence

    def _graph_starts(self, element: Any) -> None:
        parent = element.getparent()
        if parent is self.root and self.graph is None:
            self.graph = element
            self.graphs[element] = None
            directed = element.get("edgedefault", "directed") != "undirected"
            self.raw = RawGraph([], {}, [], [], directed, self.warnings)
        elif parent in self.open_nodes:  # a group node's own graph
            self.graphs[element] = parent.get("id")

    def _table(self) -> KeyTable:
        """The keys, settled at the first node or edge (after which no key may come)."""
        if self.table is None:
            assert self.raw is not None  # a node or edge is only accepted inside the graph
            self.raw.keys = settle_keys(self.root_keys + self.graph_keys, self.warnings)
            self.table = KeyTable(self.raw.keys, Path(self.name).name)
            self._read_graph_data()
        return self.table

    def _read_graph_data(self) -> None:
        assert self.raw is not None
        assert self.table is not None
        data = read_data(self.graph, "graph", self.table, self.warnings)
        self.raw.graph_data = data.values
        self.graph_data_read = _data_children(self.graph)

    def _node_starts(self, element: Any) -> None:
        self._count("node")
        if element.getparent() not in self.graphs:
            return
        if element.get("id") is None:
            raise _CarefulError  # refused by the careful reader
        self._table()
        self.open_nodes[element] = (len(self.nodes), len(self.warnings))
        self.nodes.append(None)  # its slot, in document order as the careful reader has it

    def _node_ends(self, element: Any) -> None:
        slot = self.open_nodes.pop(element, None)
        if slot is None:
            return
        index, warned = slot
        found: list[str] = []
        values, graphics, xaml, nested = self._data(element, "node", found)
        self.warnings[warned:warned] = found  # where the careful reader, reading it first, says
        is_group = nested or element.get("yfiles.foldertype") in ("group", "folder")
        parent = self.graphs[element.getparent()]
        self.nodes[index] = RawNode(element.get("id"), values, graphics, parent, is_group, xaml)
        _drop(element)
        self.loose = 0

    def _edge_ends(self, element: Any) -> None:
        self._count("edge")
        if element.getparent() not in self.graphs:
            return
        source, target = element.get("source"), element.get("target")
        if source is None or target is None:
            raise _CarefulError  # refused by the careful reader
        assert self.raw is not None
        values, graphics, xaml, _ = self._data(element, "edge", self.warnings)
        directed_attr = element.get("directed")
        directed = self.raw.directed if directed_attr is None else directed_attr == "true"
        self.raw.edges.append(
            RawEdge(element.get("id"), source, target, directed, values, graphics, xaml)
        )
        _drop(element)
        self.loose = 0

    def _data(self, element: Any, domain: str, warnings: list[str]) -> tuple[Any, ...]:
        """As :func:`~sysmap.io.graphml_parse.read_data` reads them, with each key's reading
        worked out once; also whether the element holds a graph of its own."""
        plans = self.plans[domain]
        values: dict[str, Any] = {}
        graphics = None
        xaml: dict[str, Any] = {}
        nested = domain == "node" and next(element.iterchildren("{*}graph"), None) is not None
        for child in element.iterchildren("{*}data"):  # matched in C, with or without namespace
            key_id = child.get("key", "")
            plan = plans.get(key_id) or self._plan(key_id, domain)
            how, key = plan
            if how is _TEXT:
                text = child.text or ""
                values[key.name] = text
                if len(text) > MAX_LABEL_CHARS:
                    self.long_texts = True
            elif how is _NUMBER:
                text = child.text or ""
                try:  # the common case in a line: what decode_value does for a good number
                    number = float(text)
                except ValueError:
                    number = math.nan
                if math.isfinite(number):
                    values[key.name] = number
                else:
                    values[key.name] = self._decode(text, key, warnings, element, domain)
            elif how is _TYPED:
                text = child.text or ""
                values[key.name] = self._decode(text, key, warnings, element, domain)
            elif how is _UNKNOWN:
                text = child.text or ""
                values[key_id] = text
                if len(text) > MAX_LABEL_CHARS:
                    self.long_texts = True
            elif how is _DRAWING:
                graphics = child
            elif how is _XAML:
                xaml[key.name] = child
        return values, graphics, xaml, nested

    def _decode(
        self, text: str, key: RawKey, warnings: list[str], element: Any, domain: str
    ) -> Any:
        value = decode(text, key, warnings, self.file, (element, domain))
        if len(text) > MAX_LABEL_CHARS:  # kept as text: too long to pass unchecked
            self.long_texts = True
        return value

    def _plan(self, key_id: str, domain: str) -> tuple[str, Any]:
        """How a ``<data>`` with this key is read, as ``read_data`` decides it."""
        key = self._table().find(key_id, domain)
        if len(key_id) > MAX_LABEL_CHARS or (key is not None and len(key.name) > MAX_LABEL_CHARS):
            self.long_texts = True  # a name the builder must look at
        if key is None:
            plan: tuple[str, Any] = (_UNKNOWN, None)
        elif key.yfiles_type in ("nodegraphics", "edgegraphics"):
            plan = (_DRAWING, key)
        elif key.is_graphics:
            plan = (_XAML if key.uri else _SKIP, key)
        else:
            plan = (_READINGS.get(key.type, _TYPED), key)
        self.plans[domain][key_id] = plan
        return plan

    def _key_ends(self, element: Any) -> None:
        parent = element.getparent()
        if parent is not self.root and (parent is not self.graph or self.graph is None):
            return
        if self.table is not None:
            raise _CarefulError  # a key after the first node: the careful reader sees keys first
        (self.root_keys if parent is self.root else self.graph_keys).append(read_key(element))

    def finish(self, root: Any) -> RawGraph:
        """The records, completed as :func:`~sysmap.io.graphml_parse.parse_graphml` does."""
        if self.raw is None or self.root is None or self.started == 0:
            raise _CarefulError  # no graph, or not GraphML: the careful reader says so
        self._table()
        if _data_children(self.graph) != self.graph_data_read:
            raise _CarefulError  # graph data after the nodes: read in the careful reader's order
        raw = self.raw
        raw.nodes = [node for node in self.nodes if node is not None]
        if len(raw.nodes) != len(self.nodes):
            raise _CarefulError
        raw.namespaced = root.tag.startswith("{")
        raw.shared = shared_resources(root)
        assert self.table is not None
        apply_defaults(raw, self.table, self.warnings)
        defaults = (k.default for k in raw.keys if k.default is not None)
        raw.short_texts = not self.long_texts and all(len(d) <= MAX_LABEL_CHARS for d in defaults)
        warn_ignored(self.tags, self.warnings)
        return raw


def _nested_past(etree: Any, depth: int) -> Any:
    """An XPath that is true of a root with an element nested more than ``depth`` deep.

    The root is 1 deep, so ``depth`` steps down from it reach the first element too deep.
    libxml2 walks it in C, one level at a time, so a tree of ordinary depth costs a few
    microseconds whatever the number of steps.
    """
    return etree.XPath("boolean(" + "/".join(["*"] * depth) + ")")


def _data_children(element: Any) -> int:
    return sum(1 for child in element if local_name(child.tag) == "data")


def _drop(element: Any) -> None:
    """Let the node or edge read before this one go, with all it holds.

    Anything the records keep of it, such as another tool's drawing, stays alive as long as
    it is kept. The element just read stays until the next one ends, as the parser may still
    be writing its tail.
    """
    previous = element.getprevious()
    if previous is not None and _KINDS.get(previous.tag) in ("node", "edge"):
        element.getparent().remove(previous)
