"""Open any ``.json`` map: Kumu's, PRSM's, Gephi Lite's (graphology), Cytoscape.js's, or
node-link JSON from sysmap, networkx or d3.

They share an extension and overlap in their keys, so the file is parsed once and its shape
decides: ``elements`` holding ``data`` objects is Cytoscape.js, any other ``elements`` list is
Kumu, ``nodes`` and ``edges`` with PRSM's own keys is PRSM, nodes with a ``key`` (and no
``id``) are graphology's, anything else with ``nodes`` is node-link JSON.
"""

from __future__ import annotations

from pathlib import Path

from sysmap.io.kumu_json import is_kumu_document, read_kumu_json
from sysmap.io.nodelink import load_json, read_node_link
from sysmap.io.prsm import is_prsm_document, read_prsm
from sysmap.io.result import LoadResult
from sysmap.io.web_json import (
    is_cytoscape_document,
    is_graphology_document,
    read_cytoscape,
    read_graphology,
)


def read_json(path: Path) -> LoadResult:
    """Read a JSON map of any kind sysmap knows (see the module docstring).

    Raises
    ------
    MapFileError
        If the file is not JSON, or not a map in any of these shapes.
    """
    path = Path(path)
    document = load_json(path)
    if is_cytoscape_document(document):
        return read_cytoscape(path, document)
    if is_kumu_document(document):
        return read_kumu_json(path, document)
    if is_prsm_document(document):
        return read_prsm(path, document)
    if is_graphology_document(document):
        return read_graphology(path, document)
    return read_node_link(path)
