"""Recognise a file's format from its first bytes, whatever its name.

Each test looks only at the first few kilobytes and never raises; the readers then check the
file properly. Order matters where formats overlap (a PRSM map is JSON with ``nodes``, like
node-link JSON), so the registry in :mod:`sysmap.io.formats` asks the specific tests first.
"""

from __future__ import annotations

from sysmap.io.tables import Table, normalise_header

_BOM = b"\xef\xbb\xbf"
_ZIP = b"PK\x03\x04"


def _start(head: bytes) -> bytes:
    return head.removeprefix(_BOM).lstrip(b" \t\r\n")


def looks_like_graphml(head: bytes) -> bool:
    """A ``<graphml`` element near the start."""
    return b"<graphml" in head


def looks_like_gexf(head: bytes) -> bool:
    """A ``<gexf`` element near the start."""
    return b"<gexf" in head


def looks_like_xgmml(head: bytes) -> bool:
    """An XGMML ``<graph>`` near the start (its namespace, or Cytoscape's).

    Examples
    --------
    >>> looks_like_xgmml(b'<graph label="n" xmlns="http://www.cs.rpi.edu/XGMML">')
    True
    >>> looks_like_xgmml(b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">')
    False
    """
    return b"<graph" in head and (b"XGMML" in head or b"www.cytoscape.org" in head)


def looks_like_json(head: bytes) -> bool:
    """JSON text: an object or a list."""
    return _start(head)[:1] in (b"{", b"[")


def looks_like_prsm(head: bytes) -> bool:
    """PRSM's plain JSON (its own top-level keys) or its lz-string-compressed form.

    Examples
    --------
    >>> looks_like_prsm(b'{"saved": "1/1/2022", "version": "1.9.1", "room": "ABC"}')
    True
    >>> looks_like_prsm('\\u1be1\\u083d\\u420c\\u0280\\u5326'.encode() * 10)
    True
    >>> looks_like_prsm(b'{"nodes": [], "links": []}')
    False
    """
    start = _start(head)
    if start[:1] == b"{":
        return b'"lastNodeSample"' in head or (b'"room"' in head and b'"version"' in head)
    text = start[:1024].decode("utf-8", "ignore")
    if len(text) < 16:
        return False
    # compressToUTF16 writes 15 bits per character, offset by 32: mostly CJK-range text.
    in_range = all(32 <= ord(ch) < 32 + (1 << 15) for ch in text)
    wide = sum(ord(ch) >= 0x100 for ch in text)
    return in_range and wide >= 0.8 * len(text)


def looks_like_xlsx(head: bytes) -> bool:
    """A zip container holding an Excel workbook's parts."""
    return head.startswith(_ZIP) and (b"[Content_Types].xml" in head or b"xl/" in head)


def looks_like_csv_zip(head: bytes) -> bool:
    """A zip container whose first part is a CSV file."""
    return head.startswith(_ZIP) and b".csv" in head[:300].lower()


def looks_like_table(head: bytes) -> bool:
    """A CSV table in Kumu's layout: ``Label`` or ``From,To`` (after an optional ``ID``).

    Examples
    --------
    >>> looks_like_table(b"ID,From,To,Type\\r\\na,b,c,d"), looks_like_table(b"Name,Age")
    (True, False)
    """
    first = _start(head).split(b"\n", 1)[0].decode("utf-8", "ignore")
    for separator in (",", ";", "\t"):
        cells = [normalise_header(c.strip().strip('"')) for c in first.split(separator)]
        if Table("", cells).kind in ("elements", "connections"):
            return True
    return False
