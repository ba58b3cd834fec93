"""Read PRSM (Participatory System Mapper) maps: ``.prsm`` files, plain or compressed.

PRSM saves its map as JSON; since version 2 the JSON is compressed with lz-string's
``compressToUTF16`` (the file then looks like CJK text), and PRSM itself treats a first
character other than ``{`` as compressed. Nodes ("factors") and edges ("links") are in
vis-network's shape:

- a node has ``id``, ``label`` (with line breaks where PRSM wrapped it), ``x``/``y``,
  ``color.background``, ``note`` (text, or a Quill document ``{"ops": [...]}``), a style
  group ``grp`` and any user attributes, named in ``attributeTitles``;
- an edge has ``from``, ``to``, ``label``, ``grp``, ``arrows`` (in newer files); older files
  leave the arrows to the edge's style in ``styles.edges``.

Each style has a ``groupLabel``, the name PRSM's legend shows ("Policy actions", "Negative
influence"). A factor's style becomes its ``style`` attribute, ready to map onto sectors; a
link's style is its relationship type. Notes become descriptions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sysmap.io.colours import parse_colour
from sysmap.io.graphml_dialects import ReadOptions
from sysmap.io.graphml_parse import RawEdge, RawGraph, RawNode
from sysmap.io.graphml_read import build_map
from sysmap.io.lzstring import LZStringError, decompress_from_utf16
from sysmap.io.map_limits import check_counts
from sysmap.io.result import LoadResult
from sysmap.io.safe_json import parse_json
from sysmap.io.safe_xml import check_size
from sysmap.model.errors import MapFileError

MAX_PRSM_BYTES = 50 * 1024 * 1024
MAX_JSON_CHARS = 50_000_000
"""A compressed map may not unpack to more than a plain one may hold."""
MAX_COMPRESSED_BYTES = 8 * 1024 * 1024
"""A compressed map this big already holds about as much as :data:`MAX_JSON_CHARS`: PRSM's
maps unpack to about seven characters for each compressed one."""
UNPACK_RATIO = 40
UNPACK_FLOOR = 8_000_000
"""A compressed map may unpack to this many characters, or 40 for each it holds if more, so
the time and memory it takes grow with the file's size, as a zip's do."""
_UI_FIELDS = frozenset(
    {
        "id", "label", "grp", "x", "y", "color", "font", "borderWidth", "borderWidthSelected",
        "shape", "shapeProperties", "margin", "note", "title", "created", "modified", "thumbUp",
        "thumbDown", "fixed", "hidden", "size", "scaling", "labelHighlightBold", "widthConstraint",
        "heightConstraint", "opacity", "level", "locked", "value", "wasFixed", "clusteredIn",
    }
)  # fmt: skip


def read_prsm(path: Path, document: dict[str, Any] | None = None) -> LoadResult:
    """Read a ``.prsm`` map (plain or lz-string-compressed JSON).

    Parameters
    ----------
    path : pathlib.Path
    document : dict, optional
        The file's JSON, when the caller has already parsed it.

    Raises
    ------
    MapFileError
        If the file is not a PRSM map; the message says why.
    """
    path = Path(path)
    document = load_prsm_json(path) if document is None else document
    if not isinstance(document.get("nodes"), list) or not isinstance(document.get("edges"), list):
        raise MapFileError(str(path), "it is not a PRSM map (it has no list of factors and links)")
    check_counts(len(document["nodes"]), len(document["edges"]), str(path))
    try:
        raw = _records(document)
    except (TypeError, AttributeError, KeyError, ValueError):
        raise MapFileError(str(path), "a factor or link in it is not in PRSM's shape") from None
    version = str(document.get("version") or "").strip()
    name = f"PRSM map (version {version})" if version else "PRSM map"
    return build_map(raw, str(path), path.stem, ReadOptions(name, readable_ids=True))


def is_prsm_document(document: Any) -> bool:
    """Whether parsed JSON looks like a PRSM map (factors, links and PRSM's own keys)."""
    return (
        isinstance(document, dict)
        and isinstance(document.get("nodes"), list)
        and isinstance(document.get("edges"), list)
        and any(k in document for k in ("mapTitle", "lastNodeSample", "styles", "samples"))
    )


def load_prsm_json(path: Path) -> dict[str, Any]:
    """Return a ``.prsm`` file's JSON document, decompressing it when it is compressed."""
    size = check_size(path, MAX_PRSM_BYTES)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MapFileError(str(path), "it is not a PRSM map (it is not text)") from None
    except OSError as exc:
        raise MapFileError(str(path), f"the file cannot be read ({exc.strerror})") from None
    text = text.strip()
    if text and not text.startswith("{"):
        if size > MAX_COMPRESSED_BYTES:
            raise MapFileError(
                str(path),
                f"it is a compressed PRSM map of more than {MAX_COMPRESSED_BYTES / 1e6:.0f} MB, "
                "bigger than sysmap unpacks",
                hint="Split the map in PRSM, or save it from PRSM as an Excel file.",
            )
        cap = min(MAX_JSON_CHARS, max(UNPACK_FLOOR, UNPACK_RATIO * len(text)))
        try:
            text = decompress_from_utf16(text, cap)
        except LZStringError as exc:
            raise MapFileError(
                str(path), f"it is not a PRSM map sysmap can unpack ({exc})"
            ) from None
    document = parse_json(text, str(path), "its map data is not valid JSON")
    if not isinstance(document, dict):
        raise MapFileError(str(path), "it is not a PRSM map")
    return document


def _records(document: dict[str, Any]) -> RawGraph:
    styles = document.get("styles") or document.get("samples") or {}
    node_styles = styles.get("nodes") or {}
    edge_styles = styles.get("edges") or {}
    titles = document.get("attributeTitles") or {}
    raw = RawGraph([], {}, [], [], True, [])
    title = document.get("mapTitle")
    if isinstance(title, str) and title.strip() and title.strip() != "Untitled map":
        raw.graph_data["title"] = title.strip()
    description = note_text(document.get("description"))
    if description:
        raw.graph_data["description"] = description
    for node in document["nodes"]:
        raw.nodes.append(_node(node, node_styles, titles))
    for edge in document["edges"]:
        raw.edges.append(_edge(edge, edge_styles))
    return raw


def _node(node: dict[str, Any], styles: dict[str, Any], titles: dict[str, Any]) -> RawNode:
    style = styles.get(str(node.get("grp"))) or {}
    data: dict[str, Any] = {"label": label_lines(node.get("label"))}
    for axis in ("x", "y"):
        if isinstance(node.get(axis), int | float) and not isinstance(node.get(axis), bool):
            data[axis] = float(node[axis])
    colour = parse_colour(_background(node.get("color")) or _background(style.get("color")))
    if colour:
        data["colour"] = colour
    note = note_text(node.get("note") or node.get("title"))
    if note:
        data["description"] = note
    group = one_line(style.get("groupLabel"))
    if group:
        data["style"] = group
    shape = node.get("shape") or style.get("shape")
    if isinstance(shape, str) and shape:
        data["shape"] = shape
    for field_name, value in node.items():
        if field_name in _UI_FIELDS or not isinstance(value, str | int | float | bool):
            continue
        name = str(titles.get(field_name, field_name))
        data[name] = value
    return RawNode(str(node["id"]), data)


def _edge(edge: dict[str, Any], styles: dict[str, Any]) -> RawEdge:
    style = styles.get(str(edge.get("grp"))) or {}
    data: dict[str, Any] = {}
    kind = one_line(style.get("groupLabel"))
    label = label_lines(edge.get("label"))
    if kind or label:
        data["label"] = kind or label
    if kind and label and label != kind:
        data["link label"] = label
    note = note_text(edge.get("note") or edge.get("title"))
    if note:
        data["description"] = note
    base = styles.get("base") or {}
    arrows = next((s["arrows"] for s in (edge, style, base) if "arrows" in s), None)
    directed = _arrow_on(arrows, "to") or _arrow_on(arrows, "from")
    if _arrow_on(arrows, "from") and not _arrow_on(arrows, "to"):
        source, target = edge["to"], edge["from"]  # drawn pointing back at its start
    else:
        source, target = edge["from"], edge["to"]
    if arrows is not None:
        data["directed"] = directed
    if edge.get("dashes") is True:
        data["dashed"] = True
    return RawEdge(str(edge.get("id") or "") or None, str(source), str(target), True, data)


def label_lines(text: Any) -> str:
    """Return a label as PRSM shows it: its line breaks kept, stray spaces and blank lines not.

    People break a long label over lines on purpose in PRSM (Shift+Enter); sysmap draws the
    label over the same lines.

    Examples
    --------
    >>> label_lines("Staff engagement &\\n amount of  information provision\\n\\n")
    'Staff engagement &\\namount of information provision'
    """
    if not isinstance(text, str | int | float):
        return ""
    lines = (" ".join(line.split()) for line in str(text).splitlines())
    return "\n".join(line for line in lines if line)


def one_line(text: Any) -> str:
    """Return a label PRSM wrapped over several lines as one line of text.

    Examples
    --------
    >>> one_line("Staff engagement &\\n amount of information provision")
    'Staff engagement & amount of information provision'
    """
    return " ".join(str(text).split()) if isinstance(text, str | int | float) else ""


def note_text(note: Any) -> str:
    """Return a PRSM note (plain text, or a Quill document of ``ops``) as plain text.

    Examples
    --------
    >>> note_text({"ops": [{"insert": "Needs "}, {"insert": "funding\\n"}]})
    'Needs funding'
    """
    if isinstance(note, dict) and isinstance(note.get("text"), dict | str):
        note = note["text"]  # the map's description is wrapped once more
    if isinstance(note, dict):
        ops = note.get("ops")
        ops = ops if isinstance(ops, list) else []
        note = "".join(
            op["insert"] for op in ops if isinstance(op, dict) and isinstance(op.get("insert"), str)
        )
    return note.strip() if isinstance(note, str) else ""


def _background(colour: Any) -> Any:
    return colour.get("background") if isinstance(colour, dict) else colour


def _arrow_on(arrows: Any, end: str) -> bool:
    if isinstance(arrows, str):
        return end in arrows.split(",")
    if isinstance(arrows, dict):
        setting = arrows.get(end)
        return bool(setting.get("enabled", True)) if isinstance(setting, dict) else bool(setting)
    return False
