"""Files from elsewhere are hostile until proven otherwise: bombs, entities, damage.

Whatever arrives, opening it either gives a map or raises MapFileError with a sentence
naming the file; never another exception.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysmap.io import load_map
from sysmap.io.zip_safety import ZipLimits, open_zip
from sysmap.model import MapFileError
from tests.io.lz_compress import compress_to_utf16

INTEROP_FILES = [
    "yed-3.14.3_nested-groups.graphml",
    "yed-3.14.3_closed-folder-node.graphml",
    "yed-3.16_grnsight-4node-4edge.graphml",
    "gephi-0.8.1_les-miserables_gexf1.2draft.gexf",
    "gephi-0.9.3_us-airports_gexf1.3.gexf",
    "gephi_les-miserables_export.graphml",
    "gephi-sample_airlines.graphml",
    "cytoscape_grnsight-4gene-4edge.graphml",
    "igraph_cattr-bool-typed.graphml",
    "igraph_hsa05010_duplicate-key-ids.graphml",
    "yfiles-html-2.0.1.4_ports-defaults.graphml",
    "kumu_changelabs-stakeholder-template_project-export.json",
    "kumu_import-spreadsheet_paypal-mafia.xlsx",
    "prsm-1.9.1_supply-chain_plain-json.prsm",
    "prsm_cluster-example_lz-compressed.prsm",
]


def a_workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Label", "Type"])
    book.active.append(["Council", "Public"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezip(original: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = replace.get(info.filename, source.read(info.filename))
            target.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_a_zip_bomb_workbook_is_refused(tmp_path: Path) -> None:
    sheet = b'<worksheet xmlns="x"><sheetData>' + b" " * 30_000_000 + b"</sheetData></worksheet>"
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(rezip(a_workbook(), {"xl/worksheets/sheet1.xml": sheet}))
    assert path.stat().st_size < 200_000
    with pytest.raises(MapFileError, match="zip bomb"):
        load_map(path)


def test_a_container_that_unpacks_too_big_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    path.write_bytes(rezip(a_workbook(), {}))
    with pytest.raises(MapFileError, match="would unpack to"):
        open_zip(path, "a test", ZipLimits(max_unpacked=1_000))
    with pytest.raises(MapFileError, match="more than 2 parts"):
        open_zip(path, "a test", ZipLimits(max_entries=2))


def test_a_workbook_declaring_entities_is_refused(tmp_path: Path) -> None:
    original = a_workbook()
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        sheet = source.read("xl/worksheets/sheet1.xml")
    laughs = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(rezip(original, {"xl/worksheets/sheet1.xml": laughs + sheet}))
    with pytest.raises(MapFileError, match="declares XML entities"):
        load_map(path)


def test_absurd_sheet_sizes_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Label"])
    book.active.cell(row=2, column=5000, value="far away")
    wide = tmp_path / "wide.xlsx"
    book.save(wide)
    with pytest.raises(MapFileError, match="more than 1,000 columns"):
        load_map(wide)
    book = openpyxl.Workbook()
    for n in range(30):
        book.active.append(["Label" if n == 0 else f"Row {n}"])
    tall = tmp_path / "tall.xlsx"
    book.save(tall)
    monkeypatch.setattr("sysmap.io.spreadsheet.MAX_ROWS", 20)
    with pytest.raises(MapFileError, match="more than 20 rows"):
        load_map(tall)


def test_a_prsm_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.prsm"
    document = {"version": "3", "room": "x", "nodes": [], "edges": [], "pad": "a" * 500_000}
    path.write_text(compress_to_utf16(json.dumps(document)), encoding="utf-8")
    assert path.stat().st_size < 20_000
    monkeypatch.setattr("sysmap.io.prsm.MAX_JSON_CHARS", 100_000)
    with pytest.raises(MapFileError, match="expands to more than 100,000 characters"):
        load_map(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fake.xlsx", b"PK\x03\x04 this is not really a zip", "not an Excel workbook"),
        ("fake.zip", b"PK\x03\x04 nor this", "not a zip of CSV tables"),
        ("bad.json", b'{"elements": [1, 2]}', "not in Kumu's shape"),
        ("bad.json", b'{"elements": [], "connections": [{"from": "a"}]}', "Kumu"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        ("bad.prsm", b"\xff\xfe\x00garbage", "it is not text"),
    ],
)
def test_damaged_files_are_refused_with_a_sentence(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = error_from(path)
    if message == "Kumu":  # an empty project with a dangling link still opens
        assert error is None
        return
    assert error is not None
    assert str(path) in error
    assert message in error


@pytest.mark.parametrize("name", INTEROP_FILES)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_damaged_copies_of_real_files_never_crash(
    interop_dir: Path, tmp_path: Path, name: str, data: st.DataObject
) -> None:
    content = bytearray((interop_dir / name).read_bytes())
    cut = data.draw(st.integers(min_value=1, max_value=len(content)), label="cut")
    content = content[:cut]
    for _ in range(data.draw(st.integers(0, 4), label="flips")):
        where = data.draw(st.integers(0, len(content) - 1))
        content[where] = data.draw(st.integers(0, 255))
    path = tmp_path / name
    path.write_bytes(bytes(content))
    error = error_from(path)
    assert error is None or str(path) in error


def error_from(path: Path) -> str | None:
    """Open a file: None if it opens, else the MapFileError's sentence (others propagate)."""
    try:
        load_map(path)
    except MapFileError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("suffix", [".csv", ".json", ".prsm", ".xlsx", ".zip", ".gexf", ".graphml"])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(min_size=1, max_size=300) | st.text(max_size=300).map(str.encode))
def test_random_bytes_never_crash(tmp_path: Path, suffix: str, content: bytes) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(content)
    error = error_from(path)
    assert error is None or str(path) in error
