"""The yFiles graphics block: what yEd needs to show a map as it was drawn.

yEd shows labels, colours and geometry only from its own ``y:ShapeNode`` and
``y:PolyLineEdge`` elements in keys with ``yfiles.type`` ``nodegraphics`` / ``edgegraphics``
(namespace ``http://www.yworks.com/xml/graphml``). sysmap writes one per stakeholder and
relationship and ignores them on reading its own files, whose own keys are the truth.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sysmap.io.safe_xml import local_name
from sysmap.io.xml_text import xml_text
from sysmap.model.style import line_style, shape_for, text_colour_on

NODE_HEIGHT = 40.0
_YED_PATTERN = {"solid": "line", "dashed": "dashed", "dotted": "dotted", "dashdot": "dashed_dotted"}


def node_size(label: str) -> tuple[float, float]:
    """Return a width and height that fit ``label`` on one line in yEd's default font."""
    width = min(260.0, max(80.0, 7.0 * len(label) + 24.0))
    return width, NODE_HEIGHT


def node_graphics(data: Mapping[str, Any], fill: str, indent: str) -> str:
    """Return the ``<data key="nodegraphics">`` element for one stakeholder."""
    label = str(data.get("label", ""))
    width, height = node_size(label)
    x = float(data.get("x", 0.0)) - width / 2
    y = float(data.get("y", 0.0)) - height / 2
    inner = indent + "  "
    return (
        f'{indent}<data key="nodegraphics">\n'
        f"{inner}<y:ShapeNode>\n"
        f'{inner}  <y:Geometry height="{height!r}" width="{width!r}" x="{x!r}" y="{y!r}"/>\n'
        f'{inner}  <y:Fill color="{fill}" transparent="false"/>\n'
        f'{inner}  <y:BorderStyle color="#333333" type="line" width="1.0"/>\n'
        f'{inner}  <y:NodeLabel alignment="center" autoSizePolicy="content" fontFamily="Dialog" '
        f'fontSize="12" fontStyle="plain" hasBackgroundColor="false" hasLineColor="false" '
        f'modelName="internal" modelPosition="c" textColor="{text_colour_on(fill)}" '
        f'visible="true">{xml_text(label)}</y:NodeLabel>\n'
        f'{inner}  <y:Shape type="{shape_for(data.get("kind"))}"/>\n'
        f"{inner}</y:ShapeNode>\n"
        f"{indent}</data>\n"
    )


def edge_graphics(data: Mapping[str, Any], label: str | None, indent: str) -> str:
    """Return the ``<data key="edgegraphics">`` element for one relationship."""
    style = line_style(data.get("status"))
    arrow = "standard" if data.get("directed", True) else "none"
    inner = indent + "  "
    label_xml = (
        f'{inner}  <y:EdgeLabel alignment="center" fontFamily="Dialog" fontSize="10" '
        f'modelName="centered" modelPosition="center" textColor="#333333" '
        f'visible="true">{xml_text(label)}</y:EdgeLabel>\n'
        if label
        else ""
    )
    return (
        f'{indent}<data key="edgegraphics">\n'
        f"{inner}<y:PolyLineEdge>\n"
        f'{inner}  <y:LineStyle color="{style.colour}" type="{_YED_PATTERN[style.pattern]}" '
        f'width="{style.width!r}"/>\n'
        f'{inner}  <y:Arrows source="none" target="{arrow}"/>\n'
        f"{label_xml}"
        f'{inner}  <y:BendStyle smoothed="false"/>\n'
        f"{inner}</y:PolyLineEdge>\n"
        f"{indent}</data>\n"
    )


@dataclass(frozen=True)
class NodeGraphics:
    """What a yFiles node realizer says about a node: label, box, fill and shape."""

    label: str | None = None
    x: float | None = None
    y: float | None = None
    width: float | None = None
    height: float | None = None
    fill: str | None = None
    shape: str | None = None

    @property
    def has_geometry(self) -> bool:
        """Whether the realizer gave a position."""
        return self.x is not None and self.y is not None

    @property
    def centre(self) -> tuple[float, float]:
        """The centre of the node's box (yEd stores the top-left corner)."""
        x, y = self.x or 0.0, self.y or 0.0
        return x + (self.width or 0.0) / 2, y + (self.height or 0.0) / 2


_REALIZERS = ("ShapeNode", "GenericNode", "GroupNode", "SVGNode", "ImageNode", "TableNode")
"""The realizers yEd writes most; any other ``y:…Node`` with a ``y:Geometry`` (UML class and
note nodes, BPMN's generic nodes…) is read the same way."""


def _is_realizer(element: ET.Element) -> bool:
    name = local_name(element.tag)
    return name in _REALIZERS or (
        name.endswith("Node") and any(local_name(c.tag) == "Geometry" for c in element)
    )


def read_node_graphics(element: ET.Element) -> NodeGraphics:
    """Read label, geometry, fill and shape from a ``nodegraphics`` data element.

    A group node carries one realizer per state (open and closed); the one yEd marks
    active is used, as that is what the diagram shows.
    """
    realizer = _active_realizer(element)
    if realizer is None:
        return NodeGraphics()
    geometry = _child(realizer, "Geometry")
    fill = _child(realizer, "Fill")
    shape = _child(realizer, "Shape")
    return NodeGraphics(
        label=_first_text(realizer, "NodeLabel"),
        x=_float_attr(geometry, "x"),
        y=_float_attr(geometry, "y"),
        width=_float_attr(geometry, "width"),
        height=_float_attr(geometry, "height"),
        fill=_colour(fill.get("color") if fill is not None else None),
        shape=shape.get("type") if shape is not None else None,
    )


@dataclass(frozen=True)
class EdgeGraphics:
    """What a yFiles edge realizer says: its label and whether it has arrowheads."""

    label: str | None = None
    arrow_at_target: bool = True
    arrow_at_source: bool = False


def read_edge_graphics(element: ET.Element) -> EdgeGraphics:
    """Read the label and arrowheads from an ``edgegraphics`` data element."""
    realizer = next((c for c in element if local_name(c.tag).endswith("Edge")), None)
    if realizer is None:
        return EdgeGraphics()
    arrows = _child(realizer, "Arrows")
    source = arrows.get("source", "none") if arrows is not None else "none"
    target = arrows.get("target", "standard") if arrows is not None else "standard"
    return EdgeGraphics(_first_text(realizer, "EdgeLabel"), target != "none", source != "none")


def _active_realizer(element: ET.Element) -> ET.Element | None:
    for child in element.iter():
        name = local_name(child.tag)
        if name == "Realizers":
            options = [c for c in child if _is_realizer(c)]
            try:
                return options[int(child.get("active", "0"))]
            except (ValueError, IndexError):
                return options[0] if options else None
        if _is_realizer(child):
            return child
    return None


def _first_text(realizer: ET.Element, name: str) -> str | None:
    # A label's text comes before its model children (<y:LabelModel>…); several labels may
    # exist, and the first with text is the one people read.
    for label in (c for c in realizer if local_name(c.tag) == name):
        text = (label.text or "").strip()
        if text:
            return text
    return None


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if local_name(c.tag) == name), None)


def _float_attr(element: ET.Element | None, name: str) -> float | None:
    if element is None or element.get(name) is None:
        return None
    try:
        value = float(element.get(name, ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _colour(value: str | None) -> str | None:
    # yEd writes #RRGGBB or #RRGGBBAA; the alpha channel is dropped.
    if value and len(value) in (7, 9) and value[0] == "#":
        try:
            int(value[1:], 16)
        except ValueError:
            return None
        return value[:7].upper()
    return None
