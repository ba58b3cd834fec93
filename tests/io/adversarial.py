"""Files made to cost a reader as much as possible for their size, any size asked for.

Each maker writes one file of about ``size`` bytes aimed at one weakness: a guess or a
pattern that could go quadratic, a structure that multiplies in memory, a container or a
compressed stream that unpacks to far more than it holds, a declaration that expands. The
bounds tests (``test_bounds.py``) and the benchmark (``tests/benchmarks/test_hostile_bench.py``)
open every one in a capped child process.

``HOSTILE`` are files no tool writes; ``DENSE`` are plain, valid files packed with as many
stakeholders as their size allows (what a reader must build, rather than refuse).
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

from tests.io.lz_compress import hostile_stream

Maker = Callable[[Path, int], Path]
_GRAPHML = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
_END = "</graph></graphml>"


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def csv_quoted_header(folder: Path, size: int) -> Path:
    """A header of quote after comma, over and over: Python's sniffer went quadratic."""
    return _text(folder / "header.csv", "Label" + ',"x' * (size // 3) + "\r\nCouncil\r\n")


def csv_unclosed_quote(folder: Path, size: int) -> Path:
    """One quote never closed: the whole file becomes one cell."""
    return _text(folder / "unclosed.csv", 'Label\r\n"' + "Council\r\n" * (size // 9))


def csv_wide(folder: Path, size: int) -> Path:
    """Commas and nothing else: a million empty cells."""
    return _text(folder / "wide.csv", "Label" + "," * size)


def csv_breaks(folder: Path, size: int) -> Path:
    """Line breaks and separators everywhere: every cell a formula start to neutralise."""
    return _text(folder / "breaks.csv", "Label,Description\r\n" + 'a,";=\n-\t@"\r\n' * (size // 12))


def kumu_view_rules(folder: Path, size: int) -> Path:
    """A Kumu view with endless selectors, unclosed braces and unclosed comments."""
    third = size // 3
    style = (
        'element[element-type="Council"] ' * (third // 34)
        + "a{" * (third // 2)
        + "/*" * (third // 2)
    )
    document = {
        "elements": [{"_id": "e1", "attributes": {"label": "Council"}}],
        "connections": [],
        "maps": [{"_id": "m", "defaultPerspective": "p", "elements": []}],
        "perspectives": [{"_id": "p", "style": style}],
    }
    return _text(folder / "kumu.json", json.dumps(document))


def graphml_defaults(folder: Path, size: int) -> Path:
    """A DOCTYPE giving every node an attribute as long as the file."""
    default = "x" * (size // 2)
    nodes = '<node id="n"/>' * (size // 2 // 14)
    prolog = f'<!DOCTYPE graphml [<!ATTLIST node junk CDATA "{default}">]>'
    return _text(folder / "defaults.graphml", prolog + _GRAPHML + nodes + _END)


def graphml_laughs(folder: Path, size: int) -> Path:
    """A billion laughs, padded to size."""
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)
    )
    padding = "<!-- " + "x" * size + " -->"
    body = '<node id="a"><data key="label">&l9;</data></node>'
    text = f"<!DOCTYPE r [{entities}]>{padding}{_GRAPHML}{body}{_END}"
    return _text(folder / "laughs.graphml", text)


def graphml_deep(folder: Path, size: int) -> Path:
    """Elements nested as deep as the file allows."""
    depth = size // 7
    return _text(folder / "deep.graphml", _GRAPHML + "<x>" * depth + "</x>" * depth + _END)


def graphml_elements(folder: Path, size: int) -> Path:
    """Hundreds of thousands of empty elements that are not nodes."""
    return _text(folder / "elements.graphml", _GRAPHML + "<x/>" * (size // 4) + _END)


def graphml_long_value(folder: Path, size: int) -> Path:
    """One label as long as the file."""
    label = "A" * size
    body = f'<node id="a"><data key="label">{label}</data></node>'
    key = '<key id="label" for="node" attr.name="label" attr.type="string"/>'
    text = _GRAPHML.replace("<graph ", key + "<graph ") + body + _END
    return _text(folder / "long.graphml", text)


def json_deep(folder: Path, size: int) -> Path:
    """Lists inside lists, as deep as the file allows."""
    return _text(folder / "deep.json", '{"nodes": ' + "[" * (size // 2) + "]" * (size // 2) + "}")


def json_objects(folder: Path, size: int) -> Path:
    """Empty objects, as many as the file can hold."""
    return _text(folder / "objects.json", '{"nodes": [], "pad": [' + "{}," * (size // 3) + "{}]}")


def json_numbers(folder: Path, size: int) -> Path:
    """Numbers thousands of digits long."""
    number = "9" * 4000
    numbers = ",".join([number] * (size // 4001))
    return _text(folder / "numbers.json", '{"nodes": [' + numbers + "]}")


def prsm_new_words(folder: Path, size: int) -> Path:
    """A compressed PRSM stream of nothing but new words: the most dictionary per byte."""
    return _text(folder / "words.prsm", hostile_stream(size // 5, runaway=False))


def prsm_runaway(folder: Path, size: int) -> Path:
    """A compressed PRSM stream whose text grows with the square of its size."""
    return _text(folder / "runaway.prsm", hostile_stream(max(size // 30, 10), runaway=True))


def zip_bomb(folder: Path, size: int) -> Path:
    """A zip of CSV that unpacks a thousand-fold."""
    table = b"Label\r\n" + b"Council\r\n" * (size * 100)
    return _zip(folder / "bomb.zip", {"elements.csv": table})


def zip_many_parts(folder: Path, size: int) -> Path:
    """A zip of thousands of tiny CSV parts."""
    return _zip(folder / "parts.zip", {f"t{n}.csv": b"Label\r\nA\r\n" for n in range(size // 120)})


def xlsx_cells(folder: Path, size: int) -> Path:
    """A workbook of as many repeated cells as sysmap lets a workbook hold, padded to size.

    The cells compress a thousand-fold and the padding (random bytes in a part of its own)
    does not raise the number of cells sysmap accepts; each cell costs the reader as much as
    a real one.
    """
    book = openpyxl.Workbook()
    book.active.append(["Label"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    cell = '<c t="inlineStr"><is><t>Council</t></is></c>'
    rows = "".join(f'<row r="{r}">' + cell * 10 + "</row>" for r in range(2, 4_950))
    parts["xl/worksheets/sheet1.xml"] = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1"><c t="inlineStr"><is><t>Label</t></is></c></row>{rows}'
        "</sheetData></worksheet>"
    ).encode()
    parts["xl/media/padding.bin"] = random.Random(size).randbytes(max(size - 20_000, 0))
    return _zip(folder / "cells.xlsx", parts)


def dense_graphml(folder: Path, size: int) -> Path:
    """A plain GraphML map of as many placed stakeholders as fit."""
    nodes = "".join(f'<node id="n{n}"/>' for n in range(size // 17))
    return _text(folder / "dense.graphml", _GRAPHML + nodes + _END)


def dense_csv(folder: Path, size: int) -> Path:
    """A plain CSV of as many stakeholders as fit."""
    return _text(folder / "dense.csv", "Label\r\n" + "".join(f"S{n}\r\n" for n in range(size // 9)))


def dense_json(folder: Path, size: int) -> Path:
    """Node-link JSON of as many stakeholders as fit."""
    nodes = [{"id": n} for n in range(size // 11)]
    return _text(folder / "dense.json", json.dumps({"nodes": nodes, "links": []}))


HOSTILE: dict[str, Maker] = {
    "csv-quoted-header": csv_quoted_header,
    "csv-unclosed-quote": csv_unclosed_quote,
    "csv-wide": csv_wide,
    "csv-breaks": csv_breaks,
    "kumu-view-rules": kumu_view_rules,
    "graphml-defaults": graphml_defaults,
    "graphml-laughs": graphml_laughs,
    "graphml-deep": graphml_deep,
    "graphml-elements": graphml_elements,
    "graphml-long-value": graphml_long_value,
    "json-deep": json_deep,
    "json-objects": json_objects,
    "json-numbers": json_numbers,
    "prsm-new-words": prsm_new_words,
    "prsm-runaway": prsm_runaway,
    "zip-bomb": zip_bomb,
    "zip-many-parts": zip_many_parts,
    "xlsx-cells": xlsx_cells,
}
DENSE: dict[str, Maker] = {
    "dense-graphml": dense_graphml,
    "dense-csv": dense_csv,
    "dense-json": dense_json,
}


def make(makers: dict[str, Maker], folder: Path, size: int) -> dict[str, Path]:
    """Write every file of ``makers`` at about ``size`` bytes, each in its own folder."""
    made = {}
    for name, maker in makers.items():
        where = folder / name
        where.mkdir(parents=True, exist_ok=True)
        made[name] = maker(where, size)
    return made
