"""Read and write Excel workbooks (.xlsx) as tables, safely.

Reading checks the container first (:mod:`sysmap.io.zip_safety`), then lets openpyxl read it
in read-only mode with cached values only: formulas are never evaluated, links to other files
never followed. A sheet may hold at most :data:`~sysmap.io.tables.MAX_ROWS` rows and
:data:`~sysmap.io.tables.MAX_COLUMNS` columns; a file beyond that is refused with a sentence,
as is any workbook openpyxl cannot make sense of.

Writing stores every text as text, never as a formula, exactly as it is: one that starts
with a formula character gets Excel's quote-prefix style (:mod:`sysmap.io.cells`), so editing
it in Excel keeps it text too. Workbooks sysmap wrote before it did so carried an apostrophe
instead; reading one takes it away (they are recognised by their ``Map (ignore)`` sheet).
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sysmap.io.cells import needs_quote_prefix, restore_legacy
from sysmap.io.tables import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, Table, unique_headers
from sysmap.io.zip_safety import open_zip
from sysmap.model.errors import MapFileError, ValidationError

XLSX_CELL_LIMIT = 32_767
"""The most characters Excel keeps in one cell."""
ESCAPING_PROPERTY = "cell_escaping"
"""The row of the ``Map (ignore)`` sheet that says texts are stored as they are."""
QUOTE_PREFIX = "quote prefix"
# Excel writes characters XML would change (a carriage return) as _xHHHH_, and a literal
# "_xHHHH_" as "_x005F_xHHHH_"; openpyxl leaves both to its callers.
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Text openpyxl would otherwise store as an Excel error value rather than as text.
_ERROR_CODES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})


def read_workbook(path: Path) -> list[Table]:
    """Return every sheet of an .xlsx workbook as a :class:`Table`.

    Raises
    ------
    MapFileError
        If the file is not a workbook sysmap can read safely; the message says why.
    """
    open_zip(path, "an Excel workbook").close()
    import openpyxl  # imported here: only spreadsheets need it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it skips
            book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
            try:
                tables = [_table(sheet, str(path)) for sheet in book.worksheets]
            finally:
                book.close()
    except MapFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on damaged files
        raise MapFileError(
            str(path),
            f"it is not an Excel workbook sysmap can read ({type(exc).__name__})",
            hint="Open it in Excel and save it again as .xlsx.",
        ) from None
    if _escaped_with_apostrophes(tables):
        tables = [_restored(table) for table in tables]
    return tables


def _escaped_with_apostrophes(tables: list[Table]) -> bool:
    """Whether this is a workbook sysmap wrote before it used the quote prefix."""
    details = next((t for t in tables if t.kind == "map"), None)
    if details is None:
        return False
    names = {str(row[0]) for row in details.rows if row}
    return "sysmap_format" in names and ESCAPING_PROPERTY not in names


def _restored(table: Table) -> Table:
    def cell(value: Any) -> Any:
        return restore_legacy(value) if isinstance(value, str) else value

    header = [restore_legacy(h) for h in table.header]
    return Table(table.name, header, [[cell(v) for v in row] for row in table.rows])


def _table(sheet: Any, path: str) -> Table:
    sheet.reset_dimensions()  # trust the rows present, not the size the file declares
    rows: list[list[Any]] = []
    cells = 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        row = [_unescape(v) if isinstance(v, str) else v for v in values]
        while row and row[-1] is None:
            row.pop()
        cells += len(row)
        if number > MAX_ROWS + 1 or cells > MAX_CELLS:
            raise MapFileError(
                path,
                f"the sheet '{sheet.title}' has more than {MAX_ROWS:,} rows or "
                f"{MAX_CELLS:,} cells, more than sysmap accepts",
                hint="Split the map into smaller files.",
            )
        if len(row) > MAX_COLUMNS:
            raise MapFileError(
                path,
                f"the sheet '{sheet.title}' has more than {MAX_COLUMNS:,} columns, "
                "more than sysmap accepts",
            )
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    if not rows:
        return Table(str(sheet.title), [])
    return Table(str(sheet.title), unique_headers(rows[0]), rows[1:])


def write_workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """Return an .xlsx workbook with one sheet per (name, header, rows).

    Texts are stored as text, exactly (see the module docstring); numbers and true/false
    stay typed. Every text is measured before anything is written.

    Raises
    ------
    ValidationError
        If a text is longer than an Excel cell can hold; the sentence names the sheet, the
        column and the row.
    """
    import openpyxl
    from openpyxl.cell.cell import WriteOnlyCell

    tables = [(name, list(header), [list(row) for row in rows]) for name, header, rows in sheets]
    for name, header, rows in tables:
        _check_lengths(name, header, rows)
    book = openpyxl.Workbook(write_only=True)
    for name, header, rows in tables:
        sheet = book.create_sheet(title=name)
        for row in (header, *rows):
            sheet.append([_cell(sheet, value, WriteOnlyCell) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _check_lengths(sheet: str, header: list[str], rows: list[list[Any]]) -> None:
    for number, row in enumerate((header, *rows), start=1):
        for column, value in enumerate(row):
            text = _text(value)
            if text is not None and len(_escape(text)) > XLSX_CELL_LIMIT:
                where = f"'{header[column][:40]}'" if number > 1 else "a heading"
                whose = f" ({str(row[0])[:40]})" if row and number > 1 else ""
                raise ValidationError(
                    f"The {where} cell of row {number}{whose} on the {sheet} sheet would hold "
                    f"{len(text):,} characters, more than the {XLSX_CELL_LIMIT:,} an Excel "
                    "cell holds; shorten it, or save the map as GraphML."
                )


def _text(value: Any) -> str | None:
    if isinstance(value, tuple | list):
        return "|".join(str(v) for v in value)
    return value if isinstance(value, str) else None


def _cell(sheet: Any, value: Any, cell_type: Any) -> Any:
    text = _text(value)
    if text is None:
        return value
    text = _escape(text)
    if not needs_quote_prefix(text) and text not in _ERROR_CODES:
        return text  # openpyxl stores any other text as text
    cell = cell_type(sheet, value=text)
    cell.data_type = "s"  # text, whatever it looks like: never a formula or an error
    cell.quotePrefix = needs_quote_prefix(text)  # and it stays text when edited in Excel
    return cell


def _escape(text: str) -> str:
    """Write text as Excel does: ``_x`` escapes kept literal, carriage returns kept.

    Examples
    --------
    >>> _escape("a\\rb _x0041_")
    'a_x000D_b _x005F_x0041_'
    """
    text = _EXCEL_ESCAPE.sub(lambda m: "_x005F" + m.group(0), text)
    return text.replace("\r", "_x000D_")


def _unescape(text: str) -> str:
    """Read text as Excel does (the inverse of :func:`_escape`).

    Examples
    --------
    >>> _unescape("a_x000D_b _x005F_x0041_")
    'a\\rb _x0041_'
    """
    if "_x" not in text:
        return text
    return _EXCEL_ESCAPE.sub(_character, text)


def _character(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    # Only characters a map can hold; anything else stays as the file wrote it.
    if code in (9, 10, 13) or (code >= 32 and not 0xD800 <= code <= 0xDFFF and code < 0xFFFE):
        return chr(code)
    return match.group(0)
