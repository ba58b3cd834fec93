"""Spreadsheet cells that cannot smuggle a formula, with their text left alone where it can be.

A label such as ``=HYPERLINK("http://evil","Click")`` or ``+cmd|' /C calc'!A0`` becomes a live
formula when a CSV or workbook is opened in Excel or LibreOffice (OWASP, "CSV injection").

**Workbooks** say what a cell is: sysmap stores every text as text, never as a formula, and
marks one that starts with ``=``, ``+``, ``-`` or ``@`` with Excel's *quote prefix* style (what
Excel itself does when you type ``'=1+1``). The text is written exactly as it is: Kumu, Excel
and sysmap all read back the same characters (:func:`needs_quote_prefix`).

**CSV files** say nothing about cells, and may be opened with another separator than the one
they were written with (Excel in most of Europe splits on ``;``). Quoting protects a cell only
from a reader that splits on the comma it was written with; any other reader may start a cell
at a semicolon, a tab or a line break *inside* a text. So :func:`neutralise_csv` looks at every
place where some reader could start a cell (the start of the text, and just after each ``;``,
tab, carriage return and line feed in it) and, where what follows (after spaces and quotes)
would start a formula, puts an apostrophe there, which spreadsheets show as text. A run of
apostrophes already there gets one more, so :func:`restore_csv` takes exactly one away and
every text reads back as it was. Text no spreadsheet would evaluate is left unchanged, a
leading apostrophe included: ``'Pick up at the gate' transport`` stays as it is.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@")
"""What makes a spreadsheet take a cell for a formula."""
CSV_BREAKS = ";\t\r\n"
"""Where a reader using another separator than the comma may start a new cell."""
_ESCAPE = "'"
# At a place where a cell may start: apostrophes, then spaces and quotes, then a trigger.
_RISKY = re.compile(r"'*[ \"]*[=+\-@]")
_ESCAPED = re.compile(r"'+[ \"]*[=+\-@]")
_STARTS = re.compile(r"(?:^|(?<=[;\t\r\n]))(?='*[ \"]*[=+\-@])")
_ESCAPED_STARTS = re.compile(r"(?:^|(?<=[;\t\r\n]))'(?='*[ \"]*[=+\-@])")


def needs_quote_prefix(text: str) -> bool:
    """Whether a workbook cell holding ``text`` gets the quote prefix style.

    Examples
    --------
    >>> needs_quote_prefix("=SUM(A1)"), needs_quote_prefix("'Pick up"), needs_quote_prefix("x=1")
    (True, False, False)
    """
    return text.startswith(FORMULA_TRIGGERS)


def neutralise_csv(text: str) -> str:
    """Return text no spreadsheet will evaluate, whatever separator it splits the CSV on.

    Examples
    --------
    >>> neutralise_csv("=HYPERLINK(1)"), neutralise_csv("Jobcentre Plus")
    ("'=HYPERLINK(1)", 'Jobcentre Plus')
    >>> neutralise_csv("ok;=cmd|' /C calc'!A0")
    "ok;'=cmd|' /C calc'!A0"
    >>> neutralise_csv("'Pick up at the gate' transport"), neutralise_csv("'=1")
    ("'Pick up at the gate' transport", "''=1")
    >>> print(neutralise_csv("Needs:\\n- housing"), neutralise_csv('a; "=1"'), sep=" | ")
    Needs:
    '- housing | a;' "=1"
    """
    return _STARTS.sub(_ESCAPE, text)


def restore_csv(text: str) -> str:
    """Undo :func:`neutralise_csv` on text read back from a CSV cell.

    A cell a spreadsheet or another tool escaped the usual way (``'=1+1``) is restored too.

    Examples
    --------
    >>> restore_csv("'=HYPERLINK(1)"), restore_csv("''=1"), restore_csv("'tis"), restore_csv("x")
    ('=HYPERLINK(1)', "'=1", "'tis", 'x')
    >>> restore_csv("ok;'=cmd"), restore_csv("Needs:\\n'- housing")
    ('ok;=cmd', 'Needs:\\n- housing')
    """
    if _ESCAPE not in text:
        return text
    return _ESCAPED_STARTS.sub("", text)


def restore_legacy(value: str) -> str:
    """Undo the apostrophe sysmap's workbooks carried before they used the quote prefix.

    Those exports put one apostrophe before a text starting with a formula character, a
    tab, a carriage return or an apostrophe; a workbook sysmap writes now carries none.

    Examples
    --------
    >>> restore_legacy("'=HYPERLINK(1)"), restore_legacy("''quoted"), restore_legacy("'tis")
    ('=HYPERLINK(1)', "'quoted", "'tis")
    """
    if len(value) > 1 and value[0] == _ESCAPE and value[1] in "=+-@\t\r'":
        return value[1:]
    return value


def csv_cell(value: Any) -> str:
    '''One cell of a CSV row: numbers as numbers, text neutralised and quoted when it must be.

    A text is quoted when it contains a separator (comma, semicolon, tab), a quote or a line
    break, or when it starts with a formula character or a space, so that a reader splitting
    on the comma keeps it whole and keeps its spaces.

    Examples
    --------
    >>> print(csv_cell("Council"), csv_cell("=1+1"), csv_cell('say "hi"'), csv_cell(2.5))
    Council "'=1+1" "say ""hi""" 2.5
    >>> print(csv_cell("a;b"), csv_cell(True), csv_cell(("x", "y")), csv_cell(None) == "")
    "a;b" true x|y True
    '''
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, tuple | list):
        value = "|".join(str(v) for v in value)
    text = str(value)
    safe = neutralise_csv(text)
    if safe != text or any(c in safe for c in ',;\t"\r\n') or safe.startswith(" "):
        return '"' + safe.replace('"', '""') + '"'
    return safe
