"""The yFiles-for-HTML dialect (yEd Live): labels, boxes and fills in XAML-style markup.

yEd desktop keeps a node's drawing in one ``y:ShapeNode`` block (see :mod:`sysmap.io.yfiles`).
yFiles for HTML instead writes one ``<data>`` per aspect, in keys named by ``attr.name`` and
marked with a ``y:attr.uri`` rather than ``yfiles.type``:

- ``NodeLabels`` / ``EdgeLabels``: ``<x:List><y:Label><y:Label.Text>A</y:Label.Text>…``;
- ``NodeGeometry``: ``<y:RectD X=… Y=… Width=… Height=…/>`` (top-left corner and size);
- ``NodeStyle``: a style element whose fill is an attribute (``fill="#FF316C94"``) or a
  ``*.fill`` property element holding a colour, a gradient, or ``{y:GraphMLReference 1}``
  pointing into the document's shared resources.

Colours are ``#AARRGGBB``. Anything unreadable is left out rather than guessed.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import TypeAlias

from sysmap.io.colours import parse_colour
from sysmap.io.safe_xml import local_name
from sysmap.io.yfiles import EdgeGraphics, NodeGraphics

Resources: TypeAlias = Mapping[str, ET.Element]
_REFERENCE = re.compile(r"\{\s*y:GraphMLReference\s+([^}\s]+)\s*\}")
_COLOUR_ATTRIBUTES = ("fill", "color", "value", "background")


def read_node_xaml(xaml: Mapping[str, ET.Element], shared: Resources) -> NodeGraphics:
    """Read a node's label, box, fill and shape from its yFiles-for-HTML data elements."""
    box = _rect(xaml.get("NodeGeometry"))
    style = _style_element(xaml.get("NodeStyle"))
    return NodeGraphics(
        label=_label_text(xaml.get("NodeLabels")),
        x=box[0],
        y=box[1],
        width=box[2],
        height=box[3],
        fill=_fill(style, shared) if style is not None else None,
        shape=_shape(style),
    )


def read_edge_xaml(xaml: Mapping[str, ET.Element], shared: Resources) -> EdgeGraphics:
    """Read an edge's label and arrowheads from its yFiles-for-HTML data elements."""
    style = _style_element(xaml.get("EdgeStyle"))
    target = source = None
    if style is not None:
        target = _arrow(style, "targetArrow", shared)
        source = _arrow(style, "sourceArrow", shared)
    return EdgeGraphics(
        label=_label_text(xaml.get("EdgeLabels")),
        arrow_at_target=target if target is not None else True,
        arrow_at_source=bool(source),
    )


def _label_text(data: ET.Element | None) -> str | None:
    if data is None:
        return None
    for element in data.iter():
        name = local_name(element.tag)
        text = element.get("Text") if name == "Label" else None
        if name == "Label.Text":
            text = element.text
        if text and text.strip():
            return text.strip()
    return None


def _rect(data: ET.Element | None) -> tuple[float | None, ...]:
    if data is None:
        return (None, None, None, None)
    rect = next((e for e in data.iter() if local_name(e.tag) == "RectD"), None)
    if rect is None:
        return (None, None, None, None)
    values = []
    for name in ("X", "Y", "Width", "Height"):
        try:
            value: float | None = float(rect.get(name, ""))
        except ValueError:
            value = None
        values.append(value if value is not None and math.isfinite(value) else None)
    return tuple(values)


def _style_element(data: ET.Element | None) -> ET.Element | None:
    return next(iter(data), None) if data is not None else None


def _fill(style: ET.Element, shared: Resources) -> str | None:
    direct = _colour_value(style.get("fill"), shared)
    if direct:
        return direct
    for prop in (e for e in style.iter() if local_name(e.tag).lower().endswith(".fill")):
        for element in prop.iter():
            for name in _COLOUR_ATTRIBUTES:
                colour = _colour_value(element.get(name), shared)
                if colour:
                    return colour
    return None


def _colour_value(value: str | None, shared: Resources, depth: int = 0) -> str | None:
    if not value:
        return None
    reference = _REFERENCE.fullmatch(value.strip())
    if reference is None:
        return parse_colour(value, alpha_first=True)
    resource = shared.get(reference.group(1))
    if resource is None or depth > 4:
        return None
    for name in _COLOUR_ATTRIBUTES:
        colour = _colour_value(resource.get(name), shared, depth + 1)
        if colour:
            return colour
    return None


def _shape(style: ET.Element | None) -> str | None:
    if style is None:
        return None
    shape = style.get("shape") or style.get("type")
    return shape.lower() if shape else None


def _arrow(style: ET.Element, name: str, shared: Resources) -> bool | None:
    value = style.get(name)
    element: ET.Element | None = None
    if value is not None:
        reference = _REFERENCE.fullmatch(value.strip())
        element = shared.get(reference.group(1)) if reference else None
        if element is None:
            return value.strip().upper() not in ("NONE", "")
    else:
        prop = next((e for e in style if local_name(e.tag).endswith("." + name)), None)
        element = next(iter(prop), None) if prop is not None else None
    if element is None:
        return None
    return element.get("type", "DEFAULT").upper() != "NONE"
