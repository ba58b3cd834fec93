"""Reading and writing maps: native GraphML, other tools' formats, safely. No Qt here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sysmap._lazy import lazy_exports

if TYPE_CHECKING:  # loaded on first use (see sysmap._lazy): commands start at once
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

__getattr__ = lazy_exports(
    __name__,
    {
        "atomic_write": "sysmap.io.atomic",
        "atomic_write_many": "sysmap.io.atomic",
        "backup_path": "sysmap.io.atomic",
        "tidy_folder": "sysmap.io.atomic",
        "EXAMPLES": "sysmap.io.examples",
        "WORKSHOP_TABLES": "sysmap.io.examples",
        "Example": "sysmap.io.examples",
        "find_example": "sysmap.io.examples",
        "resolve_map_path": "sysmap.io.examples",
        "FORMATS": "sysmap.io.formats",
        "MapFormat": "sysmap.io.formats",
        "detect_format": "sysmap.io.formats",
        "format_by_key": "sysmap.io.formats",
        "format_for_path": "sysmap.io.formats",
        "load_map": "sysmap.io.formats",
        "register_format": "sysmap.io.formats",
        "save_map": "sysmap.io.formats",
        "read_gexf": "sysmap.io.gexf",
        "write_gexf": "sysmap.io.gexf_write",
        "read_graphml": "sysmap.io.graphml_read",
        "write_graphml": "sysmap.io.graphml_write",
        "read_node_link": "sysmap.io.nodelink",
        "write_node_link": "sysmap.io.nodelink",
        "AttributeRemap": "sysmap.io.remap",
        "RemapReport": "sysmap.io.remap",
        "ValueMatch": "sysmap.io.remap",
        "apply_remap": "sysmap.io.remap",
        "column_values": "sysmap.io.remap",
        "plan_remap": "sysmap.io.remap",
        "LoadResult": "sysmap.io.result",
        "came_through": "sysmap.io.summary",
    },
)
