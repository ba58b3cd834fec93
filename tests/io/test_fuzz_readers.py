"""Property-based fuzzing of every reader with damaged copies of real files.

Seeds are the example maps, the real files other tools wrote (``../shared/interop``) and the
example written by sysmap in each format it writes, plus a PRSM workbook. Each example flips,
cuts, inserts, deletes, repeats or splices bytes (inside a workbook's or zip's parts too, and
inside compressed PRSM's JSON), sometimes under another extension, then opens the result:
the only exception allowed out of ``load_map`` is MapFileError, and its sentence names the
file.

A modest number of examples runs by default. For a long run::

    SYSMAP_FUZZ_EXAMPLES=5000 python -m pytest tests/io/test_fuzz_readers.py

(with the variable set, examples are random each run instead of the same every time).
"""

from __future__ import annotations

import functools
import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysmap.io import load_map, save_map
from sysmap.io.lzstring import decompress_from_utf16
from sysmap.model import MapFileError
from tests.conftest import INTEROP, REPO
from tests.io.hostile_files import Node, prsm_xlsx, rezip
from tests.io.lz_compress import compress_to_utf16

EXAMPLES = int(os.environ.get("SYSMAP_FUZZ_EXAMPLES", "12"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="SYSMAP_FUZZ_EXAMPLES" not in os.environ,  # the same examples in every CI run
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

INTEROP_SEEDS = sorted(p.name for p in INTEROP.glob("*") if p.suffix != ".md")
EXAMPLE_SEEDS = sorted(p.name for p in (REPO / "examples").glob("*.graphml"))
WRITTEN_SEEDS = [
    "written.gexf",
    "written.json",
    "written.xlsx",
    "written.zip",
    "written.csv",
    "prsm-sheets.xlsx",
]
SEEDS = EXAMPLE_SEEDS + INTEROP_SEEDS + WRITTEN_SEEDS
EXTENSIONS = [
    ".graphml",
    ".xml",
    ".gexf",
    ".json",
    ".prsm",
    ".xlsx",
    ".zip",
    ".csv",
    ".tsv",
    ".txt",
]
TOKENS = [
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&#0;",
    b"&#xD800;",
    b'"',
    b"'",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"|",
    b"\r\n",
    b"NaN",
    b"Infinity",
    b"-1e400",
    b"1e308",
    b"-0",
    b"null",
    b"true",
    b"9" * 5000,
    b'<!DOCTYPE x [<!ENTITY a "b">]>',
    b"<![CDATA[",
    b"]]>",
    b'<node id="n0"/>',
    b'<edge source="n0" target="nobody"/>',
    b'"x": NaN, ',
    b"=HYPERLINK(1)",
    "\u2028".encode(),
    b"PK\x03\x04",
]


@functools.cache
def seed_bytes(name: str) -> bytes:
    """The bytes of a seed file: from the examples, the interop folder, or written here."""
    if name in EXAMPLE_SEEDS:
        return (REPO / "examples" / name).read_bytes()
    if name in INTEROP_SEEDS:
        return (INTEROP / name).read_bytes()
    return _written()[name]


@functools.cache
def _written() -> dict[str, bytes]:
    import tempfile

    system_map = load_map(REPO / "examples" / "reoffending.graphml").map
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for name in WRITTEN_SEEDS[:-1]:
            save_map(system_map, out / name)
        nodes = [Node(s.id, s.label, s.x, s.y) for s in system_map.stakeholders()]
        edges = [(r.source, r.target) for r in system_map.relationships()]
        prsm_xlsx(nodes, edges, out).rename(out / "prsm-sheets.xlsx")
        return {p.name: p.read_bytes() for p in out.iterdir()}


def mutate(data: st.DataObject, content: bytes) -> bytes:
    """Damage ``content`` in one to four ways, as disks, mail clients and people do."""
    result = bytearray(content)
    for _ in range(data.draw(st.integers(1, 4), label="damages")):
        kind = data.draw(
            st.sampled_from(["flip", "cut", "insert", "token", "delete", "repeat", "splice"]),
            label="kind",
        )
        at = data.draw(st.integers(0, max(len(result) - 1, 0)), label="at")
        if kind == "flip" and result:
            result[at] = data.draw(st.integers(0, 255), label="byte")
        elif kind == "cut":
            del result[at:]
        elif kind == "insert":
            result[at:at] = data.draw(st.binary(min_size=1, max_size=64), label="bytes")
        elif kind == "token":
            result[at:at] = data.draw(st.sampled_from(TOKENS), label="token")
        elif kind == "delete":
            del result[at : at + data.draw(st.integers(1, 2000), label="length")]
        elif kind == "repeat":
            length = data.draw(st.integers(1, 2000), label="length")
            result[at:at] = result[at : at + length] * data.draw(st.integers(2, 50), label="times")
        elif kind == "splice":
            other = seed_bytes(data.draw(st.sampled_from(SEEDS), label="other"))
            start = data.draw(st.integers(0, len(other)), label="from")
            result[at:] = other[start:]
    return bytes(result)


def needs_interop(request: pytest.FixtureRequest, seed: str) -> None:
    """Ask for the interop folder (skipping where it is absent) only for the files from it."""
    if seed in INTEROP_SEEDS:
        request.getfixturevalue("interop_dir")


def check_opens_or_refuses(path: Path) -> None:
    """Open ``path``: a map, or MapFileError naming the file; any other exception fails."""
    message = ""
    try:
        load_map(path)
    except MapFileError as exc:
        message = str(exc)
    if message:
        assert message.startswith(f"Cannot open {path}"), message[:300]


def write_case(folder: Path, name: str, content: bytes) -> Path:
    """Write a damaged file (and, for a CSV, its untouched partner beside it)."""
    for old in folder.iterdir():
        old.unlink()
    path = folder / name
    path.write_bytes(content)
    if name == "written.csv":  # the pair reader finds the relationships beside it
        (folder / "written-connections.csv").write_bytes(_written()["written-connections.csv"])
    return path


@pytest.mark.parametrize("seed", SEEDS)
@FUZZ
@given(data=st.data())
def test_damaged_files_raise_only_map_file_error(
    request: pytest.FixtureRequest, tmp_path: Path, seed: str, data: st.DataObject
) -> None:
    needs_interop(request, seed)
    content = mutate(data, seed_bytes(seed))
    suffix = data.draw(st.sampled_from([Path(seed).suffix] * 3 + EXTENSIONS), label="ext")
    check_opens_or_refuses(write_case(tmp_path, Path(seed).stem + suffix, content))


CONTAINERS = [s for s in SEEDS if s.endswith((".xlsx", ".zip"))]


@pytest.mark.parametrize("seed", CONTAINERS)
@FUZZ
@given(data=st.data())
def test_damaged_parts_inside_containers_raise_only_map_file_error(
    request: pytest.FixtureRequest, tmp_path: Path, seed: str, data: st.DataObject
) -> None:
    needs_interop(request, seed)
    original = seed_bytes(seed)
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        names = sorted(archive.namelist())
        part = data.draw(st.sampled_from(names), label="part")
        damaged = mutate(data, archive.read(part))
    check_opens_or_refuses(write_case(tmp_path, seed, rezip(original, {part: damaged})))


@pytest.mark.parametrize("seed", [s for s in SEEDS if s.endswith("lz-compressed.prsm")])
@FUZZ
@given(data=st.data())
def test_damaged_json_inside_compressed_prsm_raises_only_map_file_error(
    interop_dir: Path, tmp_path: Path, seed: str, data: st.DataObject
) -> None:
    text = decompress_from_utf16(seed_bytes(seed).decode("utf-8").strip())
    damaged = mutate(data, text.encode("utf-8")).decode("utf-8", "replace")
    content = compress_to_utf16(damaged).encode("utf-8")
    check_opens_or_refuses(write_case(tmp_path, seed, content))


def test_every_kind_of_file_is_seeded(interop_dir: Path) -> None:
    suffixes = {Path(s).suffix for s in SEEDS}
    assert {".graphml", ".gexf", ".json", ".prsm", ".xlsx", ".zip", ".csv"} <= suffixes
    assert len(INTEROP_SEEDS) >= 15
