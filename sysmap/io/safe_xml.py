"""Parse XML from files that may be hostile.

Maps arrive by email from other organisations. Every XML reader in sysmap parses through
:func:`parse_xml`, which refuses entity declarations (billion laughs, quadratic blow-up),
external entities and DTD fetches (defusedxml's stance), and any DOCTYPE that carries
declarations of its own (an internal subset): no map needs one, and its attribute defaults
alone can hand every element a megabyte of text. It caps the file size, the number of
elements and the nesting depth, each with a message naming the file and what to do. A
DOCTYPE that only names a DTD is harmless, since nothing is ever fetched, and is accepted.
"""

from __future__ import annotations

import os
import stat
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar
from xml.parsers import expat

from sysmap.model.errors import MapFileError
from sysmap.model.progress import part, report

_T = TypeVar("_T")
# Expat before 2.6 scans a token again from its start each time more of it arrives, so a
# 50 MB attribute fed in the usual 64 KB pieces takes minutes; in 16 MB pieces, a second.
_CHUNK = 16 * 1024 * 1024


@dataclass(frozen=True)
class XmlLimits:
    """Caps on what a map file may contain; far above any real map, far below harm."""

    max_bytes: int = 200 * 1024 * 1024
    max_elements: int = 5_000_000
    max_depth: int = 100
    counted: tuple[tuple[str, int, str], ...] = ()
    """Elements capped by name: (local tag name, cap, what people call them)."""


DEFAULT_LIMITS = XmlLimits()


def check_size(path: Path, max_bytes: int) -> int:
    """Return the file's size, refusing a missing, unreadable, oversized or special file.

    Only regular files are read: a named pipe or a device given as a map would keep the
    reader waiting for ever (or reading for ever, from ``/dev/zero``).
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise MapFileError(
            str(path), "the file does not exist", hint="Check the name and folder."
        ) from None
    except OSError as exc:
        raise MapFileError(str(path), f"the file cannot be read ({exc.strerror})") from None
    check_regular(status.st_mode, str(path))
    size = status.st_size
    if size > max_bytes:
        raise MapFileError(
            str(path),
            f"the file is {size / 1e6:.0f} MB, more than the "
            f"{max_bytes / 1e6:.0f} MB sysmap accepts",
            hint="Split the map into smaller files.",
        )
    return size


def check_regular(mode: int, path: str) -> None:
    """Refuse anything but a regular file (a folder, a named pipe, a device, a socket)."""
    if stat.S_ISDIR(mode):
        raise MapFileError(path, "it is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise MapFileError(
            path,
            "it is not an ordinary file (it is a named pipe, a device or a socket), "
            "so sysmap does not read it",
            hint="Save the map as a file and open that.",
        )


def parse_xml(path: Path, limits: XmlLimits = DEFAULT_LIMITS) -> ET.Element:
    """Parse an XML file safely and return its root element.

    Parameters
    ----------
    path : pathlib.Path
        The file to read.
    limits : XmlLimits
        Caps on size, element count and depth.

    Raises
    ------
    MapFileError
        If the file is missing, too big, not well-formed XML, declares entities or a DTD that
        fetches anything, or nests or repeats elements beyond the limits.
    """
    check_size(path, limits.max_bytes)
    try:
        with open(path, "rb") as stream:
            return _parse_stream(stream, str(path), limits)
    except OSError as exc:
        raise MapFileError(str(path), f"the file cannot be read ({exc.strerror})") from None


class _RefusedError(Exception):
    """Raised from inside the screening parser to stop at the first sign of trouble."""

    def __init__(self, problem: str, hint: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.hint = hint


def _parse_stream(stream: IO[bytes], name: str, limits: XmlLimits) -> ET.Element:
    # Two passes. The first screens the document with a bare expat parser: it refuses any
    # entity declaration and any external reference, and counts elements and depth, at C
    # speed with a tiny callback per element. Only a document that passes is built into a
    # tree, by ElementTree's C parser, which by then has nothing dangerous left to expand.

    def screen_then_parse() -> ET.Element:
        size = _size_of(stream)
        with part(0.0, 0.25):  # a reader's progress: screening is about a quarter of it
            _screen(stream, limits, size)
        stream.seek(0)
        builder = ET.XMLParser()
        done = 0
        with part(0.25, 1.0):
            while chunk := stream.read(_CHUNK):
                builder.feed(chunk)
                done += len(chunk)
                if size:
                    report(done / size)
        return builder.close()

    return _refusing(name, screen_then_parse)


def screen_stream(
    stream: IO[bytes], name: str, limits: XmlLimits = DEFAULT_LIMITS
) -> dict[str, int]:
    """Check XML read from ``stream`` (a part of a workbook) without building it.

    Returns
    -------
    dict
        How many of each element ``limits`` counts the stream holds.

    Raises
    ------
    MapFileError
        Naming ``name``, for the same reasons as :func:`parse_xml`.
    """
    return _refusing(name, lambda: _screen(stream, limits))


def _refusing(name: str, work: Callable[[], _T]) -> _T:
    """Run ``work``, turning what the parsers raise into one sentence naming the file."""
    try:
        return work()
    except _RefusedError as refused:
        raise MapFileError(name, refused.problem, hint=refused.hint) from None
    except expat.ExpatError as exc:
        message = expat.errors.messages.get(exc.code, str(exc))
        raise MapFileError(
            name,
            _describe_parse_error(message),
            line=exc.lineno,
            hint="The file may be damaged, cut short or not XML.",
        ) from None
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise MapFileError(
            name,
            _describe_parse_error(str(exc)),
            line=line,
            hint="The file may be damaged, cut short or not XML.",
        ) from None
    except RecursionError:
        raise MapFileError(name, "its structure is too deep to read") from None
    except (LookupError, UnicodeError):  # the XML declaration names an unknown encoding
        raise MapFileError(
            name,
            "it declares a text encoding sysmap does not know",
            hint="The file may be damaged; save it again as UTF-8.",
        ) from None


_HOSTILE_HINT = "Ask the sender for a plain export; the file may be made to cause harm."


def _size_of(stream: IO[bytes]) -> int:
    """How many bytes a stream holds (0 when it cannot say)."""
    try:
        here = stream.tell()
        size = stream.seek(0, 2)
        stream.seek(here)
    except (OSError, ValueError):
        return 0
    return int(size)


def _screen(stream: IO[bytes], limits: XmlLimits, size: int = 0) -> dict[str, int]:
    screen = _Screen(limits)
    done = 0
    while chunk := stream.read(_CHUNK):
        screen.parser.Parse(chunk, False)
        done += len(chunk)
        if size:
            report(done / size)  # only when a whole file is read (size given)
    screen.parser.Parse(b"", True)
    if screen.count == 0:
        raise _RefusedError("the file is empty", "Check that you chose the right file.")
    return screen.counts


class _Screen:
    """A bare expat parser that counts elements and refuses declarations, building nothing."""

    def __init__(self, limits: XmlLimits) -> None:
        self.limits = limits
        self.depth = 0
        self.count = 0
        self.subset = False
        self.caps = {tag: (cap, noun) for tag, cap, noun in limits.counted}
        self.counts = dict.fromkeys(self.caps, 0)
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.EntityDeclHandler = self.entity
        parser.UnparsedEntityDeclHandler = self.entity
        parser.ExternalEntityRefHandler = self.external
        parser.StartDoctypeDeclHandler = self.doctype_start
        parser.EndDoctypeDeclHandler = self.doctype_end
        self.parser = parser

    def start(self, tag: str, attributes: object) -> None:
        self.depth += 1
        self.count += 1
        name = tag.rpartition(":")[2]  # expat reports a prefixed tag as written
        if name in self.counts:
            self.counts[name] += 1
            cap, noun = self.caps[name]
            if self.counts[name] > cap:
                raise _RefusedError(
                    f"it has more than {cap:,} {noun}, more than sysmap accepts",
                    "Split the map into smaller files.",
                )
        if self.depth > self.limits.max_depth:
            raise _RefusedError(
                f"its elements are nested more than {self.limits.max_depth} deep, "
                "which no real map needs",
                "The file may be damaged or made to cause harm.",
            )
        if self.count > self.limits.max_elements:
            raise _RefusedError(
                f"it has more than {self.limits.max_elements:,} XML elements, "
                "more than sysmap accepts",
                "Split the map into smaller files.",
            )

    def end(self, tag: str) -> None:
        self.depth -= 1

    def entity(self, *args: object) -> None:
        raise _RefusedError(
            "it declares XML entities, which sysmap refuses because they can be used to "
            "attack your computer",
            _HOSTILE_HINT,
        )

    def external(self, *args: object) -> int:
        raise _RefusedError("it asks to fetch outside content, which sysmap refuses", _HOSTILE_HINT)

    def doctype_start(
        self, name: str, system: str | None, public: str | None, internal: int
    ) -> None:
        self.subset = bool(internal)

    def doctype_end(self) -> None:
        # Entities inside the subset were refused above with their own sentence; any other
        # declaration (attribute defaults, elements, notations) is refused here, whole.
        if self.subset:
            raise _RefusedError(
                "it carries declarations of its own in a DOCTYPE, which sysmap refuses "
                "because they can be used to attack your computer",
                _HOSTILE_HINT,
            )


def _describe_parse_error(message: str) -> str:
    text = message.split(":")[0]
    known = {
        "no element found": "the file ends before the XML is complete",
        "syntax error": "it is not XML",
        "not well-formed (invalid token)": "it is not well-formed XML",
        "unclosed token": "the file ends in the middle of an element",
        "mismatched tag": "an element is closed by the wrong tag",
        "junk after document element": "there is extra content after the XML",
        "undefined entity": "it uses an undefined XML entity",
        "encoding specified in XML declaration is incorrect": "its declared text encoding is wrong",
        "unknown encoding": "it uses a text encoding sysmap does not know",
    }
    return known.get(text, f"it is not valid XML ({text})")


def local_name(tag: str) -> str:
    """Return an element's tag without its ``{namespace}``."""
    return tag.rsplit("}", 1)[-1]
