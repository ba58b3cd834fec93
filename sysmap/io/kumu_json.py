"""Read Kumu's JSON: a whole project export, or a blueprint (Kumu's JSON import format).

Both hold ``elements`` and ``connections``. A blueprint writes fields directly on each item
(``{"label": "A", "type": "Letter", "tags": [...]}``) and names connection ends by label or
``id``; a project export keeps them under ``attributes`` (``"element type"``,
``"connection type"``, lower-cased names, numbers often stored as text) and names ends by
``_id``. The items are turned into the same tables as Kumu's spreadsheet import and read by
the same rules (:mod:`sysmap.io.table_records`), so a column of numbers-as-text becomes
numbers and ``Type`` means the same everywhere.

A project's positions live in its ``maps``, not in its elements, and one element may sit on
several maps. The default map is placed first and every other map beside it, to its right,
each keeping its own layout; each stakeholder lists the maps it is on in its ``maps``
attribute. Colours come from the map's direct decorations, else from the map's perspective
(rules such as ``stakeholder { color: #ddd; }`` for elements of type Stakeholder).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sysmap.io.colours import parse_colour
from sysmap.io.graphml_read import build_map
from sysmap.io.map_limits import check_counts
from sysmap.io.nodelink import load_json
from sysmap.io.result import LoadResult
from sysmap.io.table_records import TableReader
from sysmap.io.tables import Table
from sysmap.model.errors import MapFileError
from sysmap.model.ids import slugify

MAP_GAP = 400.0
_COLOUR_PROPERTIES = frozenset({"color", "colour", "element-color", "element-colour"})
_TYPE_SELECTOR = re.compile(r'^(?:element)?\[\s*"?element[ -]type"?\s*=\s*"([^"]*)"\s*\]$')


@dataclass
class _Placement:
    x: float
    y: float
    pinned: bool
    maps: list[str] = field(default_factory=list)
    colour: str | None = None
    perspective: str | None = None


def read_kumu_json(path: Path, document: Any = None) -> LoadResult:
    """Read a Kumu project export or blueprint (``.json``).

    Parameters
    ----------
    path : pathlib.Path
    document : object, optional
        The file's JSON, when the caller has already parsed it.

    Raises
    ------
    MapFileError
        If the file is not Kumu JSON; the message says why.
    """
    path = Path(path)
    document = load_json(path) if document is None else document
    if not isinstance(document, dict) or not isinstance(document.get("elements"), list):
        raise MapFileError(str(path), "it is JSON but not a Kumu project (no 'elements' list)")
    connections = document.get("connections")
    check_counts(
        len(document["elements"]),
        len(connections) if isinstance(connections, list) else 0,
        str(path),
    )
    try:
        elements, connections, warnings = _tables(document)
    except (TypeError, AttributeError, KeyError, ValueError):
        raise MapFileError(
            str(path), "an element, connection or map in it is not in Kumu's shape"
        ) from None
    kind = "Kumu project" if isinstance(document.get("maps"), list) else "Kumu blueprint"
    graph_data = {}
    if isinstance(document.get("name"), str) and document["name"].strip():
        graph_data["title"] = document["name"].strip()
    if isinstance(document.get("description"), str) and document["description"].strip():
        graph_data["description"] = document["description"].strip()
    reader = TableReader(warnings=warnings)
    raw, options = reader.read(elements, connections, graph_data, f"{kind} (JSON)")
    return build_map(raw, str(path), path.stem, dataclasses.replace(options, readable_ids=True))


def is_kumu_document(document: Any) -> bool:
    """Whether parsed JSON looks like Kumu's (an ``elements`` list)."""
    return isinstance(document, dict) and isinstance(document.get("elements"), list)


def _tables(document: dict[str, Any]) -> tuple[Table, Table, list[str]]:
    names = _attribute_names(document.get("attributes"))
    placements, warnings = _placements(document)
    colours = _perspective_colours(document)
    rows: list[dict[str, Any]] = []
    for element in document["elements"]:
        row = _fields(element, names, {"element type": "Type", "type": "Type"})
        row["ID"] = str(element.get("_id") or element.get("id") or "") or None
        place = placements.get(str(row["ID"]))
        if place is not None:
            row.update({"X": place.x, "Y": place.y, "maps": "|".join(place.maps)})
            row["Pinned"] = place.pinned or None
            type_colour = colours.get(place.perspective or "", {})
            row["Colour"] = place.colour or type_colour.get(slugify(str(row.get("Type", ""))))
            row["Colour"] = row["Colour"] or type_colour.get("")
        rows.append(row)
    links = []
    for connection in document.get("connections") or []:
        row = _fields(connection, names, {"connection type": "Type", "type": "Type"})
        row["ID"] = str(connection.get("_id") or connection.get("id") or "") or None
        ends = [connection.get("from"), connection.get("to")]
        if connection.get("reversed") is True:
            ends.reverse()
        row["From"], row["To"] = (str(e) if e is not None else None for e in ends)
        row["Direction"] = connection.get("direction")
        if connection.get("delayed") is True:
            row["delayed"] = True
        links.append(row)
    warnings += _loops(document.get("loops"), links)
    elements = _table("elements", rows, ["ID", "Label"])
    return elements, _table("connections", links, ["ID", "From", "To"]), warnings


def _loops(loops: Any, links: list[dict[str, Any]]) -> list[str]:
    """Name each connection's feedback loops in its ``loops`` attribute; say what was done.

    Kumu keeps a loop as a label and the connections it runs through; sysmap has no loops
    of its own, so the loop lives on in the relationships that make it up.
    """
    found = [loop for loop in loops if isinstance(loop, dict)] if isinstance(loops, list) else []
    if not found:
        return []
    by_id = {str(row["ID"]): row for row in links if row.get("ID")}
    names = []
    for number, loop in enumerate(found, start=1):
        attributes = loop.get("attributes")
        attributes = attributes if isinstance(attributes, dict) else {}
        name = str(loop.get("label") or attributes.get("label") or f"Loop {number}").strip()
        names.append(name)
        for connection in loop.get("connections") or []:
            key = (
                connection.get("_id") or connection.get("id")
                if isinstance(connection, dict)
                else connection
            )
            row = by_id.get(str(key))
            if row is not None:
                row["loops"] = "|".join(filter(None, [row.get("loops"), name]))
    listed = ", ".join(f"'{n}'" for n in names[:5]) + (" and more" if len(names) > 5 else "")
    return [
        f"The Kumu project has {len(names)} loop(s) ({listed}). sysmap has no loops, so each "
        "relationship on a loop names it in its 'loops' attribute."
    ]


def _attribute_names(schema: Any) -> dict[str, str]:
    # Kumu stores field names lower-cased in the data and capitalised in the schema.
    names: dict[str, str] = {}
    for attribute in schema if isinstance(schema, list) else []:
        if isinstance(attribute, dict) and isinstance(attribute.get("name"), str):
            names[attribute["name"].casefold()] = attribute["name"]
    return names


def _fields(item: dict[str, Any], names: dict[str, str], types: dict[str, str]) -> dict[str, Any]:
    values = dict(item.get("attributes") or {})
    values.update({k: v for k, v in item.items() if k not in ("attributes", "_id", "id")})
    for structural in ("from", "to", "direction", "reversed", "delayed"):
        values.pop(structural, None)
    row: dict[str, Any] = {}
    for key, value in values.items():
        text = _cell(value)
        if text is None:
            continue
        header = types.get(key.casefold()) or names.get(key.casefold()) or key
        if key.casefold() in ("label", "description", "tags"):
            header = key.capitalize()
        row.setdefault(header, text)
    return row


def _cell(value: Any) -> Any:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return "|".join(str(v) for v in value if v is not None)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _table(name: str, rows: list[dict[str, Any]], first: list[str]) -> Table:
    header = first + sorted({h for row in rows for h in row} - set(first))
    return Table(name, header, [[row.get(h) for h in header] for row in rows])


def _placements(document: dict[str, Any]) -> tuple[dict[str, _Placement], list[str]]:
    maps = [m for m in document.get("maps") or [] if isinstance(m, dict)]
    maps.sort(key=lambda m: m.get("_id") != document.get("defaultMap"))
    placed: dict[str, _Placement] = {}
    right: float | None = None
    top = 0.0
    used = []
    for kumu_map in maps:
        points = list(_points(kumu_map.get("elements") or []))
        if not points:
            continue
        used.append(str(kumu_map.get("name") or "a map"))
        xs, ys = [p[1] for p in points], [p[2] for p in points]
        if right is None:
            dx, dy, top = 0.0, 0.0, min(ys)
        else:
            dx, dy = right + MAP_GAP - min(xs), top - min(ys)
        right = max(xs) + dx
        for element_id, x, y, pinned, colour in points:
            perspective = kumu_map.get("defaultPerspective")
            place = placed.setdefault(
                element_id,
                _Placement(x + dx, y + dy, pinned, colour=colour, perspective=perspective),
            )
            place.maps.append(used[-1])
    warnings = []
    if len(used) > 1:
        warnings.append(
            f"This Kumu project has {len(used)} maps; they are placed side by side "
            f"({', then '.join(used)}), and each stakeholder lists the maps it is on in "
            "its 'maps' attribute."
        )
    return placed, warnings


def _points(elements: Iterable[Any]) -> Iterable[tuple[str, float, float, bool, str | None]]:
    for item in elements:
        position = item.get("position") if isinstance(item, dict) else None
        if not isinstance(position, dict):
            continue
        x, y = position.get("x"), position.get("y")
        if isinstance(x, int | float) and isinstance(y, int | float):
            style = item.get("style") if isinstance(item.get("style"), dict) else {}
            colour = parse_colour(style.get("color"))
            yield str(item.get("element")), float(x), float(y), bool(item.get("pinned")), colour


def _perspective_colours(document: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Perspective id → {slug of element type (or "" for every element): colour}."""
    found: dict[str, dict[str, str]] = {}
    for perspective in document.get("perspectives") or []:
        if not isinstance(perspective, dict) or not isinstance(perspective.get("style"), str):
            continue
        rules: dict[str, str] = {}
        for selector, body in style_rules(perspective["style"]):
            colour = _rule_colour(body)
            if colour is None:
                continue
            typed = _TYPE_SELECTOR.match(selector)
            if selector in ("@settings", "element"):
                rules.setdefault("", colour)
            elif typed:
                rules[slugify(typed.group(1))] = colour
            elif re.fullmatch(r"[a-z0-9-]+", selector) and selector != "connection":
                rules[selector] = colour
        found[str(perspective.get("_id"))] = rules
    return found


def style_rules(text: str) -> Iterator[tuple[str, str]]:
    """Yield (selector, declarations) for each ``selector { … }`` rule of a Kumu view.

    One pass over the text, whatever it holds: a view's rules come from the file, and the
    regular expressions this replaces took minutes on 200 KB of unclosed braces or comments.
    Comments are dropped; a rule with braces nested inside it is skipped.

    Examples
    --------
    >>> list(style_rules("/* a view */ element { color: #ddd; }\\n@settings{x:1}"))
    [('element', ' color: #ddd; '), ('@settings', 'x:1')]
    >>> list(style_rules("a { b { c } d } e {"))
    [('b', ' c ')]
    """
    pieces = re.split(r"([{}])", _without_comments(text))
    # pieces alternate text, brace, text, brace…: a rule is text "{" text "}".
    for at in range(1, len(pieces) - 2, 2):
        before, body = pieces[at - 1], pieces[at + 1]
        if pieces[at] == "{" and pieces[at + 2] == "}" and before.strip():
            yield before.strip(), body


def _without_comments(text: str) -> str:
    """The text with ``/* … */`` comments removed; an unclosed one runs to the end."""
    kept: list[str] = []
    start = 0
    while (opened := text.find("/*", start)) != -1:
        kept.append(text[start:opened])
        closed = text.find("*/", opened + 2)
        if closed == -1:
            return "".join(kept)
        start = closed + 2
    kept.append(text[start:])
    return "".join(kept)


def _rule_colour(body: str) -> str | None:
    """The colour a rule's declarations give, if any (``color: #ddd``)."""
    for declaration in body.split(";"):
        name, colon, value = declaration.partition(":")
        if colon and name.strip().casefold() in _COLOUR_PROPERTIES:
            return parse_colour(value.strip())
    return None
