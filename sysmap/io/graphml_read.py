"""Read GraphML, native or from another tool, into a map.

A native file (it carries ``sysmap_format``) is read exactly: its own keys are the truth and
derived keys (Cytoscape's ``name``, Gephi's ``r``/``g``/``b``, the yFiles block) are ignored.
A file from elsewhere is read generously: labels fall back to ``name``, the yFiles label or
the id; colours come from Gephi's ``r``/``g``/``b`` or yEd's fill; positions from ``x``/``y``
or yEd's geometry; every other attribute is kept with its type, so any categorical column is
there to group by. How each tool's dialect is recognised, and what that changes, is in
:mod:`sysmap.io.graphml_dialects`; what becomes of group nodes, in
:mod:`sysmap.io.graphml_groups`. Other formats (GEXF, Kumu, PRSM, CSV) are turned into the same
records and built here too, so every reader treats labels, colours and positions alike.

A file of 1 MB or more is read into records in one streaming pass that screens as it goes
(:mod:`.graphml_stream`, lxml); a smaller or unusual one by screening it first and then
parsing it (:mod:`.safe_xml`, :mod:`.graphml_parse`). Both make the same records.

One piece (about 500 lines): reading a file is one pass of the builder below over the
records; the schema and the screening of hostile files live in :mod:`.graphml_schema`,
:mod:`.graphml_stream` and :mod:`.safe_xml`.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

from sysmap.io.graphml_dialects import ReadOptions, detect_dialect
from sysmap.io.graphml_groups import GroupPlan, plan_groups
from sysmap.io.graphml_parse import RawEdge, RawGraph, RawNode, parse_graphml
from sysmap.io.graphml_schema import FORMAT_VERSION, ORIGINAL_ID, is_colour
from sysmap.io.graphml_stream import read_records
from sysmap.io.map_limits import (
    MAP_XML_LIMITS,
    MAX_LABEL_CHARS,
    check_counts,
    check_texts,
    stakeholder_named,
    texts_fine,
)
from sysmap.io.map_preview import offer_preview
from sysmap.io.map_preview import wanted as preview_wanted
from sysmap.io.result import LoadResult
from sysmap.io.safe_xml import check_size, parse_xml
from sysmap.io.yfiles import EdgeGraphics, NodeGraphics, read_edge_graphics, read_node_graphics
from sysmap.io.yfiles_html import read_edge_xaml, read_node_xaml
from sysmap.model.bulk import held_until_exit, paused_gc
from sysmap.model.entities import (
    RELATIONSHIP_FIELDS,
    STAKEHOLDER_FIELDS,
    Relationship,
    Stakeholder,
)
from sysmap.model.errors import MapFileError, ValidationError
from sysmap.model.ids import relationship_id
from sysmap.model.limits import MAX_COORDINATE
from sysmap.model.progress import part, report
from sysmap.model.style import rgb_to_hex
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import VOCABULARY_NAMES, VOCABULARY_NOUNS, Term, Vocabulary

_NODE_TEXT = ("kind", "sector", "place", "place_level", "description", "evidence", "short_name")
_EDGE_TEXT = ("relation", "status", "description", "evidence")
_NODE_DERIVED = {"name", "r", "g", "b"}
STREAM_FROM = 1024 * 1024
"""Files of this many bytes or more are read in one streaming pass of lxml
(:mod:`.graphml_stream`); smaller ones, where either way takes milliseconds, by the careful
reader, so that a small map's command never loads lxml (20 ms)."""
_REPORT_EVERY = 1000
"""Stakeholders or relationships built between two progress reports."""


def read_graphml(path: Path) -> LoadResult:
    """Read a GraphML file written by sysmap or by another tool.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    LoadResult

    Raises
    ------
    MapFileError
        If the file cannot be read as a map; the message says why.
    """
    path = Path(path)
    # The tree and the records are hundreds of thousands of containers, none of them garbage.
    with paused_gc(), part(0.0, 0.6):  # of the whole reading, for a progress bar
        size = check_size(path, MAP_XML_LIMITS.max_bytes)
        raw = read_records(path, str(path), MAP_XML_LIMITS) if size >= STREAM_FROM else None
        if raw is None:  # not an ordinary file: screened, then refused or read, as it always was
            root = parse_xml(path, MAP_XML_LIMITS)
            raw = parse_graphml(root, str(path))
            del root  # the records hold what is needed; let the tree go before the map is built
    report(0.7)
    try:
        with open(path, "rb") as stream:
            head = stream.read(2048)
    except OSError:
        head = b""
    held_until_exit(raw)  # freed when the function returns, unless a reading child ends next
    options = detect_dialect(raw, head)
    if preview_wanted():  # the window paints these columns while the map is built
        with paused_gc():
            offer_preview(raw, _header(raw, str(path), path.stem, options), options.flip_y)
    with paused_gc(), part(0.7, 1.0):
        return build_map(raw, str(path), path.stem, options)


def _header(raw: RawGraph, name: str, title: str, options: ReadOptions) -> SystemMap | None:
    """The map as a sysmap file's graph data make it (title, vocabularies), for a preview;
    ``None`` for another tool's file, or records the builder must look at closely first."""
    native = options.native if options.native is not None else "sysmap_format" in raw.graph_data
    if not native or not raw.short_texts:
        return None
    check_counts(len(raw.nodes), len(raw.edges), name)  # as build_map will, before any work
    builder = _Builder(raw, name, native, options)
    try:
        builder._read_graph_data(title)
    except ValidationError:
        return None  # build_map says why
    return builder.map


def build_map(
    raw: RawGraph, name: str, default_title: str, options: ReadOptions | None = None
) -> LoadResult:
    """Turn parsed records into a map (see the module docstring for the rules).

    Parameters
    ----------
    raw : RawGraph
        The records, from GraphML or from another format's reader.
    name : str
        The file name, for messages.
    default_title : str
        The map's title when the file gives none.
    options : ReadOptions, optional
        How to read this dialect; by default, as plain GraphML.
    """
    options = options or ReadOptions()
    check_counts(len(raw.nodes), len(raw.edges), name)
    for node in () if raw.short_texts else raw.nodes:  # checked as read, or record by record
        if not texts_fine(node.data):  # named only when there is something to check
            check_texts(node.data, stakeholder_named(node.data, node.id), name)
    for edge in () if raw.short_texts else raw.edges:
        if not texts_fine(edge.data):
            check_texts(edge.data, f"a relationship of '{edge.source[:40]}'", name)
    native = options.native if options.native is not None else "sysmap_format" in raw.graph_data
    builder = _Builder(raw, name, native, options)
    try:
        return builder.build(default_title)
    except ValidationError as exc:
        raise MapFileError.refused(name, exc) from None


class _Builder:
    def __init__(self, raw: RawGraph, name: str, native: bool, options: ReadOptions) -> None:
        self.raw = raw
        self.name = name
        self.native = native
        self.options = options
        self.warnings = list(raw.warnings)
        self.unpositioned: set[str] = set()
        self.labels_from_ids = 0
        self.map = SystemMap()
        self.ids: dict[str, str] = {}
        self._graphics: dict[str, NodeGraphics | None] = {}
        self._edge_ids: set[str] = set()
        self.negative_weights: list[tuple[RawEdge, float]] = []
        """Relationship ids taken so far, before they are added to the map in one go."""

    def build(self, default_title: str) -> LoadResult:
        self._read_graph_data(default_title)
        self._record_types()
        labels = {n.id: self._node_label(n) for n in self.raw.nodes}
        for node_id, label in labels.items():  # a label drawn by yEd is only known here
            if not (type(label) is str and len(label) <= MAX_LABEL_CHARS):
                check_texts({"label": label}, stakeholder_named({}, node_id), self.name)
        groups = plan_groups(self.raw, labels)
        every = _REPORT_EVERY
        total = max(1, len(self.raw.nodes) + len(self.raw.edges))
        made: list[tuple[str, Stakeholder]] = []
        for count, node in enumerate(self.raw.nodes):
            if count % every == 0:
                report(count / total)
            if node.id in self.ids:
                raise MapFileError(
                    self.name,
                    f"the stakeholder id '{node.id}' is used twice",
                    hint="Each node needs its own id.",
                )
            self.ids[node.id] = ""
            if node.id not in groups.dropped:
                made.append((node.id, self._stakeholder(node, labels, groups)))
        # All at once: the same checks as one by one, without the per-call bookkeeping.
        stored, _ = self.map.add_many(s for _, s in made)
        for (node_id, _), stakeholder in zip(made, stored, strict=True):
            self.ids[node_id] = stakeholder.id
        self.unpositioned = {self.ids[n] for n in self.unpositioned if self.ids[n]}
        group_note = groups.sentence()
        if group_note:
            self.warnings.append(group_note)
        self._add_relationships()
        if self.labels_from_ids:
            self.warnings.append(
                f"{self.labels_from_ids} stakeholder(s) had no label; their ids are used as names."
            )
        if self.unpositioned and len(self.unpositioned) < self.map.stakeholder_count:
            self.warnings.append(
                f"{len(self.unpositioned)} stakeholder(s) had no position "
                "and were placed automatically."
            )
        self.warnings += self.map.problems()
        return LoadResult(
            self.map, self.options.format_name, self.warnings, frozenset(self.unpositioned)
        )

    # -------------------------------------------------------------- graph level
    def _read_graph_data(self, default_title: str) -> None:
        data = dict(self.raw.graph_data)
        version = data.pop("sysmap_format", None)
        if self.native and isinstance(version, int) and version > FORMAT_VERSION:
            self.warnings.append(
                "This map was saved by a newer sysmap; parts of it may not "
                "show. Update sysmap to see everything."
            )
        title = data.pop("title", None)
        if not self.native:
            title = title or data.pop("name", None) or default_title
        description = data.pop("description", "")
        self.map.set_properties(title=str(title or ""), description=str(description))
        for vocab_name in VOCABULARY_NAMES:
            if self.native and isinstance(data.get(vocab_name), str):
                text = data.pop(vocab_name)
                noun = VOCABULARY_NOUNS[vocab_name]
                try:
                    vocabulary = Vocabulary.from_json(noun, text, self.warnings)
                    self.map.set_vocabulary(vocab_name, vocabulary)
                except ValidationError as exc:
                    self.warnings.append(f"{exc} The default {vocab_name} are used.")
        for key, value in sorted(data.items()):
            self.map.set_metadata(key, value)

    def _record_types(self) -> None:
        for key in self.raw.keys:
            if key.typed and key.domain in ("node", "edge", "graph") and key.name != ORIGINAL_ID:
                self.map.attribute_types.setdefault((key.domain, key.name), key.type)

    # -------------------------------------------------------------- stakeholders
    def _node_graphics(self, node: RawNode) -> NodeGraphics | None:
        """The drawing another tool gave the node (never used for sysmap's own files)."""
        if self.native:
            return None
        if node.id not in self._graphics:
            graphics = None
            if node.graphics is not None:
                graphics = read_node_graphics(node.graphics)
            elif node.xaml:
                graphics = read_node_xaml(node.xaml, self.raw.shared)
            self._graphics[node.id] = graphics
        return self._graphics[node.id]

    def _node_label(self, node: RawNode) -> str:
        label = node.data.get("label")
        if not self.native and not _text(label):
            label = node.data.get("name")
        graphics = self._node_graphics(node)
        if not _text(label) and graphics is not None:
            label = graphics.label
        if not _text(label):
            self.labels_from_ids += 1
            return node.id
        return str(label).strip()

    def _stakeholder(self, node: RawNode, labels: dict[str, str], groups: GroupPlan) -> Stakeholder:
        data = dict(node.data)
        readable = self.options.readable_ids and not self.native
        fields: dict[str, Any] = {"id": "" if readable else node.id, "label": labels[node.id]}
        graphics = self._node_graphics(node)
        if graphics is not None and graphics.shape and "shape" not in data:
            data["shape"] = graphics.shape
        data.pop("label", None)
        if self.native:
            for derived in _NODE_DERIVED:
                data.pop(derived, None)
            if isinstance(data.get(ORIGINAL_ID), str):  # the file's id had to be an NMTOKEN
                fields["id"] = data.pop(ORIGINAL_ID)
        else:
            self._foreign_node_fields(data, fields, graphics, labels[node.id])
        for name in _NODE_TEXT:
            if name in data:
                fields[name] = str(data.pop(name))
        if isinstance(data.get("tags"), str):
            fields["tags"] = tuple(t for t in data.pop("tags").split("|") if t.strip())
        for name in ("influence", "interest"):
            self._take_number(data, fields, name, 0.0, 1.0)
        self._take_number(data, fields, "size", 0.0, MAX_COORDINATE)
        self._position(node, data, fields, graphics)
        if isinstance(data.get("pinned"), bool):
            fields["pinned"] = data.pop("pinned")
        if isinstance(data.get("colour"), str) and is_colour(data["colour"]):
            fields["colour"] = data.pop("colour").upper()
        for name, value in groups.attributes(node.id).items():
            data.setdefault(name, value)
        if node.is_group:
            fields.setdefault("kind", "group")
        fields["attributes"] = self._attributes(data, "node")
        return Stakeholder(**fields)

    def _foreign_node_fields(
        self,
        data: dict[str, Any],
        fields: dict[str, Any],
        graphics: NodeGraphics | None,
        label: str,
    ) -> None:
        name = data.pop("name", None)
        if _text(name) and str(name).strip() != label:
            data["name (original)"] = name
        rgb = [data.pop(c, None) for c in "rgb"]
        if "sector" not in data and all(isinstance(c, int) for c in rgb):
            fields["colour"] = rgb_to_hex(*rgb)
        elif "sector" not in data and graphics is not None and graphics.fill:
            fields["colour"] = graphics.fill

    def _take_number(
        self,
        data: dict[str, Any],
        fields: dict[str, Any],
        name: str,
        low: float,
        high: float | None,
    ) -> None:
        if name not in data:
            return
        value = data[name]
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and value >= low
            and (high is None or value <= high)
        ):
            fields[name] = float(data.pop(name))
        else:
            data[f"{name} (original)"] = data.pop(name)

    def _position(
        self,
        node: RawNode,
        data: dict[str, Any],
        fields: dict[str, Any],
        graphics: NodeGraphics | None,
    ) -> None:
        # OSMnx and others declare x and y as strings: a number written as text is a number.
        x, y = _number_text(data.pop("x", None)), _number_text(data.pop("y", None))
        if x is None and y is None and graphics is not None and graphics.has_geometry:
            x, y = graphics.centre
        elif self.options.flip_y and isinstance(y, int | float) and not isinstance(y, bool):
            y = 0.0 - y
        if x is None or y is None:
            self.unpositioned.add(node.id)
            return
        for axis, value in (("x", x), ("y", y)):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise MapFileError(
                    self.name,
                    f"the position of the stakeholder '{fields.get('label') or node.id}' has "
                    f"an {axis} of {value!r}, which is not a number",
                    hint="Fix or remove that position and open it again.",
                )
            fields[axis] = float(value)

    def _attributes(self, data: dict[str, Any], domain: str) -> dict[str, Any]:
        reserved = STAKEHOLDER_FIELDS if domain == "node" else RELATIONSHIP_FIELDS
        attributes = {}
        for key, value in data.items():
            attributes[f"{key} (original)" if key in reserved else key] = value
        return attributes

    # -------------------------------------------------------------- relationships
    def _add_relationships(self) -> None:
        self_loops = 0
        new_types: Counter[str] = Counter()
        nodes, total = len(self.raw.nodes), max(1, len(self.raw.nodes) + len(self.raw.edges))
        made: list[Relationship] = []
        for count, edge in enumerate(self.raw.edges):
            if count % _REPORT_EVERY == 0:
                report((nodes + count) / total)
            for end in (edge.source, edge.target):
                if not self.ids.get(end):
                    raise MapFileError(
                        self.name,
                        f"a relationship refers to a stakeholder "
                        f"'{end}' that the file does not define",
                        hint="The file may be incomplete.",
                    )
            rel = self._relationship(edge, new_types)
            self_loops += rel.source == rel.target
            made.append(rel)
        self.map.add_many(relationships=made, allow_self_loops=True)
        if self.negative_weights:
            self.warnings.append(_negative_weights_sentence(self.negative_weights))
        if self_loops:
            self.warnings.append(
                f"{self_loops} relationship(s) join a stakeholder to itself; "
                "they are kept but left out of the analysis."
            )
        if new_types:
            vocabulary = self.map.relation_types
            for value in sorted(new_types):
                vocabulary = vocabulary.with_term(Term(value, value))
            self.map.set_vocabulary("relation_types", vocabulary)
            if not self.native:
                self.warnings.append(
                    "Relationship types added from the file: "
                    + ", ".join(sorted(new_types)[:8])
                    + "."
                )

    def _edge_graphics(self, edge: RawEdge) -> EdgeGraphics | None:
        if self.native:
            return None
        if edge.graphics is not None:
            return read_edge_graphics(edge.graphics)
        if edge.xaml:
            return read_edge_xaml(edge.xaml, self.raw.shared)
        return None

    def _relationship(self, edge: RawEdge, new_types: Counter[str]) -> Relationship:
        data = dict(edge.data)
        label = data.pop("label", None)  # sysmap's own files name the type in 'relation'
        if not self.native:
            self._foreign_relation(edge, data, label)
        fields: dict[str, Any] = {"source": self.ids[edge.source], "target": self.ids[edge.target]}
        for name in _EDGE_TEXT:
            if name in data:
                fields[name] = str(data.pop(name))
        relation = fields.get("relation")
        if relation and relation not in self.map.relation_types:
            new_types[relation] += 1
        if isinstance(data.get("tags"), str):
            fields["tags"] = tuple(t for t in data.pop("tags").split("|") if t.strip())
        weight = data.get("weight")
        if isinstance(weight, int | float) and not isinstance(weight, bool) and weight < 0:
            self.negative_weights.append((edge, float(weight)))
        self._take_number(data, fields, "weight", 0.0, None)
        directed = data.pop("directed", None)
        fields["directed"] = directed if isinstance(directed, bool) else edge.directed
        fields["id"] = self._edge_id(edge, data, fields["source"], relation, fields["target"])
        fields["attributes"] = self._attributes(data, "edge")
        return Relationship(**fields)

    def _foreign_relation(self, edge: RawEdge, data: dict[str, Any], label: Any) -> None:
        """Another tool's file: its edge label, drawing or interaction becomes the relation.

        yEd and Gephi write the type as the edge's label (or on its drawing), Cytoscape as its
        ``interaction``; a drawing's arrows say whether it runs one way. Sets ``relation`` and
        ``directed`` in ``data`` where the file does not, and keeps a label that is not the
        type as ``label (original)``.
        """
        graphics = self._edge_graphics(edge)
        if not _text(label) and graphics is not None:
            label = graphics.label
        if not _text(label) and _text(data.get("interaction")):
            label = data.pop("interaction")  # Cytoscape's name for the relationship type
        if graphics is not None and "directed" not in data:
            data["directed"] = graphics.arrow_at_target or graphics.arrow_at_source
        if "relation" not in data and _text(label):
            known = self.map.relation_types.key_for(str(label))
            data["relation"] = known or str(label).strip()
        elif _text(label):
            data["label (original)"] = label

    def _edge_id(
        self, edge: RawEdge, data: dict[str, Any], source: str, relation: Any, target: str
    ) -> str:
        """The file's id for the relationship (in sysmap's own files, the original one), else
        the one the map would give it (with a warning if the file used the id twice)."""
        edge_id = None if self.options.readable_ids and not self.native else edge.id
        if self.native and isinstance(data.get(ORIGINAL_ID), str):
            edge_id = data.pop(ORIGINAL_ID)
        if edge_id and edge_id in self._edge_ids:
            self.warnings.append(
                f"The relationship id '{edge.id}' was used twice; the second one got a new id."
            )
        if not edge_id or edge_id in self._edge_ids:  # as the map would choose, in file order
            edge_id = relationship_id(source, relation, target, self._edge_ids)
        self._edge_ids.add(edge_id)
        return edge_id


def _negative_weights_sentence(found: list[tuple[RawEdge, float]]) -> str:
    edge, weight = found[0]
    return (
        f"{len(found)} relationship(s) have a negative weight (the first, from '{edge.source}' "
        f"to '{edge.target}', has {weight:g}). sysmap reads a weight as the strength of a "
        "relationship, from 0 up, so these relationships are unweighted here and keep the "
        "file's value in their attribute 'weight (original)'."
    )


def _number_text(value: Any) -> Any:
    """A coordinate written as text ("-86.3459007") as its number; anything else unchanged."""
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return value
        return number if math.isfinite(number) else value
    return value


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
