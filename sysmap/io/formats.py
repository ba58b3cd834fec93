"""Every file format sysmap reads or writes, and how a file's format is recognised.

Formats are recognised from the file's content first (a GraphML file renamed ``.xml`` still
opens), then from its extension. Readers return a :class:`~sysmap.io.result.LoadResult`;
writers return bytes, which :func:`save_map` writes atomically. A format may also write
companion files beside the main one (a CSV export's relationships table).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sysmap.io import sniff
from sysmap.io.atomic import atomic_write_many
from sysmap.io.map_limits import check_map_limits
from sysmap.io.result import LoadResult
from sysmap.io.safe_xml import check_regular, check_size
from sysmap.model.errors import MapFileError, ValidationError
from sysmap.model.system_map import SystemMap

Reader = Callable[[Path], LoadResult]
Writer = Callable[[SystemMap], bytes]
Sniffer = Callable[[bytes], bool]
Companions = Callable[[SystemMap, Path], dict[Path, bytes]]
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class MapFormat:
    """A file format: its short name, what people call it, extensions, reader and writer."""

    key: str
    title: str
    extensions: tuple[str, ...]
    read: Reader | None = None
    write: Writer | None = None
    sniff: Sniffer | None = None
    companions: Companions | None = None
    """Other files to write beside the main one, by path."""


def _when_used(module: str, name: str) -> Callable[..., Any]:
    """``sysmap.io.<module>.<name>``, imported when first called: opening a GraphML map must
    not load the spreadsheet readers, nor PRSM's decompressor (and with it numpy)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(f"sysmap.io.{module}"), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


read_graphml = _when_used("graphml_read", "read_graphml")
write_graphml = _when_used("graphml_write", "write_graphml")
read_gexf = _when_used("gexf", "read_gexf")
read_xgmml = _when_used("xgmml", "read_xgmml")
write_gexf = _when_used("gexf_write", "write_gexf")
read_prsm = _when_used("prsm", "read_prsm")
read_json = _when_used("json_read", "read_json")
read_kumu_json = _when_used("kumu_json", "read_kumu_json")
read_node_link = _when_used("nodelink", "read_node_link")
write_node_link = _when_used("nodelink", "write_node_link")
read_xlsx = _when_used("kumu_sheets", "read_xlsx")
write_kumu_xlsx = _when_used("kumu_sheets", "write_kumu_xlsx")
read_csv = _when_used("csv_tables", "read_csv")
read_csv_zip = _when_used("csv_tables", "read_csv_zip")
write_csv_zip = _when_used("csv_tables", "write_csv_zip")
write_elements_csv = _when_used("csv_tables", "write_elements_csv")
connections_companion = _when_used("csv_tables", "connections_companion")


# Specific tests first: a PRSM map would also pass the general JSON test.
FORMATS: list[MapFormat] = [
    MapFormat(
        "graphml",
        "GraphML map",
        (".graphml", ".xml"),
        read_graphml,
        write_graphml,
        sniff.looks_like_graphml,
    ),
    MapFormat("gexf", "GEXF (Gephi)", (".gexf",), read_gexf, write_gexf, sniff.looks_like_gexf),
    MapFormat("xgmml", "XGMML (Cytoscape)", (".xgmml",), read_xgmml, None, sniff.looks_like_xgmml),
    MapFormat("prsm", "PRSM map", (".prsm",), read_prsm, None, sniff.looks_like_prsm),
    MapFormat(
        "json",
        "JSON (node-link, Kumu, PRSM, Gephi Lite or Cytoscape.js)",
        (".json",),
        read_json,
        write_node_link,
        sniff.looks_like_json,
    ),
    MapFormat("cyjs", "Cytoscape.js JSON", (".cyjs",), read_json),
    # For --input-format: read a .json file as exactly this kind.
    MapFormat("kumu", "Kumu JSON (project or blueprint)", (), read_kumu_json),
    MapFormat("nodelink", "Node-link JSON", (), read_node_link, write_node_link),
    MapFormat(
        "xlsx",
        "Excel workbook (Kumu or PRSM layout)",
        (".xlsx",),
        read_xlsx,
        write_kumu_xlsx,
        sniff.looks_like_xlsx,
    ),
    MapFormat(
        "zip",
        "CSV tables in a zip",
        (".zip",),
        read_csv_zip,
        write_csv_zip,
        sniff.looks_like_csv_zip,
    ),
    MapFormat(
        "csv",
        "CSV tables (Kumu layout)",
        (".csv", ".tsv", ".txt"),
        read_csv,
        write_elements_csv,
        sniff.looks_like_table,
        connections_companion,
    ),
]


def register_format(fmt: MapFormat) -> None:
    """Add a format (or replace the one with the same key)."""
    FORMATS[:] = [f for f in FORMATS if f.key != fmt.key] + [fmt]


def format_by_key(key: str) -> MapFormat:
    """Return the format with this short name (``graphml``, ``json``…)."""
    for fmt in FORMATS:
        if fmt.key == key.lower().lstrip("."):
            return fmt
    known = ", ".join(f.key for f in FORMATS)
    raise MapFileError(key, f"'{key}' is not a format sysmap knows (it knows {known})")


def format_for_path(path: Path) -> MapFormat | None:
    """Return the format whose extension ``path`` has, or ``None``."""
    suffix = path.suffix.lower()
    return next((f for f in FORMATS if suffix in f.extensions), None)


def detect_format(path: Path) -> MapFormat:
    """Recognise a file's format from its content, falling back to its extension."""
    check_size(path, 2**62)
    head = _head(path)
    if not head.strip():
        raise MapFileError(str(path), "the file is empty")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"PK")):
        if _unmarked_utf16(head):
            raise MapFileError(
                str(path),
                "it is UTF-16 text without the mark that says so, which sysmap cannot read",
                hint="Save it again as UTF-8.",
            )
        raise MapFileError(
            str(path),
            "it holds binary data, not a map",
            hint="Check that you chose the right file.",
        )
    for fmt in FORMATS:
        if fmt.read is not None and fmt.sniff is not None and fmt.sniff(head):
            return fmt
    by_extension = format_for_path(path)
    if by_extension is not None and by_extension.read is not None:
        return by_extension
    readable = ", ".join(ext for f in FORMATS if f.read for ext in f.extensions)
    raise MapFileError(
        str(path), "sysmap does not recognise this kind of file", hint=f"It opens {readable} files."
    )


def _head(path: Path) -> bytes:
    """The file's first bytes; opened without waiting, in case it became a pipe meanwhile."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise MapFileError(str(path), f"the file cannot be read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as stream:
        check_regular(os.fstat(fd).st_mode, str(path))
        try:
            return stream.read(SNIFF_BYTES)
        except OSError as exc:
            raise MapFileError(str(path), f"the file cannot be read ({exc.strerror})") from None


def _unmarked_utf16(head: bytes) -> bool:
    """Whether every other byte is zero, as in English text saved as UTF-16."""
    even, odd = head[0::2], head[1::2]
    return len(head) >= 8 and (even.count(0) >= 0.9 * len(even) or odd.count(0) >= 0.9 * len(odd))


def load_map(path: Path | str, fmt: str | None = None) -> LoadResult:
    """Read a map file of any supported format.

    Parameters
    ----------
    path : path-like
    fmt : str, optional
        A format key, to override detection.

    Raises
    ------
    MapFileError
        If the file is missing, unreadable, of an unknown kind, broken, or holds absurdly
        long texts.
    """
    path = Path(path)
    chosen = format_by_key(fmt) if fmt else detect_format(path)
    if chosen.read is None:
        raise MapFileError(str(path), f"sysmap can write {chosen.title} files but not read them")
    try:
        result = chosen.read(path)
    except ValidationError as exc:  # a reader left the map's own refusal unworded
        raise MapFileError.refused(str(path), exc) from None
    check_map_limits(result.map, str(path))
    return result


def save_map(system_map: SystemMap, path: Path | str, fmt: str | None = None) -> MapFormat:
    """Write a map atomically in the format given, or the one its extension names.

    Returns
    -------
    MapFormat
        The format written.
    """
    path = Path(path)
    chosen = format_by_key(fmt) if fmt else format_for_path(path)
    if chosen is None or chosen.write is None:
        writable = ", ".join(ext for f in FORMATS if f.write for ext in f.extensions[:1])
        raise MapFileError(
            str(path),
            "sysmap cannot write that kind of file",
            hint=f"Use one of: {writable}.",
            action="save",
        )
    try:
        content = chosen.write(system_map)
    except ValidationError as exc:  # a writer's format cannot hold a value of this map
        raise MapFileError.refused(str(path), exc, action="save") from None
    files = {path: content}
    if chosen.companions is not None:
        files.update(chosen.companions(system_map, path))
    atomic_write_many(files)  # a pair of tables is replaced together, or not at all
    return chosen
