"""Boxes round a ring (a circle or a landscape ellipse), as close as they fit.

Shared by the circular and citizen-centred layouts. Each box gets a stretch of the ring as
long as the box measures along the ring where it sits (a wide label box needs more room at
the top and bottom of a ring than at its sides), plus the margin; the ring is then made just
big enough for all of them.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from sysmap.layout.nodes import MARGIN, FloatArray
from sysmap.layout.overlap import overlapping_pairs

START = -math.pi / 2
"""Angle of the top of a ring (y grows downwards); boxes go round clockwise from here."""
_SAMPLES = 4096


def ring(
    width: FloatArray,
    height: FloatArray,
    gap_after: FloatArray,
    aspect: float = 1.0,
    min_radius: float = 0.0,
    lead: float = 0.0,
) -> tuple[FloatArray, float]:
    """Angles round a ring for boxes in order, and the ring's half-width, so none overlap.

    Parameters
    ----------
    width, height : ndarray
        Box sizes, in the order they go round.
    gap_after : ndarray
        Extra room after each box (between sectors; before the first box, for a caption).
    aspect : float
        Width of the ring over its height (1 for a circle).
    min_radius : float
        The ring's half-width is at least this.
    lead : float
        Room left empty before the first box, centred on the top of the ring.

    Returns
    -------
    (ndarray, float)
        The angle parameter of each box and the ring's half-width ``a`` (half-height
        ``a / aspect``); see :func:`on_ring`.

    Examples
    --------
    >>> angles, a = ring(np.full(4, 100.0), np.full(4, 40.0), np.zeros(4))
    >>> len(angles), bool(a > 100)
    (4, True)
    """
    n = len(width)
    if n == 0:
        return np.zeros(0), float(min_radius)
    if n == 1 and min_radius <= 0:
        return np.array([START]), 0.0
    t, arc = _arc_table(aspect)
    angles = np.linspace(START, START + 2 * math.pi, n, endpoint=False)
    radius = float(min_radius)
    smallest = _smallest(width, height, aspect) if n > 1 else 0.0
    for _ in range(4):  # angles and lengths depend on each other: settle in a few rounds
        lengths = _along_ring(angles, width, height, aspect)
        slots = (lengths + np.roll(lengths, -1)) / 2 + gap_after
        need = float(slots.sum()) + lead
        radius = max(need / float(arc[-1]), smallest, min_radius)
        slots += (float(arc[-1]) * radius - need) / n  # a ring bigger than needed: share out
        # Half a slot either side of the top, so the ring is symmetric about it.
        position = lead / 2 + slots[-1] / 2 + np.concatenate([[0.0], np.cumsum(slots)[:-1]])
        angles = np.interp(position / radius, arc, t)
    for _ in range(80):  # an arc is longer than its chord: grow until neighbours clear
        if len(overlapping_pairs(on_ring(angles, radius, aspect), width, height, MARGIN)) == 0:
            break
        radius *= 1.04
    return angles, radius


def on_ring(angles: FloatArray, radius: float, aspect: float = 1.0) -> FloatArray:
    """Points at ``angles`` on a ring of half-width ``radius``, centred on the origin."""
    return np.column_stack([radius * np.cos(angles), radius / aspect * np.sin(angles)])


def _along_ring(
    angles: FloatArray, width: FloatArray, height: FloatArray, aspect: float
) -> FloatArray:
    """How long each box (plus margin) is, measured along the ring where it sits."""
    tx, ty = -np.sin(angles), np.cos(angles) / aspect
    norm = np.hypot(tx, ty)
    result: FloatArray = (np.abs(tx) * (width + MARGIN) + np.abs(ty) * (height + MARGIN)) / norm
    return result


def _smallest(width: FloatArray, height: FloatArray, aspect: float) -> float:
    """Half-width below which boxes on opposite sides of the ring would meet."""
    return float(max(width.max() + MARGIN, aspect * (height.max() + MARGIN)))


@lru_cache(maxsize=4)
def _arc_table(aspect: float) -> tuple[FloatArray, FloatArray]:
    """Angle parameters and the arc length up to each, for a ring of half-width 1."""
    t = np.linspace(START, START + 2 * math.pi, _SAMPLES + 1)
    x, y = np.cos(t), np.sin(t) / aspect
    steps = np.hypot(np.diff(x), np.diff(y))
    return t, np.concatenate([[0.0], np.cumsum(steps)])


def ring_near(
    width: FloatArray,
    height: FloatArray,
    wanted: FloatArray,
    min_radius: float = 0.0,
    lead: float = 0.0,
    follow: float = 1.0,
) -> tuple[FloatArray, float]:
    """Boxes round a circle, each as near as it can get to its ``wanted`` angle.

    Used for the outer rings of the citizen-centred layout, so that a stakeholder sits just
    outside the ones it deals with. The boxes must come sorted by wanted angle (clockwise
    from the top); they keep that order, with at least the room :func:`ring` would give them,
    and the circle is the one :func:`ring` chooses. With ``follow`` below 1 each box aims
    only part of the way from its evenly spaced place towards its wanted angle, so a ring
    stays visibly a ring even when everyone's contacts sit on one side.

    Examples
    --------
    >>> angles, r = ring_near(np.full(2, 100.0), np.full(2, 40.0), np.array([0.0, 0.1]), 400.0)
    >>> bool(angles[0] < 0.0 < angles[1]), r
    (True, 400.0)
    """
    angles, radius = ring(width, height, np.zeros(len(width)), 1.0, min_radius, lead)
    if len(width) < 2 or radius <= 0:
        return angles, radius
    t, arc = _arc_table(1.0)
    goal = np.interp(START + np.mod(wanted - START, 2 * math.pi), t, arc)
    even, even_radius = angles, radius
    goal = follow * goal + (1 - follow) * np.interp(even, t, arc)
    for _ in range(20):
        perimeter = float(arc[-1]) * radius
        for _ in range(3):  # room along the ring depends on where a box sits: settle
            lengths = _along_ring(angles, width, height, 1.0)
            gaps = (lengths[:-1] + lengths[1:]) / 2
            offsets = np.concatenate([[0.0], np.cumsum(gaps)])
            spaced = _spread(goal * radius, gaps)
            # Keep clear of the caption at the top: no box before ``low`` or after ``high``.
            low, high = lead / 2 + lengths[0] / 2, perimeter - lead / 2 - lengths[-1] / 2
            spaced = np.minimum(np.maximum(spaced, low + offsets), high - offsets[-1] + offsets)
            angles = np.interp(spaced / radius, arc, t)
        xy = on_ring(angles, radius)
        if len(overlapping_pairs(xy, width, height, MARGIN)) == 0:
            return angles, radius
        radius *= 1.05
    return even, even_radius


def _spread(goal: FloatArray, gaps: FloatArray) -> FloatArray:
    """Positions in order, ``gaps`` apart at least, as close as possible to ``goal``.

    The least-squares answer: subtract the gaps, fit a non-decreasing sequence by pooling
    adjacent violators, add the gaps back.

    Examples
    --------
    >>> _spread(np.array([0.0, 0.0, 10.0]), np.array([4.0, 4.0])).tolist()
    [-2.0, 2.0, 10.0]
    """
    offsets = np.concatenate([[0.0], np.cumsum(gaps)])
    target = goal - offsets
    means: list[float] = []
    sizes: list[int] = []
    for value in target.tolist():
        means.append(value)
        sizes.append(1)
        while len(means) > 1 and means[-2] > means[-1]:
            size = sizes[-2] + sizes[-1]
            means[-2] = (means[-2] * sizes[-2] + means[-1] * sizes[-1]) / size
            sizes[-2] = size
            means.pop()
            sizes.pop()
    fitted = np.repeat(means, sizes)
    result: FloatArray = fitted + offsets
    return result
