"""A map as a pair of CSV tables (stakeholders and relationships), in Kumu's layout.

How a user gives sysmap two files (one map):

- **Either file of a pair.** Open the stakeholders' CSV or the relationships' CSV; sysmap
  finds the other in the same folder by name. ``map.csv`` pairs with ``map-connections.csv``
  (what sysmap writes); otherwise names that differ only by elements/connections,
  nodes/edges, factors/links or stakeholders/relationships pair up (``rough-sleeping
  nodes.csv`` with ``rough-sleeping edges.csv``). A relationships file alone also opens:
  its stakeholders are the names in ``From`` and ``To``.
- **A .zip holding both** (any names; each table is recognised by its headers).

Which table is which comes from the headers, as in Kumu: ``Label`` first for stakeholders,
``From`` and ``To`` first for relationships (either may follow ``ID``). Text is read as UTF-8
(with or without a byte-order mark) or UTF-16 with one (Excel's "Unicode text"), falling back
to Windows' encoding with a warning; the separator may be a comma, a semicolon (European
Excel) or a tab.

Writing ``map.csv`` writes the stakeholders there and the relationships to
``map-connections.csv`` beside it; writing ``map.zip`` puts both in one file. Every text
cell that could be taken for a formula, under any separator a spreadsheet might split on, is
neutralised, and quoted (:mod:`sysmap.io.cells`); reading undoes it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sysmap.io.cells import csv_cell, restore_csv
from sysmap.io.kumu_rows import connection_rows, element_rows
from sysmap.io.kumu_sheets import read_kumu_tables
from sysmap.io.map_limits import MAX_TEXT_CHARS
from sysmap.io.result import LoadResult
from sysmap.io.safe_xml import check_size
from sysmap.io.tables import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, Table, unique_headers
from sysmap.io.zip_safety import ZipLimits, open_zip, read_member
from sysmap.model.errors import MapFileError
from sysmap.model.system_map import SystemMap

MAX_CSV_BYTES = 100 * 1024 * 1024
CSV_ZIP_LIMITS = ZipLimits(max_part=MAX_CSV_BYTES)
"""A table inside a zip is capped as a table on its own is."""
CONNECTIONS_SUFFIX = "-connections"
_PAIRS = (
    ("elements", "connections"),
    ("nodes", "edges"),
    ("factors", "links"),
    ("stakeholders", "relationships"),
    ("vertices", "edges"),
)
_SEPARATORS = (",", ";", "\t")
_HEADER_SCAN = 1_000_000
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # fixed, so the same map gives the same bytes

# A cell longer than any text a map may hold stops the reader at once (see map_limits). A
# neutralised cell may carry up to one apostrophe per character of text (sysmap.io.cells);
# what it restores to is checked against the limit like any text.
MAX_CELL_CHARS = 2 * MAX_TEXT_CHARS
csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL_CHARS + 1))


def read_csv(path: Path) -> LoadResult:
    """Read a CSV table of stakeholders or relationships, with its partner if there is one.

    Raises
    ------
    MapFileError
        If the file is not a table sysmap recognises; the message says why.
    """
    path = Path(path)
    table, warnings = read_csv_table(path)
    if table.kind not in ("elements", "connections"):
        raise MapFileError(
            str(path),
            "it is a CSV file but not a table of stakeholders or relationships",
            hint="sysmap looks for 'Label' in the first column (stakeholders) or 'From' and "
            "'To' in the first two (relationships), as Kumu does.",
        )
    tables = [table]
    partner = find_partner(path, table.kind)
    if partner is not None:
        other, more = read_csv_table(partner)
        if other.kind in ("elements", "connections") and other.kind != table.kind:
            tables.append(other)
            warnings += more
    result = read_kumu_tables(tables, path, "CSV tables (Kumu layout)")
    if partner is not None and len(tables) == 2:
        result.warnings.insert(0, f"Read together with {partner.name}, found beside it.")
    result.warnings[:0] = warnings
    return result


def read_csv_zip(path: Path) -> LoadResult:
    """Read a .zip holding a CSV of stakeholders and/or a CSV of relationships."""
    path = Path(path)
    tables: list[Table] = []
    warnings: list[str] = []
    with open_zip(path, "a zip of CSV tables", CSV_ZIP_LIMITS) as archive:
        for info in archive.infolist():
            name = info.filename
            if info.is_dir() or not name.lower().endswith(".csv") or "__MACOSX" in name:
                continue
            try:
                table, more = parse_csv(read_member(archive, name, str(path)), Path(name).name)
            except MapFileError as exc:
                if exc.path == str(path):
                    raise
                where = f"its part '{name}'" + (f" (line {exc.line})" if exc.line else "")
                raise MapFileError(str(path), f"{where}: {exc.problem}", hint=exc.hint) from None
            tables.append(table)
            warnings += more
    if not tables:
        raise MapFileError(str(path), "the zip holds no CSV files")
    result = read_kumu_tables(tables, path, "CSV tables in a zip (Kumu layout)")
    result.warnings[:0] = warnings
    return result


def read_csv_table(path: Path) -> tuple[Table, list[str]]:
    """Read one CSV file as a :class:`Table`, with warnings about its encoding."""
    check_size(path, MAX_CSV_BYTES)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MapFileError(str(path), f"the file cannot be read ({exc.strerror})") from None
    try:
        return parse_csv(data, path.name)
    except MapFileError as exc:
        raise MapFileError(str(path), exc.problem, line=exc.line, hint=exc.hint) from None


def parse_csv(data: bytes, name: str) -> tuple[Table, list[str]]:
    """Parse CSV bytes into a :class:`Table`; ``name`` is used in messages."""
    warnings: list[str] = []
    text = _decode(data, name, warnings)
    if "\x00" in text:
        raise MapFileError(name, "it holds binary data, not a table")
    rows: list[list[str]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        cells = 0
        for number, row in enumerate(reader, 1):
            cells += len(row)
            if number > MAX_ROWS + 1 or len(row) > MAX_COLUMNS or cells > MAX_CELLS:
                raise MapFileError(
                    name,
                    f"it has more than {MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns or "
                    f"{MAX_CELLS:,} cells, more than sysmap accepts",
                    hint="Split the map into smaller files.",
                )
            # Undo what sysmap (or another careful tool) did to keep formulas from running.
            rows.append([restore_csv(cell) for cell in row])
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise MapFileError(
                name,
                f"a cell is longer than the {MAX_CELL_CHARS:,} characters sysmap accepts",
                line=reader.line_num,
                hint="The file may be damaged, or a quote may be missing its partner.",
            ) from None
        raise MapFileError(
            name, f"it is not a readable CSV table ({exc})", line=reader.line_num
        ) from None
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise MapFileError(name, "the file is empty")
    return Table(name, unique_headers(list(rows[0])), [list(r) for r in rows[1:]]), warnings


def _decode(data: bytes, name: str, warnings: list[str]) -> str:
    """Decode a table: UTF-8, UTF-16 with a BOM (Excel's "Unicode text"), else Windows text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise MapFileError(name, "it starts as UTF-16 text but is not") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(f"{name} is not UTF-8 text; it was read as Windows text (cp1252).")
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """The separator the header line uses: comma, semicolon (European Excel) or tab.

    Only the separator is guessed, from the separators outside quotes in the first record,
    in one pass (Python's own sniffer takes minutes on a long line); quoting follows Excel's
    rules, which every tool writes. A tie goes to the comma, then the semicolon.

    Examples
    --------
    >>> _delimiter('"Label; name",Type\\r\\n'), _delimiter("ID;From;To\\n1;a;b")
    (',', ';')
    >>> _delimiter("Label")
    ','
    >>> _delimiter('Label\\t"A, B"\\tType')
    '\\t'
    """
    outside = _first_record(text).split('"')[0::2]  # the stretches between quoted ones
    counts = {sep: sum(part.count(sep) for part in outside) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def _first_record(text: str) -> str:
    """The text up to the first line break outside quotes (a header may span lines).

    Only the first million characters are looked at: a longer header is no header, and its
    start says as much about the separator as the rest would.
    """
    text = text[:_HEADER_SCAN]
    start, quotes = 0, 0
    while (end := text.find("\n", start)) != -1:
        quotes += text.count('"', start, end)  # each stretch counted once: linear
        if quotes % 2 == 0:
            return text[:end]
        start = end + 1
    return text


def find_partner(path: Path, kind: str | None) -> Path | None:
    """Return the other CSV of a pair, beside ``path``, if there is one (see module doc)."""
    stem = path.stem
    candidates: list[str] = []
    if kind == "elements":
        candidates.append(stem + CONNECTIONS_SUFFIX)
    elif stem.lower().endswith(CONNECTIONS_SUFFIX):
        candidates.append(stem[: -len(CONNECTIONS_SUFFIX)])
    for nodes_word, edges_word in _PAIRS:
        have, want = (nodes_word, edges_word) if kind == "elements" else (edges_word, nodes_word)
        if have in stem.lower():
            candidates.append(_swap_word(stem, have, want))
    for candidate in candidates:
        found = path.with_name(candidate + path.suffix)
        if found != path and found.is_file():
            return found
    return None


def _swap_word(stem: str, have: str, want: str) -> str:
    """Replace ``have`` by ``want`` in a file name, keeping its case (Nodes → Edges)."""
    pattern = re.compile(re.escape(have), re.IGNORECASE)
    return pattern.sub(lambda match: _same_case(match.group(0), want), stem)


def _same_case(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    return word.capitalize() if model[:1].isupper() else word


def write_elements_csv(system_map: SystemMap) -> bytes:
    """Return the stakeholders' table as CSV (UTF-8 with a byte-order mark, for Excel)."""
    return _csv_bytes(*element_rows(system_map))


def connections_companion(system_map: SystemMap, path: Path) -> dict[Path, bytes]:
    """The relationships' CSV written beside ``path`` when a map is saved as CSV."""
    partner = path.with_name(path.stem + CONNECTIONS_SUFFIX + path.suffix)
    return {partner: _csv_bytes(*connection_rows(system_map))}


def write_csv_zip(system_map: SystemMap) -> bytes:
    """Return a .zip holding ``elements.csv`` and ``connections.csv``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in (
            ("elements.csv", element_rows(system_map)),
            ("connections.csv", connection_rows(system_map)),
        ):
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            archive.writestr(info, _csv_bytes(*rows), compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _csv_bytes(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """A table as CSV: UTF-8 with a byte-order mark (for Excel), cells made safe to open.

    Each text is neutralised and quoted where it must be (:func:`sysmap.io.cells.csv_cell`):
    Python's writer quotes only what a comma-splitting reader needs.
    """
    lines = [",".join(csv_cell(cell) for cell in row) for row in (header, *rows)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
