"""Open any ``.json`` map: Kumu's, PRSM's, or node-link JSON from sysmap, networkx or d3.

The three share an extension and overlap in their keys, so the file is parsed once and its
shape decides: an ``elements`` list is Kumu, ``nodes`` and ``edges`` with PRSM's own keys is
PRSM, anything else with ``nodes`` is node-link JSON.
"""

from __future__ import annotations

from pathlib import Path

from sysmap.io.kumu_json import is_kumu_document, read_kumu_json
from sysmap.io.nodelink import load_json, read_node_link
from sysmap.io.prsm import is_prsm_document, read_prsm
from sysmap.io.result import LoadResult


def read_json(path: Path) -> LoadResult:
    """Read a JSON map of any kind sysmap knows (see the module docstring).

    Raises
    ------
    MapFileError
        If the file is not JSON, or not a map in any of these shapes.
    """
    path = Path(path)
    document = load_json(path)
    if is_kumu_document(document):
        return read_kumu_json(path, document)
    if is_prsm_document(document):
        return read_prsm(path, document)
    return read_node_link(path)
