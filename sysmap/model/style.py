"""How stakeholders and relationships look, shared by every view and export.

The canvas, the yFiles block in a saved map, GEXF ``viz`` data and Gephi's colour columns all
draw a map the same way, so the rules live here, free of any toolkit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sysmap.model.vocab import UNKNOWN_COLOUR, Vocabulary

# Shape per kind, named as yEd names its shapes (the canvas draws the same outlines).
KIND_SHAPES: Mapping[str, str] = {
    "organisation": "roundrectangle",
    "group": "hexagon",
    "individual": "ellipse",
}
DEFAULT_SHAPE = "rectangle"


@dataclass(frozen=True)
class Paper:
    """The page a map or chart is drawn on: one light and one dark, shared by the canvas, the
    charts and exported pictures, so the two never drift apart."""

    background: str
    text: str
    muted: str


LIGHT_PAPER = Paper(background="#FFFFFF", text="#1A1A1A", muted="#6B6B6B")
DARK_PAPER = Paper(background="#1E1F22", text="#EDEDED", muted="#A0A0A0")


@dataclass(frozen=True)
class LineStyle:
    """How a relationship's line is drawn: colour, pattern (solid/dashed/dotted/dashdot), width."""

    colour: str
    pattern: str
    width: float


STATUS_STYLES: Mapping[str, LineStyle] = {
    "active": LineStyle("#5A5A5A", "solid", 1.6),
    "weak": LineStyle("#8A8A8A", "dotted", 1.2),
    "missing": LineStyle("#D55E00", "dashed", 1.8),
    # Missing and proposed differ by pattern as well as colour (WCAG 1.4.1: never colour alone).
    "proposed": LineStyle("#0072B2", "dashdot", 1.8),
}


END_MARKS: Mapping[str, str] = {"missing": "bar", "proposed": "dot"}
"""A mark near the target end of a line whose status colour alone would tell: a bar across a
missing relationship (a gap to close), a dot on a proposed one (a link to make)."""


def shape_for(kind: str | None) -> str:
    """Return the outline used for a stakeholder of this kind."""
    return KIND_SHAPES.get(kind or "", DEFAULT_SHAPE)


def line_style(status: str | None) -> LineStyle:
    """Return the line style for a relationship status (unknown statuses draw as active)."""
    return STATUS_STYLES.get(status or "active", STATUS_STYLES["active"])


def fill_colour(data: Mapping[str, Any], sectors: Vocabulary) -> str:
    """Return a stakeholder's fill: its own colour, else its sector's, else grey."""
    own = data.get("colour")
    if isinstance(own, str):
        return own
    term = sectors.get(str(data.get("sector", "")))
    return term.colour if term is not None and term.colour else UNKNOWN_COLOUR


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """Convert ``#RRGGBB`` to three 0–255 integers.

    Examples
    --------
    >>> hex_to_rgb("#0072B2")
    (0, 114, 178)
    """
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def rgb_to_hex(r: int, g: int, b: int) -> str:
    """Convert three 0–255 integers to ``#RRGGBB``.

    Examples
    --------
    >>> rgb_to_hex(0, 114, 178)
    '#0072B2'
    """
    return "#{:02X}{:02X}{:02X}".format(*(max(0, min(255, int(c))) for c in (r, g, b)))


def text_colour_on(fill: str) -> str:
    """Return black or white, whichever reads better on ``fill`` (WCAG relative luminance)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in hex_to_rgb(fill))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 0.179 else "#FFFFFF"


# How a stakeholder's label is laid out. The canvas measures text with real font metrics;
# these toolkit-free estimates let layouts and tests keep labels apart without Qt.
LABEL_CHARS_PER_LINE = 18
LABEL_MAX_LINES = 3
CHAR_WIDTH = 7.0
LINE_HEIGHT = 15.0
NODE_PADDING = 10.0
NODE_MIN_WIDTH = 90.0
NODE_MAX_WIDTH = LABEL_CHARS_PER_LINE * CHAR_WIDTH + 2 * NODE_PADDING


def wrap_label(
    label: str, width: int = LABEL_CHARS_PER_LINE, max_lines: int = LABEL_MAX_LINES
) -> list[str]:
    """Break a label into at most ``max_lines`` lines of about ``width`` characters.

    Words are kept whole where they fit; the last line ends with an ellipsis when the label
    is longer than the lines allow.

    Examples
    --------
    >>> wrap_label("Probation Service – Greater Manchester")
    ['Probation Service', '– Greater', 'Manchester']
    >>> wrap_label("GMCA")
    ['GMCA']
    >>> wrap_label("BCC exempt-accommodation team")
    ['BCC exempt-', 'accommodation team']
    """
    lines: list[str] = []
    current = ""
    for word in label.split():
        while len(word) > width:  # a very long word is cut, after a hyphen where it has one
            cut = word.rfind("-", 0, width) + 1 or width
            head, word = word[:cut], word[cut:]
            if current and len(current) + 1 + len(head) <= width:
                lines.append(f"{current} {head}")
            else:
                lines += [current, head] if current else [head]
            current = ""
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines or [""]


def estimate_box(label: str) -> tuple[float, float]:
    """Estimate the width and height of a stakeholder drawn with its wrapped label."""
    lines = wrap_label(label)
    widest = max(len(line) for line in lines)
    width = max(NODE_MIN_WIDTH, widest * CHAR_WIDTH + 2 * NODE_PADDING)
    return width, len(lines) * LINE_HEIGHT + 2 * NODE_PADDING
