"""Which tool wrote a GraphML file, and how sysmap should read it because of that.

The dialects differ in ways the records alone do not settle: yEd's node ids are positions in
its nesting (``n28::n1::n0``), regenerated on every save, so they are replaced by readable ids
made from the labels; in Gephi's files and sysmap's own the y axis points up, so their
positions are mirrored to sysmap's screen coordinates (other writers' are kept as they are);
Cytoscape names nodes by session numbers (SUIDs). The writer is told by the file's comment
(``<!--Created by yEd 3.14.3-->``) or by its keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from sysmap.io.graphml_parse import RawGraph


@dataclass(frozen=True)
class ReadOptions:
    """How to turn a file's records into a map.

    Parameters
    ----------
    format_name : str
        What the file turned out to be, for people ("GraphML from yEd").
    readable_ids : bool
        Replace the file's node and edge ids with ids made from the labels, because the
        file's own ids mean nothing outside the program that wrote them.
    flip_y : bool
        The file's ``y`` data points up, as in Gephi's files and sysmap's own GraphML (so
        Gephi and matplotlib plots show a sysmap map upright); sysmap's scene points down,
        as on screen. Positions from a yEd graphics block are screen coordinates already.
    native : bool, optional
        Read the file as sysmap's own (its keys are the truth, derived ones ignored);
        ``None`` decides from the ``sysmap_format`` graph attribute.
    """

    format_name: str = "GraphML"
    readable_ids: bool = False
    flip_y: bool = False
    native: bool | None = None


def detect_dialect(raw: RawGraph, head: bytes) -> ReadOptions:
    """Recognise the GraphML dialect from the parsed records and the file's first bytes.

    Examples
    --------
    >>> from sysmap.io.graphml_parse import RawGraph
    >>> detect_dialect(RawGraph([], {}, [], [], True, []), b"<!-- Created by igraph -->")
    ReadOptions(format_name='GraphML from igraph', readable_ids=False, flip_y=False, native=None)
    """
    if "sysmap_format" in raw.graph_data:
        return ReadOptions("sysmap map (GraphML)", flip_y=True, native=True)
    if b"Created by yFiles for HTML" in head or any(k.uri and k.is_graphics for k in raw.keys):
        return ReadOptions("GraphML from yFiles for HTML (yEd Live)", readable_ids=True)
    if b"Created by yEd" in head or any(k.yfiles_type for k in raw.keys):
        return ReadOptions("GraphML from yEd", readable_ids=True)
    names = {k.name for k in raw.keys}
    if not raw.namespaced and names & {"shared name", "SUID"}:
        return ReadOptions("GraphML from Cytoscape", readable_ids=True)
    if b"Created by igraph" in head:
        return ReadOptions("GraphML from igraph")
    if any(k.id == "edgelabel" and k.name == "Edge Label" for k in raw.keys):
        return ReadOptions("GraphML from Gephi", flip_y=True)
    return ReadOptions("GraphML")
