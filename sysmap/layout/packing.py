"""Packing boxes into tidy blocks, and blocks into rows.

The grouped layouts (by place, the "not rated" strip of the power/interest grid, and any
crowded sector area) arrange stakeholders as a small table: columns as wide as their widest
box, rows as tall as their tallest, ``margin`` of clear space round every box. Groups are
then set out left to right in rows ("shelves") whose width is chosen so that the whole
picture comes out landscape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from sysmap.layout.nodes import MARGIN, FloatArray, IntArray

LANDSCAPE_ASPECT = 1.6
"""Width over height that grouped layouts aim for (a laptop screen or a slide)."""


@dataclass(frozen=True)
class Block:
    """Boxes packed into a rectangle whose top-left corner is at (0, 0).

    Attributes
    ----------
    members : ndarray of int
        Rows of the node table, in packing order.
    offsets : ndarray, shape (k, 2)
        Each member's centre, relative to the block's top-left corner.
    width, height : float
        The block's size, including half a margin round the outside.
    spares : ndarray, shape (s, 2)
        Centres of the table's empty slots (the end of its last row), relative like
        ``offsets``: members may move there (:mod:`sysmap.layout.slot_swap`).
    """

    members: IntArray
    offsets: FloatArray
    width: float
    height: float
    spares: FloatArray = field(default_factory=lambda: np.zeros((0, 2)))


def grid_block(
    members: IntArray,
    width: FloatArray,
    height: FloatArray,
    aspect: float = LANDSCAPE_ASPECT,
    margin: float = MARGIN,
    min_width: float = 0.0,
) -> Block:
    """Pack ``members`` row by row into a table about ``aspect`` times wider than tall.

    Parameters
    ----------
    members : ndarray of int
        Rows of the node table, in the order to read them (left to right, top to bottom).
    width, height : ndarray
        Box sizes of the whole table.
    aspect : float
        Wanted width over height.
    margin : float
        Clear space between boxes.
    min_width : float
        The table is at least this wide (room for a caption); it is centred in that width.

    Examples
    --------
    >>> b = grid_block(np.arange(4), np.full(4, 100.0), np.full(4, 40.0), margin=20)
    >>> b.width, b.height, b.offsets[:2].tolist()
    (240.0, 120.0, [[60.0, 30.0], [180.0, 30.0]])
    """
    count = len(members)
    if count == 0:
        return Block(members, np.zeros((0, 2)), min_width, 0.0)
    w, h = width[members] + margin, height[members] + margin
    columns = max(1, min(count, math.ceil(math.sqrt(count * aspect * h.max() / w.max()))))
    rows = math.ceil(count / columns)
    column, row = np.arange(count) % columns, np.arange(count) // columns
    column_width, row_height = np.zeros(columns), np.zeros(rows)
    np.maximum.at(column_width, column, w)
    np.maximum.at(row_height, row, h)
    left = np.concatenate([[0.0], np.cumsum(column_width)[:-1]])
    top = np.concatenate([[0.0], np.cumsum(row_height)[:-1]])
    total = float(column_width.sum())
    indent = max(0.0, (min_width - total) / 2)
    offsets = np.column_stack(
        [indent + left[column] + column_width[column] / 2, top[row] + row_height[row] / 2]
    )
    empty = np.arange(count % columns, columns) if count % columns else np.zeros(0, np.int64)
    spares = np.column_stack(
        [indent + left[empty] + column_width[empty] / 2, np.full(len(empty), top[-1])]
    )
    spares[:, 1] += row_height[-1] / 2
    return Block(members, offsets, max(total, min_width), float(row_height.sum()), spares)


def shelves(
    sizes: FloatArray, max_width: float, gap: float, centre: bool = False
) -> tuple[FloatArray, float, float]:
    """Set rectangles out left to right, starting a new row when one would pass ``max_width``.

    Parameters
    ----------
    sizes : ndarray, shape (k, 2)
        Width and height of each rectangle, in order.
    max_width : float
        Widest a row may be (a rectangle wider than this gets a row to itself).
    gap : float
        Space between rectangles, across and down.
    centre : bool
        Centre each row under the widest one.

    Returns
    -------
    (ndarray, float, float)
        Top-left corner of each rectangle, and the total width and height.

    Examples
    --------
    >>> corners, w, h = shelves(np.array([[100.0, 50.0], [100.0, 30.0], [100.0, 40.0]]), 250, 10)
    >>> corners.tolist(), w, h
    ([[0.0, 0.0], [110.0, 0.0], [0.0, 60.0]], 210.0, 100.0)
    """
    corners = np.zeros((len(sizes), 2))
    rows: list[list[int]] = [[]]
    x = 0.0
    for i, (w, _) in enumerate(sizes.tolist()):
        if rows[-1] and x + w > max_width:
            rows.append([])
            x = 0.0
        corners[i, 0] = x
        rows[-1].append(i)
        x += w + gap
    y = 0.0
    row_widths = [float(sizes[r, 0].sum() + gap * (len(r) - 1)) for r in rows if r]
    widest = max(row_widths, default=0.0)
    for members, row_width in zip((r for r in rows if r), row_widths, strict=True):
        corners[members, 1] = y
        if centre:
            corners[members, 0] += (widest - row_width) / 2
        y += float(sizes[members, 1].max()) + gap
    return corners, widest, max(0.0, y - gap)


def landscape_shelves(
    sizes: FloatArray, gap: float, aspect: float = LANDSCAPE_ASPECT, centre: bool = False
) -> tuple[FloatArray, float, float]:
    """Like :func:`shelves`, choosing the row width that comes closest to ``aspect``."""
    if len(sizes) == 0:
        return np.zeros((0, 2)), 0.0, 0.0
    widest, total = float(sizes[:, 0].max()), float(sizes[:, 0].sum() + gap * (len(sizes) - 1))
    best: tuple[float, FloatArray, float, float] | None = None
    for limit in np.linspace(widest, total, 24):
        corners, w, h = shelves(sizes, float(limit), gap, centre)
        miss = abs(math.log(max(w, 1.0) / max(h, 1.0) / aspect))
        if best is None or miss < best[0] - 1e-9:
            best = (miss, corners, w, h)
    assert best is not None
    return best[1], best[2], best[3]


def grid_shape(block: Block) -> tuple[IntArray, IntArray]:
    """The column and row of each of a table's slots (its members', then its spares')."""
    slots = np.concatenate([block.offsets, block.spares])
    column = np.unique(np.round(slots[:, 0], 3), return_inverse=True)[1]
    row = np.unique(np.round(slots[:, 1], 3), return_inverse=True)[1]
    return column.astype(np.int64), row.astype(np.int64)


def stretch(block: Block, dx: float, dy: float) -> Block:
    """The same table with every gap between its columns widened by ``dx`` and every gap
    between its rows by ``dy``.

    A grouped layout whose row of tables is narrower than its band gives the spare room to
    the gaps inside the tables: lines then pass between the boxes, and the picture keeps
    its size.

    Examples
    --------
    >>> b = grid_block(np.arange(4), np.full(4, 100.0), np.full(4, 40.0), margin=20)
    >>> s = stretch(b, 50.0, 10.0)
    >>> s.width, s.height, s.offsets.tolist()
    (290.0, 130.0, [[60.0, 30.0], [230.0, 30.0], [60.0, 100.0], [230.0, 100.0]])
    """
    if len(block.offsets) == 0:
        return block
    column, row = grid_shape(block)
    moved = np.concatenate([block.offsets, block.spares])
    moved = moved + np.column_stack([column * dx, row * dy])
    count = len(block.offsets)
    return Block(
        block.members,
        moved[:count],
        block.width + int(column.max()) * dx,
        block.height + int(row.max()) * dy,
        moved[count:],
    )
