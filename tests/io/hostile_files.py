"""Write the same small map in every format sysmap reads, with whatever damage a test wants.

Each writer takes stakeholders (id, label, x, y; ``None`` for no position), relationships
(source id, target id) and a folder, writes the file(s) and returns the path to open. Values
are written as given, so a test can put NaN, a 50 MB label or a repeated id into any format.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import openpyxl

from tests.io.lz_compress import compress_to_utf16


@dataclass(frozen=True)
class Node:
    """A stakeholder as the file will spell it."""

    id: str
    label: str
    x: float | None = None
    y: float | None = None


Edges = Sequence[tuple[str, str]]
Writer = Callable[[Sequence[Node], Edges, Path], Path]


def _number(value: float) -> str:
    """A number as XML or CSV writes it: nan, inf and -inf as the tools spell them."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    return repr(value)


def graphml(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """Plain GraphML, as networkx writes it."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="label" for="node" attr.name="label" attr.type="string"/>'
        '<key id="x" for="node" attr.name="x" attr.type="double"/>'
        '<key id="y" for="node" attr.name="y" attr.type="double"/>'
        '<graph edgedefault="directed">'
    ]
    for n in nodes:
        parts.append(f"<node id={quoteattr(n.id)}><data key='label'>{escape(n.label)}</data>")
        if n.x is not None and n.y is not None:
            parts.append(f"<data key='x'>{_number(n.x)}</data><data key='y'>{_number(n.y)}</data>")
        parts.append("</node>")
    parts += [f"<edge source={quoteattr(s)} target={quoteattr(t)}/>" for s, t in edges]
    parts.append("</graph></graphml>")
    return _write(folder / "map.graphml", "".join(parts))


def yed(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """GraphML in yEd's dialect: labels and geometry inside a yFiles ShapeNode."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:y="http://www.yworks.com/xml/graphml">'
        '<key for="node" id="d6" yfiles.type="nodegraphics"/>'
        '<graph edgedefault="directed" id="G">'
    ]
    for n in nodes:
        geometry = (
            f'<y:Geometry height="30.0" width="30.0" x="{_number(n.x)}" y="{_number(n.y)}"/>'
            if n.x is not None and n.y is not None
            else ""
        )
        parts.append(
            f'<node id={quoteattr(n.id)}><data key="d6"><y:ShapeNode>{geometry}'
            f"<y:NodeLabel>{escape(n.label)}</y:NodeLabel></y:ShapeNode></data></node>"
        )
    parts += [
        f"<edge id='e{i}' source={quoteattr(s)} target={quoteattr(t)}/>"
        for i, (s, t) in enumerate(edges)
    ]
    parts.append("</graph></graphml>")
    return _write(folder / "yed.graphml", "".join(parts))


def gexf(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """GEXF 1.3 with viz positions, as Gephi writes it."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">'
        '<graph defaultedgetype="directed"><nodes>'
    ]
    for n in nodes:
        position = (
            f'<viz:position x="{_number(n.x)}" y="{_number(n.y)}" z="0.0"/>'
            if n.x is not None and n.y is not None
            else ""
        )
        parts.append(f"<node id={quoteattr(n.id)} label={quoteattr(n.label)}>{position}</node>")
    parts.append("</nodes><edges>")
    parts += [
        f"<edge id='{i}' source={quoteattr(s)} target={quoteattr(t)}/>"
        for i, (s, t) in enumerate(edges)
    ]
    parts.append("</edges></graph></gexf>")
    return _write(folder / "map.gexf", "".join(parts))


def node_link(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """Node-link JSON, as networkx and d3 write it (NaN and Infinity as Python writes them)."""
    document = {
        "directed": True,
        "multigraph": False,
        "graph": {},
        "nodes": [_placed({"id": n.id, "label": n.label}, n) for n in nodes],
        "links": [{"source": s, "target": t} for s, t in edges],
    }
    return _write(folder / "map.json", json.dumps(document))


def xgmml(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """XGMML, as Cytoscape writes it: ``<att>`` values and a ``<graphics>`` place."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graph label="map" directed="1" xmlns="http://www.cs.rpi.edu/XGMML" '
        'xmlns:cy="http://www.cytoscape.org">'
    ]
    for n in nodes:
        place = (
            f'<graphics x="{_number(n.x)}" y="{_number(n.y)}"/>'
            if n.x is not None and n.y is not None
            else ""
        )
        parts.append(
            f"<node id={quoteattr(n.id)} label={quoteattr(n.label)}>"
            f'<att name="name" value={quoteattr(n.label)} type="string"/>{place}</node>'
        )
    parts += [
        f"<edge id='e{i}' source={quoteattr(s)} target={quoteattr(t)}/>"
        for i, (s, t) in enumerate(edges)
    ]
    parts.append("</graph>")
    return _write(folder / "map.xgmml", "".join(parts))


def graphology_json(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """graphology's JSON, as Gephi Lite saves it (NaN and Infinity as Python writes them)."""
    document = {
        "options": {"type": "directed", "multi": False, "allowSelfLoops": True},
        "attributes": {},
        "nodes": [{"key": n.id, "attributes": _placed({"label": n.label}, n)} for n in nodes],
        "edges": [{"source": s, "target": t, "attributes": {}} for s, t in edges],
    }
    return _write(folder / "gephi-lite.json", json.dumps(document))


def cytoscape_json(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """Cytoscape.js JSON (``cy.json()``): ``data`` and ``position`` for each element."""
    document = {
        "elements": {
            "nodes": [
                {"data": {"id": n.id, "name": n.label}}
                | ({"position": {"x": n.x, "y": n.y}} if n.x is not None else {})
                for n in nodes
            ],
            "edges": [
                {"data": {"id": f"e{i}", "source": s, "target": t}}
                for i, (s, t) in enumerate(edges)
            ],
        }
    }
    return _write(folder / "network.cyjs", json.dumps(document))


def kumu_json(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """A Kumu project export: elements by ``_id``, positions on its map."""
    document = {
        "elements": [{"_id": n.id, "attributes": {"label": n.label}} for n in nodes],
        "connections": [{"_id": f"c{i}", "from": s, "to": t} for i, (s, t) in enumerate(edges)],
        "maps": [
            {
                "_id": "m1",
                "name": "Map",
                "elements": [
                    {"element": n.id, "position": {"x": n.x, "y": n.y}}
                    for n in nodes
                    if n.x is not None and n.y is not None
                ],
            }
        ],
        "defaultMap": "m1",
    }
    return _write(folder / "kumu.json", json.dumps(document))


def prsm_plain(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """A PRSM map as plain JSON (PRSM 1.x)."""
    return _write(folder / "plain.prsm", json.dumps(_prsm_document(nodes, edges)))


def prsm_compressed(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """A PRSM map compressed with lz-string, as PRSM 2 and later save it."""
    return _write(
        folder / "compressed.prsm", compress_to_utf16(json.dumps(_prsm_document(nodes, edges)))
    )


def _prsm_document(nodes: Sequence[Node], edges: Edges) -> dict[str, Any]:
    return {
        "saved": "2024-01-01T00:00:00.000Z",
        "version": "2.1",
        "room": "TEST",
        "mapTitle": "Test",
        "lastNodeSample": "group0",
        "nodes": [_placed({"id": n.id, "label": n.label, "grp": "group0"}, n) for n in nodes],
        "edges": [{"id": f"e{i}", "from": s, "to": t} for i, (s, t) in enumerate(edges)],
        "styles": {"nodes": {}, "edges": {}},
    }


def _placed(item: dict[str, Any], node: Node) -> dict[str, Any]:
    if node.x is not None and node.y is not None:
        item.update(x=node.x, y=node.y)
    return item


def _table_rows(nodes: Sequence[Node], edges: Edges) -> tuple[list[list[Any]], list[list[Any]]]:
    elements: list[list[Any]] = [["ID", "Label", "X", "Y"]]
    elements += [[n.id, n.label, n.x, n.y] for n in nodes]
    connections: list[list[Any]] = [["From", "To"]] + [[s, t] for s, t in edges]
    return elements, connections


def kumu_xlsx(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """Kumu's import spreadsheet: Elements and Connections sheets."""
    elements, connections = _table_rows(nodes, edges)
    return _workbook(folder / "kumu.xlsx", {"Elements": elements, "Connections": connections})


def prsm_xlsx(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """PRSM's spreadsheet: Factors (by label) and Links (naming factors by label)."""
    labels = {n.id: n.label for n in nodes}
    factors: list[list[Any]] = [["Label", "x", "y", "Style"]]
    factors += [[n.label, n.x, n.y, 1] for n in nodes]
    links: list[list[Any]] = [["From", "To", "Style"]]
    links += [[labels.get(s, s), labels.get(t, t), 1] for s, t in edges]
    return _workbook(folder / "prsm.xlsx", {"Factors": factors, "Links": links})


def csv_pair(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """Two CSV files, ``map.csv`` and ``map-connections.csv``, in Kumu's layout."""
    elements, connections = _table_rows(nodes, edges)
    _write(folder / "map-connections.csv", _csv(connections))
    return _write(folder / "map.csv", _csv(elements))


def csv_zip(nodes: Sequence[Node], edges: Edges, folder: Path) -> Path:
    """A zip holding both CSV tables."""
    elements, connections = _table_rows(nodes, edges)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("elements.csv", _csv(elements))
        archive.writestr("connections.csv", _csv(connections))
    path = folder / "tables.zip"
    path.write_bytes(buffer.getvalue())
    return path


def _csv(rows: list[list[Any]]) -> str:
    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return _number(value)
        text = str(value)
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text

    return "".join(",".join(cell(v) for v in row) + "\r\n" for row in rows)


def _workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


WRITERS: dict[str, Writer] = {
    "graphml": graphml,
    "yed": yed,
    "gexf": gexf,
    "node-link": node_link,
    "kumu-json": kumu_json,
    "kumu-xlsx": kumu_xlsx,
    "csv-pair": csv_pair,
    "csv-zip": csv_zip,
    "prsm-plain": prsm_plain,
    "prsm-compressed": prsm_compressed,
    "prsm-xlsx": prsm_xlsx,
    "xgmml": xgmml,
    "graphology": graphology_json,
    "cytoscape-js": cytoscape_json,
}
"""Every reader sysmap has, by a short name."""
XML_WRITERS = ("graphml", "yed", "gexf", "xgmml")
WORKBOOK_WRITERS = ("kumu-xlsx", "prsm-xlsx")
JSON_WRITERS = (
    "node-link",
    "kumu-json",
    "prsm-plain",
    "prsm-compressed",
    "graphology",
    "cytoscape-js",
)

SMALL_MAP = (
    [Node("a", "Probation Service", 0.0, 0.0), Node("b", "Council", 100.0, 50.0)],
    [("a", "b")],
)


def rezip(original: bytes, replace: dict[str, bytes]) -> bytes:
    """A copy of a zip container with some parts replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = replace.get(info.filename, source.read(info.filename))
            target.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def first_sheet(path: Path) -> str:
    """The name of a workbook's first worksheet part."""
    with zipfile.ZipFile(path) as archive:
        return sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))[0]


def small_file(fmt: str, folder: Path, label: str = "Probation Service") -> Path:
    """The small map in format ``fmt``, its first stakeholder called ``label``."""
    nodes, edges = SMALL_MAP
    return WRITERS[fmt]([Node("a", label, 0.0, 0.0), *nodes[1:]], edges, folder)


def replace_in_file(path: Path, old: bytes, new: bytes, xml_prolog: bytes = b"") -> None:
    """Replace bytes in a file, or in the XML parts of a workbook; optionally add a prolog.

    The prolog (a DOCTYPE) goes after the XML declaration of the file, or of each XML part
    that contains ``old``.
    """
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            parts = {n: archive.read(n) for n in archive.namelist() if n.endswith(".xml")}
        changed = {n: _edit_xml(d, old, new, xml_prolog) for n, d in parts.items() if old in d}
        assert changed, f"{old!r} is in no part of {path}"
        path.write_bytes(rezip(path.read_bytes(), changed))
        return
    data = path.read_bytes()
    assert old in data, f"{old!r} is not in {path}"
    path.write_bytes(_edit_xml(data, old, new, xml_prolog))


def _edit_xml(data: bytes, old: bytes, new: bytes, prolog: bytes) -> bytes:
    data = data.replace(old, new)
    if not prolog:
        return data
    if data.startswith(b"<?xml"):
        end = data.index(b"?>") + 2
        return data[:end] + prolog + data[end:]
    return prolog + data


def json_file(fmt: str, folder: Path, label_json: str) -> Path:
    """The small map in a JSON format with its first label replaced by raw JSON text."""
    placeholder = "LABEL-PLACEHOLDER"
    if fmt == "prsm-compressed":
        plain = small_file("prsm-plain", folder, placeholder)
        text = plain.read_text(encoding="utf-8").replace(f'"{placeholder}"', label_json)
        plain.unlink()
        return _write(folder / "compressed.prsm", compress_to_utf16(text))
    path = small_file(fmt, folder, placeholder)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'"{placeholder}"', label_json), encoding="utf-8")
    return path
