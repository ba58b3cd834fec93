"""Where lines meet shapes, and the search for the first curve of a list that clears them.

Shared by :mod:`sysmap.layout.routes` (one bend) and :mod:`sysmap.layout.waypoint_routes`
(two waypoints, for the lines no single bend clears): both try fixed lists of curves,
cheapest first, a chunk at a time, and keep the first whose samples keep the margin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from sysmap.layout.line_clearance import segment_hits
from sysmap.layout.nodes import BoolArray, FloatArray, IntArray

Curves = Callable[[IntArray, IntArray], tuple[FloatArray, FloatArray]]
"""Given rows of lines and of templates (as many of each), each curve's samples (k, s, 2)
and the left, top, right, bottom of the box round its hull (k, 4)."""


@dataclass(frozen=True)
class Obstacles:
    """The shapes lines must keep off.

    Attributes
    ----------
    centre : ndarray, shape (n, 2)
        Centres of the shapes.
    half : ndarray, shape (n, 2)
        Half width and half height of each shape as drawn.
    ellipse : ndarray of bool, shape (n,)
        Which shapes are ellipses (the others are tested as their box).
    """

    centre: FloatArray
    half: FloatArray
    ellipse: BoolArray


def polyline_hits(
    obstacles: Obstacles, points: FloatArray, ends: IntArray, margin: float
) -> IntArray:
    """Which shapes each polyline passes within ``margin`` of, as sorted rows (line, shape).

    ``points`` is (m, k, 2); ``ends`` (m, 2) the shapes each line may touch (its own ends).
    Candidates come from a k-d tree over the shapes' centres, then each gets the exact test
    of :func:`~sysmap.layout.line_clearance.segment_hits`, chord by chord.
    """
    m, k = points.shape[:2]
    n = len(obstacles.centre)
    if m == 0 or n == 0 or k < 2:
        return np.zeros((0, 2), dtype=np.int64)
    p, q = points[:, :-1].reshape(-1, 2), points[:, 1:].reshape(-1, 2)
    owner = np.repeat(np.arange(m), k - 1)
    reach = float(np.hypot(*(obstacles.half.max(axis=0) + margin)))
    shape, seg = _near_chords(cKDTree(obstacles.centre), p, q, reach)
    line = owner[seg]
    own = (ends[line, 0] == shape) | (ends[line, 1] == shape)
    shape, seg, line = shape[~own], seg[~own], line[~own]
    half = obstacles.half[shape] + margin
    hit = segment_hits(obstacles.centre[shape], half, obstacles.ellipse[shape], p[seg], q[seg])
    keys = np.unique(line[hit] * n + shape[hit])
    return np.column_stack([keys // n, keys % n]).astype(np.int64)


def _near_chords(
    tree: cKDTree, p: FloatArray, q: FloatArray, reach: float
) -> tuple[IntArray, IntArray]:
    """Pairs (shape, chord) whose centres are within ``reach`` plus half the chord.

    Chords are taken in classes of similar length (each within twice the shortest), each
    class with its own radius: one radius for all would make every short chord of a map
    with a few long lines a candidate for hundreds of shapes.
    """
    half = np.hypot(*(q - p).T) / 2
    level = np.floor(np.log2(np.maximum(half, 1.0))).astype(np.int64)
    mids = (p + q) / 2
    shapes, chords = [], []
    for value in np.unique(level).tolist():
        rows = np.flatnonzero(level == value)
        radius = reach + float(half[rows].max())
        near = tree.sparse_distance_matrix(cKDTree(mids[rows]), radius, output_type="ndarray")
        shapes.append(near["i"].astype(np.int64))
        chords.append(rows[near["j"]])
    return np.concatenate(shapes), np.concatenate(chords)


def crossed_count(
    obstacles: Obstacles, points: FloatArray, ends: IntArray, margin: float
) -> IntArray:
    """How many shapes each polyline passes within ``margin`` of (but its ends)."""
    pairs = polyline_hits(obstacles, points, ends, margin)
    return np.bincount(pairs[:, 0], minlength=len(points)).astype(np.int64)


def first_clear(
    obstacles: Obstacles,
    ends: IntArray,
    count: int,
    curves: Curves,
    margin: float,
    chunk: int,
) -> tuple[IntArray, FloatArray, IntArray]:
    """Try templates ``0 .. count - 1`` in order, ``chunk`` at a time, for the lines still
    crossing.

    Returns
    -------
    best : ndarray of int, shape (m,)
        Each line's first clear template, else the first of those crossing fewest shapes.
    region : ndarray, shape (m, 4)
        The box round the hull of every template tried for the line, grown by ``margin``
        (a shape outside it cannot change the choice).
    crossed : ndarray of int, shape (m,)
        How many shapes the chosen template passes within ``margin`` of.
    """
    m = len(ends)
    best = np.full(m, -1, dtype=np.int64)
    best_crossed = np.full(m, np.iinfo(np.int64).max, dtype=np.int64)
    region = np.full((m, 4), np.nan)
    open_ = np.arange(m)
    for start in range(0, count, chunk):
        if not len(open_):
            break
        rows = np.arange(start, min(start + chunk, count))
        line = np.repeat(open_, len(rows))
        points, boxes = curves(line, np.tile(rows, len(open_)))
        crossed = crossed_count(obstacles, points, ends[line], margin).reshape(-1, len(rows))
        # The first clear template of the chunk, else (for the fallback) the least bad.
        clear = crossed == 0
        first = np.where(clear.any(axis=1), clear.argmax(axis=1), len(rows) - 1)
        tried = np.arange(len(rows))[None, :] <= first[:, None]
        grown = np.where(tried[..., None], boxes.reshape(len(open_), len(rows), 4), np.nan)
        here = region[open_]
        region[open_] = np.column_stack(
            [
                np.fmin(here[:, :2], np.nanmin(grown[..., :2], axis=1) - margin),
                np.fmax(here[:, 2:], np.nanmax(grown[..., 2:], axis=1) + margin),
            ]
        )
        pick = np.where(clear.any(axis=1), first, crossed.argmin(axis=1))
        picked = crossed[np.arange(len(open_)), pick]
        better = picked < best_crossed[open_]
        best[open_[better]] = rows[pick[better]]
        best_crossed[open_[better]] = picked[better]
        open_ = open_[~clear.any(axis=1)]
    return best, region, best_crossed
