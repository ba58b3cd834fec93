"""Keep stakeholders' boxes apart: the last step of every layout.

Layouts place box *centres*; a label box is wide, so two centres that look far enough apart
can still put one name on top of another. :func:`remove_overlaps` pushes overlapping boxes
apart along the axis that needs the smaller move (so rows and columns stay rows and columns),
a little at a time, until every pair has at least ``margin`` of clear space between them.
Pinned stakeholders never move; the others move round them. Crowds that pushing alone does
not clear are spread out a little now and then, and a box still caught at the end (boxed in
by pinned ones) is moved to the nearest free spot, so the result never has an overlap that
a movable box could avoid.

Candidate pairs come from a k-d tree (:class:`scipy.spatial.cKDTree`), so a round costs about
O(n log n) and a 5,000-stakeholder map is cleared in a few tenths of a second.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from sysmap.layout.nodes import MARGIN, BoolArray, FloatArray, IntArray
from sysmap.model.progress import NO_PROGRESS, Progress

_OVERSHOOT = 1.05  # push a touch further than needed, so pairs do not just touch again
_GROW_EVERY = 25  # rounds between spreading the movable boxes out a little
_GROWTH = 1.05
_MAX_ROUNDS = 600
_GOLDEN_ANGLE = np.pi * (3 - np.sqrt(5))


def overlapping_pairs(
    xy: FloatArray, width: FloatArray, height: FloatArray, margin: float = 0.0
) -> IntArray:
    """Return the index pairs ``(i, j)``, ``i < j``, whose boxes (plus margin) overlap.

    Examples
    --------
    >>> xy = np.array([[0.0, 0.0], [50.0, 0.0], [300.0, 0.0]])
    >>> overlapping_pairs(xy, np.full(3, 100.0), np.full(3, 30.0)).tolist()
    [[0, 1]]
    """
    pairs, *_ = _overlaps(xy, width / 2 + margin / 2, height / 2 + margin / 2)
    return pairs


def remove_overlaps(
    xy: FloatArray,
    width: FloatArray,
    height: FloatArray,
    movable: BoolArray,
    margin: float = MARGIN,
    tracker: Progress = NO_PROGRESS,
) -> FloatArray:
    """Move boxes apart until no two overlap; return the new centres.

    Parameters
    ----------
    xy : ndarray, shape (n, 2)
        Box centres.
    width, height : ndarray, shape (n,)
        Box sizes.
    movable : ndarray of bool
        Which boxes may move; the others (pinned stakeholders) stay exactly where they are.
    margin : float
        Clear space to keep between neighbouring boxes.
    tracker : Progress
        Progress and Cancel.

    Returns
    -------
    ndarray
        New centres. Movable boxes no longer overlap each other or a fixed box (two fixed
        boxes that overlap are left as they are).

    Examples
    --------
    >>> xy = np.zeros((3, 2))
    >>> out = remove_overlaps(xy, np.full(3, 100.0), np.full(3, 30.0), np.ones(3, bool))
    >>> len(overlapping_pairs(out, np.full(3, 100.0), np.full(3, 30.0), margin=36.0))
    0
    """
    xy = np.array(xy, dtype=float)
    if len(xy) < 2 or not movable.any():
        return xy
    xy = _fan_out(xy, movable, float(np.median(height)))
    half_w, half_h = width / 2 + margin / 2, height / 2 + margin / 2
    share = movable.astype(float)
    for done in range(_MAX_ROUNDS):
        pairs, dx, dy, over_x, over_y = _overlaps(xy, half_w, half_h, movable)
        if len(pairs) == 0:
            tracker.report(1.0)
            return xy
        tracker.report(done / (done + 40))  # the end is unknown: creep towards 1
        xy += _pushes(len(xy), pairs, dx, dy, over_x, over_y, share)
        if done % _GROW_EVERY == _GROW_EVERY - 1:
            # Give crowds that pushing alone cannot clear more room: spread the movable
            # boxes out from the middle of the whole picture.
            centre = xy.mean(axis=0)
            xy[movable] = centre + (xy[movable] - centre) * _GROWTH
    return _escape(xy, half_w, half_h, movable)


def _fan_out(xy: FloatArray, movable: BoolArray, step: float) -> FloatArray:
    """Spread movable boxes that share one spot into a small sunflower round it.

    Boxes on exactly the same spot give no direction to push in. The pattern is fixed, so
    results do not depend on chance: the boxes on a spot go round it in the map's order, the
    k-th (counting from 0) ``step·√k`` away and k golden angles round, so the first stays.
    """
    _, group, count = np.unique(xy, axis=0, return_inverse=True, return_counts=True)
    group = group.ravel()
    shared = movable & (count[group] > 1)
    if not shared.any():
        return xy
    order = np.argsort(group, kind="stable")
    rank = np.empty(len(xy), dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(count)[:-1]])
    rank[order] = np.arange(len(xy)) - np.repeat(starts, count)
    turn = rank * _GOLDEN_ANGLE
    reach = step * np.sqrt(rank)
    spread = xy.copy()
    spread[shared, 0] += (reach * np.cos(turn))[shared]
    spread[shared, 1] += (reach * np.sin(turn))[shared]
    return spread


def _escape(
    xy: FloatArray, half_w: FloatArray, half_h: FloatArray, movable: BoolArray
) -> FloatArray:
    """Move each box still caught in an overlap to the nearest free spot round it.

    The spots tried lie on growing square rings of half a box's steps, so a box trapped
    between pinned ones lands just outside them, and one is always found. Of the free spots
    on a ring, the one nearest the middle of a side wins, and of those equally near, right
    comes before left, then below, then above (the order ``_square_ring`` lists them in), so
    the same map always comes out the same way.
    """
    xy = xy.copy()
    pairs, *_ = _overlaps(xy, half_w, half_h, movable)
    for i in np.unique(pairs[movable[pairs]]).tolist():
        others = np.arange(len(xy)) != i
        ring = 0
        while _clashes(xy[i][None, :], i, xy[others], half_w, half_h, others).all():
            ring += 1
            candidates = xy[i] + _square_ring(ring) * np.array([half_w[i], half_h[i]])
            free = ~_clashes(candidates, i, xy[others], half_w, half_h, others)
            if free.any():
                xy[i] = candidates[np.argmax(free)]
                break
    return xy


def _clashes(
    spots: FloatArray,
    i: int,
    others_xy: FloatArray,
    half_w: FloatArray,
    half_h: FloatArray,
    others: BoolArray,
) -> BoolArray:
    """Whether box ``i`` placed at each spot would overlap any other box."""
    apart_x = np.abs(spots[:, None, 0] - others_xy[None, :, 0]) >= half_w[i] + half_w[others]
    apart_y = np.abs(spots[:, None, 1] - others_xy[None, :, 1]) >= half_h[i] + half_h[others]
    result: BoolArray = (~(apart_x | apart_y)).any(axis=1)
    return result


def _square_ring(ring: int) -> FloatArray:
    """Integer points on the square of "radius" ``ring``, nearest the middle of each side first."""
    side = np.arange(-ring, ring + 1)
    side = side[np.argsort(np.abs(side), kind="stable")]
    points = np.concatenate(
        [
            np.column_stack([np.full_like(side, ring), side]),
            np.column_stack([np.full_like(side, -ring), side]),
            np.column_stack([side, np.full_like(side, ring)]),
            np.column_stack([side, np.full_like(side, -ring)]),
        ]
    ).astype(float)
    order = np.argsort(np.hypot(points[:, 0], points[:, 1] * 2), kind="stable")
    result: FloatArray = points[order]
    return result


def _overlaps(
    xy: FloatArray, half_w: FloatArray, half_h: FloatArray, movable: BoolArray | None = None
) -> tuple[IntArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """Find overlapping pairs and how far they overlap along each axis.

    With ``movable``, pairs of two boxes that may not move are left out: nothing can be
    done about them.
    """
    if len(xy) < 2:
        empty = np.zeros(0)
        return np.zeros((0, 2), dtype=np.int64), empty, empty, empty, empty
    # Scale y so that every box fits in a square of side 2·max(half_w): a Chebyshev (L∞)
    # ball of that radius then finds every pair that could overlap.
    stretch = float(half_w.max() / half_h.max())
    scaled = np.column_stack([xy[:, 0], xy[:, 1] * stretch])
    tree = cKDTree(scaled)
    pairs = tree.query_pairs(2 * float(half_w.max()), p=np.inf, output_type="ndarray")
    pairs = pairs.astype(np.int64).reshape(-1, 2)
    i, j = pairs[:, 0], pairs[:, 1]
    dx = xy[j, 0] - xy[i, 0]
    dy = xy[j, 1] - xy[i, 1]
    over_x = half_w[i] + half_w[j] - np.abs(dx)
    over_y = half_h[i] + half_h[j] - np.abs(dy)
    hit = (over_x > 1e-9) & (over_y > 1e-9)
    if movable is not None:
        hit &= movable[i] | movable[j]
    order = np.lexsort((pairs[hit, 1], pairs[hit, 0]))  # deterministic order of pairs
    return (
        pairs[hit][order],
        dx[hit][order],
        dy[hit][order],
        over_x[hit][order],
        over_y[hit][order],
    )


def _pushes(
    n: int,
    pairs: IntArray,
    dx: FloatArray,
    dy: FloatArray,
    over_x: FloatArray,
    over_y: FloatArray,
    share: FloatArray,
) -> FloatArray:
    """How far each box moves this round: each pair splits the smaller overlap."""
    i, j = pairs[:, 0], pairs[:, 1]
    total = share[i] + share[j]
    safe = np.maximum(total, 1.0)
    part_i, part_j = share[i] / safe, share[j] / safe  # a fixed box takes no part
    along_x = over_x <= over_y
    # Boxes on the same spot go apart by index, so the result does not depend on chance.
    sign_x = np.where(dx < 0, -1.0, 1.0)
    sign_y = np.where(dy < 0, -1.0, 1.0)
    push_x = np.where(along_x, over_x * sign_x, 0.0)
    push_y = np.where(along_x, 0.0, over_y * sign_y)
    move = np.zeros((n, 2))
    move[:, 0] = np.bincount(j, push_x * part_j, n) - np.bincount(i, push_x * part_i, n)
    move[:, 1] = np.bincount(j, push_y * part_j, n) - np.bincount(i, push_y * part_i, n)
    # A box caught in many overlaps would add up all its pushes and overshoot; damping by
    # the square root of its count keeps crowds from exploding while still clearing fast.
    count = np.bincount(i, minlength=n) + np.bincount(j, minlength=n)
    damped: FloatArray = move * (_OVERSHOOT / np.sqrt(np.maximum(count, 1)))[:, None]
    return damped
