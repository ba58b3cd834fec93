"""Keep relationship lines off the stakeholders they do not join.

A line drawn under a stakeholder reads as a tie to it (a line from A&E to a charity that runs
under the Home Office looks like a Home Office tie), so after a layout has placed everyone,
:func:`sysmap.layout.line_nudge.clear_lines` moves the stakeholders a line passes through off it.

What "passes through" means
---------------------------
A relationship is drawn as a straight line between the centres of its two stakeholders
(trimmed at their borders); parallel relationships between one pair bow out to either side
by up to ``(k - 1) / 2 · PARALLEL_SPACING`` at their middle. A stakeholder is drawn as its
shape (an ellipse for individuals, a box for the others) with its label *inside* it, so its
drawn extent is the shape of :func:`sysmap.layout.nodes.box_size`. A line **passes through**
stakeholder ``s`` when ``s`` is not one of its ends and the straight segment between the
ends' centres comes within ``LINE_CLEARANCE`` (plus the pair's bow) of that shape:

- boxes (rectangles, rounded rectangles, hexagons) are tested as their rectangle grown by
  the clearance on every side (at the corners a little stricter than a true distance);
- ellipses as the ellipse with both semi-axes grown by the clearance.

``LINE_CLEARANCE`` is 8 scene pixels (pixels at 100 % zoom): the canvas draws a selection ring
and pin up to 7 px outside a shape (``sysmap.canvas.stakeholder_item.MARGIN``) and lines are
at most 1.8 px wide, so a line that clears the shape by 8 px never touches what is drawn
round it, and leaves a visible gap at every zoom.

Finding crossings
-----------------
Candidates come from a k-d tree over points sampled along the lines, so the cost grows with
the lines' total length, not with lines × stakeholders; each candidate then gets the exact
test above. :mod:`sysmap.layout.line_nudge` moves stakeholders off the lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy.spatial import cKDTree

from sysmap.layout.nodes import BoolArray, FloatArray, IntArray, NodeTable

LINE_CLEARANCE = 8.0
"""Clear space, in scene pixels, kept between a line and any stakeholder it does not join."""

PARALLEL_SPACING = 26.0
"""How far apart parallel relationships are drawn at their middle (the canvas's spacing)."""


def bows(parallel: IntArray) -> FloatArray:
    """How far the outermost of ``k`` parallel relationships bows from the straight line.

    Examples
    --------
    >>> bows(np.array([1, 2, 3])).tolist()
    [0.0, 13.0, 26.0]
    """
    result: FloatArray = (np.maximum(parallel, 1) - 1) / 2 * PARALLEL_SPACING
    return result


@dataclass(frozen=True)
class Boxes:
    """Stakeholders' drawn shapes: what :func:`line_crossings` tests and
    :func:`sysmap.layout.line_nudge.clear_lines` moves.

    Attributes
    ----------
    xy : ndarray, shape (n, 2)
        Centres of the shapes.
    width, height : ndarray, shape (n,)
        Drawn sizes of the shapes.
    ellipse : ndarray of bool, shape (n,)
        Which shapes are ellipses (the others are tested as rectangles).
    """

    xy: FloatArray
    width: FloatArray
    height: FloatArray
    ellipse: BoolArray

    @classmethod
    def of(cls, table: NodeTable, xy: FloatArray) -> Boxes:
        """The shapes of a :class:`NodeTable` laid out at ``xy``."""
        return cls(xy, table.width, table.height, table.ellipse)

    def at(self, xy: FloatArray) -> Boxes:
        """The same shapes centred at ``xy``."""
        return replace(self, xy=xy)


def line_crossings(
    boxes: Boxes,
    lines: IntArray,
    bow: FloatArray | None = None,
    clearance: float = LINE_CLEARANCE,
) -> IntArray:
    """Find every (stakeholder, line) pair where the line passes through the stakeholder.

    Parameters
    ----------
    boxes : Boxes
        The stakeholders' shapes and where they are.
    lines : ndarray of int, shape (m, 2)
        The two ends of each line (each drawn pair once).
    bow : ndarray, shape (m,), optional
        Extra half-width of each line (parallel relationships bowing out), default 0.
    clearance : float
        Clear space a line must keep from a shape it does not join.

    Returns
    -------
    ndarray of int, shape (k, 2)
        Rows ``(stakeholder, line)``, sorted, never a line's own end.

    Examples
    --------
    >>> xy = np.array([[0.0, 0.0], [400.0, 0.0], [200.0, 10.0], [200.0, 80.0]])
    >>> boxes = Boxes(xy, np.full(4, 100.0), np.full(4, 40.0), np.zeros(4, bool))
    >>> line_crossings(boxes, np.array([[0, 1]])).tolist()
    [[2, 0]]
    """
    xy, width, height, ellipse = boxes.xy, boxes.width, boxes.height, boxes.ellipse
    n, m = len(xy), len(lines)
    if n < 3 or m == 0:
        return np.zeros((0, 2), dtype=np.int64)
    bow = np.zeros(m) if bow is None else bow
    node, line = _candidates(xy, width, height, lines, clearance + float(bow.max()))
    hit = _hits(xy, width, height, ellipse, lines, bow, clearance, node, line)
    return np.column_stack([node[hit], line[hit]]).astype(np.int64)


def table_crossings(table: NodeTable, xy: FloatArray) -> IntArray:
    """:func:`line_crossings` for a :class:`NodeTable` laid out at ``xy``."""
    return line_crossings(Boxes.of(table, xy), table.lines, bows(table.parallel))


def _candidates(
    xy: FloatArray, width: FloatArray, height: FloatArray, lines: IntArray, grow: float
) -> tuple[IntArray, IntArray]:
    """Pairs (stakeholder, line) close enough to be worth the exact test, each once.

    Points are sampled along every line at most ``step`` apart; a shape the line passes
    through has its centre within its half-diagonal (plus ``grow``) of the line, so within
    ``reach + step / 2`` of a sample.
    """
    reach = float(np.hypot(width.max() / 2 + grow, height.max() / 2 + grow))
    step = reach
    a, b = xy[lines[:, 0]], xy[lines[:, 1]]
    count = np.ceil(np.hypot(*(b - a).T) / step).astype(np.int64) + 1
    line_of = np.repeat(np.arange(len(lines)), count)
    first = np.repeat(np.cumsum(count) - count, count)
    t = (np.arange(len(line_of)) - first) / np.maximum(count - 1, 1)[line_of]
    samples = a[line_of] + t[:, None] * (b - a)[line_of]
    near = cKDTree(xy).sparse_distance_matrix(
        cKDTree(samples), reach + step / 2, output_type="ndarray"
    )
    keys = np.unique(line_of[near["j"]] * len(xy) + near["i"])
    node, line = keys % len(xy), keys // len(xy)
    own = (lines[line, 0] == node) | (lines[line, 1] == node)
    return node[~own], line[~own]


def _hits(
    xy: FloatArray,
    width: FloatArray,
    height: FloatArray,
    ellipse: BoolArray,
    lines: IntArray,
    bow: FloatArray,
    clearance: float,
    node: IntArray,
    line: IntArray,
) -> BoolArray:
    """The exact test for candidate pairs (see the module docstring)."""
    grow = clearance + bow[line]
    half = np.column_stack([width[node] / 2 + grow, height[node] / 2 + grow])
    return segment_hits(xy[node], half, ellipse[node], xy[lines[line, 0]], xy[lines[line, 1]])


def segment_hits(
    centre: FloatArray, half: FloatArray, ellipse: BoolArray, a: FloatArray, b: FloatArray
) -> BoolArray:
    """Whether each segment ``a → b`` enters the shape round ``centre`` (row by row).

    ``half`` holds the shapes' half width and half height, already grown by the clearance;
    an ellipse fills that box, any other shape is the box itself.

    Examples
    --------
    >>> centre, half = np.zeros((2, 2)), np.array([[50.0, 20.0], [50.0, 20.0]])
    >>> a, b = np.array([[30.0, 30.0]] * 2), np.array([[60.0, 0.0]] * 2)  # past the corner
    >>> segment_hits(centre, half, np.array([False, True]), a, b).tolist()
    [True, False]
    """
    start, along = a - centre, b - a  # in the shape's own frame
    # Ellipse: scale it to the unit circle; the segment hits if its nearest point is inside.
    p, d = start / half, along / half
    t = np.clip(-(p * d).sum(axis=1) / np.maximum((d * d).sum(axis=1), 1e-12), 0.0, 1.0)
    in_ellipse = ((p + t[:, None] * d) ** 2).sum(axis=1) < 1.0
    # Box: clip the segment to the slab of each axis (Liang–Barsky).
    low, high = np.zeros(len(centre)), np.ones(len(centre))
    for k in (0, 1):
        still = np.abs(along[:, k]) < 1e-12
        outside = still & (np.abs(start[:, k]) >= half[:, k])
        safe = np.where(still, 1.0, along[:, k])
        t0 = (-half[:, k] - start[:, k]) / safe
        t1 = (half[:, k] - start[:, k]) / safe
        low = np.where(still, np.where(outside, 2.0, low), np.maximum(low, np.minimum(t0, t1)))
        high = np.where(still, high, np.minimum(high, np.maximum(t0, t1)))
    result: BoolArray = np.where(ellipse, in_ellipse, low < high)
    return result
