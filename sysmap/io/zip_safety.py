"""Open zip containers (.xlsx workbooks, zipped CSV pairs) without being harmed by them.

A zip bomb is a small file that unpacks to gigabytes; an .xlsx is a zip of XML, so it can
also carry XML entity attacks. Before anything unpacks a container for real, its directory is
checked (number of entries, total unpacked size, how much each entry claims to grow) and its
XML parts are screened as every XML file is (:func:`sysmap.io.safe_xml.screen_stream`): no
entity declarations, no external references, no absurd nesting. Reading then stops at the
sizes the directory declared.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from sysmap.io.safe_xml import XmlLimits, check_size, screen_stream
from sysmap.model.errors import MapFileError

# What reading a damaged container can raise, besides our own MapFileError.
_DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError)


@dataclass(frozen=True)
class ZipLimits:
    """Caps on a container: far above any real map, far below harm."""

    max_bytes: int = 100 * 1024 * 1024
    max_entries: int = 5_000
    max_unpacked: int = 300 * 1024 * 1024
    max_ratio: int = 200
    """How many times bigger than its compressed size an entry may claim to be."""


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
    check_size(path, limits.max_bytes)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise MapFileError(
            str(path), f"it is not {what} (its zip container cannot be read)"
        ) from None
    try:
        _check_directory(archive, str(path), limits)
        _screen_xml(archive, str(path))
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


def _check_directory(archive: zipfile.ZipFile, path: str, limits: ZipLimits) -> None:
    entries = archive.infolist()
    if len(entries) > limits.max_entries:
        raise MapFileError(
            path,
            f"it holds more than {limits.max_entries:,} parts, more than any map needs",
            hint="The file may be damaged or made to cause harm.",
        )
    total = sum(e.file_size for e in entries)
    if total > limits.max_unpacked:
        raise MapFileError(
            path,
            f"it would unpack to {total / 1e6:,.0f} MB, more than the "
            f"{limits.max_unpacked / 1e6:,.0f} MB sysmap accepts",
            hint="The file may be a 'zip bomb'; ask the sender for a smaller export.",
        )
    for entry in entries:
        if entry.file_size > 1_000_000 and entry.file_size > limits.max_ratio * max(
            entry.compress_size, 1
        ):
            raise MapFileError(
                path,
                f"its part '{entry.filename}' claims to grow {limits.max_ratio}-fold or more "
                "when unpacked, as 'zip bombs' do",
                hint="Ask the sender for a plain export.",
            )


def _screen_xml(archive: zipfile.ZipFile, path: str) -> None:
    # Each XML part goes through the same screen as a GraphML file (entities, external
    # references, depth), in whatever encoding it declares: a byte search for "<!DOCTYPE"
    # would miss one written in UTF-16.
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(info) as stream:
                screen_stream(stream, path, _PART_LIMITS)
        except MapFileError as exc:
            raise MapFileError(
                path, f"its part '{info.filename}' is refused: {exc.problem}", hint=exc.hint
            ) from None
        except _DAMAGED:
            raise MapFileError(path, f"the part '{info.filename}' inside it is damaged") from None
