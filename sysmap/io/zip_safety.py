"""Open zip containers (.xlsx workbooks, zipped CSV pairs) without being harmed by them.

A zip bomb is a small file that unpacks to gigabytes; an .xlsx is a zip of XML, so it can
also carry XML entity attacks. Before anything unpacks a container for real, its directory is
checked and its XML parts are screened as every XML file is
(:func:`sysmap.io.safe_xml.screen_stream`): no entity declarations, no DOCTYPE declarations,
no external references, no absurd nesting.

The directory check bounds what unpacking can cost, in proportion to the file:

- each part may be no bigger than a plain file of its kind may be (a CSV inside a zip is
  capped as a CSV file is);
- all parts together may unpack to at most :attr:`ZipLimits.max_ratio` times the container's
  size (real workbooks and tables unpack to 4–13 times theirs), or to
  :attr:`ZipLimits.floor` for a small file whatever its ratio, so a short map with one long,
  repetitive description (which compresses a thousand-fold) still opens;
- parts protected by a password, or packed other than stored or deflated (as Excel and every
  zip tool pack them), are refused with a sentence rather than an error.

Python's zipfile never returns more than the size a part declares, so these caps hold while
the parts are unpacked, whatever the compressed data claims.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from sysmap.io.safe_xml import XmlLimits, check_size, screen_stream
from sysmap.model.errors import MapFileError

# What reading a damaged container can raise, besides our own MapFileError.
_DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError)


_MB = 1024 * 1024
# Only what Excel, Kumu and every zip tool write. Python unpacks bzip2 and LZMA parts in
# unbounded steps, so a few kilobytes of either could fill memory before any cap applied.
_UNPACKABLE = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})


@dataclass(frozen=True)
class ZipLimits:
    """Caps on a container: far above any real map, far below harm."""

    max_bytes: int = 100 * _MB
    max_entries: int = 5_000
    max_unpacked: int = 300 * _MB
    """All parts together, whatever the container's size."""
    max_part: int = 100 * _MB
    """One part: the cap on a plain file of the same kind."""
    max_ratio: int = 40
    """How many times its own size a container may unpack to (beyond :attr:`floor`)."""
    floor: int = 8 * _MB
    """What any container may unpack to, however well it compressed."""
    cells_floor: int = 50_000
    cells_per_kb: int = 400
    """How many cells a workbook's sheets may hold: this many for each kilobyte the sheets
    take in the file (a real workbook holds about 160), or :attr:`cells_floor` for small
    sheets. Empty or repeated cells compress a thousand-fold, and reading each one costs as
    much as reading a real one; padding the file with something else buys no more cells."""

    def cells(self, sheet_bytes: int) -> int:
        """How many cells sheets taking ``sheet_bytes`` in the file may hold, all together.

        Examples
        --------
        >>> ZipLimits().cells(20_000), ZipLimits().cells(1_000_000)
        (50000, 390625)
        """
        return max(self.cells_floor, self.cells_per_kb * sheet_bytes // 1024)

    def budget(self, container_bytes: int) -> int:
        """How many bytes a container of this size may unpack to, all parts together.

        Examples
        --------
        >>> limits = ZipLimits()
        >>> limits.budget(10_000) // _MB, limits.budget(2 * _MB) // _MB
        (8, 80)
        """
        return min(self.max_unpacked, max(self.floor, self.max_ratio * container_bytes))


DEFAULT_ZIP_LIMITS = ZipLimits()
# A workbook's sheet holds at most 100,000 rows of 1,000 cells, each a few elements.
_PART_LIMITS = XmlLimits(max_elements=20_000_000, max_depth=40)


def open_zip(path: Path, what: str, limits: ZipLimits = DEFAULT_ZIP_LIMITS) -> zipfile.ZipFile:
    """Open a zip container after checking it is not a bomb; the caller closes it.

    Parameters
    ----------
    path : pathlib.Path
    what : str
        What the file should be, for messages ("an Excel workbook").

    Raises
    ------
    MapFileError
        If the file is missing, not a zip, or would unpack beyond the limits.
    """
    size = check_size(path, limits.max_bytes)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise MapFileError(
            str(path), f"it is not {what} (its zip container cannot be read)"
        ) from None
    try:
        _check_directory(archive, str(path), limits, size)
        sheets = sum(i.compress_size for i in archive.infolist() if _is_sheet(i.filename))
        _screen_xml(archive, str(path), limits.cells(sheets))
    except BaseException:
        archive.close()
        raise
    return archive


def read_member(archive: zipfile.ZipFile, name: str, path: str) -> bytes:
    """Read one entry, never more than the size its directory declared."""
    info = archive.getinfo(name)
    try:
        with archive.open(info) as stream:
            data = stream.read(info.file_size + 1)
    except _DAMAGED:
        raise MapFileError(path, f"the part '{name}' inside it is damaged") from None
    if len(data) > info.file_size:
        raise MapFileError(path, f"the part '{name}' inside it is larger than it declares")
    return data


def _check_directory(
    archive: zipfile.ZipFile, path: str, limits: ZipLimits, container_bytes: int
) -> None:
    entries = archive.infolist()
    if len(entries) > limits.max_entries:
        raise MapFileError(
            path,
            f"it holds more than {limits.max_entries:,} parts, more than any map needs",
            hint="The file may be damaged or made to cause harm.",
        )
    for entry in entries:
        _check_entry(entry, path, limits)
    total = sum(e.file_size for e in entries)
    budget = limits.budget(container_bytes)
    if total > budget:
        grows = f", {total / max(container_bytes, 1):,.0f} times its own size" if total else ""
        raise MapFileError(
            path,
            f"it would unpack to {total / 1e6:,.0f} MB{grows}, more than the "
            f"{budget / 1e6:,.0f} MB sysmap accepts from a file of this size",
            hint="The file may be a 'zip bomb'; ask the sender for a plain export.",
        )


def _check_entry(entry: zipfile.ZipInfo, path: str, limits: ZipLimits) -> None:
    if entry.flag_bits & 0x1:
        raise MapFileError(
            path,
            f"its part '{_short(entry.filename)}' is protected by a password, "
            "which sysmap cannot open",
            hint="Save or zip it again without a password.",
        )
    if entry.compress_type not in _UNPACKABLE:
        raise MapFileError(
            path,
            f"its part '{_short(entry.filename)}' is packed in a way sysmap cannot unpack",
            hint="Zip it again with your computer's own zip tool.",
        )
    if entry.file_size > limits.max_part:
        raise MapFileError(
            path,
            f"its part '{_short(entry.filename)}' would unpack to "
            f"{entry.file_size / 1e6:,.0f} MB, more than the {limits.max_part / 1e6:,.0f} MB "
            "sysmap accepts in one file",
            hint="Split the map into smaller files.",
        )


def _is_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/")


def _short(name: str) -> str:
    return name if len(name) <= 60 else name[:60] + "…"


def _screen_xml(archive: zipfile.ZipFile, path: str, cells: int) -> None:
    # Each XML part goes through the same screen as a GraphML file (entities, external
    # references, depth), in whatever encoding it declares: a byte search for "<!DOCTYPE"
    # would miss one written in UTF-16. The cells of the sheets are counted on the way.
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        sheet = _is_sheet(info.filename)
        counted = (("c", max(cells, 0), "cells for a workbook of its size"),) if sheet else ()
        try:
            with archive.open(info) as stream:
                found = screen_stream(stream, path, replace(_PART_LIMITS, counted=counted))
            cells -= found.get("c", 0)
        except MapFileError as exc:
            raise MapFileError(
                path, f"its part '{info.filename}' is refused: {exc.problem}", hint=exc.hint
            ) from None
        except _DAMAGED:
            raise MapFileError(path, f"the part '{info.filename}' inside it is damaged") from None
