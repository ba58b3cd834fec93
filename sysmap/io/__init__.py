"""Reading and writing maps: native GraphML, other tools' formats, safely. No Qt here."""

from __future__ import annotations

from sysmap.io.atomic import atomic_write, atomic_write_many, backup_path, tidy_folder
from sysmap.io.examples import (
    EXAMPLES,
    WORKSHOP_TABLES,
    Example,
    find_example,
    resolve_map_path,
)
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
from sysmap.io.gexf import read_gexf
from sysmap.io.gexf_write import write_gexf
from sysmap.io.graphml_read import read_graphml
from sysmap.io.graphml_write import write_graphml
from sysmap.io.nodelink import read_node_link, write_node_link
from sysmap.io.remap import (
    AttributeRemap,
    RemapReport,
    ValueMatch,
    apply_remap,
    column_values,
    plan_remap,
)
from sysmap.io.result import LoadResult
from sysmap.io.summary import came_through

__all__ = [
    "EXAMPLES",
    "FORMATS",
    "WORKSHOP_TABLES",
    "AttributeRemap",
    "Example",
    "LoadResult",
    "MapFormat",
    "RemapReport",
    "ValueMatch",
    "apply_remap",
    "atomic_write",
    "atomic_write_many",
    "backup_path",
    "came_through",
    "column_values",
    "detect_format",
    "find_example",
    "format_by_key",
    "format_for_path",
    "load_map",
    "plan_remap",
    "read_gexf",
    "read_graphml",
    "read_node_link",
    "register_format",
    "resolve_map_path",
    "save_map",
    "tidy_folder",
    "write_gexf",
    "write_graphml",
    "write_node_link",
]
