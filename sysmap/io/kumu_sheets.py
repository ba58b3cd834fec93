"""Kumu's import spreadsheet (.xlsx): read one, or write a map as one.

Reading recognises sheets by their first cells, as Kumu does (``Label`` in A1: elements;
``From``/``To`` in A1/B1: connections; either may follow an ``ID`` column), whatever the
sheets are called; a workbook in PRSM's layout (sheets ``Factors`` and ``Links``) is handed
to :mod:`sysmap.io.prsm_excel`. Writing produces ``Elements`` and ``Connections`` sheets in
Kumu's layout (see :mod:`sysmap.io.kumu_rows`) plus a ``Map (ignore)`` sheet that Kumu skips
and that lets sysmap read its own export back exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sysmap.io.graphml_read import build_map
from sysmap.io.kumu_rows import connection_rows, element_rows, map_rows
from sysmap.io.result import LoadResult
from sysmap.io.spreadsheet import ESCAPING_PROPERTY, read_workbook, write_workbook
from sysmap.io.table_records import TableReader
from sysmap.io.tables import MAP_SHEET, Table, clean_value
from sysmap.model.errors import MapFileError
from sysmap.model.system_map import SystemMap


def read_xlsx(path: Path) -> LoadResult:
    """Read a workbook in Kumu's import layout (or PRSM's) as a map.

    Raises
    ------
    MapFileError
        If the workbook is unsafe, damaged, or has no sheet of elements or connections.
    """
    path = Path(path)
    tables = read_workbook(path)
    names = {t.name.strip().casefold() for t in tables}
    if {"factors", "links"} <= names:
        from sysmap.io.prsm_excel import read_prsm_tables

        return read_prsm_tables(tables, path)
    return read_kumu_tables(tables, path, "Kumu spreadsheet")


def read_kumu_tables(tables: list[Table], path: Path, format_name: str) -> LoadResult:
    """Build a map from tables in Kumu's layout (from a workbook, CSV files or a zip)."""
    usable = [t for t in tables if t.kind and ("(ignore)" not in t.name or t.kind == "map")]
    elements = [t for t in usable if t.kind == "elements"]
    connections = [t for t in usable if t.kind == "connections"]
    if not elements and not connections:
        raise MapFileError(
            str(path),
            "it has no table of stakeholders or relationships",
            hint="sysmap, like Kumu, looks for 'Label' in the first column of a sheet of "
            "elements, or 'From' and 'To' in the first two of a sheet of connections.",
        )
    graph_data = _map_details(next((t for t in usable if t.kind == "map"), None))
    native = "sysmap_format" in graph_data
    reader = TableReader(native=native)
    for extra in elements[1:] + connections[1:]:
        reader.warnings.append(
            f"Only the first sheet of each kind was read; '{extra.name}' was left out."
        )
    name = "sysmap export (Kumu layout)" if native else format_name
    raw, options = reader.read(
        elements[0] if elements else None,
        connections[0] if connections else None,
        graph_data,
        name,
    )
    if not elements:
        reader.warnings.append(
            "There was no list of elements, so the stakeholders come from the relationships."
        )
    return build_map(raw, str(path), path.stem, options)


def write_kumu_xlsx(system_map: SystemMap) -> bytes:
    """Return the map as an .xlsx workbook Kumu imports (Elements and Connections)."""
    return write_workbook(
        [
            ("Elements", *element_rows(system_map)),
            ("Connections", *connection_rows(system_map)),
            (MAP_SHEET, *map_rows(system_map)),
        ]
    )


def _map_details(table: Table | None) -> dict[str, Any]:
    if table is None:
        return {}
    details: dict[str, Any] = {}
    for _, record in table.records():
        values = [clean_value(record.get(h)) for h in table.header[:2]]
        if isinstance(values[0], str) and values[0] and values[1] is not None:
            details[values[0]] = values[1]
    details.pop(ESCAPING_PROPERTY, None)  # how the workbook was written, not about the map
    return details
