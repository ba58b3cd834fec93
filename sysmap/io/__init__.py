"""Reading and writing maps: native GraphML, other tools' formats, safely. No Qt here."""

from __future__ import annotations

from sysmap.io.atomic import atomic_write, backup_path
from sysmap.io.examples import EXAMPLES, Example, find_example, resolve_map_path
from sysmap.io.formats import (
    FORMATS,
    MapFormat,
    detect_format,
    format_by_key,
    format_for_path,
    load_map,
    register_format,
    save_map,
)
from sysmap.io.graphml_read import read_graphml
from sysmap.io.graphml_write import write_graphml
from sysmap.io.nodelink import read_node_link, write_node_link
from sysmap.io.result import LoadResult

__all__ = [
    "EXAMPLES",
    "FORMATS",
    "Example",
    "LoadResult",
    "MapFormat",
    "atomic_write",
    "backup_path",
    "detect_format",
    "find_example",
    "format_by_key",
    "format_for_path",
    "load_map",
    "read_graphml",
    "read_node_link",
    "register_format",
    "resolve_map_path",
    "save_map",
    "write_graphml",
    "write_node_link",
]
