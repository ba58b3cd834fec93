"""Tables of stakeholders and relationships: Kumu's import layout, CSV pairs, PRSM's sheets.

Kumu recognises a sheet by its first cells: ``Label`` in A1 makes it a sheet of elements,
``From`` and ``To`` in A1 and B1 a sheet of connections (either may be preceded by ``ID``).
Every other column is optional: ``Type``, ``Description``, ``Tags`` (``|`` between values),
or any custom field. sysmap reads CSV files and PRSM's workbooks into the same
:class:`Table` and turns them into a map with :mod:`sysmap.io.table_records`.

Values arrive as text (CSV), as typed cells (Excel) or as numbers stored as text (Kumu's own
example). A column is read as numbers or true/false only when every value in it is one, so a
code such as ``05010`` or a rating such as ``High`` is never half-converted.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sysmap.model.limits import MAX_WHOLE_NUMBER

MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELLS = 5_000_000
"""Cells in one table: a 100,000-stakeholder map has about two million."""
MAP_SHEET = "Map (ignore)"
"""The sheet sysmap adds for its own map details; Kumu skips sheets named '(ignore)'."""

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
_TRUE = {"true", "yes"}
_FALSE = {"false", "no"}


def normalise_header(text: object) -> str:
    """Return a header cell in the form column names are matched by.

    Examples
    --------
    >>> normalise_header("  Place_Level "), normalise_header("FROM")
    ('place level', 'from')
    """
    return " ".join(str(text or "").replace("_", " ").split()).casefold()


@dataclass
class Table:
    """One sheet or CSV file: its header and its rows, values as the file gave them.

    Parameters
    ----------
    name : str
        The sheet's or file's name, for messages.
    header : list of str
        The first row, stripped.
    rows : list of list
        The other rows; ``None`` for an empty cell.
    """

    name: str
    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        """``elements``, ``connections``, ``map`` (sysmap's details) or ``None``."""
        first = [normalise_header(h) for h in self.header[:3]]
        if first[:1] == ["id"]:
            first = first[1:]
        if first[:1] == ["label"]:
            return "elements"
        if first[:2] == ["from", "to"]:
            return "connections"
        if self.name == MAP_SHEET or first[:2] == ["property", "value"]:
            return "map"
        return None

    def records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Yield (row number as a spreadsheet shows it, {header: value}) for non-empty rows."""
        for number, row in enumerate(self.rows, start=2):
            record = {
                header: value
                for header, value in zip(self.header, row, strict=False)
                if header and value is not None and value != ""
            }
            if record:
                yield number, record


def unique_headers(cells: list[Any]) -> list[str]:
    """Return header cells as text, a repeated name getting " (2)", " (3)"…

    Examples
    --------
    >>> unique_headers(["Label", None, "Tags", "Tags"])
    ['Label', '', 'Tags', 'Tags (2)']
    """
    seen: dict[str, int] = {}
    headers = []
    for cell in cells:
        text = " ".join(str(cell).split()) if cell is not None else ""
        if text:
            seen[text] = seen.get(text, 0) + 1
            if seen[text] > 1:
                text = f"{text} ({seen[text]})"
        headers.append(text)
    return headers


def clean_value(value: Any) -> Any:
    """Turn a cell into a value a map can hold: dates as ISO text, text as it is.

    (What a format did to keep formulas from running is undone by its reader.)

    Examples
    --------
    >>> clean_value("'=SUM(A1)"), clean_value(dt.date(2024, 3, 1)), clean_value(" x ")
    ("'=SUM(A1)", '2024-03-01', ' x ')
    """
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def column_type(values: list[Any]) -> str:
    """Return ``int``, ``double``, ``boolean`` or ``string``: what every value in a column is.

    Examples
    --------
    >>> column_type(["0.001", 4.4, ""]), column_type(["8", 2]), column_type(["05010"])
    ('double', 'int', 'string')
    >>> column_type(["TRUE", False]), column_type(["High", 1])
    ('boolean', 'string')
    """
    kinds = {_kind(v) for v in values if not _blank(v)}
    if not kinds or "string" in kinds:
        return "string"
    if kinds == {"boolean"}:
        return "boolean"
    if "boolean" in kinds:
        return "string"
    return "int" if kinds == {"int"} else "double"


def convert(value: Any, type_: str) -> Any:
    """Convert one value to the column's type (see :func:`column_type`)."""
    if _blank(value) or type_ == "string":
        return value
    if type_ == "boolean":
        return value if isinstance(value, bool) else str(value).strip().casefold() in _TRUE
    number = float(value)
    if type_ == "int":
        return int(number) if not isinstance(value, str) else int(value.strip())
    return number


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int" if abs(value) <= MAX_WHOLE_NUMBER else "string"
    if isinstance(value, float):
        return "double" if math.isfinite(value) else "string"
    text = str(value).strip()
    # A number too big to hold (a 30-digit code, "1e400") stays text rather than be refused.
    if _INT.fullmatch(text):
        return "int" if len(text) < 19 or abs(int(text)) <= MAX_WHOLE_NUMBER else "string"
    if _FLOAT.fullmatch(text):
        return "double" if math.isfinite(float(text)) else "string"
    if text.casefold() in _TRUE | _FALSE:
        return "boolean"
    return "string"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
