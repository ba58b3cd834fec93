"""Broken and hostile files in every format sysmap reads.

For each reader: repeated ids, relationships to nobody, NaN, infinite and absurd positions,
a 50 MB label, truncation, binary junk, wrong encodings, files beyond the size cap, JSON
bombs and zip bombs. Each either opens with a warning that says what was wrong (the table
formats follow Kumu, which adds a stakeholder a relationship names) or is refused with one
sentence naming the file; never another exception, never a change on disk.
"""

from __future__ import annotations

import math
import os
import random
import struct
import zipfile
from pathlib import Path

import pytest

from sysmap.io import load_map
from sysmap.io.formats import MapFormat
from sysmap.io.map_limits import MAX_STAKEHOLDERS
from sysmap.model import MapFileError
from tests.io.bounded import assert_refused, open_bounded
from tests.io.hostile_files import JSON_WRITERS, WRITERS, Node, json_file, small_file
from tests.io.test_hostile_xml import snapshot

ALL = tuple(WRITERS)
TABLES = ("kumu-json", "kumu-xlsx", "csv-pair", "csv-zip", "prsm-xlsx")


def outcome(path: Path) -> tuple[str, str]:
    """("refused", sentence) or ("opened", every warning), checking what must always hold."""
    before = snapshot(path.parent)
    message = None
    try:
        result = load_map(path)
    except MapFileError as exc:
        message = str(exc)
    assert snapshot(path.parent) == before, "opening a file changed something on disk"
    if message is not None:
        assert message.startswith(f"Cannot open {path}"), message[:300]
        assert "Traceback" not in message
        return "refused", message
    for stakeholder in result.map.stakeholders():
        assert math.isfinite(stakeholder.x), stakeholder
        assert math.isfinite(stakeholder.y), stakeholder
    return "opened", " ".join(result.warnings)


DUPLICATE = ([Node("a", "Alpha", 0.0, 0.0), Node("a", "Beta", 5.0, 5.0)], [("a", "a")])
DANGLING = ([Node("a", "Alpha", 0.0, 0.0)], [("a", "nobody")])


@pytest.mark.parametrize("fmt", ALL)
def test_a_repeated_id_is_refused(tmp_path: Path, fmt: str) -> None:
    verdict, text = outcome(WRITERS[fmt](*DUPLICATE, tmp_path))
    if fmt == "prsm-xlsx":  # PRSM's sheets name factors by label: there are no ids to repeat
        assert verdict == "opened"
        return
    assert verdict == "refused"
    assert "'a'" in text
    assert any(p in text for p in ("used twice", "already used", "two different elements"))


@pytest.mark.parametrize("fmt", ALL)
def test_a_relationship_to_nobody_is_refused_or_added_as_kumu_does(
    tmp_path: Path, fmt: str
) -> None:
    verdict, text = outcome(WRITERS[fmt](*DANGLING, tmp_path))
    if fmt in TABLES:
        assert verdict == "opened"
        assert "were not in the list of elements and were added: 'nobody'" in text
    else:
        assert verdict == "refused"
        assert "'nobody'" in text


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 1e300])
@pytest.mark.parametrize("fmt", ALL)
def test_impossible_positions_never_reach_the_map(tmp_path: Path, fmt: str, value: float) -> None:
    nodes = [Node("a", "Alpha", value, 1.0), Node("b", "Beta", 0.0, 0.0)]
    verdict, text = outcome(WRITERS[fmt](nodes, [("a", "b")], tmp_path))
    if value == 1e300:
        assert verdict == "refused"
        assert "beyond the ±1,000,000,000" in text
    elif verdict == "refused":
        assert "Alpha" in text
        assert any(p in text for p in ("not a number", "finite number"))
    else:  # yEd's geometry and table columns: the position is dropped, and the user told
        assert fmt in ("yed", *TABLES), text
        assert "had no position" in text or "do not fit sysmap's x" in text


# Fifty megabytes through each kind of parser (XML element text, XML attribute, JSON, CSV);
# five through the rest, where writing so big a file for the test would itself be slow.
LABEL_CHARS = {"graphml": 50_000_000, "gexf": 50_000_000, "node-link": 50_000_000}
LABEL_CHARS["csv-pair"] = 50_000_000


def test_a_50_mb_label_is_refused_fast_in_bounded_memory(tmp_path: Path) -> None:
    paths = []
    for fmt in ALL:
        folder = tmp_path / fmt
        folder.mkdir()
        label = "A" * LABEL_CHARS.get(fmt, 5_000_000)
        paths.append(WRITERS[fmt]([Node("a", label, 0.0, 0.0)], [], folder))
    before = snapshot(tmp_path)
    outcomes = open_bounded(paths, memory_mb=800, timeout=300)
    for result in outcomes:
        phrases = ("characters long", "characters sysmap accepts", "zip bomb", "expands to more")
        assert any(p in result.stderr for p in phrases), result.stderr[:300]
        assert_refused(result, "", seconds=5.0)
        assert result.rss_growth_mb < 700, result
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("fmt", ["node-link", "kumu-json", "prsm-plain"])
def test_an_absurd_attribute_is_refused(tmp_path: Path, fmt: str) -> None:
    label_and_notes = '"Probation Service", "notes": "' + "n" * 2_000_000 + '"'
    path = json_file(fmt, tmp_path, label_and_notes)
    verdict, text = outcome(path)
    assert verdict == "refused"
    assert "'notes' of the stakeholder 'Probation Service' is 2,000,000 characters long" in text


@pytest.mark.parametrize("fmt", ALL)
def test_truncated_files_never_crash(tmp_path: Path, fmt: str) -> None:
    path = small_file(fmt, tmp_path)
    whole = path.read_bytes()
    for cut in (1, len(whole) // 3, len(whole) // 2, len(whole) - 7):
        path.write_bytes(whole[:cut])
        verdict, _ = outcome(path)
        if fmt not in ("csv-pair",):  # a CSV cut after a row is still a table
            assert verdict == "refused", (fmt, cut)


@pytest.mark.parametrize("fmt", ALL)
def test_binary_junk_is_refused(tmp_path: Path, fmt: str) -> None:
    path = small_file(fmt, tmp_path)
    path.write_bytes(random.Random(fmt).randbytes(5000))
    assert outcome(path)[0] == "refused"


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "node-link", "kumu-json", "prsm-plain"])
def test_utf16_without_its_mark_is_named(tmp_path: Path, fmt: str) -> None:
    path = small_file(fmt, tmp_path)
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16-le"))
    verdict, text = outcome(path)
    assert verdict == "refused"
    assert "UTF-16 text without the mark" in text


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("node-link", "not UTF-8 text"),
        ("kumu-json", "not UTF-8 text"),
        ("prsm-plain", "it is not text"),
        ("csv-pair", "read as Windows text"),
    ],
)
def test_text_in_the_wrong_encoding_is_named(tmp_path: Path, fmt: str, expected: str) -> None:
    path = small_file(fmt, tmp_path, label="Cafe de la Gare")
    path.write_bytes(path.read_bytes().replace(b"Cafe", "Café".encode("latin-1")))
    verdict, text = outcome(path)
    assert expected in text
    assert verdict == ("opened" if fmt == "csv-pair" else "refused")


def test_utf16_with_its_mark_opens_as_excel_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("Label\tSector\r\nCafé\tthird_sector\r\n".encode("utf-16"))
    assert [s.label for s in load_map(path).map.stakeholders()] == ["Café"]


CAPS = {
    "graphml": 200,
    "yed": 200,
    "gexf": 200,
    "node-link": 200,
    "kumu-json": 200,
    "prsm-plain": 50,
    "prsm-compressed": 50,
    "csv-pair": 100,
    "csv-zip": 100,
    "kumu-xlsx": 100,
    "prsm-xlsx": 100,
    "xgmml": 200,
    "graphology": 200,
    "cytoscape-js": 200,
}


@pytest.mark.parametrize("fmt", ALL)
def test_files_beyond_the_size_cap_are_refused_unread(tmp_path: Path, fmt: str) -> None:
    path = small_file(fmt, tmp_path)
    if path.suffix not in (".xlsx", ".zip"):  # text: trailing blanks keep the start readable
        with path.open("ab") as stream:
            stream.write(b" " * 5000 if fmt != "csv-pair" else b"\r\n" * 2500)
    os.truncate(path, (CAPS[fmt] + 1) * 1024 * 1024)  # sparse: nothing is really written
    verdict, text = outcome(path)
    assert verdict == "refused"
    assert f"more than the {CAPS[fmt] * 1.048576:.0f} MB sysmap accepts" in text


NESTED = "[" * 100_000 + "]" * 100_000
OBJECTS = "[" + ",".join(["{}"] * 1_000_001) + "]"
LONG_NUMBER = "1" + "0" * 5_000


BOMBS = {
    "nesting": (NESTED, "nested too deeply"),
    "objects": (OBJECTS, "more than 1,000,000 objects"),
    "long-number": (LONG_NUMBER, "a number too long to read"),
}
# Compressed PRSM unpacks to the plain PRSM JSON above; compressing the 3 MB bomb with the
# test's pure-Python lz-string would take a minute, so it gets the two small bombs only.
JSON_BOMB_CASES = [
    (fmt, kind)
    for fmt in JSON_WRITERS
    for kind in BOMBS
    if not (fmt == "prsm-compressed" and kind == "objects")
]


@pytest.mark.parametrize(("fmt", "kind"), JSON_BOMB_CASES)
def test_json_bombs_are_refused(tmp_path: Path, fmt: str, kind: str) -> None:
    bomb, phrase = BOMBS[kind]
    path = json_file(fmt, tmp_path, bomb)
    verdict, text = outcome(path)
    assert verdict == "refused"
    assert phrase in text


def test_json_bombs_stay_in_bounded_memory(tmp_path: Path) -> None:
    paths = []
    for fmt in ("node-link", "kumu-json", "prsm-plain"):
        for name, bomb in (("nested", NESTED), ("objects", OBJECTS)):
            folder = tmp_path / f"{fmt}-{name}"
            folder.mkdir()
            paths.append(json_file(fmt, folder, bomb))
    for result in open_bounded(paths, memory_mb=300):
        assert_refused(result, "", seconds=2.0)
        assert result.rss_growth_mb < 150, result


def test_too_many_json_stakeholders_are_refused_before_reading_them(tmp_path: Path) -> None:
    paths = []
    for fmt in ("node-link", "kumu-json", "prsm-plain"):
        folder = tmp_path / fmt
        folder.mkdir()
        nodes = [Node(f"n{i}", "x") for i in range(MAX_STAKEHOLDERS + 1)]
        paths.append(WRITERS[fmt](nodes, [], folder))
    for result in open_bounded(paths, memory_mb=400):
        phrase = f"{MAX_STAKEHOLDERS + 1:,} stakeholders, more than the {MAX_STAKEHOLDERS:,}"
        assert_refused(result, phrase, seconds=3.0)


# ---------------------------------------------------------------------- zip bombs
def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _lie_about_sizes(path: Path, member: str, size: int) -> None:
    """Make the zip's headers claim ``member`` unpacks to ``size`` bytes."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    struct.pack_into("<I", data, local + 22, size)  # local header: uncompressed size
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == member.encode():
            struct.pack_into("<I", data, central + 24, size)  # central directory entry
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_a_zip_bomb_of_csv_tables_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.zip", {"elements.csv": b"Label\r\n" + b"a" * 50_000_000})
    assert path.stat().st_size < 100_000
    (result,) = open_bounded([path], memory_mb=300)
    assert_refused(result, "zip bomb", seconds=2.0)
    assert result.rss_growth_mb < 50


@pytest.mark.parametrize("fmt", ["csv-zip", "kumu-xlsx", "prsm-xlsx"])
def test_a_zip_that_lies_about_its_sizes_is_read_no_further(tmp_path: Path, fmt: str) -> None:
    path = small_file(fmt, tmp_path)
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    victim = "elements.csv" if fmt == "csv-zip" else "xl/worksheets/sheet1.xml"
    members[victim] = members[victim] + b" " * 30_000_000  # deflates to almost nothing
    _zip(path, members)
    _lie_about_sizes(path, victim, len(members[victim]) // 1000)
    (result,) = open_bounded([path], memory_mb=300)
    assert_refused(result, "", seconds=3.0)
    assert result.rss_growth_mb < 100, result


def test_a_zip_of_thousands_of_parts_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "many.zip", {f"part{i}.csv": b"Label\r\na\r\n" for i in range(5_001)})
    verdict, text = outcome(path)
    assert verdict == "refused"
    assert "more than 5,000 parts" in text


def test_every_reader_is_covered() -> None:
    from sysmap.io.formats import FORMATS

    readable: list[MapFormat] = [f for f in FORMATS if f.read is not None]
    covered = {"graphml", "gexf", "prsm", "json", "kumu", "nodelink", "xlsx", "zip", "csv"}
    covered |= {"xgmml", "cyjs"}  # graphology and Cytoscape.js JSON are read by "json"
    assert {f.key for f in readable} <= covered, "a new reader needs hostile-file tests"
