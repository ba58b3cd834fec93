"""XML attacks on every reader that parses XML: GraphML (plain and yEd), GEXF, and the XML
inside Kumu's and PRSM's workbooks.

Each is refused with one sentence from ``sysmap info`` (exit 1) in a process whose memory is
capped, within a couple of seconds; no local file is read, no connection is made, and the
file on disk is left as it was.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sysmap.io import load_map
from sysmap.io.map_limits import MAX_STAKEHOLDERS
from sysmap.model import MapFileError
from tests.io.bounded import assert_refused, open_bounded
from tests.io.hostile_files import WORKBOOK_WRITERS, XML_WRITERS, replace_in_file, small_file

XML_READERS = (*XML_WRITERS, *WORKBOOK_WRITERS)
LABEL = b"Probation Service"
SECRET = "THE-SECRET-IN-A-LOCAL-FILE"

# Ten to the ninth "lol"s: three gigabytes if expanded.
LAUGHS = (
    b'<!DOCTYPE r [<!ENTITY lol0 "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10) for level in range(1, 10)
    )
    + b"]>"
)
# One 100,000-character entity used 100,000 times: ten gigabytes, no nesting to spot.
QUADRATIC = b'<!DOCTYPE r [<!ENTITY big "' + b"x" * 100_000 + b'">]>'


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes."""
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def attack(fmt: str, folder: Path, prolog: bytes, reference: bytes) -> Path:
    """The small map in ``fmt`` with ``prolog`` declared and its first label replaced."""
    folder.mkdir(exist_ok=True)
    path = small_file(fmt, folder)
    replace_in_file(path, LABEL, reference, prolog)
    return path


def test_entity_expansion_is_refused_fast_in_little_memory(tmp_path: Path) -> None:
    paths = []
    for fmt in XML_READERS:
        paths.append(attack(fmt, tmp_path / f"{fmt}-laughs", LAUGHS, b"&lol9;"))
        paths.append(attack(fmt, tmp_path / f"{fmt}-quadratic", QUADRATIC, b"&big;" * 100_000))
    before = snapshot(tmp_path)
    outcomes = open_bounded(paths, memory_mb=300)
    for outcome in outcomes:
        assert_refused(outcome, "declares XML entities", seconds=2.0)
        assert outcome.rss_growth_mb < 100, outcome  # expanded, either would be gigabytes
    assert len(outcomes) == 2 * len(XML_READERS)
    assert snapshot(tmp_path) == before


def test_a_doctype_with_declarations_of_its_own_is_refused(tmp_path: Path) -> None:
    # Finding 5: a 1 MB file whose DOCTYPE gave every element a 1 MB default attribute was
    # accepted at 1.5 GB. No entity is declared: the attribute default alone does the harm.
    default = b"x" * 1_000_000
    prologs = {
        "defaults": b'<!DOCTYPE r [<!ATTLIST node junk CDATA "' + default + b'">'
        b'<!ATTLIST data junk CDATA "'
        + default
        + b'"><!ATTLIST c junk CDATA "'
        + default
        + b'">]>',
        "elements": b"<!DOCTYPE r [<!ELEMENT r ANY>]>",
        "notation": b'<!DOCTYPE r [<!NOTATION n SYSTEM "n">]>',
    }
    paths = [
        attack(fmt, tmp_path / f"{fmt}-{kind}", prolog, LABEL)
        for fmt in XML_READERS
        for kind, prolog in prologs.items()
    ]
    before = snapshot(tmp_path)
    for outcome in open_bounded(paths, memory_mb=300):
        assert_refused(outcome, "carries declarations of its own in a DOCTYPE", seconds=2.0)
        assert outcome.rss_growth_mb < 100, outcome
    assert snapshot(tmp_path) == before


def test_an_external_entity_never_reads_the_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    prolog = f'<!DOCTYPE r [<!ENTITY s SYSTEM "{secret.as_uri()}">]>'.encode()
    paths = [attack(fmt, tmp_path / fmt, prolog, b"&s;") for fmt in XML_READERS]
    for outcome in open_bounded(paths):
        assert_refused(outcome, "declares XML entities")
        assert SECRET not in outcome.stdout + outcome.stderr


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A local port that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    calls: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(1)
                calls.append(connection.recv(200))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], calls
    stop.set()
    thread.join(2)
    server.close()


def test_no_dtd_or_entity_is_ever_fetched(
    tmp_path: Path, listener: tuple[int, list[bytes]]
) -> None:
    port, calls = listener
    url = f"http://127.0.0.1:{port}"
    prologs = {
        "dtd": (f'<!DOCTYPE r SYSTEM "{url}/map.dtd">'.encode(), LABEL),
        "parameter": (f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>'.encode(), LABEL),
        "general": (f'<!DOCTYPE r [<!ENTITY g SYSTEM "{url}/g.txt">]>'.encode(), b"&g;"),
    }
    paths = [
        attack(fmt, tmp_path / f"{fmt}-{kind}", prolog, reference)
        for fmt in XML_READERS
        for kind, (prolog, reference) in prologs.items()
    ]
    for outcome in open_bounded(paths):
        kind = Path(outcome.path).parent.name.rsplit("-", 1)[1]
        if kind == "dtd":  # a DOCTYPE that only names a DTD is harmless when nothing is fetched
            assert outcome.code == 0, outcome
            assert "2 stakeholders" in outcome.stdout, outcome.stdout
        else:
            assert_refused(outcome, "declares XML entities")
    # Give a late connection the time to arrive before saying none came.
    with socket.create_connection(("127.0.0.1", port), timeout=2) as probe:
        probe.sendall(b"probe")
    for _ in range(20):
        if calls:
            break
        threading.Event().wait(0.1)
    assert calls == [b"probe"], f"sysmap connected out: {calls}"


@pytest.mark.parametrize("fmt", XML_READERS)
def test_deep_nesting_is_refused(tmp_path: Path, fmt: str) -> None:
    path = small_file(fmt, tmp_path)
    deep = b"<x>" * 2_000 + b"</x>" * 2_000
    if fmt == "gexf":  # its labels are attributes: nest inside the list of nodes instead
        replace_in_file(path, b"</nodes>", deep + b"</nodes>")
    elif fmt == "xgmml":  # so are XGMML's: nest inside the graph
        replace_in_file(path, b"</graph>", deep + b"</graph>")
    else:
        replace_in_file(path, LABEL, deep)
    with pytest.raises(MapFileError, match="nested more than") as info:
        load_map(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("fmt", "count", "phrase"),
    [
        ("graphml", MAX_STAKEHOLDERS + 1, f"more than {MAX_STAKEHOLDERS:,} stakeholders"),
        ("gexf", MAX_STAKEHOLDERS + 1, f"more than {MAX_STAKEHOLDERS:,} stakeholders"),
    ],
)
def test_too_many_stakeholders_are_refused_before_reading_them(
    tmp_path: Path, fmt: str, count: int, phrase: str
) -> None:
    path = small_file(fmt, tmp_path)
    node = b'<node id="n" label="x"/>'
    replace_in_file(
        path,
        b"</nodes>" if fmt == "gexf" else b"</graph>",
        node * count + (b"</nodes>" if fmt == "gexf" else b"</graph>"),
    )
    (outcome,) = open_bounded([path], memory_mb=300)
    assert_refused(outcome, phrase, seconds=3.0)
    assert outcome.rss_growth_mb < 100, outcome


def test_millions_of_elements_are_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = small_file("graphml", tmp_path)
    replace_in_file(path, b"</graph>", b"<x/>" * 3_000_001 + b"</graph>")
    (outcome,) = open_bounded([path], memory_mb=300)
    assert_refused(outcome, "more than 3,000,000 XML elements", seconds=8.0)
    assert outcome.rss_growth_mb < 100, outcome


@pytest.mark.parametrize(
    ("declaration", "content", "phrase"),
    [
        (b'<?xml version="1.0" encoding="UTF-8"?>', "Caf\xe9".encode("latin-1"), "not well-formed"),
        (b'<?xml version="1.0" encoding="no-such-8"?>', b"Cafe", "text encoding sysmap does not"),
    ],
)
@pytest.mark.parametrize("fmt", XML_WRITERS)
def test_wrong_encodings_are_refused(
    tmp_path: Path, fmt: str, declaration: bytes, content: bytes, phrase: str
) -> None:
    path = small_file(fmt, tmp_path)
    data = path.read_bytes().replace(LABEL, content)
    path.write_bytes(declaration + data[data.index(b"?>") + 2 :])
    with pytest.raises(MapFileError, match=phrase) as info:
        load_map(path)
    assert str(path) in str(info.value)
