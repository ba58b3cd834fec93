"""Escape text for XML written by hand (faster and more predictable than a DOM)."""

from __future__ import annotations

import re

# XML 1.0's NameChar: what an NMTOKEN (GraphML's ids, keys and attribute names) may hold.
_NAME_CHARS = (
    r":A-Z_a-z\-.0-9\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF"
    r"\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF"
    r"\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF"
)
_NMTOKEN = re.compile(f"[{_NAME_CHARS}]+")
_NOT_NAME = re.compile(f"[^{_NAME_CHARS}]+")


def is_nmtoken(text: str) -> bool:
    """Whether ``text`` is an XML NMTOKEN (no spaces, brackets, quotes, line breaks…).

    Examples
    --------
    >>> is_nmtoken("n28::n1"), is_nmtoken("group path"), is_nmtoken("Café-2")
    (True, False, True)
    """
    return bool(_NMTOKEN.fullmatch(text))


def nmtoken(text: str) -> str:
    """``text`` with each run of characters an NMTOKEN cannot hold made one underscore.

    Examples
    --------
    >>> nmtoken("weight (original)"), nmtoken("works with\\nlocal"), nmtoken("")
    ('weight_original_', 'works_with_local', '_')
    """
    return _NOT_NAME.sub("_", text) or "_"


def xml_text(value: str) -> str:
    """Escape element content; a carriage return is kept as a character reference.

    Examples
    --------
    >>> xml_text("A & B <c>\\r")
    'A &amp; B &lt;c&gt;&#13;'
    """
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def xml_attr(value: str) -> str:
    """Escape an attribute value; whitespace a parser would normalise becomes a reference.

    Examples
    --------
    >>> xml_attr('say "hi"\\n')
    'say &quot;hi&quot;&#10;'
    """
    return xml_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
