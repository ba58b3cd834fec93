"""Read and write Excel workbooks (.xlsx) as tables, safely.

Reading checks the container first (:mod:`sysmap.io.zip_safety`), then lets openpyxl read it
in read-only mode with cached values only: formulas are never evaluated, links to other files
never followed. A sheet may hold at most :data:`~sysmap.io.tables.MAX_ROWS` rows and
:data:`~sysmap.io.tables.MAX_COLUMNS` columns; a file beyond that is refused with a sentence,
as is any workbook openpyxl cannot make sense of.

Writing neutralises every text cell that could be taken for a formula
(:mod:`sysmap.io.cells`) and stores it as text, never as a formula.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sysmap.io.cells import cell_value
from sysmap.io.tables import MAX_COLUMNS, MAX_ROWS, Table, unique_headers
from sysmap.io.zip_safety import open_zip
from sysmap.model.errors import MapFileError

XLSX_CELL_LIMIT = 32_767
"""The most characters Excel keeps in one cell."""
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
                return [_table(sheet, str(path)) for sheet in book.worksheets]
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


def _table(sheet: Any, path: str) -> Table:
    sheet.reset_dimensions()  # trust the rows present, not the size the file declares
    rows: list[list[Any]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        row = [_unescape(v) if isinstance(v, str) else v for v in values]
        while row and row[-1] is None:
            row.pop()
        if number > MAX_ROWS + 1:
            raise MapFileError(
                path,
                f"the sheet '{sheet.title}' has more than {MAX_ROWS:,} rows, "
                "more than sysmap accepts",
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

    Text cells are neutralised against formula injection and stored as text; numbers and
    true/false stay typed.

    Raises
    ------
    MapFileError
        If a text is longer than an Excel cell can hold.
    """
    import openpyxl
    from openpyxl.cell.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    for name, header, rows in sheets:
        sheet = book.create_sheet(title=name)
        sheet.append([_cell(sheet, h, WriteOnlyCell) for h in header])
        for row in rows:
            sheet.append([_cell(sheet, v, WriteOnlyCell) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: Any, cell_type: Any) -> Any:
    value = cell_value(value)
    if isinstance(value, str):
        return _text_cell(sheet, value, cell_type)
    return value


def _text_cell(sheet: Any, text: str, cell_type: Any) -> Any:
    if len(text) > XLSX_CELL_LIMIT:
        raise MapFileError(
            sheet.title,
            f"a text of {len(text):,} characters is longer than the "
            f"{XLSX_CELL_LIMIT:,} an Excel cell holds",
            hint="Shorten it, or export as GraphML.",
            action="save",
        )
    text = _escape(text)
    if not text.startswith("=") and text not in _ERROR_CODES:
        return text  # openpyxl stores any other text as text
    cell = cell_type(sheet, value=text)
    cell.data_type = "s"  # text, whatever it looks like: never a formula or an error
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
