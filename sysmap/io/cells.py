"""Spreadsheet cells that cannot smuggle a formula, and reading them back.

A label such as ``=HYPERLINK("http://evil","Click")`` or ``+cmd|' /C calc'!A0`` becomes a live
formula when a CSV or workbook is opened in Excel or LibreOffice. Following the OWASP guidance
on CSV injection, every text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is written with a leading apostrophe, which spreadsheets show as text. Cells
that already start with an apostrophe get one more, so that reading strips exactly one and
every label comes back as it was. Numbers are written as numbers and never changed.
"""

from __future__ import annotations

from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPE = "'"


def neutralise(value: str) -> str:
    """Return text safe to put in a spreadsheet cell.

    Examples
    --------
    >>> neutralise("=HYPERLINK(1)"), neutralise("-2+3"), neutralise("Jobcentre Plus")
    ("'=HYPERLINK(1)", "'-2+3", 'Jobcentre Plus')
    >>> neutralise("'quoted")
    "''quoted"
    """
    if value.startswith(FORMULA_TRIGGERS) or value.startswith(_ESCAPE):
        return _ESCAPE + value
    return value


def restore(value: str) -> str:
    """Undo :func:`neutralise` on text read back from a cell.

    Examples
    --------
    >>> restore("'=HYPERLINK(1)"), restore("''quoted"), restore("'tis"), restore("plain")
    ('=HYPERLINK(1)', "'quoted", "'tis", 'plain')
    """
    if (
        len(value) > 1
        and value[0] == _ESCAPE
        and value[1:].startswith((*FORMULA_TRIGGERS, _ESCAPE))
    ):
        return value[1:]
    return value


def cell_value(value: Any) -> Any:
    """Return a value as a spreadsheet cell should hold it: text neutralised, numbers kept."""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, tuple | list):
        return neutralise("|".join(str(v) for v in value))
    return value
