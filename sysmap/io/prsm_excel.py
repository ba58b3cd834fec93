"""PRSM's Excel layout: a workbook with a ``Factors`` sheet and a ``Links`` sheet.

PRSM exports (and imports) maps as two sheets. Factors have a ``label``, optional ``x``/``y``,
a ``style`` number (1–9, PRSM's legend entries), a ``Note`` (or ``Description``) and any
attributes; links have ``from`` and ``to`` naming factors by label, a ``style`` number, an
optional ``label`` and a note. Headers may start in either case (PRSM lower-cases the first
letter when it reads them). The sheets are read with the same rules as Kumu's tables
(:mod:`sysmap.io.table_records`), after renaming PRSM's note column.
"""

from __future__ import annotations

from pathlib import Path

from sysmap.io.graphml_read import build_map
from sysmap.io.result import LoadResult
from sysmap.io.table_records import TableReader
from sysmap.io.tables import Table, normalise_header
from sysmap.model.errors import MapFileError

_RENAMES = {"note": "Description", "notes": "Description"}


def read_prsm_tables(tables: list[Table], path: Path) -> LoadResult:
    """Build a map from the ``Factors`` and ``Links`` sheets of a PRSM workbook.

    Raises
    ------
    MapFileError
        If the Factors sheet has no ``label`` column.
    """
    by_name = {t.name.strip().casefold(): t for t in tables}
    factors = _renamed(by_name["factors"])
    links = _renamed(by_name["links"])
    if "label" not in {normalise_header(h) for h in factors.header}:
        raise MapFileError(
            str(path),
            "its Factors sheet has no 'Label' column",
            hint="PRSM's Factors sheet needs a Label for every factor.",
        )
    reader = TableReader(labels_are_types=True)
    raw, options = reader.read(factors, links, {}, "PRSM spreadsheet (Factors and Links)")
    return build_map(raw, str(path), path.stem, options)


def _renamed(table: Table) -> Table:
    headers = list(table.header)
    present = {normalise_header(h) for h in headers}
    for index, header in enumerate(headers):
        new = _RENAMES.get(normalise_header(header))
        if new and normalise_header(new) not in present:
            headers[index] = new
            present.add(normalise_header(new))
    return Table(table.name, headers, table.rows)
