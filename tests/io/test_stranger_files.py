"""Issue 14's findings, each as a regression test with its own hostile file.

Files that got through when the readers were attacked with held-out files. Each test writes
its own file and opens it as a user would (``sysmap info``, in a capped child process where
time or memory was the harm). The findings about the app's own windows (HTML in dialogs,
restoring after a crash, two windows on one file) are in ``tests/gui/test_stranger_files.py``;
the colour finding in ``test_hostile_colours.py``.
"""

from __future__ import annotations

import errno
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from sysmap.cli.main import main
from sysmap.io import load_map, save_map
from sysmap.model import MapFileError
from sysmap.model.entities import Relationship, Stakeholder
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import STATUSES
from tests.io.bounded import assert_refused, open_bounded
from tests.io.lz_compress import hostile_stream
from tests.io.zip_crypto import encrypted_zip


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


# ---------------------------------------------------------------- finding 2: the report
URL = "http://127.0.0.1:9/fetched"
MARKUP = f'<img src="{URL}"><a href="{URL}">Click</a><script>fetch("{URL}")</script>'
CSS = f"#0072B2;position:fixed;top:0;width:100%;background:url({URL})"


def _markup_everywhere(folder: Path) -> Path:
    """A native map with markup in every text a report shows, CSS in a colour and a status."""
    sectors = [{"key": "third_sector", "label": f"Third {MARKUP}", "colour": CSS}]
    document = {
        "directed": True,
        "multigraph": True,
        "graph": {"title": f"Map {MARKUP}", "description": MARKUP, "sectors": sectors},
        "nodes": [
            {"id": "a", "label": f"Shelter {MARKUP}", "sector": "third_sector", "x": 0, "y": 0,
             "description": MARKUP, "place": MARKUP, "kind": MARKUP},
            {"id": "b", "label": "Council", "sector": f"{CSS}", "x": 90, "y": 40},
        ],
        "links": [
            {"source": "a", "target": "b", "relation": MARKUP, "status": f'x" style="{CSS}',
             "description": MARKUP, "evidence": MARKUP},
            {"source": "b", "target": "a", "relation": "funds", "status": "missing"},
        ],
    }  # fmt: skip
    path = folder / "markup.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


class _Report(HTMLParser):
    """Collects what a browser would act on: tags, attributes and style rules."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def test_the_report_carries_no_markup_or_css_from_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A colour's CSS was copied into a style attribute: opening the report made a browser
    # fetch a URL, and another covered the whole page.
    out = tmp_path / "report.html"
    assert main(["report", str(_markup_everywhere(tmp_path)), "-o", str(out)]) == 0, (
        capsys.readouterr().err
    )
    html = out.read_text(encoding="utf-8")
    report = _Report()
    report.feed(html)
    assert report.tags <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p",
        "ul", "ol", "li", "b", "nav", "a", "figure", "img", "figcaption", "section", "article",
        "span", "div", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "br",
        "footer", "code", "i", "em", "strong", "small", "dl", "dt", "dd", "details", "summary",
        "main", "caption",
    }  # fmt: skip
    assert "script" not in report.tags
    for tag, name, value in report.attributes:
        if name in ("alt", "title", "content", "lang", "id", "charset", "name", "http-equiv"):
            continue  # text a browser shows or reads as such (the alt repeats the title)
        if name == "aria-label":
            continue  # read out as text, like alt
        if name in ("role", "tabindex", "scope", "aria-labelledby"):  # the report's own values
            allowed = {"role": "region", "tabindex": "0", "scope": "col|row"}
            assert re.fullmatch(allowed.get(name, r"[a-z][a-z0-9-]*"), value), (tag, name, value)
            continue
        assert name in ("src", "href", "style", "class"), (tag, name, value[:80])
        assert URL not in value, (tag, name, value)
        if name in ("src", "href"):
            assert value.startswith(("data:image/png;base64,", "#")), (tag, name, value[:80])
        if name == "style":
            # The report's own: a bar's width, a swatch's colour, a picture's printed width.
            pattern = r"(width:\d+%|background:#[0-9A-F]{6}|--print-width: \d+\.\dmm)"
            assert re.fullmatch(pattern, value), value
        if name == "class":  # the report's own words, never made from the file's text
            for token in value.split():
                assert re.fullmatch(r"[a-z][a-z0-9-]*", token), value
                assert not token.startswith("status-") or token[7:] in STATUSES, value
    policy = [v for t, n, v in report.attributes if t == "meta" and n == "content"]
    assert any("default-src 'none'" in v and "img-src data:" in v for v in policy)
    assert "&lt;script&gt;" in html  # the file's text is shown, as text


ROW = b"Probation Service,local_public_services,Manchester,Meets weekly with the council\r\n"


def _table(size: int) -> bytes:
    return b"Label,Sector,Place,Description\r\n" + ROW * (size // len(ROW))


def test_a_small_zip_holding_a_huge_table_is_refused_before_unpacking(tmp_path: Path) -> None:
    # 2 MB of zip holding 290 MB of CSV took two minutes and 2 GB, and was accepted; a plain
    # CSV of that size is refused, and so now is the one in the zip.
    path = _zip(tmp_path / "tables.zip", {"elements.csv": _table(290_000_000)})
    assert path.stat().st_size < 2_000_000
    (outcome,) = open_bounded([path], memory_mb=300)
    assert_refused(outcome, "its part 'elements.csv' would unpack to 290 MB", seconds=2.0)
    assert outcome.rss_growth_mb < 50, outcome


def test_a_zip_may_unpack_only_to_a_few_dozen_times_its_size(tmp_path: Path) -> None:
    # Within the cap for one table, but 1,000 times the zip's size: a table of that size
    # takes a minute to read, so a file this small may not hold it.
    path = _zip(tmp_path / "tables.zip", {"elements.csv": _table(60_000_000)})
    assert path.stat().st_size < 250_000
    (outcome,) = open_bounded([path], memory_mb=300)
    assert_refused(outcome, "would unpack to 60 MB", seconds=2.0)
    assert "zip bomb" in outcome.stderr
    assert outcome.rss_growth_mb < 50, outcome


def test_a_small_workbook_of_millions_of_empty_cells_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    # 20 KB unpacking to 8 MB (within the zips' floor) of empty cells took 9 s to read: each
    # costs the spreadsheet reader as much as a real one. The cells are counted first.
    workbook = openpyxl.Workbook()
    workbook.active.append(["Label"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    rows = "".join(f'<row r="{r}">' + "<c/>" * 999 + "</row>" for r in range(2, 1_900))
    parts["xl/worksheets/sheet1.xml"] = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()
    path = _zip(tmp_path / "cells.xlsx", parts)
    assert path.stat().st_size < 30_000
    (outcome,) = open_bounded([path], memory_mb=300)
    assert_refused(outcome, "more than 50,000 cells for a workbook of its size", seconds=1.0)


# ---------------------------------------------------------------- finding 5: slow text
def test_a_header_that_defeats_the_separator_guess_is_read_at_once(tmp_path: Path) -> None:
    # A 60 KB CSV took 28 s in the separator guess (Python's sniffer), 600 KB over ten minutes,
    # with the window frozen. Its header is quote after comma, over and over.
    paths = []
    for size in (60_000, 600_000):
        path = tmp_path / f"header-{size}.csv"
        path.write_text("Label" + ',"x' * (size // 3) + "\r\nCouncil\r\n", encoding="utf-8")
        paths.append(path)
    for outcome in open_bounded(paths, memory_mb=300):
        assert outcome.quiet_seconds < 2.0, outcome
        assert outcome.code in (0, 1), outcome
        assert "Traceback" not in outcome.stderr


def test_long_kumu_view_rules_are_read_at_once(tmp_path: Path) -> None:
    # Kumu JSON with long view rules: 19 s at 60 KB, 180 s at 200 KB (a regular expression).
    paths = []
    for size in (60_000, 200_000):
        style = 'element[element-type="Council"] ' * (size // 34)
        document = {
            "elements": [{"_id": "e1", "attributes": {"label": "Council"}}],
            "connections": [],
            "maps": [{"_id": "m", "defaultPerspective": "p", "elements": []}],
            "perspectives": [{"_id": "p", "style": style + "/*" * 1000}],
        }
        path = tmp_path / f"kumu-{size}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        paths.append(path)
    for outcome in open_bounded(paths, memory_mb=300):
        assert outcome.quiet_seconds < 2.0, outcome
        assert outcome.code == 0, outcome
        assert "1 stakeholder" in outcome.stdout


# ---------------------------------------------------------------- finding 5: PRSM
def test_a_big_compressed_prsm_file_is_refused_before_unpacking(tmp_path: Path) -> None:
    # A 22 MB PRSM file took 36 s and 1.1 GB before it was refused.
    path = tmp_path / "big.prsm"
    path.write_text("".join(chr(0x4E00 + n % 8000) for n in range(7_400_000)), encoding="utf-8")
    assert path.stat().st_size > 22_000_000
    (outcome,) = open_bounded([path], memory_mb=300)
    assert_refused(outcome, "compressed PRSM map of more than 8 MB", seconds=2.0)
    assert outcome.rss_growth_mb < 150, outcome


@pytest.mark.parametrize(
    ("runaway", "codes", "phrase"),
    [(False, 300_000, "its map data is not valid JSON"), (True, 20_000, "expands to more than")],
)
def test_a_compressed_prsm_file_is_unpacked_in_time_and_memory_in_step_with_its_size(
    tmp_path: Path, runaway: bool, codes: int, phrase: str
) -> None:
    # The worst streams for the decompressor: a megabyte of new words, and 50 KB whose words
    # grow by one character each (its text grows with the square of its size).
    path = tmp_path / "hostile.prsm"
    path.write_text(hostile_stream(codes, runaway), encoding="utf-8")
    assert path.stat().st_size < 1_000_000
    (outcome,) = open_bounded([path], memory_mb=300)
    assert_refused(outcome, phrase, seconds=2.0)
    assert outcome.rss_growth_mb < 200, outcome


# ---------------------------------------------------------------- finding 5: not a file
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize("fmt", [None, "graphml", "csv", "json", "prsm", "xlsx", "zip"])
def test_a_named_pipe_given_as_a_map_is_refused_at_once(tmp_path: Path, fmt: str | None) -> None:
    # It hung for ever, waiting for someone to write into the pipe.
    pipe = tmp_path / "map.graphml"
    os.mkfifo(pipe)
    with pytest.raises(MapFileError, match="not an ordinary file") as info:
        load_map(pipe, fmt)
    assert str(pipe) in str(info.value)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_given_as_a_map_is_refused_at_once() -> None:
    (outcome,) = open_bounded([Path("/dev/zero")], timeout=120)
    assert_refused(outcome, "not an ordinary file", seconds=2.0)


# ---------------------------------------------------------------- finding 6: a pair of files
def _two_maps() -> tuple[SystemMap, SystemMap]:
    old, new = SystemMap("Old"), SystemMap("New")
    for m, names in ((old, ("Council", "Clinic")), (new, ("Police", "School", "Charity"))):
        ids = [m.add_stakeholder(Stakeholder(name)).id for name in names]
        m.add_relationship(Relationship(ids[0], ids[1], "refers"))
    return old, new


def _pair(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_csv_pair_on_a_full_disk_keeps_both_old_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A CSV pair export onto a full disk replaced x.csv and kept the old x-connections.csv,
    # so reopening mixed two maps. The disk fills while the second table is written.
    old, new = _two_maps()
    save_map(old, tmp_path / "x.csv")
    before = _pair(tmp_path)
    real_write, seen = os.write, set()

    def fills_up(fd: int, data: bytes | memoryview) -> int:
        seen.add(fd)
        if len(seen) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr("sysmap.io.atomic.os.write", fills_up)
    with pytest.raises(MapFileError, match=r"x-connections\.csv: the disk is full") as info:
        save_map(new, tmp_path / "x.csv")
    assert "the file on disk is unchanged" in str(info.value)
    assert _pair(tmp_path) == before  # no temporary file left either
    monkeypatch.undo()
    again = load_map(tmp_path / "x.csv").map
    assert (again.stakeholder_count, again.relationship_count) == (2, 1)


def test_a_csv_pair_whose_second_rename_fails_puts_the_first_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = _two_maps()
    save_map(old, tmp_path / "x.csv")
    tables = {name: data for name, data in _pair(tmp_path).items() if name.endswith(".csv")}
    real_replace, calls = os.replace, []

    def locked_second(source: str | Path, target: str | Path) -> None:
        calls.append(Path(target).name)
        if Path(target).name == "x-connections.csv":
            raise OSError(errno.EBUSY, "Device or resource busy")
        real_replace(source, target)

    monkeypatch.setattr("sysmap.io.atomic.os.replace", locked_second)
    with pytest.raises(MapFileError, match=r"x-connections\.csv: the file is locked"):
        save_map(new, tmp_path / "x.csv")
    assert "x.csv" in calls  # the first table had been replaced, and was put back
    assert {n: d for n, d in _pair(tmp_path).items() if n.endswith(".csv")} == tables
    assert not [n for n in _pair(tmp_path) if n.endswith(".saving")]


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KB file system (tmpfs), where the machine lets the tests mount one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_csv_pair_onto_a_really_full_disk_keeps_both_old_files(tiny_disk: Path) -> None:
    old, _ = _two_maps()
    save_map(old, tiny_disk / "x.csv")
    before = _pair(tiny_disk)
    big = SystemMap("Big")
    ids = [big.add_stakeholder(Stakeholder(f"Service {n}")).id for n in range(300)]
    for a, b in itertools.pairwise(ids):
        big.add_relationship(Relationship(a, b, "refers", description="Refers weekly. " * 20))
    with pytest.raises(MapFileError, match="the disk is full"):
        save_map(big, tiny_disk / "x.csv")
    assert _pair(tiny_disk) == before


# ---------------------------------------------------------------- finding 7: own files
def _long_description_map(cells: bool) -> SystemMap:
    """A map with a 1 MB note, or (``cells``) forty notes each as long as an Excel cell holds."""
    system_map = SystemMap("Long notes")
    notes = ["Meets weekly. " * 2_300] * 40 if cells else ["Meets weekly. " * 71_428]
    for number, note in enumerate(notes):
        system_map.add_stakeholder(Stakeholder(f"Service {number}", description=note))
    system_map.add_stakeholder(Stakeholder("Council"))
    system_map.add_relationship(Relationship("service-0", "council", "refers"))
    return system_map


@pytest.mark.parametrize("suffix", [".zip", ".xlsx"])
def test_sysmap_reads_its_own_export_when_a_long_text_compresses_well(
    tmp_path: Path, suffix: str
) -> None:
    # A description that compresses a thousand-fold made sysmap refuse its own zip export
    # ("claims to grow 200-fold").
    system_map = _long_description_map(cells=suffix == ".xlsx")
    path = tmp_path / f"notes{suffix}"
    save_map(system_map, path)
    with zipfile.ZipFile(path) as archive:  # what the old rule refused
        assert any(
            i.file_size > 1e6 and i.file_size > 200 * i.compress_size for i in archive.infolist()
        )
    again = load_map(path).map
    notes = {s.label: s.description for s in system_map.stakeholders()}
    assert {s.label: s.description for s in again.stakeholders()} == notes


# ---------------------------------------------------------------- finding 8: messages
def test_a_zip_protected_by_a_password_is_refused_with_a_sentence(tmp_path: Path) -> None:
    # It said "unexpected error … please report it".
    path = tmp_path / "protected.zip"
    path.write_bytes(encrypted_zip({"elements.csv": b"Label\r\nCouncil\r\n"}))
    with zipfile.ZipFile(path) as archive:  # a real protected zip: the password opens it
        assert archive.read("elements.csv", pwd=b"secret") == b"Label\r\nCouncil\r\n"
    (outcome,) = open_bounded([path])
    assert_refused(outcome, "its part 'elements.csv' is protected by a password")
    assert "Save or zip it again without a password." in outcome.stderr


def test_an_export_too_long_for_excel_says_which_file_and_cell_and_nothing_else(
    tmp_path: Path,
) -> None:
    # The sentence named the sheet, not the file, and a Python traceback followed it.
    system_map = SystemMap("Long")
    system_map.add_stakeholder(Stakeholder("Council", description="x" * 999_000))
    source, out = tmp_path / "long.graphml", tmp_path / "long.xlsx"
    save_map(system_map, source)
    done = subprocess.run(
        [sys.executable, "-m", "sysmap", "export", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"sysmap: Cannot save {out}: the 'Description' cell of row 2 (council) on the "
        "Elements sheet would hold 999,000 characters, more than the 32,767 an Excel cell "
        "holds; shorten it, or save the map as GraphML."
    ]
    assert not out.exists()


def test_a_formula_after_a_separator_is_not_written_bare(tmp_path: Path) -> None:
    # It was written unquoted at the end of a CSV line: a spreadsheet splitting on ";" saw
    # "=cmd|' /C calc'!A0" as a cell. tests/io/test_formula_cells.py checks every separator.
    description = "ok;=cmd|' /C calc'!A0"
    system_map = SystemMap("Injection")
    system_map.add_stakeholder(Stakeholder("Council", description=description))
    save_map(system_map, tmp_path / "map.csv")
    lines = (tmp_path / "map.csv").read_text(encoding="utf-8-sig").splitlines()
    assert ",\"ok;'=cmd|' /C calc'!A0\"," in lines[1], lines[1]
    assert load_map(tmp_path / "map.csv").map.stakeholder("council").description == description
