"""The streaming GraphML reader (issue 17) makes exactly the careful reader's records, and
leaves every unusual or hostile file to the careful reader, which refuses it as it always has.

Files of 1 MB or more take the streaming way (``STREAM_FROM``); these tests lower that to
nothing so that small files take it too.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import sysmap.io.graphml_read as graphml_read
from sysmap.io import load_map, save_map
from sysmap.io.graphml_parse import RawGraph, parse_graphml
from sysmap.io.graphml_stream import read_records
from sysmap.io.map_limits import MAP_XML_LIMITS, MAX_LABEL_CHARS, MAX_STAKEHOLDERS
from sysmap.io.safe_xml import parse_xml
from sysmap.model import MapFileError
from sysmap.model.synthetic import synthetic_map
from tests.io.hostile_files import replace_in_file, small_file
from tests.io.test_hostile_xml import LABEL, LAUGHS, QUADRATIC, listener

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
__all__ = ["listener"]  # a fixture, used below


def _xml(element: Any) -> bytes | None:
    """An element of either tree as ElementTree writes it, to compare the two."""
    if element is None:
        return None
    from lxml import etree

    text = etree.tostring(element) if isinstance(element, etree._Element) else ET.tostring(element)
    return ET.tostring(ET.fromstring(text))


def _records(raw: RawGraph) -> tuple[Any, ...]:
    nodes = [
        (n.id, n.data, n.parent, n.is_group, _xml(n.graphics), _xamls(n.xaml)) for n in raw.nodes
    ]
    edges = [
        (e.id, e.source, e.target, e.directed, e.data, _xml(e.graphics), _xamls(e.xaml))
        for e in raw.edges
    ]
    head = (raw.keys, raw.graph_data, raw.directed, raw.warnings, raw.namespaced)
    return (*head, sorted(raw.shared), nodes, edges)


def _xamls(found: dict[str, Any]) -> dict[str, bytes | None]:
    return {name: _xml(element) for name, element in found.items()}


def _graphml_files(interop_dir: Path, tmp_path: Path) -> list[Path]:
    own = tmp_path / "own.graphml"
    save_map(synthetic_map(300, seed=3), own)  # sysmap's own keys and yFiles drawing, 1.3 MB
    return [*sorted(EXAMPLES.rglob("*.graphml")), *sorted(interop_dir.glob("*.graphml")), own]


def test_every_real_file_gives_the_careful_readers_records(
    interop_dir: Path, tmp_path: Path
) -> None:
    files = _graphml_files(interop_dir, tmp_path)
    assert len(files) > 12
    for path in files:
        streamed = read_records(path, str(path), MAP_XML_LIMITS)
        assert streamed is not None, path  # an ordinary file: never the careful way
        assert streamed.short_texts, path  # its texts checked as read, not record by record
        careful = parse_graphml(parse_xml(path, MAP_XML_LIMITS), str(path))
        assert _records(streamed) == _records(careful), path


def test_the_map_is_the_same_either_way(
    interop_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in _graphml_files(interop_dir, tmp_path):
        made = []
        for stream_from in (0, 10**12):
            monkeypatch.setattr(graphml_read, "STREAM_FROM", stream_from)
            result = load_map(path)
            saved = tmp_path / f"saved-{stream_from}.graphml"
            save_map(result.map, saved)
            made.append((saved.read_bytes(), result.warnings, result.format, result.unpositioned))
        assert made[0] == made[1], path


NODES = b'<node id="n"/>' * (MAX_STAKEHOLDERS + 1)


@pytest.mark.parametrize("where", [LABEL, b"</data>"])
def test_a_long_text_is_refused_as_the_careful_reader_refuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: bytes
) -> None:
    path = small_file("graphml", tmp_path)
    long = b"x" * (MAX_LABEL_CHARS + 1)
    replace_in_file(path, where, long + where if where == b"</data>" else long)
    streamed = read_records(path, str(path), MAP_XML_LIMITS)
    assert streamed is not None
    assert not streamed.short_texts
    refusals = []
    for stream_from in (0, 10**12):
        monkeypatch.setattr(graphml_read, "STREAM_FROM", stream_from)
        with pytest.raises(MapFileError, match="characters long") as refused:
            load_map(path)
        refusals.append(str(refused.value))
    assert refusals[0] == refusals[1]


def _hostile(tmp_path: Path, kind: str) -> Path:
    """A small GraphML map made unusual or hostile in one way."""
    folder = tmp_path / kind
    folder.mkdir()
    path = small_file("yed" if kind == "yed-laughs" else "graphml", folder)
    edits: dict[str, tuple[bytes, bytes, bytes]] = {
        "laughs": (LAUGHS, LABEL, b"&lol9;"),
        "yed-laughs": (LAUGHS, LABEL, b"&lol9;"),
        "quadratic": (QUADRATIC, LABEL, b"&big;" * 1000),
        "defaults": (b'<!DOCTYPE r [<!ATTLIST node junk CDATA "xx">]>', LABEL, LABEL),
        "external": (b'<!DOCTYPE r [<!ENTITY s SYSTEM "file:///etc/hostname">]>', LABEL, b"&s;"),
        "dtd": (b'<!DOCTYPE r SYSTEM "http://127.0.0.1:9/map.dtd">', LABEL, LABEL),
        "deep": (b"", LABEL, b"<x>" * 2_000 + b"</x>" * 2_000),
        "middling-deep": (b"", LABEL, b"<x>" * 150 + b"</x>" * 150),
        "junk": (b"", b"</graph>", b"<x/>" * 250_000 + b"</graph>"),
        "stakeholders": (
            b"",
            b"</graph>",
            b'<node id="n"/>' * (MAX_STAKEHOLDERS + 1) + b"</graph>",
        ),
        "encoding": (b"", LABEL, "Caf\xe9".encode("latin-1")),
        "cut": (b"", b"</graphml>", b""),
        "no-id": (b"", b"</graph>", b"<node/></graph>"),
    }
    prolog, old, new = edits[kind]
    replace_in_file(path, old, new, prolog)
    return path


CAREFUL = {
    "laughs": "declares XML entities",
    "yed-laughs": "declares XML entities",
    "quadratic": "declares XML entities",
    "defaults": "carries declarations of its own in a DOCTYPE",
    "external": "declares XML entities",
    "dtd": None,  # naming a DTD is harmless when nothing is fetched: read
    "deep": "nested more than",
    "middling-deep": "nested more than",
    "junk": None,  # 250,000 empty elements are under the cap: read, the careful way
    "stakeholders": f"more than {MAX_STAKEHOLDERS:,} stakeholders",
    "encoding": "not well-formed",
    "cut": "ends before the XML is complete",
    "no-id": "a node has no id",
}


@pytest.mark.parametrize(
    "kind",
    sorted(CAREFUL),
)
def test_unusual_files_are_left_to_the_careful_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    path = _hostile(tmp_path, kind)
    assert read_records(path, str(path), MAP_XML_LIMITS) is None
    monkeypatch.setattr(graphml_read, "STREAM_FROM", 0)
    phrase = CAREFUL[kind]
    if phrase is None:
        assert load_map(path).map.stakeholder_count >= 2
    else:
        with pytest.raises(MapFileError, match=phrase) as refused:
            load_map(path)
        assert str(path) in str(refused.value)


def test_the_streaming_reader_fetches_nothing(
    tmp_path: Path, listener: tuple[int, list[bytes]]
) -> None:
    port, calls = listener
    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ENTITY leak "THE-SECRET">')
    prologs = [
        f'<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p.dtd"> %p;]>',
        f'<!DOCTYPE r SYSTEM "http://127.0.0.1:{port}/map.dtd">',
        f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;]>',
    ]
    for number, prolog in enumerate(prologs):
        folder = tmp_path / str(number)
        folder.mkdir()
        path = small_file("graphml", folder)
        replace_in_file(path, LABEL, LABEL, prolog.encode())
        assert read_records(path, str(path), MAP_XML_LIMITS) is None  # the careful reader's
    threading.Event().wait(0.5)  # time for a late connection to arrive
    assert calls == []
